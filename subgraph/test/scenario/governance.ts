// Governance acts: DMC spread to holders who delegate and re-delegate, and proposals left in every state the
// Governor can reach (see `endStates` for why Expired is not among them).
import {
  actionFromTx,
  buildProposal,
  cancel,
  castVote,
  castVoteBySig,
  propose,
  queue,
  setFlagParametersAction,
} from "@dmex/sdk";
import { DMC } from "@dmex/sdk-test/vaultWorld";

import type { ScenarioContext } from "./context.js";

/** Who holds what after {@link distributeVotes} (DMC wei), for the record. */
export interface DelegationRecord {
  /** Delegate of each holder at the end of the act (address, lower case not applied). */
  readonly delegates: Record<string, string>;
  /** Holders that changed delegate at least once after their first delegation. */
  readonly redelegated: readonly string[];
}

/**
 * The reserve sends DMC to four holders; h1 and h3 delegate to themselves, h2 to h1, h4 to h3; then h4
 * re-delegates to h1, h2 sends part of its DMC to h4 (votes move with it) and re-delegates to itself.
 * Voting power afterwards: the reserve ~42.3M, h1 5M + h4's 300k, h2 1.9M, h3 500k.
 */
export async function distributeVotes(ctx: ScenarioContext): Promise<DelegationRecord> {
  const { cast, as } = ctx;
  const [h1, h2, h3, h4] = cast.holders;
  const reserve = as(cast.reserve).dmcToken;
  await (await reserve.delegate(cast.reserve.address)).wait();
  for (const [holder, amount] of [
    [h1, DMC("5000000")],
    [h2, DMC("2000000")],
    [h3, DMC("500000")],
    [h4, DMC("200000")],
  ] as const) {
    await (await reserve.transfer(holder.address, amount)).wait();
  }
  await (await as(h1).dmcToken.delegate(h1.address)).wait();
  await (await as(h2).dmcToken.delegate(h1.address)).wait();
  await (await as(h3).dmcToken.delegate(h3.address)).wait();
  await (await as(h4).dmcToken.delegate(h3.address)).wait();
  await (await as(h4).dmcToken.delegate(h1.address)).wait();
  await (await as(h2).dmcToken.transfer(h4.address, DMC("100000"))).wait();
  await (await as(h2).dmcToken.delegate(h2.address)).wait();
  await ctx.advance(1); // proposing and voting count the votes of the previous second
  return {
    delegates: {
      [cast.reserve.address]: cast.reserve.address,
      [h1.address]: h1.address,
      [h2.address]: h2.address,
      [h3.address]: h3.address,
      [h4.address]: h1.address,
    },
    redelegated: [h2.address, h4.address],
  };
}

/**
 * Two proposals that fail the vote: h1's approval of the rejected miner's application, which the reserve
 * votes down (against > for), and h3's that only h3 supports (below the 4% quorum).
 */
export async function defeatedProposals(ctx: ScenarioContext, applicationId: bigint): Promise<bigint[]> {
  const { cast, as } = ctx;
  const [h1, , h3] = cast.holders;
  const registry = as(h1).minerRegistry;
  const votedDown = buildProposal(
    [actionFromTx(await registry.approveApplication.populateTransaction(applicationId, 50n, DMC("5000")))],
    `# Approve miner application #${applicationId}\n\nProposed by a holder; the reserve disagrees.`,
  );
  const noQuorum = buildProposal(
    [await setFlagParametersAction(as(h3).riskControlVault, 5, 9_000)],
    "# Stricter flags\n\nFlag after 5 days below 90% of the market average.",
  );
  const first = await propose(as(h1).governor, votedDown);
  const second = await propose(as(h3).governor, noQuorum);
  ctx.expectProposal(first.proposalId, votedDown.description, "Defeated");
  ctx.expectProposal(second.proposalId, noQuorum.description, "Defeated");
  await ctx.advance(ctx.timing.votingDelay + 1);
  await castVote(as(h1).governor, first.proposalId, "for", "Capacity looks real to me");
  await castVote(as(cast.reserve).governor, first.proposalId, "against", "No proof of capacity");
  await castVote(as(h3).governor, second.proposalId, "for");
  await ctx.advance(ctx.timing.votingPeriod + 1);
  return [first.proposalId, second.proposalId];
}

/**
 * Mid-term proposals that stay where they stop: one Canceled by its proposer while Pending, one Succeeded and
 * never queued, one Queued in the timelock and never executed.
 */
