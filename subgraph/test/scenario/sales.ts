// Offerings and their sales: one offering per miner, primary sales by listing (buy, buyMany, buyAvailable),
// an auction extended by a late bid and settled, an offer on the offering accepted, offers withdrawn or left
// to expire, a listing repriced and cancelled, one left to expire, an unsold certificate cancelled, an unbid
// auction cancelled; later (day 3 and day 5) a late primary sale and a secondary resale.
import {
  acceptOffer,
  buyAvailableListings,
  buyListing,
  buyManyListings,
  cancelAuction,
  cancelListing,
  cancelOffer,
  cancelUnsold,
  createAuction,
  createOffering,
  listCertificate,
  makeOffer,
  makeOfferingOffer,
  placeBid,
  settleAuction,
  updateListing,
} from "@dmex/sdk";
import { FILECOIN, USDC } from "@dmex/sdk-test/vaultWorld";

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

/** Offering A: 12 certificates of 10 TiB for 31 days (miner A). Offering B: 6 of 10 TiB for 30 days. */
export interface Offerings {
  readonly startDay: number;
  readonly a: { readonly offeringId: bigint; readonly tokenIds: readonly bigint[] };
  readonly b: { readonly offeringId: bigint; readonly tokenIds: readonly bigint[] };
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
    /** Listed on day 0, bought on day 3 (a primary sale that raises the sold units mid-term). */
    readonly lateSale: bigint;
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
  /** Certificates sold on primary sales, with their buyers' addresses. */
  readonly primary: { tokenId: bigint; buyer: string }[];
  readonly secondary: { tokenId: bigint; seller: string; buyer: string }[];
  readonly cancelledUnsold: bigint;
}

function at<T>(list: readonly T[], index: number, what: string): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no ${what} #${index + 1}`);
  return value;
}

export async function createOfferings(ctx: ScenarioContext): Promise<Offerings> {
  const { cast, as, world, usdc } = ctx;
  const startDay = (await world.today()) + 1;
  await world.advanceToDay(startDay);
  const a = await createOffering(as(cast.minerA).riskControlVault, {
    coinId: FILECOIN,
    paymentToken: usdc,
    unitsPerCertificate: 10n,
    certificateCount: 12,
    startDay,
    termDays: 31,
  });
  const b = await createOffering(as(cast.minerB).riskControlVault, {
    coinId: FILECOIN,
    paymentToken: usdc,
    unitsPerCertificate: 10n,
    certificateCount: 6,
    startDay,
    termDays: 30,
  });
  return {
    startDay,
    a: { offeringId: a.offeringId, tokenIds: a.tokenIds },
    b: { offeringId: b.offeringId, tokenIds: b.tokenIds },
  };
}

