// The marketplace's story on a local chain, through the SDK only: the steps of
// src/market/marketplace.e2e.test.ts, which asserts on what each step returns, and of
// bench/marketplace-tx-gas.ts, which runs the same steps and keeps their receipts' gas. Every state change
// of the story is here, so that both run the same transactions in the same order.
//
// A miner (anvil 10) is onboarded through the registry and the DAO (vaultWorld.onboardMiner), creates an
// offering of 12 certificates of 10 TiB for 30 days paid in the demo USDC and lists #1-#10 at 1,000 USDC.
// Alice (11) buys #1 and #2 one by one, Bob (12) buys #3-#5 with buyMany, the miner raises #9 to 1,100 and
// cancels #10, Carol (13) buys what is left of [#3, #6, #10] with buyAvailable (#6). The miner auctions
// #11 (reserve 800.000001 USDC, 1 hour): Dave (14) bids the reserve, Erin (15) bids the minimum 5 minutes
// before the end (840.000002, the increment rounded up), which moves the end to 10 minutes after her bid;
// Carol settles. Carol offers 900 USDC for any certificate of the offering and the miner accepts with #12;
// Bob offers for Alice's #2 and withdraws the offer. Alice resells #1 at 1,234.567891 USDC to Dave.
import type { ContractTransactionReceipt, Wallet } from "ethers";
import type { CreateAuctionResult } from "../src/market/auction.js";
import { createAuction } from "../src/market/auction.js";
import { type BidResult, placeBid } from "../src/market/bid.js";
import {
  type BuyAvailableResult,
  type BuyManyResult,
  type BuyResult,
  buyAvailableListings,
  buyListing,
  buyManyListings,
} from "../src/market/buy.js";
import {
  cancelListing,
  type ListResult,
  listCertificate,
  type UpdateListingResult,
  updateListing,
} from "../src/market/listing.js";
import {
  type AcceptOfferResult,
  acceptOffer,
  type CancelOfferResult,
  cancelOffer,
  type MakeOfferResult,
  makeOffer,
  makeOfferingOffer,
} from "../src/market/offer.js";
import { type SettleResult, settleAuction } from "../src/market/settle.js";
import { createOffering } from "../src/vault/offering.js";
import { anvilWallet, DMC, FILECOIN, USDC, type VaultWorld } from "./vaultWorld.js";

/** The story's prices (demo USDC, 6 decimals). */
export const MARKET_PRICES = {
  listing: USDC("1000"),
  raised: USDC("1100"),
  reserve: 800_000_001n, // 800.000001 USDC: 5% of it is 40.00000005, rounded up to 40.000001
  offeringOffer: USDC("900"),
  tokenOffer: USDC("1100"),
  resale: 1_234_567_891n, // 1,234.567891 USDC: 2% of it is 24.69135782, rounded down to 24.691357
} as const;

/** USDC each buyer starts with (enough that no balance reaches zero, which would refund gas). */
export const BUYER_FUNDS = USDC("5000");
export const AUCTION_DURATION = 3_600;
/** Erin bids this many seconds before the end. */
export const LATE_BID_LEAD = 300;

/** The people of the story. */
export interface MarketCast {
  readonly miner: Wallet;
  readonly alice: Wallet;
  readonly bob: Wallet;
  readonly carol: Wallet;
  readonly dave: Wallet;
  readonly erin: Wallet;
}

export function marketCast(world: VaultWorld): MarketCast {
  const [miner, alice, bob, carol, dave, erin] = [10, 11, 12, 13, 14, 15].map((index) =>
    anvilWallet(index, world.provider),
  );
  if (!miner || !alice || !bob || !carol || !dave || !erin) throw new Error("marketCast: missing wallet");
  return { miner, alice, bob, carol, dave, erin };
}

/** The offering on sale and its listings. */
export interface OpenMarket {
  readonly usdc: string;
  readonly offeringId: bigint;
  /** Certificates #1-#12. */
  readonly tokenIds: readonly bigint[];
  /** Listings of #1-#10, in order (listing ids 1-10 on a fresh chain). */
  readonly listings: readonly ListResult[];
  readonly expiry: number;
}

