// Governance on a real chain, indexed: proposals driven through the SDK into every state the DmexGovernor can
// report (Pending, Active, Canceled, Defeated by quorum and by a tie, Succeeded with the quorum reached through
// abstentions, Queued, Executed through the Governor and directly on the timelock, Canceled on the timelock by
// a canceller the DAO appointed, a late-quorum extension), a governance proposal changing every Governor
// setting, the timelock delay and roles (with a quorum change that reaches a proposal created before it whose
// snapshot comes after) and, through the council's guard module, its threshold, modules and module guard, and
// the council Safe's flows signed by anvil accounts 3-9: owners, threshold, fallback handler, a failed
// transaction, an approved hash, ETH received; module transactions and a signed message (a delegate call) come
// from the DAO's second module. (The council itself can
// no longer cancel timelock operations or change its modules and guards: see the contracts README.) At each step proposalState(entity, clock) must equal governor.state; at the end checkGovernance
// compares every entity with the chain and the per-event records are compared with the receipts' logs.
// Local governance parameters (script/Deploy.s.sol): voting delay 60 s, voting period 300 s, late-quorum
// extension 60 s, timelock delay 120 s, threshold 100,000 DMC, quorum 4%.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import {
  actionFromTx,
  buildProposal,
  cancel,
  castVote,
  castVoteBySig,
  computeProposalId,
  connect,
  type DmexClient,
  execute,
  hashDescription,
  PROPOSAL_STATE_FIELDS,
  PROPOSAL_STATES,
  type Proposal,
  type ProposalState,
  proposalState,
  propose,
  queue,
} from "@dmex/sdk";
import { anvilWallet, DMC, vaultWorld } from "@dmex/sdk-test/vaultWorld";
import { Interface } from "ethers";
import { describe, expect, it } from "vitest";

import {
  COUNCIL_TRANSACTION_FIELDS,
  type CouncilTransactionRow,
  checkGovernance,
  decodeAdditionalInfo,
  eventEntityId,
  PROPOSAL_FIELDS,
  type ProposalRow,
  VOTE_FIELDS,
  type VoteRow,
} from "./checks/governance.js";
import { checkToken } from "./checks/token.js";
import { useIndexedChain } from "./harness/indexedChain.js";

type Wallet = ReturnType<typeof anvilWallet>;
interface LogLike {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
  readonly index: number;
  readonly transactionHash: string;
}
interface ReceiptLike {
  readonly hash: string;
  readonly logs: readonly LogLike[];
}

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const ZERO_BYTES32 = `0x${"00".repeat(32)}`;
const SENTINEL = "0x0000000000000000000000000000000000000001";
const lower = (value: string) => value.toLowerCase();

const chain = useIndexedChain();

/** SignMessageLib (Safe 1.5.0), compiled with the solc-js the contracts package builds with. */
function compileSignMessageLib(): { bytecode: string; signMessage: string } {
  const contractsRequire = createRequire(
    createRequire(import.meta.url).resolve("@dmex/contracts/package.json"),
  );
  const solc = contractsRequire("solc") as { compile(input: string, callbacks: object): string };
  const root = join(
    dirname(contractsRequire.resolve("@safe-global/safe-smart-account/package.json")),
    "contracts",
  );
  const input = {
    language: "Solidity",
    sources: {
      "libraries/SignMessageLib.sol": {
        content: readFileSync(join(root, "libraries/SignMessageLib.sol"), "utf8"),
      },
    },
    settings: { outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.methodIdentifiers"] } } },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path: string) => ({ contents: readFileSync(join(root, path), "utf8") }),
    }),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<
      string,
      Record<string, { evm: { bytecode: { object: string }; methodIdentifiers: Record<string, string> } }>
    >;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const lib = output.contracts["libraries/SignMessageLib.sol"]?.SignMessageLib;
  if (!lib) throw new Error("solc gave no SignMessageLib");
  return {
    bytecode: `0x${lib.evm.bytecode.object}`,
    signMessage: `0x${lib.evm.methodIdentifiers["signMessage(bytes)"]}`,
  };
}

