// Governance entities against the chain: the Governor's settings, every proposal (actions, votes, tallies,
// quorum, timing, the state computed by proposalState against governor.state), every vote, the timelock's
// delay, operations, calls and roles, and the council Safe's owners, threshold, modules, guards, nonce,
// transactions, approvals, signed messages and receipts. Values come from contract reads through the SDK, and
// where no view exists (a proposal's actions, which transaction succeeded), from the contracts' logs.
import { type DmexClient, hashDescription, PROPOSAL_STATES, proposalState } from "@dmex/sdk";
import { expect } from "vitest";

import type { IndexedChain } from "../harness/indexedChain.js";
import { queryAll } from "../harness/paging.js";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const ZERO_BYTES32 = `0x${"00".repeat(32)}`;
const SENTINEL = "0x0000000000000000000000000000000000000001";
/** Safe's storage slots (GuardManager, ModuleManager, FallbackManager). */
export const SAFE_SLOTS = {
  guard: "0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8",
  moduleGuard: "0xb104e0b93118902c651344349b610029d694cfdec91c589c91ebafbcd0289947",
  fallbackHandler: "0x6c9a6c4a39284e37ed1cf53d337577d14212a4870fb976a4366c693b939918d5",
} as const;
const SUPPORTS = ["AGAINST", "FOR", "ABSTAIN"] as const;

interface GovernorRow {
  id: string;
  votingDelay: string;
  votingPeriod: string;
  proposalThreshold: string;
  quorumNumerator: string;
  quorumDenominator: string;
  lateQuorumVoteExtension: string;
  timelock: string;
  proposalCount: number;
  proposalsBeforeSnapshot: { id: string; voteStart: string }[];
}

export interface ProposalRow {
  id: string;
  proposalId: string;
  governor: { id: string };
  proposer: { id: string };
  description: string;
  descriptionHash: string;
  actionCount: number;
  voteStart: string;
  voteEnd: string;
  extendedDeadline: string | null;
  deadline: string;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  voteCount: number;
  quorumNumerator: string;
  quorum: string;
  status: "CREATED" | "CANCELED" | "QUEUED" | "EXECUTED";
  canceled: boolean;
  executed: boolean;
  eta: string | null;
  timelockOperation: { id: string; status: "SCHEDULED" | "EXECUTED" | "CANCELLED" } | null;
  createdAt: string;
  createdBlock: string;
  createdTransaction: string;
  canceledAt: string | null;
  canceledTransaction: string | null;
  queuedAt: string | null;
  queuedTransaction: string | null;
  executedAt: string | null;
  executedTransaction: string | null;
}

export const PROPOSAL_FIELDS = `id proposalId governor { id } proposer { id } description descriptionHash actionCount
  voteStart voteEnd extendedDeadline deadline forVotes againstVotes abstainVotes voteCount quorumNumerator quorum
  status canceled executed eta timelockOperation { id status } createdAt createdBlock createdTransaction
  canceledAt canceledTransaction queuedAt queuedTransaction executedAt executedTransaction`;

interface ActionRow {
  id: string;
  proposal: { id: string };
  index: number;
  target: string;
  value: string;
  signature: string;
  calldata: string;
}

export interface VoteRow {
  id: string;
  proposal: { id: string };
  voter: { id: string };
  support: (typeof SUPPORTS)[number];
  weight: string;
  reason: string;
  params: string | null;
  blockNumber: string;
  timestamp: string;
  transactionHash: string;
}
export const VOTE_FIELDS =
  "id proposal { id } voter { id } support weight reason params blockNumber timestamp transactionHash";

interface OperationRow {
  id: string;
  timelock: { id: string };
  status: "SCHEDULED" | "EXECUTED" | "CANCELLED";
  callCount: number;
  executedCallCount: number;
  predecessor: string;
  salt: string;
  delay: string;
  readyAt: string;
  proposal: { id: string } | null;
  scheduledAt: string;
  scheduledTransaction: string;
  executedAt: string | null;
  cancelledAt: string | null;
  calls: { index: number; target: string; value: string; data: string; executed: boolean }[];
}

