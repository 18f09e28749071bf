// Mirrors of the marketplace's English auction rules (`Marketplace._minimumBid` and `bid`): the minimum next
// bid and the end time after a bid. Times are Unix seconds of the chain's clock (block timestamps).
import { BASIS_POINTS } from "./feeMath.js";

/** A bid in the last `AUCTION_EXTENSION` seconds (10 minutes) moves the end to that long after the bid. */
export const AUCTION_EXTENSION = 600;
/** Shortest auction, from its first bid: 1 hour. */
export const MIN_AUCTION_DURATION = 3_600;
/** Longest auction, from its first bid: 30 days. */
export const MAX_AUCTION_DURATION = 30 * 86_400;
/** The minimum increment between bids at launch, basis points of the highest bid (5%). */
export const LAUNCH_MIN_BID_INCREMENT_BPS = 500;

/** What the bidding rules read of an auction. */
export interface AuctionBidState {
  /** Lowest first bid. */
  readonly reserve: bigint;
  /** 0 before the first bid. */
  readonly highestBid: bigint;
}

/**
 * The lowest amount the next bid may be: the reserve for the first bid, then the highest bid plus
 * `incrementBps` of it, the increment rounded up (so that a 5% increment is never less than 5%).
 *
 * @example
 * ```ts
 * minimumNextBid({ reserve: 800_000_000n, highestBid: 0n }, 500); // 800_000_000n: the reserve
 * minimumNextBid({ reserve: 800_000_000n, highestBid: 800_000_001n }, 500); // 840_000_002n (40,000,000.05 rounds up)
 * ```
 */
export function minimumNextBid(auction: AuctionBidState, incrementBps: number | bigint): bigint {
  const bps = BigInt(incrementBps);
  if (bps <= 0n || bps > BASIS_POINTS)
    throw new RangeError(`minimumNextBid: ${incrementBps} is not 1..10000 basis points`);
  const highest = auction.highestBid;
  if (highest === 0n) return auction.reserve;
  return highest + (highest * bps + BASIS_POINTS - 1n) / BASIS_POINTS;
}

/** What the clock rules read of an auction. */
export interface AuctionClock {
  /** Unix seconds; 0 until the first bid starts the clock. */
  readonly endTime: number;
  /** Seconds the auction runs from its first bid. */
  readonly duration: number;
}

/**
 * The auction's end after a bid at `bidTime` (the bid's block timestamp): the first bid starts the clock
 * (`bidTime + duration`); a later bid less than 10 minutes before the end moves it to `bidTime + 10 min`;
 * any other bid leaves it. Throws `RangeError` for a bid at or after the end (the marketplace refuses it).
 *
 * @example
 * ```ts
 * auctionEndAfterBid({ endTime: 0, duration: 3_600 }, 1_000); // 4_600: the first bid starts the clock
 * auctionEndAfterBid({ endTime: 4_600, duration: 3_600 }, 4_300); // 4_900: 5 minutes left → 10 from the bid
 * auctionEndAfterBid({ endTime: 4_600, duration: 3_600 }, 3_000); // 4_600
 * ```
 */
export function auctionEndAfterBid(auction: AuctionClock, bidTime: number): number {
  if (auction.endTime === 0) return bidTime + auction.duration;
  if (bidTime >= auction.endTime) {
    throw new RangeError(`auctionEndAfterBid: the auction ended at ${auction.endTime}, before ${bidTime}`);
  }
  return auction.endTime - bidTime < AUCTION_EXTENSION ? bidTime + AUCTION_EXTENSION : auction.endTime;
}

/**
 * Where an auction stands at `now`. `AwaitingBid`: no bid yet (the clock has not started; its seller may
 * cancel it). `Running`: bids until `endTime`. `Ended`: anyone may settle it.
 */
export type AuctionPhase = "AwaitingBid" | "Running" | "Ended";

/**
 * The phase of an auction at `now` (Unix seconds of the chain's clock).
 *
 * @example
 * ```ts
 * auctionPhase({ endTime: 0 }, now); // "AwaitingBid"
 * auctionPhase({ endTime: 4_600 }, 4_600); // "Ended": the end itself takes no more bids
 * ```
 */
export function auctionPhase(auction: Pick<AuctionClock, "endTime">, now: number): AuctionPhase {
  if (auction.endTime === 0) return "AwaitingBid";
  return now < auction.endTime ? "Running" : "Ended";
}