/** ABI encoding of one `bytes` argument after a selector. */
function encodeBytesCall(selector: string, data: string): string {
  const hex = data.slice(2);
  const length = hex.length / 2;
  const padded = hex.padEnd(Math.ceil(length / 32) * 64, "0");
  return `${selector}${(32).toString(16).padStart(64, "0")}${length.toString(16).padStart(64, "0")}${padded}`;
}

describe("proposalState (pure)", () => {
  const base = {
    voteStart: "100",
    voteEnd: "400",
    extendedDeadline: null,
    forVotes: "10",
    againstVotes: "5",
    abstainVotes: "0",
    quorum: "10",
    eta: null,
    canceled: false,
    executed: false,
    timelockOperation: null,
  };
  it("follows Governor.state's boundaries: Pending through the snapshot, Active through the deadline", () => {
    expect(proposalState(base, 100n)).toBe("Pending");
    expect(proposalState(base, 101n)).toBe("Active");
    expect(proposalState(base, 400n)).toBe("Active");
    expect(proposalState(base, 401n)).toBe("Succeeded");
    expect(proposalState({ ...base, extendedDeadline: "450" }, 450n)).toBe("Active");
    expect(proposalState({ ...base, extendedDeadline: "450" }, 451n)).toBe("Succeeded");
  });
  it("counts abstentions towards the quorum only, and needs strictly more for than against", () => {
    expect(proposalState({ ...base, forVotes: "6", abstainVotes: "4", againstVotes: "0" }, 401n)).toBe(
      "Succeeded",
    );
    expect(proposalState({ ...base, forVotes: "6", abstainVotes: "3", againstVotes: "0" }, 401n)).toBe(
      "Defeated",
    );
    expect(proposalState({ ...base, forVotes: "10", againstVotes: "10" }, 401n)).toBe("Defeated");
  });
  it("gives executed and canceled first, and a queued proposal its timelock operation's outcome", () => {
    expect(proposalState({ ...base, executed: true, canceled: true }, 0n)).toBe("Executed");
    expect(proposalState({ ...base, canceled: true }, 0n)).toBe("Canceled");
    const queued = { ...base, eta: "600", timelockOperation: { status: "SCHEDULED" as const } };
    expect(proposalState(queued, 700n)).toBe("Queued");
    expect(proposalState({ ...queued, timelockOperation: { status: "EXECUTED" } }, 700n)).toBe("Executed");
    expect(proposalState({ ...queued, timelockOperation: { status: "CANCELLED" } }, 700n)).toBe("Canceled");
    // Only a Governor whose timelock has a grace period expires proposals.
    expect(proposalState(queued, 10_000n)).toBe("Queued");
    expect(proposalState(queued, 699n, 100n)).toBe("Queued");
    expect(proposalState(queued, 700n, 100n)).toBe("Expired");
  });
});

