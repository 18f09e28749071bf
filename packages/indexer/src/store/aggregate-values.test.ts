import { describe, expect, it } from "vitest";
import { parseArgExpression } from "../schema/aggregate-expression.js";
import { SchemaError } from "../schema/errors.js";
import type { FieldModel } from "../schema/model.js";
import { accumulate, aggregate, evaluate, parseExact, toFieldValue } from "./aggregate-values.js";
import { big, bool, data, dec, int, NULL } from "./test-support.js";

const TYPES: Record<string, "number" | "boolean"> = {
  a: "number",
  b: "number",
  p: "number",
  n: "number",
  buy: "boolean",
};
const ROW = data({ a: big(7n), b: big(-3n), p: dec("2.5"), n: NULL, buy: bool(true) });

function value(arg: string, row = ROW): string | null {
  const expression = parseArgExpression("field `S.x`", arg, (name) => TYPES[name] ?? null);
  const result = evaluate(expression, row);
  if (result === null) return null;
  const field: FieldModel = {
    name: "x",
    type: { kind: "scalar", name: "BigDecimal" },
    nonNull: false,
    list: false,
    itemNonNull: false,
    derivedFrom: null,
  };
  const out = toFieldValue(field, result);
  return out.kind === "BigDecimal" ? out.value : null;
}

describe("@aggregate(arg:) expressions, evaluated as Postgres evaluates them", () => {
  it.each([
    ["a", "7"],
    ["a * p", "17.5"],
    ["p * a - 1", "16.5"],
    ["-(a + b) * 2", "-8"],
    ["a - b - 1", "9"],
    ["a % 4", "3"],
    ["b % 2", "-1"],
    ["mod(a, -4)", "3"],
    ["div(b, 2)", "-1"],
    ["abs(b)", "3"],
    ["sign(b)", "-1"],
    ["ceil(p)", "3"],
    ["floor(-p)", "-3"],
    ["ceiling(-p)", "-2"],
    ["gcd(12, 18)", "6"],
    ["lcm(4, 6)", "12"],
    ["greatest(a, b, 0)", "7"],
    ["least(a, b, n)", "-3"],
    ["greatest(n, n)", null],
    ["coalesce(n, b, a)", "-3"],
    ["nullif(a, 7)", null],
    ["nullif(a, 8)", "7"],
    ["n + 1", null],
    ["case when a > b then a else 0 end", "7"],
    ["case when buy then p when a > 0 then 1 end", "2.5"],
    ["case when not buy then p end", null],
    ["case when n > 0 or a = 7 then 1 else 2 end", "1"],
    ["case when n > 0 and a = 7 then 1 else 2 end", "2"],
    ["case when n is null and buy is true and buy is not false then 1 else 0 end", "1"],
    ["case when n is distinct from a and not (a is distinct from 7) then 1 else 0 end", "1"],
    ["case when a <> b and a != b and a >= 7 and b <= -3 and p < 3 then 1 end", "1"],
    ["CASE WHEN A_is_not_a_field_here = 1 THEN 1 END", "error"],
  ])("%s = %s", (arg, expected) => {
    if (expected === "error") {
      expect(() => value(arg)).toThrow(SchemaError);
      return;
    }
    expect(value(arg)).toBe(expected);
  });

  it.each([
    ["a / 2", /the operator `\/` is not supported/],
    ["a ^ 2", /the operator `\^` is not supported/],
    ["power(a, 2)", /the function `power` is not supported/],
    ["case a when 1 then 1 end", /only `case when/],
    ["a > b", /the expression is a boolean, not a number/],
    ["a + buy", /`\+` needs a number, not a boolean/],
    ["case when a then 1 end", /`when` needs a boolean, not a number/],
    ["coalesce(a, buy)", /`coalesce` mixes numbers and booleans/],
    ["abs(a, b)", /`abs` takes 1 argument\(s\), not 2/],
    ["a <-> b", /unexpected `<->`/],
    ["'x'", /`'x'` is not supported/],
  ])("refuses %s", (arg, message) => {
    expect(() => value(arg)).toThrow(message);
  });

  it("aggregates and accumulates with SQL's rules for nulls", () => {
    const values = [parseExact("2"), null, parseExact("-1.5"), parseExact("4")];
    const text = (fn: Parameters<typeof aggregate>[0]) => {
      const v = aggregate(fn, values);
      return v === null ? null : `${v.units}e-${v.scale}`;
    };
    expect([text("sum"), text("count"), text("min"), text("max"), text("first"), text("last")]).toEqual([
      "45e-1",
      "4e-0",
      "-15e-1",
      "4e-0",
      "2e-0",
      "4e-0",
    ]);
    expect(aggregate("sum", [null, null])).toBeNull();
    expect(accumulate("min", parseExact("1"), parseExact("3"))).toEqual(parseExact("1"));
    expect(accumulate("first", parseExact("1"), parseExact("3"))).toEqual(parseExact("1"));
    expect(accumulate("last", parseExact("1"), null)).toEqual(parseExact("1"));
    const intField: FieldModel = {
      name: "x",
      type: { kind: "scalar", name: "Int" },
      nonNull: true,
      list: false,
      itemNonNull: false,
      derivedFrom: null,
    };
    expect(toFieldValue(intField, parseExact("-7.9"))).toEqual(int(-7));
    expect(toFieldValue(intField, parseExact("-2147483648"))).toEqual(int(-2147483648));
    expect(() => toFieldValue(intField, parseExact("2147483648"))).toThrow(
      "aggregate `x`: 2147483648 is out of range for Int",
    );
  });
});
