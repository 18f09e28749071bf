// BigDecimal against an independent reference: exact rational arithmetic on bigints, rounded to 34
// significant digits by digit-string manipulation (half-up for positive results, truncation for negative
// ones, as bigdecimal 0.1.2's with_prec does), formatted by placing the decimal point in the digit string.
import { describe, expect, it } from "vitest";
import * as dec from "./bigDecimal.js";

/** Exact value num/den (den > 0) rounded the graph-node way, as plain decimal text. */
function reference(num: bigint, den: bigint): string {
  if (num === 0n) return "0";
  const negative = num < 0n;
  const n = negative ? -num : num;
  // Find k with 10^34 <= n·10^k/den < 10^35: the quotient then holds 35 significant digits.
  let k = 0n;
  const q = (kk: bigint): bigint => (kk >= 0n ? (n * 10n ** kk) / den : n / (den * 10n ** -kk));
  while (q(k) >= 10n ** 35n) k -= 1n;
  while (q(k) < 10n ** 34n) k += 1n;
  let digits = q(k).toString();
  let kept = digits.slice(0, 34);
  let scale = k - 1n; // value = kept · 10^-scale
  const dropped = Number(digits[34]);
  if (!negative && dropped >= 5) {
    kept = (BigInt(kept) + 1n).toString();
    if (kept.length > 34) {
      kept = kept.slice(0, 34);
      scale -= 1n;
    }
  }
  digits = kept.replace(/0+$/, "");
  scale -= BigInt(kept.length - digits.length);
  let text: string;
  if (scale <= 0n) text = digits + "0".repeat(Number(-scale));
  else if (scale >= BigInt(digits.length)) text = `0.${"0".repeat(Number(scale) - digits.length)}${digits}`;
  else
    text = `${digits.slice(0, digits.length - Number(scale))}.${digits.slice(digits.length - Number(scale))}`;
  return negative ? `-${text}` : text;
}

/** A decimal literal's exact rational value. */
function rational(text: string): [bigint, bigint] {
  const [whole = "", frac = ""] = text.replace("-", "").split(".");
  const num = BigInt(whole + frac) * (text.startsWith("-") ? -1n : 1n);
  return [num, 10n ** BigInt(frac.length)];
}

/** Deterministic pseudo-random decimal literals (a fixed-seed LCG). */
function* literals(count: number): Generator<string> {
  let seed = 0x2545f491n;
  const next = (): bigint => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    return seed >> 11n;
  };
  for (let i = 0; i < count; i++) {
    const digits = (next() % 10n ** (1n + (next() % 40n))).toString();
    const point = Number(next() % BigInt(digits.length + 1));
    const sign = next() % 3n === 0n ? "-" : "";
    const body = point === digits.length ? digits : `${digits.slice(0, point) || "0"}.${digits.slice(point)}`;
    yield sign + body;
  }
}

describe("BigDecimal", () => {
  it("parses and formats plain, fractional and exponent notation canonically", () => {
    expect(dec.toCanonicalString("1e-10")).toBe("0.0000000001");
    expect(dec.toCanonicalString("1.50E+3")).toBe("1500");
    expect(dec.toCanonicalString("-0.0")).toBe("0");
    expect(dec.toCanonicalString(".5")).toBe("0.5");
    expect(dec.toCanonicalString("5.")).toBe("5");
    expect(dec.toCanonicalString("+007.250")).toBe("7.25");
    expect(dec.toCanonicalString("1e40")).toBe(`1${"0".repeat(40)}`);
    expect(dec.toCanonicalString("123456789012345678901234567890123456789")).toBe(
      "123456789012345678901234567890123500000",
    );
    expect(dec.toCanonicalString("-123456789012345678901234567890123456789")).toBe(
      "-123456789012345678901234567890123400000",
    );
    for (const bad of ["", "abc", "1.2.3", "e5", "-", "1e", "0x10"]) {
      expect(() => dec.parse(bad)).toThrow(dec.BigDecimalError);
    }
  });

  it("adds, subtracts, multiplies and divides like the exact result rounded to 34 digits", () => {
    const values = [...literals(120)];
    for (let i = 0; i + 1 < values.length; i += 2) {
      const a = values[i] ?? "0";
      const b = values[i + 1] ?? "1";
      const [an, ad] = rational(a);
      const [bn, bd] = rational(b);
      const x = dec.parse(a);
      const y = dec.parse(b);
      // Inputs are normalized first (graph-node's BigDecimal::new), so the reference starts from them too.
      const [xn, xd] = rational(dec.format(x));
      const [yn, yd] = rational(dec.format(y));
      expect(dec.format(x)).toBe(reference(an, ad));
      expect(dec.format(y)).toBe(reference(bn, bd));
      expect(dec.format(dec.add(x, y))).toBe(reference(xn * yd + yn * xd, xd * yd));
      expect(dec.format(dec.sub(x, y))).toBe(reference(xn * yd - yn * xd, xd * yd));
      expect(dec.format(dec.mul(x, y))).toBe(reference(xn * yn, xd * yd));
      if (yn !== 0n) {
        const num = xn * yd * (yn < 0n ? -1n : 1n);
        const den = xd * (yn < 0n ? -yn : yn);
        expect(dec.format(dec.div(x, y))).toBe(reference(num, den));
      }
      expect(dec.equals(x, y)).toBe(xn * yd === yn * xd);
    }
  });

  it("rounds division half up at the 34th digit for positive and truncates negative quotients", () => {
    const one = dec.parse("1");
    const two = dec.parse("2");
    const three = dec.parse("3");
    expect(dec.format(dec.div(one, three))).toBe(`0.${"3".repeat(34)}`);
    expect(dec.format(dec.div(two, three))).toBe(`0.${"6".repeat(33)}7`);
    expect(dec.format(dec.div(dec.parse("-2"), three))).toBe(`-0.${"6".repeat(34)}`);
    expect(() => dec.div(one, dec.parse("0"))).toThrow(dec.BigDecimalError);
  });
});
