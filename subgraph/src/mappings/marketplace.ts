// Event handlers of the Marketplace data source (AssemblyScript, compiled by `graph build`): listings,
// auctions and bids, offers, sales (and the protocol's sale counters and volumes), pull-payment credits, fee
// accrual and collection, the DAO-set settings, roles and pause. Every handler here is listed in
// datasources/Marketplace.yaml with its ABI signature. RoleAdminChanged has no handler: the Marketplace never
// calls _setRoleAdmin, so it cannot emit it.
import { BigInt, ethereum, log } from "@graphprotocol/graph-ts";

import {
  AuctionCancelled as AuctionCancelledEvent,
  AuctionCreated as AuctionCreatedEvent,
  AuctionSettled as AuctionSettledEvent,
  AuctionVoided as AuctionVoidedEvent,
  BidPlaced as BidPlacedEvent,
  Credited as CreditedEvent,
  CreditWithdrawn as CreditWithdrawnEvent,
  FeeRecipientsSet as FeeRecipientsSetEvent,
  FeesCollected as FeesCollectedEvent,
  FeesSet as FeesSetEvent,
  Listed as ListedEvent,
  ListingCancelled as ListingCancelledEvent,
  ListingSkipped as ListingSkippedEvent,
  ListingUpdated as ListingUpdatedEvent,
  MinBidIncrementSet as MinBidIncrementSetEvent,
  OfferAccepted as OfferAcceptedEvent,
  OfferCancelled as OfferCancelledEvent,
  OfferMade as OfferMadeEvent,
  Paused as PausedEvent,
  PrimaryAuctionCreated as PrimaryAuctionCreatedEvent,
  RoleGranted as RoleGrantedEvent,
  RoleRevoked as RoleRevokedEvent,
  Sale as SaleEvent,
  SellerYieldPaid as SellerYieldPaidEvent,
  Unpaused as UnpausedEvent,
} from "../../generated/Marketplace/Marketplace";
import {
  Auction,
  Bid,
  Credit,
  CreditMovement,
  FeeCollection,
  Listing,
  Offer,
  Sale,
  SellerYieldPayment,
} from "../../generated/schema";
import { recordPaused, recordRoleChange } from "../utils/access";
import { BI_ZERO } from "../utils/constants";
import {
  eventId,
  getOrCreateAccount,
  getOrCreateAsset,
  getOrCreateAssetDay,
  getOrCreateProtocol,
  getOrCreateProtocolDay,
} from "../utils/entities";
import {
  AUCTION_CANCELLED,
  AUCTION_CREATED,
  AUCTION_LIVE,
  AUCTION_SETTLED,
  AUCTION_VOIDED,
  BPS,
  CREDITED,
  closeAuction,
  getOrCreateCredit,
  getOrCreateFeeAccrual,
  getOrCreateMarketSettings,
  LISTING_ACTIVE,
  LISTING_CANCELLED,
  LISTING_SOLD,
  loadAuction,
  loadListing,
  loadOffer,
  MARKETPLACE_NAME,
  OFFER_ACCEPTED,
  OFFER_CANCELLED,
  OFFER_OPEN,
  offeringIdOf,
  SALE_CHANNELS,
  trackAuction,
  trackListing,
  trackOffer,
  untrackListing,
  untrackOffer,
  WITHDRAWN,
} from "../utils/market";
import { indexOf, loadOffering, offeringIdOf as offeringOf, refreshUnitsAvailable } from "../utils/vault";

// ---- settings ----

export function handleFeesSet(event: FeesSetEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  settings.channelFeeBps = event.params.channelBps;
  settings.tradingFeeBps = event.params.tradingBps;
  settings.insuranceShareBps = event.params.insuranceShareBps;
  settings.save();
}

export function handleFeeRecipientsSet(event: FeeRecipientsSetEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  settings.treasury = event.params.treasury;
  settings.insuranceReserve = event.params.insuranceReserve;
  settings.save();
}

export function handleMinBidIncrementSet(event: MinBidIncrementSetEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  settings.minBidIncrementBps = event.params.incrementBps;
  settings.save();
}

