import type { RiskControlVault } from "../generated/typechain/index.js";
import type { DayRecordStructOutput } from "../generated/typechain/RiskControlVault.js";
import { callDecoded } from "../transaction.js";
import type { DayRecordDetails } from "./delivery.js";
import { vaultSources } from "./payment.js";
import { deliveryStatusName } from "./status.js";

const SOURCES = vaultSources();

/** The vault's longest `dayRecords` range (`MAX_RANGE_DAYS`); {@link readDayRecords} reads longer ranges in parts. */
export const MAX_DAY_RECORDS_RANGE = 366;

function toDetails(record: DayRecordStructOutput): DayRecordDetails {
  return {
    day: Number(record.day),
    delivered: record.delivered,
    soldUnits: record.soldUnits,
    deliveredPerUnit: record.deliveredPerUnit,
    marketPerUnit: record.marketPerUnit,
    status: deliveryStatusName(record.status),
  };
}

/**
 * The delivery record of one day of an offering: yield delivered, units sold by that day, the oracle's
 * market average once rated, and the status ("Open", "Missed", "Delivered", "Short", "Ok", "None").
 *
 * @example
 * ```ts
 * const { status, deliveredPerUnit, marketPerUnit } = await readDayRecord(riskControlVault, 1n, day);
 * ```
 */
export async function readDayRecord(
  vault: RiskControlVault,
  offeringId: bigint,
  day: number,
): Promise<DayRecordDetails> {
  return toDetails(await callDecoded(() => vault.dayRecord(offeringId, day), SOURCES));
}

/**
 * The delivery records of the days `fromDay..toDay` (inclusive), e.g. for a chart of the whole term
 * (`startDay..endDay - 1`). Ranges longer than {@link MAX_DAY_RECORDS_RANGE} days are read in parts, in
 * parallel. Throws `RangeError` for a reversed range.
 *
 * @example
 * ```ts
 * const days = await readDayRecords(riskControlVault, 1n, offering.startDay, offering.endDay - 1);
 * days.filter((d) => d.status === "Short").length;
 * ```
 */
export async function readDayRecords(
  vault: RiskControlVault,
  offeringId: bigint,
  fromDay: number,
  toDay: number,
): Promise<DayRecordDetails[]> {
  if (toDay < fromDay) throw new RangeError(`readDayRecords: day ${toDay} is before day ${fromDay}`);
  const parts: Promise<DayRecordStructOutput[]>[] = [];
  for (let start = fromDay; start <= toDay; start += MAX_DAY_RECORDS_RANGE) {
    const end = Math.min(start + MAX_DAY_RECORDS_RANGE - 1, toDay);
    parts.push(callDecoded(() => vault.dayRecords(offeringId, start, end), SOURCES));
  }
  return (await Promise.all(parts)).flat().map(toDetails);
}
