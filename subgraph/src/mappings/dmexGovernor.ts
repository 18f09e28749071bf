// Event handlers of the DmexGovernor data source (AssemblyScript, compiled by `graph build`): proposals, their
// actions and votes, and the Governor's settings. EIP712DomainChanged is not handled: OpenZeppelin's EIP712
// never emits it (the domain is fixed at construction).
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";

import {
  LateQuorumVoteExtensionSet as LateQuorumVoteExtensionSetEvent,
  ProposalCanceled as ProposalCanceledEvent,
  ProposalCreated as ProposalCreatedEvent,
  ProposalExecuted as ProposalExecutedEvent,
  ProposalExtended as ProposalExtendedEvent,
  ProposalQueued as ProposalQueuedEvent,
  ProposalThresholdSet as ProposalThresholdSetEvent,
  QuorumNumeratorUpdated as QuorumNumeratorUpdatedEvent,
  TimelockChange as TimelockChangeEvent,
  VoteCast as VoteCastEvent,
  VoteCastWithParams as VoteCastWithParamsEvent,
  VotingDelaySet as VotingDelaySetEvent,
  VotingPeriodSet as VotingPeriodSetEvent,
} from "../../generated/DmexGovernor/DmexGovernor";
import { Proposal, ProposalAction, TimelockOperation, Vote } from "../../generated/schema";
import { BI_ZERO } from "../utils/constants";
import { eventId, getOrCreateAccount, getOrCreateProtocol, getOrCreateProtocolDay } from "../utils/entities";
import {
  getOrCreateGovernor,
  governorOperationId,
  hashString,
  quorumOf,
  VOTE_SUPPORTS,
} from "../utils/governance";

function loadProposal(id: BigInt, event: ethereum.Event): Proposal | null {
  const proposal = Proposal.load(id.toString());
  if (proposal == null) {
    // The Governor emits nothing about a proposal before ProposalCreated; say so loudly if it ever does.
    log.error("Governor event for unknown proposal {} in tx {}", [
      id.toString(),
      event.transaction.hash.toHexString(),
    ]);
  }
  return proposal;
}

export function handleProposalCreated(event: ProposalCreatedEvent): void {
  const governor = getOrCreateGovernor(event.address);
  const id = event.params.proposalId;
  const proposal = new Proposal(id.toString());
  proposal.governor = governor.id;
  proposal.proposalId = id;
  proposal.proposer = getOrCreateAccount(event.params.proposer).id;
  proposal.description = event.params.description;
  proposal.descriptionHash = hashString(event.params.description);
  proposal.voteStart = event.params.voteStart;
  proposal.voteEnd = event.params.voteEnd;
  proposal.deadline = event.params.voteEnd;
  proposal.forVotes = BI_ZERO;
  proposal.againstVotes = BI_ZERO;
  proposal.abstainVotes = BI_ZERO;
  proposal.voteCount = 0;
  // The numerator in force now; a QuorumNumeratorUpdated before the snapshot updates it (see below).
  proposal.quorumNumerator = governor.quorumNumerator;
  proposal.quorum = quorumOf(governor.quorumNumerator);
  proposal.status = "CREATED";
  proposal.canceled = false;
  proposal.executed = false;
  proposal.createdAt = event.block.timestamp;
  proposal.createdBlock = event.block.number;
  proposal.createdTransaction = event.transaction.hash;

  const targets = event.params.targets;
  const values = event.params.values;
  const signatures = event.params.signatures;
  const calldatas = event.params.calldatas;
  proposal.actionCount = targets.length;
  proposal.save();
  for (let i = 0; i < targets.length; i++) {
    const action = new ProposalAction(id.toString().concat("-").concat(i.toString()));
    action.proposal = proposal.id;
    action.index = i;
    action.target = targets[i];
    action.value = values[i];
    action.signature = i < signatures.length ? signatures[i] : "";
    action.calldata = calldatas[i];
    action.save();
  }

  // Keep the proposals whose snapshot is still ahead (this one included), dropping those whose snapshot passed.
  const kept: string[] = [];
  const before = governor.proposalsBeforeSnapshot;
  for (let i = 0; i < before.length; i++) {
    const other = Proposal.load(before[i]);
    if (other == null) continue;
    if (other.voteStart.ge(event.block.timestamp)) kept.push(before[i]);
  }
  kept.push(proposal.id);
  governor.proposalsBeforeSnapshot = kept;
  governor.proposalCount = governor.proposalCount + 1;
  governor.save();

  const protocol = getOrCreateProtocol();
  protocol.proposalCount = protocol.proposalCount + 1;
  protocol.save();
}

export function handleProposalCanceled(event: ProposalCanceledEvent): void {
  const proposal = loadProposal(event.params.proposalId, event);
  if (proposal == null) return;
  proposal.status = "CANCELED";
  proposal.canceled = true;
  proposal.canceledAt = event.block.timestamp;
  proposal.canceledTransaction = event.transaction.hash;
  proposal.save();
}

