import { describe, expect, it } from "vitest";

import {
  certificateEscrowReleased,
  certificateRefundable,
  daysDelivered,
  earnedScaledThrough,
  escrowDailyRate,
  escrowReleased,
  type OfferingEscrowState,
  RATE_SCALE,
  refundableEscrow,
  releasedThrough,
  saleCheckpoints,
  splitEscrow,
  unscaleEscrow,
  withdrawableEscrow,
} from "./escrowMath.js";

const USDC = (whole: bigint) => whole * 1_000_000n;

describe("escrow rates", () => {
  it("scales the daily rate by 1e9 and rounds down", () => {
    expect(RATE_SCALE).toBe(1_000_000_000n);
    // 3,000 USDC over 30 days: 100 USDC a day, exactly.
    expect(escrowDailyRate(USDC(3000n), 30)).toBe(100_000_000n * RATE_SCALE);
    // 100 units over 3 days: 33.333333333… units a day, 33,333,333,333 scaled (the rest is lost).
    expect(escrowDailyRate(100n, 3)).toBe(33_333_333_333n);
    // 1 unit over 7 days: 142,857,142.857… → 142,857,142.
    expect(escrowDailyRate(1n, 7)).toBe(142_857_142n);
    expect(unscaleEscrow(33_333_333_333n * 3n)).toBe(99n); // 99.999999999 units released → 99
    expect(() => escrowDailyRate(1n, 0)).toThrow(RangeError);
  });
});

describe("days delivered and refunds", () => {
  it("counts the delivered days of a stream", () => {
    expect(daysDelivered(100, 130, 100)).toBe(0);
    expect(daysDelivered(100, 130, 99)).toBe(0); // delivery before the sale day counts nothing
    expect(daysDelivered(100, 130, 127)).toBe(27);
    expect(daysDelivered(105, 130, 127)).toBe(22);
    expect(daysDelivered(100, 130, 130)).toBe(30);
    expect(daysDelivered(100, 130, 140)).toBe(30); // capped at the end of the term
  });

  it("refunds the undelivered days pro rata, rounded down", () => {
    // The scenario's figures: 3,000 USDC sold on day 0 of 30, 27 days delivered: 3,000 × 3 / 30.
    expect(refundableEscrow(USDC(3000n), 100, 130, 127)).toBe(USDC(300n));
    // 2,500 USDC sold on day 5 (25-day stream), 22 days delivered: 2,500 × 3 / 25.
    expect(refundableEscrow(USDC(2500n), 105, 130, 127)).toBe(USDC(300n));
    // Nothing delivered: everything back. Everything delivered: nothing.
    expect(refundableEscrow(USDC(2500n), 105, 130, 105)).toBe(USDC(2500n));
    expect(refundableEscrow(USDC(2500n), 105, 130, 130)).toBe(0n);
    // 100 units, 3-day stream, 1 day delivered: 100 × 2 / 3 = 66.67 → 66.
    expect(refundableEscrow(100n, 10, 13, 11)).toBe(66n);
    expect(() => refundableEscrow(1n, 13, 13, 13)).toThrow(RangeError);
  });

  it("splits escrow pro rata to units, the kept part taking the rounding", () => {
    expect(splitEscrow(USDC(3000n), 10n, 4n, 30)).toEqual({ kept: USDC(1800n), part: USDC(1200n) });
    expect(splitEscrow(1000n, 3n, 1n, 10)).toEqual({ kept: 670n, part: 330n }); // 100 a day, a third: 33 a day
    expect(splitEscrow(1001n, 3n, 2n, 10)).toEqual({ kept: 341n, part: 660n }); // 100 a day: 66 a day
    expect(splitEscrow(0n, 10n, 5n, 10)).toEqual({ kept: 0n, part: 0n }); // unsold
    expect(() => splitEscrow(1n, 3n, 4n, 10)).toThrow(RangeError);
    expect(() => splitEscrow(1n, 3n, 1n, 0)).toThrow(RangeError);
    // The parts' refunds add up to the whole's for every number of delivered days (the contract's promise).
    for (let delivered = 0; delivered <= 10; delivered++) {
      const { kept, part } = splitEscrow(1001n, 3n, 2n, 10);
      const refund = (escrow: bigint) => refundableEscrow(escrow, 0, 10, delivered);
      expect(refund(kept) + refund(part)).toBe(refund(1001n));
    }
  });
});

