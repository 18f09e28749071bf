import type { ContractTransactionReceipt } from "ethers";

import type { Marketplace } from "../generated/typechain/index.js";
import { firstEvent, requireSender, signerAddress, withGasMargin } from "../transaction.js";
import { decodeTokenId } from "../vault/tokenId.js";
import type { CertificateApprovalOptions } from "./listing.js";
import {
  approveCertificateIfNeeded,
  callMarket,
  checkSellable,
  marketLinks,
  marketRevert,
  payFromSigner,
  paymentTokenOf,
  sendMarket,
} from "./payment.js";
import { type SaleRecord, salesIn, unexpectedEvents } from "./sale.js";

/** An offer as the marketplace stores it; its funds are held by the marketplace. */
export interface OfferDetails {
  readonly offerId: bigint;
  /** Who made it, pays and receives the certificate. */
  readonly bidder: string;
  /** True for an offer on any one certificate of an offering, false for one certificate. */
  readonly anyOfOffering: boolean;
  /** The certificate; `undefined` for an offer on any certificate of the offering. */
  readonly tokenId: bigint | undefined;
  /** The offering (of the certificate, for an offer on one certificate). */
  readonly offeringId: bigint;
  readonly paymentToken: string;
  /** Whole price, fees included (payment token units). */
  readonly amount: bigint;
  /** Unix seconds from which it can no longer be accepted (its bidder can still cancel it). */
  readonly expiry: number;
  /** For an offer on an offering: the units the certificate must carry (and not be refunded); 0n otherwise. */
  readonly units: bigint;
  /**
   * For an offer on a certificate: its sale nonce when the offer was made (a transfer, split, merge or refund
   * of it since voids the offer: `Marketplace_OfferVoid`); 0n otherwise.
   */
  readonly nonce: bigint;
}

/**
 * Reads an offer. Throws `ContractRevertError` (`Marketplace_UnknownOffer`) for an offer accepted,
 * cancelled or never made.
 *
 * @example
 * ```ts
 * const { amount, expiry, tokenId } = await readOffer(marketplace, offerId);
 * ```
 */
export async function readOffer(marketplace: Marketplace, offerId: bigint): Promise<OfferDetails> {
  const offer = await callMarket(marketplace, () => marketplace.offer(offerId));
  return {
    offerId,
    bidder: offer.bidder,
    anyOfOffering: offer.anyOfOffering,
    tokenId: offer.anyOfOffering ? undefined : offer.target,
    offeringId: offer.anyOfOffering ? offer.target : decodeTokenId(offer.target).offeringId,
    paymentToken: offer.paymentToken,
    amount: offer.amount,
    expiry: Number(offer.expiry),
    units: offer.units,
    nonce: offer.nonce,
  };
}

/** What an offer proposes. */
export interface OfferTerms {
  /** An allowlisted ERC-20 (an offer the miner accepts as a primary sale: its offering's payment token). */
  readonly paymentToken: string;
  /** Whole price, fees included (payment token units), pulled from the bidder and held. */
  readonly amount: bigint;
  /** Unix seconds (chain time) after which it cannot be accepted. */
  readonly expiry: number | bigint;
}

/** What an offer on an offering proposes: the terms and the units the certificate must carry. */
export interface OfferingOfferTerms extends OfferTerms {
  /** Units of the coin the certificate must carry, exactly (a certificate of other units is refused). */
  readonly units: bigint;
}

