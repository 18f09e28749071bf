// Proposals with their state and tallies (the proposals page), one proposal with its actions and votes (the
// proposal page), and ballots by proposal or voter, from the subgraph's Governor entities.

import {
  type Proposal_Filter,
  ProposalDetailDocument,
  type ProposalFieldsFragment,
  type ProposalStatus,
  ProposalsDocument,
  type Vote_Filter,
  type VoteFieldsFragment,
  VotesDocument,
} from "../generated/subgraph/graphql.js";
import type { ProposalState } from "../governance/state.js";
import type { SubgraphClient } from "./client.js";
import { addressVariable, toAddress, toBigInt, toEnumMember, toHex, toSafeNumber } from "./convert.js";
import { offsetPage, type Page, type PageRequest } from "./pagination.js";
import { proposalState } from "./proposalState.js";

export type { ProposalStatus } from "../generated/subgraph/graphql.js";

/** What the Governor's events say happened to a proposal (the state adds time and votes to it). */
export const PROPOSAL_STATUSES = [
  "CREATED",
  "CANCELED",
  "QUEUED",
  "EXECUTED",
] as const satisfies readonly ProposalStatus[];

/** How a ballot counts (GovernorCountingSimple). */
export type IndexedVoteSupport = "against" | "for" | "abstain";
const SUPPORT = { AGAINST: "against", FOR: "for", ABSTAIN: "abstain" } as const;

/** The time the states are computed for: the subgraph's latest indexed block. */
export interface StateClock {
  readonly block: number;
  /** Unix seconds, the Governor's clock (DMC's clock is the block timestamp). */
  readonly timestamp: number;
}

/** A proposal as the proposals page lists it. */
export interface IndexedProposal {
  /** The proposal id (the Governor's hashProposal). */
  readonly id: bigint;
  readonly proposer: string;
  /** The description's first line, without Markdown heading marks. */
  readonly title: string;
  /** Markdown. */
  readonly description: string;
  /** The Governor's state at {@link StateClock} (what `governor.state(id)` returns at that block). */
  readonly state: ProposalState;
  /** What the events say (CREATED, CANCELED, QUEUED, EXECUTED). */
  readonly status: ProposalStatus;
  /** The snapshot, Unix seconds: votes count the DMC delegated then; voting opens the second after. */
  readonly voteStart: number;
  /** Unix seconds of the last second of voting, after any late-quorum extension. */
  readonly deadline: number;
  /** True when a late vote reaching quorum moved the deadline (GovernorPreventLateQuorum). */
  readonly extended: boolean;
  /** Unix seconds from which the queued proposal can execute; undefined until queued. */
  readonly eta: number | undefined;
  /** Tallies, DMC in wei. */
  readonly votes: { readonly for: bigint; readonly against: bigint; readonly abstain: bigint };
  /** Votes (for + abstain) needed, DMC in wei. */
  readonly quorum: bigint;
  /** Ballots cast. */
  readonly voteCount: number;
  readonly actionCount: number;
  /** Unix seconds. */
  readonly createdAt: number;
  readonly createdBlock: number;
  readonly createdTransaction: string;
}

export interface IndexedVote {
  readonly proposalId: bigint;
  readonly voter: string;
  readonly support: IndexedVoteSupport;
  /** The voter's votes at the snapshot, DMC in wei. */
  readonly weight: bigint;
  /** Empty when none was given. */
  readonly reason: string;
  readonly blockNumber: number;
  /** Unix seconds. */
  readonly timestamp: number;
  readonly transactionHash: string;
}

export interface IndexedProposalAction {
  readonly target: string;
  /** ETH sent from the timelock, in wei. */
  readonly value: bigint;
  readonly calldata: string;
}

export interface IndexedProposalDetail extends IndexedProposal {
  readonly descriptionHash: string;
  /** In order: pass them to buildProposal to queue or execute it. */
  readonly actions: readonly IndexedProposalAction[];
  /** The largest ballots first (up to the number asked for; voteCount says how many there are). */
  readonly topVotes: readonly IndexedVote[];
  /** The timelock operation queuing scheduled; undefined until queued. */
  readonly timelockOperation:
    | {
        readonly id: string;
        readonly status: "SCHEDULED" | "EXECUTED" | "CANCELLED";
        readonly readyAt: number;
      }
    | undefined;
  readonly queuedAt: number | undefined;
  readonly executedAt: number | undefined;
  readonly canceledAt: number | undefined;
}

export interface ProposalFilter {
  /** Only proposals whose events left them in one of these statuses. */
  readonly statuses?: readonly ProposalStatus[];
  /** Only proposals of this proposer. */
  readonly proposer?: string;
}

export interface StateOptions {
  /**
   * Unix seconds to compute the states for; default: the subgraph's latest indexed block's timestamp, so
   * that states and tallies describe the same moment.
   */
  readonly at?: number;
}

/** A page of proposals (newest first) with the clock their states are computed for. */
export interface ProposalPage extends Page<IndexedProposal> {
  readonly clock: StateClock;
}

