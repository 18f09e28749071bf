// Primary sales by the unit (DESIGN §3.3 item 5): a buyer buys units of an offering at its price per unit, a
// miner auctions a lot of units or accepts an offer naming units. Each mints ONE certificate to the buyer, and
// the price less the channel fee becomes its escrow in the vault.
import type { ContractTransactionReceipt } from "ethers";

import type { Marketplace } from "../generated/typechain/index.js";
import { MinerRegistry__factory } from "../generated/typechain/index.js";
import { minerStatusName } from "../registry/status.js";
import { firstEvent, signerAddress, withGasMargin } from "../transaction.js";
import { utcDay } from "../vault/day.js";
import { readSaleTerms, type SaleTerms } from "../vault/offering.js";
import { vaultRevert } from "../vault/payment.js";
import { encodeTokenId } from "../vault/tokenId.js";
import { MAX_AUCTION_DURATION, MIN_AUCTION_DURATION } from "./auctionMath.js";
import { readOffer } from "./offer.js";
import {
  callLinked,
  callMarket,
  chainTime,
  checkPrice,
  type MarketLinks,
  marketLinks,
  marketRevert,
  payFromSigner,
  paymentTokenOf,
  sendMarket,
} from "./payment.js";
import { type SaleRecord, salesIn, unexpectedEvents } from "./sale.js";

/** The id a primary auction's lot carries in the marketplace (`offeringId << 32`, index 0: no certificate). */
export function primaryLotId(offeringId: bigint): bigint {
  return encodeTokenId(offeringId, 0n);
}

/**
 * An offering's sale terms and the units on sale now, read through the marketplace's vault (see
 * `readSaleTerms`). Throws `ContractRevertError` (`RiskControlVault_UnknownOffering`).
 *
 * @example
 * ```ts
 * const { pricePerUnit, minLot, unitsOnSale } = await readPrimarySale(marketplace, offeringId);
 * ```
 */
export async function readPrimarySale(marketplace: Marketplace, offeringId: bigint): Promise<SaleTerms> {
  const { vault } = await marketLinks(marketplace);
  return callLinked(() => readSaleTerms(vault, offeringId));
}

/** What {@link buyPrimaryUnits} returns, from the `PrimarySaleRecorded` and `Sale` events. */
export interface BuyPrimaryResult {
  readonly offeringId: bigint;
  /** The certificate minted to the buyer. */
  readonly tokenId: bigint;
  readonly units: bigint;
  /** Its escrow in the vault: the price less the channel fee (`sale.net`). */
  readonly escrow: bigint;
  /** The day its escrow and yield start: today, or the start of the term. */
  readonly saleDay: number;
  /** The sale (`channel` "primary", `channelId` the offering). */
  readonly sale: SaleRecord;
  /** The payment token's `approve` receipt; `undefined` when the allowance already covered the price. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Buys `units` of an offering at its price per unit from the marketplace's signer, paying `units ×
 * pricePerUnit` (at most `maxPrice`, default that price as read just before) in the offering's payment token.
 * The vault mints ONE certificate of those units to the buyer and keeps the price less the channel fee as its
 * escrow. Before any approval it checks what the marketplace and the vault would refuse: the buyer is the miner
 * (`Marketplace_SelfDealing`), the price is above the limit (`Marketplace_PrimaryPriceAboveMax`), the sale is
 * not open (`RiskControlVault_SaleNotOpen`, `_InvalidStatus`, `_SalesClosed`, `_MinerNotActive`, the vault's
 * `EnforcedPause`), too few or too many units (`RiskControlVault_BelowMinLot`, `_UnitsUnavailable`); then the
 * balance (`InsufficientBalanceError`), and approves `maxPrice` when the allowance is short, as `buyListing`
 * does.
 *
 * @example
 * ```ts
 * const { pricePerUnit } = await readPrimarySale(marketplace, offeringId); // shown to the buyer
 * const { tokenId, escrow } = await buyPrimaryUnits(asBuyer.marketplace, offeringId, 10n, {
 *   maxPrice: 10n * pricePerUnit,
 * });
 * ```
 */
export async function buyPrimaryUnits(
  marketplace: Marketplace,
  offeringId: bigint,
  units: bigint,
  options: { readonly maxPrice?: bigint } = {},
): Promise<BuyPrimaryResult> {
  const buyer = await signerAddress(marketplace, "buyPrimaryUnits");
  const links = await marketLinks(marketplace);
  const terms = await callLinked(() => readSaleTerms(links.vault, offeringId));
  const price = units * terms.pricePerUnit;
  const maxPrice = options.maxPrice ?? price;
  const { meta } = await paymentTokenOf(marketplace, terms.paymentToken);
  if (same(buyer, terms.miner)) throw marketRevert("Marketplace_SelfDealing", [buyer]);
  if (price > maxPrice) {
    throw marketRevert("Marketplace_PrimaryPriceAboveMax", [offeringId, price, maxPrice], meta);
  }
  checkPrice(price, meta);
  await checkVaultSale(marketplace, links, terms, units);
  const { approval } = await payFromSigner({
    marketplace,
    owner: buyer,
    tokenAddress: terms.paymentToken,
    amount: price,
    allowance: maxPrice,
    purpose: "this purchase",
    simulate: () => marketplace.buyPrimary.staticCall(offeringId, units, maxPrice),
  });
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.buyPrimary, offeringId, units, maxPrice),
    meta,
  );
  const recorded = firstEvent(receipt, links.vault, links.vault.getEvent("PrimarySaleRecorded"));
  const [sale] = salesIn(receipt, marketplace);
  if (!sale) throw unexpectedEvents(receipt, "no Sale event");
  return {
    offeringId,
    tokenId: recorded.args.tokenId,
    units: recorded.args.units,
    escrow: recorded.args.escrow,
    saleDay: Number(recorded.args.saleDay),
    sale,
    approval,
    receipt,
  };
}

