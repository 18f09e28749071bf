import { describe, expect, it } from "vitest";
import { QueryError } from "./errors.js";
import { TsQuerySyntaxError, tsQueryToFts5 } from "./tsquery.js";

describe("to_tsquery text to FTS5", () => {
  it("writes terms, prefixes, &, | and <-> with Postgres' precedence, every term quoted", () => {
    expect(tsQueryToFts5("breaks", "en")).toBe('"breaks"');
    expect(tsQueryToFts5("Shaq:*", "en")).toBe('"Shaq" *');
    // `&` binds tighter than `|`, `<->` tighter than `&`.
    expect(tsQueryToFts5("a1 | b1 & c1", "en")).toBe('("a1" OR ("b1" AND "c1"))');
    expect(tsQueryToFts5("(a1 | b1) & c1", "en")).toBe('(("a1" OR "b1") AND "c1")');
    expect(tsQueryToFts5("bad <-> music:* & x1", "en")).toBe('("bad" + "music" * AND "x1")');
    expect(tsQueryToFts5("bad <1> musicians", "en")).toBe('"bad" + "musicians"');
    expect(tsQueryToFts5("'hall of fame' | 'it''s'", "simple")).toBe('("hall of fame" OR "it\'s")');
    // A double quote cannot end the FTS5 string early.
    expect(tsQueryToFts5('say"hi', "simple")).toBe('"say""hi"');
    expect(tsQueryToFts5("Jono & achangedemail@email.com", "en")).toBe(
      '("Jono" AND "achangedemail@email.com")',
    );
  });

  it("negates with NOT after the positive terms of an &", () => {
    expect(tsQueryToFts5("music & !bad & !good", "en")).toBe('((("music") NOT "bad") NOT "good")');
  });

  it("drops English stop words and letterless operands as Postgres' dictionaries do", () => {
    expect(tsQueryToFts5("the & cat", "en")).toBe('"cat"');
    expect(tsQueryToFts5("the & cat", "simple")).toBe('("the" AND "cat")');
    expect(tsQueryToFts5("cat | !the", "en")).toBe('"cat"');
    expect(tsQueryToFts5("the | a", "en")).toBeNull();
    expect(tsQueryToFts5("--", "en")).toBeNull();
    expect(tsQueryToFts5("  ", "en")).toBeNull();
    // In a phrase a stop word keeps its place.
    expect(tsQueryToFts5("hall <-> of <-> fame", "en")).toBe('"hall" + "of" + "fame"');
  });

  it("refuses what Postgres refuses with graph-node's message", () => {
    for (const text of ["breaks electro", "a &", "(a | b", "'open", "a:", "& b", "a <x> b"]) {
      const fail = () => tsQueryToFts5(text, "en");
      expect(fail, text).toThrow(TsQuerySyntaxError);
      expect(fail, text).toThrow(
        `Invalid fulltext search query syntax. Error: syntax error in tsquery: "${text}". Hint: Search terms with spaces need to be enclosed in single quotes`,
      );
    }
  });

  it("refuses what FTS5 cannot express instead of answering differently", () => {
    const cases: [string, RegExp][] = [
      ["!bad", /FTS5 has no unary NOT/],
      ["a1 | !b1", /FTS5 has no unary NOT/],
      ["a1 <2> b1", /<2>.*adjacent words only/],
      ["(a1 | b1) <-> c1", /<-> joins single terms only/],
      ["a1:A", /weights/],
    ];
    for (const [text, message] of cases) {
      const fail = () => tsQueryToFts5(text, "en");
      expect(fail, text).toThrow(QueryError);
      expect(fail, text).not.toThrow(TsQuerySyntaxError);
      expect(fail, text).toThrow(message);
    }
  });
});
