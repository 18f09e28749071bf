/** A parsed JSON document that keeps numbers as their source text, as graph-node (serde_json with arbitrary precision) does. */
export type JsonNode =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [string, JsonNode])[] };

export class JsonParseError extends Error {
  override readonly name = "JsonParseError";
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJson(text: string): JsonNode {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && " \t\n\r".includes(text.charAt(pos))) pos++;
  };
  const fail = (what: string): never => {
    throw new JsonParseError(`${what} at position ${pos}`);
  };
  const value = (depth: number): JsonNode => {
    if (depth > 128) fail("nesting too deep");
    ws();
    const c = text.charAt(pos);
    if (c === "{") {
      pos++;
      const entries: (readonly [string, JsonNode])[] = [];
      ws();
      if (text.charAt(pos) === "}") {
        pos++;
        return { kind: "object", entries };
      }
      for (;;) {
        ws();
        const key = string();
        ws();
        if (text.charAt(pos) !== ":") fail("expected ':'");
        pos++;
        entries.push([key, value(depth + 1)]);
        ws();
        const next = text.charAt(pos++);
        if (next === "}") return { kind: "object", entries };
        if (next !== ",") fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (text.charAt(pos) === "]") {
        pos++;
        return { kind: "array", items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        const next = text.charAt(pos++);
        if (next === "]") return { kind: "array", items };
        if (next !== ",") fail("expected ',' or ']'");
      }
    }
    if (c === '"') return { kind: "string", value: string() };
    for (const [word, node] of [
      ["true", { kind: "bool", value: true }],
      ["false", { kind: "bool", value: false }],
      ["null", { kind: "null" }],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return node;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m === null) return fail("unexpected character");
    pos += m[0].length;
    return { kind: "number", text: m[0] };
  };
  const string = (): string => {
    if (text.charAt(pos) !== '"') return fail("expected a string");
    let end = pos + 1;
    for (;;) {
      const c = text.charCodeAt(end);
      if (Number.isNaN(c) || c < 0x20) return fail("unterminated string");
      if (c === 0x22) break;
      end += c === 0x5c ? 2 : 1;
    }
    const literal = text.slice(pos, end + 1);
    pos = end + 1;
    try {
      return JSON.parse(literal) as string;
    } catch {
      return fail("invalid string escape");
    }
  };
  const out = value(0);
  ws();
  if (pos !== text.length) fail("trailing characters");
  return out;
}