/** Funds the cast, onboards the miner, creates the offering of 12 certificates and lists #1-#10. */
export async function openMarket(world: VaultWorld, cast: MarketCast): Promise<OpenMarket> {
  const { miner, alice, bob, carol, dave, erin } = cast;
  await world.fund(miner, alice, bob, carol, dave, erin);
  for (const buyer of [alice, bob, carol, dave, erin]) await world.mintUsdc(buyer.address, BUYER_FUNDS);
  await world.onboardMiner(miner, { capacityUnits: 120n, stake: DMC("10000") });

  const usdc = await world.usdc().getAddress();
  const asMiner = world.as(miner);
  const { offeringId, tokenIds } = await createOffering(asMiner.riskControlVault, {
    coinId: FILECOIN,
    paymentToken: usdc,
    unitsPerCertificate: 10n,
    certificateCount: 12,
    startDay: await world.today(),
    termDays: 30,
  });
  const expiry = (await latestTime(world)) + 7 * 86_400;
  const listings: ListResult[] = [];
  for (const tokenId of tokenIds.slice(0, 10)) {
    // One approval for all the miner's certificates, with the first listing.
    listings.push(
      await listCertificate(
        asMiner.marketplace,
        { tokenId, paymentToken: usdc, price: MARKET_PRICES.listing, expiry },
        { approveAll: true },
      ),
    );
  }
  return { usdc, offeringId, tokenIds, listings, expiry };
}

/** The primary sales through listings. */
export interface PrimarySales {
  /** Alice's two purchases: #1 (the marketplace's first sale ever) and #2. */
  readonly alice: readonly [BuyResult, BuyResult];
  /** Bob's buyMany of #3-#5. */
  readonly bob: BuyManyResult;
  /** The miner raised #9 to 1,100 USDC. */
  readonly raised: UpdateListingResult;
  /** Carol's buyAvailable of [#3 (Bob's by then), #6, #10 (cancelled)]. */
  readonly carol: BuyAvailableResult;
}

export async function sellPrimary(
  world: VaultWorld,
  cast: MarketCast,
  market: OpenMarket,
): Promise<PrimarySales> {
  const id = (i: number) => listingId(market, i);
  const asAlice = world.as(cast.alice).marketplace;
  const first = await buyListing(asAlice, id(1), { maxPrice: MARKET_PRICES.listing });
  const second = await buyListing(asAlice, id(2), { maxPrice: MARKET_PRICES.listing });
  const bob = await buyManyListings(world.as(cast.bob).marketplace, [id(3), id(4), id(5)]);
  const asMiner = world.as(cast.miner).marketplace;
  const raised = await updateListing(asMiner, id(9), MARKET_PRICES.raised, market.expiry);
  await cancelListing(asMiner, id(10));
  const carol = await buyAvailableListings(world.as(cast.carol).marketplace, [id(3), id(6), id(10)]);
  return { alice: [first, second], bob, raised, carol };
}

/** The auction of #11. */
export interface AuctionRun {
  readonly created: CreateAuctionResult;
  /** Dave's bid of the reserve: it starts the clock. */
  readonly firstBid: BidResult;
  /** Erin's minimum bid, `LATE_BID_LEAD` seconds before the end: it moves the end. */
  readonly outbid: BidResult;
  /** The timestamp of the block of Erin's bid. */
  readonly outbidTime: number;
  /** Carol's settlement after the end. */
  readonly settled: SettleResult;
}

/**
 * The miner auctions #11; Dave bids, then Erin late; Carol settles after the end. The hooks run while the
 * auction is open, after each bid (the test tries there what the marketplace must refuse; they must not
 * change the chain).
 */
export async function runAuction(
  world: VaultWorld,
  cast: MarketCast,
  market: OpenMarket,
  hooks: { afterFirstBid?: () => Promise<void>; afterLateBid?: () => Promise<void> } = {},
): Promise<AuctionRun> {
  const tokenId = certificate(market, 11);
  const created = await createAuction(world.as(cast.miner).marketplace, {
    tokenId,
    paymentToken: market.usdc,
    reserve: MARKET_PRICES.reserve,
    duration: AUCTION_DURATION,
  });
  const firstBid = await placeBid(world.as(cast.dave).marketplace, created.auctionId, "minimum");
  await hooks.afterFirstBid?.();
  await world.advance(firstBid.endTime - LATE_BID_LEAD - (await latestTime(world)));
  const outbid = await placeBid(world.as(cast.erin).marketplace, created.auctionId, "minimum");
  const block = await outbid.receipt.getBlock();
  await hooks.afterLateBid?.();
  await world.advance(outbid.endTime - (await latestTime(world)));
  const settled = await settleAuction(world.as(cast.carol).marketplace, created.auctionId);
  return { created, firstBid, outbid, outbidTime: block.timestamp, settled };
}

/** The offers. */
export interface Offers {
  /** Carol's 900 USDC for any certificate of the offering … */
  readonly offeringOffer: MakeOfferResult;
  /** … which the miner accepts with #12 (a primary sale through an offer). */
  readonly accepted: AcceptOfferResult;
  /** Bob's offer for Alice's #2 … */
  readonly tokenOffer: MakeOfferResult;
  /** … which Bob withdraws. */
  readonly cancelled: CancelOfferResult;
}

