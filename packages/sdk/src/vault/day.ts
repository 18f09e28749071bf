import type { Provider } from "ethers";

import { UnexpectedResponseError } from "../errors.js";

/** Seconds in a UTC day: the vault and the oracle count days as `timestamp / 86,400`. */
export const SECONDS_PER_DAY = 86_400;

/** A calendar date (proleptic Gregorian, UTC). */
export interface CalendarDate {
  readonly year: number;
  /** 1..12. */
  readonly month: number;
  /** 1..31. */
  readonly dayOfMonth: number;
}

/**
 * The UTC day number (days since 1970-01-01) of a Unix time in seconds, as the contracts compute it
 * (`DayMath.today()` is `utcDay(block.timestamp)`).
 *
 * @example
 * ```ts
 * utcDay(1_767_225_600); // 20454 (2026-01-01)
 * utcDay(1_767_311_999); // 20454 (the day's last second)
 * ```
 */
export function utcDay(seconds: number | bigint): number {
  const value = BigInt(seconds);
  if (value < 0n) throw new RangeError(`utcDay: ${seconds} is before 1970-01-01`);
  return Number(value / BigInt(SECONDS_PER_DAY));
}

/**
 * Unix seconds of a UTC day's first second (midnight).
 *
 * @example
 * ```ts
 * dayStart(20454); // 1_767_225_600
 * ```
 */
export function dayStart(day: number): number {
  checkDay(day);
  return day * SECONDS_PER_DAY;
}

/**
 * The calendar date of a UTC day number, computed exactly as `DayMath.toDate` does on chain (H. Hinnant's
 * `civil_from_days`), so that the SDK and the certificate metadata always print the same date.
 *
 * @example
 * ```ts
 * dayDate(20454); // { year: 2026, month: 1, dayOfMonth: 1 }
 * ```
 */
export function dayDate(day: number): CalendarDate {
  checkDay(day);
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, dayOfMonth };
}

/**
 * A UTC day number as an ISO date, e.g. `formatDay(20454)` is "2026-01-01".
 */
export function formatDay(day: number): string {
  const { year, month, dayOfMonth } = dayDate(day);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
}

/**
 * The UTC day number of an ISO date ("2026-01-01"). Throws `RangeError` for anything else.
 *
 * @example
 * ```ts
 * dayOfDate("2026-01-01"); // 20454
 * ```
 */
export function dayOfDate(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const millis = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`dayOfDate: "${isoDate}" is not a date as YYYY-MM-DD`);
  }
  return utcDay(millis / 1000);
}

/**
 * Today's UTC day number by the chain's clock (the latest block's timestamp), which is what the contracts
 * see; a local chain moved with `evm_increaseTime` runs ahead of the wall clock.
 *
 * @example
 * ```ts
 * const today = await readChainDay(provider);
 * await depositYield(riskControlVault, offeringId, today - 1, amount); // yesterday's yield
 * ```
 */
export async function readChainDay(provider: Provider): Promise<number> {
  const block = await provider.getBlock("latest");
  if (!block) throw new UnexpectedResponseError("latest block", block);
  return utcDay(block.timestamp);
}

function checkDay(day: number): void {
  if (!Number.isSafeInteger(day) || day < 0) throw new RangeError(`${day} is not a UTC day number`);
}
