// The DAO's miner lifecycle on a real chain, through the SDK only: a miner applies, DMC holders propose,
// vote (directly and by relayed signature), queue and execute its approval through the timelock, and the
// miner stakes; a defeated proposal, a rejection, a cancellation and an approval that expires unstaked.
// Local governance parameters (script/Deploy.s.sol): voting delay 60 s, voting period 300 s, timelock
// delay 120 s, threshold 100,000 DMC, quorum 4%, approval window 30 days. Time moves with evm_increaseTime.
import type { AnvilProcess } from "@dmex/testing/anvil";
import { type ContractTransactionReceipt, id, type JsonRpcProvider, parseUnits, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalChain, testProvider } from "../../test/localChain.js";
import { connect, type DmexClient } from "../client.js";
import type { Deployment } from "../deployment.js";
import { ContractRevertError } from "../errors.js";
import {
  approveApplicationAction,
  readApplication,
  rejectApplicationAction,
  submitApplication,
} from "../registry/application.js";
import { readMiner } from "../registry/miner.js";
import { stake } from "../registry/stake.js";
import { decodeRevert } from "../revert.js";
import { cancel, execute, propose, queue } from "./lifecycle.js";
import {
  actionFromTx,
  buildProposal,
  computeProposalId,
  hashDescription,
  type Proposal,
} from "./proposal.js";
import { listProposals, readProposal } from "./read.js";
import type { ProposalState } from "./state.js";
import { castVote, castVoteBySig } from "./vote.js";

// anvil's public dev keys (local chains only).
const KEYS = {
  relayer: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", // 0: deployer, no role left
  reserve: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", // 1: rewards reserve, 50M DMC
  miner: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba", // 5
  rejectedMiner: "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e", // 6
  smallHolder: "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356", // 7
  lateMiner: "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97", // 8
  holder: "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6", // 9
} as const;

const DMC = (amount: string) => parseUnits(amount, 18);
const DAY = 86_400;
const REQUIRED_STAKE = DMC("10000");

