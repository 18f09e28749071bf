// The `arg` of `@aggregate`: a field of the source timeseries or an SQL expression over its fields, as graph-node
// takes them (docs/aggregations.md "Aggregation expressions"). Parsed with Postgres' precedence and type-checked
// here; evaluated exactly in store/aggregate-values.ts. Refused, naming the part: `/` and `^`/`power` (Postgres
// rounds their `numeric` results to a scale of its choosing), `<->`, the simple `CASE x WHEN` form, strings.
import { SchemaError } from "./errors.js";
import type { ArgBinaryOp, ArgExpression, ArgFunction } from "./model.js";

/** The type of a value in an expression: the source's numeric fields are numbers, Boolean fields booleans. */
export type ArgType = "number" | "boolean";

type Token =
  | { readonly kind: "name"; readonly text: string }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "op"; readonly text: string };

const COMPARISONS: ReadonlySet<string> = new Set(["=", "<>", "!=", "<", "<=", ">", ">="]);

/** Each function's arity (`null`: one or more) and whether it takes and gives numbers only. */
const FUNCTIONS: Readonly<Record<ArgFunction, { readonly arity: number | null }>> = {
  abs: { arity: 1 },
  ceil: { arity: 1 },
  ceiling: { arity: 1 },
  div: { arity: 2 },
  floor: { arity: 1 },
  gcd: { arity: 2 },
  lcm: { arity: 2 },
  mod: { arity: 2 },
  sign: { arity: 1 },
  coalesce: { arity: null },
  nullif: { arity: 2 },
  greatest: { arity: null },
  least: { arity: null },
};

const SUPPORTED =
  "this indexer evaluates field names, numbers, true/false/null, + - * %, comparisons, and/or/not, is [not] null/true/false/distinct from, case when, abs, ceil, ceiling, div, floor, gcd, lcm, mod, sign, coalesce, nullif, greatest and least";

