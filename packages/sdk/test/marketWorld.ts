// The marketplace's story on a local chain, through the SDK only: the steps of
// src/market/marketplace.e2e.test.ts, which asserts on what each step returns, and of
// bench/marketplace-tx-gas.ts, which runs the same steps and keeps their receipts' gas. Every state change
// of the story is here, so that both run the same transactions in the same order.
//
// A miner (anvil 10) is onboarded through the registry and the DAO (vaultWorld.onboardMiner) and creates an
// offering of 120 TiB for 30 days at 100 USDC per TiB (demo USDC), on sale for 7 days. Primary sales by the
// unit, each minting one certificate to its buyer: Alice (11) buys 10 TiB twice (#1, #2), Bob (12) 10 TiB three
// times (#3-#5), Carol (13) 10 TiB (#6). Secondary listings: Bob lists #3-#5 at 1,000 USDC (listings 1-3, one
// approval for all), Alice #2 (4), Carol #6 (5); Dave (14) buys listings 1 and 2 with buyMany; Bob raises
// listing 3 to 1,100 and Alice cancels listing 4; Erin (15) buys what is left of [1, 5, 4] with buyAvailable
// (#6). The miner auctions a lot of 10 TiB (reserve 800.000001 USDC, 1 hour): Dave bids the reserve, Erin bids
// the minimum 5 minutes before the end (840.000002, the increment rounded up), which moves the end to 10
// minutes after her bid; Carol settles and #7 is minted to Erin. Carol offers 900 USDC for 10 TiB of the
// offering and the miner accepts it as a primary sale (#8 minted to Carol); Bob offers for Alice's #2 and
// withdraws the offer. Alice resells #1 at 1,234.567891 USDC to Dave.
import type { ContractTransactionReceipt, Wallet } from "ethers";
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
  type CancelOfferResult,
  cancelOffer,
  type MakeOfferResult,
  makeOffer,
  makeOfferingOffer,
} from "../src/market/offer.js";
import {
  type AcceptPrimaryOfferResult,
  acceptPrimaryOffer,
  type BuyPrimaryResult,
  buyPrimaryUnits,
  type CreatePrimaryAuctionResult,
  createPrimaryAuction,
} from "../src/market/primary.js";
import { type SettleResult, settleAuction } from "../src/market/settle.js";
import { type CreateOfferingResult, createOffering } from "../src/vault/offering.js";
import { encodeTokenId } from "../src/vault/tokenId.js";
import { anvilWallet, DMC, USDC, type VaultWorld } from "./vaultWorld.js";

/** The story's prices (demo USDC, 6 decimals). */
export const MARKET_PRICES = {
  pricePerUnit: USDC("100"),
  /** 10 TiB at the offering's price, and the secondary listings' price. */
  listing: USDC("1000"),
  raised: USDC("1100"),
  reserve: 800_000_001n, // 800.000001 USDC: 5% of it is 40.00000005, rounded up to 40.000001
  offeringOffer: USDC("900"),
  tokenOffer: USDC("1100"),
  resale: 1_234_567_891n, // 1,234.567891 USDC: 2% of it is 24.69135782, rounded down to 24.691357
} as const;

/** Units of every primary purchase, lot and offer of the story (one certificate each). */
export const LOT_UNITS = 10n;
/** Units the offering puts on sale. */
export const OFFERING_UNITS = 120n;
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

/** The offering on sale. */
export interface OpenMarket {
  readonly usdc: string;
  readonly offeringId: bigint;
  readonly created: CreateOfferingResult;
  /** Unix seconds: listings and offers of the story expire then (the end of the sale window). */
  readonly expiry: number;
}

