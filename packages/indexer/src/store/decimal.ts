// BigInt and BigDecimal columns hold a text encoding whose byte order is the numeric order, so that SQLite
// indices serve filters and `orderBy` on them. Layout: a sign byte ('0' negative, '1' zero, '2' positive), a
// six-digit biased decimal exponent and the significant digits; negative numbers complement the exponent and
// the digits and end in ':' (which sorts after every digit) so that a shorter mantissa sorts after a longer
// one with the same prefix.

const EXPONENT_BIAS = 500_000;
const EXPONENT_MAX = 999_999;

/** A number as ±0.d₁d₂…dₙ × 10^exponent with d₁ ≠ 0 and dₙ ≠ 0; zero has no digits. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses decimal text (`-12.50`, `1e3`); `null` when it is not a number. */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) return null;
  const intPart = match[2] ?? "";
  const fracPart = match[3] ?? "";
  if (intPart === "" && fracPart === "") return null;
  const shift = Number.parseInt(match[4] ?? "0", 10);
  let digits = intPart + fracPart;
  let exponent = intPart.length + shift;
  const leading = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leading);
  exponent -= leading;
  digits = digits.replace(/0+$/, "");
  if (digits === "") return { negative: false, digits: "", exponent: 0 };
  return { negative: match[1] === "-", digits, exponent };
}

function complement(digits: string): string {
  let out = "";
  for (const d of digits) out += String(9 - Number(d));
  return out;
}

function encode(value: Decimal): string {
  if (value.digits === "") return "1";
  const biased = value.exponent + EXPONENT_BIAS;
  if (biased < 0 || biased > EXPONENT_MAX)
    throw new RangeError(`decimal exponent ${value.exponent} out of range`);
  if (!value.negative) return `2${String(biased).padStart(6, "0")}${value.digits}`;
  return `0${String(EXPONENT_MAX - biased).padStart(6, "0")}${complement(value.digits)}:`;
}

function decode(encoded: string): Decimal {
  const sign = encoded[0];
  if (sign === "1") return { negative: false, digits: "", exponent: 0 };
  const exponentText = Number.parseInt(encoded.slice(1, 7), 10);
  if (sign === "2")
    return { negative: false, digits: encoded.slice(7), exponent: exponentText - EXPONENT_BIAS };
  return {
    negative: true,
    digits: complement(encoded.slice(7, -1)),
    exponent: EXPONENT_MAX - exponentText - EXPONENT_BIAS,
  };
}

export function encodeBigInt(value: bigint): string {
  if (value === 0n) return encode({ negative: false, digits: "", exponent: 0 });
  const negative = value < 0n;
  // An integer's decimal text has no leading zeros: its length is the exponent, and dropping its trailing
  // zeros gives the digits (what parseDecimal would find, without its regex, on every BigInt column written).
  const text = (negative ? -value : value).toString();
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  return encode({ negative, digits: text.slice(0, end), exponent: text.length });
}

export function decodeBigInt(encoded: string): bigint {
  const { negative, digits, exponent } = decode(encoded);
  if (digits === "") return 0n;
  const magnitude = BigInt(digits.padEnd(exponent, "0"));
  return negative ? -magnitude : magnitude;
}

/** Canonical text of a decimal: no exponent, no trailing zeros, `0` for zero. */
function toText({ negative, digits, exponent }: Decimal): string {
  if (digits === "") return "0";
  let text: string;
  if (exponent >= digits.length) text = digits.padEnd(exponent, "0");
  else if (exponent <= 0) text = `0.${"0".repeat(-exponent)}${digits}`;
  else text = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return negative ? `-${text}` : text;
}

/** Throws `RangeError` for text that is not a decimal number. */
export function encodeBigDecimal(text: string): string {
  const parsed = parseDecimal(text);
  if (!parsed) throw new RangeError(`\`${text}\` is not a decimal number`);
  return encode(parsed);
}

export function decodeBigDecimal(encoded: string): string {
  return toText(decode(encoded));
}

/** Canonical text of decimal input, or `null` when it is not a number. */
export function canonicalDecimal(text: string): string | null {
  const parsed = parseDecimal(text);
  return parsed ? toText(parsed) : null;
}
