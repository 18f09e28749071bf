// Mirrors of the marketplace's fee arithmetic (`Marketplace._split` and `_accrueFee`), in bigint and rounding
// down exactly as Solidity's integer division does. Prices include fees: the buyer pays exactly the price;
// the fee comes out of it.

/** Basis points in a whole (100%). */
export const BASIS_POINTS = 10_000n;

/** Cap of the channel fee on primary sales, in code: 10%. */
export const MAX_CHANNEL_FEE_BPS = 1_000;
/** Cap of the trading fee on secondary sales, in code: 5%. */
export const MAX_TRADING_FEE_BPS = 500;

/** The marketplace's fees, basis points (its `fees()` view). */
export interface MarketFees {
  /** Fee on primary sales (a certificate's first sale). */
  readonly channelBps: number;
  /** Fee on secondary sales (every later one). */
  readonly tradingBps: number;
  /** Share of every fee paid to the insurance reserve; the rest goes to the treasury (the DAO timelock). */
  readonly insuranceShareBps: number;
}

/** The fees at launch (DESIGN §3.5): 5% channel, 2% trading, 20% of fees to the insurance reserve. */
export const LAUNCH_MARKET_FEES: MarketFees = { channelBps: 500, tradingBps: 200, insuranceShareBps: 2_000 };

/**
 * The fee on `price` at `feeBps`: `price × feeBps / 10,000`, rounded down.
 *
 * @example
 * ```ts
 * marketFee(1_000_000_000n, 500); // 50_000_000n: 5% of 1,000 USDC
 * marketFee(19n, 500); // 0n: 0.95 rounds down, the seller keeps the dust
 * ```
 */
export function marketFee(price: bigint, feeBps: number | bigint): bigint {
  const bps = checkBps(feeBps, "marketFee");
  if (price < 0n) throw new RangeError(`marketFee: negative price ${price}`);
  return (price * bps) / BASIS_POINTS;
}

/** Where a fee goes. */
export interface FeeShares {
  /** `fee × insuranceShareBps / 10,000`, rounded down. */
  readonly toInsurance: bigint;
  /** The rest of the fee: the treasury gets the rounding dust. */
  readonly toTreasury: bigint;
}

/**
 * How a fee divides between the insurance reserve and the treasury.
 *
 * @example
 * ```ts
 * feeShares(50_000_000n, 2_000); // { toInsurance: 10_000_000n, toTreasury: 40_000_000n }
 * feeShares(7n, 2_000); // { toInsurance: 1n, toTreasury: 6n }
 * ```
 */
export function feeShares(fee: bigint, insuranceShareBps: number | bigint): FeeShares {
  const share = checkBps(insuranceShareBps, "feeShares");
  if (fee < 0n) throw new RangeError(`feeShares: negative fee ${fee}`);
  const toInsurance = (fee * share) / BASIS_POINTS;
  return { toInsurance, toTreasury: fee - toInsurance };
}

/** Where the price of one sale goes. */
export interface SaleSplit extends FeeShares {
  readonly primary: boolean;
  readonly price: bigint;
  /** The channel fee (primary) or the trading fee (secondary). */
  readonly fee: bigint;
  /** `price - fee`: the certificate's escrow in the vault (primary) or the seller's proceeds (secondary). */
  readonly net: bigint;
}

/**
 * The split of a sale's `price` under `fees`, as the marketplace pays it: the fee (channel fee for a
 * primary sale, trading fee for a secondary one), its shares, and the net, which a primary sale puts into
 * the vault as the certificate's escrow and a secondary sale pays to the seller.
 *
 * @example
 * ```ts
 * saleSplit(1_000_000_000n, true, LAUNCH_MARKET_FEES);
 * // { primary: true, price: 1_000_000_000n, fee: 50_000_000n, net: 950_000_000n,
 * //   toInsurance: 10_000_000n, toTreasury: 40_000_000n }
 * ```
 */
export function saleSplit(price: bigint, primary: boolean, fees: MarketFees): SaleSplit {
  const fee = marketFee(price, primary ? fees.channelBps : fees.tradingBps);
  return { primary, price, fee, net: price - fee, ...feeShares(fee, fees.insuranceShareBps) };
}

function checkBps(value: number | bigint, where: string): bigint {
  const bps = BigInt(value);
  if (bps < 0n || bps > BASIS_POINTS) throw new RangeError(`${where}: ${value} is not 0..10000 basis points`);
  return bps;
}
