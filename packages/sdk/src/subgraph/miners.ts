// Miners (list and profile: status, terms, capacity, stake and their history), coins and the oracle's daily
// market yield, from the subgraph's MinerRegistry and YieldOracle entities.
import { InvalidPageError } from "../errors.js";
import {
  type CoinFieldsFragment,
  CoinsDocument,
  DailyIndicesDocument,
  type Miner_Filter,
  type Miner_OrderBy,
  type MinerFieldsFragment,
  MinerProfileDocument,
  MinersDocument,
} from "../generated/subgraph/graphql.js";
import type { MinerStatus } from "../registry/status.js";
import type { SubgraphClient } from "./client.js";
import {
  addressVariable,
  logIndexOfEventId,
  newestFirst,
  toAddress,
  toBigInt,
  toEnumMember,
  toHex,
  toSafeNumber,
} from "./convert.js";
import { clockOf } from "./offerings.js";
import { offsetPage, type Page, type PageRequest } from "./pagination.js";

/** A coin the DAO registered. */
export interface IndexedCoin {
  readonly id: bigint;
  readonly name: string;
  /** e.g. TiB, TH/s. */
  readonly unitName: string;
  /** How many unitName one unit is. */
  readonly unitSize: bigint;
  readonly displayDecimals: number;
  readonly active: boolean;
  /** The ERC-20 the yield is paid in. */
  readonly yieldToken: string;
  /** The latest final oracle day (days since 1970-01-01 UTC); undefined before any. */
  readonly latestFinalDay: number | undefined;
}

const STATUS_NAMES = {
  NONE: "None",
  APPLIED: "Applied",
  APPROVED: "Approved",
  ACTIVE: "Active",
  SUSPENDED: "Suspended",
  REVOKED: "Revoked",
} as const satisfies Record<string, MinerStatus>;
type StatusMember = keyof typeof STATUS_NAMES;
const STATUS_MEMBERS = Object.keys(STATUS_NAMES) as StatusMember[];