interface CouncilRow {
  id: string;
  threshold: string;
  ownerCount: number;
  guard: string;
  moduleGuard: string;
  fallbackHandler: string;
  nonce: string;
  transactionCount: number;
  moduleTransactionCount: number;
  ethReceived: string;
  setupInitiator: string | null;
  setupInitializer: string | null;
  openTransactions: { id: string }[];
  openModuleTransactions: { id: string }[];
  owners: { account: { id: string }; active: boolean }[];
  modules: { module: string; enabled: boolean }[];
}

export interface CouncilTransactionRow {
  id: string;
  council: { id: string };
  to: string;
  value: string;
  data: string;
  operation: "CALL" | "DELEGATE_CALL";
  safeTxGas: string;
  baseGas: string;
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
  signatures: string;
  nonce: string;
  sender: string;
  threshold: string;
  safeTxHash: string | null;
  success: boolean | null;
  payment: string | null;
  transactionHash: string;
}
export const COUNCIL_TRANSACTION_FIELDS = `id council { id } to value data operation safeTxGas baseGas gasPrice gasToken
  refundReceiver signatures nonce sender threshold safeTxHash success payment transactionHash`;

const lower = (value: string) => value.toLowerCase();
const sameSet = (a: Iterable<string>, b: Iterable<string>) => {
  expect([...new Set([...a].map(lower))].sort()).toEqual([...new Set([...b].map(lower))].sort());
};

/** The `id` of a per-event entity: transaction hash ++ log index as 4 little-endian bytes (eventId). */
export function eventEntityId(transactionHash: string, logIndex: number): string {
  const le = [0, 8, 16, 24].map((shift) => ((logIndex >>> shift) & 0xff).toString(16).padStart(2, "0"));
  return `${lower(transactionHash)}${le.join("")}`;
}

/** The Governor clock now: DMC's clock is the latest block's timestamp. */
async function clockNow(client: DmexClient): Promise<bigint> {
  return client.governor.clock();
}

export async function checkGovernance(chain: IndexedChain, client: DmexClient): Promise<void> {
  await checkGovernor(chain, client);
  await checkTimelock(chain, client);
  await checkCouncil(chain, client);
}