/** Funds the cast, onboards the miner and creates the offering of 120 TiB at 100 USDC per TiB. */
export async function openMarket(world: VaultWorld, cast: MarketCast): Promise<OpenMarket> {
  const { miner, alice, bob, carol, dave, erin } = cast;
  await world.fund(miner, alice, bob, carol, dave, erin);
  for (const buyer of [alice, bob, carol, dave, erin]) await world.mintUsdc(buyer.address, BUYER_FUNDS);
  await world.onboardMiner(miner, { capacityUnits: OFFERING_UNITS, stake: DMC("10000") });

  const usdc = await world.usdc().getAddress();
  const now = await latestTime(world);
  const params = await world.offeringParams({
    units: OFFERING_UNITS,
    startDay: await world.today(),
    termDays: 30,
    pricePerUnit: MARKET_PRICES.pricePerUnit,
  });
  const expiry = now + 7 * 86_400;
  const created = await createOffering(world.as(miner).riskControlVault, { ...params, saleEnd: expiry });
  return { usdc, offeringId: created.offeringId, created, expiry };
}

/** The primary purchases of 10 TiB each, at 1,000 USDC. */
export interface PrimarySales {
  /** Alice's two purchases: #1 (the marketplace's first sale ever) and #2. */
  readonly alice: readonly [BuyPrimaryResult, BuyPrimaryResult];
  /** Bob's three: #3-#5. */
  readonly bob: readonly BuyPrimaryResult[];
  /** Carol's: #6. */
  readonly carol: BuyPrimaryResult;
}

export async function sellPrimary(
  world: VaultWorld,
  cast: MarketCast,
  market: OpenMarket,
): Promise<PrimarySales> {
  const buy = (buyer: Wallet) =>
    buyPrimaryUnits(world.as(buyer).marketplace, market.offeringId, LOT_UNITS, {
      maxPrice: MARKET_PRICES.listing,
    });
  const first = await buy(cast.alice);
  const second = await buy(cast.alice);
  const bob = [await buy(cast.bob), await buy(cast.bob), await buy(cast.bob)];
  const carol = await buy(cast.carol);
  return { alice: [first, second], bob, carol };
}

/** The secondary listings and purchases. */
export interface SecondarySales {
  /** Listings 1-5: Bob's #3-#5, Alice's #2, Carol's #6 (ids 1-5 on a fresh chain). */
  readonly listings: readonly ListResult[];
  /** Dave's buyMany of listings 1 and 2 (#3, #4). */
  readonly dave: BuyManyResult;
  /** Bob raised listing 3 (#5) to 1,100 USDC. */
  readonly raised: UpdateListingResult;
  /** Erin's buyAvailable of [listing 1 (Dave's by then), 5 (#6), 4 (cancelled)]. */
  readonly erin: BuyAvailableResult;
}

export async function sellSecondary(
  world: VaultWorld,
  cast: MarketCast,
  market: OpenMarket,
): Promise<SecondarySales> {
  const list = (seller: Wallet, i: number, approveAll = false) =>
    listCertificate(
      world.as(seller).marketplace,
      {
        tokenId: certificate(market, i),
        paymentToken: market.usdc,
        price: MARKET_PRICES.listing,
        expiry: market.expiry,
      },
      { approveAll },
    );
  // One approval for all of Bob's certificates, with his first listing.
  const listings = [
    await list(cast.bob, 3, true),
    await list(cast.bob, 4),
    await list(cast.bob, 5),
    await list(cast.alice, 2),
    await list(cast.carol, 6),
  ];
  const id = (i: number) => listingId({ listings }, i);
  const dave = await buyManyListings(world.as(cast.dave).marketplace, [id(1), id(2)]);
  const raised = await updateListing(
    world.as(cast.bob).marketplace,
    id(3),
    MARKET_PRICES.raised,
    market.expiry,
  );
  await cancelListing(world.as(cast.alice).marketplace, id(4));
  const erin = await buyAvailableListings(world.as(cast.erin).marketplace, [id(1), id(5), id(4)]);
  return { listings, dave, raised, erin };
}

/** The primary auction of a lot of 10 TiB. */
export interface AuctionRun {
  readonly created: CreatePrimaryAuctionResult;
  /** Dave's bid of the reserve: it starts the clock. */
  readonly firstBid: BidResult;
  /** Erin's minimum bid, `LATE_BID_LEAD` seconds before the end: it moves the end. */
  readonly outbid: BidResult;
  /** The timestamp of the block of Erin's bid. */
  readonly outbidTime: number;
  /** Carol's settlement after the end: #7 minted to Erin. */
  readonly settled: SettleResult;
}

