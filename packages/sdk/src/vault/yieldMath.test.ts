import { describe, expect, it } from "vitest";

import { claimableYield, YIELD_SCALE, yieldOwed, yieldPerUnit } from "./yieldMath.js";

const IFIL = (milli: bigint) => milli * 10n ** 15n; // thousandths of an IFIL

describe("the yield accumulator", () => {
  it("raises the yield per unit by amount × 1e18 / sold units, rounded down", () => {
    expect(YIELD_SCALE).toBe(10n ** 18n);
    // The scenario's day 0: 0.06 IFIL for 30 units sold → 0.002 IFIL a unit.
    expect(yieldPerUnit(IFIL(60n), 30n)).toBe(IFIL(2n) * YIELD_SCALE);
    // Days 20-26: 0.05 IFIL for 50 units → 0.001.
    expect(yieldPerUnit(IFIL(50n), 50n)).toBe(IFIL(1n) * YIELD_SCALE);
    // 1 wei for 3 units: 333,333,333,333,333,333 (a third, scaled, rounded down).
    expect(yieldPerUnit(1n, 3n)).toBe(333_333_333_333_333_333n);
    expect(() => yieldPerUnit(1n, 0n)).toThrow(RangeError);
  });

  it("owes units × rise / 1e18, rounded down", () => {
    expect(yieldOwed(10n, IFIL(2n) * YIELD_SCALE, 0n)).toBe(IFIL(20n)); // 0.02 IFIL
    expect(yieldOwed(10n, 5n * YIELD_SCALE, 2n * YIELD_SCALE)).toBe(30n);
    // A third of a wei per unit, 2 units: 0.666… → 0.
    expect(yieldOwed(2n, 333_333_333_333_333_333n, 0n)).toBe(0n);
    expect(yieldOwed(3n, 333_333_333_333_333_333n, 0n)).toBe(0n); // 0.999… → 0: dust stays in the vault
    expect(() => yieldOwed(1n, 1n, 2n)).toThrow(RangeError);
  });

  it("makes a certificate's claimable yield its settled yield plus its share of the rise", () => {
    // Day-0 certificate of the scenario: 5 × 0.002 + 15 × 0.002 + 7 × 0.001 per unit = 0.047, × 10 units.
    const acc = IFIL(47n) * YIELD_SCALE;
    expect(claimableYield({ sold: true, units: 10n, checkpoint: 0n }, acc)).toBe(IFIL(470n));
    // Day-5 certificate: sold when the accumulator stood at 5 × 0.002 = 0.01.
    expect(claimableYield({ sold: true, units: 10n, checkpoint: IFIL(10n) * YIELD_SCALE }, acc)).toBe(
      IFIL(370n),
    );
    // After a split settled 5 wei into it.
    expect(claimableYield({ sold: true, units: 10n, checkpoint: acc, owed: 5n }, acc)).toBe(5n);
    expect(claimableYield({ sold: false, units: 10n, checkpoint: 0n }, acc)).toBe(0n);
  });
});
