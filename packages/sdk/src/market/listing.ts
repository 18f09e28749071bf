import { type ContractTransactionReceipt, ZeroAddress } from "ethers";

import { ContractRevertError } from "../errors.js";
import type { Marketplace } from "../generated/typechain/index.js";
import { firstEvent, requireSender, signerAddress, withGasMargin } from "../transaction.js";
import {
  approveCertificateIfNeeded,
  callMarket,
  checkExpiry,
  checkPrice,
  checkSellable,
  type MarketLinks,
  marketLinks,
  sendMarket,
} from "./payment.js";

/** A fixed-price listing as the marketplace stores it, and whether it can be bought now. */
export interface ListingDetails {
  readonly listingId: bigint;
  /** Who listed it (the certificate's owner then). */
  readonly seller: string;
  readonly tokenId: bigint;
  readonly paymentToken: string;
  /** Whole price the buyer pays, fees included (payment token units). */
  readonly price: bigint;
  /** Unix seconds from which it can no longer be bought (a block at or after it is refused). */
  readonly expiry: number;
  /**
   * The certificate's sale nonce when it was listed: any transfer, split, merge or refund since voids the
   * listing for good (`Marketplace_ListingVoid`), so the buyer gets the certificate exactly as listed.
   */
  readonly nonce: bigint;
  /**
   * The marketplace's `isListingValid`: unexpired, the seller still owns the certificate and lets the
   * marketplace move it, and the certificate is unchanged since it was listed.
   */
  readonly valid: boolean;
  /** Units of the coin the certificate carries (what the buyer gets while `valid`). */
  readonly units: bigint;
  /** Whether its escrow was refunded (a terminated offering). */
  readonly refunded: boolean;
  /**
   * Yield the certificate accrued before now (yield token units). The yield rule: it is the seller's; the
   * marketplace pays it to the seller at the sale, so the price buys only the stream that remains.
   */
  readonly sellerYield: bigint;
}

/**
 * Reads a listing and its validity in parallel. Throws `ContractRevertError`
 * (`Marketplace_UnknownListing`) for a listing bought, cancelled or never made: the marketplace deletes a
 * listing when it sells.
 *
 * @example
 * ```ts
 * const { price, valid } = await readListing(marketplace, 3n);
 * ```
 */
export async function readListing(marketplace: Marketplace, listingId: bigint): Promise<ListingDetails> {
  const [listing, valid, links] = await callMarket(marketplace, () =>
    Promise.all([
      marketplace.listing(listingId),
      marketplace.isListingValid(listingId),
      marketLinks(marketplace),
    ]),
  );
  const content = await certificateContent(links.vault, links.certificate, listing.tokenId);
  return {
    listingId,
    seller: listing.seller,
    tokenId: listing.tokenId,
    paymentToken: listing.paymentToken,
    price: listing.price,
    expiry: Number(listing.expiry),
    nonce: listing.nonce,
    valid,
    ...content,
  };
}

/** A certificate's content as a sale delivers it; zero units for one that no longer exists (merged, burned). */
async function certificateContent(
  vault: MarketLinks["vault"],
  certificate: MarketLinks["certificate"],
  tokenId: bigint,
): Promise<{ units: bigint; refunded: boolean; sellerYield: bigint }> {
  if ((await certificate.holderOf(tokenId)) === ZeroAddress)
    return { units: 0n, refunded: false, sellerYield: 0n };
  const view = await vault.certificateView(tokenId);
  return { units: view.units, refunded: view.refunded, sellerYield: view.claimableYield };
}

/**
 * Whether a listing can be bought now (`isListingValid`); false also for a listing that no longer exists
 * (bought or cancelled), where the contract's view reverts.
 *
 * @example
 * ```ts
 * if (await isListingValid(marketplace, 3n)) await buyListing(asBuyer.marketplace, 3n);
 * ```
 */
export async function isListingValid(marketplace: Marketplace, listingId: bigint): Promise<boolean> {
  try {
    return await callMarket(marketplace, () => marketplace.isListingValid(listingId));
  } catch (error) {
    if (error instanceof ContractRevertError && error.errorName === "Marketplace_UnknownListing")
      return false;
    throw error;
  }
}

/** What a listing asks. */
export interface ListingParams {
  readonly tokenId: bigint;
  /** An allowlisted ERC-20. */
  readonly paymentToken: string;
  /** Whole price the buyer pays, fees included (payment token units). */
  readonly price: bigint;
  /** Unix seconds (chain time) after which it cannot be bought. */
  readonly expiry: number | bigint;
}

