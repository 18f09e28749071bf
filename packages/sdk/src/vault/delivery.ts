// Mirror of the vault's delivery record of a day (`DeliveryRecords.dayRecords`): how a day went, from what was
// delivered, the units sold by that day, the market value it is rated against and the first day not delivered
// at the threshold. Delivery is in order and cumulative, so one day's status depends on the days before it
// through `nextDay` (and the carry-forward of rated days' excess); the vault's `dayRecords` view already applies
// both, and this mirror takes `nextDay` and `delivered` as that view reports them.
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
  /**
   * The market yield per unit the day is rated against: the oracle's final value, or once the day is a flag
   * window old without one, the fallback (the coin's latest final value, else its lower bound).
   */
  readonly marketPerUnit: bigint;
  /** Whether the day is rated: its oracle value is final, or the fallback applies. */
  readonly isFinal: boolean;
  /** The vault's `shortThresholdBps` (default 8,000: a day is delivered at 80% of the market value). */
  readonly shortThresholdBps: number;
  /** The first day not delivered at the threshold, as `sync` would leave it (the vault's `dayRecords` view). */
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
 * - `Ok` before the first day not delivered at the threshold (`day < nextDay`), whatever was placed on it;
 * - from `nextDay` on: `Missed` with nothing delivered, `Delivered` while not rated yet, else `Short` when
 *   `delivered < requiredDelivery(market, soldUnits, threshold)`, else `Ok` (reached, the delivery moves on at
 *   the next deposit, flag, finish or resume).
 *
 * @example
 * ```ts
 * deliveryStatus({ day: 127, endDay: 130, delivered: 5n * 10n ** 16n, soldUnits: 50n,
 *   marketPerUnit: 2n * 10n ** 15n, isFinal: true, shortThresholdBps: 8000, nextDay: 127, today: 128 }); // "Short"
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
  const rated = { ...record, marketPerUnit: input.marketPerUnit };
  if (day < input.nextDay) return { ...rated, status: "Ok" };
  if (delivered === 0n) return { ...rated, status: "Missed" };
  if (!input.isFinal) return { ...rated, status: "Delivered" };
  const short = delivered < requiredDelivery(input.marketPerUnit, soldUnits, input.shortThresholdBps);
  return { ...rated, status: short ? "Short" : "Ok" };
}

/**
 * The least delivery for `soldUnits` units that is not short against `marketPerUnit` at `thresholdBps`:
 * `ceil(marketPerUnit × thresholdBps × soldUnits / 10,000)` (`DeliveryMath.requiredDelivery`; bigints need no
 * saturation). A day is delivered at the threshold once what it holds reaches it.
 *
 * @example
 * ```ts
 * requiredDelivery(2n * 10n ** 15n, 10n, 8000); // 16_000_000_000_000_000n: 80% of 0.002 per unit for 10 units
 * ```
 */
export function requiredDelivery(marketPerUnit: bigint, soldUnits: bigint, thresholdBps: number): bigint {
  if (soldUnits === 0n) return 0n;
  const product = marketPerUnit * BigInt(thresholdBps) * soldUnits;
  return (product + BPS - 1n) / BPS;
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
