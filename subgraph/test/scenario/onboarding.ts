// Onboarding by vote: four miners apply; two are approved by proposals (each funding its stake from the
// treasury) and stake, one is voted down then rejected by the DAO, one withdraws its application.

import { createHash } from "node:crypto";
import {
  actionFromTx,
  approveApplicationAction,
  rejectApplicationAction,
  stake,
  submitApplication,
} from "@dmex/sdk";
import { DMC, FILECOIN, IFIL } from "@dmex/sdk-test/vaultWorld";

import type { ScenarioContext, Wallet } from "./context.js";
import { defeatedProposals } from "./governance.js";

export const STAKE_A = DMC("10000");
export const STAKE_B = DMC("8000");
export const CAPACITY_A = 150n;
export const CAPACITY_B = 60n;

export interface OnboardingRecord {
  readonly applications: {
    readonly minerA: bigint;
    readonly minerB: bigint;
    readonly rejected: bigint;
    readonly withdrawn: bigint;
  };
  readonly proposals: {
    readonly approveA: bigint;
    readonly approveB: bigint;
    readonly reject: bigint;
    readonly defeated: readonly bigint[];
  };
}

async function apply(
  ctx: ScenarioContext,
  miner: Wallet,
  capacityUnits: bigint,
  name: string,
): Promise<bigint> {
  const { applicationId } = await submitApplication(ctx.as(miner).minerRegistry, {
    profileURI: `ipfs://dmex-scenario/${name}.json`,
    contentHash: `0x${createHash("sha256").update(`profile document of ${name}`).digest("hex")}`,
    coinId: FILECOIN,
    capacityUnits,
    maxTermDays: 360,
    expectedYieldPerUnit: IFIL("0.002"),
  });
  return applicationId;
}

export async function onboardMiners(ctx: ScenarioContext): Promise<OnboardingRecord> {
  const { cast, as } = ctx;
  const [h1, h2, h3] = cast.holders;
  const applications = {
    minerA: await apply(ctx, cast.minerA, CAPACITY_A, "miner-a"),
    minerB: await apply(ctx, cast.minerB, CAPACITY_B, "miner-b"),
    rejected: await apply(ctx, cast.rejectedMiner, 50n, "rejected-miner"),
    withdrawn: await apply(ctx, cast.withdrawnMiner, 40n, "withdrawn-miner"),
  };
  await (await as(cast.withdrawnMiner).minerRegistry.withdrawApplication(applications.withdrawn)).wait();

  const { minerRegistry, dmcToken } = as(cast.reserve);
  const approveA = await ctx.pass(
    [
      await approveApplicationAction(minerRegistry, applications.minerA, 120n, STAKE_A),
      actionFromTx(await dmcToken.transfer.populateTransaction(cast.minerA.address, STAKE_A)),
    ],
    `# Approve miner application #${applications.minerA}\n\n120 TiB, stake funded by the treasury.`,
    {
      votes: [
        { voter: cast.reserve, support: "for", reason: "Capacity verified on the pool dashboard" },
        { voter: h1, support: "for" },
        { voter: h2, support: "against" },
        { voter: h3, support: "abstain" },
      ],
    },
  );
  // The DAO raises A's capacity to what it asked for, and B's stake is set in its approval.
  const approveB = await ctx.pass(
    [
      await approveApplicationAction(minerRegistry, applications.minerB, CAPACITY_B, STAKE_B),
      actionFromTx(await dmcToken.transfer.populateTransaction(cast.minerB.address, STAKE_B)),
      actionFromTx(await minerRegistry.setCapacity.populateTransaction(cast.minerA.address, CAPACITY_A)),
    ],
    `# Approve miner application #${applications.minerB}\n\n60 TiB; raise miner A to 150 TiB.`,
  );
  // setCapacity needs an approved or active miner: A is approved by the first proposal above.

  const defeated = await defeatedProposals(ctx, applications.rejected);
  const reject = await ctx.pass(
    [await rejectApplicationAction(minerRegistry, applications.rejected, "No proof of capacity")],
    `# Reject miner application #${applications.rejected}`,
  );

  await stake(as(cast.minerA).minerRegistry, as(cast.minerA).dmcToken, STAKE_A);
  await stake(as(cast.minerB).minerRegistry, as(cast.minerB).dmcToken, STAKE_B);
  return { applications, proposals: { approveA, approveB, reject, defeated } };
}
