// An account's portfolio (DESIGN §1): DMC, delegate, every certificate it holds or has put in auction,
// and its claimable yield and refundable escrow as the vault computes them, from the subgraph.
import {
  PortfolioAccountDocument,
  PortfolioCertificatesDocument,
  SellerAuctionsDocument,
} from "../generated/subgraph/graphql.js";
import { type IndexedCertificate, toCertificate } from "./certificates.js";
import type { SubgraphClient } from "./client.js";
import { addressVariable, toAddress, toBigInt } from "./convert.js";
import { type MarketAuction, toAuction } from "./market.js";
import { clockOf, type IndexedClock, type IndexedOffering, toOffering } from "./offerings.js";
import { collectAll } from "./pagination.js";

/** An amount of one token (its smallest unit). */
export interface TokenAmount {
  readonly token: string;
  readonly amount: bigint;
}

export interface Portfolio {
  readonly account: string;
  /** DMC in wei. */
  readonly dmcBalance: bigint;
  readonly delegate: string | undefined;
  /** Every certificate the account holds, by token id (not those it has put in auction: see `inAuction`). */
  readonly certificates: readonly {
    readonly certificate: IndexedCertificate;
    readonly offering: IndexedOffering;
  }[];
  /**
   * Its open auctions (CREATED or LIVE): the marketplace holds those certificates until settlement or
   * cancellation, so their yield is not in `claimableYield` (only a token's owner can claim it).
   */
  readonly inAuction: readonly MarketAuction[];
  /** Yield claimable now, per yield token (claimYield takes the token ids). Tokens with nothing are left out. */
  readonly claimableYield: readonly TokenAmount[];
  /** Escrow refundable now from terminated offerings, per payment token. */
  readonly refundable: readonly TokenAmount[];
  readonly clock: IndexedClock;
}

function totals(entries: readonly { readonly token: string; readonly amount: bigint }[]): TokenAmount[] {
  const sums = new Map<string, bigint>();
  for (const { token, amount } of entries) if (amount > 0n) sums.set(token, (sums.get(token) ?? 0n) + amount);
  return [...sums].map(([token, amount]) => ({ token, amount }));
}

/**
 * An account's portfolio: DMC, delegate, every certificate it holds with its offering, and its claimable
 * yield and refundable escrow, per certificate and per token, as the vault computes them (from each
 * offering's accumulator and each certificate's checkpoint, see vault/yieldMath.ts).
 */
export async function readPortfolio(client: SubgraphClient, account: string): Promise<Portfolio> {
  const id = addressVariable(account);
  const { account: row, _meta } = await client.request(PortfolioAccountDocument, { id });
  const clock = clockOf(_meta);
  const certificates = await collectAll(
    async (first, after) =>
      (await client.request(PortfolioCertificatesDocument, { owner: id, first, after })).certificates,
    (c) => ({ certificate: toCertificate(c, c.offering), offering: toOffering(c.offering, clock.today) }),
    { start: "" },
  );
  certificates.sort((a, b) => (a.certificate.tokenId < b.certificate.tokenId ? -1 : 1));
  const inAuction = await collectAll(
    async (first, after) =>
      (await client.request(SellerAuctionsDocument, { seller: id, first, after })).auctions,
    (row) => toAuction(row, clock),
    { start: "" },
  );
  inAuction.sort((a, b) => (a.auctionId < b.auctionId ? -1 : 1));
  return {
    account: toAddress(id, "Account.id"),
    dmcBalance: row ? toBigInt(row.balance, "Account.balance") : 0n,
    delegate: row?.delegate ? toAddress(row.delegate.id, "Account.delegate") : undefined,
    certificates,
    inAuction,
    claimableYield: totals(
      certificates.map((c) => ({ token: c.offering.yieldToken, amount: c.certificate.claimableYield })),
    ),
    refundable: totals(
      certificates.map((c) => ({ token: c.offering.paymentToken, amount: c.certificate.refundable })),
    ),
    clock,
  };
}
