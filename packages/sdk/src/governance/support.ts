/** A vote under GovernorCountingSimple. */
export type VoteSupport = "against" | "for" | "abstain";

/** GovernorCountingSimple's `VoteType` values. */
const SUPPORT_VALUES: Readonly<Record<VoteSupport, number>> = { against: 0, for: 1, abstain: 2 };

/**
 * The `uint8 support` the Governor takes for a vote.
 *
 * @example
 * ```ts
 * supportValue("for"); // 1
 * ```
 */
export function supportValue(support: VoteSupport): number {
  return SUPPORT_VALUES[support];
}
