/**
 * graph-node's `BigDecimal`: bigdecimal 0.1.2 arithmetic (a `BigInt` of digits and a scale, value
 * = digits · 10^-scale) with every result normalized to at most 34 significant digits. Rounding follows
 * that crate, quirks included: `with_prec` rounds positive values half-up on the first dropped digit but
 * truncates negative ones toward zero; division keeps 100 digits and rounds half-up on the 101st.
 */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: bigint;
}

export class BigDecimalError extends Error {
  override readonly name = "BigDecimalError";
}

const MAX_SIGNIFICANT_DIGITS = 34n;
const ZERO: Decimal = { digits: 0n, scale: 0n };

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const pow10 = (n: bigint): bigint => 10n ** n;

function countDigits(v: bigint): bigint {
  return v === 0n ? 1n : BigInt(abs(v).toString().length);
}

/** 1 when the leading decimal digit of `v` (> 0) is 5 or more. */
function roundingTerm(v: bigint): bigint {
  if (v <= 0n) return 0n;
  return Number(v.toString()[0]) >= 5 ? 1n : 0n;
}

function withPrec(d: Decimal, prec: bigint): Decimal {
  const digits = countDigits(d.digits);
  if (digits <= prec) return d;
  const diff = digits - prec;
  const p = pow10(diff);
  let q = d.digits / p; // truncates toward zero, like num-bigint's div_rem
  const r = d.digits % p;
  if (p < 10n * r) q += roundingTerm(r);
  return { digits: q, scale: d.scale - diff };
}

export function normalize(d: Decimal): Decimal {
  if (d.digits === 0n) return ZERO;
  const rounded = withPrec(d, MAX_SIGNIFICANT_DIGITS);
  let digits = rounded.digits;
  let scale = rounded.scale;
  while (digits !== 0n && digits % 10n === 0n) {
    digits /= 10n;
    scale -= 1n;
  }
  return { digits, scale };
}

/** From graph-ts's `{ digits, exp }`: value = digits · 10^exp. */
export function fromDigitsExp(digits: bigint, exp: bigint): Decimal {
  return normalize({ digits, scale: -exp });
}

export function toDigitsExp(d: Decimal): { digits: bigint; exp: bigint } {
  return { digits: d.digits, exp: -d.scale };
}

export function fromBigInt(v: bigint): Decimal {
  return normalize({ digits: v, scale: 0n });
}

function align(a: Decimal, b: Decimal): [bigint, bigint, bigint] {
  if (a.scale === b.scale) return [a.digits, b.digits, a.scale];
  if (a.scale > b.scale) return [a.digits, b.digits * pow10(a.scale - b.scale), a.scale];
  return [a.digits * pow10(b.scale - a.scale), b.digits, b.scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ digits: x + y, scale });
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ digits: x - y, scale });
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return normalize({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

export function equals(a: Decimal, b: Decimal): boolean {
  const [x, y] = align(a, b);
  return x === y;
}

export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function divide(num: bigint, den: bigint, scale: bigint, maxPrecision: bigint): Decimal {
  if (num === 0n) return ZERO;
  if (num < 0n || den < 0n) {
    const q = divide(abs(num), abs(den), scale, maxPrecision);
    return num < 0n !== den < 0n ? { digits: -q.digits, scale: q.scale } : q;
  }
  let n = num;
  let s = scale;
  while (n < den) {
    s += 1n;
    n *= 10n;
  }
  let quotient = n / den;
  let remainder = n % den;
  if (remainder === 0n) return { digits: quotient, scale: s };
  let precision = countDigits(quotient);
  remainder *= 10n;
  while (remainder !== 0n && precision < maxPrecision) {
    quotient = quotient * 10n + remainder / den;
    remainder = (remainder % den) * 10n;
    precision += 1n;
    s += 1n;
  }
  if (remainder !== 0n) quotient += roundingTerm(remainder / den);
  return { digits: quotient, scale: s };
}

export function div(a: Decimal, b: Decimal): Decimal {
  if (b.digits === 0n) throw new BigDecimalError("Cannot divide by zero-valued `BigDecimal`!");
  if (a.digits === 0n) return ZERO;
  const scale = a.scale - b.scale;
  if (b.digits === 1n && b.scale === 0n) return normalize(a);
  if (a.digits === b.digits) return normalize({ digits: 1n, scale });
  return normalize(divide(a.digits, b.digits, scale, 100n));
}

/** bigdecimal 0.1.2's `from_str`: `[+-]digits[.digits][e[+-]digits]`. */
export function parse(text: string): Decimal {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const whole = match?.[2] ?? "";
  const frac = match?.[3] ?? "";
  if (match === null || whole.length + frac.length === 0) {
    throw new BigDecimalError(`failed to parse BigDecimal: ${JSON.stringify(text)}`);
  }
  const digits = BigInt(`${match[1] ?? ""}${whole}${frac}`);
  const exponent = match[4] === undefined ? 0n : BigInt(match[4]);
  return normalize({ digits, scale: BigInt(frac.length) - exponent });
}

/** bigdecimal 0.1.2's `Display`: plain notation, never an exponent. */
export function format(d: Decimal): string {
  const sign = d.digits < 0n ? "-" : "";
  const absInt = abs(d.digits).toString();
  const len = BigInt(absInt.length);
  let text: string;
  if (d.scale >= len) {
    text = `0.${"0".repeat(Number(d.scale - len))}${absInt}`;
  } else if (d.scale <= 0n) {
    text = absInt + "0".repeat(Number(-d.scale));
  } else {
    const at = Number(len - d.scale);
    text = `${absInt.slice(0, at)}.${absInt.slice(at)}`;
  }
  return sign + text;
}

export function toCanonicalString(text: string): string {
  return format(parse(text));
}