async function checkGovernor(chain: IndexedChain, client: DmexClient): Promise<void> {
  const { governor, dmcToken, timelock } = client;
  const governorAddress = lower(await governor.getAddress());
  const timelockAddress = await timelock.getAddress();
  const { governor: settings, protocol } = await chain.query<{
    governor: GovernorRow | null;
    protocol: { proposalCount: number } | null;
  }>(`{ governor(id: "${governorAddress}") { id votingDelay votingPeriod proposalThreshold quorumNumerator
        quorumDenominator lateQuorumVoteExtension timelock proposalCount proposalsBeforeSnapshot { id voteStart } }
        protocol(id: "0x646d6578") { proposalCount } }`);
  expect(await governor.CLOCK_MODE()).toBe("mode=timestamp");
  expect(settings).toEqual({
    id: governorAddress,
    votingDelay: (await governor.votingDelay()).toString(),
    votingPeriod: (await governor.votingPeriod()).toString(),
    proposalThreshold: (await governor.proposalThreshold()).toString(),
    quorumNumerator: (await governor["quorumNumerator()"]()).toString(),
    quorumDenominator: (await governor.quorumDenominator()).toString(),
    lateQuorumVoteExtension: (await governor.lateQuorumVoteExtension()).toString(),
    timelock: lower(await governor.timelock()),
    proposalCount: settings?.proposalCount,
    proposalsBeforeSnapshot: settings?.proposalsBeforeSnapshot,
  });
  // DMC's supply never changes after genesis: the subgraph's quorum rests on that.
  const supply = await dmcToken.totalSupply();
  expect(supply).toBe(await dmcToken.MAX_SUPPLY());
  expect(lower(await governor.timelock())).toBe(lower(timelockAddress));

  // Every proposal the chain has (ProposalCreated logs; the Governor has no counter) has its entity.
  const created = await governor.queryFilter(governor.filters.ProposalCreated, 0, "latest");
  const proposals = await queryAll<ProposalRow>(chain, "proposals", PROPOSAL_FIELDS);
  sameSet(
    proposals.map((p) => p.id),
    created.map((log) => log.args.proposalId.toString()),
  );
  expect(settings?.proposalCount).toBe(created.length);
  expect(protocol?.proposalCount).toBe(created.length);

  const actions = await queryAll<ActionRow>(
    chain,
    "proposalActions",
    "id proposal { id } index target value signature calldata",
  );
  const votes = await queryAll<VoteRow>(chain, "votes", VOTE_FIELDS);
  const now = await clockNow(client);
  const byId = new Map(proposals.map((p) => [p.id, p]));

  for (const log of created) {
    const { args } = log;
    const proposalId = args.proposalId;
    const p = byId.get(proposalId.toString());
    if (!p) throw new Error(`proposal ${proposalId} is not indexed`);
    const label = { proposal: p.id };

    // Actions, from the ProposalCreated log (no view returns them), and the id is the Governor's hash of them.
    const targets = [...args.targets];
    const values = [...args[3]] as bigint[];
    const calldatas = [...args.calldatas];
    const descriptionHash = hashDescription(args.description);
    expect(await governor.hashProposal(targets, values, calldatas, descriptionHash)).toBe(proposalId);
    const mine = actions.filter((a) => a.proposal.id === p.id).sort((a, b) => a.index - b.index);
    expect({ ...label, actions: mine }).toEqual({
      ...label,
      actions: targets.map((target, index) => ({
        id: `${p.id}-${index}`,
        proposal: { id: p.id },
        index,
        target: lower(target),
        value: (values[index] ?? 0n).toString(),
        signature: args.signatures[index] ?? "",
        calldata: lower(calldatas[index] ?? "0x"),
      })),
    });

    const [snapshot, deadline, eta, proposer, [against, inFavour, abstain], state, needsQueuing] =
      await Promise.all([
        governor.proposalSnapshot(proposalId),
        governor.proposalDeadline(proposalId),
        governor.proposalEta(proposalId),
        governor.proposalProposer(proposalId),
        governor.proposalVotes(proposalId),
        governor.state(proposalId),
        governor.proposalNeedsQueuing(proposalId),
      ]);
    expect(needsQueuing).toBe(true);
    const block = await chain.provider.getBlock(log.blockNumber);
    // The numerator in force at the snapshot; while the snapshot is ahead, the one in force now (a later
    // update before the snapshot would change it, and the subgraph with it).
    const numerator =
      snapshot < now
        ? await governor["quorumNumerator(uint256)"](snapshot)
        : await governor["quorumNumerator()"]();
    const quorum = snapshot < now ? await governor.quorum(snapshot) : (supply * numerator) / 100n;
    const extended = deadline > args.voteEnd ? deadline : null;
    const votesOfProposal = votes.filter((v) => v.proposal.id === p.id);

    expect(p).toMatchObject({
      proposalId: proposalId.toString(),
      governor: { id: governorAddress },
      proposer: { id: lower(proposer) },
      description: args.description,
      descriptionHash,
      actionCount: targets.length,
      voteStart: snapshot.toString(),
      voteEnd: args.voteEnd.toString(),
      deadline: deadline.toString(),
      forVotes: inFavour.toString(),
      againstVotes: against.toString(),
      abstainVotes: abstain.toString(),
      voteCount: votesOfProposal.length,
      quorumNumerator: numerator.toString(),
      quorum: quorum.toString(),
      eta: eta === 0n ? null : eta.toString(),
      createdAt: String(block?.timestamp),
      createdBlock: String(log.blockNumber),
      createdTransaction: lower(log.transactionHash),
    });
    expect(lower(args.proposer)).toBe(lower(proposer));
    expect(args.voteStart).toBe(snapshot);
    // ProposalExtended is only emitted when it moves the deadline; otherwise the deadline is voteEnd.
    if (extended === null)
      expect(p.extendedDeadline === null || BigInt(p.extendedDeadline) <= args.voteEnd).toBe(true);
    else expect(p.extendedDeadline).toBe(extended.toString());

    // The full state, computed from the entity, is the Governor's.
    expect({ ...label, state: proposalState(p, now) }).toEqual({
      ...label,
      state: PROPOSAL_STATES[Number(state)],
    });

    // Event-driven lifecycle, against the Governor's events for this proposal.
    const [canceled, queued, executed] = await Promise.all([
      governor.queryFilter(governor.filters.ProposalCanceled, log.blockNumber, "latest"),
      governor.queryFilter(governor.filters.ProposalQueued, log.blockNumber, "latest"),
      governor.queryFilter(governor.filters.ProposalExecuted, log.blockNumber, "latest"),
    ]);
    const canceledLog = canceled.find((l) => l.args.proposalId === proposalId);
    const queuedLog = queued.find((l) => l.args.proposalId === proposalId);
    const executedLog = executed.find((l) => l.args.proposalId === proposalId);
    expect({
      ...label,
      canceled: p.canceled,
      executed: p.executed,
      canceledTx: p.canceledTransaction,
    }).toEqual({
      ...label,
      canceled: canceledLog !== undefined,
      executed: executedLog !== undefined,
      canceledTx: canceledLog ? lower(canceledLog.transactionHash) : null,
    });
    expect(p.queuedTransaction).toBe(queuedLog ? lower(queuedLog.transactionHash) : null);
    expect(p.executedTransaction).toBe(executedLog ? lower(executedLog.transactionHash) : null);
    expect(p.status).toBe(
      executedLog ? "EXECUTED" : queuedLog ? "QUEUED" : canceledLog ? "CANCELED" : "CREATED",
    );

    // The queued proposal's timelock operation: the id GovernorTimelockControl computes (salt = governor
    // address XOR description hash), and the timelock's view of it.
    if (eta === 0n) {
      expect(p.timelockOperation).toBeNull();
    } else {
      // bytes20(address(this)) ^ descriptionHash: the address fills the high 20 bytes.
      const salt = `0x${((BigInt(governorAddress) << 96n) ^ BigInt(descriptionHash)).toString(16).padStart(64, "0")}`;
      const operationId = await timelock.hashOperationBatch(targets, values, calldatas, ZERO_BYTES32, salt);
      expect(p.timelockOperation?.id).toBe(lower(operationId));
    }

    // Votes: the tally is the sum of the ballots, each ballot's weight the voter's votes at the snapshot.
    for (const v of votesOfProposal) {
      expect(await governor.hasVoted(proposalId, v.voter.id)).toBe(true);
      expect({ vote: v.id, weight: v.weight }).toEqual({
        vote: v.id,
        weight: (await dmcToken.getPastVotes(v.voter.id, snapshot)).toString(),
      });
    }
    const sum = (support: string) =>
      votesOfProposal.filter((v) => v.support === support).reduce((acc, v) => acc + BigInt(v.weight), 0n);
    expect([sum("FOR"), sum("AGAINST"), sum("ABSTAIN")]).toEqual([inFavour, against, abstain]);
  }

  // Settings: the list of proposals whose snapshot was ahead holds only proposals, and every proposal whose
  // snapshot is still ahead is in it (a quorum change must reach them).
  const ahead = proposals.filter((p) => BigInt(p.voteStart) >= now).map((p) => p.id);
  for (const pending of ahead) expect(settings?.proposalsBeforeSnapshot.map((p) => p.id)).toContain(pending);

  // Every vote on the chain is indexed, with its event's fields; ProtocolDay.voteCount counts them per day.
  const [cast, castWithParams] = await Promise.all([
    governor.queryFilter(governor.filters.VoteCast, 0, "latest"),
    governor.queryFilter(governor.filters.VoteCastWithParams, 0, "latest"),
  ]);
  const expectedVotes = [
    ...cast.map((l) => ({ l, params: null as string | null })),
    ...castWithParams.map((l) => ({ l, params: lower(l.args.params) as string | null })),
  ];
  expect(votes.length).toBe(expectedVotes.length);
  const votesById = new Map(votes.map((v) => [v.id, v]));
  const perDay = new Map<number, number>();
  for (const { l, params } of expectedVotes) {
    const block = await chain.provider.getBlock(l.blockNumber);
    const timestamp = block?.timestamp ?? 0;
    perDay.set(Math.floor(timestamp / 86_400), (perDay.get(Math.floor(timestamp / 86_400)) ?? 0) + 1);
    const vid = eventEntityId(l.transactionHash, l.index);
    expect(votesById.get(vid)).toEqual({
      id: vid,
      proposal: { id: l.args.proposalId.toString() },
      voter: { id: lower(l.args.voter) },
      support: SUPPORTS[Number(l.args.support)],
      weight: l.args.weight.toString(),
      reason: l.args.reason,
      params,
      blockNumber: String(l.blockNumber),
      timestamp: String(timestamp),
      transactionHash: lower(l.transactionHash),
    });
  }
  const days = await queryAll<{ id: string; day: number; voteCount: number }>(
    chain,
    "protocolDays",
    "id day voteCount",
  );
  for (const day of days) {
    expect({ day: day.day, votes: day.voteCount }).toEqual({ day: day.day, votes: perDay.get(day.day) ?? 0 });
  }
  for (const [day, count] of perDay) {
    expect(days.find((d) => d.day === day)?.voteCount).toBe(count);
  }
}