// ---- listings ----

export function handleListed(event: ListedEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  settings.listingCount = settings.listingCount + 1;
  settings.save();

  const tokenId = event.params.tokenId;
  const listing = new Listing(event.params.listingId.toString());
  listing.listingId = event.params.listingId;
  listing.certificate = tokenId.toString();
  listing.offering = offeringIdOf(tokenId);
  listing.seller = getOrCreateAccount(event.params.seller).id;
  listing.paymentToken = getOrCreateAsset(event.params.paymentToken).id;
  listing.price = event.params.price;
  listing.expiry = event.params.expiry;
  listing.status = LISTING_ACTIVE;
  listing.skippedCount = 0;
  listing.createdAt = event.block.timestamp;
  listing.createdAtBlock = event.block.number;
  listing.updatedAt = event.block.timestamp;
  listing.transactionHash = event.transaction.hash;
  listing.save();
  trackListing(listing);
}

export function handleListingUpdated(event: ListingUpdatedEvent): void {
  const listing = loadListing(event.params.listingId, "ListingUpdated");
  if (listing == null) return;
  listing.price = event.params.price;
  listing.expiry = event.params.expiry;
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

export function handleListingCancelled(event: ListingCancelledEvent): void {
  const listing = loadListing(event.params.listingId, "ListingCancelled");
  if (listing == null) return;
  listing.status = LISTING_CANCELLED;
  listing.updatedAt = event.block.timestamp;
  listing.closedAt = event.block.timestamp;
  listing.save();
  untrackListing(listing);
}

export function handleListingSkipped(event: ListingSkippedEvent): void {
  // buyAvailable skips any id, also one never listed: only listings that exist are counted.
  const listing = Listing.load(event.params.listingId.toString());
  if (listing == null) return;
  listing.skippedCount = listing.skippedCount + 1;
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

// ---- sales ----

export function handleSale(event: SaleEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  const tokenId = event.params.tokenId;
  const token = event.params.paymentToken;
  const price = event.params.price;
  const fee = event.params.fee;
  const primary = event.params.primary;
  const channelIndex = event.params.channel;
  // SaleChannel has four values (0 listing, 1 auction, 2 offer, 3 primary purchase, whose channel id is the
  // offering): the ABI decoder rejects any other.
  const channel = SALE_CHANNELS[channelIndex];
  const channelId = event.params.channelId;
  const timestamp = event.block.timestamp;

  // The fee accrues split by the insurance share in force (Marketplace._accrueFee).
  const toInsurance = fee.times(BigInt.fromI32(settings.insuranceShareBps)).div(BPS);
  const toTreasury = fee.minus(toInsurance);
  if (fee.gt(BI_ZERO)) {
    const accrual = getOrCreateFeeAccrual(token);
    accrual.insurance = accrual.insurance.plus(toInsurance);
    accrual.treasury = accrual.treasury.plus(toTreasury);
    accrual.totalAccrued = accrual.totalAccrued.plus(fee);
    accrual.save();
  }

  const sale = new Sale(eventId(event));
  sale.certificate = tokenId.toString();
  sale.offering = offeringIdOf(tokenId);
  sale.seller = getOrCreateAccount(event.params.seller).id;
  sale.buyer = getOrCreateAccount(event.params.buyer).id;
  sale.channel = channel;
  sale.channelId = channelId;
  sale.paymentToken = getOrCreateAsset(token).id;
  sale.price = price;
  sale.fee = fee;
  sale.feeToInsurance = toInsurance;
  sale.feeToTreasury = toTreasury;
  sale.net = price.minus(fee);
  sale.primary = primary;
  sale.blockNumber = event.block.number;
  sale.timestamp = timestamp;
  sale.transactionHash = event.transaction.hash;

  const id = channelId.toString();
  if (channelIndex === 0) {
    const listing = Listing.load(id);
    if (listing != null) {
      listing.status = LISTING_SOLD;
      listing.sale = sale.id;
      listing.updatedAt = timestamp;
      listing.closedAt = timestamp;
      listing.save();
      untrackListing(listing);
      sale.listing = id;
    }
  } else if (channelIndex === 1) {
    const auction = Auction.load(id);
    if (auction != null) {
      auction.sale = sale.id;
      auction.updatedAt = timestamp;
      const lotUnits = auction.lotUnits;
      if (lotUnits !== null) {
        // A primary lot: the certificate minted to the winner; the lot's units leave lotUnits (the vault's
        // recordPrimarySale from the lot, whose event carries no lot figure).
        auction.certificate = tokenId.toString();
        const offering = loadOffering(offeringOf(tokenId));
        offering.lotUnits = offering.lotUnits.minus(lotUnits);
        refreshUnitsAvailable(offering);
        offering.save();
      }
      auction.save();
      sale.auction = id;
    }
  } else if (channelIndex === 3) {
    // A purchase of units: the channel id is the offering, the certificate was minted by it.
  } else {
    const offer = Offer.load(id);
    if (offer != null) {
      offer.sale = sale.id;
      offer.updatedAt = timestamp;
      offer.save();
      sale.offer = id;
    }
  }
  sale.save();

  settings.saleCount = settings.saleCount + 1;
  if (primary) settings.primarySaleCount = settings.primarySaleCount + 1;
  settings.save();

  const protocol = getOrCreateProtocol();
  protocol.saleCount = protocol.saleCount + 1;
  if (primary) protocol.primarySaleCount = protocol.primarySaleCount + 1;
  protocol.save();

  const day = getOrCreateProtocolDay(timestamp);
  day.saleCount = day.saleCount + 1;
  if (primary) day.primarySaleCount = day.primarySaleCount + 1;
  day.save();

  const asset = getOrCreateAsset(token);
  asset.saleVolume = asset.saleVolume.plus(price);
  if (primary) asset.primaryVolume = asset.primaryVolume.plus(price);
  else asset.secondaryVolume = asset.secondaryVolume.plus(price);
  asset.feeVolume = asset.feeVolume.plus(fee);
  asset.save();

  const assetDay = getOrCreateAssetDay(token, timestamp);
  assetDay.saleVolume = assetDay.saleVolume.plus(price);
  if (primary) assetDay.primaryVolume = assetDay.primaryVolume.plus(price);
  else assetDay.secondaryVolume = assetDay.secondaryVolume.plus(price);
  assetDay.feeVolume = assetDay.feeVolume.plus(fee);
  assetDay.save();
}

// ---- auctions ----

export function handleAuctionCreated(event: AuctionCreatedEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  settings.auctionCount = settings.auctionCount + 1;
  settings.save();

  const tokenId = event.params.tokenId;
  const auction = new Auction(event.params.auctionId.toString());
  auction.auctionId = event.params.auctionId;
  auction.lotTokenId = tokenId;
  // Index 0 is a primary lot (PrimaryAuctionCreated comes next with its units): no certificate until settled.
  const lot = indexOf(tokenId) === 0;
  if (!lot) auction.certificate = tokenId.toString();
  auction.offering = offeringIdOf(tokenId);
  auction.seller = getOrCreateAccount(event.params.seller).id;
  auction.paymentToken = getOrCreateAsset(event.params.paymentToken).id;
  auction.reserve = event.params.reserve;
  auction.duration = event.params.duration.toI32();
  auction.primary = lot;
  auction.status = AUCTION_CREATED;
  auction.voidable = false;
  auction.highestBid = BI_ZERO;
  auction.bidCount = 0;
  auction.extensionCount = 0;
  auction.createdAt = event.block.timestamp;
  auction.createdAtBlock = event.block.number;
  auction.updatedAt = event.block.timestamp;
  auction.transactionHash = event.transaction.hash;
  auction.save();
  trackAuction(auction);
}

/** A primary auction of a lot of an offering's units (after its AuctionCreated, in the same transaction). */
export function handlePrimaryAuctionCreated(event: PrimaryAuctionCreatedEvent): void {
  const auction = Auction.load(event.params.auctionId.toString());
  if (auction == null) {
    log.error("PrimaryAuctionCreated of unknown auction {}", [event.params.auctionId.toString()]);
    return;
  }
  auction.primary = true;
  auction.lotUnits = event.params.units;
  auction.save();
}

export function handleBidPlaced(event: BidPlacedEvent): void {
  const auction = loadAuction(event.params.auctionId, "BidPlaced");
  if (auction == null) return;
  const endTime = event.params.endTime;
  const previousEnd = auction.endTime;
  const started = previousEnd === null;
  const extended = !started && endTime.notEqual(previousEnd as BigInt);

  const bid = new Bid(eventId(event));
  bid.auction = auction.id;
  bid.bidder = getOrCreateAccount(event.params.bidder).id;
  bid.amount = event.params.amount;
  bid.endTime = endTime;
  bid.started = started;
  bid.extended = extended;
  bid.previousBidder = auction.highestBidder;
  bid.previousAmount = auction.highestBid;
  bid.blockNumber = event.block.number;
  bid.timestamp = event.block.timestamp;
  bid.transactionHash = event.transaction.hash;
  bid.save();

  if (started) auction.startTime = event.block.timestamp;
  if (extended) auction.extensionCount = auction.extensionCount + 1;
  auction.endTime = endTime;
  auction.highestBid = event.params.amount;
  auction.highestBidder = bid.bidder;
  auction.bidCount = auction.bidCount + 1;
  auction.status = AUCTION_LIVE;
  auction.updatedAt = event.block.timestamp;
  auction.save();
}

export function handleAuctionCancelled(event: AuctionCancelledEvent): void {
  const auction = loadAuction(event.params.auctionId, "AuctionCancelled");
  if (auction == null) return;
  auction.status = AUCTION_CANCELLED;
  closeAuction(auction, event.block.timestamp);
}

export function handleAuctionSettled(event: AuctionSettledEvent): void {
  const auction = loadAuction(event.params.auctionId, "AuctionSettled");
  if (auction == null) return;
  auction.status = AUCTION_SETTLED;
  auction.winner = getOrCreateAccount(event.params.winner).id;
  closeAuction(auction, event.block.timestamp);
}

export function handleAuctionVoided(event: AuctionVoidedEvent): void {
  const auction = loadAuction(event.params.auctionId, "AuctionVoided");
  if (auction == null) return;
  auction.status = AUCTION_VOIDED;
  auction.voidReason = event.params.reason;
  closeAuction(auction, event.block.timestamp);
}

// ---- offers ----

export function handleOfferMade(event: OfferMadeEvent): void {
  const settings = getOrCreateMarketSettings(event.address);
  settings.offerCount = settings.offerCount + 1;
  settings.save();

  const target = event.params.target;
  const anyOfOffering = event.params.anyOfOffering;
  const offer = new Offer(event.params.offerId.toString());
  offer.offerId = event.params.offerId;
  offer.bidder = getOrCreateAccount(event.params.bidder).id;
  offer.anyOfOffering = anyOfOffering;
  offer.units = event.params.units;
  offer.target = target;
  if (anyOfOffering) {
    offer.offering = target.toString();
  } else {
    offer.certificate = target.toString();
    offer.offering = offeringIdOf(target);
  }
  offer.paymentToken = getOrCreateAsset(event.params.paymentToken).id;
  offer.amount = event.params.amount;
  offer.expiry = event.params.expiry;
  offer.status = OFFER_OPEN;
  offer.createdAt = event.block.timestamp;
  offer.createdAtBlock = event.block.number;
  offer.updatedAt = event.block.timestamp;
  offer.transactionHash = event.transaction.hash;
  offer.save();
  trackOffer(offer);
}

export function handleSellerYieldPaid(event: SellerYieldPaidEvent): void {
  const payment = new SellerYieldPayment(eventId(event));
  payment.certificate = event.params.tokenId.toString();
  payment.seller = getOrCreateAccount(event.params.seller).id;
  payment.token = getOrCreateAsset(event.params.token).id;
  payment.amount = event.params.amount;
  payment.blockNumber = event.block.number;
  payment.timestamp = event.block.timestamp;
  payment.transactionHash = event.transaction.hash;
  payment.save();
}

export function handleOfferCancelled(event: OfferCancelledEvent): void {
  const offer = loadOffer(event.params.offerId, "OfferCancelled");
  if (offer == null) return;
  offer.status = OFFER_CANCELLED;
  offer.updatedAt = event.block.timestamp;
  offer.closedAt = event.block.timestamp;
  offer.save();
  untrackOffer(offer);
}

export function handleOfferAccepted(event: OfferAcceptedEvent): void {
  const offer = loadOffer(event.params.offerId, "OfferAccepted");
  if (offer == null) return;
  offer.status = OFFER_ACCEPTED;
  offer.acceptedCertificate = event.params.tokenId.toString();
  offer.seller = getOrCreateAccount(event.params.seller).id;
  offer.updatedAt = event.block.timestamp;
  offer.closedAt = event.block.timestamp;
  offer.save();
  untrackOffer(offer);
}

// ---- credits and fees ----

function recordCreditMovement(event: ethereum.Event, credit: Credit, kind: string, amount: BigInt): void {
  const movement = new CreditMovement(eventId(event));
  movement.credit = credit.id;
  movement.account = credit.account;
  movement.token = credit.token;
  movement.kind = kind;
  movement.amount = amount;
  movement.blockNumber = event.block.number;
  movement.timestamp = event.block.timestamp;
  movement.transactionHash = event.transaction.hash;
  movement.save();
}

export function handleCredited(event: CreditedEvent): void {
  const credit = getOrCreateCredit(event.params.account, event.params.token);
  credit.balance = credit.balance.plus(event.params.amount);
  credit.totalCredited = credit.totalCredited.plus(event.params.amount);
  credit.save();
  recordCreditMovement(event, credit, CREDITED, event.params.amount);
}

export function handleCreditWithdrawn(event: CreditWithdrawnEvent): void {
  const credit = getOrCreateCredit(event.params.account, event.params.token);
  credit.balance = credit.balance.minus(event.params.amount);
  credit.totalWithdrawn = credit.totalWithdrawn.plus(event.params.amount);
  credit.save();
  recordCreditMovement(event, credit, WITHDRAWN, event.params.amount);
}

export function handleFeesCollected(event: FeesCollectedEvent): void {
  const accrual = getOrCreateFeeAccrual(event.params.token);
  // collectFees sends everything accrued: what is left is zero (kept as a difference so that a mismatch
  // would show rather than be hidden).
  accrual.treasury = accrual.treasury.minus(event.params.toTreasury);
  accrual.insurance = accrual.insurance.minus(event.params.toInsurance);
  accrual.collectedToTreasury = accrual.collectedToTreasury.plus(event.params.toTreasury);
  accrual.collectedToInsurance = accrual.collectedToInsurance.plus(event.params.toInsurance);
  accrual.save();

  const collection = new FeeCollection(eventId(event));
  collection.accrual = accrual.id;
  collection.token = accrual.token;
  collection.treasury = event.params.treasury;
  collection.toTreasury = event.params.toTreasury;
  collection.insuranceReserve = event.params.insuranceReserve;
  collection.toInsurance = event.params.toInsurance;
  collection.blockNumber = event.block.number;
  collection.timestamp = event.block.timestamp;
  collection.transactionHash = event.transaction.hash;
  collection.save();
}

// ---- roles and pause ----

export function handleRoleGranted(event: RoleGrantedEvent): void {
  getOrCreateMarketSettings(event.address);
  recordRoleChange(
    event,
    MARKETPLACE_NAME,
    event.params.role,
    event.params.account,
    event.params.sender,
    true,
  );
}

export function handleRoleRevoked(event: RoleRevokedEvent): void {
  recordRoleChange(
    event,
    MARKETPLACE_NAME,
    event.params.role,
    event.params.account,
    event.params.sender,
    false,
  );
}

export function handlePaused(event: PausedEvent): void {
  recordPaused(event, MARKETPLACE_NAME, true);
}

export function handleUnpaused(event: UnpausedEvent): void {
  recordPaused(event, MARKETPLACE_NAME, false);
}
