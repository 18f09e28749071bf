import type { ContractTransactionReceipt } from "ethers";

import type { Marketplace } from "../generated/typechain/index.js";
import { firstEvent, requireSender, withGasMargin } from "../transaction.js";
import type { MarketFees } from "./feeMath.js";
import { callMarket, paymentTokenOf, sendMarket } from "./payment.js";

/** The marketplace's fees and where {@link collectFees} sends them. */
export interface MarketFeeSettings extends MarketFees {
  /** Receives the fees less the insurance share (the DAO timelock), when they are collected. */
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

/** Fees accrued in one payment token and not yet collected, split at each sale by the share then in force. */
export interface AccruedFees {
  /** For the treasury (payment token units). */
  readonly treasury: bigint;
  /** For the insurance reserve (payment token units). */
  readonly insurance: bigint;
}

/**
 * Fees the marketplace holds in `token` for the treasury and the insurance reserve (`accruedFees`). Sales
 * accrue their fee here instead of paying it out, which saves two transfers per sale and keeps a recipient
 * that cannot receive (a blocklisted address) from blocking trades; {@link collectFees} sends them on.
 *
 * @example
 * ```ts
 * const { treasury, insurance } = await readAccruedFees(marketplace, usdcAddress);
 * ```
 */
export async function readAccruedFees(marketplace: Marketplace, token: string): Promise<AccruedFees> {
  const accrued = await callMarket(marketplace, () => marketplace.accruedFees(token));
  return { treasury: accrued.treasury, insurance: accrued.insurance };
}

/** What {@link collectFees} returns, from the `FeesCollected` event. */
export interface CollectFeesResult {
  readonly token: string;
  readonly treasury: string;
  readonly toTreasury: bigint;
  readonly insuranceReserve: string;
  readonly toInsurance: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Sends the fees accrued in `token` to the treasury and the insurance reserve set now. Anyone may call it,
 * also while the marketplace is paused. Throws `ContractRevertError` (`Marketplace_NoFeesAccrued`) when
 * nothing has accrued.
 *
 * @example
 * ```ts
 * const { toTreasury, toInsurance } = await collectFees(asKeeper.marketplace, usdcAddress);
 * ```
 */
export async function collectFees(marketplace: Marketplace, token: string): Promise<CollectFeesResult> {
  requireSender(marketplace, "collectFees");
  const { meta } = await paymentTokenOf(marketplace, token);
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.collectFees, token), meta);
  const { args } = firstEvent(receipt, marketplace, marketplace.getEvent("FeesCollected"));
  return {
    token: args.token,
    treasury: args.treasury,
    toTreasury: args.toTreasury,
    insuranceReserve: args.insuranceReserve,
    toInsurance: args.toInsurance,
    receipt,
  };
}
