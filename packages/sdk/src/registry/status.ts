import { UnexpectedResponseError } from "../errors.js";

/** The registry's `MinerStatus`, in enum order (DESIGN §3.3). */
export const MINER_STATUSES = ["None", "Applied", "Approved", "Active", "Suspended", "Revoked"] as const;

/**
 * Where a miner stands. `None` also covers a rejected or withdrawn application and an approval that
 * lapsed unstaked; `Approved` means approved but not (or no longer) staked enough to sell.
 */
export type MinerStatus = (typeof MINER_STATUSES)[number];

/** The registry's `ApplicationStatus`, in enum order. */
export const APPLICATION_STATUSES = ["Pending", "Approved", "Rejected", "Withdrawn"] as const;

/** Where an application stands. */
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * The name of the registry's numeric miner status. Throws {@link UnexpectedResponseError} outside the enum.
 *
 * @example
 * ```ts
 * minerStatusName(await minerRegistry.statusOf(miner)); // "Active"
 * ```
 */
export function minerStatusName(value: bigint | number): MinerStatus {
  const name = MINER_STATUSES[Number(value)];
  if (name === undefined) throw new UnexpectedResponseError("miner status", value);
  return name;
}

/**
 * The name of the registry's numeric application status. Throws {@link UnexpectedResponseError} outside
 * the enum.
 *
 * @example
 * ```ts
 * applicationStatusName((await minerRegistry.application(1n)).status); // "Pending"
 * ```
 */
export function applicationStatusName(value: bigint | number): ApplicationStatus {
  const name = APPLICATION_STATUSES[Number(value)];
  if (name === undefined) throw new UnexpectedResponseError("application status", value);
  return name;
}
