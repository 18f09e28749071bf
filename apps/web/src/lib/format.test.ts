import { describe, expect, it } from "vitest";

import {
  formatBlockTime,
  formatInteger,
  formatInterval,
  formatPercent,
  formatUtcDay,
  shortAddress,
} from "./format";

describe("format", () => {
  it("groups integers and bigints", () => {
    expect(formatInteger(0)).toBe("0");
    expect(formatInteger(1234567)).toBe("1,234,567");
    expect(formatInteger(10n ** 21n)).toBe("1,000,000,000,000,000,000,000");
  });

  it("shows block time in UTC to the second", () => {
    expect(formatBlockTime(0)).toBe("1970-01-01 00:00:00 UTC");
    expect(formatBlockTime(1_763_703_552)).toBe("2025-11-21 05:39:12 UTC");
  });

  it("shows intervals with their unit", () => {
    expect(formatInterval(2000)).toBe("2 s");
    expect(formatInterval(2500)).toBe("2.5 s");
    expect(formatInterval(50)).toBe("50 ms");
    expect(formatInterval(1234)).toBe("1234 ms");
  });

  it("shows fractions as exact percentages", () => {
    expect(formatPercent(4n, 100n)).toBe("4%");
    expect(formatPercent(15n, 1000n)).toBe("1.5%");
    expect(formatPercent(1n, 3n)).toBe("33.33%");
    expect(formatPercent(1n, 0n)).toBe("–");
  });

  it("shows oracle day numbers as UTC dates", () => {
    expect(formatUtcDay(0)).toBe("1970-01-01");
    expect(formatUtcDay(20_412)).toBe("2025-11-20");
  });

  it("shortens addresses", () => {
    expect(shortAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")).toBe("0x5FbD…0aa3");
  });
});
