// Offering B's default: a primary auction of a lot of B opens on day 6 and gets a bid; on day 7 (day 0 short: the
// three quarter payments of days 0-2 all went to it, in order, and never reached the threshold; days 1-6 missed)
// Frank flags B, which freezes; the DAO terminates it and slashes part of miner B's stake in one proposal;
// miner B has no delivered day, so no escrow was released and its withdrawal is refused; the holders take back
// all of it; the next morning the auction is settled and voided (its offering terminated), repaying the bidder
// (no certificate is minted; the lot's units went back with the termination).
import {
  actionFromTx,
  ContractRevertError,
  createPrimaryAuction,
  flagOffering,
  placeBid,
  readFlaggable,
  refundEscrow,
  settleAuction,
  terminateOfferingAction,
  withdrawEscrow,
} from "@dmex/sdk";
import { DMC } from "@dmex/sdk-test/vaultWorld";

import type { ScenarioContext } from "./context.js";
import { LOT, type Offerings, PRICES, type SalesRecord } from "./sales.js";

export const SLASH_B = DMC("2000");

export interface TerminationRecord {
  readonly flagged: { readonly fromDay: number; readonly toDay: number; readonly flagger: string };
  readonly proposal: bigint;
  readonly escrowWithdrawnByMiner: bigint;
  /** Why miner B's withdrawal after the termination was refused (the revert's error name), if it was. */
  readonly minerWithdrawalRefused: string | undefined;
  /** Refunds paid, per certificate. */
  readonly refunds: { tokenId: bigint; holder: string; amount: bigint }[];
}

function certB(offerings: Offerings, i: number): bigint {
  const tokenId = offerings.b.tokenIds[i - 1];
  if (tokenId === undefined) throw new Error(`no certificate B #${i}`);
  return tokenId;
}

/** Day 6: miner B auctions a lot of 10 TiB of B for 2 days; Alice bids the reserve (the clock starts). */
export async function openDoomedAuction(
  ctx: ScenarioContext,
  offerings: Offerings,
  sales: SalesRecord,
): Promise<void> {
  const { auctionId } = await createPrimaryAuction(ctx.as(ctx.cast.minerB).marketplace, {
    offeringId: offerings.b.offeringId,
    units: LOT,
    reserve: PRICES.reserveB,
    duration: 2 * 86_400,
  });
  await placeBid(ctx.as(ctx.cast.alice).marketplace, auctionId, "minimum");
  sales.auctions.voided = auctionId;
}

/** Day 7, after the oracle rated day 6: flag, terminate (with a slash), withdraw, refunds. */
export async function flagAndTerminate(
  ctx: ScenarioContext,
  offerings: Offerings,
): Promise<TerminationRecord> {
  const { cast, as } = ctx;
  const offeringId = offerings.b.offeringId;
  const flaggable = await readFlaggable(as(cast.frank).riskControlVault, offeringId);
  if (!flaggable.canFlag) throw new Error(`offering B is not flaggable on day 7`);
  const flagged = await flagOffering(as(cast.frank).riskControlVault, offeringId);

  const { riskControlVault, minerRegistry } = as(cast.reserve);
  const proposal = await ctx.pass(
    [
      await terminateOfferingAction(riskControlVault, offeringId),
      actionFromTx(
        await minerRegistry.slash.populateTransaction(
          cast.minerB.address,
          SLASH_B,
          "Offering B defaulted: day 0 short, days 1-6 missed",
        ),
      ),
    ],
    `# Terminate offering #${offeringId}\n\nFlagged for 7 days missed or short; slash 2,000 DMC of the stake.`,
    {
      votes: [
        { voter: cast.reserve, support: "for" },
        { voter: cast.holders[0], support: "for", reason: "Holders must be refunded" },
      ],
    },
  );
  let amount = 0n;
  let minerWithdrawalRefused: string | undefined;
  try {
    ({ amount } = await withdrawEscrow(as(cast.minerB).riskControlVault, offeringId));
  } catch (error) {
    if (!(error instanceof ContractRevertError)) throw error;
    minerWithdrawalRefused = error.errorName;
  }
  const refunds: TerminationRecord["refunds"] = [];
  for (const [holder, tokens] of [
    [cast.frank, [certB(offerings, 1)]],
    [cast.grace, [certB(offerings, 2), certB(offerings, 3)]],
  ] as const) {
    const { payouts } = await refundEscrow(as(holder).riskControlVault, tokens);
    for (const p of payouts) refunds.push({ tokenId: p.tokenId, holder: holder.address, amount: p.amount });
  }
  return {
    flagged: { fromDay: flagged.fromDay, toDay: flagged.toDay, flagger: cast.frank.address },
    proposal,
    escrowWithdrawnByMiner: amount,
    minerWithdrawalRefused,
    refunds,
  };
}

/** Day 8 or later, after the auction's end: settling it voids it (B is terminated); Alice is repaid. */
export async function voidDoomedAuction(ctx: ScenarioContext, sales: SalesRecord): Promise<void> {
  const auctionId = sales.auctions.voided;
  if (auctionId === undefined) throw new Error("no auction of B's lot");
  const result = await settleAuction(ctx.as(ctx.cast.grace).marketplace, auctionId);
  if (result.outcome !== "voided") throw new Error("the auction of B's lot was settled, not voided");
}
