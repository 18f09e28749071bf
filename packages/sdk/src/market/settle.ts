import type { ContractTransactionReceipt } from "ethers";

import type { ContractRevertError } from "../errors.js";
import type { Marketplace } from "../generated/typechain/index.js";
import { eventsIn, firstEvent, requireSender, withGasMargin } from "../transaction.js";
import { readAuction } from "./auction.js";
import { decodeRevertData, paymentTokenOf, sendMarket } from "./payment.js";
import { type CreditRecord, creditsIn, type SaleRecord, salesIn, unexpectedEvents } from "./sale.js";

/**
 * An auction settled: the certificate went to the highest bidder (a primary lot was minted to it as one
 * certificate, `sale.tokenId`) and the bid was paid out.
 */
export interface AuctionSettled {
  readonly outcome: "settled";
  readonly auctionId: bigint;
  readonly winner: string;
  readonly amount: bigint;
  /** The sale: a primary one put `sale.net` into the vault as the certificate's escrow. */
  readonly sale: SaleRecord;
  /** Payments credited instead of pushed (a secondary seller refusing the token). */
  readonly credited: readonly CreditRecord[];
  readonly receipt: ContractTransactionReceipt;
}

/**
 * An auction that can no longer sell what it showed, voided at settlement: the certificate went back to its
 * seller (a primary lot back to its offering) and the highest bid (if any) to its bidder. Either the certificate's offering changed since the
 * auction was created (flagged, resumed, terminated, finished: `Marketplace_AuctionVoid`, at any time), or
 * the vault no longer records a primary sale (its term over, its miner suspended).
 */
export interface AuctionVoided {
  readonly outcome: "voided";
  readonly auctionId: bigint;
  /** Why, decoded: `Marketplace_AuctionVoid`, or the vault's refusal (e.g. `RiskControlVault_SalesClosed`). */
  readonly reason: ContractRevertError;
  /** The bid, when its transfer back failed and it was credited instead. */
  readonly credited: readonly CreditRecord[];
  readonly receipt: ContractTransactionReceipt;
}

/** What {@link settleAuction} returns. */
export type SettleResult = AuctionSettled | AuctionVoided;

/**
 * Settles an auction after its end (anyone may): the certificate goes to the highest bidder, or a primary
 * lot is minted to it as one certificate whose escrow is the bid less the channel fee; a secondary sale's bid
 * less the trading fee goes to the seller. An auction whose certificate's offering changed since its creation
 * (`readAuction`'s `voided`) is voided instead, at any time, as is a primary auction the vault can no longer
 * record (`outcome: "voided"`). Throws `ContractRevertError`, e.g. `Marketplace_AuctionNotEnded`,
 * `Marketplace_AuctionHasNoBid`, `Marketplace_UnknownAuction` (already settled or cancelled).
 *
 * @example
 * ```ts
 * const result = await settleAuction(asAnyone.marketplace, auctionId);
 * if (result.outcome === "settled") console.log(result.winner, result.sale.net);
 * ```
 */
export async function settleAuction(marketplace: Marketplace, auctionId: bigint): Promise<SettleResult> {
  requireSender(marketplace, "settleAuction");
  const { paymentToken } = await readAuction(marketplace, auctionId);
  const { meta } = await paymentTokenOf(marketplace, paymentToken);
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.settle, auctionId), meta);
  const credited = creditsIn(receipt, marketplace);
  const [voided] = eventsIn(receipt, marketplace, marketplace.getEvent("AuctionVoided"));
  if (voided) {
    return {
      outcome: "voided",
      auctionId,
      reason: decodeRevertData(voided.args.reason, meta),
      credited,
      receipt,
    };
  }
  const settled = firstEvent(receipt, marketplace, marketplace.getEvent("AuctionSettled"));
  const [sale] = salesIn(receipt, marketplace);
  if (!sale) throw unexpectedEvents(receipt, "no Sale event");
  return {
    outcome: "settled",
    auctionId,
    winner: settled.args.winner,
    amount: settled.args.amount,
    sale,
    credited,
    receipt,
  };
}