/**
 * The miner auctions a lot of 10 TiB; Dave bids, then Erin late; Carol settles after the end. The hooks run
 * while the auction is open, after each bid (the test tries there what the marketplace must refuse; they must
 * not change the chain).
 */
export async function runAuction(
  world: VaultWorld,
  cast: MarketCast,
  market: OpenMarket,
  hooks: { afterFirstBid?: () => Promise<void>; afterLateBid?: () => Promise<void> } = {},
): Promise<AuctionRun> {
  const created = await createPrimaryAuction(world.as(cast.miner).marketplace, {
    offeringId: market.offeringId,
    units: LOT_UNITS,
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
  /** Carol's 900 USDC for 10 TiB of the offering … */
  readonly offeringOffer: MakeOfferResult;
  /** … which the miner accepts as a primary sale (#8 minted to Carol). */
  readonly accepted: AcceptPrimaryOfferResult;
  /** Bob's offer for Alice's #2 … */
  readonly tokenOffer: MakeOfferResult;
  /** … which Bob withdraws. */
  readonly cancelled: CancelOfferResult;
}

export async function runOffers(world: VaultWorld, cast: MarketCast, market: OpenMarket): Promise<Offers> {
  const expiry = (await latestTime(world)) + 86_400;
  const offeringOffer = await makeOfferingOffer(world.as(cast.carol).marketplace, market.offeringId, {
    units: LOT_UNITS,
    paymentToken: market.usdc,
    amount: MARKET_PRICES.offeringOffer,
    expiry,
  });
  const accepted = await acceptPrimaryOffer(world.as(cast.miner).marketplace, offeringOffer.offerId);
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
  readonly secondary: SecondarySales;
  readonly auction: AuctionRun;
  readonly offers: Offers;
  readonly resale: Resale;
}

export async function runMarketStory(world: VaultWorld, cast: MarketCast): Promise<MarketStory> {
  const market = await openMarket(world, cast);
  const primary = await sellPrimary(world, cast, market);
  const secondary = await sellSecondary(world, cast, market);
  const auction = await runAuction(world, cast, market);
  const offers = await runOffers(world, cast, market);
  const resale = await resell(world, cast, market);
  return { market, primary, secondary, auction, offers, resale };
}

/**
 * Whole-transaction gas (the receipts' `gasUsed`: intrinsic 21,000 and calldata included, refunds
 * deducted) of the story's benchmark transactions.
 */
export interface MarketTxGas {
  /** Alice's #2: a primary purchase of 10 TiB (one certificate minted) once everything is warm. */
  readonly primaryBuy: number;
  /** Alice's #1, the marketplace's first sale: fee recipients' and the vault's first USDC, first checkpoint. */
  readonly firstPrimaryBuy: number;
  /** Dave buying Alice's #1 (2% trading fee to two recipients, proceeds to the seller). */
  readonly secondaryBuy: number;
  /** The miner putting a lot of 10 TiB up for auction (reserved in the vault). */
  readonly createAuction: number;
  /** Dave's bid of the reserve, which starts the clock. */
  readonly firstBid: number;
  /** Erin's higher bid, which repays Dave and extends the end. */
  readonly outbid: number;
  /** Carol settling the lot: a primary sale recorded in the vault, #7 minted to Erin. */
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

/** Listing `i` (1-based) of the secondary sales. */
export function listingId(secondary: Pick<SecondarySales, "listings">, i: number): bigint {
  const listing = secondary.listings[i - 1];
  if (!listing) throw new Error(`no listing ${i}`);
  return listing.listingId;
}

/** Certificate #`i` (1-based) of the offering: the `i`-th minted (no split happens in the story). */
export function certificate(market: Pick<OpenMarket, "offeringId">, i: number): bigint {
  return encodeTokenId(market.offeringId, BigInt(i));
}

async function latestTime(world: VaultWorld): Promise<number> {
  const block = await world.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  return block.timestamp;
}
