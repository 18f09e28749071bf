// Getters and the little arithmetic the RiskControlVault and HashrateCertificate mappings still do
// (AssemblyScript): sale checkpoints (EscrowMath.dailyRate) and certificates' yield (YieldMath). Where the
// delivery stands (first day not delivered at the threshold, release day, escrow released) comes from the vault's
// events, not from a replay of its rules.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";

import {
  Certificate,
  DeliveryBenchmark,
  Offering,
  OfferingDay,
  SaleCheckpoint,
  Vault,
} from "../../generated/schema";
import { BI_ZERO, SECONDS_PER_DAY, ZERO_ADDRESS } from "./constants";
import { getOrCreateAccount } from "./entities";

/**
 * YieldMath.YIELD_SCALE (10^18): the accumulator's fixed-point scale. Built without a host call: module
 * globals are initialized before the host can answer one.
 */
export const YIELD_SCALE = BigInt.fromU64(1_000_000_000_000_000_000);
/** EscrowMath.RATE_SCALE: the daily release rates' fixed-point scale. */
export const RATE_SCALE = BigInt.fromI32(1_000_000_000);
const BPS = BigInt.fromI32(10_000);
/** Token ids are offeringId << 32 | index. */
const INDEX_BITS: u8 = 32;

/** The vault's OfferingStatus values, by their uint8 value, as the schema's enum names (None has none). */
export const STATUS_ACTIVE = "ACTIVE";
export const STATUS_FROZEN = "FROZEN";
export const STATUS_TERMINATED = "TERMINATED";
export const STATUS_FINISHED = "FINISHED";

export const DELIVERY_MISSED = "MISSED";
export const DELIVERY_DELIVERED = "DELIVERED";
export const DELIVERY_SHORT = "SHORT";
export const DELIVERY_OK = "OK";

export function offeringIdOf(tokenId: BigInt): BigInt {
  return tokenId.rightShift(INDEX_BITS);
}

export function indexOf(tokenId: BigInt): i32 {
  // The low 32 bits; an index never exceeds 2^32 − 1, which fits an i64 before the cast.
  return tokenId.minus(offeringIdOf(tokenId).leftShift(INDEX_BITS)).toI64() as i32;
}

export function getOrCreateVault(address: Address): Vault {
  let vault = Vault.load(address);
  if (vault == null) {
    vault = new Vault(address);
    // The constructor's FlagParametersSet sets both before anything reads them.
    vault.flagWindowDays = 0;
    vault.shortThresholdBps = 0;
    vault.offeringCount = 0;
    vault.save();
  }
  return vault as Vault;
}

/** The offering, which OfferingCreated wrote before any other event of it. */
export function loadOffering(offeringId: BigInt): Offering {
  return Offering.load(offeringId.toString()) as Offering;
}

/**
 * The certificate of `tokenId`, created with the batch defaults (unsold, the offering's units, owned by the
 * zero address until its mint Transfer) if no event wrote it yet.
 */
export function getOrCreateCertificate(tokenId: BigInt, event: ethereum.Event): Certificate {
  let certificate = Certificate.load(tokenId.toString());
  if (certificate == null) {
    const offering = loadOffering(offeringIdOf(tokenId));
    certificate = new Certificate(tokenId.toString());
    certificate.tokenId = tokenId;
    certificate.offering = offering.id;
    certificate.index = indexOf(tokenId);
    certificate.owner = getOrCreateAccount(ZERO_ADDRESS).id;
    // Its creator (the primary sale or the split) sets its units, escrow and sale day.
    certificate.units = BI_ZERO;
    certificate.escrow = BI_ZERO;
    certificate.saleDay = 0;
    certificate.yieldCheckpoint = BI_ZERO;
    certificate.yieldStarted = false;
    certificate.yieldOwed = BI_ZERO;
    certificate.yieldClaimed = BI_ZERO;
    certificate.refunded = false;
    certificate.refundedAmount = BI_ZERO;
    certificate.burned = false;
    certificate.mintedAt = event.block.timestamp;
    certificate.mintedAtBlock = event.block.number;
    certificate.save();
  }
  return certificate as Certificate;
}

/**
 * Units neither sold, nor reserved for a lot, nor returned (the vault's `_available`), while the offering is active
 * or frozen; 0 once it is terminated or finished (its reservation went back).
 */
export function refreshUnitsAvailable(offering: Offering): void {
  // biome-ignore lint/suspicious/noDoubleEquals: in AssemblyScript 0.19, == compares strings by content and === by reference
  const open = offering.status == STATUS_ACTIVE || offering.status == STATUS_FROZEN;
  offering.unitsAvailable = open
    ? offering.reservedUnits.minus(offering.unitsSold).minus(offering.lotUnits)
    : BI_ZERO;
}

