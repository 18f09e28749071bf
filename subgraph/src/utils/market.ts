// Marketplace getters and constants (AssemblyScript, compiled by `graph build`).
import { Address, BigInt, log } from "@graphprotocol/graph-ts";

import {
  Auction,
  Credit,
  FeeAccrual,
  Listing,
  MarketSettings,
  Offer,
  OpenSales,
} from "../../generated/schema";
import { getOrCreateProtocolContract } from "./access";
import { BI_ZERO, ZERO_ADDRESS } from "./constants";
import { getOrCreateAccount, getOrCreateAsset } from "./entities";

/** The data source name, for ProtocolContract and the access helpers. */
export const MARKETPLACE_NAME = "Marketplace";

/** Basis points in a whole (IMarketplace fees are in basis points). */
export const BPS = BigInt.fromI32(10_000);

/** IMarketplace SaleChannel, by its uint8 value, as the schema's SaleChannel enum values. */
export const SALE_CHANNELS: string[] = ["LISTING", "AUCTION", "OFFER", "PRIMARY"];

export const LISTING_ACTIVE = "ACTIVE";
export const LISTING_SOLD = "SOLD";
export const LISTING_CANCELLED = "CANCELLED";
export const LISTING_VOID = "VOID";

export const AUCTION_CREATED = "CREATED";
export const AUCTION_LIVE = "LIVE";
export const AUCTION_SETTLED = "SETTLED";
export const AUCTION_CANCELLED = "CANCELLED";
export const AUCTION_VOIDED = "VOIDED";

export const OFFER_OPEN = "OPEN";
export const OFFER_ACCEPTED = "ACCEPTED";
export const OFFER_CANCELLED = "CANCELLED";
export const OFFER_VOID = "VOID";

export const CREDITED = "CREDITED";
export const WITHDRAWN = "WITHDRAWN";

/** Certificate ids are `offeringId << 32 | index` (CertificateId.sol). */
const INDEX_BITS: u8 = 32;

/** The offering id (decimal string, the Offering entity's id) of a certificate token id. */
export function offeringIdOf(tokenId: BigInt): string {
  return tokenId.rightShift(INDEX_BITS).toString();
}

/** The marketplace's settings entity (id = its address); created with zeroes before the constructor's events. */
export function getOrCreateMarketSettings(address: Address): MarketSettings {
  let settings = MarketSettings.load(address);
  if (settings == null) {
    settings = new MarketSettings(address);
    settings.contract = getOrCreateProtocolContract(address, MARKETPLACE_NAME).id;
    settings.channelFeeBps = 0;
    settings.tradingFeeBps = 0;
    settings.insuranceShareBps = 0;
    settings.minBidIncrementBps = 0;
    settings.treasury = ZERO_ADDRESS;
    settings.insuranceReserve = ZERO_ADDRESS;
    settings.listingCount = 0;
    settings.auctionCount = 0;
    settings.offerCount = 0;
    settings.saleCount = 0;
    settings.primarySaleCount = 0;
    settings.save();
  }
  return settings as MarketSettings;
}

/** An account's credit in one token (id = account ++ token). */
export function getOrCreateCredit(account: Address, token: Address): Credit {
  const id = account.concat(token);
  let credit = Credit.load(id);
  if (credit == null) {
    credit = new Credit(id);
    credit.account = getOrCreateAccount(account).id;
    credit.token = getOrCreateAsset(token).id;
    credit.balance = BI_ZERO;
    credit.totalCredited = BI_ZERO;
    credit.totalWithdrawn = BI_ZERO;
    credit.save();
  }
  return credit as Credit;
}

/** Fees accrued in one payment token (id = token address). */
export function getOrCreateFeeAccrual(token: Address): FeeAccrual {
  let accrual = FeeAccrual.load(token);
  if (accrual == null) {
    accrual = new FeeAccrual(token);
    accrual.token = getOrCreateAsset(token).id;
    accrual.treasury = BI_ZERO;
    accrual.insurance = BI_ZERO;
    accrual.totalAccrued = BI_ZERO;
    accrual.collectedToTreasury = BI_ZERO;
    accrual.collectedToInsurance = BI_ZERO;
    accrual.save();
  }
  return accrual as FeeAccrual;
}

// The marketplace emits these events only for ids it issued, so a missing entity means a mapping bug: it is
// logged (and the event skipped) rather than failing the subgraph.

export function loadListing(listingId: BigInt, eventName: string): Listing | null {
  const listing = Listing.load(listingId.toString());
  if (listing == null) log.warning("{} for unknown listing {}", [eventName, listingId.toString()]);
  return listing;
}

export function loadAuction(auctionId: BigInt, eventName: string): Auction | null {
  const auction = Auction.load(auctionId.toString());
  if (auction == null) log.warning("{} for unknown auction {}", [eventName, auctionId.toString()]);
  return auction;
}

export function loadOffer(offerId: BigInt, eventName: string): Offer | null {
  const offer = Offer.load(offerId.toString());
  if (offer == null) log.warning("{} for unknown offer {}", [eventName, offerId.toString()]);
  return offer;
}

