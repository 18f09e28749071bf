// Proposal actions for the vault's admin functions: the vault's admin (DEFAULT_ADMIN_ROLE) is the DAO
// timelock, so these run through a Governor proposal (`buildProposal`, `propose`, … `execute`) or a council
// operation scheduled through its `CouncilGate` (which DMC holders can veto).
import type { RiskControlVault } from "../generated/typechain/index.js";
import { actionFromTx, type ProposalAction } from "../governance/proposal.js";

/**
 * Terminates an active or frozen offering: delivered days are fixed, holders refund the escrow of the
 * undelivered ones, sales and deposits stop, the miner's reserved capacity goes back. (Slashing the miner
 * is a separate registry action.)
 *
 * @example
 * ```ts
 * const proposal = buildProposal([await terminateOfferingAction(riskControlVault, 1n)], "# Terminate offering #1");
 * ```
 */
export async function terminateOfferingAction(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<ProposalAction> {
  return actionFromTx(await vault.terminate.populateTransaction(offeringId));
}

/** Unfreezes a frozen offering (a false alarm); a later flag looks only at days from the resume on. */
export async function resumeOfferingAction(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<ProposalAction> {
  return actionFromTx(await vault.resume.populateTransaction(offeringId));
}

/**
 * Grants `MARKETPLACE_ROLE`, the right to record primary sales, to `account` (the marketplace contract).
 *
 * @example
 * ```ts
 * const action = await grantMarketplaceRoleAction(riskControlVault, marketplaceAddress);
 * ```
 */
export async function grantMarketplaceRoleAction(
  vault: RiskControlVault,
  account: string,
): Promise<ProposalAction> {
  return actionFromTx(await vault.grantRole.populateTransaction(await vault.MARKETPLACE_ROLE(), account));
}

/** Revokes `MARKETPLACE_ROLE` from `account`. */
export async function revokeMarketplaceRoleAction(
  vault: RiskControlVault,
  account: string,
): Promise<ProposalAction> {
  return actionFromTx(await vault.revokeRole.populateTransaction(await vault.MARKETPLACE_ROLE(), account));
}

/** Allows or disallows a payment token for new offerings (plain ERC-20s only: no fee-on-transfer, no rebasing). */
export async function setPaymentTokenAction(
  vault: RiskControlVault,
  token: string,
  allowed: boolean,
): Promise<ProposalAction> {
  return actionFromTx(await vault.setPaymentToken.populateTransaction(token, allowed));
}

/** Sets the flag window (1..30 days) and the short threshold (1..10,000 basis points of the market average). */
export async function setFlagParametersAction(
  vault: RiskControlVault,
  windowDays: number,
  shortThresholdBps: number,
): Promise<ProposalAction> {
  return actionFromTx(await vault.setFlagParameters.populateTransaction(windowDays, shortThresholdBps));
}

/**
 * Ends an emergency pause (the council pauses through the `PauseGuardian`, for a DAO-bounded time after which
 * anyone ends it with `PauseGuardian.unpause(vault)`).
 */
export async function unpauseVaultAction(vault: RiskControlVault): Promise<ProposalAction> {
  return actionFromTx(await vault.unpause.populateTransaction());
}
