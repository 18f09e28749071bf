// Offerings and their sales: one offering per miner, sold by the unit (each primary sale mints one
// certificate): purchases of 10 TiB, a primary auction of a lot extended by a late bid and settled, an offer on
// the offering accepted by the miner, offers withdrawn or left to expire; secondary listings bought with
// buyMany and buyAvailable, a listing repriced and cancelled, one left to expire; an unbid lot auction
// cancelled; later (day 3) a late primary purchase and the close of A's sale (its unsold units go back to the
// miner), and (day 5) a secondary resale.
import {
  acceptPrimaryOffer,
  buyAvailableListings,
  buyListing,
  buyManyListings,
  buyPrimaryUnits,
  cancelAuction,
  cancelListing,
  cancelOffer,
  closeSale,
  createOffering,
  createPrimaryAuction,
  listCertificate,
  makeOffer,
  makeOfferingOffer,
  placeBid,
  settleAuction,
  updateListing,
} from "@dmex/sdk";
import { USDC } from "@dmex/sdk-test/vaultWorld";

import type { ScenarioContext } from "./context.js";

export const PRICES = {
  listing: USDC("1000"),
  raised: USDC("1100"),
  reserve: USDC("800"),
  offeringOffer: USDC("900"),
  tokenOffer: USDC("1100"),
  lowOffer: USDC("500"),
  resale: 1_234_567_891n,
  listingB: USDC("500"),
  reserveB: USDC("400"),
} as const;
export const AUCTION_DURATION = 3_600;
/** USDC each buyer starts with. */
export const BUYER_FUNDS = USDC("10000");

/** Units of every purchase, lot and offer of the scenario (one certificate each). */
export const LOT = 10n;

/**
 * Offering A: 120 TiB for 31 days at 100 USDC per TiB (miner A); offering B: 60 TiB for 30 days at 50 USDC per
 * TiB (miner B). `tokenIds[i - 1]` is the certificate the story calls "#i" of the offering (its i-th lot of 10
 * TiB), 0n while (or if never) sold: certificates are minted at their sales, in sale order.
 */
export interface Offerings {
  readonly startDay: number;
  readonly a: { readonly offeringId: bigint; readonly tokenIds: bigint[] };
  readonly b: { readonly offeringId: bigint; readonly tokenIds: bigint[] };
}

export interface SalesRecord {
  readonly listings: {
    /** Every listing id created, in order. */
    readonly all: bigint[];
    readonly sold: bigint[];
    readonly updated: bigint;
    readonly cancelled: bigint;
    /** Left to expire (never bought or cancelled). */
    readonly expiring: bigint;
    /** Skipped by buyAvailable because it was already sold. */
    readonly skipped: bigint;
    /** The secondary resale's listing (day 5). */
    resale?: bigint;
  };
  readonly auctions: {
    readonly settled: bigint;
    /** The end moved by the late bid, from/to (unix seconds). */
    readonly extension: { readonly from: number; readonly to: number };
    readonly cancelled: bigint;
    /** Set by the termination act: bid on while its offering is terminated, then voided at settlement. */
    voided?: bigint;
  };
  readonly offers: {
    readonly accepted: bigint;
    readonly cancelled: bigint;
    /** Left open until after its expiry. */
    readonly expiring: bigint;
  };
  /** Certificates minted at primary sales, with their buyers' addresses. */
  readonly primary: { tokenId: bigint; buyer: string }[];
  readonly secondary: { tokenId: bigint; seller: string; buyer: string }[];
  /** A's sale closed on day 3 (after the late purchase): the units returned to miner A's capacity. */
  saleClosed?: { readonly offeringId: bigint; readonly unsoldUnits: bigint };
}

function at<T>(list: readonly T[], index: number, what: string): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no ${what} #${index + 1}`);
  return value;
}

export async function createOfferings(ctx: ScenarioContext): Promise<Offerings> {
  const { cast, as, world } = ctx;
  const startDay = (await world.today()) + 1;
  await world.advanceToDay(startDay);
  const a = await createOffering(
    as(cast.minerA).riskControlVault,
    await world.offeringParams({
      units: 12n * LOT,
      startDay,
      termDays: 31,
      pricePerUnit: PRICES.listing / LOT,
    }),
  );
  const b = await createOffering(
    as(cast.minerB).riskControlVault,
    await world.offeringParams({
      units: 6n * LOT,
      startDay,
      termDays: 30,
      pricePerUnit: PRICES.listingB / LOT,
    }),
  );
  return {
    startDay,
    a: { offeringId: a.offeringId, tokenIds: Array.from({ length: 12 }, () => 0n) },
    b: { offeringId: b.offeringId, tokenIds: Array.from({ length: 6 }, () => 0n) },
  };
}

