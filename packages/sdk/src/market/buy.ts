import type { ContractTransactionReceipt } from "ethers";

import { ContractRevertError } from "../errors.js";
import type { Marketplace } from "../generated/typechain/index.js";
import type { SaleEvent } from "../generated/typechain/Marketplace.js";
import { signerAddress, withGasMargin } from "../transaction.js";
import type { TokenMeta } from "../vault/payment.js";
import { type ListingDetails, readListing } from "./listing.js";
import { callMarket, marketLinks, payFromSigner, sendMarket } from "./payment.js";
import { marketLogs, type SaleRecord, saleOf, salesIn, unexpectedEvents } from "./sale.js";

/** A listing to buy and the most the buyer pays for it (default: its price when the helper reads it). */
export interface BuyOrder {
  readonly listingId: bigint;
  /** The buyer's limit: a seller raising the price above it makes the purchase fail (or be skipped). */
  readonly maxPrice?: bigint;
}

/** One listing bought. */
export interface Purchase {
  readonly listingId: bigint;
  readonly sale: SaleRecord;
}

/** What {@link buyListing} returns, from the `Sale` event. */
export interface BuyResult extends Purchase {
  /** The payment token's `approve` receipt; `undefined` when the allowance already covered the price. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Buys a listing for its price, paying at most `maxPrice` (default: the price read just before), from the
 * marketplace's signer. Checks the balance (`InsufficientBalanceError` before any transaction) and approves
 * the marketplace for `maxPrice` only when the allowance is below the price, after simulating the purchase
 * so that a purchase the marketplace would refuse costs no approval. Listings sell existing certificates
 * (secondary sales: the price less the trading fee goes to the seller, `sale.net`); primary sales are by the
 * unit (`buyPrimaryUnits`). Throws `ContractRevertError`, e.g. `Marketplace_PriceAboveMax`, `Marketplace_ListingExpired`,
 * `Marketplace_ListingStale`, `Marketplace_UnknownListing` (bought or cancelled),
 * `Marketplace_SelfDealing`.
 *
 * @example
 * ```ts
 * const { price } = await readListing(marketplace, listingId); // shown to the buyer
 * const { sale } = await buyListing(asBuyer.marketplace, listingId, { maxPrice: price });
 * ```
 */
export async function buyListing(
  marketplace: Marketplace,
  listingId: bigint,
  options: { readonly maxPrice?: bigint } = {},
): Promise<BuyResult> {
  const buyer = await signerAddress(marketplace, "buyListing");
  const listing = await readListing(marketplace, listingId);
  const maxPrice = options.maxPrice ?? listing.price;
  const { meta, approval } = await payFromSigner({
    marketplace,
    owner: buyer,
    tokenAddress: listing.paymentToken,
    amount: listing.price,
    allowance: maxPrice,
    purpose: "this purchase",
    simulate: () => marketplace.buy.staticCall(listingId, maxPrice),
    explain: () => explainRefusal(marketplace, [{ listing, maxPrice }]),
  });
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.buy, listingId, maxPrice), meta);
  const [sale] = salesIn(receipt, marketplace);
  if (!sale) throw unexpectedEvents(receipt, "no Sale event");
  return { listingId, sale, approval, receipt };
}

