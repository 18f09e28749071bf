import { UnexpectedResponseError } from "../errors.js";

/** The vault's `OfferingStatus`, in enum order (DESIGN §3.3–3.4). */
export const OFFERING_STATUSES = ["None", "Active", "Frozen", "Terminated", "Finished"] as const;

/**
 * Where an offering stands. `Active`: selling and/or running, escrow released against delivered days.
 * `Frozen`: flagged after consecutive missed or short days; no escrow leaves and nothing sells until the DAO
 * resumes or terminates it. `Terminated`: by the DAO; holders refund the escrow of undelivered days.
 * `Finished`: the term ended fully delivered (or nothing sold). `None` only for ids never created.
 */
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];

/** The vault's `DeliveryStatus`, in enum order. */
export const DELIVERY_STATUSES = ["None", "Open", "Missed", "Delivered", "Short", "Ok"] as const;

/**
 * How one day of an offering went. `None`: outside the term, or nothing sold by that day. `Open`: the day
 * has not ended. `Missed`: ended, not delivered at the threshold and nothing placed on it. `Delivered`: yield
 * placed, the day not rated yet (no final oracle value, fallback not due). `Short`: below the DAO's threshold
 * of the market value. `Ok`: delivered at the threshold (every day before the offering's `nextDay`).
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The name of the vault's numeric offering status. Throws {@link UnexpectedResponseError} outside the enum.
 *
 * @example
 * ```ts
 * offeringStatusName((await riskControlVault.offering(1n)).status); // "Active"
 * ```
 */
export function offeringStatusName(value: bigint | number): OfferingStatus {
  const name = OFFERING_STATUSES[Number(value)];
  if (name === undefined) throw new UnexpectedResponseError("offering status", value);
  return name;
}

/**
 * The name of the vault's numeric delivery status. Throws {@link UnexpectedResponseError} outside the enum.
 *
 * @example
 * ```ts
 * deliveryStatusName((await riskControlVault.dayRecord(1n, day)).status); // "Short"
 * ```
 */
export function deliveryStatusName(value: bigint | number): DeliveryStatus {
  const name = DELIVERY_STATUSES[Number(value)];
  if (name === undefined) throw new UnexpectedResponseError("delivery status", value);
  return name;
}
