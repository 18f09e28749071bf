import type { Marketplace } from "../generated/typechain/index.js";
import { callMarket } from "./payment.js";

/** The marketplace's bidding rule, limits, counters and pause state. */
export interface MarketSettings {
  /** Minimum increment between bids, basis points of the highest bid (500 = 5% at launch). */
  readonly minBidIncrementBps: number;
  /** A bid in the last `extension` seconds moves the end to that long after it (600). */
  readonly extension: number;
  /** Auction durations allowed, seconds from the first bid. */
  readonly minAuctionDuration: number;
  readonly maxAuctionDuration: number;
  /** Caps of the fees, in code (basis points). */
  readonly maxChannelFeeBps: number;
  readonly maxTradingFeeBps: number;
  /** Gas an outbid bidder's (or auction seller's) token transfer may use before it is credited instead. */
  readonly pushGas: bigint;
  /** Ids so far: listings, auctions and offers are numbered from 1. */
  readonly listingCount: bigint;
  readonly auctionCount: bigint;
  readonly offerCount: bigint;
  /** Paused by the council or the timelock: no listing, buying, auction, bid, offer or settlement. */
  readonly paused: boolean;
}

/**
 * Reads the marketplace's settings in parallel.
 *
 * @example
 * ```ts
 * const { minBidIncrementBps, paused } = await readMarketSettings(marketplace); // 500, false at launch
 * ```
 */
export async function readMarketSettings(marketplace: Marketplace): Promise<MarketSettings> {
  const [
    increment,
    extension,
    minDuration,
    maxDuration,
    maxChannel,
    maxTrading,
    pushGas,
    listingCount,
    auctionCount,
    offerCount,
    paused,
  ] = await callMarket(marketplace, () =>
    Promise.all([
      marketplace.minBidIncrementBps(),
      marketplace.EXTENSION(),
      marketplace.MIN_AUCTION_DURATION(),
      marketplace.MAX_AUCTION_DURATION(),
      marketplace.MAX_CHANNEL_FEE_BPS(),
      marketplace.MAX_TRADING_FEE_BPS(),
      marketplace.PUSH_GAS(),
      marketplace.listingCount(),
      marketplace.auctionCount(),
      marketplace.offerCount(),
      marketplace.paused(),
    ]),
  );
  return {
    minBidIncrementBps: Number(increment),
    extension: Number(extension),
    minAuctionDuration: Number(minDuration),
    maxAuctionDuration: Number(maxDuration),
    maxChannelFeeBps: Number(maxChannel),
    maxTradingFeeBps: Number(maxTrading),
    pushGas,
    listingCount,
    auctionCount,
    offerCount,
    paused,
  };
}
