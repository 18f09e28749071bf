// The whole-protocol scenario (issue 7's acceptance story), on one chain, through the SDK only:
//
// before day 0  DMC spread to four holders who delegate and re-delegate; four miners apply: A and B are
//               approved by proposals and stake, one is voted down then rejected, one withdraws.
// day 0         offerings A (12 × 10 TiB, 31 days) and B (6 × 10 TiB, 30 days); primary sales by listing
//               (buy, buyMany, buyAvailable), an auction of A #9 extended by a late bid and settled, A #10 sold
//               through an offer on the offering, offers withdrawn and left to expire, a listing repriced
//               and cancelled, one left to expire, A #12 cancelled unsold, an unbid auction cancelled.
// days 1-31     every morning the oracle rates the day before and the miners deposit it (yieldDays.ts):
//               A short on days 4, 12, 20, 21, day 10 paid late, day 30 missed; B short on days 0-2, then
//               nothing. Day 3 a late primary sale; day 5 Alice claims and resells A #1 to Dave; day 6 an
//               auction of B #4 gets a bid; day 7 B is flagged, terminated with a slash, miner B withdraws,
//               holders are refunded and claim; day 8 Bob merges two certificates, day 9 splits one and the
//               B auction is voided at settlement; day 10 the DAO allowlists a second payment token, Dave
//               auctions A #1 in it, a bidder that refuses payment is outbid, credited and withdraws its
//               credit, Bob wins (credit.ts); day 15 miner A withdraws escrow and holders claim; day 20
//               proposals are left Canceled, Succeeded and Queued.
// day 31-32     miner A's last withdrawal, everyone claims, fees collected; the DAO lengthens the votes and
//               two proposals are left Active and Pending.
//
// At the end each proposal is in the state recorded in `proposals` (Expired is unreachable, see
// governance.ts `endStates`).
import { PROPOSAL_STATES, type ProposalState } from "@dmex/sdk";
import type { LocalChain } from "@dmex/sdk-test/localChain";

// runScenario takes any LocalChain (an IndexedChain is one) so that the indexing benchmark can run it without
// the test harness.

import {
  claim,
  emptyPayouts,
  finalPayouts,
  merge,
  midTermPayouts,
  type PayoutsRecord,
  split,
} from "./claims.js";
import { type Cast, createContext, fastChain } from "./context.js";
import { type CreditRecord, creditAct } from "./credit.js";
import { type DelegationRecord, distributeVotes, endStates, stalledProposals } from "./governance.js";
import { type OnboardingRecord, onboardMiners } from "./onboarding.js";
import {
  createOfferings,
  lateSale,
  type Offerings,
  primarySales,
  resale,
  type SalesRecord,
} from "./sales.js";
import {
  flagAndTerminate,
  openDoomedAuction,
  type TerminationRecord,
  voidDoomedAuction,
} from "./termination.js";
import { type DeliveryRecord, morning, prepareDeliveries } from "./yieldDays.js";

/** Days after the start day the scenario runs its mornings (A's term is 31 days: days 0-30). */
export const SCENARIO_DAYS = 31;

export interface ScenarioRecord {
  /** Everyone involved, by role. */
  readonly accounts: {
    readonly deployer: string;
    readonly reserve: string;
    readonly holders: readonly string[];
    readonly reporters: readonly string[];
    readonly miners: {
      readonly a: string;
      readonly b: string;
      readonly rejected: string;
      readonly withdrawn: string;
    };
    readonly buyers: Record<"alice" | "bob" | "carol" | "dave" | "erin" | "frank" | "grace", string>;
    /** Every address above. */
    readonly all: readonly string[];
  };
  readonly delegation: DelegationRecord;
  readonly onboarding: OnboardingRecord;
  readonly offerings: Offerings;
  readonly sales: SalesRecord;
  readonly deliveries: DeliveryRecord;
  readonly termination: TerminationRecord;
  /** The refused refund credited and withdrawn (credit.ts). */
  readonly credit: CreditRecord;
  readonly payouts: PayoutsRecord;
  /** Proposal ids by the state `governor.state(id)` must read at the end. */
  readonly proposals: Record<ProposalState, bigint[]>;
  /** Every certificate id that ever existed (A, B and the one the split created). */
  readonly certificates: readonly bigint[];
  readonly blocks: { readonly first: number; readonly last: number };
  /** Wall-clock time of the run, milliseconds. */
  readonly wallMs: number;
  /** Wall-clock time of each act, milliseconds (`days`: the day-specific events besides the mornings). */
  readonly acts: Readonly<Record<string, number>>;
  /** Transactions mined (from the first to the last block). */
  readonly transactions: number;
}

export async function runScenario(chain: LocalChain): Promise<ScenarioRecord> {
  const started = performance.now();
  const fast = fastChain(chain);
  try {
    return await scenario(fast, started);
  } finally {
    fast.close();
  }
}