describe("an offering's released and withdrawable escrow", () => {
  const base: OfferingEscrowState = {
    status: "Active",
    endDay: 130,
    nextDay: 120,
    checkpointCount: 2,
    totalEscrow: USDC(14000n),
    earnedScaled: USDC(9000n) * RATE_SCALE + 999_999_999n, // dust below one unit
    escrowWithdrawn: 0n,
  };

  it("is earnedScaled / 1e9 until the whole term is delivered", () => {
    expect(escrowReleased(base)).toBe(USDC(9000n));
    expect(withdrawableEscrow(base)).toBe(USDC(9000n));
    expect(withdrawableEscrow({ ...base, escrowWithdrawn: USDC(8000n) })).toBe(USDC(1000n));
  });

  it("is all of the escrow, dust included, once the last day is delivered", () => {
    const done = { ...base, nextDay: 130, earnedScaled: USDC(14000n) * RATE_SCALE - 7n };
    expect(escrowReleased(done)).toBe(USDC(14000n));
    expect(escrowReleased({ ...done, earnedScaled: 0n })).toBe(USDC(14000n));
  });

  it("is zero before the first sale, whatever nextDay says", () => {
    const unsold = { ...base, checkpointCount: 0, nextDay: 0, totalEscrow: 0n, earnedScaled: 0n };
    expect(escrowReleased({ ...unsold, endDay: 0 })).toBe(0n);
  });

  it("is all of the escrow only once the release (not only the delivery) reaches the end", () => {
    const caughtUpWhileFrozen = { ...base, status: "Frozen" as const, nextDay: 130, releasedDay: 120 };
    expect(escrowReleased(caughtUpWhileFrozen)).toBe(USDC(9000n));
    expect(escrowReleased({ ...caughtUpWhileFrozen, releasedDay: 0 })).toBe(USDC(14000n));
  });

  it("withdraws nothing while frozen, but stays released", () => {
    const frozen = { ...base, status: "Frozen" as const };
    expect(escrowReleased(frozen)).toBe(USDC(9000n));
    expect(withdrawableEscrow(frozen)).toBe(0n);
  });
});

describe("a certificate's refundable and released escrow", () => {
  const sold = { sold: true, refunded: false, escrow: USDC(3000n), saleDay: 100 };
  const terminated = { status: "Terminated" as const, endDay: 130, nextDay: 127 };

  it("is refundable only after termination, once, and only when sold", () => {
    expect(certificateRefundable(terminated, sold)).toBe(USDC(300n));
    expect(certificateRefundable({ ...terminated, status: "Frozen" }, sold)).toBe(0n);
    expect(certificateRefundable({ ...terminated, status: "Active" }, sold)).toBe(0n);
    expect(certificateRefundable(terminated, { ...sold, refunded: true })).toBe(0n);
    expect(certificateRefundable(terminated, { ...sold, sold: false, escrow: 0n, saleDay: 0 })).toBe(0n);
  });

  it("releases escrow less the undelivered part", () => {
    expect(certificateEscrowReleased(terminated, sold)).toBe(USDC(2700n));
    expect(
      certificateEscrowReleased({ endDay: 13, nextDay: 11 }, { sold: true, escrow: 100n, saleDay: 10 }),
    ).toBe(
      34n, // 100 - 66
    );
    expect(certificateEscrowReleased(terminated, { sold: false, escrow: 0n, saleDay: 0 })).toBe(0n);
  });

  it("refunds the days not released after a finish with undelivered days, and nothing after a full delivery", () => {
    const finished = { status: "Finished" as const, endDay: 130, nextDay: 127 };
    expect(certificateRefundable(finished, sold)).toBe(USDC(300n));
    expect(certificateRefundable({ ...finished, nextDay: 130 }, sold)).toBe(0n);
  });

  it("counts only the days released when deposits moved the delivery on while frozen", () => {
    // Frozen on day 120, caught up to 127, then terminated: 120..129 are refundable, not 127..129.
    const caughtUp = { status: "Terminated" as const, endDay: 130, nextDay: 127, releasedDay: 120 };
    expect(releasedThrough(caughtUp)).toBe(120);
    expect(releasedThrough({ nextDay: 127 })).toBe(127);
    expect(certificateRefundable(caughtUp, sold)).toBe(USDC(1000n));
    expect(certificateEscrowReleased(caughtUp, sold)).toBe(USDC(2000n));
  });

  it("splits every sold certificate's escrow into released + refundable, for any days (fuzzed)", () => {
    let seed = 0x5eed;
    const next = (bound: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % bound;
    };
    for (let i = 0; i < 2_000; i++) {
      const saleDay = next(400);
      const endDay = saleDay + 1 + next(400);
      const nextDay = next(900);
      const releasedDay = next(2) === 0 ? 0 : Math.min(nextDay, next(900));
      const escrow = BigInt(next(2 ** 30)) * BigInt(1 + next(2 ** 20));
      const certificate = { sold: true, refunded: false, escrow, saleDay };
      const offering = { status: "Terminated" as const, endDay, nextDay, releasedDay };
      const through = releasedDay !== 0 ? releasedDay : nextDay;
      const released = certificateEscrowReleased(offering, certificate);
      const refundable = certificateRefundable(offering, certificate);
      expect(released + refundable).toBe(escrow);
      const span = BigInt(endDay - saleDay);
      const delivered = BigInt(through <= saleDay ? 0 : Math.min(through, endDay) - saleDay);
      expect(refundable).toBe((escrow * (span - delivered)) / span);
    }
  });
});