async function checkTimelock(chain: IndexedChain, client: DmexClient): Promise<void> {
  const { timelock } = client;
  const address = lower(await timelock.getAddress());
  const { timelock: entity } = await chain.query<{
    timelock: { minDelay: string; operationCount: number } | null;
  }>(`{ timelock(id: "${address}") { minDelay operationCount } }`);
  expect(entity?.minDelay).toBe((await timelock.getMinDelay()).toString());

  const scheduled = await timelock.queryFilter(timelock.filters.CallScheduled, 0, "latest");
  const operations = await queryAll<OperationRow>(
    chain,
    "timelockOperations",
    `id timelock { id } status callCount executedCallCount predecessor salt delay readyAt proposal { id }
     scheduledAt scheduledTransaction executedAt cancelledAt
     calls(orderBy: index, orderDirection: asc) { index target value data executed }`,
  );
  // Every operation the chain scheduled has its entity; every scheduling counts (index 0 starts one).
  sameSet(
    operations.map((o) => o.id),
    scheduled.map((l) => l.args.id),
  );
  expect(entity?.operationCount).toBe(scheduled.filter((l) => l.args.index === 0n).length);

  const now = await client.governor.clock();
  for (const op of operations) {
    const label = { operation: op.id };
    const [opState, readyAt] = await Promise.all([
      timelock.getOperationState(op.id),
      timelock.getTimestamp(op.id),
    ]);
    // OperationState: 0 Unset, 1 Waiting, 2 Ready, 3 Done.
    const expectedStatus = opState === 3n ? "EXECUTED" : opState === 0n ? "CANCELLED" : "SCHEDULED";
    expect({ ...label, status: op.status }).toEqual({ ...label, status: expectedStatus });
    if (op.status === "SCHEDULED") {
      expect({ ...label, readyAt: op.readyAt }).toEqual({ ...label, readyAt: readyAt.toString() });
      expect(opState).toBe(BigInt(op.readyAt) <= now ? 2n : 1n);
    }
    expect(BigInt(op.readyAt)).toBe(BigInt(op.scheduledAt) + BigInt(op.delay));

    // The id is the hash of the calls, predecessor and salt (hashOperation for a single schedule, or
    // hashOperationBatch, which the events do not tell apart for one call).
    const targets = op.calls.map((c) => c.target);
    const values = op.calls.map((c) => BigInt(c.value));
    const datas = op.calls.map((c) => c.data);
    expect(op.calls.map((c) => c.index)).toEqual(op.calls.map((_, i) => i));
    expect(op.callCount).toBe(op.calls.length);
    const ids = [await timelock.hashOperationBatch(targets, values, datas, op.predecessor, op.salt)];
    if (op.calls.length === 1) {
      ids.push(
        await timelock.hashOperation(
          targets[0] ?? ZERO_ADDRESS,
          values[0] ?? 0n,
          datas[0] ?? "0x",
          op.predecessor,
          op.salt,
        ),
      );
    }
    expect(ids.map(lower)).toContain(op.id);

    // Calls executed: all of them once the operation is done, none otherwise.
    const executed = op.status === "EXECUTED";
    expect({ ...label, calls: op.calls.map((c) => c.executed), count: op.executedCallCount }).toEqual({
      ...label,
      calls: op.calls.map(() => executed),
      count: executed ? op.calls.length : 0,
    });
    // The latest CallScheduled of index 0 for this id is the scheduling the entity shows.
    const latest = scheduled.filter((l) => lower(l.args.id) === op.id && l.args.index === 0n).at(-1);
    expect(op.scheduledTransaction).toBe(lower(latest?.transactionHash ?? ""));
    expect(op.delay).toBe(latest?.args.delay.toString());
  }

  // Roles: every role member entity of the timelock agrees with hasRole, and every grant has its entity.
  const members = await queryAll<{
    id: string;
    role: { role: string; contract: { id: string; name: string } };
    account: { id: string };
    active: boolean;
  }>(chain, "roleMembers", "id role { role contract { id name } } account { id } active");
  const mine = members.filter((m) => m.role.contract.id === address);
  for (const m of mine) {
    expect(m.role.contract.name).toBe("DmexTimelock");
    expect({ member: m.id, active: m.active }).toEqual({
      member: m.id,
      active: await timelock.hasRole(m.role.role, m.account.id),
    });
  }
  const granted = await timelock.queryFilter(timelock.filters.RoleGranted, 0, "latest");
  sameSet(
    mine.map((m) => `${m.role.role}:${m.account.id}`),
    granted.map((l) => `${l.args.role}:${lower(l.args.account)}`),
  );
}

