// graph-node passes a search field's `text` to Postgres' `to_tsquery`. This parses that language (operands,
// `'quoted terms'`, `:*` prefixes, `!`, `<->`, `&`, `|`, parentheses; `!` binds tightest, then `<->`, `&`, `|`)
// and writes the same query in SQLite FTS5's MATCH syntax, which has no unary NOT and no phrase of sub-queries:
// those are refused with a clear error rather than answered differently.
import type { FulltextLanguage } from "../schema/model.js";
import { QueryError } from "./errors.js";

type Node =
  | { readonly kind: "term"; readonly text: string; readonly prefix: boolean }
  | { readonly kind: "not"; readonly node: Node }
  | { readonly kind: "and" | "or"; readonly nodes: readonly Node[] }
  | { readonly kind: "phrase"; readonly nodes: readonly Node[] };

/** Postgres' English stop words (snowball `english.stop`): `to_tsquery('english', …)` drops them. */
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers " +
    "herself it its itself they them their theirs themselves what which who whom this that these those am is " +
    "are was were be been being have has had having do does did doing a an the and but if or because as until " +
    "while of at by for with about against between into through during before after above below to from up " +
    "down in out on off over under again further then once here there when where why how all any both each " +
    "few more most other some such no nor not only own same so than too very s t can will just don should now"
  ).split(" "),
);

export class TsQuerySyntaxError extends QueryError {}

function syntaxError(text: string): TsQuerySyntaxError {
  // graph-node's message for Postgres' "syntax error in tsquery".
  return new TsQuerySyntaxError(
    `Invalid fulltext search query syntax. Error: syntax error in tsquery: "${text}". Hint: Search terms with spaces need to be enclosed in single quotes`,
  );
}

function unsupported(text: string, why: string): QueryError {
  return new QueryError(`Fulltext search query "${text}" is not supported: ${why}`);
}

const OPERAND_END = /[\s&|!()<:']/;

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.or();
    this.skipSpace();
    if (this.pos < this.text.length) throw syntaxError(this.text);
    return node;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? "";
  }

  private or(): Node {
    return this.joined("|", "or", () => this.and());
  }

  private and(): Node {
    return this.joined("&", "and", () => this.phrase());
  }

  /** Operands of `next` separated by `op`, as one node of `kind` when there are several. */
  private joined(op: string, kind: "and" | "or", next: () => Node): Node {
    const nodes = [next()];
    while (this.peek() === op) {
      this.pos++;
      nodes.push(next());
    }
    return nodes.length === 1 ? (nodes[0] as Node) : { kind, nodes };
  }

  private phrase(): Node {
    const nodes = [this.unary()];
    while (this.peek() === "<") {
      const match = /^<(-|\d+)>/.exec(this.text.slice(this.pos));
      if (!match) throw syntaxError(this.text);
      if (match[1] !== "-" && match[1] !== "1") {
        throw unsupported(this.text, `${match[0]} (FTS5 phrases hold adjacent words only: use <->)`);
      }
      this.pos += match[0].length;
      nodes.push(this.unary());
    }
    return nodes.length === 1 ? (nodes[0] as Node) : { kind: "phrase", nodes };
  }

  private unary(): Node {
    const c = this.peek();
    if (c === "!") {
      this.pos++;
      return { kind: "not", node: this.unary() };
    }
    if (c === "(") {
      this.pos++;
      const inner = this.or();
      if (this.peek() !== ")") throw syntaxError(this.text);
      this.pos++;
      return inner;
    }
    return this.operand();
  }

  private operand(): Node {
    let word = "";
    if (this.peek() === "'") {
      this.pos++;
      for (;;) {
        const ch = this.text[this.pos];
        if (ch === undefined) throw syntaxError(this.text);
        this.pos++;
        if (ch === "'") {
          if (this.text[this.pos] !== "'") break;
          this.pos++;
        }
        word += ch;
      }
    } else {
      while (this.pos < this.text.length && !OPERAND_END.test(this.text[this.pos] ?? "")) {
        word += this.text[this.pos];
        this.pos++;
      }
      if (word === "") throw syntaxError(this.text);
    }
    let prefix = false;
    if (this.text[this.pos] === ":") {
      this.pos++;
      const flags = /^[*A-Da-d]*/.exec(this.text.slice(this.pos))?.[0] ?? "";
      if (flags === "") throw syntaxError(this.text);
      if (/[A-Da-d]/.test(flags)) {
        // graph-node's search columns carry no weights: Postgres would match nothing but D-weighted lexemes.
        throw unsupported(this.text, "weights (:A to :D) are not supported");
      }
      prefix = true;
      this.pos += flags.length;
    }
    return { kind: "term", text: word, prefix };
  }
}

/** Drops what Postgres' dictionaries drop (stop words, operands without letters or digits); `null` if nothing is left. */
function normalize(node: Node, language: FulltextLanguage): Node | null {
  switch (node.kind) {
    case "term": {
      if (!/[\p{L}\p{N}]/u.test(node.text)) return null;
      if (language === "en" && ENGLISH_STOP_WORDS.has(node.text.toLowerCase())) return null;
      return node;
    }
    case "not": {
      const inner = normalize(node.node, language);
      return inner ? { kind: "not", node: inner } : null;
    }
    case "phrase":
    case "and":
    case "or": {
      // Inside a phrase a stop word keeps its place: FTS5 cannot say "any one word here" as Postgres does.
      const inner = node.kind === "phrase" ? "simple" : language;
      const nodes = node.nodes.flatMap((n) => normalize(n, inner) ?? []);
      if (nodes.length === 0) return null;
      return nodes.length === 1 ? (nodes[0] as Node) : { kind: node.kind, nodes };
    }
  }
}

function quote(term: { readonly text: string; readonly prefix: boolean }): string {
  return `"${term.text.replaceAll('"', '""')}"${term.prefix ? " *" : ""}`;
}

function emit(node: Node, text: string): string {
  switch (node.kind) {
    case "term":
      return quote(node);
    case "phrase":
      return node.nodes
        .map((n) => {
          if (n.kind !== "term") {
            throw unsupported(text, "<-> joins single terms only in FTS5 (no phrases of sub-queries)");
          }
          return quote(n);
        })
        .join(" + ");
    case "or":
      return `(${node.nodes
        .map((n) => {
          if (n.kind === "not")
            throw unsupported(text, "! is only supported as `term & !other` (FTS5 has no unary NOT)");
          return emit(n, text);
        })
        .join(" OR ")})`;
    case "and": {
      const positive = node.nodes.filter((n) => n.kind !== "not");
      const negative = node.nodes.flatMap((n) => (n.kind === "not" ? [n.node] : []));
      if (positive.length === 0) {
        throw unsupported(text, "! is only supported as `term & !other` (FTS5 has no unary NOT)");
      }
      let out = `(${positive.map((n) => emit(n, text)).join(" AND ")})`;
      for (const n of negative) out = `(${out} NOT ${emit(n, text)})`;
      return out;
    }
    case "not":
      throw unsupported(text, "! is only supported as `term & !other` (FTS5 has no unary NOT)");
  }
}

/**
 * The FTS5 MATCH expression for a `to_tsquery` text, or `null` when nothing searchable is left (Postgres then
 * matches nothing). Throws `QueryError` (`TsQuerySyntaxError` for what Postgres would refuse too).
 */
export function tsQueryToFts5(text: string, language: FulltextLanguage): string | null {
  // Postgres answers an empty query with a notice and no match, not an error.
  if (text.trim() === "") return null;
  const node = normalize(new Parser(text).parse(), language);
  return node ? emit(node, text) : null;
}
