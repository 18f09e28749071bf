import { describe, expect, it } from "vitest";

import { InvalidAmountError } from "./errors.js";
import { formatAmount, formatDuration, parseAmount } from "./units.js";

describe("formatAmount", () => {
  it("groups thousands and appends the unit", () => {
    expect(formatAmount(100_000_000n * 10n ** 18n, 18, "DMC")).toBe("100,000,000 DMC");
  });

  it("shows at most the requested fraction digits, rounding toward zero", () => {
    expect(formatAmount(1_234_567_890_000_000_000n, 18, "DMC")).toBe("1.2345 DMC");
    expect(formatAmount(1_999_999n, 6, "USDC", { maxFractionDigits: 2 })).toBe("1.99 USDC");
  });

  it("drops trailing zeros and keeps exact values beyond float precision", () => {
    expect(formatAmount(10n ** 18n + 5n * 10n ** 17n, 18, "DMC")).toBe("1.5 DMC");
    expect(formatAmount(123_456_789_012_345_678_901_234_567n, 18, "DMC", { maxFractionDigits: 0 })).toBe(
      "123,456,789 DMC",
    );
  });

  it("formats zero and negative amounts", () => {
    expect(formatAmount(0n, 18, "DMC")).toBe("0 DMC");
    expect(formatAmount(-25n * 10n ** 17n, 18, "DMC")).toBe("-2.5 DMC");
  });
});

describe("parseAmount", () => {
  it("parses decimal strings into the smallest unit", () => {
    expect(parseAmount("1.5", 18)).toBe(1_500_000_000_000_000_000n);
    expect(parseAmount(" 42 ", 6)).toBe(42_000_000n);
  });

  it("round-trips with formatAmount", () => {
    const amount = parseAmount("12345.6789", 18);
    expect(formatAmount(amount, 18, "DMC")).toBe("12,345.6789 DMC");
  });

  it.each(["", "abc", "-1", "1.2.3", "1e18", "0.0000001"])("rejects %j with a typed error", (input) => {
    const decimals = 6;
    expect(() => parseAmount(input, decimals)).toThrow(InvalidAmountError);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [1, "1 s"],
    [59, "59 s"],
    [60, "1 min"],
    [90, "1 min 30 s"],
    [120, "2 min"],
    [300, "5 min"],
    [3_600, "1 h"],
    [86_400, "1 day"],
    [172_800, "2 days"],
    [108_000, "1 day 6 h"],
    [30 * 86_400, "30 days"],
    [86_400 + 61, "1 day 1 min 1 s"],
  ])("%i s is %s", (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it("takes bigints, as the contracts return them, and keeps the sign", () => {
    expect(formatDuration(1_209_600n)).toBe("14 days");
    expect(formatDuration(-60)).toBe("-1 min");
  });
});