/** How a helper that needs the certificate approves the marketplace for it. */
export interface CertificateApprovalOptions {
  /**
   * Approve the marketplace for all the signer's certificates (`setApprovalForAll`, one transaction for
   * many listings) instead of this one (`approve`). Default false.
   */
  readonly approveAll?: boolean;
}

/** What {@link listCertificate} returns, from the `Listed` event. */
export interface ListResult {
  readonly listingId: bigint;
  readonly tokenId: bigint;
  readonly seller: string;
  readonly paymentToken: string;
  readonly price: bigint;
  readonly expiry: number;
  /** The certificate's approval receipt; `undefined` when the marketplace was already approved. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Lists a certificate the marketplace's signer owns at `price` (fees included) until `expiry`. The
 * certificate stays with the seller; the listing stays valid while the seller owns it and lets the
 * marketplace move it. Approves the marketplace for the certificate first when needed (for all the signer's
 * certificates with `approveAll`), after checking that the listing would be accepted, so that a refused
 * listing costs no approval. Listings are secondary sales of existing certificates (primary sales are by the
 * unit: `buyPrimaryUnits`); the seller receives the price less the trading fee. Throws
 * `ContractRevertError`, e.g. `Marketplace_NotOwner`, `Marketplace_PaymentTokenNotAllowed`,
 * `Marketplace_InvalidExpiry`.
 *
 * @example
 * ```ts
 * const { listingId } = await listCertificate(asMiner.marketplace, {
 *   tokenId,
 *   paymentToken: usdcAddress,
 *   price: parseUnits("1000", 6),
 *   expiry: now + 7 * 86_400,
 * });
 * ```
 */
export async function listCertificate(
  marketplace: Marketplace,
  params: ListingParams,
  options: CertificateApprovalOptions = {},
): Promise<ListResult> {
  const owner = await signerAddress(marketplace, "listCertificate");
  const links = await marketLinks(marketplace);
  const { tokenId, paymentToken, price, expiry } = params;
  const approval = await approveCertificateIfNeeded({
    marketplace,
    links,
    owner,
    tokenId,
    approveAll: options.approveAll ?? false,
    simulate: () => marketplace.list.staticCall(tokenId, paymentToken, price, expiry),
    preflight: async () => {
      await checkSellable(links, paymentToken);
      checkPrice(price);
      await checkExpiry(marketplace, expiry);
    },
  });
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.list, tokenId, paymentToken, price, expiry),
  );
  const listed = firstEvent(receipt, marketplace, marketplace.getEvent("Listed"));
  return {
    listingId: listed.args.listingId,
    tokenId: listed.args.tokenId,
    seller: listed.args.seller,
    paymentToken: listed.args.paymentToken,
    price: listed.args.price,
    expiry: Number(listed.args.expiry),
    approval,
    receipt,
  };
}

/** What {@link updateListing} returns, from the `ListingUpdated` event. */
export interface UpdateListingResult {
  readonly listingId: bigint;
  readonly price: bigint;
  readonly expiry: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Changes a listing's price and expiry (seller only). A buyer's pending purchase never pays more than the
 * `maxPrice` it named. Throws `ContractRevertError`, e.g. `Marketplace_NotSeller`, `Marketplace_ZeroPrice`.
 *
 * @example
 * ```ts
 * await updateListing(asSeller.marketplace, listingId, parseUnits("900", 6), expiry);
 * ```
 */
export async function updateListing(
  marketplace: Marketplace,
  listingId: bigint,
  price: bigint,
  expiry: number | bigint,
): Promise<UpdateListingResult> {
  requireSender(marketplace, "updateListing");
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.updateListing, listingId, price, expiry),
  );
  const updated = firstEvent(receipt, marketplace, marketplace.getEvent("ListingUpdated"));
  return {
    listingId: updated.args.listingId,
    price: updated.args.price,
    expiry: Number(updated.args.expiry),
    receipt,
  };
}

/**
 * Removes a listing (seller only; also while the marketplace is paused). Throws `ContractRevertError`
 * (`Marketplace_NotSeller`, `Marketplace_UnknownListing`).
 *
 * @example
 * ```ts
 * await cancelListing(asSeller.marketplace, listingId);
 * ```
 */
export async function cancelListing(
  marketplace: Marketplace,
  listingId: bigint,
): Promise<ContractTransactionReceipt> {
  requireSender(marketplace, "cancelListing");
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.cancelListing, listingId));
  firstEvent(receipt, marketplace, marketplace.getEvent("ListingCancelled"));
  return receipt;
}