describe("governance and miner registry through the SDK, on anvil", () => {
  let anvil: AnvilProcess;
  let deployment: Deployment;
  let provider: JsonRpcProvider;
  let wallets: Record<keyof typeof KEYS, Wallet>;
  let as: (who: keyof typeof KEYS) => DmexClient;
  let timing: { votingDelay: number; votingPeriod: number; timelockDelay: number };
  /** Every proposal this file creates, with the state it ends in. */
  const created = new Map<bigint, { proposal: Proposal; finalState: ProposalState }>();

  async function advance(seconds: number): Promise<void> {
    await provider.send("evm_increaseTime", [seconds]);
    await provider.send("evm_mine", []);
  }

  async function blockTime(receipt: ContractTransactionReceipt): Promise<number> {
    const block = await provider.getBlock(receipt.blockNumber);
    if (!block) throw new Error(`no block ${receipt.blockNumber}`);
    return block.timestamp;
  }

  /** Proposes as the reserve, which alone has far more than the quorum, votes for, queues and executes. */
  async function passProposal(proposal: Proposal): Promise<ContractTransactionReceipt> {
    const { governor } = as("reserve");
    const { proposalId } = await propose(governor, proposal);
    created.set(proposalId, { proposal, finalState: "Executed" });
    await advance(timing.votingDelay + 1);
    await castVote(governor, proposalId, "for");
    await advance(timing.votingPeriod + 1);
    await queue(governor, proposal);
    await advance(timing.timelockDelay + 1);
    return execute(governor, proposal);
  }

  async function apply(who: "miner" | "rejectedMiner" | "lateMiner", capacityUnits: bigint): Promise<bigint> {
    const { applicationId } = await submitApplication(as(who).minerRegistry, {
      profileURI: `ipfs://profile-of-${who}`,
      contentHash: id(`profile document of ${who}`),
      coinId: 1n,
      capacityUnits,
      maxTermDays: 360,
      expectedYieldPerUnit: DMC("0.005"),
    });
    return applicationId;
  }

  beforeAll(async () => {
    ({ anvil, deployment } = await startLocalChain());
    provider = testProvider(anvil.url);
    wallets = {
      relayer: new Wallet(KEYS.relayer, provider),
      reserve: new Wallet(KEYS.reserve, provider),
      miner: new Wallet(KEYS.miner, provider),
      rejectedMiner: new Wallet(KEYS.rejectedMiner, provider),
      smallHolder: new Wallet(KEYS.smallHolder, provider),
      lateMiner: new Wallet(KEYS.lateMiner, provider),
      holder: new Wallet(KEYS.holder, provider),
    };
    as = (who) => connect(wallets[who], 31337, { deployment });

    const { dmcToken, governor, timelock } = as("reserve");
    timing = {
      votingDelay: Number(await governor.votingDelay()),
      votingPeriod: Number(await governor.votingPeriod()),
      timelockDelay: Number(await timelock.getMinDelay()),
    };
    // Voting power: the reserve keeps ~30M, a second holder gets 20M, a small holder 1,000 DMC.
    await (await dmcToken.transfer(wallets.holder.address, DMC("20000000"))).wait();
    await (await dmcToken.transfer(wallets.smallHolder.address, DMC("1000"))).wait();
    await (await dmcToken.delegate(wallets.reserve.address)).wait();
    await (await as("holder").dmcToken.delegate(wallets.holder.address)).wait();
    await (await as("smallHolder").dmcToken.delegate(wallets.smallHolder.address)).wait();
    await advance(1); // proposing counts the votes of the previous second

    // The local deployment's genesis batch (run by the timelock) registered the demo coins: 1 is Filecoin.
    const filecoin = await as("reserve").minerRegistry.coin(1n);
    expect(filecoin.name).toBe("Filecoin");
    expect(filecoin.unitName).toBe("TiB");
    expect(await as("reserve").minerRegistry.coinCount()).toBe(2n);
  });

  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  it("uses the anvil accounts the deployment expects", () => {
    expect(wallets.reserve.address).toBe("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(wallets.miner.address).toBe("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
    expect(wallets.holder.address).toBe("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
  });

  it("approves a miner through a proposal; the miner gets DMC from the treasury, stakes and is Active", async () => {
    const { governor, dmcToken, minerRegistry } = as("reserve");
    const miner = wallets.miner.address;

    const applicationId = await apply("miner", 120n);
    expect(await readApplication(minerRegistry, applicationId)).toMatchObject({
      applicationId,
      applicant: miner,
      status: "Pending",
      capacityUnits: 120n,
      maxTermDays: 360,
      decidedAt: 0,
      profileURI: "ipfs://profile-of-miner",
    });
    expect((await readMiner(minerRegistry, miner)).status).toBe("Applied");

    // One proposal, two actions typed by the bindings: approve 100 of the 120 units asked, and fund the stake.
    const proposal = buildProposal(
      [
        await approveApplicationAction(minerRegistry, applicationId, 100n, REQUIRED_STAKE),
        actionFromTx(await dmcToken.transfer.populateTransaction(miner, REQUIRED_STAKE)),
      ],
      `# Approve miner application #${applicationId}\n\n100 TiB, 10,000 DMC stake, funded by the treasury.`,
    );
    const { proposalId, receipt } = await propose(governor, proposal);
    created.set(proposalId, { proposal, finalState: "Executed" });

    // The id computed offline is the Governor's hashProposal and the one in ProposalCreated.
    expect(computeProposalId(proposal)).toBe(proposalId);
    expect(
      await governor.hashProposal(
        proposal.actions.map((a) => a.target),
        proposal.actions.map((a) => a.value),
        proposal.actions.map((a) => a.calldata),
        hashDescription(proposal.description),
      ),
    ).toBe(proposalId);
    const createdLogs = receipt.logs
      .map((log) => governor.interface.parseLog(log))
      .filter((parsed) => parsed?.name === "ProposalCreated");
    expect(createdLogs).toHaveLength(1);
    expect(createdLogs[0]?.args.getValue("proposalId")).toBe(computeProposalId(proposal));

    const pending = await readProposal(governor, proposalId);
    expect(pending).toMatchObject({ state: "Pending", proposer: wallets.reserve.address, eta: 0 });
    expect(pending.quorum).toBe(DMC("4000000")); // 4% of 100,000,000 DMC
    expect(pending.deadline - pending.snapshot).toBe(timing.votingPeriod);

    await advance(timing.votingDelay + 1);
    expect((await readProposal(governor, proposalId)).state).toBe("Active");

    const reserveVotes = await dmcToken.getVotes(wallets.reserve.address);
    const holderVotes = await dmcToken.getVotes(wallets.holder.address);
    const direct = await castVote(governor, proposalId, "for", "Capacity verified on the pool dashboard");
    expect(direct).toMatchObject({ voter: wallets.reserve.address, weight: reserveVotes, support: "for" });

    // The holder signs; the relayer sends and pays. The vote is the holder's.
    const relayed = await castVoteBySig(as("relayer").governor, wallets.holder, proposalId, "for");
    expect(relayed).toMatchObject({ voter: wallets.holder.address, weight: holderVotes });
    expect(relayed.receipt.from).toBe(wallets.relayer.address);
    expect(await governor.hasVoted(proposalId, wallets.holder.address)).toBe(true);
    expect(await governor.hasVoted(proposalId, wallets.relayer.address)).toBe(false);
    expect((await readProposal(governor, proposalId)).votes).toEqual({
      for: reserveVotes + holderVotes,
      against: 0n,
      abstain: 0n,
    });

    await advance(timing.votingPeriod + 1);
    expect((await readProposal(governor, proposalId)).state).toBe("Succeeded");
    const { eta } = await queue(governor, proposal);
    expect(await readProposal(governor, proposalId)).toMatchObject({ state: "Queued", eta });

    // Too early: the timelock's error, raised under the Governor's call, is decoded.
    const early = await execute(governor, proposal).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(ContractRevertError);
    expect(early).toMatchObject({ errorName: "TimelockUnexpectedOperationState", contract: "DmexTimelock" });

    await advance(timing.timelockDelay + 1);
    const executed = await execute(as("relayer").governor, proposal); // anyone may execute
    expect((await readProposal(governor, proposalId)).state).toBe("Executed");

    const approved = await readMiner(minerRegistry, miner);
    expect(approved).toMatchObject({
      status: "Approved",
      capacityUnits: 100n,
      requiredStake: REQUIRED_STAKE,
      stake: 0n,
      applicationId,
      maxTermDays: 360,
      coinId: 1n,
    });
    expect(approved.approvalExpiry).toBe((await blockTime(executed)) + 30 * DAY);
    expect((await readApplication(minerRegistry, applicationId)).status).toBe("Approved");
    expect(await dmcToken.balanceOf(miner)).toBe(REQUIRED_STAKE);

    const asMiner = as("miner");
    const staked = await stake(asMiner.minerRegistry, asMiner.dmcToken, REQUIRED_STAKE);
    expect(staked.approval?.status).toBe(1);
    expect(await readMiner(minerRegistry, miner)).toMatchObject({
      status: "Active",
      stake: REQUIRED_STAKE,
      approvalExpiry: 0,
    });
    expect(await dmcToken.balanceOf(miner)).toBe(0n);
  });

  it("refuses a proposer below the threshold with a typed, readable error", async () => {
    const { governor, dmcToken } = as("smallHolder");
    const proposal = buildProposal(
      [actionFromTx(await dmcToken.transfer.populateTransaction(wallets.smallHolder.address, DMC("1")))],
      "# Pay me",
    );
    const error = await propose(governor, proposal).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContractRevertError);
    expect(error).toMatchObject({
      code: "CONTRACT_REVERT",
      errorName: "GovernorInsufficientProposerVotes",
      contract: "DmexGovernor",
      args: [wallets.smallHolder.address, DMC("1000"), DMC("100000")],
      message: "You have 1,000 DMC of votes; proposing needs 100,000 DMC",
    });
  });

  it("a defeated approval cannot be queued and leaves the application pending; the DAO rejects it", async () => {
    const { governor, minerRegistry } = as("holder");
    const applicant = wallets.rejectedMiner.address;
    const applicationId = await apply("rejectedMiner", 50n);

    // The holder (20M votes) proposes and votes for; the reserve (~30M) votes against.
    const proposal = buildProposal(
      [await approveApplicationAction(minerRegistry, applicationId, 50n, DMC("5000"))],
      `# Approve miner application #${applicationId}`,
    );
    const { proposalId } = await propose(governor, proposal);
    created.set(proposalId, { proposal, finalState: "Defeated" });
    await advance(timing.votingDelay + 1);
    const inFavour = await castVote(governor, proposalId, "for");
    const against = await castVote(as("reserve").governor, proposalId, "against", "No proof of capacity");
    expect(against.weight).toBeGreaterThan(inFavour.weight);
    await advance(timing.votingPeriod + 1);

    expect(await readProposal(governor, proposalId)).toMatchObject({
      state: "Defeated",
      votes: { for: inFavour.weight, against: against.weight, abstain: 0n },
    });
    const refused = await queue(governor, proposal).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractRevertError);
    const succeededOnly = `0x${"10".padStart(64, "0")}`; // the expected-states bitmap: bit 4, Succeeded
    expect(refused).toMatchObject({
      errorName: "GovernorUnexpectedProposalState",
      args: [proposalId, 3n, succeededOnly], // 3: Defeated
    });
    expect((refused as ContractRevertError).message).toMatch(/ is Defeated; this needs it to be Succeeded$/);
    expect((await readApplication(minerRegistry, applicationId)).status).toBe("Pending");
    expect((await readMiner(minerRegistry, applicant)).status).toBe("Applied");

    await passProposal(
      buildProposal(
        [await rejectApplicationAction(minerRegistry, applicationId, "No proof of capacity")],
        `# Reject miner application #${applicationId}`,
      ),
    );
    expect(await readApplication(minerRegistry, applicationId)).toMatchObject({ status: "Rejected" });
    expect((await readMiner(minerRegistry, applicant)).status).toBe("None");

    // An approval of the rejected application passes the vote but its action reverts: execute reports the
    // registry's own error, raised two calls deep (Governor -> timelock -> registry).
    const stale = buildProposal(
      [await approveApplicationAction(minerRegistry, applicationId, 50n, 0n)],
      `# Approve miner application #${applicationId} after all`,
    );
    const failed = await passProposal(stale).catch((error: unknown) => error);
    created.set(computeProposalId(stale), { proposal: stale, finalState: "Queued" });
    expect(failed).toBeInstanceOf(ContractRevertError);
    expect(failed).toMatchObject({
      errorName: "MinerRegistry_ApplicationNotPending",
      contract: "MinerRegistry",
      message: `Application #${applicationId} is no longer pending`,
    });
  });

  it("lets only the proposer cancel a pending proposal", async () => {
    const { governor, dmcToken } = as("reserve");
    const proposal = buildProposal(
      [actionFromTx(await dmcToken.transfer.populateTransaction(wallets.relayer.address, DMC("1")))],
      "# A proposal withdrawn before the vote",
    );
    const { proposalId } = await propose(governor, proposal);
    created.set(proposalId, { proposal, finalState: "Canceled" });

    const notProposer = await cancel(as("holder").governor, proposal).catch((error: unknown) => error);
    expect(notProposer).toMatchObject({
      errorName: "GovernorUnableToCancel",
      args: [proposalId, wallets.holder.address],
    });
    await cancel(governor, proposal);
    expect((await readProposal(governor, proposalId)).state).toBe("Canceled");

    await advance(timing.votingDelay + 1);
    await expect(castVote(governor, proposalId, "for")).rejects.toThrow(
      / is Canceled; this needs it to be Active$/,
    );
  });

  it("reads an unknown proposal or application as a typed error", async () => {
    const { governor, minerRegistry } = as("relayer");
    await expect(readProposal(governor, 42n)).rejects.toMatchObject({
      errorName: "GovernorNonexistentProposal",
      message: "There is no proposal 42",
    });
    await expect(readApplication(minerRegistry, 999n)).rejects.toMatchObject({
      errorName: "MinerRegistry_UnknownApplication",
      message: "There is no application #999",
    });
  });

  it("decodes a direct call to an owner-only function as 'only the DAO timelock'", async () => {
    const { minerRegistry } = as("miner");
    const error = await minerRegistry.approveApplication
      .estimateGas(1n, 1n, 0n)
      .catch((caught: unknown) => caught);
    const decoded = decodeRevert(error);
    expect(decoded).toBeInstanceOf(ContractRevertError);
    expect(decoded).toMatchObject({
      errorName: "OwnableUnauthorizedAccount",
      contract: "MinerRegistry",
      args: [wallets.miner.address],
    });
    expect(decoded?.message).toMatch(/^Only the DAO timelock can do this/);
  });

  it("an approval not staked within 30 days expires: status None, and stake fails with ApprovalExpired", async () => {
    const { dmcToken, minerRegistry } = as("reserve");
    const lateMiner = wallets.lateMiner.address;
    const applicationId = await apply("lateMiner", 10n);
    await passProposal(
      buildProposal(
        [
          await approveApplicationAction(minerRegistry, applicationId, 10n, DMC("1000")),
          actionFromTx(await dmcToken.transfer.populateTransaction(lateMiner, DMC("1000"))),
        ],
        `# Approve miner application #${applicationId}`,
      ),
    );
    const { status, approvalExpiry } = await readMiner(minerRegistry, lateMiner);
    expect(status).toBe("Approved");

    await advance(30 * DAY + 1);
    expect((await readMiner(minerRegistry, lateMiner)).status).toBe("None");

    const asMiner = as("lateMiner");
    const error = await stake(asMiner.minerRegistry, asMiner.dmcToken, DMC("1000")).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    const expiredOn = `${new Date(approvalExpiry * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
    expect(error).toMatchObject({
      errorName: "MinerRegistry_ApprovalExpired",
      args: [lateMiner, BigInt(approvalExpiry)],
      message: `The approval expired on ${expiredOn}; apply again`,
    });
    // The stake was refused before any approval was paid for.
    expect(await dmcToken.allowance(lateMiner, deployment.contracts.MinerRegistry.address)).toBe(0n);

    // As the message says, the miner may apply again.
    await apply("lateMiner", 10n);
    expect((await readMiner(minerRegistry, lateMiner)).status).toBe("Applied");
  });

  it("lists every proposal with its current state", async () => {
    const { governor } = as("relayer");
    const listed = await listProposals(governor, { fromBlock: deployment.startBlock });
    expect(listed.map((p) => p.proposalId).sort()).toEqual([...created.keys()].sort());
    for (const summary of listed) {
      const expected = created.get(summary.proposalId);
      expect(summary.state).toBe(expected?.finalState);
      expect(summary.proposal).toEqual(expected?.proposal);
      expect(computeProposalId(summary.proposal)).toBe(summary.proposalId);
      expect((await readProposal(governor, summary.proposalId)).state).toBe(summary.state);
    }
    expect(new Set(listed.map((p) => p.state))).toEqual(
      new Set(["Executed", "Defeated", "Queued", "Canceled"]),
    );
    // The block range is honoured.
    const latest = await provider.getBlockNumber();
    expect(await listProposals(governor, { fromBlock: latest, toBlock: latest })).toEqual([]);
  });
});
