// Getters and constants of the registry domain: MinerRegistry (settings, coins, applications, miners) and
// YieldOracle (settings, reporters, daily indexes). AssemblyScript, compiled by `graph build`.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";

import { DailyIndex, Miner, OracleSettings, RegistrySettings, Reporter } from "../../generated/schema";
import { BI_ZERO, SECONDS_PER_DAY, ZERO_ADDRESS } from "./constants";
import { getOrCreateAccount } from "./entities";

/** The registry's MinerStatus, by its uint8 value, as the schema's MinerStatus enum values. */
export const MINER_STATUSES: string[] = ["NONE", "APPLIED", "APPROVED", "ACTIVE", "SUSPENDED", "REVOKED"];
export const MINER_NONE = "NONE";
export const MINER_APPLIED = "APPLIED";
export const MINER_APPROVED = "APPROVED";
export const MINER_ACTIVE = "ACTIVE";
export const MINER_SUSPENDED = "SUSPENDED";
export const MINER_REVOKED = "REVOKED";

/** The schema's ApplicationStatus values (SUBMITTED is the registry's Pending). */
export const APPLICATION_SUBMITTED = "SUBMITTED";
export const APPLICATION_APPROVED = "APPROVED";
export const APPLICATION_REJECTED = "REJECTED";
export const APPLICATION_WITHDRAWN = "WITHDRAWN";

/** The schema's StakeEventKind values. */
export const STAKE_STAKED = "STAKED";
export const STAKE_UNSTAKE_REQUESTED = "UNSTAKE_REQUESTED";
export const STAKE_WITHDRAWN = "WITHDRAWN";
export const STAKE_SLASHED = "SLASHED";

/** String equality by content. */
export function same(a: string, b: string): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: in AssemblyScript 0.19, == compares strings by content and === by reference
  return a == b;
}

/** The schema's MinerStatus value of a uint8 from an event; "NONE" (and an error log by the caller) if unknown. */
export function minerStatusName(value: i32): string {
  if (value < 0 || value >= MINER_STATUSES.length) return MINER_NONE;
  return MINER_STATUSES[value];
}

export function isKnownMinerStatus(value: i32): boolean {
  return value >= 0 && value < MINER_STATUSES.length;
}

/** The registry's settings entity (id = registry address). The constructor's events fill it. */
export function getOrCreateRegistrySettings(registry: Address): RegistrySettings {
  let settings = RegistrySettings.load(registry);
  if (settings == null) {
    settings = new RegistrySettings(registry);
    settings.approvalWindow = BI_ZERO;
    settings.unbondingPeriod = BI_ZERO;
    settings.insuranceReserve = ZERO_ADDRESS;
    settings.totalStaked = BI_ZERO;
    settings.totalPendingWithdrawals = BI_ZERO;
    settings.totalSlashed = BI_ZERO;
    settings.save();
  }
  return settings as RegistrySettings;
}

/** A miner's record, created (status NONE, all zero) the first time the registry mentions the address. */
export function getOrCreateMiner(address: Address, event: ethereum.Event): Miner {
  let miner = Miner.load(address);
  if (miner == null) {
    miner = new Miner(address);
    miner.account = getOrCreateAccount(address).id;
    miner.status = MINER_NONE;
    miner.maxTermDays = 0;
    miner.capacity = BI_ZERO;
    miner.usedCapacity = BI_ZERO;
    miner.freeCapacity = BI_ZERO;
    miner.liveOfferings = 0;
    miner.stake = BI_ZERO;
    miner.pendingWithdrawal = BI_ZERO;
    miner.unlockAt = BI_ZERO;
    miner.requiredStake = BI_ZERO;
    miner.approvalExpiry = BI_ZERO;
    miner.underCollateralized = false;
    miner.totalSlashed = BI_ZERO;
    miner.slashCount = 0;
    miner.createdAt = event.block.timestamp;
    miner.updatedAt = event.block.timestamp;
    miner.save();
  }
  return miner as Miner;
}

/**
 * Recomputes the fields that follow from others (freeCapacity, underCollateralized as the registry's
 * isUnderCollateralized), stamps updatedAt and saves.
 */
export function saveMiner(miner: Miner, event: ethereum.Event): void {
  miner.freeCapacity = miner.capacity.minus(miner.usedCapacity);
  miner.underCollateralized = same(miner.status, MINER_ACTIVE) && miner.stake.lt(miner.requiredStake);
  miner.updatedAt = event.block.timestamp;
  miner.save();
}

/** The oracle's settings entity (id = oracle address). The constructor's events fill it. */
export function getOrCreateOracleSettings(oracle: Address): OracleSettings {
  let settings = OracleSettings.load(oracle);
  if (settings == null) {
    settings = new OracleSettings(oracle);
    settings.quorum = 0;
    settings.reporterCount = 0;
    settings.save();
  }
  return settings as OracleSettings;
}

export function getOrCreateReporter(address: Address, event: ethereum.Event): Reporter {
  let reporter = Reporter.load(address);
  if (reporter == null) {
    reporter = new Reporter(address);
    reporter.account = getOrCreateAccount(address).id;
    reporter.active = false;
    reporter.addedAt = event.block.timestamp;
    reporter.reportCount = 0;
    reporter.save();
  }
  return reporter as Reporter;
}

/** Id of a coin-day: coin id ++ "-" ++ day, e.g. "1-20412". */
export function dailyIndexId(coinId: BigInt, day: i32): string {
  return coinId.toString().concat("-").concat(day.toString());
}

export function getOrCreateDailyIndex(coinId: BigInt, day: i32): DailyIndex {
  const id = dailyIndexId(coinId, day);
  let index = DailyIndex.load(id);
  if (index == null) {
    index = new DailyIndex(id);
    index.coin = coinId.toString();
    index.coinId = coinId;
    index.day = day;
    index.date = BigInt.fromI32(day).times(SECONDS_PER_DAY);
    index.value = BI_ZERO;
    index.reportCount = 0;
    index.isFinal = false;
    index.save();
  }
  return index as DailyIndex;
}