export async function stalledProposals(
  ctx: ScenarioContext,
): Promise<{ canceled: bigint; succeeded: bigint; queued: bigint }> {
  const { cast, as } = ctx;
  const [h1, h2, h3, h4] = cast.holders;
  const treasuryDmc = as(cast.reserve).dmcToken;
  const withdrawn = buildProposal(
    [actionFromTx(await treasuryDmc.transfer.populateTransaction(h3.address, DMC("1000")))],
    "# Grant to h3\n\nWithdrawn by its proposer before the vote.",
  );
  const unqueued = buildProposal(
    [actionFromTx(await treasuryDmc.transfer.populateTransaction(h4.address, DMC("1")))],
    "# One DMC to h4\n\nPassed, never queued.",
  );
  const waiting = buildProposal(
    [await setFlagParametersAction(as(h1).riskControlVault, 7, 8_000)],
    "# Confirm the flag parameters\n\n7 days below 80%: queued, left in the timelock.",
  );

  const canceled = (await propose(as(h3).governor, withdrawn)).proposalId;
  ctx.expectProposal(canceled, withdrawn.description, "Canceled");
  await cancel(as(h3).governor, withdrawn);

  const succeeded = (await propose(as(cast.reserve).governor, unqueued)).proposalId;
  ctx.expectProposal(succeeded, unqueued.description, "Succeeded");
  const queued = (await propose(as(h1).governor, waiting)).proposalId;
  ctx.expectProposal(queued, waiting.description, "Queued");
  await ctx.advance(ctx.timing.votingDelay + 1);
  await castVote(as(cast.reserve).governor, succeeded, "for");
  await castVote(as(h2).governor, succeeded, "against", "The treasury should not pay individuals");
  await castVote(as(h3).governor, succeeded, "abstain");
  // The reserve signs its ballot; the deployer relays it and pays the gas.
  await castVoteBySig(as(cast.deployer).governor, cast.reserve, queued, "for");
  await castVote(as(h1).governor, queued, "for", "Keeps the launch parameters");
  await ctx.advance(ctx.timing.votingPeriod + 1);
  await queue(as(h4).governor, waiting);
  return { canceled, succeeded, queued };
}

/**
 * The last act: the DAO lengthens the voting delay and period (1 day, 2 days; so that the two proposals
 * below stay Pending and Active however long the indexing and the checks take in wall-clock time, since
 * anvil's clock keeps running), and confirms the other Governor parameters (their events). Then h1 proposes
 * and the voting opens (Active, with votes of every kind), and the reserve proposes (Pending).
 *
 * Expired is not reachable: OpenZeppelin's GovernorTimelockControl (DmexGovernor's timelock module) never
 * returns it; a queued operation of a TimelockController has no grace period and stays Queued until
 * executed or cancelled (only GovernorTimelockCompound expires proposals).
 */
export async function endStates(
  ctx: ScenarioContext,
): Promise<{ active: bigint; pending: bigint; settings: bigint }> {
  const { cast, as } = ctx;
  const [h1, h2, h3] = cast.holders;
  const { governor, timelock } = as(cast.reserve);
  const lateQuorum = await governor.lateQuorumVoteExtension();
  const threshold = await governor.proposalThreshold();
  const quorumNumerator = await governor["quorumNumerator()"]();
  const settings = await ctx.pass(
    [
      actionFromTx(await governor.setVotingDelay.populateTransaction(86_400)),
      actionFromTx(await governor.setVotingPeriod.populateTransaction(2 * 86_400)),
      actionFromTx(await governor.setLateQuorumVoteExtension.populateTransaction(lateQuorum)),
      actionFromTx(await governor.setProposalThreshold.populateTransaction(threshold)),
      actionFromTx(await governor.updateQuorumNumerator.populateTransaction(quorumNumerator)),
      actionFromTx(await timelock.updateDelay.populateTransaction(ctx.timing.timelockDelay)),
    ],
    "# Longer votes\n\nVoting delay 1 day, voting period 2 days; other parameters confirmed.",
    {
      votes: [
        { voter: cast.reserve, support: "for" },
        { voter: h1, support: "for" },
        { voter: h2, support: "abstain", reason: "Fine either way" },
      ],
    },
  );
  ctx.timing.votingDelay = Number(await governor.votingDelay());
  ctx.timing.votingPeriod = Number(await governor.votingPeriod());

  const treasuryDmc = as(cast.reserve).dmcToken;
  const open = buildProposal(
    [actionFromTx(await treasuryDmc.transfer.populateTransaction(h1.address, DMC("10")))],
    "# Ten DMC to h1\n\nVoting open at the end of the scenario.",
  );
  const active = (await propose(as(h1).governor, open)).proposalId;
  ctx.expectProposal(active, open.description, "Active");
  await ctx.advance(ctx.timing.votingDelay + 1);
  await castVote(as(h1).governor, active, "for");
  await castVote(as(h2).governor, active, "against", "Not now");
  await castVoteBySig(as(cast.deployer).governor, h3, active, "abstain");

  const later = buildProposal(
    [actionFromTx(await treasuryDmc.transfer.populateTransaction(h2.address, DMC("10")))],
    "# Ten DMC to h2\n\nVoting not open yet at the end of the scenario.",
  );
  const pending = (await propose(as(cast.reserve).governor, later)).proposalId;
  ctx.expectProposal(pending, later.description, "Pending");
  return { active, pending, settings };
}
