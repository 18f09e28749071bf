import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, sendAndWait, signerAddress, withGasMargin } from "../transaction.js";
import { approveIfShort, erc20At, readTokenMeta, tokenContext, vaultSources } from "./payment.js";

/** What {@link depositYield} returns, from the `YieldDeposited` event. */
export interface DepositYieldResult {
  /** Everything placed on the named day so far, this deposit included. */
  readonly dayTotal: bigint;
  /** The offering's accumulator after the deposit (scaled by 1e18). */
  readonly accYieldPerUnit: bigint;
  /** The first day not delivered at the threshold before the deposit. */
  readonly fromDay: number;
  /**
   * The first day not delivered at the threshold after it: the deposit delivered `fromDay..nextDay - 1`
   * (none when equal: a short payment, a day waiting for the oracle, or a top-up).
   */
  readonly nextDay: number;
  /** Escrow is released for the days before it (`nextDay` unless the offering is frozen). */
  readonly releasedDay: number;
  /** The offering's escrow released to the miner so far, withdrawn or not. */
  readonly escrowReleased: bigint;
  /** The yield token's `approve` receipt; `undefined` when the allowance already covered the amount. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Deposits `amount` of the offering's yield token for the ended `day` from the vault's signer (the miner,
 * or anyone paying for it): checks the balance (an `InsufficientBalanceError` before any transaction),
 * approves the vault for exactly `amount` only when the allowance is short (after simulating the deposit,
 * so that a deposit the vault would refuse costs no approval), then deposits. `day` is any ended day of the
 * term: the vault fills the oldest days not delivered at the threshold first (each up to its share of the
 * oracle's market value), in order, up to `day`, and tops up with the rest; only days so delivered release
 * escrow, and none while the offering is frozen. Throws `ContractRevertError`, e.g.
 * `RiskControlVault_DayNotEnded`, `RiskControlVault_DayOutsideTerm`, `RiskControlVault_NothingSold`.
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
    fromDay: Number(deposited.args.fromDay),
    nextDay: Number(deposited.args.nextDay),
    releasedDay: Number(deposited.args.releasedDay),
    escrowReleased: deposited.args.escrowReleased,
    approval,
    receipt,
  };
}
