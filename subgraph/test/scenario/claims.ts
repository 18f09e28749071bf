// Holders' and miners' payouts: yield claims (some mid-term, all at the end), miner A's escrow withdrawals,
// Bob's merge and split of his certificates, and the marketplace's fee collection.
import { claimYield, collectFees, mergeCertificates, splitCertificate, withdrawEscrow } from "@dmex/sdk";

import type { ScenarioContext, Wallet } from "./context.js";
import type { Offerings } from "./sales.js";

export interface PayoutsRecord {
  readonly claims: { tokenId: bigint; holder: string; amount: bigint }[];
  readonly escrowWithdrawals: { offeringId: bigint; amount: bigint }[];
  merge?: { readonly into: bigint; readonly burned: bigint; readonly units: bigint };
  split?: {
    readonly from: bigint;
    readonly newTokenId: bigint;
    readonly keptUnits: bigint;
    readonly newUnits: bigint;
  };
  fees?: { readonly toTreasury: bigint; readonly toInsurance: bigint };
}

export function emptyPayouts(): PayoutsRecord {
  return { claims: [], escrowWithdrawals: [] };
}

function certA(offerings: Offerings, i: number): bigint {
  const tokenId = offerings.a.tokenIds[i - 1];
  if (tokenId === undefined) throw new Error(`no certificate A #${i}`);
  return tokenId;
}

export async function claim(
  ctx: ScenarioContext,
  record: PayoutsRecord,
  holder: Wallet,
  tokenIds: readonly bigint[],
): Promise<void> {
  const { payouts } = await claimYield(ctx.as(holder).riskControlVault, tokenIds);
  for (const p of payouts)
    record.claims.push({ tokenId: p.tokenId, holder: holder.address, amount: p.amount });
}

export async function releaseEscrow(
  ctx: ScenarioContext,
  record: PayoutsRecord,
  offerings: Offerings,
): Promise<void> {
  const { amount } = await withdrawEscrow(ctx.as(ctx.cast.minerA).riskControlVault, offerings.a.offeringId);
  record.escrowWithdrawals.push({ offeringId: offerings.a.offeringId, amount });
}

/** Day 8: Bob merges A #5 into A #4 (both bought on day 0). */
export async function merge(
  ctx: ScenarioContext,
  record: PayoutsRecord,
  offerings: Offerings,
): Promise<void> {
  const into = certA(offerings, 4);
  const burned = certA(offerings, 5);
  const { units } = await mergeCertificates(ctx.as(ctx.cast.bob).riskControlVault, into, burned);
  record.merge = { into, burned, units };
}

/** Day 9: Bob splits 4 TiB off A #3 into a new certificate. */
export async function split(
  ctx: ScenarioContext,
  record: PayoutsRecord,
  offerings: Offerings,
): Promise<void> {
  const from = certA(offerings, 3);
  const { newTokenId, keptUnits, newUnits } = await splitCertificate(
    ctx.as(ctx.cast.bob).riskControlVault,
    from,
    4n,
  );
  record.split = { from, newTokenId, keptUnits, newUnits };
}

/** Day 15: miner A withdraws the escrow released so far; Alice, Bob and Carol claim. */
export async function midTermPayouts(
  ctx: ScenarioContext,
  record: PayoutsRecord,
  offerings: Offerings,
): Promise<void> {
  const { alice, bob, carol } = ctx.cast;
  await releaseEscrow(ctx, record, offerings);
  await claim(ctx, record, alice, [certA(offerings, 2)]);
  const bobs = [certA(offerings, 3), certA(offerings, 4)];
  if (record.split) bobs.push(record.split.newTokenId);
  await claim(ctx, record, bob, bobs);
  await claim(ctx, record, carol, [certA(offerings, 6), certA(offerings, 7), certA(offerings, 10)]);
}

/** After A's term: the last escrow release, every holder's claim, and the USDC fees collected (by h4). */
export async function finalPayouts(
  ctx: ScenarioContext,
  record: PayoutsRecord,
  offerings: Offerings,
): Promise<void> {
  const { alice, bob, carol, erin, holders } = ctx.cast;
  await releaseEscrow(ctx, record, offerings);
  await claim(ctx, record, alice, [certA(offerings, 2)]);
  await claim(ctx, record, erin, [certA(offerings, 9)]);
  // A #1 went from Alice to Dave (day 5) to Bob (day 10, credit.ts).
  const bobs = [certA(offerings, 1), certA(offerings, 3), certA(offerings, 4)];
  if (record.split) bobs.push(record.split.newTokenId);
  await claim(ctx, record, bob, bobs);
  await claim(ctx, record, carol, [certA(offerings, 6), certA(offerings, 7), certA(offerings, 10)]);
  const fees = await collectFees(ctx.as(holders[3]).marketplace, ctx.usdc);
  record.fees = { toTreasury: fees.toTreasury, toInsurance: fees.toInsurance };
}
