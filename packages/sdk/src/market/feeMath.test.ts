import { describe, expect, it } from "vitest";

import { feeShares, LAUNCH_MARKET_FEES, marketFee, saleSplit } from "./feeMath.js";

const USDC = (whole: bigint) => whole * 1_000_000n;

describe("the marketplace's fee split", () => {
  it("takes price × bps / 10,000, rounded down", () => {
    expect(marketFee(USDC(1_000n), 500)).toBe(USDC(50n));
    expect(marketFee(USDC(1_000n), 200)).toBe(USDC(20n));
    // 1,234.567891 USDC at 2%: 24.69135782 → 24.691357 (the seller keeps the 0.00000082).
    expect(marketFee(1_234_567_891n, 200)).toBe(24_691_357n);
    expect(marketFee(19n, 500)).toBe(0n); // 0.95 → 0
    expect(marketFee(20n, 500)).toBe(1n);
    expect(marketFee(USDC(1n), 0)).toBe(0n);
    expect(marketFee(USDC(1n), 10_000)).toBe(USDC(1n));
    expect(() => marketFee(1n, 10_001)).toThrow(RangeError);
    expect(() => marketFee(1n, -1)).toThrow(RangeError);
    expect(() => marketFee(-1n, 500)).toThrow(RangeError);
  });

  it("gives the insurance reserve its share rounded down and the treasury the rest", () => {
    expect(feeShares(USDC(50n), 2_000)).toEqual({ toInsurance: USDC(10n), toTreasury: USDC(40n) });
    // 24,691,357 × 20% = 4,938,271.4 → 4,938,271; the treasury gets the dust.
    expect(feeShares(24_691_357n, 2_000)).toEqual({ toInsurance: 4_938_271n, toTreasury: 19_753_086n });
    expect(feeShares(4n, 2_000)).toEqual({ toInsurance: 0n, toTreasury: 4n });
    expect(feeShares(USDC(1n), 0)).toEqual({ toInsurance: 0n, toTreasury: USDC(1n) });
    expect(feeShares(USDC(1n), 10_000)).toEqual({ toInsurance: USDC(1n), toTreasury: 0n });
  });

  it("splits a primary sale with the channel fee and a secondary one with the trading fee", () => {
    expect(saleSplit(USDC(1_000n), true, LAUNCH_MARKET_FEES)).toEqual({
      primary: true,
      price: USDC(1_000n),
      fee: USDC(50n),
      net: USDC(950n), // the certificate's escrow in the vault
      toInsurance: USDC(10n),
      toTreasury: USDC(40n),
    });
    expect(saleSplit(1_234_567_891n, false, LAUNCH_MARKET_FEES)).toEqual({
      primary: false,
      price: 1_234_567_891n,
      fee: 24_691_357n,
      net: 1_209_876_534n, // the seller's proceeds: price - 2%
      toInsurance: 4_938_271n,
      toTreasury: 19_753_086n,
    });
    // An auction won at 840.000002 USDC (primary): fee 42.0000001 → 42 USDC.
    expect(saleSplit(840_000_002n, true, LAUNCH_MARKET_FEES)).toMatchObject({
      fee: USDC(42n),
      net: 798_000_002n,
      toInsurance: 8_400_000n,
      toTreasury: 33_600_000n,
    });
  });

  it("conserves the price: net + insurance + treasury = price, for any price and fees", () => {
    const fees = [
      { channelBps: 1_000, tradingBps: 500, insuranceShareBps: 3_333 },
      { channelBps: 1, tradingBps: 0, insuranceShareBps: 10_000 },
      LAUNCH_MARKET_FEES,
    ];
    for (const f of fees) {
      for (const price of [1n, 7n, 999n, 1_234_567_891n, 2n ** 96n - 1n]) {
        for (const primary of [true, false]) {
          const split = saleSplit(price, primary, f);
          expect(split.net + split.toInsurance + split.toTreasury).toBe(price);
          expect(split.fee).toBe(split.toInsurance + split.toTreasury);
        }
      }
    }
  });
});