/** YieldMath.owed: units × (acc − checkpoint) / YIELD_SCALE, rounded down. */
export function yieldOwed(units: BigInt, acc: BigInt, checkpoint: BigInt): BigInt {
  return units.times(acc.minus(checkpoint)).div(YIELD_SCALE);
}

/** The vault's _pendingYield: what the certificate's owner can claim now. */
export function pendingYield(certificate: Certificate, acc: BigInt): BigInt {
  if (!certificate.yieldStarted) return certificate.yieldOwed;
  return certificate.yieldOwed.plus(yieldOwed(certificate.units, acc, certificate.yieldCheckpoint));
}

function checkpointId(offering: Offering, index: i32): string {
  return offering.id.concat("-").concat(index.toString());
}

export function loadCheckpoint(offering: Offering, index: i32): SaleCheckpoint | null {
  return SaleCheckpoint.load(checkpointId(offering, index));
}

/**
 * The vault's _recordCheckpoint for a primary sale of `escrow` on `saleDay` (offering.unitsSold already
 * includes the sale's units): one checkpoint per sale day; the first sale starts the delivery record.
 */
export function recordSaleCheckpoint(offering: Offering, saleDay: i32, escrow: BigInt): void {
  let rate = escrow.times(RATE_SCALE).div(BigInt.fromI32(offering.endDay - saleDay));
  const count = offering.checkpointCount;
  if (count === 0) {
    offering.firstSaleDay = saleDay;
    offering.deliveredUntil = saleDay;
    offering.releasedDay = saleDay;
  } else {
    const last = loadCheckpoint(offering, count - 1) as SaleCheckpoint;
    if (last.day === saleDay) {
      last.soldUnits = offering.unitsSold;
      last.rate = last.rate.plus(rate);
      last.save();
      return;
    }
    rate = rate.plus(last.rate);
  }
  const checkpoint = new SaleCheckpoint(checkpointId(offering, count));
  checkpoint.offering = offering.id;
  checkpoint.index = count;
  checkpoint.day = saleDay;
  checkpoint.soldUnits = offering.unitsSold;
  checkpoint.rate = rate;
  checkpoint.save();
  offering.checkpointCount = count + 1;
}

/** Units sold by `day` (inclusive): the vault's _soldUnitsOn, walking the (few) checkpoints from the first. */
export function soldUnitsOn(offering: Offering, day: i32): BigInt {
  let sold = BI_ZERO;
  for (let i = 0; i < offering.checkpointCount; i++) {
    const checkpoint = loadCheckpoint(offering, i) as SaleCheckpoint;
    if (checkpoint.day > day) break;
    sold = checkpoint.soldUnits;
  }
  return sold;
}

function coinIdOf(offering: Offering): BigInt {
  return BigInt.fromString(offering.coin);
}

export function getOrCreateBenchmark(coinId: BigInt, day: i32): DeliveryBenchmark {
  const id = coinId.toString().concat("-").concat(day.toString());
  let benchmark = DeliveryBenchmark.load(id);
  if (benchmark == null) {
    benchmark = new DeliveryBenchmark(id);
    benchmark.coinId = coinId;
    benchmark.day = day;
    benchmark.final = false;
    benchmark.marketPerUnit = BI_ZERO;
    benchmark.save();
  }
  return benchmark as DeliveryBenchmark;
}

/** The offering's day, created MISSED with the units sold by then if it has no record yet. */
export function getOrCreateOfferingDay(offering: Offering, day: i32): OfferingDay {
  const id = offering.id.concat("-").concat(day.toString());
  let record = OfferingDay.load(id);
  if (record == null) {
    record = new OfferingDay(id);
    record.offering = offering.id;
    record.day = day;
    record.date = BigInt.fromI32(day).times(SECONDS_PER_DAY);
    record.status = DELIVERY_MISSED;
    record.delivered = BI_ZERO;
    record.depositCount = 0;
    record.soldUnits = soldUnitsOn(offering, day);
    record.deliveredPerUnit = BI_ZERO;
    record.marketPerUnit = BI_ZERO;
    record.expected = BI_ZERO;
    record.shortThresholdBps = 0;
    const benchmark = getOrCreateBenchmark(coinIdOf(offering), day);
    record.benchmark = benchmark.id;
    if (offering.checkpointCount !== 0) {
      const vault = Vault.load(offering.vault) as Vault;
      rateDay(record, benchmark, vault.shortThresholdBps, offering.deliveredUntil);
    }
    record.save();
  }
  return record as OfferingDay;
}