async function checkCouncil(chain: IndexedChain, client: DmexClient): Promise<void> {
  const { council } = client;
  const address = lower(await council.getAddress());
  const { council: entity } = await chain.query<{ council: CouncilRow | null }>(
    `{ council(id: "${address}") { id threshold ownerCount guard moduleGuard fallbackHandler nonce transactionCount
       moduleTransactionCount ethReceived setupInitiator setupInitializer openTransactions { id }
       openModuleTransactions { id } owners(first: 1000) { account { id } active } modules(first: 1000) { module enabled } } }`,
  );
  if (!entity) throw new Error("the council is not indexed");
  const slot = async (name: keyof typeof SAFE_SLOTS) =>
    `0x${(await chain.provider.getStorage(address, SAFE_SLOTS[name])).slice(26)}`.toLowerCase();
  const owners = await council.getOwners();
  const [modules] = await council.getModulesPaginated(SENTINEL, 100);
  expect(entity).toMatchObject({
    threshold: (await council.getThreshold()).toString(),
    ownerCount: owners.length,
    guard: await slot("guard"),
    moduleGuard: await slot("moduleGuard"),
    fallbackHandler: await slot("fallbackHandler"),
    nonce: (await council.nonce()).toString(),
    transactionCount: Number(await council.nonce()),
    openTransactions: [],
    openModuleTransactions: [],
  });
  sameSet(
    entity.owners.filter((o) => o.active).map((o) => o.account.id),
    owners,
  );
  for (const o of entity.owners) expect(await council.isOwner(o.account.id)).toBe(o.active);
  sameSet(
    entity.modules.filter((m) => m.enabled).map((m) => m.module),
    modules,
  );
  for (const m of entity.modules) expect(await council.isModuleEnabled(m.module)).toBe(m.enabled);

  // SafeSetup: the proxy factory called setup, delegate-calling the module setup.
  const [setup] = await council.queryFilter(council.filters.SafeSetup, 0, "latest");
  expect(setup).toBeDefined();
  expect(entity.setupInitiator).toBe(lower(setup?.args.initiator ?? ""));
  expect(entity.setupInitializer).toBe(lower(setup?.args.initializer ?? ""));

  // Multisig transactions: one per nonce, each hash the Safe's getTransactionHash of its fields and nonce, its
  // result the ExecutionSuccess/ExecutionFailure the chain logged for that hash.
  const txs = await queryAll<CouncilTransactionRow>(chain, "councilTransactions", COUNCIL_TRANSACTION_FIELDS);
  expect(txs.map((t) => Number(t.nonce)).sort((a, b) => a - b)).toEqual(txs.map((_, i) => i));
  const [successes, failures] = await Promise.all([
    council.queryFilter(council.filters.ExecutionSuccess, 0, "latest"),
    council.queryFilter(council.filters.ExecutionFailure, 0, "latest"),
  ]);
  const outcome = new Map<string, boolean>([
    ...successes.map((l) => [lower(l.args.txHash), true] as const),
    ...failures.map((l) => [lower(l.args.txHash), false] as const),
  ]);
  for (const t of txs) {
    const hash = await council.getTransactionHash(
      t.to,
      t.value,
      t.data,
      t.operation === "CALL" ? 0 : 1,
      t.safeTxGas,
      t.baseGas,
      t.gasPrice,
      t.gasToken,
      t.refundReceiver,
      t.nonce,
    );
    expect({ tx: t.id, safeTxHash: t.safeTxHash, success: t.success }).toEqual({
      tx: t.id,
      safeTxHash: lower(hash),
      success: outcome.get(lower(hash)),
    });
  }

  // Module transactions: as many as the chain's results, with the same successes.
  const moduleTxs = await queryAll<{ id: string; module: string; success: boolean | null }>(
    chain,
    "councilModuleTransactions",
    "id module success",
  );
  const [moduleOk, moduleFailed] = await Promise.all([
    council.queryFilter(council.filters.ExecutionFromModuleSuccess, 0, "latest"),
    council.queryFilter(council.filters.ExecutionFromModuleFailure, 0, "latest"),
  ]);
  expect(entity.moduleTransactionCount).toBe(moduleTxs.length);
  expect(moduleTxs.filter((t) => t.success === true).length).toBe(moduleOk.length);
  expect(moduleTxs.filter((t) => t.success === false).length).toBe(moduleFailed.length);

  // Approved hashes and signed messages are what the Safe stores.
  const approvals = await queryAll<{ id: string; hash: string; owner: string }>(
    chain,
    "councilApprovedHashes",
    "id hash owner",
  );
  for (const a of approvals) expect(await council.approvedHashes(a.owner, a.hash)).toBe(1n);
  expect(approvals.length).toBe((await council.queryFilter(council.filters.ApproveHash, 0, "latest")).length);
  const signed = await queryAll<{ id: string; messageHash: string }>(
    chain,
    "councilSignedMessages",
    "id messageHash",
  );
  for (const s of signed) expect(await council.signedMessages(s.messageHash)).toBe(1n);
  expect(signed.length).toBe((await council.queryFilter(council.filters.SignMsg, 0, "latest")).length);

  // ETH received through receive(): the sum of SafeReceived.
  const received = await council.queryFilter(council.filters.SafeReceived, 0, "latest");
  expect(entity.ethReceived).toBe(received.reduce((acc, l) => acc + l.args.value, 0n).toString());
}

/** Safe's additionalInfo of SafeMultiSigTransaction: abi.encode(uint256 nonce, address sender, uint256 threshold). */
export function decodeAdditionalInfo(info: string): { nonce: bigint; sender: string; threshold: bigint } {
  const hex = info.slice(2);
  return {
    nonce: BigInt(`0x${hex.slice(0, 64)}`),
    sender: `0x${hex.slice(64 + 24, 128)}`.toLowerCase(),
    threshold: BigInt(`0x${hex.slice(128, 192)}`),
  };
}
