// The scenario's cast, clients and small helpers, shared by its acts (see run.ts for the story).
import type { DmexClient, ProposalAction, ProposalState } from "@dmex/sdk";
import { buildProposal, castVote, execute, propose, queue } from "@dmex/sdk";
import type { LocalChain } from "@dmex/sdk-test/localChain";
import { anvilWallet, IFIL, type VaultWorld, vaultWorld } from "@dmex/sdk-test/vaultWorld";

import { testProvider } from "../harness/provider.js";

/** An anvil dev account with a provider (ethers' Wallet; the subgraph package does not depend on ethers). */
export type Wallet = ReturnType<typeof anvilWallet>;

const ETHER = 10n ** 18n;

/** Everyone the scenario uses (anvil's dev accounts of the public test mnemonic). */
export interface Cast {
  /** anvil 0: deployed DMEX; the bridge of IFIL and the issuer of the demo USDC; relays signed votes. */
  readonly deployer: Wallet;
  /** anvil 1: the rewards reserve (50,000,000 DMC): proposes and votes. */
  readonly reserve: Wallet;
  /** anvil 3-6: DMC holders who get DMC from the reserve, delegate and vote. */
  readonly holders: readonly [Wallet, Wallet, Wallet, Wallet];
  /** anvil 7-9: the oracle reporters (the quorum is odd: all 3 make a day final). */
  readonly reporters: readonly Wallet[];
  /** anvil 10: miner of offering A (the one that runs its term). */
  readonly minerA: Wallet;
  /** anvil 11: miner of offering B (short deliveries, flagged, terminated). */
  readonly minerB: Wallet;
  /** anvil 12: a miner whose application the DAO rejects. */
  readonly rejectedMiner: Wallet;
  /** anvil 13: a miner who withdraws its application. */
  readonly withdrawnMiner: Wallet;
  /** anvil 14-20: buyers. */
  readonly alice: Wallet;
  readonly bob: Wallet;
  readonly carol: Wallet;
  readonly dave: Wallet;
  readonly erin: Wallet;
  readonly frank: Wallet;
  readonly grace: Wallet;
}

export function createCast(chain: LocalChain): Cast {
  const w = (index: number) => anvilWallet(index, chain.provider);
  return {
    deployer: w(0),
    reserve: w(1),
    holders: [w(3), w(4), w(5), w(6)],
    reporters: [w(7), w(8), w(9)],
    minerA: w(10),
    minerB: w(11),
    rejectedMiner: w(12),
    withdrawnMiner: w(13),
    alice: w(14),
    bob: w(15),
    carol: w(16),
    dave: w(17),
    erin: w(18),
    frank: w(19),
    grace: w(20),
  };
}

/** A proposal the scenario created, with the state it must end in. */
export interface ScenarioProposal {
  readonly id: bigint;
  readonly description: string;
  readonly expected: ProposalState;
}

/** What every act gets: the chain, the test world on it, the cast and the scenario's running record. */
export interface ScenarioContext {
  readonly chain: LocalChain;
  readonly world: VaultWorld;
  readonly cast: Cast;
  readonly usdc: string;
  readonly ifil: string;
  as(wallet: Wallet): DmexClient;
  /** Chain time of the latest block. */
  now(): Promise<number>;
  /** Moves the clock `seconds` forward and mines a block. */
  advance(seconds: number): Promise<void>;
  /** Every proposal created, in order. */
  readonly proposals: ScenarioProposal[];
  /** Records a proposal's id and the state it must end in (updated when its fate changes). */
  expectProposal(id: bigint, description: string, expected: ProposalState): void;
  /**
   * Proposes as `proposer` (the reserve by default), lets everyone in `votes` vote (the reserve votes for
   * when `votes` is omitted), queues after the deadline and executes after the timelock delay.
   */
  pass(
    actions: readonly ProposalAction[],
    description: string,
    options?: { proposer?: Wallet; votes?: readonly Ballot[] },
  ): Promise<bigint>;
  /** Governor timings read once at the start (seconds). */
  timing: { votingDelay: number; votingPeriod: number; timelockDelay: number };
}

export interface Ballot {
  readonly voter: Wallet;
  readonly support: "for" | "against" | "abstain";
  readonly reason?: string;
}

/**
 * The scenario's own view of `local`, on the tests' provider (harness/provider.ts: 20 ms polling, gas estimates
 * with a margin), for callers that hand it a plain LocalChain (the benchmark). Call `close` when done.
 */
export function fastChain(local: Omit<LocalChain, "provider">): LocalChain & { close(): void } {
  const provider = testProvider(local.anvil.url);
  return { anvil: local.anvil, deployment: local.deployment, provider, close: () => provider.destroy() };
}

export async function createContext(chain: LocalChain): Promise<ScenarioContext> {
  const world = vaultWorld(chain);
  const cast = createCast(chain);
  const as = (wallet: Wallet) => world.as(wallet);
  const { governor, timelock } = as(cast.reserve);
  const now = async () => {
    const block = await chain.provider.getBlock("latest");
    if (!block) throw new Error("no latest block");
    return block.timestamp;
  };
  const advance = (seconds: number) => world.advance(seconds);
  const proposals: ScenarioProposal[] = [];
  const expectProposal = (id: bigint, description: string, expected: ProposalState) => {
    const existing = proposals.findIndex((p) => p.id === id);
    const entry = { id, description, expected };
    if (existing >= 0) proposals[existing] = entry;
    else proposals.push(entry);
  };

  // Gas money for the accounts above anvil's ten funded ones, without transactions.
  for (const wallet of Object.values(cast).flat() as Wallet[]) {
    const balance = await chain.provider.getBalance(wallet.address);
    if (balance < 10n * ETHER) {
      await chain.provider.send("anvil_setBalance", [wallet.address, `0x${(100n * ETHER).toString(16)}`]);
    }
  }

  const context: ScenarioContext = {
    chain,
    world,
    cast,
    usdc: await world.usdc().getAddress(),
    ifil: await (await world.ifil()).getAddress(),
    as,
    now,
    advance,
    proposals,
    expectProposal,
    timing: {
      votingDelay: Number(await governor.votingDelay()),
      votingPeriod: Number(await governor.votingPeriod()),
      timelockDelay: Number(await timelock.getMinDelay()),
    },
    async pass(actions, description, options = {}) {
      const proposer = options.proposer ?? cast.reserve;
      const proposal = buildProposal(actions, description);
      const { proposalId } = await propose(as(proposer).governor, proposal);
      expectProposal(proposalId, description, "Executed");
      await advance(context.timing.votingDelay + 1);
      for (const ballot of options.votes ?? [{ voter: cast.reserve, support: "for" }]) {
        await castVote(as(ballot.voter).governor, proposalId, ballot.support, ballot.reason);
      }
      const deadline = Number(await governor.proposalDeadline(proposalId));
      await advance(Math.max(1, deadline - (await now()) + 1));
      await queue(as(cast.deployer).governor, proposal);
      await advance(context.timing.timelockDelay + 1);
      await execute(as(cast.deployer).governor, proposal);
      return proposalId;
    },
  };
  return context;
}

/** The oracle's market average for coin 1 on `day` (IFIL wei per TiB), varying a little day to day. */
export function marketValue(day: number): bigint {
  return IFIL("0.002") + BigInt(day % 5) * IFIL("0.00001");
}