/** Day 0 of the offerings: the first primary sales, then secondary trades of some of their certificates. */
export async function primarySales(ctx: ScenarioContext, offerings: Offerings): Promise<SalesRecord> {
  const { cast, as, world, usdc } = ctx;
  const { alice, bob, carol, dave, erin, frank, grace } = cast;
  for (const buyer of [alice, bob, carol, dave, erin, frank, grace]) {
    await world.mintUsdc(buyer.address, BUYER_FUNDS);
  }
  const certA = (i: number) => at(offerings.a.tokenIds, i - 1, "certificate of A");
  const primary: { tokenId: bigint; buyer: string }[] = [];
  const secondary: { tokenId: bigint; seller: string; buyer: string }[] = [];
  const buy = async (who: typeof alice, slots: Offerings["a"], i: number, offeringId: bigint) => {
    const { tokenId } = await buyPrimaryUnits(as(who).marketplace, offeringId, LOT);
    slots.tokenIds[i - 1] = tokenId;
    primary.push({ tokenId, buyer: who.address });
  };
  const A = offerings.a.offeringId;
  const B = offerings.b.offeringId;

  // A: Alice buys #1-#5, Dave #7 (10 TiB at 1,000 USDC each, one certificate each).
  for (let i = 1; i <= 5; i++) await buy(alice, offerings.a, i, A);
  await buy(dave, offerings.a, 7, A);

  // A #9 by a primary auction of a lot: Dave bids the reserve, Erin outbids 5 minutes before the end, which
  // moves it; Carol settles and the lot is minted to Erin.
  const minerA = as(cast.minerA).marketplace;
  const auction = await createPrimaryAuction(minerA, {
    offeringId: A,
    units: LOT,
    reserve: PRICES.reserve,
    duration: AUCTION_DURATION,
  });
  const first = await placeBid(as(dave).marketplace, auction.auctionId, "minimum");
  await ctx.advance(first.endTime - 300 - (await ctx.now()));
  const late = await placeBid(as(erin).marketplace, auction.auctionId, "minimum");
  if (!late.extended) throw new Error("the late bid did not extend the auction");
  await ctx.advance(late.endTime - (await ctx.now()) + 1);
  const settled = await settleAuction(as(carol).marketplace, auction.auctionId);
  if (settled.outcome !== "settled") throw new Error("the auction of A's lot voided");
  offerings.a.tokenIds[8] = settled.sale.tokenId;
  primary.push({ tokenId: settled.sale.tokenId, buyer: erin.address });

  // A #10 through Carol's offer on the offering, accepted by the miner (primary); Bob's offer on #2 withdrawn;
  // Erin's on #3 expires.
  const offerExpiry = (await ctx.now()) + 86_400;
  const accepted = await makeOfferingOffer(as(carol).marketplace, A, {
    units: LOT,
    paymentToken: usdc,
    amount: PRICES.offeringOffer,
    expiry: offerExpiry,
  });
  const acceptedSale = await acceptPrimaryOffer(minerA, accepted.offerId);
  offerings.a.tokenIds[9] = acceptedSale.tokenId;
  primary.push({ tokenId: acceptedSale.tokenId, buyer: carol.address });
  const withdrawn = await makeOffer(as(bob).marketplace, certA(2), {
    paymentToken: usdc,
    amount: PRICES.tokenOffer,
    expiry: offerExpiry,
  });
  await cancelOffer(as(bob).marketplace, withdrawn.offerId);
  const left = await makeOffer(as(erin).marketplace, certA(3), {
    paymentToken: usdc,
    amount: PRICES.lowOffer,
    expiry: offerExpiry,
  });

  // Secondary: Alice lists #3-#5 at 1,000 USDC (one approval for all), #2 (raised, then cancelled) and #1 for
  // 2 days (left to expire); Dave lists #7. Bob buys #3-#5 with buyMany; Carol's buyAvailable skips #5 (Bob's
  // by then) and buys #7.
  const expiry = (await ctx.now()) + 7 * 86_400;
  const list = async (who: typeof alice, i: number, until: number, approveAll = false) =>
    (
      await listCertificate(
        as(who).marketplace,
        { tokenId: certA(i), paymentToken: usdc, price: PRICES.listing, expiry: until },
        { approveAll },
      )
    ).listingId;
  const bobs = [
    await list(alice, 3, expiry, true),
    await list(alice, 4, expiry),
    await list(alice, 5, expiry),
  ];
  const raised = await list(alice, 2, expiry);
  const expiring = await list(alice, 1, (await ctx.now()) + 2 * 86_400);
  const daves = await list(dave, 7, expiry, true);
  await buyManyListings(as(bob).marketplace, bobs);
  for (const i of [3, 4, 5]) secondary.push({ tokenId: certA(i), seller: alice.address, buyer: bob.address });
  await updateListing(as(alice).marketplace, raised, PRICES.raised, expiry);
  await cancelListing(as(alice).marketplace, raised);
  const skipped = at(bobs, 2, "listing of #5");
  const available = await buyAvailableListings(as(carol).marketplace, [skipped, daves]);
  if (available.purchases.length !== 1) throw new Error("buyAvailable: expected one purchase");
  secondary.push({ tokenId: certA(7), seller: dave.address, buyer: carol.address });

  // B: Frank buys #1, Grace #2 and #3 (10 TiB at 500 USDC); a lot auctioned without a bid, cancelled.
  await buy(frank, offerings.b, 1, B);
  await buy(grace, offerings.b, 2, B);
  await buy(grace, offerings.b, 3, B);
  const minerB = as(cast.minerB).marketplace;
  const unbid = await createPrimaryAuction(minerB, {
    offeringId: B,
    units: LOT,
    reserve: PRICES.reserveB,
    duration: AUCTION_DURATION,
  });
  await cancelAuction(minerB, unbid.auctionId);

  return {
    listings: {
      all: [...bobs, raised, expiring, daves],
      sold: [...bobs, daves],
      updated: raised,
      cancelled: raised,
      expiring,
      skipped,
    },
    auctions: {
      settled: auction.auctionId,
      extension: { from: first.endTime, to: late.endTime },
      cancelled: unbid.auctionId,
    },
    offers: { accepted: accepted.offerId, cancelled: withdrawn.offerId, expiring: left.offerId },
    primary,
    secondary,
  };
}