export async function runOffers(world: VaultWorld, cast: MarketCast, market: OpenMarket): Promise<Offers> {
  const expiry = (await latestTime(world)) + 86_400;
  const offeringOffer = await makeOfferingOffer(world.as(cast.carol).marketplace, market.offeringId, {
    units: 10n,
    paymentToken: market.usdc,
    amount: MARKET_PRICES.offeringOffer,
    expiry,
  });
  const accepted = await acceptOffer(
    world.as(cast.miner).marketplace,
    offeringOffer.offerId,
    certificate(market, 12),
  );
  const asBob = world.as(cast.bob).marketplace;
  const tokenOffer = await makeOffer(asBob, certificate(market, 2), {
    paymentToken: market.usdc,
    amount: MARKET_PRICES.tokenOffer,
    expiry,
  });
  const cancelled = await cancelOffer(asBob, tokenOffer.offerId);
  return { offeringOffer, accepted, tokenOffer, cancelled };
}

/** Alice's resale of #1 to Dave (a secondary sale). */
export interface Resale {
  readonly listed: ListResult;
  readonly bought: BuyResult;
}

export async function resell(world: VaultWorld, cast: MarketCast, market: OpenMarket): Promise<Resale> {
  const listed = await listCertificate(world.as(cast.alice).marketplace, {
    tokenId: certificate(market, 1),
    paymentToken: market.usdc,
    price: MARKET_PRICES.resale,
    expiry: (await latestTime(world)) + 86_400,
  });
  const bought = await buyListing(world.as(cast.dave).marketplace, listed.listingId);
  return { listed, bought };
}

/** The whole story, in order. */
export interface MarketStory {
  readonly market: OpenMarket;
  readonly primary: PrimarySales;
  readonly auction: AuctionRun;
  readonly offers: Offers;
  readonly resale: Resale;
}

export async function runMarketStory(world: VaultWorld, cast: MarketCast): Promise<MarketStory> {
  const market = await openMarket(world, cast);
  const primary = await sellPrimary(world, cast, market);
  const auction = await runAuction(world, cast, market);
  const offers = await runOffers(world, cast, market);
  const resale = await resell(world, cast, market);
  return { market, primary, auction, offers, resale };
}

/**
 * Whole-transaction gas (the receipts' `gasUsed`: intrinsic 21,000 and calldata included, refunds
 * deducted) of the story's benchmark transactions.
 */
export interface MarketTxGas {
  /** Alice's #2: a primary buy once the marketplace, the vault and the fee recipients are warm. */
  readonly primaryBuy: number;
  /** Alice's #1, the marketplace's first sale: fee recipients' and the vault's first USDC, first checkpoint. */
  readonly firstPrimaryBuy: number;
  /** Dave buying Alice's #1 (2% trading fee to two recipients, proceeds to the seller). */
  readonly secondaryBuy: number;
  /** The miner putting #11 up for auction (the certificate moves into custody). */
  readonly createAuction: number;
  /** Dave's bid of the reserve, which starts the clock. */
  readonly firstBid: number;
  /** Erin's higher bid, which repays Dave and extends the end. */
  readonly outbid: number;
  /** Carol settling #11: a primary sale recorded in the vault. */
  readonly settle: number;
}

export function marketTxGas(story: Pick<MarketStory, "primary" | "auction" | "resale">): MarketTxGas {
  const gas = (receipt: ContractTransactionReceipt) => Number(receipt.gasUsed);
  const { primary, auction, resale } = story;
  return {
    primaryBuy: gas(primary.alice[1].receipt),
    firstPrimaryBuy: gas(primary.alice[0].receipt),
    secondaryBuy: gas(resale.bought.receipt),
    createAuction: gas(auction.created.receipt),
    firstBid: gas(auction.firstBid.receipt),
    outbid: gas(auction.outbid.receipt),
    settle: gas(auction.settled.receipt),
  };
}

/** Listing `i` (1-based) of the market. */
export function listingId(market: OpenMarket, i: number): bigint {
  const listing = market.listings[i - 1];
  if (!listing) throw new Error(`no listing ${i}`);
  return listing.listingId;
}

/** Certificate #`i` (1-based) of the offering. */
export function certificate(market: OpenMarket, i: number): bigint {
  const tokenId = market.tokenIds[i - 1];
  if (tokenId === undefined) throw new Error(`no certificate ${i}`);
  return tokenId;
}

async function latestTime(world: VaultWorld): Promise<number> {
  const block = await world.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  return block.timestamp;
}
