import type { Marketplace } from "../generated/typechain/index.js";
import type { MarketFees } from "./feeMath.js";
import { callMarket } from "./payment.js";

/** The marketplace's fees and where they go. */
export interface MarketFeeSettings extends MarketFees {
  /** Receives the fees less the insurance share: the DAO timelock. */
  readonly treasury: string;
  /** Receives `insuranceShareBps` of every fee. */
  readonly insuranceReserve: string;
}

/**
 * Reads the fees (basis points) and their recipients in parallel. At launch: 5% channel fee on primary
 * sales, 2% trading fee on secondary sales, 20% of every fee to the insurance reserve, the rest to the
 * treasury (the timelock). Feed the fees to `saleSplit` to preview a sale.
 *
 * @example
 * ```ts
 * const fees = await readMarketFees(marketplace);
 * saleSplit(price, true, fees); // { fee, net, toInsurance, toTreasury, … }
 * ```
 */
export async function readMarketFees(marketplace: Marketplace): Promise<MarketFeeSettings> {
  const [fees, treasury, insuranceReserve] = await callMarket(marketplace, () =>
    Promise.all([marketplace.fees(), marketplace.treasury(), marketplace.insuranceReserve()]),
  );
  return {
    channelBps: Number(fees.channelBps),
    tradingBps: Number(fees.tradingBps),
    insuranceShareBps: Number(fees.insuranceShareBps),
    treasury,
    insuranceReserve,
  };
}
