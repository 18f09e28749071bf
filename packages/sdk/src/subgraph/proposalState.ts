// A proposal's full state from its subgraph entity and the clock, exactly as DmexGovernor.state(proposalId)
// computes it: OpenZeppelin 5.x Governor.state, overridden by GovernorTimelockControl.state, with
// GovernorCountingSimple's quorum (for + abstain >= quorum at the snapshot) and vote rule (for > against) and
// GovernorPreventLateQuorum's deadline (the larger of voteEnd and the late-quorum extension). The subgraph
// stores what the events say (ProposalStatus); the rest depends on time and votes, so it is computed here.
import type { ProposalState } from "../governance/state.js";

/** A uint256 as the GraphQL API returns it (a decimal string) or already parsed. */
export type BigIntish = bigint | string | number;

/** The fields of a subgraph `Proposal` the state depends on (query exactly these). */
export interface ProposalStateInput {
  /** The snapshot, in the Governor's clock (Unix seconds for DMEX). */
  readonly voteStart: BigIntish;
  /** End of voting as set at creation. */
  readonly voteEnd: BigIntish;
  /** Late-quorum extension (ProposalExtended); null when none. */
  readonly extendedDeadline?: BigIntish | null;
  readonly forVotes: BigIntish;
  readonly againstVotes: BigIntish;
  readonly abstainVotes: BigIntish;
  /** Votes (for + abstain) needed, at the snapshot. */
  readonly quorum: BigIntish;
  /** ProposalQueued's eta; null until queued. */
  readonly eta?: BigIntish | null;
  readonly canceled: boolean;
  readonly executed: boolean;
  /** The timelock operation the queueing scheduled; its status decides a queued proposal's state. */
  readonly timelockOperation?: { readonly status: "SCHEDULED" | "EXECUTED" | "CANCELLED" } | null;
}

/** The query fields that make a {@link ProposalStateInput}. */
export const PROPOSAL_STATE_FIELDS =
  "voteStart voteEnd extendedDeadline forVotes againstVotes abstainVotes quorum eta canceled executed " +
  "timelockOperation { status }";

function big(value: BigIntish): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

/**
 * The state `governor.state(proposalId)` returns when the Governor's clock reads `clockNow` (for DMEX: the
 * latest block's timestamp, which is what a read at the latest block sees).
 *
 * `timelockGracePeriod` is for Governors whose timelock expires queued proposals (GovernorTimelockCompound:
 * Expired once `clockNow >= eta + grace`). DmexGovernor's TimelockController has no grace period: leave it
 * undefined, and a proposal is never Expired.
 *
 * @example
 * ```ts
 * const { proposal } = await query(`{ proposal(id: "${id}") { ${PROPOSAL_STATE_FIELDS} } }`);
 * proposalState(proposal, BigInt((await provider.getBlock("latest")).timestamp)); // "Active"
 * ```
 */
export function proposalState(
  proposal: ProposalStateInput,
  clockNow: BigIntish,
  timelockGracePeriod?: BigIntish,
): ProposalState {
  // Governor.state
  if (proposal.executed) return "Executed";
  if (proposal.canceled) return "Canceled";
  const now = big(clockNow);
  const snapshot = big(proposal.voteStart);
  if (snapshot >= now) return "Pending";
  const voteEnd = big(proposal.voteEnd);
  const extended = proposal.extendedDeadline == null ? 0n : big(proposal.extendedDeadline);
  const deadline = extended > voteEnd ? extended : voteEnd;
  if (deadline >= now) return "Active";
  const forVotes = big(proposal.forVotes);
  const quorumReached = big(proposal.quorum) <= forVotes + big(proposal.abstainVotes);
  const voteSucceeded = forVotes > big(proposal.againstVotes);
  if (!quorumReached || !voteSucceeded) return "Defeated";
  const eta = proposal.eta == null ? 0n : big(proposal.eta);
  if (eta === 0n) return "Succeeded";

  // GovernorTimelockControl.state: a queued proposal follows its timelock operation, which may have been
  // executed or cancelled directly on the timelock.
  const operation = proposal.timelockOperation?.status;
  if (operation === "EXECUTED") return "Executed";
  if (operation === "CANCELLED") return "Canceled";
  if (timelockGracePeriod !== undefined && now >= eta + big(timelockGracePeriod)) return "Expired";
  return "Queued";
}
