// Market browse (DESIGN §1): fixed-price listings filtered through their offering (coin, miner, offering
// status), by price range and listing status, sorted; and auctions. Prices are whole prices (fees included)
// in the payment token's smallest unit; each item also says the price per unit of hashrate and the
// offering's remaining term, the figures a buyer compares.
import {
  type Auction_Filter,
  type Auction_OrderBy,
  type AuctionFieldsFragment,
  type AuctionStatus,
  CertificateOperatorApprovalsDocument,
  type Listing_Filter,
  type Listing_OrderBy,
  type ListingStatus,
  MarketAuctionsDocument,
  MarketListingsDocument,
  type MarketListingsQuery,
  type OfferingStatus as SubgraphOfferingStatus,
} from "../generated/subgraph/graphql.js";
import { auctionPhase } from "../market/auctionMath.js";
import type { OfferingStatus } from "../vault/status.js";
import { type IndexedCertificate, toCertificate } from "./certificates.js";
import type { SubgraphClient } from "./client.js";
import { addressVariable, toAddress, toBigInt, toEnumMember, toSafeNumber } from "./convert.js";
import { clockOf, type IndexedClock, type IndexedOffering, toOffering } from "./offerings.js";
import { offsetPage, type Page, type PageRequest } from "./pagination.js";

export type { AuctionStatus, ListingStatus } from "../generated/subgraph/graphql.js";

const LISTING_STATUSES = ["ACTIVE", "SOLD", "CANCELLED", "VOID"] as const satisfies readonly ListingStatus[];
const AUCTION_STATUSES = [
  "CREATED",
  "LIVE",
  "SETTLED",
  "CANCELLED",
  "VOIDED",
] as const satisfies readonly AuctionStatus[];
/** `true` only when `Listed` names every member of `All`: a status the schema adds fails the build here. */
type Complete<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [
  never,
]
  ? true
  : false;
const everyStatusKnown: Complete<ListingStatus, typeof LISTING_STATUSES> &
  Complete<AuctionStatus, typeof AUCTION_STATUSES> = true;
void everyStatusKnown;

/** A fixed-price listing as market browse shows it. */
export interface MarketListing {
  readonly listingId: bigint;
  readonly seller: string;
  readonly paymentToken: string;
  /** Whole price, fees included, payment token units. */
  readonly price: bigint;
  /** price / units of the certificate, rounded down (payment token units per unit of hashrate). */
  readonly pricePerUnit: bigint;
  /** Unix seconds from which it can no longer be bought (a block at or after it is refused). */
  readonly expiry: number;
  readonly status: ListingStatus;
  /**
   * Whether it can be bought at the clock: ACTIVE, unexpired, its seller still owns the certificate (a
   * listing does not hold it) and lets the marketplace move it (an approval of the token or of all the
   * seller's certificates), as the marketplace's `isListingValid` checks.
   */
  readonly buyable: boolean;
  readonly createdAt: number;
  readonly certificate: IndexedCertificate;
  readonly offering: IndexedOffering;
}

export interface MarketFilter {
  readonly coinId?: bigint;
  readonly miner?: string;
  /** Payment token units, inclusive. */
  readonly minPrice?: bigint;
  readonly maxPrice?: bigint;
  readonly paymentToken?: string;
  /** Listing statuses (default ACTIVE, unexpired at the clock). */
  readonly statuses?: readonly ListingStatus[];
  /** Keep expired ACTIVE listings (default false). */
  readonly includeExpired?: boolean;
  /** Offering statuses (default: any). */
  readonly offeringStatuses?: readonly Exclude<OfferingStatus, "None">[];
}

export type MarketSort = "price" | "createdAt" | "expiry";

export interface MarketPage extends Page<MarketListing> {
  readonly clock: IndexedClock;
}

type ListingRow = MarketListingsQuery["listings"][number];

/** Who may move what, as a listing's validity needs it. */
interface MarketApprovals {
  /** The marketplace's address, lower case; undefined before the subgraph has seen it. */
  readonly marketplace: string | undefined;
  /** Sellers (lower case) that let the marketplace move all their certificates. */
  readonly operatorOf: ReadonlySet<string>;
}

function marketMayMove(row: ListingRow, approvals: MarketApprovals): boolean {
  const { marketplace } = approvals;
  if (marketplace === undefined) return false;
  return row.certificate.approved === marketplace || approvals.operatorOf.has(row.seller.id);
}

