import { describe, expect, it } from "vitest";
import {
  canonicalDecimal,
  decodeBigDecimal,
  decodeBigInt,
  encodeBigDecimal,
  encodeBigInt,
} from "./decimal.js";
import { rng } from "./test-support.js";

function randomBigInt(next: () => number): bigint {
  const digits = 1 + Math.floor(next() * 40);
  let text = "";
  for (let i = 0; i < digits; i++) text += Math.floor(next() * 10);
  const value = BigInt(text);
  return next() < 0.5 ? -value : value;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("decimal encoding", () => {
  it("round-trips BigInts and sorts them numerically by byte order", () => {
    const next = rng(7);
    const values = [0n, 1n, -1n, 10n, -10n, 100n, 99n, -99n, -100n, 2n ** 255n, -(2n ** 255n)];
    for (let i = 0; i < 500; i++) values.push(randomBigInt(next));
    for (const v of values) expect(decodeBigInt(encodeBigInt(v))).toBe(v);
    const numeric = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const encoded = [...values].sort((a, b) => byteOrder(encodeBigInt(a), encodeBigInt(b)));
    expect(encoded).toEqual(numeric);
  });

  it("round-trips BigDecimals canonically and sorts them numerically by byte order", () => {
    const next = rng(11);
    const texts = [
      "0",
      "0.1",
      "-0.1",
      "0.12",
      "0.125",
      "-0.12",
      "-0.125",
      "1",
      "10",
      "1e3",
      "-1000",
      "0.0001",
    ];
    for (let i = 0; i < 500; i++) {
      const whole = randomBigInt(next).toString();
      const scale = Math.floor(next() * 30);
      const negative = whole.startsWith("-");
      const digits = (negative ? whole.slice(1) : whole).padStart(scale + 1, "0");
      const text = `${negative ? "-" : ""}${digits.slice(0, digits.length - scale)}${scale > 0 ? `.${digits.slice(digits.length - scale)}` : ""}`;
      texts.push(text);
    }
    // Exact comparison: scale both to 60 fractional digits as BigInts.
    const scaled = (text: string) => {
      const c = canonicalDecimal(text) ?? "0";
      const negative = c.startsWith("-");
      const [int = "0", frac = ""] = (negative ? c.slice(1) : c).split(".");
      const magnitude = BigInt(int + frac.padEnd(60, "0"));
      return negative ? -magnitude : magnitude;
    };
    for (const t of texts) expect(decodeBigDecimal(encodeBigDecimal(t))).toBe(canonicalDecimal(t));
    const numeric = [...texts].sort((a, b) => {
      const x = scaled(a);
      const y = scaled(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const encoded = [...texts].sort((a, b) => byteOrder(encodeBigDecimal(a), encodeBigDecimal(b)));
    expect(encoded.map(scaled)).toEqual(numeric.map(scaled));
  });

  it("writes canonical text without exponent or trailing zeros", () => {
    expect(canonicalDecimal("1.500")).toBe("1.5");
    expect(canonicalDecimal("1e3")).toBe("1000");
    expect(canonicalDecimal("-0.00")).toBe("0");
    expect(canonicalDecimal("0012.0340")).toBe("12.034");
    expect(canonicalDecimal("1.5e-3")).toBe("0.0015");
    expect(canonicalDecimal("abc")).toBeNull();
  });
});