describe("sale checkpoints and earned escrow", () => {
  // The scenario: three 3,000-USDC sales on day 100 (term 100..129), two 2,500-USDC sales on day 105.
  const sales = [
    { saleDay: 100, units: 10n, escrow: USDC(3000n) },
    { saleDay: 100, units: 10n, escrow: USDC(3000n) },
    { saleDay: 100, units: 10n, escrow: USDC(3000n) },
    { saleDay: 105, units: 10n, escrow: USDC(2500n) },
    { saleDay: 105, units: 10n, escrow: USDC(2500n) },
  ];

  it("keeps one checkpoint per sale day with cumulative units and rates", () => {
    expect(saleCheckpoints(sales, 130)).toEqual([
      { day: 100, soldUnits: 30n, rate: USDC(300n) * RATE_SCALE }, // 3 × 3,000 / 30
      { day: 105, soldUnits: 50n, rate: USDC(500n) * RATE_SCALE }, // + 2 × 2,500 / 25
    ]);
    expect(() => saleCheckpoints([...sales].reverse(), 130)).toThrow(RangeError);
  });

  it("adds the rate in force on each delivered day", () => {
    const checkpoints = saleCheckpoints(sales, 130);
    expect(earnedScaledThrough(checkpoints, 100)).toBe(0n);
    expect(earnedScaledThrough(checkpoints, 103)).toBe(USDC(900n) * RATE_SCALE); // 3 × 300
    expect(earnedScaledThrough(checkpoints, 105)).toBe(USDC(1500n) * RATE_SCALE); // 5 × 300
    expect(earnedScaledThrough(checkpoints, 120)).toBe(USDC(9000n) * RATE_SCALE); // 5 × 300 + 15 × 500
    expect(earnedScaledThrough(checkpoints, 127)).toBe(USDC(12500n) * RATE_SCALE); // + 7 × 500
    expect(earnedScaledThrough(checkpoints, 130)).toBe(USDC(14000n) * RATE_SCALE); // the whole escrow
    expect(earnedScaledThrough([], 130)).toBe(0n);
  });

  it("leaves the rounding dust of odd rates to the final all-delivered release", () => {
    // 100 units over 3 days: 33,333,333,333 scaled a day; after 3 days 99 units by the rate, 100 by the rule.
    const checkpoints = saleCheckpoints([{ saleDay: 10, units: 1n, escrow: 100n }], 13);
    const earned = earnedScaledThrough(checkpoints, 13);
    expect(earned).toBe(99_999_999_999n);
    const state = {
      status: "Active" as const,
      endDay: 13,
      checkpointCount: 1,
      totalEscrow: 100n,
      escrowWithdrawn: 0n,
    };
    expect(
      escrowReleased({ ...state, nextDay: 12, earnedScaled: earnedScaledThrough(checkpoints, 12) }),
    ).toBe(66n);
    expect(escrowReleased({ ...state, nextDay: 13, earnedScaled: earned })).toBe(100n);
  });
});
