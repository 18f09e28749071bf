import { UnexpectedResponseError } from "../errors.js";

/** OpenZeppelin's `IGovernor.ProposalState`, in enum order. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

/** Where a proposal stands, as the Governor's `state(proposalId)` reports it. */
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/**
 * The name of the Governor's numeric proposal state. Throws {@link UnexpectedResponseError} for a value
 * outside the enum.
 *
 * @example
 * ```ts
 * proposalStateName(await governor.state(proposalId)); // "Active"
 * ```
 */
export function proposalStateName(value: bigint | number): ProposalState {
  const name = PROPOSAL_STATES[Number(value)];
  if (name === undefined) throw new UnexpectedResponseError("proposal state", value);
  return name;
}

/**
 * The states set in a Governor state bitmap (bit `i` is state `i`), as in the `expectedStates` of
 * `GovernorUnexpectedProposalState`.
 *
 * @example
 * ```ts
 * proposalStatesInBitmap(1n << 4n); // ["Succeeded"]
 * ```
 */
export function proposalStatesInBitmap(bitmap: bigint | string): ProposalState[] {
  const bits = BigInt(bitmap);
  return PROPOSAL_STATES.filter((_, index) => ((bits >> BigInt(index)) & 1n) === 1n);
}