export function handleProposalQueued(event: ProposalQueuedEvent): void {
  const proposal = loadProposal(event.params.proposalId, event);
  if (proposal == null) return;
  proposal.status = "QUEUED";
  proposal.eta = event.params.etaSeconds;
  proposal.queuedAt = event.block.timestamp;
  proposal.queuedTransaction = event.transaction.hash;

  // The timelock's CallScheduled events of this queueing came earlier in the same transaction: link the
  // operation, whose id the Governor computes from the proposal's actions and description hash.
  const targets: Bytes[] = [];
  const values: BigInt[] = [];
  const calldatas: Bytes[] = [];
  for (let i = 0; i < proposal.actionCount; i++) {
    const action = ProposalAction.load(proposal.id.concat("-").concat(i.toString()));
    if (action == null) {
      log.error("Proposal {} has no action {}", [proposal.id, i.toString()]);
      proposal.save();
      return;
    }
    targets.push(action.target);
    values.push(action.value);
    calldatas.push(action.calldata);
  }
  const operationId = governorOperationId(
    Address.fromBytes(event.address),
    targets,
    values,
    calldatas,
    proposal.descriptionHash,
  );
  const operation = TimelockOperation.load(operationId);
  if (operation == null) {
    log.warning("Proposal {} queued without a timelock operation {} in the store", [
      proposal.id,
      operationId.toHexString(),
    ]);
  } else {
    operation.proposal = proposal.id;
    operation.save();
    proposal.timelockOperation = operation.id;
  }
  proposal.save();
}

export function handleProposalExecuted(event: ProposalExecutedEvent): void {
  const proposal = loadProposal(event.params.proposalId, event);
  if (proposal == null) return;
  proposal.status = "EXECUTED";
  proposal.executed = true;
  proposal.executedAt = event.block.timestamp;
  proposal.executedTransaction = event.transaction.hash;
  proposal.save();
}

export function handleProposalExtended(event: ProposalExtendedEvent): void {
  const proposal = loadProposal(event.params.proposalId, event);
  if (proposal == null) return;
  const extended = event.params.extendedDeadline;
  proposal.extendedDeadline = extended;
  proposal.deadline = extended.gt(proposal.voteEnd) ? extended : proposal.voteEnd;
  proposal.save();
}

function recordVote(
  event: ethereum.Event,
  voter: Address,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes,
  withParams: boolean,
): void {
  const proposal = loadProposal(proposalId, event);
  if (proposal == null) return;
  if (support < 0 || support >= VOTE_SUPPORTS.length) {
    // GovernorCountingSimple refuses any other support value.
    log.error("Vote with unknown support {} in tx {}", [
      support.toString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  if (support === 0) proposal.againstVotes = proposal.againstVotes.plus(weight);
  else if (support === 1) proposal.forVotes = proposal.forVotes.plus(weight);
  else proposal.abstainVotes = proposal.abstainVotes.plus(weight);
  proposal.voteCount = proposal.voteCount + 1;
  proposal.save();

  const vote = new Vote(eventId(event));
  vote.proposal = proposal.id;
  vote.voter = getOrCreateAccount(voter).id;
  vote.support = VOTE_SUPPORTS[support];
  vote.weight = weight;
  vote.reason = reason;
  if (withParams) vote.params = params;
  vote.blockNumber = event.block.number;
  vote.timestamp = event.block.timestamp;
  vote.transactionHash = event.transaction.hash;
  vote.save();

  const day = getOrCreateProtocolDay(event.block.timestamp);
  day.voteCount = day.voteCount + 1;
  day.save();
}

export function handleVoteCast(event: VoteCastEvent): void {
  recordVote(
    event,
    event.params.voter,
    event.params.proposalId,
    event.params.support,
    event.params.weight,
    event.params.reason,
    Bytes.empty(),
    false,
  );
}

export function handleVoteCastWithParams(event: VoteCastWithParamsEvent): void {
  recordVote(
    event,
    event.params.voter,
    event.params.proposalId,
    event.params.support,
    event.params.weight,
    event.params.reason,
    event.params.params,
    true,
  );
}

export function handleVotingDelaySet(event: VotingDelaySetEvent): void {
  const governor = getOrCreateGovernor(event.address);
  governor.votingDelay = event.params.newVotingDelay;
  governor.save();
}

export function handleVotingPeriodSet(event: VotingPeriodSetEvent): void {
  const governor = getOrCreateGovernor(event.address);
  governor.votingPeriod = event.params.newVotingPeriod;
  governor.save();
}

export function handleProposalThresholdSet(event: ProposalThresholdSetEvent): void {
  const governor = getOrCreateGovernor(event.address);
  governor.proposalThreshold = event.params.newProposalThreshold;
  governor.save();
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdatedEvent): void {
  const governor = getOrCreateGovernor(event.address);
  const numerator = event.params.newQuorumNumerator;
  governor.quorumNumerator = numerator;

  // The Governor checkpoints the numerator at clock() (now); quorum(snapshot) reads the numerator at the
  // snapshot, so every proposal whose snapshot is now or later takes the new numerator.
  const kept: string[] = [];
  const before = governor.proposalsBeforeSnapshot;
  for (let i = 0; i < before.length; i++) {
    const proposal = Proposal.load(before[i]);
    if (proposal == null || proposal.voteStart.lt(event.block.timestamp)) continue;
    proposal.quorumNumerator = numerator;
    proposal.quorum = quorumOf(numerator);
    proposal.save();
    kept.push(before[i]);
  }
  governor.proposalsBeforeSnapshot = kept;
  governor.save();
}

export function handleLateQuorumVoteExtensionSet(event: LateQuorumVoteExtensionSetEvent): void {
  const governor = getOrCreateGovernor(event.address);
  governor.lateQuorumVoteExtension = event.params.newVoteExtension;
  governor.save();
}

export function handleTimelockChange(event: TimelockChangeEvent): void {
  const governor = getOrCreateGovernor(event.address);
  governor.timelock = event.params.newTimelock;
  governor.save();
}