function toListing(row: ListingRow, clock: IndexedClock, approvals: MarketApprovals): MarketListing {
  const certificate = toCertificate(row.certificate, row.offering);
  const price = toBigInt(row.price, "Listing.price");
  const expiry = toSafeNumber(row.expiry, "Listing.expiry");
  const status = toEnumMember(row.status, LISTING_STATUSES, "Listing.status");
  const seller = toAddress(row.seller.id, "Listing.seller");
  return {
    listingId: toBigInt(row.id, "Listing.id"),
    seller,
    paymentToken: toAddress(row.paymentToken.id, "Listing.paymentToken"),
    price,
    pricePerUnit: certificate.units > 0n ? price / certificate.units : 0n,
    expiry,
    status,
    buyable:
      status === "ACTIVE" &&
      expiry > clock.timestamp &&
      certificate.owner === seller &&
      marketMayMove(row, approvals),
    createdAt: toSafeNumber(row.createdAt, "Listing.createdAt"),
    certificate,
    offering: toOffering(row.offering, clock.today),
  };
}

/**
 * The marketplace's address and which sellers of the page's live listings approved it for all their
 * certificates; a second query only when some live listing's token is not approved on its own.
 */
async function readApprovals(client: SubgraphClient, data: MarketListingsQuery): Promise<MarketApprovals> {
  const marketplace = data.marketSettings_collection[0]?.id.toLowerCase();
  const operatorOf = new Set<string>();
  if (marketplace === undefined) return { marketplace, operatorOf };
  const owners = new Set<string>();
  for (const row of data.listings) {
    const live = row.status === "ACTIVE" && row.certificate.owner.id === row.seller.id;
    if (live && row.certificate.approved !== marketplace) owners.add(row.seller.id);
  }
  if (owners.size > 0) {
    const approved = await client.request(CertificateOperatorApprovalsDocument, {
      owners: [...owners],
      operator: marketplace,
    });
    for (const { owner } of approved.certificateOperators) operatorOf.add(owner.id);
  }
  return { marketplace, operatorOf };
}

const upper = (statuses: readonly Exclude<OfferingStatus, "None">[]) =>
  statuses.map((s) => s.toUpperCase() as SubgraphOfferingStatus);

/**
 * A page of market listings: by default the active, unexpired ones (at `options.now`, default the
 * current time), cheapest first. Filter by coin, miner, price range, payment token, listing and offering
 * status. (Listings sell existing certificates: every one is a secondary sale.)
 */
export async function browseMarket(
  client: SubgraphClient,
  page?: PageRequest,
  filter: MarketFilter = {},
  options: { readonly sort?: MarketSort; readonly direction?: "asc" | "desc"; readonly now?: number } = {},
): Promise<MarketPage> {
  const statuses = filter.statuses ?? ["ACTIVE"];
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const where: { -readonly [K in keyof Listing_Filter]: Listing_Filter[K] } = { status_in: [...statuses] };
  if (!filter.includeExpired && statuses.length === 1 && statuses[0] === "ACTIVE") {
    // The marketplace refuses a listing in a block whose timestamp has reached its expiry.
    where.expiry_gt = now.toString();
  }
  if (filter.minPrice !== undefined) where.price_gte = filter.minPrice.toString();
  if (filter.maxPrice !== undefined) where.price_lte = filter.maxPrice.toString();
  if (filter.paymentToken !== undefined) where.paymentToken = addressVariable(filter.paymentToken);
  const offering: NonNullable<Listing_Filter["offering_"]> = {
    ...(filter.coinId !== undefined ? { coin: filter.coinId.toString() } : {}),
    ...(filter.miner !== undefined ? { miner: addressVariable(filter.miner) } : {}),
    ...(filter.offeringStatuses ? { status_in: upper(filter.offeringStatuses) } : {}),
  };
  if (Object.keys(offering).length > 0) where.offering_ = offering;
  const orderBy: Listing_OrderBy = options.sort ?? "price";
  let clock = clockOf(null);
  let approvals: MarketApprovals = { marketplace: undefined, operatorOf: new Set() };
  const result = await offsetPage(
    page,
    async (first, skip) => {
      const data = await client.request(MarketListingsDocument, {
        first,
        skip,
        where,
        orderBy,
        orderDirection: options.direction ?? (orderBy === "createdAt" ? "desc" : "asc"),
      });
      clock = clockOf(data._meta);
      approvals = await readApprovals(client, data);
      return data.listings;
    },
    (row) => toListing(row, clock, approvals),
  );
  return { ...result, clock };
}