async function scenario(chain: LocalChain, started: number): Promise<ScenarioRecord> {
  const first = (await chain.provider.getBlockNumber()) + 1;
  const ctx = await createContext(chain);
  const { cast } = ctx;

  const acts: Record<string, number> = {};
  let lap = performance.now();
  const timed = async <T>(name: string, act: () => Promise<T>): Promise<T> => {
    const result = await act();
    const t = performance.now();
    if (process.env.DMEX_SCENARIO_LOG) console.info(`scenario: ${name} ${Math.round(t - lap)} ms`);
    acts[name] = Math.round((acts[name] ?? 0) + t - lap);
    lap = t;
    return result;
  };
  acts.setup = Math.round(lap - started);

  const delegation = await timed("delegation", () => distributeVotes(ctx));
  const onboarding = await timed("onboarding", () => onboardMiners(ctx));
  const offerings = await timed("offerings", () => createOfferings(ctx));
  const sales = await timed("primarySales", () => primarySales(ctx, offerings));
  const deliveries = await timed("deliveries", () => prepareDeliveries(ctx));
  const payouts = emptyPayouts();
  const outcome: { termination?: TerminationRecord; credit?: CreditRecord } = {};
  const certB = (i: number) => offerings.b.tokenIds[i - 1] ?? 0n;
  const certA = (i: number) => offerings.a.tokenIds[i - 1] ?? 0n;

  const dayEvents = async (k: number): Promise<void> => {
    switch (k) {
      case 3:
        await lateSale(ctx, offerings, sales);
        break;
      case 5:
        await claim(ctx, payouts, cast.alice, [certA(1), certA(2)]);
        await resale(ctx, offerings, sales);
        break;
      case 6:
        await openDoomedAuction(ctx, offerings, sales);
        break;
      case 7:
        outcome.termination = await flagAndTerminate(ctx, offerings);
        await claim(ctx, payouts, cast.frank, [certB(1)]);
        break;
      case 8:
        await merge(ctx, payouts, offerings);
        await claim(ctx, payouts, cast.grace, [certB(2), certB(3)]);
        break;
      case 9:
        await split(ctx, payouts, offerings);
        await voidDoomedAuction(ctx, sales);
        break;
      case 10:
        outcome.credit = await creditAct(ctx, offerings, sales, payouts);
        break;
      case 15:
        await midTermPayouts(ctx, payouts, offerings);
        break;
      case 20:
        await stalledProposals(ctx);
        break;
      default:
        break;
    }
  };
  for (let k = 1; k <= SCENARIO_DAYS; k++) {
    await timed("mornings", async () => {
      await ctx.world.advanceToDay(offerings.startDay + k);
      await morning(ctx, offerings, deliveries, k);
    });
    await timed("dayEvents", () => dayEvents(k));
  }
  const { termination, credit } = outcome;
  if (!credit) throw new Error("the credit act never ran");
  if (!termination) throw new Error("offering B was never terminated");
  await timed("finalPayouts", () => finalPayouts(ctx, payouts, offerings));
  await timed("endStates", () => endStates(ctx));

  const last = await chain.provider.getBlockNumber();
  let transactions = 0;
  for (let n = first; n <= last; n++) {
    const block = await chain.provider.getBlock(n);
    transactions += block?.transactions.length ?? 0;
  }
  const proposals = Object.fromEntries(PROPOSAL_STATES.map((s) => [s, [] as bigint[]])) as Record<
    ProposalState,
    bigint[]
  >;
  for (const p of ctx.proposals) proposals[p.expected].push(p.id);
  const certificates = [...offerings.a.tokenIds, ...offerings.b.tokenIds].filter((id) => id !== 0n);
  if (payouts.split) certificates.push(payouts.split.newTokenId);

  return {
    accounts: accountsOf(cast),
    delegation,
    onboarding,
    offerings,
    sales,
    deliveries,
    termination,
    credit,
    payouts,
    proposals,
    certificates,
    blocks: { first, last },
    wallMs: Math.round(performance.now() - started),
    acts,
    transactions,
  };
}

function accountsOf(cast: Cast): ScenarioRecord["accounts"] {
  const buyers = {
    alice: cast.alice.address,
    bob: cast.bob.address,
    carol: cast.carol.address,
    dave: cast.dave.address,
    erin: cast.erin.address,
    frank: cast.frank.address,
    grace: cast.grace.address,
  };
  const miners = {
    a: cast.minerA.address,
    b: cast.minerB.address,
    rejected: cast.rejectedMiner.address,
    withdrawn: cast.withdrawnMiner.address,
  };
  const holders = cast.holders.map((h) => h.address);
  const reporters = cast.reporters.map((r) => r.address);
  return {
    deployer: cast.deployer.address,
    reserve: cast.reserve.address,
    holders,
    reporters,
    miners,
    buyers,
    all: [
      cast.deployer.address,
      cast.reserve.address,
      ...holders,
      ...reporters,
      ...Object.values(miners),
      ...Object.values(buyers),
    ],
  };
}