/** Day 0 of the offerings: everything on sale and the first sales. */
export async function primarySales(ctx: ScenarioContext, offerings: Offerings): Promise<SalesRecord> {
  const { cast, as, world, usdc } = ctx;
  const { alice, bob, carol, dave, erin, frank, grace } = cast;
  for (const buyer of [alice, bob, carol, dave, erin, frank, grace]) {
    await world.mintUsdc(buyer.address, BUYER_FUNDS);
  }
  const certA = (i: number) => at(offerings.a.tokenIds, i - 1, "certificate of A");
  const certB = (i: number) => at(offerings.b.tokenIds, i - 1, "certificate of B");
  const expiry = (await ctx.now()) + 7 * 86_400;
  const minerA = as(cast.minerA).marketplace;

  // A: #1-#8 listed at 1,000 USDC (one approval for all), #11 listed for 2 days and left to expire.
  const listingsA: bigint[] = [];
  for (let i = 1; i <= 8; i++) {
    const { listingId } = await listCertificate(
      minerA,
      { tokenId: certA(i), paymentToken: usdc, price: PRICES.listing, expiry },
      { approveAll: true },
    );
    listingsA.push(listingId);
  }
  const listing = (i: number) => at(listingsA, i - 1, "listing of A");
  const expiring = (
    await listCertificate(minerA, {
      tokenId: certA(11),
      paymentToken: usdc,
      price: PRICES.listing,
      expiry: (await ctx.now()) + 2 * 86_400,
    })
  ).listingId;

  const primary: { tokenId: bigint; buyer: string }[] = [];
  await buyListing(as(alice).marketplace, listing(1), { maxPrice: PRICES.listing });
  await buyListing(as(alice).marketplace, listing(2), { maxPrice: PRICES.listing });
  primary.push({ tokenId: certA(1), buyer: alice.address }, { tokenId: certA(2), buyer: alice.address });
  await buyManyListings(as(bob).marketplace, [listing(3), listing(4), listing(5)]);
  for (const i of [3, 4, 5]) primary.push({ tokenId: certA(i), buyer: bob.address });
  await updateListing(minerA, listing(8), PRICES.raised, expiry);
  await cancelListing(minerA, listing(8));
  const available = await buyAvailableListings(as(carol).marketplace, [listing(5), listing(7)]);
  if (available.purchases.length !== 1) throw new Error("buyAvailable: expected one purchase");
  primary.push({ tokenId: certA(7), buyer: carol.address });

  // A #9 by auction: Dave bids the reserve, Erin outbids 5 minutes before the end, which moves it.
  const auction = await createAuction(minerA, {
    tokenId: certA(9),
    paymentToken: usdc,
    reserve: PRICES.reserve,
    duration: AUCTION_DURATION,
  });
  const first = await placeBid(as(dave).marketplace, auction.auctionId, "minimum");
  await ctx.advance(first.endTime - 300 - (await ctx.now()));
  const late = await placeBid(as(erin).marketplace, auction.auctionId, "minimum");
  if (!late.extended) throw new Error("the late bid did not extend the auction");
  await ctx.advance(late.endTime - (await ctx.now()) + 1);
  const settled = await settleAuction(as(carol).marketplace, auction.auctionId);
  if (settled.outcome !== "settled") throw new Error("auction of A #9 voided");
  primary.push({ tokenId: certA(9), buyer: erin.address });

  // A #10 through Carol's offer on any certificate of A; Bob's offer on #2 withdrawn; Erin's on #3 expires.
  const offerExpiry = (await ctx.now()) + 86_400;
  const accepted = await makeOfferingOffer(as(carol).marketplace, offerings.a.offeringId, {
    units: 10n,
    paymentToken: usdc,
    amount: PRICES.offeringOffer,
    expiry: offerExpiry,
  });
  await acceptOffer(minerA, accepted.offerId, certA(10));
  primary.push({ tokenId: certA(10), buyer: carol.address });
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

  // A #12 never sold: the miner cancels it, giving its 10 TiB back.
  await cancelUnsold(as(cast.minerA).riskControlVault, offerings.a.offeringId, [certA(12)]);

  // B: #1-#3 listed at 500 USDC; Frank buys #1, Grace #2 and #3; #5 auctioned without a bid, cancelled.
  const minerB = as(cast.minerB).marketplace;
  const listingsB: bigint[] = [];
  for (let i = 1; i <= 3; i++) {
    const { listingId } = await listCertificate(
      minerB,
      { tokenId: certB(i), paymentToken: usdc, price: PRICES.listingB, expiry },
      { approveAll: true },
    );
    listingsB.push(listingId);
  }
  await buyListing(as(frank).marketplace, at(listingsB, 0, "listing of B"));
  await buyManyListings(as(grace).marketplace, listingsB.slice(1));
  primary.push(
    { tokenId: certB(1), buyer: frank.address },
    { tokenId: certB(2), buyer: grace.address },
    { tokenId: certB(3), buyer: grace.address },
  );
  const unbid = await createAuction(minerB, {
    tokenId: certB(5),
    paymentToken: usdc,
    reserve: PRICES.reserveB,
    duration: AUCTION_DURATION,
  });
  await cancelAuction(minerB, unbid.auctionId);

  return {
    listings: {
      all: [...listingsA, expiring, ...listingsB],
      sold: [listing(1), listing(2), listing(3), listing(4), listing(5), listing(7), ...listingsB],
      updated: listing(8),
      cancelled: listing(8),
      expiring,
      skipped: listing(5),
      lateSale: listing(6),
    },
    auctions: {
      settled: auction.auctionId,
      extension: { from: first.endTime, to: late.endTime },
      cancelled: unbid.auctionId,
    },
    offers: { accepted: accepted.offerId, cancelled: withdrawn.offerId, expiring: left.offerId },
    primary,
    secondary: [],
    cancelledUnsold: certA(12),
  };
}

/** Day 3: Carol buys A #6 from its day-0 listing, a primary sale that raises A's sold units from day 3. */
export async function lateSale(
  ctx: ScenarioContext,
  offerings: Offerings,
  sales: SalesRecord,
): Promise<void> {
  await buyListing(ctx.as(ctx.cast.carol).marketplace, sales.listings.lateSale);
  sales.listings.sold.push(sales.listings.lateSale);
  sales.primary.push({
    tokenId: at(offerings.a.tokenIds, 5, "certificate of A"),
    buyer: ctx.cast.carol.address,
  });
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
