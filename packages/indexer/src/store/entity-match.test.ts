import { describe, expect, it } from "vitest";
import { compareEntities, matchesFilter } from "./entity-match.js";
import { QueryError } from "./errors.js";
import { big, bytes, data, dec, int8, list, NULL, ts } from "./test-support.js";

const A = data({
  id: int8(5n),
  timestamp: ts(100n),
  token: bytes("0xaa"),
  sum: big(-3n),
  low: dec("1.5"),
  x: NULL,
});
const B = data({
  id: int8(7n),
  timestamp: ts(100n),
  token: bytes("0xbb"),
  sum: big(20n),
  low: dec("0.25"),
  x: NULL,
});

describe("matchesFilter and compareEntities (the open buckets of current: include)", () => {
  it.each([
    [{ kind: "compare", field: "token", op: "eq", value: bytes("0xaa") }, true],
    [{ kind: "compare", field: "token", op: "eq", value: bytes("0xbb") }, false],
    [{ kind: "compare", field: "sum", op: "gt", value: big(-4n) }, true],
    [{ kind: "compare", field: "sum", op: "gte", value: big(-3n) }, true],
    [{ kind: "compare", field: "sum", op: "lt", value: big(-3n) }, false],
    [{ kind: "compare", field: "low", op: "lte", value: dec("1.5") }, true],
    [{ kind: "compare", field: "low", op: "gt", value: dec("10") }, false],
    [{ kind: "compare", field: "timestamp", op: "in", value: list(ts(1n), ts(100n)) }, true],
    [{ kind: "compare", field: "timestamp", op: "not_in", value: list(ts(100n)) }, false],
    [{ kind: "compare", field: "x", op: "eq", value: NULL }, true],
    [{ kind: "compare", field: "x", op: "not", value: NULL }, false],
    [{ kind: "compare", field: "x", op: "gt", value: big(1n) }, false],
    [
      {
        kind: "or",
        filters: [
          { kind: "compare", field: "sum", op: "eq", value: big(1n) },
          { kind: "and", filters: [{ kind: "compare", field: "id", op: "eq", value: int8(5n) }] },
        ],
      },
      true,
    ],
  ] as const)("filter %# → %s", (filter, expected) => {
    expect(matchesFilter(A, filter)).toBe(expected);
  });

  it("refuses what it can not apply in memory", () => {
    expect(() =>
      matchesFilter(A, { kind: "child", field: "token", filter: { kind: "changedSince", block: 1 } }),
    ).toThrow(QueryError);
    expect(() =>
      matchesFilter(A, { kind: "compare", field: "token", op: "starts_with", value: bytes("0xaa") }),
    ).toThrow(QueryError);
    expect(() => compareEntities(A, B, "token__id", "asc")).toThrow(QueryError);
  });

  it("orders by the field, then by id, in the direction", () => {
    expect([B, A].sort((a, b) => compareEntities(a, b, "sum", "asc")).map((e) => e.get("id"))).toEqual([
      int8(5n),
      int8(7n),
    ]);
    expect([A, B].sort((a, b) => compareEntities(a, b, "low", "asc"))[0]).toBe(B);
    expect([A, B].sort((a, b) => compareEntities(a, b, "timestamp", "desc"))[0]).toBe(B);
  });
});
