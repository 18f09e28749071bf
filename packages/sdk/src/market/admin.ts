// Proposal actions for the marketplace's admin functions: its admin (DEFAULT_ADMIN_ROLE) is the DAO
// timelock, so these run through a Governor proposal (`buildProposal`, `propose`, … `execute`).
import type { Marketplace } from "../generated/typechain/index.js";
import { actionFromTx, type ProposalAction } from "../governance/proposal.js";
import type { MarketFees } from "./feeMath.js";

/**
 * Sets the fees, within the caps in code (channel fee at most 10%, trading fee at most 5%, insurance share
 * at most 100%).
 *
 * @example
 * ```ts
 * const action = await setMarketFeesAction(marketplace, { channelBps: 400, tradingBps: 200, insuranceShareBps: 2_500 });
 * ```
 */
export async function setMarketFeesAction(
  marketplace: Marketplace,
  fees: MarketFees,
): Promise<ProposalAction> {
  return actionFromTx(await marketplace.setFees.populateTransaction(fees));
}

/** Sets where fees go: the treasury and the insurance reserve. */
export async function setFeeRecipientsAction(
  marketplace: Marketplace,
  treasury: string,
  insuranceReserve: string,
): Promise<ProposalAction> {
  return actionFromTx(await marketplace.setFeeRecipients.populateTransaction(treasury, insuranceReserve));
}

/** Sets the minimum increment between bids, basis points of the highest bid (1..5,000; 500 at launch). */
export async function setMinBidIncrementAction(
  marketplace: Marketplace,
  incrementBps: number,
): Promise<ProposalAction> {
  return actionFromTx(await marketplace.setMinBidIncrement.populateTransaction(incrementBps));
}

/** Ends an emergency pause (the council pauses through the `PauseGuardian`, for a DAO-bounded time). */
export async function unpauseMarketplaceAction(marketplace: Marketplace): Promise<ProposalAction> {
  return actionFromTx(await marketplace.unpause.populateTransaction());
}