/** What a primary auction asks. */
export interface PrimaryAuctionParams {
  readonly offeringId: bigint;
  /** The lot's units (at least the offering's minimum lot), reserved in the vault at once. */
  readonly units: bigint;
  /** Lowest first bid, in the offering's payment token (fees included). */
  readonly reserve: bigint;
  /** Seconds from the first bid: 1 hour to 30 days. */
  readonly duration: number;
}

/** What {@link createPrimaryAuction} returns, from the `PrimaryAuctionCreated` and `AuctionCreated` events. */
export interface CreatePrimaryAuctionResult {
  readonly auctionId: bigint;
  readonly offeringId: bigint;
  readonly units: bigint;
  /** The lot's id in the marketplace (`primaryLotId`): no certificate until the winner's is minted. */
  readonly lotId: bigint;
  readonly paymentToken: string;
  readonly reserve: bigint;
  readonly duration: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * The marketplace's signer, the offering's miner, auctions a lot of `units` in the offering's payment token:
 * the units are reserved in the vault now (no longer on sale) and minted to the winner as one certificate at
 * settlement, the winning bid less the channel fee its escrow; cancelled or voided, the lot goes back on sale.
 * Checks the reserve (`Marketplace_ZeroPrice`, `_PriceTooLarge`) and the duration
 * (`Marketplace_DurationOutOfBounds`), then simulates the call, so that the vault's refusals arrive before any
 * transaction: `RiskControlVault_NotMiner` for another caller, `_SaleNotOpen`, `_BelowMinLot`,
 * `_UnitsUnavailable`, `_InvalidStatus`. Throws `ContractRevertError`.
 *
 * @example
 * ```ts
 * const { auctionId } = await createPrimaryAuction(asMiner.marketplace, {
 *   offeringId, units: 20n, reserve: parseUnits("1500", 6), duration: 24 * 3_600,
 * });
 * ```
 */
export async function createPrimaryAuction(
  marketplace: Marketplace,
  params: PrimaryAuctionParams,
): Promise<CreatePrimaryAuctionResult> {
  const seller = await signerAddress(marketplace, "createPrimaryAuction");
  const { offeringId, units, reserve, duration } = params;
  const links = await marketLinks(marketplace);
  const terms = await callLinked(() => readSaleTerms(links.vault, offeringId));
  const { meta } = await paymentTokenOf(marketplace, terms.paymentToken);
  checkPrice(reserve, meta);
  if (duration < MIN_AUCTION_DURATION || duration > MAX_AUCTION_DURATION) {
    throw marketRevert("Marketplace_DurationOutOfBounds", [
      BigInt(duration),
      BigInt(MIN_AUCTION_DURATION),
      BigInt(MAX_AUCTION_DURATION),
    ]);
  }
  // The vault's reserveLot: the miner, then the sale (its status, window, minimum lot, units on sale).
  await callMarket(
    marketplace,
    () => marketplace.createPrimaryAuction.staticCall(offeringId, units, reserve, duration),
    meta,
  );
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.createPrimaryAuction, offeringId, units, reserve, duration),
    meta,
  );
  const created = firstEvent(receipt, marketplace, marketplace.getEvent("AuctionCreated"));
  const primary = firstEvent(receipt, marketplace, marketplace.getEvent("PrimaryAuctionCreated"));
  if (!same(created.args.seller, seller)) throw unexpectedEvents(receipt, "an auction of another seller");
  return {
    auctionId: created.args.auctionId,
    offeringId: primary.args.offeringId,
    units: primary.args.units,
    lotId: created.args.tokenId,
    paymentToken: created.args.paymentToken,
    reserve: created.args.reserve,
    duration: Number(created.args.duration),
    receipt,
  };
}

