import { describe, expect, it } from "vitest";

import {
  AUCTION_EXTENSION,
  auctionEndAfterBid,
  auctionPhase,
  LAUNCH_MIN_BID_INCREMENT_BPS,
  minimumNextBid,
} from "./auctionMath.js";

describe("the minimum next bid", () => {
  it("is the reserve before the first bid", () => {
    expect(minimumNextBid({ reserve: 800_000_001n, highestBid: 0n }, LAUNCH_MIN_BID_INCREMENT_BPS)).toBe(
      800_000_001n,
    );
  });

  it("is the highest bid plus 5% of it, rounded up", () => {
    expect(minimumNextBid({ reserve: 1n, highestBid: 800_000_000n }, 500)).toBe(840_000_000n);
    // 5% of 800.000001 USDC is 40.00000005: the increment rounds up to 40.000001.
    expect(minimumNextBid({ reserve: 1n, highestBid: 800_000_001n }, 500)).toBe(840_000_002n);
    // The smallest bids still rise by one unit.
    expect(minimumNextBid({ reserve: 1n, highestBid: 1n }, 500)).toBe(2n);
    expect(minimumNextBid({ reserve: 1n, highestBid: 19n }, 500)).toBe(20n);
    expect(minimumNextBid({ reserve: 1n, highestBid: 20n }, 500)).toBe(21n);
    expect(minimumNextBid({ reserve: 1n, highestBid: 21n }, 500)).toBe(23n); // 1.05 → 2
    expect(minimumNextBid({ reserve: 1n, highestBid: 100n }, 5_000)).toBe(150n);
    expect(() => minimumNextBid({ reserve: 1n, highestBid: 1n }, 0)).toThrow(RangeError);
  });
});

describe("the auction clock", () => {
  const START = 1_767_225_600; // 2026-01-01 00:00:00 UTC

  it("starts at the first bid", () => {
    expect(auctionEndAfterBid({ endTime: 0, duration: 3_600 }, START)).toBe(START + 3_600);
  });

  it("moves the end to 10 minutes after a bid in the last 10 minutes", () => {
    const end = START + 3_600;
    expect(AUCTION_EXTENSION).toBe(600);
    expect(auctionEndAfterBid({ endTime: end, duration: 3_600 }, end - 300)).toBe(end + 300);
    expect(auctionEndAfterBid({ endTime: end, duration: 3_600 }, end - 1)).toBe(end + 599);
    expect(auctionEndAfterBid({ endTime: end, duration: 3_600 }, end - 599)).toBe(end + 1);
    // Exactly 10 minutes before the end is not in the last 10 minutes: the end stays.
    expect(auctionEndAfterBid({ endTime: end, duration: 3_600 }, end - 600)).toBe(end);
    expect(auctionEndAfterBid({ endTime: end, duration: 3_600 }, START + 10)).toBe(end);
  });

  it("refuses a bid at or after the end", () => {
    const end = START + 3_600;
    expect(() => auctionEndAfterBid({ endTime: end, duration: 3_600 }, end)).toThrow(RangeError);
  });

  it("names the phase at a time", () => {
    expect(auctionPhase({ endTime: 0 }, START)).toBe("AwaitingBid");
    expect(auctionPhase({ endTime: START + 1 }, START)).toBe("Running");
    expect(auctionPhase({ endTime: START }, START)).toBe("Ended");
  });
});
