import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, requireSender, sendAndWait, withGasMargin } from "../transaction.js";
import { vaultSources } from "./payment.js";

const SOURCES = vaultSources();

/** Whether an offering can be flagged now, and for which days. */
export type Flaggability =
  | { readonly canFlag: false }
  | {
      readonly canFlag: true;
      /** First and last day (inclusive) of the missed or short window. */
      readonly fromDay: number;
      readonly toDay: number;
    };

/**
 * Whether `flag` would succeed now (the vault's `flaggable`): the last `flagWindowDays` ended days of the
 * term all missed or short, or the term ended a window ago with a day undelivered. A day delivered but not
 * yet rated by the oracle makes it not flaggable (yet).
 *
 * @example
 * ```ts
 * const check = await readFlaggable(riskControlVault, offeringId);
 * if (check.canFlag) console.log(`days ${formatDay(check.fromDay)}…${formatDay(check.toDay)} missed or short`);
 * ```
 */
export async function readFlaggable(vault: RiskControlVault, offeringId: bigint): Promise<Flaggability> {
  const [canFlag, fromDay, toDay] = await callDecoded(() => vault.flaggable(offeringId), SOURCES);
  return canFlag ? { canFlag, fromDay: Number(fromDay), toDay: Number(toDay) } : { canFlag };
}

/** What {@link flagOffering} returns, from the `OfferingFlagged` event. */
export interface FlagResult {
  readonly fromDay: number;
  readonly toDay: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Flags an offering whose recent days were all missed or short; anyone may (DESIGN §3.4). The offering
 * freezes: no escrow leaves and nothing sells until the DAO resumes or terminates it. Throws
 * `ContractRevertError`: `RiskControlVault_NotFlaggable`, or `RiskControlVault_DayNotRated` naming a day the
 * oracle has not finalized yet.
 *
 * @example
 * ```ts
 * if ((await readFlaggable(riskControlVault, offeringId)).canFlag) await flagOffering(asHolder.riskControlVault, offeringId);
 * ```
 */
export async function flagOffering(vault: RiskControlVault, offeringId: bigint): Promise<FlagResult> {
  requireSender(vault, "flagOffering");
  const receipt = await sendAndWait(withGasMargin(vault.flag, offeringId), SOURCES);
  const flagged = firstEvent(receipt, vault, vault.getEvent("OfferingFlagged"));
  return { fromDay: Number(flagged.args.fromDay), toDay: Number(flagged.args.toDay), receipt };
}
