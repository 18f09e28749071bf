import type { ContractTransactionReceipt } from "ethers";

import type { DmexGovernor } from "../generated/typechain/index.js";
import { firstEvent, requireSender, sendAndWait, sourcesFirst, withGasMargin } from "../transaction.js";
import { hashDescription, type Proposal, proposalArrays } from "./proposal.js";

const SOURCES = sourcesFirst("DmexGovernor");

/** What {@link propose} returns. */
export interface ProposeResult {
  /** From the `ProposalCreated` event; equals `computeProposalId(proposal)`. */
  readonly proposalId: bigint;
  /** Unix seconds after which votes count (the snapshot); voting opens the second after. */
  readonly voteStart: number;
  /** Unix seconds of the last second of voting (before any late-quorum extension). */
  readonly voteEnd: number;
  readonly receipt: ContractTransactionReceipt;
}

/** What {@link queue} returns. */
export interface QueueResult {
  /** Unix seconds from which the proposal can be executed. */
  readonly eta: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Submits a proposal from the governor's signer, who needs the proposal threshold in votes (delegated
 * DMC) as of the previous second. Reverts are thrown as `ContractRevertError`, e.g.
 * "You have 1,000 DMC of votes; proposing needs 100,000 DMC".
 *
 * @example
 * ```ts
 * const { governor, minerRegistry } = connect(signer, 31337);
 * const proposal = buildProposal(
 *   [await approveApplicationAction(minerRegistry, 1n, 100n, parseUnits("10000", 18))],
 *   "# Approve miner #1",
 * );
 * const { proposalId } = await propose(governor, proposal);
 * ```
 */
export async function propose(governor: DmexGovernor, proposal: Proposal): Promise<ProposeResult> {
  requireSender(governor, "propose");
  const { targets, values, calldatas } = proposalArrays(proposal);
  const receipt = await sendAndWait(
    withGasMargin(governor.propose, targets, values, calldatas, proposal.description),
    SOURCES,
  );
  const created = firstEvent(receipt, governor, governor.getEvent("ProposalCreated"));
  return {
    proposalId: created.args.proposalId,
    voteStart: Number(created.args.voteStart),
    voteEnd: Number(created.args.voteEnd),
    receipt,
  };
}

/**
 * Queues a succeeded proposal in the timelock. Throws `ContractRevertError`
 * (`GovernorUnexpectedProposalState`, naming the state) when it did not succeed.
 *
 * @example
 * ```ts
 * const { eta } = await queue(governor, proposal);
 * // execute(governor, proposal) once the chain's time has passed eta
 * ```
 */
export async function queue(governor: DmexGovernor, proposal: Proposal): Promise<QueueResult> {
  requireSender(governor, "queue");
  const { targets, values, calldatas } = proposalArrays(proposal);
  const receipt = await sendAndWait(
    withGasMargin(governor.queue, targets, values, calldatas, hashDescription(proposal.description)),
    SOURCES,
  );
  const queued = firstEvent(receipt, governor, governor.getEvent("ProposalQueued"));
  return { eta: Number(queued.args.etaSeconds), receipt };
}

/**
 * Executes a queued proposal whose timelock delay has passed; anyone may. A revert of one of its actions
 * (e.g. a `MinerRegistry_…` error) is thrown as `ContractRevertError` naming that error. Actions that send
 * ETH spend the timelock's balance.
 *
 * @example
 * ```ts
 * await execute(governor, proposal);
 * ```
 */
export async function execute(
  governor: DmexGovernor,
  proposal: Proposal,
): Promise<ContractTransactionReceipt> {
  requireSender(governor, "execute");
  const { targets, values, calldatas } = proposalArrays(proposal);
  return sendAndWait(
    withGasMargin(governor.execute, targets, values, calldatas, hashDescription(proposal.description)),
    SOURCES,
  );
}

/**
 * Cancels a proposal. The Governor lets only its proposer cancel, and only while it is Pending (a queued
 * operation can be cancelled on the timelock only by a holder of its canceller role; the council holds none,
 * and DMC holders veto council operations through the `CouncilGate`).
 *
 * @example
 * ```ts
 * await cancel(governor, proposal);
 * ```
 */
export async function cancel(
  governor: DmexGovernor,
  proposal: Proposal,
): Promise<ContractTransactionReceipt> {
  requireSender(governor, "cancel");
  const { targets, values, calldatas } = proposalArrays(proposal);
  return sendAndWait(
    withGasMargin(governor.cancel, targets, values, calldatas, hashDescription(proposal.description)),
    SOURCES,
  );
}
