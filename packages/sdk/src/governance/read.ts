import type { DmexGovernor } from "../generated/typechain/index.js";
import { callDecoded, sourcesFirst } from "../transaction.js";
import type { Proposal } from "./proposal.js";
import { type ProposalState, proposalStateName } from "./state.js";

const SOURCES = sourcesFirst("DmexGovernor");

/** Votes cast on a proposal, in DMC wei. */
export interface ProposalVotes {
  readonly for: bigint;
  readonly against: bigint;
  readonly abstain: bigint;
}

/** A proposal as the Governor reports it now. */
export interface ProposalDetails {
  readonly proposalId: bigint;
  readonly state: ProposalState;
  readonly votes: ProposalVotes;
  /** Unix seconds: votes are the delegated DMC at this time; voting opens the second after. */
  readonly snapshot: number;
  /** Unix seconds of the last second of voting, late-quorum extension included. */
  readonly deadline: number;
  /** Unix seconds from which a queued proposal can be executed; 0 until queued. */
  readonly eta: number;
  readonly proposer: string;
  /**
   * Votes (for + abstain) needed, in DMC wei: the quorum at the snapshot, or, while the snapshot is still
   * ahead, the quorum the supply gives now.
   */
  readonly quorum: bigint;
}

/**
 * Reads a proposal's state, votes, timing, proposer and quorum. Throws `ContractRevertError`
 * (`GovernorNonexistentProposal`) for an unknown id.
 *
 * @example
 * ```ts
 * const { state, votes, quorum } = await readProposal(governor, proposalId);
 * if (state === "Active") console.log(`${votes.for + votes.abstain} of ${quorum} needed`);
 * ```
 */
export async function readProposal(governor: DmexGovernor, proposalId: bigint): Promise<ProposalDetails> {
  return callDecoded(async () => {
    const [state, [against, inFavour, abstain], snapshot, deadline, eta, proposer, clock] = await Promise.all(
      [
        governor.state(proposalId),
        governor.proposalVotes(proposalId),
        governor.proposalSnapshot(proposalId),
        governor.proposalDeadline(proposalId),
        governor.proposalEta(proposalId),
        governor.proposalProposer(proposalId),
        governor.clock(),
      ],
    );
    // The quorum reads the past total supply, which reverts for a timepoint not yet in the past.
    const quorum = await governor.quorum(snapshot < clock ? snapshot : clock - 1n);
    return {
      proposalId,
      state: proposalStateName(state),
      votes: { for: inFavour, against, abstain },
      snapshot: Number(snapshot),
      deadline: Number(deadline),
      eta: Number(eta),
      proposer,
      quorum,
    };
  }, SOURCES);
}

/** A proposal found in the Governor's `ProposalCreated` logs, with its state now. */
export interface ProposalSummary {
  readonly proposalId: bigint;
  readonly proposer: string;
  /** Actions and description: pass it to `queue`, `execute` or `cancel`. */
  readonly proposal: Proposal;
  readonly state: ProposalState;
  /** Unix seconds of the snapshot (voting opens the second after). */
  readonly voteStart: number;
  /** Unix seconds of the end of voting as first set (see `readProposal` for a late-quorum extension). */
  readonly voteEnd: number;
  readonly blockNumber: number;
  readonly transactionHash: string;
}

export interface ListProposalsOptions {
  /** First block to search (a number or a tag), e.g. the deployment's `startBlock`. Default 0. */
  readonly fromBlock?: number | string;
  /** Last block to search. Default "latest". */
  readonly toBlock?: number | string;
}

/**
 * Every proposal created in the block range, oldest first, with its current state. Reads the logs in one
 * `eth_getLogs` request: on a public RPC with a block-range limit, pass a `fromBlock` near the deployment.
 *
 * @example
 * ```ts
 * const proposals = await listProposals(governor, { fromBlock: deployment.startBlock });
 * const open = proposals.filter((p) => p.state === "Active");
 * ```
 */
export async function listProposals(
  governor: DmexGovernor,
  options: ListProposalsOptions = {},
): Promise<ProposalSummary[]> {
  return callDecoded(async () => {
    const logs = await governor.queryFilter(
      governor.filters.ProposalCreated,
      options.fromBlock ?? 0,
      options.toBlock ?? "latest",
    );
    const states = await Promise.all(logs.map((log) => governor.state(log.args.proposalId)));
    return logs.map((log, index) => {
      const { args } = log;
      // `args.values` is Array.prototype.values on an ethers Result: read the values by position.
      const actions = args.targets.map((target, i) => ({
        target,
        value: args[3][i] ?? 0n,
        calldata: args.calldatas[i] ?? "0x",
      }));
      return {
        proposalId: args.proposalId,
        proposer: args.proposer,
        // Not buildProposal: the chain may hold proposals that helper would refuse (an empty description).
        proposal: { actions, description: args.description },
        state: proposalStateName(states[index] ?? -1n),
        voteStart: Number(args.voteStart),
        voteEnd: Number(args.voteEnd),
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
      };
    });
  }, SOURCES);
}