/**
 * Rates a day as the vault's dayRecords view does, from what the indexer knows: OK before the first day not
 * delivered at the threshold (the vault's events say where it is), else MISSED with nothing placed on it,
 * DELIVERED until the oracle's value is final, then SHORT when delivered × 10,000 < market × thresholdBps ×
 * soldUnits, else OK. An ended day shows the market value once final, whatever its status. A day rated by the
 * oracle fallback (no final value a flag window later) shows 0 here and the fallback value on chain. The caller
 * saves `record`.
 */
export function rateDay(
  record: OfferingDay,
  benchmark: DeliveryBenchmark,
  thresholdBps: i32,
  deliveredUntil: i32,
): void {
  record.marketPerUnit = benchmark.final ? benchmark.marketPerUnit : BI_ZERO;
  record.expected = record.marketPerUnit.times(record.soldUnits);
  record.shortThresholdBps = 0;
  if (record.day < deliveredUntil) {
    record.status = DELIVERY_OK;
    record.shortThresholdBps = thresholdBps;
    return;
  }
  if (record.delivered.isZero()) {
    record.status = DELIVERY_MISSED;
    return;
  }
  if (!benchmark.final) {
    record.status = DELIVERY_DELIVERED;
    return;
  }
  record.shortThresholdBps = thresholdBps;
  const short = record.delivered.times(BPS).lt(record.expected.times(BigInt.fromI32(thresholdBps)));
  record.status = short ? DELIVERY_SHORT : DELIVERY_OK;
}

/**
 * Stores the yield the vault keeps on the day of `record` (an event's figure) and rates the day against the
 * offering's delivery as it stands (`deliveredUntil`, already updated by the same event). Saves `record`.
 */
export function recordDayDelivered(offering: Offering, record: OfferingDay, delivered: BigInt): void {
  record.delivered = delivered;
  record.deliveredPerUnit = record.soldUnits.isZero() ? BI_ZERO : delivered.div(record.soldUnits);
  const vault = Vault.load(offering.vault) as Vault;
  rateDay(
    record,
    getOrCreateBenchmark(coinIdOf(offering), record.day),
    vault.shortThresholdBps,
    offering.deliveredUntil,
  );
  record.save();
}

/**
 * Records what the vault's event says of the delivery: the days [fromDay, nextDay) are delivered at the
 * threshold, the release day and the escrow released. The days are at most the vault's catch-up bound (120)
 * per event. The caller saves `offering`.
 */
export function recordDelivery(
  offering: Offering,
  fromDay: i32,
  nextDay: i32,
  releasedDay: i32,
  escrowReleased: BigInt,
): void {
  offering.deliveredUntil = nextDay;
  offering.releasedDay = releasedDay;
  offering.escrowReleased = escrowReleased;
  const vault = Vault.load(offering.vault) as Vault;
  for (let day = fromDay; day < nextDay; day++) {
    const record = getOrCreateOfferingDay(offering, day);
    rateDay(record, getOrCreateBenchmark(coinIdOf(offering), day), vault.shortThresholdBps, nextDay);
    record.save();
  }
}

/**
 * Writes the days [fromDay, toDay) of `offering` that have no delivery as MISSED records (an event showed
 * them ended and undelivered). Bounded by the flag window or the term.
 */
export function recordMissedDays(offering: Offering, fromDay: i32, toDay: i32): void {
  for (let day = fromDay; day < toDay; day++) getOrCreateOfferingDay(offering, day);
}

/**
 * The oracle finalized `coinId`'s market average for `day` (YieldOracle.DayFinalized): records it for the
 * delivery records and rates the days of that coin and day delivered before (DELIVERED until now). Days
 * delivered later are rated at their deposit. Called by the YieldOracle mapping's DayFinalized handler.
 */
export function rateDeliveries(coinId: BigInt, day: i32, marketPerUnit: BigInt): void {
  const benchmark = getOrCreateBenchmark(coinId, day);
  benchmark.final = true;
  benchmark.marketPerUnit = marketPerUnit;
  benchmark.save();
  const days = benchmark.offeringDays.load();
  for (let i = 0; i < days.length; i++) {
    const record = days[i];
    const offering = Offering.load(record.offering) as Offering;
    const vault = Vault.load(offering.vault) as Vault;
    rateDay(record, benchmark, vault.shortThresholdBps, offering.deliveredUntil);
    record.save();
  }
}
