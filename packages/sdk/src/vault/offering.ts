import type { BigNumberish, ContractTransactionReceipt } from "ethers";

import type { OfferingParamsStruct, RiskControlVault } from "../generated/typechain/RiskControlVault.js";
import {
  callDecoded,
  eventsIn,
  firstEvent,
  requireSender,
  sendAndWait,
  withGasMargin,
} from "../transaction.js";
import type { RateCheckpoint } from "./escrowMath.js";
import { vaultSources } from "./payment.js";
import { type OfferingStatus, offeringStatusName } from "./status.js";
import { batchTokenIds } from "./tokenId.js";

const SOURCES = vaultSources();

/** An offering as the vault stores it, plus its released and withdrawable escrow. Days are UTC day numbers. */
export interface OfferingDetails {
  readonly offeringId: bigint;
  readonly miner: string;
  readonly status: OfferingStatus;
  readonly coinId: bigint;
  /** The ERC-20 buyers paid in (escrow, withdrawals, refunds). */
  readonly paymentToken: string;
  /** The coin's yield token (deposits, claims). */
  readonly yieldToken: string;
  /** First day of the term. */
  readonly startDay: number;
  /** First day after the term. */
  readonly endDay: number;
  /**
   * First day not delivered at the threshold: every day from the first sale to it received the DAO-set share
   * of the oracle's market yield per sold unit, in order. 0 until the first sale.
   */
  readonly nextDay: number;
  /**
   * 0 while escrow is released with the delivery (through `nextDay`); while frozen (or after a termination of
   * a frozen offering) the day escrow stays released up to, when deposits moved `nextDay` past it.
   */
  readonly releasedDay: number;
  /** The latest day yield was attributed to (a deposit is shared among the units sold by its day). */
  readonly yieldDay: number;
  /** The sale day of the first primary sale (delivery is owed from it); 0 until then. */
  readonly firstSaleDay: number;
  /** Day of the last resume after a flag (a new flag looks only at days from it); 0 if never resumed. */
  readonly resumedDay: number;
  /** Sale checkpoints, one per day with a primary sale (see {@link readSaleCheckpoints}). */
  readonly checkpointCount: number;
  /** Index of the checkpoint in force on `nextDay`. */
  readonly cursor: number;
  /** Certificates minted with the offering (indexes 1..certificateCount). */
  readonly certificateCount: number;
  /** Index the next certificate made by a split gets. */
  readonly nextIndex: number;
  readonly unitsPerCertificate: bigint;
  /** Units sold so far: the yield accumulator shares deposits among them. */
  readonly soldUnits: bigint;
  /** Capacity the offering holds in the registry. */
  readonly reservedUnits: bigint;
  /** Yield deposited per sold unit so far, scaled by `YIELD_SCALE` (1e18). */
  readonly accYieldPerUnit: bigint;
  /** Escrow released through `nextDay`, scaled by `RATE_SCALE` (1e9). */
  readonly earnedScaled: bigint;
  /** Primary sale proceeds received (payment token units). */
  readonly totalEscrow: bigint;
  readonly escrowWithdrawn: bigint;
  readonly escrowRefunded: bigint;
  /** Yield received (yield token units). */
  readonly yieldDeposited: bigint;
  /** The vault's `escrowReleased`: escrow of every delivered day, withdrawn or not. */
  readonly escrowReleased: bigint;
  /** The vault's `withdrawable`: what `withdrawEscrow` would send now (0 while frozen). */
  readonly withdrawable: bigint;
}

/**
 * Reads an offering with its released and withdrawable escrow, in parallel. Throws `ContractRevertError`
 * (`RiskControlVault_UnknownOffering`) for an id never created.
 *
 * @example
 * ```ts
 * const { status, nextDay, withdrawable } = await readOffering(riskControlVault, 1n);
 * ```
 */
export async function readOffering(vault: RiskControlVault, offeringId: bigint): Promise<OfferingDetails> {
  const [o, escrowReleased, withdrawable] = await callDecoded(
    () =>
      Promise.all([
        vault.offering(offeringId),
        vault.escrowReleased(offeringId),
        vault.withdrawable(offeringId),
      ]),
    SOURCES,
  );
  return {
    offeringId,
    miner: o.miner,
    status: offeringStatusName(o.status),
    coinId: o.coinId,
    paymentToken: o.paymentToken,
    yieldToken: o.yieldToken,
    startDay: Number(o.startDay),
    endDay: Number(o.endDay),
    nextDay: Number(o.nextDay),
    releasedDay: Number(o.releasedDay),
    yieldDay: Number(o.yieldDay),
    firstSaleDay: Number(o.firstSaleDay),
    resumedDay: Number(o.resumedDay),
    checkpointCount: Number(o.checkpointCount),
    cursor: Number(o.cursor),
    certificateCount: Number(o.certificateCount),
    nextIndex: Number(o.nextIndex),
    unitsPerCertificate: o.unitsPerCertificate,
    soldUnits: o.soldUnits,
    reservedUnits: o.reservedUnits,
    accYieldPerUnit: o.accYieldPerUnit,
    earnedScaled: o.earnedScaled,
    totalEscrow: o.totalEscrow,
    escrowWithdrawn: o.escrowWithdrawn,
    escrowRefunded: o.escrowRefunded,
    yieldDeposited: o.yieldDeposited,
    escrowReleased,
    withdrawable,
  };
}