export interface IndexedMiner {
  readonly address: string;
  /**
   * The registry's `statusOf` at {@link MinerPage.clock}: the stored status, except that an approval not
   * staked before its expiry reads as "None" (the registry computes that lapse without an event).
   */
  readonly status: MinerStatus;
  /** True when the status is "None" because an unstaked approval lapsed. */
  readonly approvalLapsed: boolean;
  /** The DAO's reason for a suspension, revocation or rejection; undefined otherwise. */
  readonly statusReason: string | undefined;
  /** The coin of the approved application; undefined before an approval. */
  readonly coin: IndexedCoin | undefined;
  readonly maxTermDays: number;
  /** Approved capacity, reserved by live offerings, and free; in the coin's units. */
  readonly capacity: bigint;
  readonly usedCapacity: bigint;
  readonly freeCapacity: bigint;
  readonly liveOfferings: number;
  /** DMC wei. */
  readonly stake: bigint;
  readonly pendingWithdrawal: bigint;
  readonly requiredStake: bigint;
  readonly totalSlashed: bigint;
  readonly slashCount: number;
  /** Unix seconds from which the pending withdrawal can be withdrawn; undefined when nothing is pending. */
  readonly unlockAt: number | undefined;
  /** Unix seconds at which an unstaked approval lapses; undefined when none runs. */
  readonly approvalExpiry: number | undefined;
  /** Active with a stake below the required stake: cannot open offerings. */
  readonly underCollateralized: boolean;
  /** Unix seconds of the first approval ("member since"); undefined if never approved. */
  readonly firstApprovedAt: number | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface MinerStatusChangeRecord {
  readonly blockNumber: number;
  readonly logIndex: number;
  readonly from: MinerStatus;
  readonly to: MinerStatus;
  readonly reason: string | undefined;
  readonly timestamp: number;
  readonly transactionHash: string;
}

export type StakeEventKind = "STAKED" | "UNSTAKE_REQUESTED" | "WITHDRAWN" | "SLASHED";

export interface StakeEventRecord {
  readonly blockNumber: number;
  readonly logIndex: number;
  readonly kind: StakeEventKind;
  /** DMC wei staked, requested, withdrawn or slashed. */
  readonly amount: bigint;
  readonly stakeAfter: bigint;
  readonly pendingWithdrawalAfter: bigint;
  /** The DAO's reason for a slash. */
  readonly reason: string | undefined;
  readonly timestamp: number;
  readonly transactionHash: string;
}

export interface MinerApplicationRecord {
  readonly id: bigint;
  readonly profileURI: string;
  readonly contentHash: string;
  readonly capacityUnits: bigint;
  readonly maxTermDays: number;
  /** Yield token smallest unit per unit per day. */
  readonly expectedYieldPerUnit: bigint;
  readonly status: "SUBMITTED" | "APPROVED" | "REJECTED" | "WITHDRAWN";
  readonly approvedCapacity: bigint | undefined;
  readonly requiredStake: bigint | undefined;
  readonly rejectionReason: string | undefined;
  readonly submittedAt: number;
  readonly decidedAt: number | undefined;
}

export interface MinerProfile extends IndexedMiner {
  /** The latest application: the profile document and what was asked and approved. */
  readonly application: MinerApplicationRecord | undefined;
  /** Newest first by block and log index (up to the number asked for). */
  readonly statusChanges: readonly MinerStatusChangeRecord[];
  /** Newest first by block and log index (up to the number asked for). */
  readonly stakeEvents: readonly StakeEventRecord[];
}

export interface MinerFilter {
  readonly statuses?: readonly ("NONE" | "APPLIED" | "APPROVED" | "ACTIVE" | "SUSPENDED" | "REVOKED")[];
  readonly coinId?: bigint;
}

export type MinerSort = "stake" | "capacity" | "freeCapacity" | "firstApprovedAt" | "createdAt";

export interface MinerPage extends Page<IndexedMiner> {
  /** The latest indexed block; statuses are read at its timestamp. */
  readonly clock: { readonly block: number; readonly timestamp: number };
}

export function toCoin(row: CoinFieldsFragment): IndexedCoin {
  return {
    id: toBigInt(row.id, "Coin.id"),
    name: row.name,
    unitName: row.unitName,
    unitSize: toBigInt(row.unitSize, "Coin.unitSize"),
    displayDecimals: row.displayDecimals,
    active: row.active,
    yieldToken: toAddress(row.yieldToken.id, "Coin.yieldToken"),
    latestFinalDay: row.latestFinalDay === 0 ? undefined : row.latestFinalDay,
  };
}

const nonZeroTime = (value: string, field: string) => {
  const n = toSafeNumber(value, field);
  return n === 0 ? undefined : n;
};
const optionalTime = (value: string | null, field: string) =>
  value === null ? undefined : toSafeNumber(value, field);
const statusName = (value: string, field: string) =>
  STATUS_NAMES[toEnumMember(value as StatusMember, STATUS_MEMBERS, field)];

function toMiner(row: MinerFieldsFragment, now: number): IndexedMiner {
  const stored = statusName(row.status, "Miner.status");
  const approvalExpiry = nonZeroTime(row.approvalExpiry, "Miner.approvalExpiry");
  // MinerRegistry._statusOf: an approval not staked before its expiry reads as None.
  const approvalLapsed = stored === "Approved" && approvalExpiry !== undefined && now >= approvalExpiry;
  return {
    address: toAddress(row.id, "Miner.id"),
    status: approvalLapsed ? "None" : stored,
    approvalLapsed,
    statusReason: row.statusReason ?? undefined,
    coin: row.coin ? toCoin(row.coin) : undefined,
    maxTermDays: row.maxTermDays,
    capacity: toBigInt(row.capacity, "Miner.capacity"),
    usedCapacity: toBigInt(row.usedCapacity, "Miner.usedCapacity"),
    freeCapacity: toBigInt(row.freeCapacity, "Miner.freeCapacity"),
    liveOfferings: row.liveOfferings,
    stake: toBigInt(row.stake, "Miner.stake"),
    pendingWithdrawal: toBigInt(row.pendingWithdrawal, "Miner.pendingWithdrawal"),
    requiredStake: toBigInt(row.requiredStake, "Miner.requiredStake"),
    totalSlashed: toBigInt(row.totalSlashed, "Miner.totalSlashed"),
    slashCount: row.slashCount,
    unlockAt: nonZeroTime(row.unlockAt, "Miner.unlockAt"),
    approvalExpiry,
    underCollateralized: row.underCollateralized,
    firstApprovedAt: optionalTime(row.firstApprovedAt, "Miner.firstApprovedAt"),
    createdAt: toSafeNumber(row.createdAt, "Miner.createdAt"),
    updatedAt: toSafeNumber(row.updatedAt, "Miner.updatedAt"),
  };
}

/** Every registered coin, by id. */
export async function listCoins(client: SubgraphClient): Promise<IndexedCoin[]> {
  return (await client.request(CoinsDocument)).coins.map(toCoin);
}

/** A page of miners, by default the largest stake first. */
export async function browseMiners(
  client: SubgraphClient,
  page?: PageRequest,
  filter: MinerFilter = {},
  options: { readonly sort?: MinerSort; readonly direction?: "asc" | "desc"; readonly at?: number } = {},
): Promise<MinerPage> {
  const where: { -readonly [K in keyof Miner_Filter]: Miner_Filter[K] } = {};
  if (filter.statuses) where.status_in = [...filter.statuses];
  if (filter.coinId !== undefined) where.coin = filter.coinId.toString();
  const orderBy: Miner_OrderBy = options.sort ?? "stake";
  let clock = { block: 0, timestamp: 0 };
  const result = await offsetPage(
    page,
    async (first, skip) => {
      const data = await client.request(MinersDocument, {
        first,
        skip,
        where,
        orderBy,
        orderDirection: options.direction ?? "desc",
      });
      clock = clockOf(data._meta, options.at);
      return data.miners;
    },
    (row) => toMiner(row, clock.timestamp),
  );
  return { ...result, clock };
}

/**
 * A miner's profile: status (lapse included), terms, capacity, stake, the latest application and the
 * newest `historyFirst` status changes and stake events (default 100); undefined when the registry never
 * saw the address.
 */
export async function readMinerProfile(
  client: SubgraphClient,
  miner: string,
  options: { readonly historyFirst?: number; readonly at?: number } = {},
): Promise<MinerProfile | undefined> {
  const data = await client.request(MinerProfileDocument, {
    id: addressVariable(miner),
    historyFirst: options.historyFirst ?? 100,
  });
  const row = data.miner;
  if (!row) return undefined;
  const clock = clockOf(data._meta, options.at);
  const app = row.application;
  return {
    ...toMiner(row, clock.timestamp),
    application: app
      ? {
          id: toBigInt(app.id, "Application.id"),
          profileURI: app.profileURI,
          contentHash: toHex(app.contentHash, "Application.contentHash"),
          capacityUnits: toBigInt(app.capacityUnits, "Application.capacityUnits"),
          maxTermDays: app.maxTermDays,
          expectedYieldPerUnit: toBigInt(app.expectedYieldPerUnit, "Application.expectedYieldPerUnit"),
          status: toEnumMember(
            app.status,
            ["SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN"] as const,
            "Application.status",
          ),
          approvedCapacity:
            app.approvedCapacity === null
              ? undefined
              : toBigInt(app.approvedCapacity, "Application.approvedCapacity"),
          requiredStake:
            app.requiredStake === null ? undefined : toBigInt(app.requiredStake, "Application.requiredStake"),
          rejectionReason: app.rejectionReason ?? undefined,
          submittedAt: toSafeNumber(app.submittedAt, "Application.submittedAt"),
          decidedAt: optionalTime(app.decidedAt, "Application.decidedAt"),
        }
      : undefined,
    statusChanges: newestFirst(
      row.statusChanges.map((c) => ({
        blockNumber: toSafeNumber(c.blockNumber, "MinerStatusChange.blockNumber"),
        logIndex: logIndexOfEventId(c.id, "MinerStatusChange.id"),
        from: statusName(c.previousStatus, "MinerStatusChange.previousStatus"),
        to: statusName(c.newStatus, "MinerStatusChange.newStatus"),
        reason: c.reason ?? undefined,
        timestamp: toSafeNumber(c.timestamp, "MinerStatusChange.timestamp"),
        transactionHash: toHex(c.transactionHash, "MinerStatusChange.transactionHash"),
      })),
    ),
    stakeEvents: newestFirst(
      row.stakeEvents.map((e) => ({
        blockNumber: toSafeNumber(e.blockNumber, "StakeEvent.blockNumber"),
        logIndex: logIndexOfEventId(e.id, "StakeEvent.id"),
        kind: toEnumMember(
          e.kind,
          ["STAKED", "UNSTAKE_REQUESTED", "WITHDRAWN", "SLASHED"] as const,
          "StakeEvent.kind",
        ),
        amount: toBigInt(e.amount, "StakeEvent.amount"),
        stakeAfter: toBigInt(e.stakeAfter, "StakeEvent.stakeAfter"),
        pendingWithdrawalAfter: toBigInt(e.pendingWithdrawalAfter, "StakeEvent.pendingWithdrawalAfter"),
        reason: e.reason ?? undefined,
        timestamp: toSafeNumber(e.timestamp, "StakeEvent.timestamp"),
        transactionHash: toHex(e.transactionHash, "StakeEvent.transactionHash"),
      })),
    ),
  };
}

/** One coin's oracle days from `fromDay` to `toDay` (days since 1970-01-01 UTC, at most 1,000 days). */
export async function readMarketYield(
  client: SubgraphClient,
  coinId: bigint,
  fromDay: number,
  toDay: number,
): Promise<
  { readonly day: number; readonly value: bigint; readonly isFinal: boolean; readonly reportCount: number }[]
> {
  if (
    !Number.isSafeInteger(fromDay) ||
    !Number.isSafeInteger(toDay) ||
    toDay < fromDay ||
    toDay - fromDay >= 1000
  ) {
    throw new InvalidPageError(`a day range of 1 to 1,000 days, got ${fromDay}..${toDay}`);
  }
  const data = await client.request(DailyIndicesDocument, { coin: coinId.toString(), fromDay, toDay });
  return data.dailyIndices.map((d) => ({
    day: d.day,
    value: toBigInt(d.value, "DailyIndex.value"),
    isFinal: d.isFinal,
    reportCount: d.reportCount,
  }));
}