/** An English auction as market browse shows it. */
export interface MarketAuction {
  readonly auctionId: bigint;
  readonly seller: string;
  readonly paymentToken: string;
  /** Lowest first bid, payment token units. */
  readonly reserve: bigint;
  /** Seconds it runs from the first bid. */
  readonly duration: number;
  /** A primary auction of a lot of the offering's units (minted to the winner at settlement). */
  readonly primary: boolean;
  /** For a primary auction, the lot's units; undefined for an auction of a certificate. */
  readonly lotUnits: bigint | undefined;
  readonly status: AuctionStatus;
  /** Unix seconds; undefined before the first bid. */
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  /** 0 before the first bid. */
  readonly highestBid: bigint;
  readonly highestBidder: string | undefined;
  readonly bidCount: number;
  /**
   * Open, and its certificate's offering changed since its creation (flagged, resumed, terminated,
   * finished): it takes no bids, and settling it at any time voids it (certificate back to the seller, bid
   * back to its bidder).
   */
  readonly voidable: boolean;
  /** Anyone can settle it now: LIVE and ended at the clock (its end included), or voidable. */
  readonly settleable: boolean;
  readonly createdAt: number;
  /** The certificate auctioned; for a primary auction the one minted to the winner, undefined until settled. */
  readonly certificate: IndexedCertificate | undefined;
  readonly offering: IndexedOffering;
}

export function toAuction(row: AuctionFieldsFragment, clock: IndexedClock): MarketAuction {
  const status = toEnumMember(row.status, AUCTION_STATUSES, "Auction.status");
  const endTime = row.endTime === null ? undefined : toSafeNumber(row.endTime, "Auction.endTime");
  return {
    auctionId: toBigInt(row.id, "Auction.id"),
    seller: toAddress(row.seller.id, "Auction.seller"),
    paymentToken: toAddress(row.paymentToken.id, "Auction.paymentToken"),
    reserve: toBigInt(row.reserve, "Auction.reserve"),
    duration: row.duration,
    primary: row.primary,
    lotUnits: row.lotUnits === null ? undefined : toBigInt(row.lotUnits, "Auction.lotUnits"),
    status,
    startTime: row.startTime === null ? undefined : toSafeNumber(row.startTime, "Auction.startTime"),
    endTime,
    highestBid: toBigInt(row.highestBid, "Auction.highestBid"),
    highestBidder: row.highestBidder ? toAddress(row.highestBidder.id, "Auction.highestBidder") : undefined,
    bidCount: row.bidCount,
    voidable: row.voidable,
    // auctionPhase: the end itself takes no more bids, so the auction can be settled from it on.
    settleable:
      row.voidable ||
      (status === "LIVE" && auctionPhase({ endTime: endTime ?? 0 }, clock.timestamp) === "Ended"),
    createdAt: toSafeNumber(row.createdAt, "Auction.createdAt"),
    certificate: row.certificate ? toCertificate(row.certificate, row.offering) : undefined,
    offering: toOffering(row.offering, clock.today),
  };
}

/** A page of auctions (default: CREATED and LIVE, ending soonest first); filter by coin and miner. */
export async function browseAuctions(
  client: SubgraphClient,
  page?: PageRequest,
  filter: {
    readonly statuses?: readonly AuctionStatus[];
    readonly coinId?: bigint;
    readonly miner?: string;
  } = {},
  options: {
    readonly sort?: "endTime" | "highestBid" | "createdAt";
    readonly direction?: "asc" | "desc";
  } = {},
): Promise<Page<MarketAuction> & { readonly clock: IndexedClock }> {
  const where: { -readonly [K in keyof Auction_Filter]: Auction_Filter[K] } = {
    status_in: [...(filter.statuses ?? ["CREATED", "LIVE"])],
  };
  const offering: NonNullable<Auction_Filter["offering_"]> = {
    ...(filter.coinId !== undefined ? { coin: filter.coinId.toString() } : {}),
    ...(filter.miner !== undefined ? { miner: addressVariable(filter.miner) } : {}),
  };
  if (Object.keys(offering).length > 0) where.offering_ = offering;
  const orderBy: Auction_OrderBy = options.sort ?? "endTime";
  let clock = clockOf(null);
  const result = await offsetPage(
    page,
    async (first, skip) => {
      const data = await client.request(MarketAuctionsDocument, {
        first,
        skip,
        where,
        orderBy,
        orderDirection: options.direction ?? (orderBy === "endTime" ? "asc" : "desc"),
      });
      clock = clockOf(data._meta);
      return data.auctions;
    },
    (row) => toAuction(row, clock),
  );
  return { ...result, clock };
}