describe("governance indexing", () => {
  it("indexes proposals in every state, votes, settings, the timelock and the council as the chain has them", async () => {
    const world = vaultWorld(chain);
    const read = connect(chain.provider, 31337, { deployment: chain.deployment });
    const as = (wallet: Wallet): DmexClient => world.as(wallet);
    const reserve = world.reserve;
    const relayer = world.deployer;
    const [alice, bob, carol, dave] = [10, 11, 12, 13].map((i) => anvilWallet(i, chain.provider)) as [
      Wallet,
      Wallet,
      Wallet,
      Wallet,
    ];
    const members = [3, 4, 5, 6, 7, 8, 9].map((i) => anvilWallet(i, chain.provider));
    const moduleWallet = anvilWallet(2, chain.provider);
    const receipts: ReceiptLike[] = [];
    const keep = <T extends ReceiptLike | null>(receipt: T): T => {
      if (receipt) receipts.push(receipt);
      return receipt;
    };
    const send = async (tx: Promise<{ wait(): Promise<ReceiptLike | null> }>) =>
      keep(await (await tx).wait());
    const governorOf = (wallet: Wallet) => as(wallet).governor;
    const now = async () => Number(await read.governor.clock());
    const advanceTo = async (timestamp: number) => {
      const delta = timestamp - (await now());
      if (delta > 0) await world.advance(delta);
    };

    // Voting power: the reserve (50M, less 8M given away), alice 3M, bob 2M, carol 3M, each self-delegated.
    await world.fund(alice, bob, carol, dave);
    const dmc = as(reserve).dmcToken;
    for (const [who, amount] of [
      [alice, "3000000"],
      [bob, "2000000"],
      [carol, "3000000"],
    ] as const) {
      await send(dmc.transfer(who.address, DMC(amount)));
      await send(as(who).dmcToken.delegate(who.address));
    }
    await send(dmc.delegate(reserve.address));
    await world.advance(1);

    const seen = new Set<ProposalState>();
    /** Every proposal's state from its entity and the clock equals governor.state. */
    async function assertStates(): Promise<Map<string, ProposalState>> {
      await chain.sync();
      const rows = (
        await chain.query<{ proposals: ({ id: string } & Parameters<typeof proposalState>[0])[] }>(
          `{ proposals(first: 1000) { id ${PROPOSAL_STATE_FIELDS} } }`,
        )
      ).proposals;
      const clock = await read.governor.clock();
      const states = new Map<string, ProposalState>();
      for (const row of rows) {
        const onChain = PROPOSAL_STATES[Number(await read.governor.state(row.id))];
        expect({ proposal: row.id, state: proposalState(row, clock) }).toEqual({
          proposal: row.id,
          state: onChain,
        });
        if (onChain) {
          seen.add(onChain);
          states.set(row.id, onChain);
        }
      }
      return states;
    }

    const { timelock, governor, council } = read;
    const transferAction = async (to: string, amount: string) =>
      actionFromTx(await dmc.transfer.populateTransaction(to, DMC(amount)));
    const make = async (title: string) =>
      buildProposal([await transferAction(alice.address, "1")], `# ${title}`);
    async function proposeAs(wallet: Wallet, proposal: Proposal) {
      const result = await propose(governorOf(wallet), proposal);
      keep(result.receipt);
      return result;
    }
    const vote = async (
      wallet: Wallet,
      id: bigint,
      support: "for" | "against" | "abstain",
      reason?: string,
    ) => keep((await castVote(governorOf(wallet), id, support, reason)).receipt);

    // Phase A: nine proposals, created together.
    const P = {
      executed: await make("Executed through the Governor"),
      quorumFail: await make("Defeated: alice alone is below the 4% quorum"),
      tie: await make("Defeated: for equals against"),
      abstain: await make("Succeeded: the quorum is reached through abstentions"),
      canceled: await make("Canceled by its proposer while pending"),
      timelockExecuted: await make("Executed directly on the timelock"),
      timelockCanceled: await make("Canceled on the timelock by a canceller the DAO appointed"),
      queued: await make("Left queued"),
      late: await make("Extended by a late quorum"),
    };
    const ids = {} as Record<keyof typeof P, bigint>;
    for (const key of Object.keys(P) as (keyof typeof P)[])
      ids[key] = (await proposeAs(reserve, P[key])).proposalId;
    expect(ids.executed).toBe(computeProposalId(P.executed));
    expect(new Set((await assertStates()).values())).toEqual(new Set(["Pending"]));
    keep(await cancel(governorOf(reserve), P.canceled));
    expect((await assertStates()).get(ids.canceled.toString())).toBe("Canceled");

    const lateCreated = await chain.query<{ proposal: { voteStart: string; voteEnd: string } }>(
      `{ proposal(id: "${ids.late}") { voteStart voteEnd } }`,
    );
    await advanceTo(Number(lateCreated.proposal.voteStart) + 1);
    expect((await assertStates()).get(ids.late.toString())).toBe("Active");

    await vote(reserve, ids.executed, "for", "Treasury can afford it");
    keep(
      await (
        await governorOf(alice).castVoteWithReasonAndParams(ids.executed, 1, "with params", "0x1234abcd")
      ).wait(),
    );
    keep((await castVoteBySig(governorOf(relayer), bob, ids.executed, "against")).receipt);
    await vote(alice, ids.quorumFail, "for");
    await vote(alice, ids.tie, "for");
    await vote(carol, ids.tie, "against");
    await vote(alice, ids.abstain, "for");
    await vote(bob, ids.abstain, "abstain");
    for (const key of ["timelockExecuted", "timelockCanceled", "queued"] as const)
      await vote(reserve, ids[key], "for");
    await assertStates();

    // The quorum-reaching vote 20 s before the end extends voting by 60 s from the vote.
    const voteEnd = Number(lateCreated.proposal.voteEnd);
    await advanceTo(voteEnd - 20);
    await vote(reserve, ids.late, "for");
    const extended = Number(await governor.proposalDeadline(ids.late));
    expect(extended).toBeGreaterThan(voteEnd);
    await advanceTo(voteEnd + 5);
    expect((await assertStates()).get(ids.late.toString())).toBe("Active");
    await advanceTo(extended + 1);
    const afterVoting = await assertStates();
    expect(
      [ids.quorumFail, ids.tie, ids.abstain, ids.late].map((id) => afterVoting.get(id.toString())),
    ).toEqual(["Defeated", "Defeated", "Succeeded", "Succeeded"]);

    for (const key of ["executed", "timelockExecuted", "timelockCanceled", "queued"] as const) {
      keep((await queue(governorOf(reserve), P[key])).receipt);
    }
    expect((await assertStates()).get(ids.queued.toString())).toBe("Queued");
    await world.advance(Number(await timelock.getMinDelay()) + 1);

    keep(await execute(governorOf(relayer), P.executed));
    const arrays = (proposal: Proposal) =>
      [
        proposal.actions.map((a) => a.target),
        proposal.actions.map((a) => a.value),
        proposal.actions.map((a) => a.calldata),
      ] as const;
    const saltOf = async (proposal: Proposal) =>
      `0x${((BigInt(await governor.getAddress()) << 96n) ^ BigInt(hashDescription(proposal.description)))
        .toString(16)
        .padStart(64, "0")}`;
    // Anyone may execute a ready operation on the timelock: the Governor never sees it, its state follows.
    await send(
      as(carol).timelock.executeBatch(
        ...arrays(P.timelockExecuted),
        ZERO_BYTES32,
        await saltOf(P.timelockExecuted),
      ),
    );

    // The council (4 of 7 signatures of anvil accounts 3-9) cancels a queued operation on the timelock.
    async function councilExec(
      to: string,
      data: string,
      options: { operation?: 0 | 1; safeTxGas?: bigint; signers?: number } = {},
    ): Promise<ReceiptLike | null> {
      const operation = options.operation ?? 0;
      const safeTxGas = options.safeTxGas ?? 0n;
      const hash = await council.getTransactionHash(
        to,
        0n,
        data,
        operation,
        safeTxGas,
        0n,
        0n,
        ZERO_ADDRESS,
        ZERO_ADDRESS,
        await council.nonce(),
      );
      const signers = [...members]
        .slice(0, options.signers ?? Number(await council.getThreshold()))
        .sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
      const signatures = `0x${signers.map((w) => w.signingKey.sign(hash).serialized.slice(2)).join("")}`;
      return send(
        as(members[0] as Wallet).council.execTransaction(
          to,
          0n,
          data,
          operation,
          safeTxGas,
          0n,
          0n,
          ZERO_ADDRESS,
          ZERO_ADDRESS,
          signatures,
        ),
      );
    }
    const canceledOperation = await timelock.hashOperationBatch(
      ...arrays(P.timelockCanceled),
      ZERO_BYTES32,
      await saltOf(P.timelockCanceled),
    );

    // Phase B: one proposal changes every Governor setting, the timelock's delay and roles (alice becomes a
    // canceller), and, through the council's guard module, the council's threshold, a second module (anvil
    // account 2) and its module guard. A proposal created before it executes, with
    // its snapshot after, takes the new quorum.
    const timelockAddress = await timelock.getAddress();
    const councilAddress = await council.getAddress();
    const [canceller, proposer] = await Promise.all([timelock.CANCELLER_ROLE(), timelock.PROPOSER_ROLE()]);
    // The council's only module at launch is its guard, the DAO's way in.
    const [[guardAddress]] = await council.getModulesPaginated(SENTINEL, 10n);
    if (!guardAddress) throw new Error("the council has no module");
    const guard = new Interface(["function execute(address safe, bytes data)"]);
    const viaGuard = (data: string) => ({
      target: guardAddress,
      value: 0n,
      calldata: guard.encodeFunctionData("execute", [councilAddress, data]),
    });
    const settings = buildProposal(
      [
        actionFromTx(await governor.setVotingDelay.populateTransaction(90)),
        actionFromTx(await governor.setVotingPeriod.populateTransaction(360)),
        actionFromTx(await governor.setProposalThreshold.populateTransaction(DMC("200000"))),
        actionFromTx(await governor.updateQuorumNumerator.populateTransaction(5)),
        actionFromTx(await governor.setLateQuorumVoteExtension.populateTransaction(90)),
        actionFromTx(await governor.updateTimelock.populateTransaction(timelockAddress)),
        actionFromTx(await timelock.updateDelay.populateTransaction(150)),
        actionFromTx(await timelock.grantRole.populateTransaction(canceller, alice.address)),
        actionFromTx(await timelock.grantRole.populateTransaction(proposer, bob.address)),
        actionFromTx(await timelock.revokeRole.populateTransaction(proposer, bob.address)),
        viaGuard(council.interface.encodeFunctionData("changeThreshold", [4n])),
        viaGuard(council.interface.encodeFunctionData("enableModule", [moduleWallet.address])),
        viaGuard(council.interface.encodeFunctionData("setModuleGuard", [ZERO_ADDRESS])),
      ],
      "# New governance parameters\n\nLonger delays, 5% quorum, a 200,000 DMC threshold.",
    );
    const { proposalId: settingsId } = await proposeAs(reserve, settings);
    await world.advance(Number(await governor.votingDelay()) + 1);
    await vote(reserve, settingsId, "for");
    await world.advance(Number(await governor.votingPeriod()) + 1);
    const { eta, receipt: queuedSettings } = await queue(governorOf(reserve), settings);
    keep(queuedSettings);
    await advanceTo(eta - 20);
    const beforeQuorumChange = await make("Created before the quorum change, snapshot after it");
    const { proposalId: quorumChangedId, voteStart } = await proposeAs(reserve, beforeQuorumChange);
    expect(voteStart).toBeGreaterThan(eta);
    await advanceTo(eta + 1);
    keep(await execute(governorOf(reserve), settings));
    expect(await governor["quorumNumerator()"]()).toBe(5n);
    await assertStates();

    // alice, a canceller since the settings proposal, cancels the operation still queued from phase A.
    await send(as(alice).timelock.cancel(canceledOperation));
    const afterTimelock = await assertStates();
    expect(
      [ids.executed, ids.timelockExecuted, ids.timelockCanceled, ids.queued].map((id) =>
        afterTimelock.get(id.toString()),
      ),
    ).toEqual(["Executed", "Executed", "Canceled", "Queued"]);
    await advanceTo(voteStart + 1);
    const quorumChanged = await chain.query<{ proposal: { quorum: string; quorumNumerator: string } }>(
      `{ proposal(id: "${quorumChangedId}") { quorum quorumNumerator } }`,
    );
    expect(quorumChanged.proposal).toEqual({
      quorum: (await governor.quorum(voteStart)).toString(),
      quorumNumerator: "5",
    });
    expect(quorumChanged.proposal.quorum).toBe(DMC("5000000").toString());
    await assertStates();

    // Phase C: the council's own flows.
    await send(relayer.sendTransaction({ to: councilAddress, value: 10n ** 18n }));
    const councilData = (fn: string, args: unknown[]) =>
      council.interface.encodeFunctionData(fn as "changeThreshold", args as [bigint]);
    await councilExec(councilAddress, councilData("addOwnerWithThreshold", [dave.address, 5n]));
    await councilExec(councilAddress, councilData("removeOwner", [SENTINEL, dave.address, 4n]));
    const asModule = as(moduleWallet).council;
    await send(asModule.execTransactionFromModule(alice.address, 0n, "0x", 0));
    const failingTransfer = dmc.interface.encodeFunctionData("transfer", [alice.address, DMC("1")]);
    await send(
      asModule.execTransactionFromModule(await dmc.getAddress(), 0n, failingTransfer, 0, {
        gasLimit: 300_000n,
      }),
    );
    // A signed message needs a delegate call to SignMessageLib, which the council's guard refuses the council:
    // the DAO's second module makes it.
    const lib = compileSignMessageLib();
    const deployed = await (await relayer.sendTransaction({ data: lib.bytecode })).wait();
    const libAddress = deployed?.contractAddress;
    if (!libAddress) throw new Error("SignMessageLib was not deployed");
    await send(
      asModule.execTransactionFromModule(
        libAddress,
        0n,
        encodeBytesCall(lib.signMessage, "0x48656c6c6f2c2044414f"),
        1,
      ),
    );
    // The DAO's second module retires itself (the council's guard would refuse the council this call).
    await send(
      asModule.execTransactionFromModule(
        councilAddress,
        0n,
        councilData("disableModule", [SENTINEL, moduleWallet.address]),
        0,
      ),
    );
    await councilExec(
      councilAddress,
      councilData("setFallbackHandler", [anvilWallet(14, chain.provider).address]),
    );
    // safeTxGas > 0 lets the inner call fail without reverting: ExecutionFailure (the council holds no DMC).
    await councilExec(await dmc.getAddress(), failingTransfer, { safeTxGas: 100_000n });
    await send(
      as(members[1] as Wallet).council.approveHash(hashDescription("a hash the council member approves")),
    );

    // A proposal left pending under the new 90 s voting delay.
    await proposeAs(reserve, await make("Left pending"));
    const finalStates = new Set((await assertStates()).values());
    for (const state of [
      "Pending",
      "Active",
      "Canceled",
      "Defeated",
      "Succeeded",
      "Queued",
      "Executed",
    ] as const) {
      expect(seen).toContain(state);
    }
    expect(finalStates).toContain("Pending");

    await chain.sync();
    await checkGovernance(chain, read);
    await checkToken(chain, read);
    await compareWithLogs(read, receipts);
    await everyHandledEventWasEmitted(read);
    // The mappings log an error for anything they could not place (e.g. a vote on an unknown proposal).
    expect(chain.logger.lines.filter((line) => !line.startsWith("INFO"))).toEqual([]);
  });
});