/**
 * Day 3: Carol buys A #6, a primary purchase that raises A's sold units from day 3; then miner A closes A's sale:
 * its unsold 30 TiB (the story's #8, #11 and #12) go back to its capacity.
 */
export async function lateSale(
  ctx: ScenarioContext,
  offerings: Offerings,
  sales: SalesRecord,
): Promise<void> {
  const { tokenId } = await buyPrimaryUnits(ctx.as(ctx.cast.carol).marketplace, offerings.a.offeringId, LOT);
  offerings.a.tokenIds[5] = tokenId;
  sales.primary.push({ tokenId, buyer: ctx.cast.carol.address });
  const closed = await closeSale(ctx.as(ctx.cast.minerA).riskControlVault, offerings.a.offeringId);
  if (closed.unsoldUnits !== 3n * LOT) throw new Error(`A's sale closed with ${closed.unsoldUnits} unsold`);
  sales.saleClosed = { offeringId: offerings.a.offeringId, unsoldUnits: closed.unsoldUnits };
}

/** Day 5: Alice claims her yield, then resells A #1 to Dave (a secondary sale, 2% trading fee). */
export async function resale(ctx: ScenarioContext, offerings: Offerings, sales: SalesRecord): Promise<void> {
  const { alice, dave } = ctx.cast;
  const tokenId = at(offerings.a.tokenIds, 0, "certificate of A");
  const { listingId } = await listCertificate(ctx.as(alice).marketplace, {
    tokenId,
    paymentToken: ctx.usdc,
    price: PRICES.resale,
    expiry: (await ctx.now()) + 86_400,
  });
  const bought = await buyListing(ctx.as(dave).marketplace, listingId);
  if (bought.sale.primary) throw new Error("the resale was recorded as primary");
  sales.listings.all.push(listingId);
  sales.listings.sold.push(listingId);
  sales.listings.resale = listingId;
  sales.secondary.push({ tokenId, seller: alice.address, buyer: dave.address });
}
