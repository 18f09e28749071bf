import type { ContractTransactionReceipt, Provider } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, requireSender, sendAndWait, withGasMargin } from "../transaction.js";
import { readChainDay } from "./day.js";
import { vaultSources } from "./payment.js";
import { deliveryStatusName, type OfferingStatus, offeringStatusName } from "./status.js";

const SOURCES = vaultSources();

/**
 * Why an offering cannot be flagged now: it is not active (`frozen`, `terminated`, `finished`), nothing is
 * sold yet, its oldest day below the threshold has yield waiting for the oracle (`waiting-for-oracle`; the
 * vault's fallback rates it once it is a flag window old), or the miner is fewer than `flagWindowDays` ended
 * days behind (`not-behind`).
 */
export type NotFlaggableReason =
  | "frozen"
  | "terminated"
  | "finished"
  | "nothing-sold"
  | "waiting-for-oracle"
  | "not-behind";

/** Whether an offering can be flagged now, and for which days; if not, why. */
export type Flaggability =
  | {
      readonly canFlag: false;
      readonly reason: NotFlaggableReason;
      /** Ended days of the term not delivered at the threshold, counted from the last resume. */
      readonly daysBehind: number;
      /** Days behind that allow a flag (the vault's `flagWindowDays`). */
      readonly windowDays: number;
    }
  | {
      readonly canFlag: true;
      /** First and last day (inclusive) behind. */
      readonly fromDay: number;
      readonly toDay: number;
    };

/** What {@link notFlaggableReason} reads: the offering as the vault stores it, and the day. */
export interface FlagState {
  readonly status: OfferingStatus;
  readonly checkpointCount: number;
  readonly nextDay: number;
  readonly resumedDay: number;
  readonly endDay: number;
  readonly today: number;
  /** Whether the oldest day below the threshold has yield but no final oracle value yet. */
  readonly oldestDayWaitsForOracle: boolean;
}

/** Why a non-flaggable offering is not flaggable, and how far behind its miner is (pure; see {@link Flaggability}). */
export function notFlaggableReason(state: FlagState): { reason: NotFlaggableReason; daysBehind: number } {
  const lastEnded = Math.min(state.today, state.endDay);
  const from = Math.max(state.nextDay, state.resumedDay);
  const daysBehind = state.checkpointCount === 0 ? 0 : Math.max(0, lastEnded - from);
  if (state.status === "Frozen") return { reason: "frozen", daysBehind };
  if (state.status === "Terminated") return { reason: "terminated", daysBehind };
  if (state.status === "Finished") return { reason: "finished", daysBehind };
  if (state.checkpointCount === 0) return { reason: "nothing-sold", daysBehind };
  if (state.oldestDayWaitsForOracle) return { reason: "waiting-for-oracle", daysBehind };
  return { reason: "not-behind", daysBehind };
}

/**
 * Whether `flag` would succeed now (the vault's `flaggable`): the miner is `flagWindowDays` ended days behind
 * (days not delivered at the threshold, from the last resume on), or the term ended a window ago with a day not
 * delivered. When not, says why (see {@link NotFlaggableReason}).
 *
 * @example
 * ```ts
 * const check = await readFlaggable(riskControlVault, offeringId);
 * if (check.canFlag) console.log(`days ${formatDay(check.fromDay)}…${formatDay(check.toDay)} behind`);
 * else console.log(`not flaggable: ${check.reason}, ${check.daysBehind} of ${check.windowDays} days behind`);
 * ```
 */
export async function readFlaggable(vault: RiskControlVault, offeringId: bigint): Promise<Flaggability> {
  const [canFlag, fromDay, toDay] = await callDecoded(() => vault.flaggable(offeringId), SOURCES);
  if (canFlag) return { canFlag, fromDay: Number(fromDay), toDay: Number(toDay) };
  const provider = vault.runner?.provider as Provider | null | undefined;
  if (!provider) throw new Error("readFlaggable: the vault contract has no provider");
  const [offering, windowDays, today] = await Promise.all([
    callDecoded(() => vault.offering(offeringId), SOURCES),
    callDecoded(() => vault.flagWindowDays(), SOURCES),
    readChainDay(provider),
  ]);
  const nextDay = Number(offering.nextDay);
  const sold = Number(offering.checkpointCount) > 0;
  const oldest =
    sold && nextDay < today ? await callDecoded(() => vault.dayRecord(offeringId, nextDay), SOURCES) : null;
  const { reason, daysBehind } = notFlaggableReason({
    status: offeringStatusName(offering.status),
    checkpointCount: Number(offering.checkpointCount),
    nextDay,
    resumedDay: Number(offering.resumedDay),
    endDay: Number(offering.endDay),
    today,
    oldestDayWaitsForOracle: oldest !== null && deliveryStatusName(oldest.status) === "Delivered",
  });
  return { canFlag: false, reason, daysBehind, windowDays: Number(windowDays) };
}

/** What {@link flagOffering} returns, from the `OfferingFlagged` event. */
export interface FlagResult {
  readonly fromDay: number;
  readonly toDay: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Flags an offering whose miner is a flag window of ended days behind; anyone may (DESIGN §3.4). The offering
 * freezes: no escrow leaves and nothing sells until the DAO resumes or terminates it. Throws
 * `ContractRevertError`: `RiskControlVault_NotFlaggable`.
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