/** Every governance log of the receipts has its record, field by field, decoded with the contracts' ABIs. */
async function compareWithLogs(client: DmexClient, receipts: readonly ReceiptLike[]): Promise<void> {
  const { governor, timelock, council } = client;
  const [governorAddress, timelockAddress, councilAddress] = (
    await Promise.all([governor.getAddress(), timelock.getAddress(), council.getAddress()])
  ).map(lower);
  const votes = new Map(
    (await chain.query<{ votes: VoteRow[] }>(`{ votes(first: 1000) { ${VOTE_FIELDS} } }`)).votes.map((v) => [
      v.id,
      v,
    ]),
  );
  const proposals = new Map(
    (
      await chain.query<{ proposals: ProposalRow[] }>(`{ proposals(first: 1000) { ${PROPOSAL_FIELDS} } }`)
    ).proposals.map((p) => [p.id, p]),
  );
  const councilTxs = new Map(
    (
      await chain.query<{ councilTransactions: CouncilTransactionRow[] }>(
        `{ councilTransactions(first: 1000) { ${COUNCIL_TRANSACTION_FIELDS} } }`,
      )
    ).councilTransactions.map((t) => [t.id, t]),
  );
  const counted = {
    votes: 0,
    extended: 0,
    calls: 0,
    delays: 0,
    councilTxs: 0,
    moduleTxs: 0,
    approvals: 0,
    signed: 0,
    received: 0,
  };

  for (const receipt of receipts) {
    const logs = receipt.logs;
    for (const [position, log] of logs.entries()) {
      const address = lower(log.address);
      const id = eventEntityId(log.transactionHash, log.index);
      const topics = [...log.topics];
      if (address === governorAddress) {
        const parsed = governor.interface.parseLog({ topics, data: log.data });
        if (parsed?.name === "VoteCast" || parsed?.name === "VoteCastWithParams") {
          counted.votes++;
          expect(votes.get(id)).toMatchObject({
            proposal: { id: parsed.args.proposalId.toString() },
            voter: { id: lower(parsed.args.voter) },
            support: ["AGAINST", "FOR", "ABSTAIN"][Number(parsed.args.support)],
            weight: parsed.args.weight.toString(),
            reason: parsed.args.reason,
            params: parsed.name === "VoteCastWithParams" ? lower(parsed.args.params) : null,
            transactionHash: lower(log.transactionHash),
          });
        } else if (parsed?.name === "ProposalExtended") {
          counted.extended++;
          expect(proposals.get(parsed.args.proposalId.toString())).toMatchObject({
            extendedDeadline: parsed.args.extendedDeadline.toString(),
            deadline: parsed.args.extendedDeadline.toString(),
          });
        } else if (parsed?.name === "ProposalCreated") {
          expect(proposals.get(parsed.args.proposalId.toString())).toMatchObject({
            description: parsed.args.description,
            voteStart: parsed.args.voteStart.toString(),
            voteEnd: parsed.args.voteEnd.toString(),
            actionCount: parsed.args.targets.length,
            createdTransaction: lower(log.transactionHash),
          });
        } else if (parsed?.name === "ProposalQueued") {
          expect(proposals.get(parsed.args.proposalId.toString())).toMatchObject({
            eta: parsed.args.etaSeconds.toString(),
            queuedTransaction: lower(log.transactionHash),
          });
        }
      } else if (address === timelockAddress) {
        const parsed = timelock.interface.parseLog({ topics, data: log.data });
        if (parsed?.name === "CallScheduled") {
          counted.calls++;
          const callId = eventEntityId(parsed.args.id, Number(parsed.args.index));
          const { timelockCall } = await chain.query<{
            timelockCall: {
              operation: { id: string; delay: string };
              target: string;
              value: string;
              data: string;
            };
          }>(`{ timelockCall(id: "${callId}") { operation { id delay } target value data } }`);
          expect(timelockCall).toEqual({
            operation: { id: lower(parsed.args.id), delay: parsed.args.delay.toString() },
            target: lower(parsed.args.target),
            value: parsed.args.value.toString(),
            data: lower(parsed.args.data),
          });
        } else if (parsed?.name === "MinDelayChange") {
          counted.delays++;
          const { timelockDelayChange } = await chain.query<{
            timelockDelayChange: { oldDelay: string; newDelay: string; transactionHash: string };
          }>(`{ timelockDelayChange(id: "${id}") { oldDelay newDelay transactionHash } }`);
          expect(timelockDelayChange).toEqual({
            oldDelay: parsed.args.oldDuration.toString(),
            newDelay: parsed.args.newDuration.toString(),
            transactionHash: lower(log.transactionHash),
          });
        } else if (parsed?.name === "Cancelled") {
          const { timelockOperation } = await chain.query<{
            timelockOperation: { status: string; cancelledTransaction: string };
          }>(`{ timelockOperation(id: "${lower(parsed.args.id)}") { status cancelledTransaction } }`);
          expect(timelockOperation).toEqual({
            status: "CANCELLED",
            cancelledTransaction: lower(log.transactionHash),
          });
        }
      } else if (address === councilAddress) {
        const parsed = council.interface.parseLog({ topics, data: log.data });
        if (parsed?.name === "SafeMultiSigTransaction") {
          counted.councilTxs++;
          // Its result is the first ExecutionSuccess/ExecutionFailure of the council after it in the receipt.
          const result = logs
            .slice(position + 1)
            .filter((l) => lower(l.address) === councilAddress)
            .map((l) => council.interface.parseLog({ topics: [...l.topics], data: l.data }))
            .find((p) => p?.name === "ExecutionSuccess" || p?.name === "ExecutionFailure");
          const info = decodeAdditionalInfo(parsed.args.additionalInfo);
          expect(councilTxs.get(id)).toMatchObject({
            to: lower(parsed.args.to),
            value: parsed.args.value.toString(),
            data: lower(parsed.args.data),
            operation: Number(parsed.args.operation) === 1 ? "DELEGATE_CALL" : "CALL",
            safeTxGas: parsed.args.safeTxGas.toString(),
            signatures: lower(parsed.args.signatures),
            nonce: info.nonce.toString(),
            sender: info.sender,
            threshold: info.threshold.toString(),
            safeTxHash: lower(result?.args.txHash ?? ""),
            success: result?.name === "ExecutionSuccess",
            payment: result?.args.payment.toString(),
          });
        } else if (parsed?.name === "SafeModuleTransaction") {
          counted.moduleTxs++;
          const result = logs
            .slice(position + 1)
            .filter((l) => lower(l.address) === councilAddress)
            .map((l) => council.interface.parseLog({ topics: [...l.topics], data: l.data }))
            .find(
              (p) => p?.name === "ExecutionFromModuleSuccess" || p?.name === "ExecutionFromModuleFailure",
            );
          const { councilModuleTransaction } = await chain.query<{ councilModuleTransaction: unknown }>(
            `{ councilModuleTransaction(id: "${id}") { module to value data operation success } }`,
          );
          expect(councilModuleTransaction).toEqual({
            module: lower(parsed.args.module),
            to: lower(parsed.args.to),
            value: parsed.args.value.toString(),
            data: lower(parsed.args.data),
            operation: Number(parsed.args.operation) === 1 ? "DELEGATE_CALL" : "CALL",
            success: result?.name === "ExecutionFromModuleSuccess",
          });
        } else if (parsed?.name === "ApproveHash") {
          counted.approvals++;
          const { councilApprovedHash } = await chain.query<{ councilApprovedHash: unknown }>(
            `{ councilApprovedHash(id: "${id}") { hash owner } }`,
          );
          expect(councilApprovedHash).toEqual({
            hash: lower(parsed.args.approvedHash),
            owner: lower(parsed.args.owner),
          });
        } else if (parsed?.name === "SignMsg") {
          counted.signed++;
          const { councilSignedMessage } = await chain.query<{ councilSignedMessage: unknown }>(
            `{ councilSignedMessage(id: "${id}") { messageHash } }`,
          );
          expect(councilSignedMessage).toEqual({ messageHash: lower(parsed.args.msgHash) });
        } else if (parsed?.name === "SafeReceived") {
          counted.received++;
          const { councilReceipt } = await chain.query<{ councilReceipt: unknown }>(
            `{ councilReceipt(id: "${id}") { sender value } }`,
          );
          expect(councilReceipt).toEqual({
            sender: lower(parsed.args.sender),
            value: parsed.args.value.toString(),
          });
        }
      }
    }
  }
  // The scenario produced each kind of record (a comparison loop over nothing would prove nothing).
  for (const [kind, count] of Object.entries(counted))
    expect({ kind, count: count > 0 }).toEqual({ kind, count: true });
}

