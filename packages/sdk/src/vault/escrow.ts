import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { firstEvent, requireSender, sendAndWait, withGasMargin } from "../transaction.js";
import { vaultSources } from "./payment.js";

const SOURCES = vaultSources();

/** What {@link withdrawEscrow} returns, from the `EscrowWithdrawn` event. */
export interface WithdrawEscrowResult {
  /** Payment token units sent to the miner. */
  readonly amount: bigint;
  /** Everything the miner has withdrawn from the offering so far. */
  readonly totalWithdrawn: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Sends the miner (the vault's signer) the escrow released and not yet withdrawn: the escrow of every
 * delivered day. Throws `ContractRevertError`: `RiskControlVault_NothingToWithdraw`,
 * `RiskControlVault_InvalidStatus` while frozen, `RiskControlVault_NotMiner`, `EnforcedPause`.
 *
 * @example
 * ```ts
 * if ((await readOffering(riskControlVault, offeringId)).withdrawable > 0n) {
 *   const { amount } = await withdrawEscrow(asMiner.riskControlVault, offeringId);
 * }
 * ```
 */
export async function withdrawEscrow(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<WithdrawEscrowResult> {
  requireSender(vault, "withdrawEscrow");
  const receipt = await sendAndWait(withGasMargin(vault.withdrawEscrow, offeringId), SOURCES);
  const withdrawn = firstEvent(receipt, vault, vault.getEvent("EscrowWithdrawn"));
  return { amount: withdrawn.args.amount, totalWithdrawn: withdrawn.args.totalWithdrawn, receipt };
}
