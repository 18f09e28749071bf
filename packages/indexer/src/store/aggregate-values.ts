// The arithmetic of `@aggregate`: values of the source's numeric fields as exact decimals (Postgres' `numeric`,
// which graph-node computes its rollups in), the `arg` expression, the functions, and the aggregate field's type.
import type { AggregateFn, ArgExpression, FieldModel } from "../schema/model.js";
import type { EntityData, Value } from "../types.js";
import { canonicalDecimal } from "./decimal.js";
import { StoreError } from "./errors.js";

/** An exact decimal: `units · 10^-scale`. */
export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function align(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * pow10(a.scale - b.scale), a.scale];
  return [a.units * pow10(b.scale - a.scale), b.units, b.scale];
}

export function parseExact(text: string): Exact {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match) throw new StoreError(`\`${text}\` is not a number`);
  const fraction = match[3] ?? "";
  let units = BigInt(`${match[1]}${match[2] || "0"}${fraction}`);
  let scale = fraction.length - Number(match[4] ?? "0");
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units, scale };
}

export function compareExact(a: Exact, b: Exact): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function combine(op: "+" | "-" | "*", a: Exact, b: Exact): Exact {
  if (op === "*") return { units: a.units * b.units, scale: a.scale + b.scale };
  const [x, y, scale] = align(a, b);
  return { units: op === "+" ? x + y : x - y, scale };
}

function formatExact(value: Exact): string {
  if (value.scale === 0) return value.units.toString();
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const text = `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
  return negative ? `-${text}` : text;
}

/** A numeric value as an exact decimal; `null` for Null (and missing) values. */
export function toExact(value: Value | undefined): Exact | null {
  if (value === undefined) return null;
  switch (value.kind) {
    case "Null":
      return null;
    case "Int":
      return { units: BigInt(value.value), scale: 0 };
    case "Int8":
    case "BigInt":
    case "Timestamp":
      return { units: value.value, scale: 0 };
    case "BigDecimal":
      return parseExact(value.value);
    default:
      throw new StoreError(`a ${value.kind} value can not be aggregated`);
  }
}

/** `arg` evaluated for one source row (SQL's rule: null in, null out). */
export function evaluate(expression: ArgExpression, row: EntityData): Exact | null {
  switch (expression.kind) {
    case "field":
      return toExact(row.get(expression.name));
    case "number":
      return parseExact(expression.text);
    case "negate": {
      const operand = evaluate(expression.operand, row);
      return operand === null ? null : { units: -operand.units, scale: operand.scale };
    }
    case "binary": {
      const left = evaluate(expression.left, row);
      const right = evaluate(expression.right, row);
      return left === null || right === null ? null : combine(expression.op, left, right);
    }
  }
}

/**
 * `fn` over one bucket's values, in the source's id order (nulls skipped as SQL's aggregates skip them;
 * `count` counts the rows).
 */
export function aggregate(fn: AggregateFn, values: readonly (Exact | null)[]): Exact | null {
  if (fn === "count") return { units: BigInt(values.length), scale: 0 };
  const present = values.filter((v): v is Exact => v !== null);
  if (present.length === 0) return null;
  switch (fn) {
    case "sum":
      return present.reduce((a, b) => combine("+", a, b));
    case "min":
      return present.reduce((a, b) => (compareExact(b, a) < 0 ? b : a));
    case "max":
      return present.reduce((a, b) => (compareExact(b, a) > 0 ? b : a));
    case "first":
      return present[0] ?? null;
    case "last":
      return present.at(-1) ?? null;
  }
}

/** A cumulative aggregate: the bucket's own value `current` combined with the previous bucket's `previous`. */
export function accumulate(fn: AggregateFn, previous: Exact | null, current: Exact | null): Exact | null {
  if (previous === null) return current;
  if (current === null) return previous;
  switch (fn) {
    case "sum":
    case "count":
      return combine("+", previous, current);
    case "min":
      return compareExact(current, previous) < 0 ? current : previous;
    case "max":
      return compareExact(current, previous) > 0 ? current : previous;
    case "first":
      return previous;
    case "last":
      return current;
  }
}

/** The value as the aggregate field's type holds it (integers truncated toward zero, as a cast would). */
export function toFieldValue(field: FieldModel, value: Exact | null): Value {
  if (value === null) return { kind: "Null" };
  const integer = value.units / pow10(value.scale);
  switch (field.type.name) {
    case "Int":
      return { kind: "Int", value: Number(integer) };
    case "Int8":
      return { kind: "Int8", value: integer };
    case "BigInt":
      return { kind: "BigInt", value: integer };
    default:
      return { kind: "BigDecimal", value: canonicalDecimal(formatExact(value)) ?? formatExact(value) };
  }
}
