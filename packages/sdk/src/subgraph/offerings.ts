// Offerings: the list (filter by coin, miner, status), one offering with its day-by-day delivery record,
// and a miner's record over all its offerings, from the subgraph's vault entities. The delivery record of
// each day is computed with the SDK's mirror of the vault's `dayRecord` (vault/delivery.ts) from what the
// subgraph stores, so it says what the vault's view would say at the subgraph's latest indexed block.
import {
  type IndexedBlockFragment,
  MinerOfferingDaysDocument,
  MinerOfferingsDocument,
  type Offering_Filter,
  type Offering_OrderBy,
  type OfferingDayFieldsFragment,
  OfferingDaysDocument,
  OfferingDetailDocument,
  type OfferingFieldsFragment,
  OfferingsDocument,
  type OfferingStatus as SubgraphOfferingStatus,
} from "../generated/subgraph/graphql.js";
import { utcDay } from "../vault/day.js";
import { type DayRecordDetails, dayRecordOf, soldUnitsOn } from "../vault/delivery.js";
import type { RateCheckpoint } from "../vault/escrowMath.js";
import type { DeliveryStatus, OfferingStatus } from "../vault/status.js";
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
import { collectAll, offsetPage, type Page, type PageRequest } from "./pagination.js";

const STATUS_NAMES = {
  ACTIVE: "Active",
  FROZEN: "Frozen",
  TERMINATED: "Terminated",
  FINISHED: "Finished",
} as const satisfies Record<SubgraphOfferingStatus, OfferingStatus>;
const STATUS_MEMBERS = Object.keys(STATUS_NAMES) as SubgraphOfferingStatus[];

/** The subgraph's latest indexed block; "today" and the states are as of its timestamp. */
export interface IndexedClock {
  readonly block: number;
  /** Unix seconds. */
  readonly timestamp: number;
  /** The UTC day of `timestamp`, as the vault counts days. */
  readonly today: number;
}