/** What {@link makeOffer} and {@link makeOfferingOffer} return, from the `OfferMade` event. */
export interface MakeOfferResult {
  readonly offerId: bigint;
  readonly bidder: string;
  /** The certificate, or the offering for an offer on any of its certificates. */
  readonly target: bigint;
  readonly anyOfOffering: boolean;
  /** The units an offer on an offering names; 0n for an offer on a certificate. */
  readonly units: bigint;
  readonly paymentToken: string;
  readonly amount: bigint;
  readonly expiry: number;
  /** The payment token's `approve` receipt; `undefined` when the allowance already covered the amount. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Offers `amount` for one certificate until `expiry`, from the marketplace's signer; the marketplace holds
 * the funds until the owner accepts or the bidder cancels. Handles the allowance as `buyListing` does.
 * Throws `ContractRevertError`, e.g. `Marketplace_UnknownCertificate`, `Marketplace_InvalidExpiry`.
 *
 * @example
 * ```ts
 * const { offerId } = await makeOffer(asBidder.marketplace, tokenId, {
 *   paymentToken: usdcAddress,
 *   amount: parseUnits("1100", 6),
 *   expiry: now + 86_400,
 * });
 * ```
 */
export async function makeOffer(
  marketplace: Marketplace,
  tokenId: bigint,
  terms: OfferTerms,
): Promise<MakeOfferResult> {
  const bidder = await signerAddress(marketplace, "makeOffer");
  const { paymentToken, amount, expiry } = terms;
  return offerFrom(marketplace, bidder, terms, {
    simulate: () => marketplace.makeOffer.staticCall(tokenId, paymentToken, amount, expiry),
    send: withGasMargin(marketplace.makeOffer, tokenId, paymentToken, amount, expiry),
  });
}

/**
 * Offers `amount` for `units` of an offering until `expiry`: the miner may accept it as a primary sale
 * (`acceptPrimaryOffer`: a new certificate of those units is minted to the bidder), or a holder of a certificate
 * of exactly `units` units, not refunded, as a secondary one (`acceptOffer`). Otherwise as {@link makeOffer}; throws
 * `ContractRevertError` (`RiskControlVault_UnknownOffering`, `Marketplace_ZeroUnits`).
 *
 * @example
 * ```ts
 * await makeOfferingOffer(asBidder.marketplace, offeringId, { units: 10n, paymentToken, amount, expiry });
 * ```
 */
export async function makeOfferingOffer(
  marketplace: Marketplace,
  offeringId: bigint,
  terms: OfferingOfferTerms,
): Promise<MakeOfferResult> {
  const bidder = await signerAddress(marketplace, "makeOfferingOffer");
  const { units, paymentToken, amount, expiry } = terms;
  return offerFrom(marketplace, bidder, terms, {
    simulate: () => marketplace.makeOfferingOffer.staticCall(offeringId, units, paymentToken, amount, expiry),
    send: withGasMargin(marketplace.makeOfferingOffer, offeringId, units, paymentToken, amount, expiry),
  });
}

async function offerFrom(
  marketplace: Marketplace,
  bidder: string,
  terms: OfferTerms,
  call: {
    simulate: () => Promise<unknown>;
    send: Parameters<typeof sendMarket>[1];
  },
): Promise<MakeOfferResult> {
  const { meta, approval } = await payFromSigner({
    marketplace,
    owner: bidder,
    tokenAddress: terms.paymentToken,
    amount: terms.amount,
    purpose: "this offer",
    simulate: call.simulate,
  });
  const receipt = await sendMarket(marketplace, call.send, meta);
  const made = firstEvent(receipt, marketplace, marketplace.getEvent("OfferMade"));
  return {
    offerId: made.args.offerId,
    bidder: made.args.bidder,
    target: made.args.target,
    anyOfOffering: made.args.anyOfOffering,
    units: made.args.units,
    paymentToken: made.args.paymentToken,
    amount: made.args.amount,
    expiry: Number(made.args.expiry),
    approval,
    receipt,
  };
}

/** What {@link acceptOffer} returns, from the `OfferAccepted` and `Sale` events. */
export interface AcceptOfferResult {
  readonly offerId: bigint;
  readonly tokenId: bigint;
  readonly seller: string;
  /** The sale (secondary): `sale.net` went to the seller. */
  readonly sale: SaleRecord;
  /** The certificate's approval receipt; `undefined` when the marketplace was already approved. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Sells `tokenId`, owned by the marketplace's signer, to an offer's bidder for the offer's amount (an
 * offer on any certificate of an offering takes any one of its certificates). Approves the marketplace for
 * the certificate first when needed, after checking that the sale would be accepted. A secondary sale: the
 * amount less the trading fee goes to the seller (a miner accepts an offer on its offering as a primary sale
 * with `acceptPrimaryOffer`). Throws `ContractRevertError`, e.g. `Marketplace_OfferExpired`,
 * `Marketplace_OfferMismatch`, `Marketplace_NotOwner`.
 *
 * @example
 * ```ts
 * const { sale } = await acceptOffer(asHolder.marketplace, offerId, tokenId);
 * ```
 */
export async function acceptOffer(
  marketplace: Marketplace,
  offerId: bigint,
  tokenId: bigint,
  options: CertificateApprovalOptions = {},
): Promise<AcceptOfferResult> {
  const owner = await signerAddress(marketplace, "acceptOffer");
  const [offer, links] = await Promise.all([readOffer(marketplace, offerId), marketLinks(marketplace)]);
  const { meta } = await paymentTokenOf(marketplace, offer.paymentToken);
  const approval = await approveCertificateIfNeeded({
    marketplace,
    links,
    owner,
    tokenId,
    approveAll: options.approveAll ?? false,
    simulate: () => marketplace.acceptOffer.staticCall(offerId, tokenId),
    preflight: async () => {
      await checkSellable(links, offer.paymentToken);
      if (offer.bidder.toLowerCase() === owner.toLowerCase())
        throw marketRevert("Marketplace_SelfDealing", [owner]);
    },
  });
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.acceptOffer, offerId, tokenId),
    meta,
  );
  const accepted = firstEvent(receipt, marketplace, marketplace.getEvent("OfferAccepted"));
  const [sale] = salesIn(receipt, marketplace);
  if (!sale) throw unexpectedEvents(receipt, "no Sale event");
  return {
    offerId,
    tokenId: accepted.args.tokenId,
    seller: accepted.args.seller,
    sale,
    approval,
    receipt,
  };
}

/** What {@link cancelOffer} returns. */
export interface CancelOfferResult {
  readonly offerId: bigint;
  readonly paymentToken: string;
  /** The held funds sent back to the bidder. */
  readonly refunded: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Withdraws an offer and sends its funds back to the bidder (the marketplace's signer; also after expiry
 * and while the marketplace is paused). Throws `ContractRevertError` (`Marketplace_NotBidder`,
 * `Marketplace_UnknownOffer`).
 *
 * @example
 * ```ts
 * const { refunded } = await cancelOffer(asBidder.marketplace, offerId);
 * ```
 */
export async function cancelOffer(marketplace: Marketplace, offerId: bigint): Promise<CancelOfferResult> {
  requireSender(marketplace, "cancelOffer");
  const offer = await readOffer(marketplace, offerId);
  const { meta } = await paymentTokenOf(marketplace, offer.paymentToken);
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.cancelOffer, offerId), meta);
  firstEvent(receipt, marketplace, marketplace.getEvent("OfferCancelled"));
  return { offerId, paymentToken: offer.paymentToken, refunded: offer.amount, receipt };
}