/**
 * The offering's sale checkpoints, oldest first: from each one's `day` on, every delivered day releases its
 * cumulative `rate` (scaled by 1e9) and the day's yield is owed to its `soldUnits`. One call per checkpoint
 * (one per day with a primary sale).
 *
 * @example
 * ```ts
 * const checkpoints = await readSaleCheckpoints(riskControlVault, 1n);
 * earnedScaledThrough(checkpoints, offering.nextDay) === offering.earnedScaled; // true
 * ```
 */
export async function readSaleCheckpoints(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<RateCheckpoint[]> {
  const { checkpointCount } = await callDecoded(() => vault.offering(offeringId), SOURCES);
  const checkpoints = await callDecoded(
    () =>
      Promise.all(
        Array.from({ length: Number(checkpointCount) }, (_, i) =>
          vault.saleCheckpoint(offeringId, BigInt(i)),
        ),
      ),
    SOURCES,
  );
  return checkpoints.map((c) => ({ day: Number(c.day), soldUnits: c.soldUnits, rate: c.rate }));
}

/** What a miner chooses for an offering (the vault's `OfferingParams`, typed by the bindings). */
export type OfferingParams = OfferingParamsStruct;

/** What {@link createOffering} returns, from the `OfferingCreated` event. */
export interface CreateOfferingResult {
  readonly offeringId: bigint;
  /** The certificates minted to the miner, indexes 1..certificateCount. */
  readonly tokenIds: readonly bigint[];
  readonly startDay: number;
  readonly endDay: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Creates an offering from the vault's signer (an Active miner) and mints its certificates to it,
 * reserving `unitsPerCertificate × certificateCount` of its registry capacity. Throws `ContractRevertError`,
 * e.g. `RiskControlVault_MinerNotActive`, `RiskControlVault_StartDayOutOfBounds` or
 * `MinerRegistry_CapacityExceeded`.
 *
 * @example
 * ```ts
 * const { offeringId, tokenIds } = await createOffering(asMiner.riskControlVault, {
 *   coinId: 1n,
 *   paymentToken: usdcAddress,
 *   unitsPerCertificate: 10n, // TiB
 *   certificateCount: 5,
 *   startDay: await readChainDay(provider),
 *   termDays: 30,
 * });
 * ```
 */
export async function createOffering(
  vault: RiskControlVault,
  params: OfferingParams,
): Promise<CreateOfferingResult> {
  requireSender(vault, "createOffering");
  const receipt = await sendAndWait(withGasMargin(vault.createOffering, params), SOURCES);
  const created = firstEvent(receipt, vault, vault.getEvent("OfferingCreated"));
  const { offeringId, certificateCount, startDay, endDay } = created.args;
  return {
    offeringId,
    tokenIds: batchTokenIds(offeringId, Number(certificateCount)),
    startDay: Number(startDay),
    endDay: Number(endDay),
    receipt,
  };
}

/** What {@link cancelUnsold} returns. */
export interface CancelUnsoldResult {
  /** The certificates burned and the units each gave back to the miner's free capacity. */
  readonly cancelled: readonly { readonly tokenId: bigint; readonly units: bigint }[];
  /** True when nothing was sold and nothing is left to sell: the offering finished. */
  readonly finished: boolean;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Burns unsold certificates the miner (the vault's signer) still holds, giving their units back to its free
 * capacity. Throws `ContractRevertError`, e.g. `RiskControlVault_AlreadySold` or `RiskControlVault_NotMiner`.
 *
 * @example
 * ```ts
 * const { cancelled, finished } = await cancelUnsold(asMiner.riskControlVault, offeringId, [tokenIds[4]]);
 * ```
 */
export async function cancelUnsold(
  vault: RiskControlVault,
  offeringId: bigint,
  tokenIds: readonly BigNumberish[],
): Promise<CancelUnsoldResult> {
  requireSender(vault, "cancelUnsold");
  const receipt = await sendAndWait(withGasMargin(vault.cancelUnsold, offeringId, [...tokenIds]), SOURCES);
  const cancelled = eventsIn(receipt, vault, vault.getEvent("UnsoldCancelled")).map((e) => ({
    tokenId: e.args.tokenId,
    units: e.args.units,
  }));
  const finished = eventsIn(receipt, vault, vault.getEvent("OfferingFinished")).length > 0;
  return { cancelled, finished, receipt };
}

/**
 * Finishes an active offering whose term is over and fully delivered (or that sold nothing), giving the
 * miner's reserved capacity back; anyone may. Throws `ContractRevertError` (`RiskControlVault_NotSettled`)
 * before that.
 *
 * @example
 * ```ts
 * await finishOffering(riskControlVault, offeringId);
 * ```
 */
export async function finishOffering(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<ContractTransactionReceipt> {
  requireSender(vault, "finishOffering");
  return sendAndWait(withGasMargin(vault.finish, offeringId), SOURCES);
}