/** What {@link buyManyListings} returns. */
export interface BuyManyResult {
  /** One per listing, in order. */
  readonly purchases: readonly Purchase[];
  /** The payment tokens' `approve` receipts (one per token whose allowance was short). */
  readonly approvals: readonly ContractTransactionReceipt[];
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Buys every listing in one transaction, or none: the first listing that cannot be bought reverts the
 * whole purchase with its error (see {@link buyListing}). Listings may be in different payment tokens;
 * each token's allowance is handled as {@link buyListing} does, for the sum of its prices.
 *
 * @example
 * ```ts
 * const { purchases } = await buyManyListings(asBuyer.marketplace, [3n, 4n, { listingId: 5n, maxPrice }]);
 * ```
 */
export async function buyManyListings(
  marketplace: Marketplace,
  orders: readonly (bigint | BuyOrder)[],
): Promise<BuyManyResult> {
  const buyer = await signerAddress(marketplace, "buyManyListings");
  const resolved = await resolveOrders(marketplace, orders);
  const ids = resolved.map(({ listing }) => listing.listingId);
  const maxPrices = resolved.map(({ maxPrice }) => maxPrice);
  const { approvals, meta } = await payPerToken(marketplace, buyer, resolved, {
    purpose: "these purchases",
    simulate: () => marketplace.buyMany.staticCall(ids, maxPrices),
    explain: () => explainRefusal(marketplace, resolved),
  });
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.buyMany, ids, maxPrices), meta);
  const sales = salesIn(receipt, marketplace);
  if (sales.length !== ids.length) {
    throw unexpectedEvents(receipt, `${sales.length} Sale events for ${ids.length} listings`);
  }
  return {
    purchases: sales.map((sale, i) => ({ listingId: ids[i] ?? 0n, sale })),
    approvals,
    receipt,
  };
}

/** What {@link buyAvailableListings} returns. */
export interface BuyAvailableResult {
  /** One flag per listing, in order: bought, or skipped as no longer valid (`ListingSkipped`). */
  readonly bought: readonly boolean[];
  readonly purchases: readonly Purchase[];
  /** The listings skipped, in order. */
  readonly skipped: readonly bigint[];
  readonly approvals: readonly ContractTransactionReceipt[];
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Buys the listings that are still valid and skips the others (bought by someone else, cancelled,
 * expired, stale, priced above the buyer's limit), in one transaction. The allowance is handled for the
 * listings expected to be bought (read just before); the result says, from the events, which were.
 *
 * @example
 * ```ts
 * const { bought, purchases } = await buyAvailableListings(asBuyer.marketplace, cartListingIds);
 * ```
 */
export async function buyAvailableListings(
  marketplace: Marketplace,
  orders: readonly (bigint | BuyOrder)[],
): Promise<BuyAvailableResult> {
  const buyer = await signerAddress(marketplace, "buyAvailableListings");
  const normalized = orders.map(normalizeOrder);
  const ids = normalized.map(({ listingId }) => listingId);
  const { expected, maxPrices } = await expectedPurchases(marketplace, buyer, normalized);
  const { approvals, meta } = await payPerToken(marketplace, buyer, expected, {
    purpose: "these purchases",
    simulate: () => marketplace.buyAvailable.staticCall(ids, maxPrices),
  });
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.buyAvailable, ids, maxPrices),
    meta,
  );

  // Each listing emits either its Sale or ListingSkipped, in order (Sale carries no listing id).
  const { address } = await marketLinks(marketplace);
  const bought: boolean[] = [];
  const purchases: Purchase[] = [];
  const skipped: bigint[] = [];
  for (const log of marketLogs(receipt, address)) {
    const parsed = marketplace.interface.parseLog(log);
    const listingId = ids[bought.length];
    if (!parsed || listingId === undefined) continue;
    if (parsed.name === "Sale") {
      bought.push(true);
      purchases.push({ listingId, sale: saleOf(parsed.args as unknown as SaleEvent.OutputObject) });
    } else if (parsed.name === "ListingSkipped") {
      if (parsed.args[0] !== listingId) throw unexpectedEvents(receipt, `ListingSkipped out of order`);
      bought.push(false);
      skipped.push(listingId);
    }
  }
  if (bought.length !== ids.length) {
    throw unexpectedEvents(
      receipt,
      `${bought.length} Sale and ListingSkipped events for ${ids.length} listings`,
    );
  }
  return { bought, purchases, skipped, approvals, receipt };
}

interface ResolvedOrder {
  readonly listing: ListingDetails;
  readonly maxPrice: bigint;
}

function normalizeOrder(order: bigint | BuyOrder): BuyOrder {
  return typeof order === "bigint" ? { listingId: order } : order;
}