// ---- open sales: what a change of a certificate or of its offering voids (the sale nonce) ----

function openSalesOf(id: string): OpenSales {
  let open = OpenSales.load(id);
  if (open == null) {
    open = new OpenSales(id);
    open.listings = [];
    open.offers = [];
    open.auctions = [];
  }
  return open;
}

function certificateKey(certificate: string): string {
  return "certificate-".concat(certificate);
}

function offeringKey(offering: string): string {
  return "offering-".concat(offering);
}

function without(ids: string[], id: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    // biome-ignore lint/suspicious/noDoubleEquals: in AssemblyScript 0.19, != compares strings by content and !== by reference
    if (ids[i] != id) kept.push(ids[i]);
  }
  return kept;
}

/**
 * Adds (`add`) or removes sale `id`, a listing (`isListing`) or a certificate offer, at the keys of its
 * certificate and its offering, where the change that voids it will look.
 */
function track(certificate: string, offering: string, id: string, isListing: boolean, add: boolean): void {
  const keys = [certificateKey(certificate), offeringKey(offering)];
  for (let i = 0; i < keys.length; i++) {
    let open = OpenSales.load(keys[i]);
    if (open == null) {
      if (!add) continue;
      open = openSalesOf(keys[i]);
    }
    let ids = isListing ? open.listings : open.offers;
    if (add) ids.push(id);
    else ids = without(ids, id);
    if (isListing) open.listings = ids;
    else open.offers = ids;
    open.save();
  }
}

/** Records a new ACTIVE listing. */
export function trackListing(listing: Listing): void {
  track(listing.certificate, listing.offering, listing.id, true, true);
}

/** Forgets a listing that is no longer ACTIVE (sold, cancelled); a no-op for one voided already. */
export function untrackListing(listing: Listing): void {
  track(listing.certificate, listing.offering, listing.id, true, false);
}

/**
 * Records a new OPEN offer on a certificate (`add`), or forgets one no longer OPEN. Offers on an offering name
 * units, not a sale nonce: nothing to track.
 */
export function trackOffer(offer: Offer, add: boolean = true): void {
  if (offer.certificate == null) return;
  // Checked just above; AssemblyScript does not narrow an entity getter's result.
  track(offer.certificate as string, offer.offering, offer.id, false, add);
}

/** Forgets an offer that is no longer OPEN (accepted, cancelled). */
export function untrackOffer(offer: Offer): void {
  trackOffer(offer, false);
}

/** Records a new auction (`add`) at its offering's key, or forgets one that closed. */
export function trackAuction(auction: Auction, add: boolean = true): void {
  const key = offeringKey(auction.offering);
  let open = OpenSales.load(key);
  if (open == null) {
    if (!add) return;
    open = openSalesOf(key);
  }
  const ids = open.auctions;
  if (add) ids.push(auction.id);
  open.auctions = add ? ids : without(ids, auction.id);
  open.save();
}

/** Closes an auction's record (settled, cancelled, voided): no longer tracked, no longer voidable. */
export function closeAuction(auction: Auction, timestamp: BigInt): void {
  auction.voidable = false;
  auction.updatedAt = timestamp;
  auction.closedAt = timestamp;
  auction.save();
  trackAuction(auction, false);
}

/** Voids the listings and offers `key` tracks, and forgets them at the other key too. */
function voidOpenSales(key: string): void {
  const open = OpenSales.load(key);
  if (open == null) return;
  const listings = open.listings;
  const offers = open.offers;
  open.listings = [];
  open.offers = [];
  open.save();
  for (let i = 0; i < listings.length; i++) {
    const listing = Listing.load(listings[i]);
    // biome-ignore lint/suspicious/noDoubleEquals: in AssemblyScript 0.19, != compares strings by content and !== by reference
    if (listing == null || listing.status != LISTING_ACTIVE) continue;
    listing.status = LISTING_VOID;
    listing.save();
    untrackListing(listing);
  }
  for (let i = 0; i < offers.length; i++) {
    const offer = Offer.load(offers[i]);
    // biome-ignore lint/suspicious/noDoubleEquals: in AssemblyScript 0.19, != compares strings by content and !== by reference
    if (offer == null || offer.status != OFFER_OPEN) continue;
    offer.status = OFFER_VOID;
    offer.save();
    untrackOffer(offer);
  }
}

/** A transfer or a vault update of the certificate (split, merge, refund, primary sale) moved its sale nonce. */
export function voidCertificateSales(certificate: string): void {
  voidOpenSales(certificateKey(certificate));
}

/**
 * A status change of the offering (flag, resume, terminate, finish) moved the sale nonce of all its certificates:
 * their listings and offers are void, and its open auctions voidable (they stay tracked until they close).
 */
export function voidOfferingSales(offering: string): void {
  const key = offeringKey(offering);
  voidOpenSales(key);
  const open = OpenSales.load(key);
  if (open == null) return;
  const auctions = open.auctions;
  for (let i = 0; i < auctions.length; i++) {
    const auction = Auction.load(auctions[i]);
    if (auction == null || auction.voidable) continue;
    auction.voidable = true;
    auction.save();
  }
}
