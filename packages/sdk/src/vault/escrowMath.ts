// Mirrors of the vault's escrow arithmetic (EscrowMath.sol and the escrow parts of RiskControlVault.sol), in
// bigint and rounding exactly as Solidity does: every division rounds toward zero, which for these
// non-negative values is down. Amounts are payment-token units (USDC: 6 decimals); days are UTC day numbers.
import type { OfferingStatus } from "./status.js";

/** Fixed-point scale of daily release rates (`EscrowMath.RATE_SCALE`). */
export const RATE_SCALE = 1_000_000_000n;

/**
 * Scaled escrow a certificate releases per delivered day: `escrow × 1e9 / spanDays`, rounded down
 * (`EscrowMath.dailyRate`). `spanDays` is the certificate's stream, `endDay - saleDay`.
 *
 * @example
 * ```ts
 * escrowDailyRate(3_000_000_000n, 30); // 100_000_000_000_000_000n: 100 USDC a day, scaled by 1e9
 * ```
 */
export function escrowDailyRate(escrow: bigint, spanDays: number): bigint {
  if (spanDays <= 0)
    throw new RangeError(`escrowDailyRate: the stream must span at least one day, not ${spanDays}`);
  return (escrow * RATE_SCALE) / BigInt(spanDays);
}

/** Token units of a scaled release, rounded down (`EscrowMath.unscale`). */
export function unscaleEscrow(scaled: bigint): bigint {
  return scaled / RATE_SCALE;
}

/**
 * Days of a certificate's stream `[saleDay, endDay)` before `deliveredUntil` (the offering's first
 * undelivered day, `nextDay`): `EscrowMath.daysDelivered`.
 *
 * @example
 * ```ts
 * daysDelivered(100, 130, 127); // 27
 * daysDelivered(105, 130, 100); // 0: nothing delivered since the sale
 * ```
 */
export function daysDelivered(saleDay: number, endDay: number, deliveredUntil: number): number {
  if (deliveredUntil <= saleDay) return 0;
  return Math.min(deliveredUntil, endDay) - saleDay;
}

/**
 * The part of a certificate's `escrow` owed back to its holder after termination: the escrow of its
 * undelivered days, `escrow × (span - delivered) / span`, rounded down (`EscrowMath.refundable`).
 *
 * @example
 * ```ts
 * refundableEscrow(3_000_000_000n, 100, 130, 127); // 300_000_000n: 3 of 30 days undelivered
 * ```
 */
export function refundableEscrow(
  escrow: bigint,
  saleDay: number,
  endDay: number,
  deliveredUntil: number,
): bigint {
  const span = endDay - saleDay;
  if (span <= 0) throw new RangeError(`refundableEscrow: the stream [${saleDay}, ${endDay}) is empty`);
  const undelivered = span - daysDelivered(saleDay, endDay, deliveredUntil);
  return (escrow * BigInt(undelivered)) / BigInt(span);
}

/** A certificate's escrow divided by {@link splitEscrow}. */
export interface EscrowSplit {
  /** Stays with the certificate that was split. */
  readonly kept: bigint;
  /** Goes to the new certificate. */
  readonly part: bigint;
}

/**
 * How `split` divides a certificate's escrow (`EscrowMath.split`): the new part takes a whole number of the
 * escrow's daily amount (`escrow / spanDays`, rounded down) per day of the stream, pro rata to its units and
 * rounded down; the kept part takes the rest. The two add up to `escrow`, and so do their refunds for any
 * number of delivered days. `spanDays` is the certificate's stream, `endDay - saleDay`.
 *
 * @example
 * ```ts
 * splitEscrow(1_000n, 3n, 1n, 10); // daily 100, part 33 a day: { kept: 670n, part: 330n }
 * ```
 */
export function splitEscrow(escrow: bigint, units: bigint, partUnits: bigint, spanDays: number): EscrowSplit {
  if (units <= 0n || partUnits < 0n || partUnits > units) {
    throw new RangeError(`splitEscrow: cannot take ${partUnits} of ${units} units`);
  }
  if (!Number.isInteger(spanDays) || spanDays <= 0) {
    throw new RangeError(`splitEscrow: the stream must last at least one day, not ${spanDays}`);
  }
  const span = BigInt(spanDays);
  const part = (((escrow / span) * partUnits) / units) * span;
  return { kept: escrow - part, part };
}

/** The offering fields the escrow release depends on (as `readOffering` returns them). */
export interface OfferingEscrowState {
  readonly status: OfferingStatus;
  readonly endDay: number;
  /** First day not delivered at the threshold. */
  readonly nextDay: number;
  /**
   * 0 while escrow is released with the delivery; else the day escrow stays released up to (deposits moved
   * `nextDay` on while the offering was frozen). Absent means 0.
   */
  readonly releasedDay?: number;
  /** Sale checkpoints: 0 until the first primary sale. */
  readonly checkpointCount: number;
  readonly totalEscrow: bigint;
  /** Escrow released through `nextDay`, scaled by {@link RATE_SCALE}. */
  readonly earnedScaled: bigint;
  readonly escrowWithdrawn: bigint;
}

/**
 * Escrow released to the miner so far, withdrawn or not (the vault's `escrowReleased`): all of
 * `totalEscrow` once every day of the term is delivered after a first sale (the rates' rounding dust
 * included), else `earnedScaled / 1e9` rounded down.
 *
 * @example
 * ```ts
 * escrowReleased({ ...offering, nextDay: 120, endDay: 130, earnedScaled: 9_000_000_000n * RATE_SCALE }); // 9_000_000_000n
 * ```
 */