/** Reads every listing (a missing one throws `Marketplace_UnknownListing`, as the purchase would). */
async function resolveOrders(
  marketplace: Marketplace,
  orders: readonly (bigint | BuyOrder)[],
): Promise<ResolvedOrder[]> {
  return Promise.all(
    orders.map(normalizeOrder).map(async ({ listingId, maxPrice }) => {
      const listing = await readListing(marketplace, listingId);
      return { listing, maxPrice: maxPrice ?? listing.price };
    }),
  );
}

/**
 * The listings `buyAvailable` will buy for `buyer` as the chain stands (existing, valid, within the buyer's
 * limit, not the buyer's own; each once), and the limit
 * sent for every order: its `maxPrice`, else the listing's price, else 0 for a listing that is gone.
 */
async function expectedPurchases(
  marketplace: Marketplace,
  buyer: string,
  orders: readonly BuyOrder[],
): Promise<{ expected: ResolvedOrder[]; maxPrices: bigint[] }> {
  const ids = [...new Set(orders.map(({ listingId }) => listingId))];
  const listings = new Map<bigint, ListingDetails>();
  await Promise.all(
    ids.map(async (listingId) => {
      try {
        listings.set(listingId, await readListing(marketplace, listingId));
      } catch (error) {
        if (!(error instanceof ContractRevertError && error.errorName === "Marketplace_UnknownListing"))
          throw error;
      }
    }),
  );
  const maxPrices = orders.map(({ listingId, maxPrice }) => maxPrice ?? listings.get(listingId)?.price ?? 0n);
  const seen = new Set<bigint>();
  const expected: ResolvedOrder[] = [];
  orders.forEach(({ listingId }, i) => {
    const listing = listings.get(listingId);
    const limit = maxPrices[i] ?? 0n;
    if (!listing || seen.has(listingId)) return;
    seen.add(listingId);
    if (!listing.valid || listing.price > limit || same(listing.seller, buyer)) return;
    expected.push({ listing, maxPrice: limit });
  });
  return { expected, maxPrices };
}

/** Balance checks and approvals per payment token: for the sum of the prices, approving the sum of the limits. */
async function payPerToken(
  marketplace: Marketplace,
  buyer: string,
  orders: readonly ResolvedOrder[],
  call: { purpose: string; simulate: () => Promise<unknown>; explain?: () => Promise<void> },
): Promise<{ approvals: ContractTransactionReceipt[]; meta: TokenMeta | undefined }> {
  const totals = new Map<string, { amount: bigint; allowance: bigint }>();
  for (const { listing, maxPrice } of orders) {
    const key = listing.paymentToken.toLowerCase();
    const total = totals.get(key) ?? { amount: 0n, allowance: 0n };
    totals.set(key, {
      amount: total.amount + listing.price,
      allowance: total.allowance + maxPrice,
    });
  }
  const approvals: ContractTransactionReceipt[] = [];
  let meta: TokenMeta | undefined;
  for (const [tokenAddress, { amount, allowance }] of totals) {
    const paid = await payFromSigner({
      marketplace,
      owner: buyer,
      tokenAddress,
      amount,
      allowance,
      purpose: call.purpose,
      simulate: call.simulate,
      ...(call.explain ? { explain: call.explain } : {}),
    });
    if (paid.approval) approvals.push(paid.approval);
    // Reverts are worded in the token when there is only one.
    meta = totals.size === 1 ? paid.meta : undefined;
  }
  return { approvals, meta };
}

/**
 * The simulation of a purchase met only the payment token's revert (no allowance yet). Finds what the
 * marketplace would refuse once paid: each listing alone (a later listing's own error, hidden behind the
 * first one's payment).
 */
async function explainRefusal(marketplace: Marketplace, orders: readonly ResolvedOrder[]): Promise<void> {
  const outcomes = await Promise.all(
    orders.map(({ listing, maxPrice }) =>
      callMarket(marketplace, () => marketplace.buy.staticCall(listing.listingId, maxPrice)).then(
        () => undefined,
        (error: unknown) => error,
      ),
    ),
  );
  for (const error of outcomes) {
    if (error === undefined) continue;
    const name = error instanceof ContractRevertError ? error.errorName : undefined;
    if (name !== "ERC20InsufficientAllowance" && name !== "ERC20InsufficientBalance") throw error;
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
