// Mirror of the vault's delivery record of a day (`_dayRecord`): how a day went, from what was delivered,
// the units sold by that day, the oracle's market average and the delivery cursor.
import type { RateCheckpoint } from "./escrowMath.js";
import type { DeliveryStatus } from "./status.js";

/** Basis points in one (100%). */
const BPS = 10_000n;

/** Everything {@link dayRecordOf} needs about one day. */
export interface DayDeliveryInput {
  /** UTC day number. */
  readonly day: number;
  /** The offering's `endDay` (first day after the term). */
  readonly endDay: number;
  /** Yield deposited for the day, late payments and top-ups included. */
  readonly delivered: bigint;
  /** Units sold by the day (inclusive): 0 before the first sale, or when nothing is sold. */
  readonly soldUnits: bigint;
  /** The oracle's market average yield per unit for the coin and day. */
  readonly marketPerUnit: bigint;
  /** Whether the oracle's value for the day is final. */
  readonly isFinal: boolean;
  /** The vault's `shortThresholdBps` (default 8,000: short below 80% of the market average). */
  readonly shortThresholdBps: number;
  /** The offering's first undelivered day. */
  readonly nextDay: number;
  /** Today's UTC day number (the chain's). */
  readonly today: number;
}

/** One day of an offering's delivery record (the vault's `DayRecord`). */
export interface DayRecordDetails {
  readonly day: number;
  readonly delivered: bigint;
  readonly soldUnits: bigint;
  /** `delivered / soldUnits`, rounded down. */
  readonly deliveredPerUnit: bigint;
  /** The oracle's market average per unit, set only when the day was rated (Short or Ok); else 0. */
  readonly marketPerUnit: bigint;
  readonly status: DeliveryStatus;
}

/**
 * The delivery status of a day, as the vault rates it:
 * - `None` outside the term (`day >= endDay`) or when nothing was sold by the day (`soldUnits` 0);
 * - `Open` while the day has not ended (`day >= today`);
 * - `Missed` from the first undelivered day on (`day >= nextDay`);
 * - `Delivered` when delivered but the oracle's value is not final;
 * - `Short` when `delivered × 10,000 < market × thresholdBps × soldUnits`, else `Ok`.
 *
 * @example
 * ```ts
 * deliveryStatus({ day: 120, endDay: 130, delivered: 5n * 10n ** 16n, soldUnits: 50n,
 *   marketPerUnit: 2n * 10n ** 15n, isFinal: true, shortThresholdBps: 8000, nextDay: 127, today: 127 }); // "Short"
 * ```
 */
export function deliveryStatus(input: DayDeliveryInput): DeliveryStatus {
  return dayRecordOf(input).status;
}

/** The whole delivery record of a day, field for field what the vault's `dayRecord` returns. */
export function dayRecordOf(input: DayDeliveryInput): DayRecordDetails {
  const { day, delivered, soldUnits } = input;
  const none: DayRecordDetails = {
    day,
    delivered: 0n,
    soldUnits: 0n,
    deliveredPerUnit: 0n,
    marketPerUnit: 0n,
    status: "None",
  };
  if (soldUnits === 0n || day >= input.endDay) return none;
  const record = { day, delivered, soldUnits, deliveredPerUnit: delivered / soldUnits, marketPerUnit: 0n };
  if (day >= input.today) return { ...record, status: "Open" };
  if (day >= input.nextDay) return { ...record, status: "Missed" };
  if (!input.isFinal) return { ...record, status: "Delivered" };
  const short = delivered * BPS < input.marketPerUnit * BigInt(input.shortThresholdBps) * soldUnits;
  return { ...record, marketPerUnit: input.marketPerUnit, status: short ? "Short" : "Ok" };
}

/**
 * Units sold by `day` (inclusive): those of the last sale checkpoint on or before it, 0 before the first
 * (the vault's `_soldUnitsOn`).
 */
export function soldUnitsOn(checkpoints: readonly RateCheckpoint[], day: number): bigint {
  let sold = 0n;
  for (const checkpoint of checkpoints) {
    if (checkpoint.day > day) break;
    sold = checkpoint.soldUnits;
  }
  return sold;
}
