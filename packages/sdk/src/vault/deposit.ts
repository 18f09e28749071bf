import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, sendAndWait, signerAddress, withGasMargin } from "../transaction.js";
import { approveIfShort, erc20At, readTokenMeta, tokenContext, vaultSources } from "./payment.js";

/** What {@link depositYield} returns, from the `YieldDeposited` event. */
export interface DepositYieldResult {
  /** Everything deposited for the day so far, this deposit included. */
  readonly dayTotal: bigint;
  /** The offering's accumulator after the deposit (scaled by 1e18). */
  readonly accYieldPerUnit: bigint;
  /** The first undelivered day after the deposit. */
  readonly nextDay: number;
  /** The yield token's `approve` receipt; `undefined` when the allowance already covered the amount. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Deposits `amount` of the offering's yield token for the ended `day` from the vault's signer (the miner,
 * or anyone paying for it): checks the balance (an `InsufficientBalanceError` before any transaction),
 * approves the vault for exactly `amount` only when the allowance is short (after simulating the deposit,
 * so that a deposit the vault would refuse costs no approval), then deposits. `day` must be the first
 * undelivered day (`nextDay`, which releases that day's escrow to the miner) or a day already delivered (a
 * top-up). Throws `ContractRevertError`, e.g. `RiskControlVault_DayNotDue`, `RiskControlVault_DayNotEnded`.
 *
 * @example
 * ```ts
 * const { nextDay } = await readOffering(riskControlVault, offeringId);
 * await depositYield(asMiner.riskControlVault, offeringId, nextDay, parseUnits("0.1", 18));
 * ```
 */
export async function depositYield(
  vault: RiskControlVault,
  offeringId: bigint,
  day: number,
  amount: bigint,
): Promise<DepositYieldResult> {
  const owner = await signerAddress(vault, "depositYield");
  const { yieldToken } = await callDecoded(() => vault.offering(offeringId), vaultSources());
  const token = erc20At(yieldToken, vault.runner);
  const meta = await readTokenMeta(token);
  const sources = vaultSources(meta);
  const approval = await approveIfShort({
    token,
    meta,
    owner,
    spender: await vault.getAddress(),
    amount,
    purpose: "this deposit",
    simulate: () => vault.depositYield.staticCall(offeringId, day, amount),
    sources,
  });
  const receipt = await sendAndWait(
    withGasMargin(vault.depositYield, offeringId, day, amount),
    sources,
    tokenContext(meta),
  );
  const deposited = firstEvent(receipt, vault, vault.getEvent("YieldDeposited"));
  return {
    dayTotal: deposited.args.dayTotal,
    accYieldPerUnit: deposited.args.accYieldPerUnit,
    nextDay: Number(deposited.args.nextDay),
    approval,
    receipt,
  };
}