/** What {@link acceptPrimaryOffer} returns, from the `OfferAccepted`, `PrimarySaleRecorded` and `Sale` events. */
export interface AcceptPrimaryOfferResult {
  readonly offerId: bigint;
  /** The certificate minted to the offer's bidder. */
  readonly tokenId: bigint;
  readonly units: bigint;
  /** Its escrow in the vault: the offer's amount less the channel fee. */
  readonly escrow: bigint;
  readonly saleDay: number;
  /** The sale (`channel` "offer", `primary` true). */
  readonly sale: SaleRecord;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * The marketplace's signer, the offering's miner, accepts an offer on its offering (`makeOfferingOffer`) as a
 * primary sale: the vault mints a certificate of the offer's units to the bidder from the units on sale, and the
 * offer's amount less the channel fee becomes its escrow. Checks first what would be refused: an expired offer
 * (`Marketplace_OfferExpired`), an offer on a certificate (`Marketplace_OfferMismatch`), a caller that is not the
 * miner (`Marketplace_NotOwner`), the miner's own offer (`Marketplace_SelfDealing`), another payment token
 * (`Marketplace_WrongPaymentToken`), and the vault's side of the sale (window, minimum lot, units on sale).
 * Throws `ContractRevertError`.
 *
 * @example
 * ```ts
 * const { tokenId } = await acceptPrimaryOffer(asMiner.marketplace, offerId);
 * ```
 */
export async function acceptPrimaryOffer(
  marketplace: Marketplace,
  offerId: bigint,
): Promise<AcceptPrimaryOfferResult> {
  const miner = await signerAddress(marketplace, "acceptPrimaryOffer");
  const [offer, links, now] = await Promise.all([
    readOffer(marketplace, offerId),
    marketLinks(marketplace),
    chainTime(marketplace),
  ]);
  const { meta } = await paymentTokenOf(marketplace, offer.paymentToken);
  if (BigInt(offer.expiry) <= BigInt(now) + 1n) {
    throw marketRevert("Marketplace_OfferExpired", [offerId, BigInt(offer.expiry)], meta);
  }
  if (!offer.anyOfOffering) throw marketRevert("Marketplace_OfferMismatch", [offerId, offer.tokenId ?? 0n]);
  const terms = await callLinked(() => readSaleTerms(links.vault, offer.offeringId));
  if (!same(miner, terms.miner)) throw marketRevert("Marketplace_NotOwner", [offer.offeringId, miner]);
  if (same(offer.bidder, terms.miner)) throw marketRevert("Marketplace_SelfDealing", [terms.miner]);
  if (!same(offer.paymentToken, terms.paymentToken)) {
    throw marketRevert("Marketplace_WrongPaymentToken", [
      offer.offeringId,
      offer.paymentToken,
      terms.paymentToken,
    ]);
  }
  await checkVaultSale(marketplace, links, terms, offer.units);
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.acceptPrimaryOffer, offerId), meta);
  firstEvent(receipt, marketplace, marketplace.getEvent("OfferAccepted"));
  const recorded = firstEvent(receipt, links.vault, links.vault.getEvent("PrimarySaleRecorded"));
  const [sale] = salesIn(receipt, marketplace);
  if (!sale) throw unexpectedEvents(receipt, "no Sale event");
  return {
    offerId,
    tokenId: recorded.args.tokenId,
    units: recorded.args.units,
    escrow: recorded.args.escrow,
    saleDay: Number(recorded.args.saleDay),
    sale,
    receipt,
  };
}

/**
 * The vault's refusals of a primary sale of `units` from the units on sale (`recordPrimarySale` without a lot),
 * in its order, as of the next block (one second after the latest): the vault paused, the offering not Active,
 * its term over, its sale window not open (or closed), below the minimum lot, more than the units on sale, its
 * miner no longer Active. The marketplace takes the payment before it asks the vault, so a simulation without an
 * allowance cannot reach these.
 */
async function checkVaultSale(
  marketplace: Marketplace,
  links: MarketLinks,
  terms: SaleTerms,
  units: bigint,
): Promise<void> {
  const { vault } = links;
  const [paused, offering, now, registryAddress] = await callLinked(() =>
    Promise.all([vault.paused(), vault.offering(terms.offeringId), chainTime(marketplace), vault.registry()]),
  );
  const id = terms.offeringId;
  const vaultError = (name: string, args: readonly unknown[]) => vaultRevert(name, args);
  if (paused) throw vaultError("EnforcedPause", []);
  if (terms.status !== "Active") throw vaultError("RiskControlVault_InvalidStatus", [id, offering.status]);
  const next = BigInt(now) + 1n;
  const today = utcDay(Number(next));
  if (BigInt(today) >= offering.endDay) {
    throw vaultError("RiskControlVault_SalesClosed", [id, BigInt(today), offering.endDay]);
  }
  if (offering.saleClosed || next < offering.saleStart || next >= offering.saleEnd) {
    throw vaultError("RiskControlVault_SaleNotOpen", [
      id,
      offering.saleStart,
      offering.saleEnd,
      offering.saleClosed,
    ]);
  }
  if (units < offering.minLot) throw vaultError("RiskControlVault_BelowMinLot", [id, units, offering.minLot]);
  const available = offering.reservedUnits - offering.soldUnits - offering.lotUnits;
  if (units > available) throw vaultError("RiskControlVault_UnitsUnavailable", [id, units, available]);
  const registry = MinerRegistry__factory.connect(registryAddress, marketplace.runner);
  const minerStatus = await callLinked(() => registry.statusOf(offering.miner));
  if (minerStatusName(minerStatus) !== "Active") {
    throw vaultError("RiskControlVault_MinerNotActive", [offering.miner, minerStatus]);
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
