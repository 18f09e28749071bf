import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { eventsIn, requireSender, sendAndWait, withGasMargin } from "../transaction.js";
import { vaultSources } from "./payment.js";

const SOURCES = vaultSources();

/** What one certificate paid in a {@link claimYield} or {@link refundEscrow}. */
export interface CertificatePayout {
  readonly offeringId: bigint;
  readonly tokenId: bigint;
  readonly amount: bigint;
}

/** What {@link claimYield} and {@link refundEscrow} return. */
export interface PayoutResult {
  /** Sum over the certificates (in one token only when they share it). */
  readonly total: bigint;
  /** One entry per certificate that paid (a claim skips certificates with nothing accrued). */
  readonly payouts: readonly CertificatePayout[];
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Claims the yield accrued by certificates the vault's signer owns, paid in each offering's yield token.
 * Certificates with nothing accrued are skipped; throws `ContractRevertError`
 * (`RiskControlVault_NothingToClaim`) when none has any, `RiskControlVault_NotOwner` for one it does not own.
 *
 * @example
 * ```ts
 * const { total } = await claimYield(asHolder.riskControlVault, [tokenId]);
 * ```
 */
export async function claimYield(
  vault: RiskControlVault,
  tokenIds: readonly bigint[],
): Promise<PayoutResult> {
  requireSender(vault, "claimYield");
  const receipt = await sendAndWait(withGasMargin(vault.claim, [...tokenIds]), SOURCES);
  const payouts = eventsIn(receipt, vault, vault.getEvent("YieldClaimed")).map((e) => ({
    offeringId: e.args.offeringId,
    tokenId: e.args.tokenId,
    amount: e.args.amount,
  }));
  return { total: sum(payouts), payouts, receipt };
}

/**
 * Takes back the escrow of the undelivered days of certificates the vault's signer owns, once their
 * offering is terminated (`escrow × undelivered days / stream days`, rounded down), in the payment token.
 * Every certificate must have something to refund: throws `ContractRevertError`
 * (`RiskControlVault_NothingToRefund`) naming the first that has not.
 *
 * @example
 * ```ts
 * const { total } = await refundEscrow(asHolder.riskControlVault, [tokenId]);
 * ```
 */
export async function refundEscrow(
  vault: RiskControlVault,
  tokenIds: readonly bigint[],
): Promise<PayoutResult> {
  requireSender(vault, "refundEscrow");
  const receipt = await sendAndWait(withGasMargin(vault.refund, [...tokenIds]), SOURCES);
  const payouts = eventsIn(receipt, vault, vault.getEvent("Refunded")).map((e) => ({
    offeringId: e.args.offeringId,
    tokenId: e.args.tokenId,
    amount: e.args.amount,
  }));
  return { total: sum(payouts), payouts, receipt };
}

function sum(payouts: readonly CertificatePayout[]): bigint {
  return payouts.reduce((total, payout) => total + payout.amount, 0n);
}