/** "# Approve miner #3\n\nDetails…" → "Approve miner #3". */
export function proposalTitle(description: string): string {
  const line = description.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  return line.replace(/^\s*#+\s*/, "").trim();
}

function clockOf(
  meta: { readonly block: { readonly number: number; readonly timestamp: number | null } } | null,
  options: StateOptions,
): StateClock {
  const block = meta?.block.number ?? 0;
  const timestamp = options.at ?? meta?.block.timestamp ?? Math.floor(Date.now() / 1000);
  return { block, timestamp };
}

function toProposal(row: ProposalFieldsFragment, clock: StateClock): IndexedProposal {
  const voteEnd = toSafeNumber(row.voteEnd, "Proposal.voteEnd");
  const deadline = toSafeNumber(row.deadline, "Proposal.deadline");
  return {
    id: toBigInt(row.id, "Proposal.id"),
    proposer: toAddress(row.proposer.id, "Proposal.proposer"),
    title: proposalTitle(row.description),
    description: row.description,
    state: proposalState(row, clock.timestamp),
    status: toEnumMember(row.status, PROPOSAL_STATUSES, "Proposal.status"),
    voteStart: toSafeNumber(row.voteStart, "Proposal.voteStart"),
    deadline,
    extended: deadline > voteEnd,
    eta: row.eta === null ? undefined : toSafeNumber(row.eta, "Proposal.eta"),
    votes: {
      for: toBigInt(row.forVotes, "Proposal.forVotes"),
      against: toBigInt(row.againstVotes, "Proposal.againstVotes"),
      abstain: toBigInt(row.abstainVotes, "Proposal.abstainVotes"),
    },
    quorum: toBigInt(row.quorum, "Proposal.quorum"),
    voteCount: row.voteCount,
    actionCount: row.actionCount,
    createdAt: toSafeNumber(row.createdAt, "Proposal.createdAt"),
    createdBlock: toSafeNumber(row.createdBlock, "Proposal.createdBlock"),
    createdTransaction: toHex(row.createdTransaction, "Proposal.createdTransaction"),
  };
}

function toVote(row: VoteFieldsFragment): IndexedVote {
  return {
    proposalId: toBigInt(row.proposal.id, "Vote.proposal"),
    voter: toAddress(row.voter.id, "Vote.voter"),
    support: SUPPORT[toEnumMember(row.support, ["AGAINST", "FOR", "ABSTAIN"] as const, "Vote.support")],
    weight: toBigInt(row.weight, "Vote.weight"),
    reason: row.reason,
    blockNumber: toSafeNumber(row.blockNumber, "Vote.blockNumber"),
    timestamp: toSafeNumber(row.timestamp, "Vote.timestamp"),
    transactionHash: toHex(row.transactionHash, "Vote.transactionHash"),
  };
}

const optionalTime = (value: string | null, field: string) =>
  value === null ? undefined : toSafeNumber(value, field);

/**
 * A page of proposals, newest first, each with the Governor's state computed at the subgraph's latest
 * indexed block (or `options.at`).
 */
export async function browseProposals(
  client: SubgraphClient,
  page?: PageRequest,
  filter: ProposalFilter = {},
  options: StateOptions = {},
): Promise<ProposalPage> {
  const where: { -readonly [K in keyof Proposal_Filter]: Proposal_Filter[K] } = {};
  if (filter.statuses) where.status_in = [...filter.statuses];
  if (filter.proposer !== undefined) where.proposer = addressVariable(filter.proposer);
  let clock: StateClock = { block: 0, timestamp: 0 };
  const result = await offsetPage(
    page,
    async (first, skip) => {
      const data = await client.request(ProposalsDocument, { first, skip, where });
      clock = clockOf(data._meta, options);
      return data.proposals;
    },
    // Mapped once the page has arrived, with the clock of that answer.
    (row) => toProposal(row, clock),
  );
  return { ...result, clock };
}

/**
 * One proposal with its actions, its `votesFirst` largest ballots (default 100, at most 1,000; page through
 * the rest with {@link listVotes}) and its state; undefined when the subgraph has no such proposal.
 */
export async function readProposalDetail(
  client: SubgraphClient,
  proposalId: bigint,
  options: StateOptions & { readonly votesFirst?: number } = {},
): Promise<{ readonly proposal: IndexedProposalDetail; readonly clock: StateClock } | undefined> {
  const votesFirst = options.votesFirst ?? 100;
  const data = await client.request(ProposalDetailDocument, { id: proposalId.toString(), votesFirst });
  const row = data.proposal;
  if (!row) return undefined;
  const clock = clockOf(data._meta, options);
  const operation = row.timelockOperation;
  return {
    clock,
    proposal: {
      ...toProposal(row, clock),
      descriptionHash: toHex(row.descriptionHash, "Proposal.descriptionHash"),
      actions: row.actions.map((a) => ({
        target: toAddress(a.target, "ProposalAction.target"),
        value: toBigInt(a.value, "ProposalAction.value"),
        calldata: toHex(a.calldata, "ProposalAction.calldata"),
      })),
      topVotes: row.votes.map(toVote),
      timelockOperation: operation
        ? {
            id: toHex(operation.id, "TimelockOperation.id"),
            status: toEnumMember(
              operation.status,
              ["SCHEDULED", "EXECUTED", "CANCELLED"] as const,
              "TimelockOperation.status",
            ),
            readyAt: toSafeNumber(operation.readyAt, "TimelockOperation.readyAt"),
          }
        : undefined,
      queuedAt: optionalTime(row.queuedAt, "Proposal.queuedAt"),
      executedAt: optionalTime(row.executedAt, "Proposal.executedAt"),
      canceledAt: optionalTime(row.canceledAt, "Proposal.canceledAt"),
    },
  };
}

/** A page of ballots, largest first: of one proposal, of one voter, or both. */
export function listVotes(
  client: SubgraphClient,
  filter: { readonly proposalId?: bigint; readonly voter?: string },
  page?: PageRequest,
): Promise<Page<IndexedVote>> {
  const where: { -readonly [K in keyof Vote_Filter]: Vote_Filter[K] } = {};
  if (filter.proposalId !== undefined) where.proposal = filter.proposalId.toString();
  if (filter.voter !== undefined) where.voter = addressVariable(filter.voter);
  return offsetPage(
    page,
    async (first, skip) => (await client.request(VotesDocument, { first, skip, where })).votes,
    toVote,
  );
}