class Parser {
  private pos = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly owner: string,
    private readonly arg: string,
    private readonly fieldType: (name: string) => ArgType | null,
  ) {
    this.tokens = this.tokenize();
  }

  refuse(what: string): SchemaError {
    return new SchemaError(`${this.owner}: @aggregate(arg: "${this.arg}"): ${what}; ${SUPPORTED}`);
  }

  private tokenize(): Token[] {
    const tokens: Token[] = [];
    const pattern = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d*)?|\.\d+)|(<->|<=|>=|<>|!=|[-+*/%^(),=<>]))/y;
    let at = 0;
    while (at < this.arg.length) {
      if (/^\s*$/.test(this.arg.slice(at))) break;
      pattern.lastIndex = at;
      const match = pattern.exec(this.arg);
      if (!match) throw this.refuse(`\`${this.arg.slice(at).trim()}\` is not supported`);
      at = pattern.lastIndex;
      if (match[1] !== undefined) tokens.push({ kind: "name", text: match[1] });
      else if (match[2] !== undefined) tokens.push({ kind: "number", text: match[2] });
      else tokens.push({ kind: "op", text: match[3] ?? "" });
    }
    return tokens;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === "name" && token.text.toLowerCase() === word;
  }

  private isOp(text: string): boolean {
    const token = this.peek();
    return token?.kind === "op" && token.text === text;
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.refuse(`expected \`${word}\``);
    this.pos += 1;
  }

  private expectOp(text: string): void {
    if (!this.isOp(text)) throw this.refuse(`expected \`${text}\``);
    this.pos += 1;
  }

  parse(): ArgExpression {
    const expression = this.or();
    const rest = this.peek();
    if (rest) throw this.refuse(`unexpected \`${rest.text}\``);
    return expression;
  }

  private or(): ArgExpression {
    let left = this.and();
    while (this.isKeyword("or")) {
      this.pos += 1;
      left = { kind: "binary", op: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): ArgExpression {
    let left = this.not();
    while (this.isKeyword("and")) {
      this.pos += 1;
      left = { kind: "binary", op: "and", left, right: this.not() };
    }
    return left;
  }

  private not(): ArgExpression {
    if (this.isKeyword("not")) {
      this.pos += 1;
      return { kind: "not", operand: this.not() };
    }
    return this.is();
  }

  private is(): ArgExpression {
    let operand = this.comparison();
    while (this.isKeyword("is")) {
      this.pos += 1;
      let negated = false;
      if (this.isKeyword("not")) {
        this.pos += 1;
        negated = true;
      }
      if (this.isKeyword("distinct")) {
        this.pos += 1;
        this.expectKeyword("from");
        operand = { kind: "distinct", left: operand, right: this.comparison(), negated };
        continue;
      }
      const test = this.peek();
      const word = test?.kind === "name" ? test.text.toLowerCase() : "";
      if (word !== "null" && word !== "true" && word !== "false") {
        throw this.refuse("`is` must be followed by [not] null, true, false or distinct from");
      }
      this.pos += 1;
      operand = { kind: "is", operand, test: word, negated };
    }
    return operand;
  }

  private comparison(): ArgExpression {
    const left = this.additive();
    const token = this.peek();
    if (token?.kind === "op" && COMPARISONS.has(token.text)) {
      this.pos += 1;
      const op = (token.text === "!=" ? "<>" : token.text) as ArgBinaryOp;
      return { kind: "binary", op, left, right: this.additive() };
    }
    return left;
  }

  private additive(): ArgExpression {
    let left = this.multiplicative();
    for (let token = this.peek(); token?.kind === "op" && (token.text === "+" || token.text === "-"); ) {
      this.pos += 1;
      left = { kind: "binary", op: token.text, left, right: this.multiplicative() };
      token = this.peek();
    }
    return left;
  }

  private multiplicative(): ArgExpression {
    let left = this.unary();
    for (let token = this.peek(); token?.kind === "op"; token = this.peek()) {
      if (token.text === "/" || token.text === "^") {
        throw this.refuse(
          `the operator \`${token.text}\` is not supported (its numeric result's scale is Postgres')`,
        );
      }
      if (token.text !== "*" && token.text !== "%") break;
      this.pos += 1;
      left = { kind: "binary", op: token.text, left, right: this.unary() };
    }
    return left;
  }

  private unary(): ArgExpression {
    if (this.isOp("-")) {
      this.pos += 1;
      return { kind: "negate", operand: this.unary() };
    }
    if (this.isOp("+")) {
      this.pos += 1;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): ArgExpression {
    const token = this.peek();
    if (!token) throw this.refuse("the expression ends too early");
    this.pos += 1;
    if (token.kind === "number") return { kind: "number", text: token.text };
    if (token.kind === "op") {
      if (token.text === "(") {
        const inner = this.or();
        this.expectOp(")");
        return inner;
      }
      throw this.refuse(`unexpected \`${token.text}\``);
    }
    const word = token.text.toLowerCase();
    if (word === "true" || word === "false") return { kind: "boolean", value: word === "true" };
    if (word === "null") return { kind: "null" };
    if (word === "case") return this.caseExpression();
    if (this.isOp("(")) {
      if (!(word in FUNCTIONS)) throw this.refuse(`the function \`${token.text}\` is not supported`);
      this.pos += 1;
      const args: ArgExpression[] = [];
      if (!this.isOp(")")) {
        args.push(this.or());
        while (this.isOp(",")) {
          this.pos += 1;
          args.push(this.or());
        }
      }
      this.expectOp(")");
      const name = word as ArgFunction;
      const arity = FUNCTIONS[name].arity;
      if ((arity !== null && args.length !== arity) || args.length === 0) {
        throw this.refuse(`\`${name}\` takes ${arity ?? "one or more"} argument(s), not ${args.length}`);
      }
      return { kind: "call", name, args };
    }
    if (this.fieldType(token.text) === null) {
      throw new SchemaError(
        `${this.owner}: @aggregate(arg: "${this.arg}"): \`${token.text}\` is not a numeric or Boolean field of the source timeseries`,
      );
    }
    return { kind: "field", name: token.text };
  }

  private caseExpression(): ArgExpression {
    if (!this.isKeyword("when"))
      throw this.refuse("only `case when ... then ... [else ...] end` is supported");
    const whens: { condition: ArgExpression; result: ArgExpression }[] = [];
    while (this.isKeyword("when")) {
      this.pos += 1;
      const condition = this.or();
      this.expectKeyword("then");
      whens.push({ condition, result: this.or() });
    }
    let otherwise: ArgExpression | null = null;
    if (this.isKeyword("else")) {
      this.pos += 1;
      otherwise = this.or();
    }
    this.expectKeyword("end");
    return { kind: "case", whens, otherwise };
  }

  /** The type of `e` (`null`: the NULL literal, any type), refusing mismatches as Postgres would. */
  typeOf(e: ArgExpression): ArgType | null {
    const want = (x: ArgExpression, type: ArgType, where: string): void => {
      const actual = this.typeOf(x);
      if (actual !== null && actual !== type) throw this.refuse(`${where} needs a ${type}, not a ${actual}`);
    };
    const same = (xs: readonly ArgExpression[], where: string): ArgType | null => {
      let found: ArgType | null = null;
      for (const x of xs) {
        const t = this.typeOf(x);
        if (t !== null && found !== null && t !== found)
          throw this.refuse(`${where} mixes numbers and booleans`);
        found ??= t;
      }
      return found;
    };
    switch (e.kind) {
      case "field":
        return this.fieldType(e.name);
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return null;
      case "negate":
        want(e.operand, "number", "`-`");
        return "number";
      case "not":
        want(e.operand, "boolean", "`not`");
        return "boolean";
      case "binary":
        if (e.op === "and" || e.op === "or") {
          want(e.left, "boolean", `\`${e.op}\``);
          want(e.right, "boolean", `\`${e.op}\``);
          return "boolean";
        }
        if (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "%") {
          want(e.left, "number", `\`${e.op}\``);
          want(e.right, "number", `\`${e.op}\``);
          return "number";
        }
        same([e.left, e.right], `\`${e.op}\``);
        return "boolean";
      case "is":
        if (e.test !== "null") want(e.operand, "boolean", `\`is ${e.test}\``);
        else this.typeOf(e.operand);
        return "boolean";
      case "distinct":
        same([e.left, e.right], "`is distinct from`");
        return "boolean";
      case "call":
        if (e.name === "coalesce" || e.name === "nullif" || e.name === "greatest" || e.name === "least") {
          return same(e.args, `\`${e.name}\``);
        }
        for (const arg of e.args) want(arg, "number", `\`${e.name}\``);
        return "number";
      case "case": {
        for (const when of e.whens) want(when.condition, "boolean", "`when`");
        return same([...e.whens.map((w) => w.result), ...(e.otherwise ? [e.otherwise] : [])], "`case`");
      }
    }
  }
}

/**
 * Parses `arg`; `fieldType(name)` gives the type of the source's field `name` (null: not a numeric or Boolean
 * field). The result must be a number.
 */
export function parseArgExpression(
  owner: string,
  arg: string,
  fieldType: (name: string) => ArgType | null,
): ArgExpression {
  const parser = new Parser(owner, arg, fieldType);
  const expression = parser.parse();
  if (parser.typeOf(expression) === "boolean")
    throw parser.refuse("the expression is a boolean, not a number");
  return expression;
}
