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

/** A value inside an expression: a number, a boolean (comparisons, Boolean fields) or SQL's NULL. */
type Scalar = Exact | boolean | null;

function number(value: Scalar): Exact | null {
  if (value === null || typeof value !== "boolean") return value;
  throw new StoreError("a boolean where the expression needs a number");
}

function isZero(value: Exact): boolean {
  return value.units === 0n;
}

/** `a` divided by `b`, truncated toward zero (SQL's `div`). */
function truncatedQuotient(a: Exact, b: Exact): Exact {
  if (isZero(b)) throw new StoreError("division by zero in an @aggregate expression");
  const [x, y] = align(a, b);
  return { units: x / y, scale: 0 };
}

function gcdUnits(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function equalScalars(a: Scalar, b: Scalar): boolean {
  if (typeof a === "boolean" || typeof b === "boolean") return a === b;
  return a !== null && b !== null && compareExact(a, b) === 0;
}

function compareScalars(a: Exact | boolean, b: Exact | boolean): number {
  if (typeof a === "boolean" || typeof b === "boolean") return Number(a) - Number(b);
  return compareExact(a, b);
}

function call(name: string, args: readonly Scalar[]): Scalar {
  const [a = null, b = null] = args;
  switch (name) {
    case "coalesce":
      return args.find((v) => v !== null) ?? null;
    case "nullif":
      return a !== null && b !== null && equalScalars(a, b) ? null : a;
    case "greatest":
    case "least": {
      let best: Exact | boolean | null = null;
      for (const v of args) {
        if (v === null) continue;
        if (
          best === null ||
          (name === "greatest" ? compareScalars(v, best) > 0 : compareScalars(v, best) < 0)
        )
          best = v;
      }
      return best;
    }
  }
  const x = number(a);
  const y = number(b);
  if (x === null || (args.length === 2 && y === null)) return null;
  const one = (units: bigint): Exact => ({ units, scale: 0 });
  switch (name) {
    case "abs":
      return { units: x.units < 0n ? -x.units : x.units, scale: x.scale };
    case "sign":
      return one(x.units > 0n ? 1n : x.units < 0n ? -1n : 0n);
    case "ceil":
    case "ceiling":
    case "floor": {
      const p = pow10(x.scale);
      const q = x.units / p;
      const exact = q * p === x.units;
      if (exact) return one(q);
      return one(name === "floor" ? (x.units < 0n ? q - 1n : q) : x.units > 0n ? q + 1n : q);
    }
    case "div":
      return truncatedQuotient(x, y as Exact);
    case "mod":
      return combine("-", x, combine("*", y as Exact, truncatedQuotient(x, y as Exact)));
    case "gcd": {
      const [u, v, scale] = align(x, y as Exact);
      return { units: gcdUnits(u, v), scale };
    }
    case "lcm": {
      const [u, v, scale] = align(x, y as Exact);
      const g = gcdUnits(u, v);
      const product = u * v < 0n ? -(u * v) : u * v;
      return { units: g === 0n ? 0n : product / g, scale };
    }
    default:
      throw new StoreError(`the function \`${name}\` is not supported`);
  }
}

/** `arg` evaluated for one source row, with SQL's rules for NULL (three-valued `and`/`or`). */
export function evaluateScalar(expression: ArgExpression, row: EntityData): Scalar {
  switch (expression.kind) {
    case "field": {
      const value = row.get(expression.name);
      return value?.kind === "Bool" ? value.value : toExact(value);
    }
    case "number":
      return parseExact(expression.text);
    case "boolean":
      return expression.value;
    case "null":
      return null;
    case "negate": {
      const operand = number(evaluateScalar(expression.operand, row));
      return operand === null ? null : { units: -operand.units, scale: operand.scale };
    }
    case "not": {
      const operand = evaluateScalar(expression.operand, row);
      return operand === null ? null : !operand;
    }
    case "binary": {
      const left = evaluateScalar(expression.left, row);
      if (expression.op === "and" || expression.op === "or") {
        const right = evaluateScalar(expression.right, row);
        const decisive = expression.op === "or";
        if (left === decisive || right === decisive) return decisive;
        return left === null || right === null ? null : !decisive;
      }
      const right = evaluateScalar(expression.right, row);
      if (left === null || right === null) return null;
      switch (expression.op) {
        case "+":
        case "-":
        case "*":
          return combine(expression.op, number(left) as Exact, number(right) as Exact);
        case "%":
          return call("mod", [left, right]);
        case "=":
          return compareScalars(left, right) === 0;
        case "<>":
          return compareScalars(left, right) !== 0;
        case "<":
          return compareScalars(left, right) < 0;
        case "<=":
          return compareScalars(left, right) <= 0;
        case ">":
          return compareScalars(left, right) > 0;
        case ">=":
          return compareScalars(left, right) >= 0;
      }
      return null;
    }
    case "is": {
      const operand = evaluateScalar(expression.operand, row);
      const result = expression.test === "null" ? operand === null : operand === (expression.test === "true");
      return expression.negated ? !result : result;
    }
    case "distinct": {
      const left = evaluateScalar(expression.left, row);
      const right = evaluateScalar(expression.right, row);
      const distinct = left === null || right === null ? left !== right : !equalScalars(left, right);
      return expression.negated ? !distinct : distinct;
    }
    case "call":
      return call(
        expression.name,
        expression.args.map((a) => evaluateScalar(a, row)),
      );
    case "case": {
      for (const when of expression.whens) {
        if (evaluateScalar(when.condition, row) === true) return evaluateScalar(when.result, row);
      }
      return expression.otherwise ? evaluateScalar(expression.otherwise, row) : null;
    }
  }
}

/** `arg` evaluated for one source row as the number the aggregate takes. */
export function evaluate(expression: ArgExpression, row: EntityData): Exact | null {
  return number(evaluateScalar(expression, row));
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
  const bits = field.type.name === "Int" ? 32n : field.type.name === "Int8" ? 64n : null;
  if (bits !== null && (integer < -(1n << (bits - 1n)) || integer >= 1n << (bits - 1n))) {
    // Postgres' int4/int8 columns refuse such a value ("out of range"), failing graph-node's rollup.
    throw new StoreError(`aggregate \`${field.name}\`: ${integer} is out of range for ${field.type.name}`);
  }
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
