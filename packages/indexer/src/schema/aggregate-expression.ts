// The `arg` of `@aggregate`: a field of the source timeseries or an expression over its fields. graph-node
// accepts a subset of SQL; this indexer evaluates field names, numbers, `+`, `-`, `*`, unary minus and
// parentheses, and refuses the rest (naming it) rather than computing something else.
import { SchemaError } from "./errors.js";
import type { ArgExpression } from "./model.js";

type Token =
  | { readonly kind: "name"; readonly text: string }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "op"; readonly text: "+" | "-" | "*" | "(" | ")" | "," };

function refuse(owner: string, arg: string, what: string): SchemaError {
  return new SchemaError(
    `${owner}: @aggregate(arg: "${arg}"): ${what}; this indexer evaluates field names, numbers, +, -, * and parentheses (graph-node's other SQL operators and functions are not supported)`,
  );
}

function tokenize(owner: string, arg: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|([+\-*(),]))/y;
  let at = 0;
  while (at < arg.length) {
    if (/^\s*$/.test(arg.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(arg);
    if (!match) throw refuse(owner, arg, `\`${arg.slice(at).trim()}\` is not supported`);
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: "name", text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: "number", text: match[2] });
    else tokens.push({ kind: "op", text: match[3] as "+" | "-" | "*" | "(" | ")" | "," });
  }
  return tokens;
}

/** Parses `arg`; `isField(name)` says whether the source has a numeric field of that name. */
export function parseArgExpression(
  owner: string,
  arg: string,
  isField: (name: string) => boolean,
): ArgExpression {
  const tokens = tokenize(owner, arg);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expectOp = (text: string): void => {
    const token = tokens[pos];
    if (token?.kind !== "op" || token.text !== text) throw refuse(owner, arg, `expected \`${text}\``);
    pos += 1;
  };
  const primary = (): ArgExpression => {
    const token = tokens[pos];
    if (!token) throw refuse(owner, arg, "the expression ends too early");
    pos += 1;
    if (token.kind === "number") return { kind: "number", text: token.text };
    if (token.kind === "name") {
      if (peek()?.text === "(") throw refuse(owner, arg, `the function \`${token.text}\` is not supported`);
      if (!isField(token.text)) {
        throw new SchemaError(
          `${owner}: @aggregate(arg: "${arg}"): \`${token.text}\` is not a numeric field of the source timeseries`,
        );
      }
      return { kind: "field", name: token.text };
    }
    if (token.text === "-") return { kind: "negate", operand: primary() };
    if (token.text === "(") {
      const inner = sum();
      expectOp(")");
      return inner;
    }
    throw refuse(owner, arg, `unexpected \`${token.text}\``);
  };
  const product = (): ArgExpression => {
    let left = primary();
    while (peek()?.text === "*") {
      pos += 1;
      left = { kind: "binary", op: "*", left, right: primary() };
    }
    return left;
  };
  const sum = (): ArgExpression => {
    let left = product();
    for (let next = peek(); next?.text === "+" || next?.text === "-"; next = peek()) {
      pos += 1;
      left = { kind: "binary", op: next.text, left, right: product() };
    }
    return left;
  };
  const expression = sum();
  const rest = peek();
  if (rest) throw refuse(owner, arg, `unexpected \`${rest.text}\``);
  return expression;
}
