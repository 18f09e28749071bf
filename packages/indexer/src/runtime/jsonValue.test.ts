import { describe, expect, it } from "vitest";
import { JsonParseError, parseJson } from "./jsonValue.js";

describe("parseJson", () => {
  it("keeps number text verbatim and decodes strings with escapes", () => {
    expect(parseJson(' { "n": -12345678901234567890123.5e-3, "s": "a\\"b\\u00e9\\n", "e": [] } ')).toEqual({
      kind: "object",
      entries: [
        ["n", { kind: "number", text: "-12345678901234567890123.5e-3" }],
        ["s", { kind: "string", value: 'a"bé\n' }],
        ["e", { kind: "array", items: [] }],
      ],
    });
    expect(parseJson("[true,false,null]")).toEqual({
      kind: "array",
      items: [{ kind: "bool", value: true }, { kind: "bool", value: false }, { kind: "null" }],
    });
  });

  it("rejects malformed documents", () => {
    for (const bad of [
      "",
      "{",
      "[1,]",
      '{"a" 1}',
      "01",
      '"unterminated',
      '"tab\there"',
      "[1] x",
      "{'a':1}",
      '"\\x"',
    ]) {
      expect(() => parseJson(bad), bad).toThrow(JsonParseError);
    }
  });
});
