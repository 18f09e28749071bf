import type { MinerRegistry } from "../generated/typechain/index.js";
import { callDecoded, sourcesFirst } from "../transaction.js";
import { type MinerStatus, minerStatusName } from "./status.js";

const SOURCES = sourcesFirst("MinerRegistry");

/** A miner's record in the registry. Amounts are DMC wei; capacities are in the coin's units. */
export interface MinerDetails {
  readonly miner: string;
  /** As `statusOf` reports it: `None` once an approval lapsed unstaked. */
  readonly status: MinerStatus;
  readonly maxTermDays: number;
  /** Unix seconds at which an approval not yet staked lapses; 0 when none is running. */
  readonly approvalExpiry: number;
  /** Unix seconds from which the pending withdrawal can be withdrawn; 0 when nothing is pending. */
  readonly unlockAt: number;
  readonly liveOfferings: number;
  readonly coinId: bigint;
  readonly capacityUnits: bigint;
  readonly usedCapacity: bigint;
  readonly requiredStake: bigint;
  readonly stake: bigint;
  readonly pendingWithdrawal: bigint;
  /** The miner's latest application; 0 if it never applied. */
  readonly applicationId: bigint;
}

/**
 * Reads a miner's record, with its status as a name. An address that never applied reads as status
 * `None` with zeros.
 *
 * @example
 * ```ts
 * const { status, stake, requiredStake } = await readMiner(minerRegistry, minerAddress);
 * if (status === "Approved") console.log(`stake ${requiredStake - stake} more to become Active`);
 * ```
 */
export async function readMiner(registry: MinerRegistry, miner: string): Promise<MinerDetails> {
  const record = await callDecoded(() => registry.minerOf(miner), SOURCES);
  return {
    miner,
    status: minerStatusName(record.status),
    maxTermDays: Number(record.maxTermDays),
    approvalExpiry: Number(record.approvalExpiry),
    unlockAt: Number(record.unlockAt),
    liveOfferings: Number(record.liveOfferings),
    coinId: record.coinId,
    capacityUnits: record.capacityUnits,
    usedCapacity: record.usedCapacity,
    requiredStake: record.requiredStake,
    stake: record.stake,
    pendingWithdrawal: record.pendingWithdrawal,
    applicationId: record.applicationId,
  };
}