export interface IndexedOffering {
  readonly id: bigint;
  readonly miner: string;
  readonly coin: {
    readonly id: bigint;
    readonly name: string;
    readonly unitName: string;
    readonly unitSize: bigint;
    readonly displayDecimals: number;
  };
  /** The ERC-20 buyers pay in (the escrow currency). */
  readonly paymentToken: string;
  readonly yieldToken: string;
  readonly status: Exclude<OfferingStatus, "None">;
  /** Units offered at creation. */
  readonly units: bigint;
  /** Price of one unit, fees included (payment token units). */
  readonly pricePerUnit: bigint;
  /** The fewest units one purchase, lot or offer takes. */
  readonly minLot: bigint;
  /** The sale window, Unix seconds: units sell from `saleStart` until before `saleEnd`, unless `saleClosed`. */
  readonly saleStart: number;
  readonly saleEnd: number;
  readonly saleClosed: boolean;
  /** Units reserved for primary auctions. */
  readonly lotUnits: bigint;
  /** Units neither sold, nor at auction, nor returned (on sale while the window is open and the offering Active). */
  readonly unitsAvailable: bigint;
  /** Capacity the offering holds: offered less returned; 0 once terminated or finished. */
  readonly reservedUnits: bigint;
  /** The highest certificate index given (sales and splits mint the next). */
  readonly lastIndex: number;
  /** Primary sales (one certificate minted each). */
  readonly certificatesSold: number;
  readonly unitsSold: bigint;
  readonly liveCertificates: number;
  /** First day of the term, first day after it, and their difference (UTC day numbers). */
  readonly startDay: number;
  readonly endDay: number;
  readonly termDays: number;
  /** Days of the term not begun at the clock: the whole term before it starts, 0 once it ended. */
  readonly remainingDays: number;
  /** The day delivery is owed from (the first primary sale); undefined until then. */
  readonly firstSaleDay: number | undefined;
  /** The first day not delivered yet; undefined until the first sale. */
  readonly deliveredUntil: number | undefined;
  /** Payment token units. `withdrawable` is released less withdrawn, 0 while frozen (the vault's rule). */
  readonly escrow: {
    readonly deposited: bigint;
    readonly released: bigint;
    readonly withdrawn: bigint;
    readonly refunded: bigint;
    readonly withdrawable: bigint;
  };
  /** Yield token units; `accPerUnit` is the vault's accumulator, scaled by 10^18. */
  readonly yield: { readonly deposited: bigint; readonly claimed: bigint; readonly accPerUnit: bigint };
  readonly flagCount: number;
  /** Consecutive missed or short days that allow a flag, and the short threshold (basis points). */
  readonly flagWindowDays: number;
  readonly shortThresholdBps: number;
  readonly terminationDay: number | undefined;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** One day of the term as the vault's `dayRecord` reads it, with the oracle's value when known. */
export interface OfferingDayRecord extends DayRecordDetails {
  /** Yield deposits made for the day. */
  readonly depositCount: number;
  /** Whether the oracle's market average for the coin and day is final. */
  readonly marketFinal: boolean;
}

export interface DeliverySummary {
  /** Term days that ended with units sold (the days yield was owed for). */
  readonly owedDays: number;
  readonly ok: number;
  readonly short: number;
  /** Delivered, not rated yet (the oracle has not finalized the day). */
  readonly delivered: number;
  readonly missed: number;
}

export interface OfferingDetail {
  readonly offering: IndexedOffering;
  /** Every day of the term, in order: None before the first sale, Open from today on. */
  readonly delivery: readonly OfferingDayRecord[];
  readonly summary: DeliverySummary;
  readonly checkpoints: readonly RateCheckpoint[];
  readonly lastFlag:
    | { readonly fromDay: number; readonly toDay: number; readonly day: number; readonly timestamp: number }
    | undefined;
  /** Flags, resumes, termination, finish: newest first. */
  readonly statusChanges: readonly {
    readonly kind: "FLAGGED" | "RESUMED" | "TERMINATED" | "FINISHED";
    readonly from: OfferingStatus;
    readonly to: OfferingStatus;
    readonly day: number;
    readonly timestamp: number;
    readonly transactionHash: string;
  }[];
  readonly clock: IndexedClock;
}

export interface OfferingFilter {
  readonly coinId?: bigint;
  readonly miner?: string;
  readonly statuses?: readonly Exclude<OfferingStatus, "None">[];
}

export type OfferingSort =
  | "createdAt"
  | "startDay"
  | "endDay"
  | "unitsSold"
  | "certificatesSold"
  | "termDays";

export interface OfferingPage extends Page<IndexedOffering> {
  readonly clock: IndexedClock;
}

/** The clock of an answer as of `meta`'s block; `at` (unix seconds) overrides its time. */
export function clockOf(meta: IndexedBlockFragment | null, at?: number): IndexedClock {
  const timestamp = at ?? meta?.block.timestamp ?? Math.floor(Date.now() / 1000);
  return { block: meta?.block.number ?? 0, timestamp, today: utcDay(timestamp) };
}

export function offeringStatusOf(value: string, field: string): Exclude<OfferingStatus, "None"> {
  return STATUS_NAMES[toEnumMember(value as SubgraphOfferingStatus, STATUS_MEMBERS, field)];
}

export function toOffering(row: OfferingFieldsFragment, today: number): IndexedOffering {
  const status = offeringStatusOf(row.status, "Offering.status");
  const released = toBigInt(row.escrowReleased, "Offering.escrowReleased");
  const withdrawn = toBigInt(row.escrowWithdrawn, "Offering.escrowWithdrawn");
  return {
    id: toBigInt(row.id, "Offering.id"),
    miner: toAddress(row.miner.id, "Offering.miner"),
    coin: {
      id: toBigInt(row.coin.id, "Coin.id"),
      name: row.coin.name,
      unitName: row.coin.unitName,
      unitSize: toBigInt(row.coin.unitSize, "Coin.unitSize"),
      displayDecimals: row.coin.displayDecimals,
    },
    paymentToken: toAddress(row.paymentToken.id, "Offering.paymentToken"),
    yieldToken: toAddress(row.yieldToken.id, "Offering.yieldToken"),
    status,
    units: toBigInt(row.units, "Offering.units"),
    pricePerUnit: toBigInt(row.pricePerUnit, "Offering.pricePerUnit"),
    minLot: toBigInt(row.minLot, "Offering.minLot"),
    saleStart: toSafeNumber(row.saleStart, "Offering.saleStart"),
    saleEnd: toSafeNumber(row.saleEnd, "Offering.saleEnd"),
    saleClosed: row.saleClosed,
    lotUnits: toBigInt(row.lotUnits, "Offering.lotUnits"),
    unitsAvailable: toBigInt(row.unitsAvailable, "Offering.unitsAvailable"),
    reservedUnits: toBigInt(row.reservedUnits, "Offering.reservedUnits"),
    lastIndex: row.lastIndex,
    certificatesSold: row.certificatesSold,
    unitsSold: toBigInt(row.unitsSold, "Offering.unitsSold"),
    liveCertificates: row.liveCertificates,
    startDay: row.startDay,
    endDay: row.endDay,
    termDays: row.termDays,
    remainingDays: Math.max(0, row.endDay - Math.max(today, row.startDay)),
    firstSaleDay: row.firstSaleDay ?? undefined,
    deliveredUntil: row.deliveredUntil ?? undefined,
    escrow: {
      deposited: toBigInt(row.escrowDeposited, "Offering.escrowDeposited"),
      released,
      withdrawn,
      refunded: toBigInt(row.escrowRefunded, "Offering.escrowRefunded"),
      withdrawable: status === "Frozen" ? 0n : released - withdrawn,
    },
    yield: {
      deposited: toBigInt(row.yieldDeposited, "Offering.yieldDeposited"),
      claimed: toBigInt(row.yieldClaimed, "Offering.yieldClaimed"),
      accPerUnit: toBigInt(row.accYieldPerUnit, "Offering.accYieldPerUnit"),
    },
    flagCount: row.flagCount,
    flagWindowDays: row.vault.flagWindowDays,
    shortThresholdBps: row.vault.shortThresholdBps,
    terminationDay: row.terminationDay ?? undefined,
    createdAt: toSafeNumber(row.createdAt, "Offering.createdAt"),
  };
}

function toCheckpoint(row: {
  readonly day: number;
  readonly soldUnits: string;
  readonly rate: string;
}): RateCheckpoint {
  return {
    day: row.day,
    soldUnits: toBigInt(row.soldUnits, "SaleCheckpoint.soldUnits"),
    rate: toBigInt(row.rate, "SaleCheckpoint.rate"),
  };
}

/**
 * Every day of an offering's term as the vault's `dayRecord` reads it at `today`, from the subgraph's
 * OfferingDay rows (days with a deposit, or proven missed) and sale checkpoints: days without a row are
 * undelivered (Missed once ended and owed, Open from today, None before the first sale).
 */
export function deliveryRecord(
  offering: Pick<IndexedOffering, "startDay" | "endDay" | "deliveredUntil" | "shortThresholdBps">,
  checkpoints: readonly RateCheckpoint[],
  days: readonly OfferingDayFieldsFragment[],
  today: number,
): OfferingDayRecord[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const records: OfferingDayRecord[] = [];
  for (let day = offering.startDay; day < offering.endDay; day++) {
    const row = byDay.get(day);
    const record = dayRecordOf({
      day,
      endDay: offering.endDay,
      delivered: row ? toBigInt(row.delivered, "OfferingDay.delivered") : 0n,
      soldUnits: soldUnitsOn(checkpoints, day),
      marketPerUnit: row ? toBigInt(row.benchmark.marketPerUnit, "DeliveryBenchmark.marketPerUnit") : 0n,
      isFinal: row?.benchmark.final ?? false,
      shortThresholdBps: offering.shortThresholdBps,
      nextDay: offering.deliveredUntil ?? offering.startDay,
      today,
    });
    records.push({
      ...record,
      depositCount: row?.depositCount ?? 0,
      marketFinal: row?.benchmark.final ?? false,
    });
  }
  return records;
}

/** Counts of a delivery record's ended, owed days by how they went. */
export function summarizeDelivery(records: readonly { readonly status: DeliveryStatus }[]): DeliverySummary {
  const count = (status: DeliveryStatus) => records.filter((r) => r.status === status).length;
  const ok = count("Ok");
  const short = count("Short");
  const delivered = count("Delivered");
  const missed = count("Missed");
  return { owedDays: ok + short + delivered + missed, ok, short, delivered, missed };
}

/** A page of offerings, newest first unless `sort` says otherwise. */
export async function browseOfferings(
  client: SubgraphClient,
  page?: PageRequest,
  filter: OfferingFilter = {},
  options: { readonly sort?: OfferingSort; readonly direction?: "asc" | "desc" } = {},
): Promise<OfferingPage> {
  const where: { -readonly [K in keyof Offering_Filter]: Offering_Filter[K] } = {};
  if (filter.coinId !== undefined) where.coin = filter.coinId.toString();
  if (filter.miner !== undefined) where.miner = addressVariable(filter.miner);
  if (filter.statuses) {
    where.status_in = filter.statuses.map((s) => s.toUpperCase() as SubgraphOfferingStatus);
  }
  const orderBy: Offering_OrderBy = options.sort ?? "createdAt";
  let clock = clockOf(null);
  const result = await offsetPage(
    page,
    async (first, skip) => {
      const data = await client.request(OfferingsDocument, {
        first,
        skip,
        where,
        orderBy,
        orderDirection: options.direction ?? "desc",
      });
      clock = clockOf(data._meta);
      return data.offerings;
    },
    (row) => toOffering(row, clock.today),
  );
  return { ...result, clock };
}

/** Every OfferingDay row of one offering, by day. */
async function readOfferingDays(
  client: SubgraphClient,
  offeringId: bigint,
): Promise<OfferingDayFieldsFragment[]> {
  const rows: OfferingDayFieldsFragment[] = [];
  let afterDay = -1;
  for (;;) {
    const { offeringDays } = await client.request(OfferingDaysDocument, {
      offering: offeringId.toString(),
      first: 1000,
      afterDay,
    });
    rows.push(...offeringDays);
    const last = offeringDays.at(-1);
    if (offeringDays.length < 1000 || !last) return rows;
    afterDay = last.day;
  }
}

/**
 * One offering with its day-by-day delivery record over the whole term (see {@link deliveryRecord}), its
 * sale checkpoints, last flag and status history; undefined when there is no such offering.
 */
export async function readOfferingDetail(
  client: SubgraphClient,
  offeringId: bigint,
): Promise<OfferingDetail | undefined> {
  const data = await client.request(OfferingDetailDocument, { id: offeringId.toString() });
  const row = data.offering;
  if (!row) return undefined;
  const clock = clockOf(data._meta);
  const offering = toOffering(row, clock.today);
  const checkpoints = row.checkpoints.map(toCheckpoint);
  const delivery = deliveryRecord(
    offering,
    checkpoints,
    await readOfferingDays(client, offeringId),
    clock.today,
  );
  return {
    offering,
    delivery,
    summary: summarizeDelivery(delivery),
    checkpoints,
    lastFlag: row.lastFlag
      ? {
          fromDay: row.lastFlag.fromDay,
          toDay: row.lastFlag.toDay,
          day: row.lastFlag.day,
          timestamp: toSafeNumber(row.lastFlag.timestamp, "OfferingFlag.timestamp"),
        }
      : undefined,
    statusChanges: newestFirst(
      row.statusChanges.map((c) => ({
        blockNumber: toSafeNumber(c.blockNumber, "OfferingStatusChange.blockNumber"),
        logIndex: logIndexOfEventId(c.id, "OfferingStatusChange.id"),
        kind: toEnumMember(
          c.kind,
          ["FLAGGED", "RESUMED", "TERMINATED", "FINISHED"] as const,
          "OfferingStatusChange.kind",
        ),
        from: offeringStatusOf(c.previousStatus, "OfferingStatusChange.previousStatus"),
        to: offeringStatusOf(c.status, "OfferingStatusChange.status"),
        day: c.day,
        timestamp: toSafeNumber(c.timestamp, "OfferingStatusChange.timestamp"),
        transactionHash: toHex(c.transactionHash, "OfferingStatusChange.transactionHash"),
      })),
    ).map(({ blockNumber: _b, logIndex: _l, ...change }) => change),
    clock,
  };
}

/** A miner's track record: every offering with its delivery summary, and the totals. */
export interface MinerRecord {
  readonly miner: string;
  readonly offerings: readonly { readonly offering: IndexedOffering; readonly delivery: DeliverySummary }[];
  readonly totals: DeliverySummary & {
    readonly offerings: number;
    readonly active: number;
    readonly frozen: number;
    readonly terminated: number;
    readonly finished: number;
    readonly flags: number;
  };
  readonly clock: IndexedClock;
}

/**
 * A miner's record over all its offerings (oldest first): how each one's days went (ok, short, delivered
 * and not rated yet, missed) as the vault rates them, and the totals. Offerings with nothing sold owe nothing.
 */
export async function readMinerRecord(client: SubgraphClient, miner: string): Promise<MinerRecord> {
  const id = addressVariable(miner);
  let clock = clockOf(null);
  const rows = await collectAll(
    async (first, after) => {
      const data = await client.request(MinerOfferingsDocument, { miner: id, first, after });
      clock = clockOf(data._meta);
      return data.offerings;
    },
    (row) => row,
    { start: "" },
  );
  const days = await collectAll(
    async (first, after) =>
      (await client.request(MinerOfferingDaysDocument, { miner: id, first, after })).offeringDays,
    (row) => row,
    { start: "" },
  );
  const offerings = rows
    .map((row) => {
      const offering = toOffering(row, clock.today);
      const own = days.filter((d) => d.offering.id === row.id);
      const record = deliveryRecord(offering, row.checkpoints.map(toCheckpoint), own, clock.today);
      return { offering, delivery: summarizeDelivery(record) };
    })
    .sort((a, b) => (a.offering.id < b.offering.id ? -1 : 1));
  const sum = (pick: (d: DeliverySummary) => number) => offerings.reduce((n, o) => n + pick(o.delivery), 0);
  const withStatus = (status: IndexedOffering["status"]) =>
    offerings.filter((o) => o.offering.status === status).length;
  return {
    miner: toAddress(id, "Offering.miner"),
    offerings,
    totals: {
      owedDays: sum((d) => d.owedDays),
      ok: sum((d) => d.ok),
      short: sum((d) => d.short),
      delivered: sum((d) => d.delivered),
      missed: sum((d) => d.missed),
      offerings: offerings.length,
      active: withStatus("Active"),
      frozen: withStatus("Frozen"),
      terminated: withStatus("Terminated"),
      finished: withStatus("Finished"),
      flags: offerings.reduce((n, o) => n + o.offering.flagCount, 0),
    },
    clock,
  };
}