/** Every event the three data sources handle was emitted on this chain at least once. */
async function everyHandledEventWasEmitted(client: DmexClient): Promise<void> {
  const { governor, timelock, council } = client;
  const expected: [typeof governor | typeof timelock | typeof council, string[]][] = [
    [
      governor,
      [
        "ProposalCreated",
        "ProposalCanceled",
        "ProposalQueued",
        "ProposalExecuted",
        "ProposalExtended",
        "VoteCast",
        "VoteCastWithParams",
        "VotingDelaySet",
        "VotingPeriodSet",
        "ProposalThresholdSet",
        "QuorumNumeratorUpdated",
        "LateQuorumVoteExtensionSet",
        "TimelockChange",
      ],
    ],
    [
      timelock,
      [
        "CallScheduled",
        "CallSalt",
        "CallExecuted",
        "Cancelled",
        "MinDelayChange",
        "RoleGranted",
        "RoleRevoked",
      ],
    ],
    [
      council,
      [
        "SafeSetup",
        "AddedOwner",
        "RemovedOwner",
        "ChangedThreshold",
        "EnabledModule",
        "DisabledModule",
        "ChangedGuard",
        "ChangedModuleGuard",
        "ChangedFallbackHandler",
        "SafeMultiSigTransaction",
        "ExecutionSuccess",
        "ExecutionFailure",
        "SafeModuleTransaction",
        "ExecutionFromModuleSuccess",
        "ExecutionFromModuleFailure",
        "ApproveHash",
        "SignMsg",
        "SafeReceived",
      ],
    ],
  ];
  for (const [contract, names] of expected) {
    const logs = await chain.provider.getLogs({
      address: await contract.getAddress(),
      fromBlock: 0,
      toBlock: "latest",
    });
    const emitted = new Set(
      logs
        .map((l: LogLike) => contract.interface.parseLog({ topics: [...l.topics], data: l.data })?.name)
        .filter(Boolean),
    );
    for (const name of names)
      expect({ event: name, emitted: emitted.has(name) }).toEqual({ event: name, emitted: true });
  }
}