export function escrowReleased(
  offering: Pick<
    OfferingEscrowState,
    "endDay" | "nextDay" | "releasedDay" | "checkpointCount" | "totalEscrow" | "earnedScaled"
  >,
): bigint {
  if (offering.checkpointCount !== 0 && releasedThrough(offering) >= offering.endDay)
    return offering.totalEscrow;
  return unscaleEscrow(offering.earnedScaled);
}

/**
 * Escrow is released for the days before this one (the vault's `_releasedDay`): `releasedDay` when deposits
 * moved the delivery on while the offering was frozen, else `nextDay`.
 *
 * @example
 * ```ts
 * releasedThrough({ nextDay: 127, releasedDay: 0 }); // 127
 * releasedThrough({ nextDay: 127, releasedDay: 120 }); // 120: frozen, the delivery moved on, the escrow did not
 * ```
 */
export function releasedThrough(offering: Pick<OfferingEscrowState, "nextDay" | "releasedDay">): number {
  const lagging = offering.releasedDay ?? 0;
  return lagging !== 0 ? lagging : offering.nextDay;
}

/**
 * What `withdrawEscrow` would send the miner now (the vault's `withdrawable`): released less withdrawn,
 * 0 while the offering is frozen.
 */
export function withdrawableEscrow(offering: OfferingEscrowState): bigint {
  if (offering.status === "Frozen") return 0n;
  return escrowReleased(offering) - offering.escrowWithdrawn;
}

/** The certificate fields its escrow depends on (as `readCertificate` returns them). */
export interface CertificateEscrowState {
  readonly sold: boolean;
  readonly refunded: boolean;
  readonly escrow: bigint;
  readonly saleDay: number;
}

/**
 * What `refund` would pay for a certificate now (the vault's `refundable`): the escrow of its days not released
 * once the offering is terminated or finished (a finish a flag window after the term with days not delivered
 * at the threshold; a fully delivered one leaves nothing), 0 otherwise, while unsold or once refunded.
 */
export function certificateRefundable(
  offering: Pick<OfferingEscrowState, "status" | "endDay" | "nextDay" | "releasedDay">,
  certificate: CertificateEscrowState,
): bigint {
  const settled = offering.status === "Terminated" || offering.status === "Finished";
  if (!settled || !certificate.sold || certificate.refunded) return 0n;
  return refundableEscrow(
    certificate.escrow,
    certificate.saleDay,
    offering.endDay,
    releasedThrough(offering),
  );
}

/**
 * The part of a sold certificate's escrow released to the miner (delivered days), as the vault's
 * `certificateView.escrowReleased`: `escrow - refundableEscrow(...)`; 0 while unsold.
 */
export function certificateEscrowReleased(
  offering: Pick<OfferingEscrowState, "endDay" | "nextDay" | "releasedDay">,
  certificate: Pick<CertificateEscrowState, "sold" | "escrow" | "saleDay">,
): bigint {
  if (!certificate.sold) return 0n;
  return (
    certificate.escrow -
    refundableEscrow(certificate.escrow, certificate.saleDay, offering.endDay, releasedThrough(offering))
  );
}

/** One escrow rate checkpoint: from `day` on, every delivered day releases `rate` (scaled). */
export interface RateCheckpoint {
  readonly day: number;
  /** Units sold up to and including `day`. */
  readonly soldUnits: bigint;
  /** Scaled escrow released per delivered day by every certificate sold up to `day`. */
  readonly rate: bigint;
}

/** A primary sale, as the vault records it. */
export interface PrimarySale {
  /** The day its stream starts: the sale day, or the term's start for a sale before it. */
  readonly saleDay: number;
  readonly units: bigint;
  readonly escrow: bigint;
}

/**
 * The sale checkpoints the vault keeps for `sales` (in the order they were recorded) of an offering whose
 * term ends before `endDay`: one per sale day, with the units sold so far and the cumulative scaled daily
 * rate. Mirrors `_recordCheckpoint`; compare with `readSaleCheckpoints`.
 */
export function saleCheckpoints(sales: readonly PrimarySale[], endDay: number): RateCheckpoint[] {
  const checkpoints: RateCheckpoint[] = [];
  let soldUnits = 0n;
  for (const sale of sales) {
    soldUnits += sale.units;
    const rate = escrowDailyRate(sale.escrow, endDay - sale.saleDay);
    const last = checkpoints[checkpoints.length - 1];
    if (last && sale.saleDay < last.day) throw new RangeError("saleCheckpoints: sales are out of day order");
    if (last?.day === sale.saleDay) {
      checkpoints[checkpoints.length - 1] = { day: last.day, soldUnits, rate: last.rate + rate };
    } else {
      checkpoints.push({ day: sale.saleDay, soldUnits, rate: rate + (last?.rate ?? 0n) });
    }
  }
  return checkpoints;
}

/**
 * The scaled escrow released by delivering every day from the first sale to `nextDay` (exclusive): each
 * day adds the rate of the last checkpoint on or before it, which is what the vault accumulates in
 * `earnedScaled` one delivered day at a time.
 *
 * @example
 * ```ts
 * // 300 USDC a day on days 100-104, 500 a day from day 105 (scaled), days 100-119 delivered:
 * earnedScaledThrough([{ day: 100, soldUnits: 30n, rate: 300n * 10n ** 15n }, { day: 105, soldUnits: 50n, rate: 500n * 10n ** 15n }], 120);
 * // 9_000n * 10n ** 15n: 5 × 300 + 15 × 500 USDC
 * ```
 */
export function earnedScaledThrough(checkpoints: readonly RateCheckpoint[], nextDay: number): bigint {
  let earned = 0n;
  for (const [i, checkpoint] of checkpoints.entries()) {
    const until = Math.min(checkpoints[i + 1]?.day ?? nextDay, nextDay);
    if (until > checkpoint.day) earned += checkpoint.rate * BigInt(until - checkpoint.day);
  }
  return earned;
}
