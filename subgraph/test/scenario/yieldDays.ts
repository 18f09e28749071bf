// The days of the term: each morning the oracle reporters rate the day before and the miners deposit its
// yield. Offering A (31 days) delivers 30 of its days: in full, except four days paid at half the market
// average (short below the 80% threshold the morning they are paid; delivery is in order, so the next full
// payments fill them first and they end Ok), day 10 delivered a day late (missed for a day, then paid with
// day 11) and day 30, its last, never delivered (missed). Offering B pays days 0-2 at a quarter of the market
// average, then nothing: the three payments all fill its day 0, which stays short.
import { depositYield, readDayRecord } from "@dmex/sdk";
import { IFIL } from "@dmex/sdk-test/vaultWorld";

import { marketValue, type ScenarioContext } from "./context.js";
import type { Offerings } from "./sales.js";

const MAX_UINT256 = 2n ** 256n - 1n;

/** Days of A (relative to its start day) paid at half the market average. */
export const A_SHORT_DAYS = [4, 12, 20, 21] as const;
/** Day of A delivered a day late (together with the next day). */
export const A_LATE_DAY = 10;
/** A's last day, never delivered. */
export const A_MISSED_DAY = 30;
/** B's days paid (at a quarter of the market average); the rest of its term is missed. */
export const B_PAID_DAYS = [0, 1, 2] as const;

export interface DeliveryRecord {
  /** Per offering, the relative days delivered and the amount (IFIL wei) of each deposit in order. */
  readonly deposits: { offeringId: bigint; day: number; amount: bigint }[];
  /** Days the oracle rated (absolute UTC days). */
  readonly reportedDays: number[];
  /** What readDayRecord said of A's late day the morning it was missed. */
  lateDayStatusWhenMissed?: string;
  /** What readDayRecord said of each of A's half-paid days (relative) right after its payment. */
  readonly shortDayStatusWhenPaid: Map<number, string>;
}

/** Mints the miners' IFIL (the bridge) and approves the vault once for all their deposits. */
export async function prepareDeliveries(ctx: ScenarioContext): Promise<DeliveryRecord> {
  const { cast, world } = ctx;
  await world.mintIfil(cast.minerA.address, IFIL("20"));
  await world.mintIfil(cast.minerB.address, IFIL("2"));
  const vault = ctx.chain.deployment.contracts.RiskControlVault.address;
  const ifil = await world.ifil();
  await (await ifil.connect(cast.minerA).approve(vault, MAX_UINT256)).wait();
  await (await ifil.connect(cast.minerB).approve(vault, MAX_UINT256)).wait();
  return { deposits: [], reportedDays: [], shortDayStatusWhenPaid: new Map() };
}

async function deposit(
  ctx: ScenarioContext,
  record: DeliveryRecord,
  miner: "minerA" | "minerB",
  offeringId: bigint,
  day: number,
  fraction: bigint,
  startDay: number,
): Promise<void> {
  const vault = ctx.as(ctx.cast[miner]).riskControlVault;
  const { soldUnits } = await readDayRecord(vault, offeringId, day);
  const amount = (marketValue(day) * soldUnits) / fraction;
  await depositYield(vault, offeringId, day, amount);
  record.deposits.push({ offeringId, day: day - startDay, amount });
}

/**
 * The morning of day `startDay + k` (k ≥ 1): the reporters rate day k-1, then A and B deposit what they
 * deliver for it. Call after moving the clock to that day.
 */
export async function morning(
  ctx: ScenarioContext,
  offerings: Offerings,
  record: DeliveryRecord,
  k: number,
): Promise<void> {
  const start = offerings.startDay;
  const yesterday = start + k - 1;
  await ctx.world.reportMarket(yesterday, marketValue(yesterday));
  record.reportedDays.push(yesterday);

  const rel = k - 1;
  const a = offerings.a.offeringId;
  const half = (day: number) => ((A_SHORT_DAYS as readonly number[]).includes(day - start) ? 2n : 1n);
  if (rel === A_LATE_DAY) {
    const status = await readDayRecord(ctx.as(ctx.cast.minerA).riskControlVault, a, yesterday);
    record.lateDayStatusWhenMissed = status.status;
  } else if (rel === A_LATE_DAY + 1) {
    await deposit(ctx, record, "minerA", a, yesterday - 1, half(yesterday - 1), start);
    await deposit(ctx, record, "minerA", a, yesterday, half(yesterday), start);
  } else if (rel < A_MISSED_DAY) {
    await deposit(ctx, record, "minerA", a, yesterday, half(yesterday), start);
    if (half(yesterday) === 2n) {
      const { status } = await readDayRecord(ctx.as(ctx.cast.minerA).riskControlVault, a, yesterday);
      record.shortDayStatusWhenPaid.set(rel, status);
    }
  }
  if ((B_PAID_DAYS as readonly number[]).includes(rel)) {
    await deposit(ctx, record, "minerB", offerings.b.offeringId, yesterday, 4n, start);
  }
}
