// Certificates: one certificate with its figures (claimable yield, refundable escrow, computed exactly as
// the vault computes them) and history, from the subgraph's vault and certificate entities.
import {
  CertificateDetailDocument,
  type CertificateFieldsFragment,
  type OfferingFieldsFragment,
} from "../generated/subgraph/graphql.js";
import { certificateRefundable } from "../vault/escrowMath.js";
import { decodeTokenId } from "../vault/tokenId.js";
import { claimableYield } from "../vault/yieldMath.js";
import type { SubgraphClient } from "./client.js";
import {
  logIndexOfEventId,
  newestFirst,
  toAddress,
  toBigInt,
  toEnumMember,
  toHex,
  toSafeNumber,
} from "./convert.js";
import {
  clockOf,
  type IndexedClock,
  type IndexedOffering,
  offeringStatusOf,
  toOffering,
} from "./offerings.js";

export interface IndexedCertificate {
  readonly tokenId: bigint;
  readonly offeringId: bigint;
  /** Position in the offering: numbered from 1 in the order its sales and splits minted certificates. */
  readonly index: number;
  readonly owner: string;
  /** Units of the coin. */
  readonly units: bigint;
  /** Escrow kept for it, payment token units. */
  readonly escrow: bigint;
  /** First day its escrow and yield count: the primary sale day, or the start of the term. */
  readonly saleDay: number;
  /**
   * Yield its owner can claim now, yield token units: the vault's `claimable` (settled yield plus its units'
   * share of the accumulator's rise since its checkpoint). Accrued yield travels with the token.
   */
  readonly claimableYield: bigint;
  /** Yield claimed for it so far, yield token units. */
  readonly claimedYield: bigint;
  /** Escrow its holder can refund now (the vault's `refundable`: terminated offerings only), payment token units. */
  readonly refundable: bigint;
  readonly refunded: boolean;
  readonly refundedAmount: bigint;
  readonly burned: boolean;
  readonly burnKind: "MERGED" | "BURNED" | undefined;
  /** Unix seconds. */
  readonly mintedAt: number;
}

export interface CertificateDetail {
  readonly certificate: IndexedCertificate;
  readonly offering: IndexedOffering;
  readonly splitFrom: bigint | undefined;
  readonly mergedInto: bigint | undefined;
  /** The primary sale's escrow record (the sale that minted it); undefined for parts split off. */
  readonly primarySale:
    | {
        readonly escrow: bigint;
        readonly saleDay: number;
        readonly timestamp: number;
        readonly transactionHash: string;
      }
    | undefined;
  /** Newest first: mints come from and burns go to the zero address. */
  readonly transfers: readonly {
    readonly from: string;
    readonly to: string;
    readonly timestamp: number;
    readonly transactionHash: string;
  }[];
  /** Newest first, yield token units. */
  readonly yieldClaims: readonly {
    readonly holder: string;
    readonly amount: bigint;
    readonly timestamp: number;
    readonly transactionHash: string;
  }[];
  readonly clock: IndexedClock;
}

/** The certificate's figures, its claimable yield and refundable escrow computed as the vault does. */
export function toCertificate(
  row: CertificateFieldsFragment,
  offering: OfferingFieldsFragment,
): IndexedCertificate {
  const tokenId = toBigInt(row.id, "Certificate.id");
  const units = toBigInt(row.units, "Certificate.units");
  const escrow = toBigInt(row.escrow, "Certificate.escrow");
  const saleDay = row.saleDay;
  return {
    tokenId,
    offeringId: decodeTokenId(tokenId).offeringId,
    index: row.index,
    owner: toAddress(row.owner.id, "Certificate.owner"),
    units,
    escrow,
    saleDay,
    // Until yield is attributed to its sale day or later (YieldStarted), a certificate accrues nothing.
    claimableYield: row.yieldStarted
      ? claimableYield(
          {
            sold: true,
            units,
            checkpoint: toBigInt(row.yieldCheckpoint, "Certificate.yieldCheckpoint"),
            owed: toBigInt(row.yieldOwed, "Certificate.yieldOwed"),
          },
          toBigInt(offering.accYieldPerUnit, "Offering.accYieldPerUnit"),
        )
      : toBigInt(row.yieldOwed, "Certificate.yieldOwed"),
    claimedYield: toBigInt(row.yieldClaimed, "Certificate.yieldClaimed"),
    refundable: certificateRefundable(
      {
        status: offeringStatusOf(offering.status, "Offering.status"),
        endDay: offering.endDay,
        nextDay: offering.deliveredUntil ?? offering.startDay,
        releasedDay: offering.releasedDay ?? 0,
      },
      { sold: true, refunded: row.refunded, escrow, saleDay },
    ),
    refunded: row.refunded,
    refundedAmount: toBigInt(row.refundedAmount, "Certificate.refundedAmount"),
    burned: row.burned,
    burnKind:
      row.burnKind === null
        ? undefined
        : toEnumMember(row.burnKind, ["MERGED", "BURNED"] as const, "Certificate.burnKind"),
    mintedAt: toSafeNumber(row.mintedAt, "Certificate.mintedAt"),
  };
}

/**
 * One certificate with its offering, claimable yield and refundable escrow (as the vault computes them at
 * the subgraph's latest block), its primary sale and its newest `historyFirst` transfers and yield claims
 * (default 100); undefined when there is no such token.
 */
export async function readCertificateDetail(
  client: SubgraphClient,
  tokenId: bigint,
  options: { readonly historyFirst?: number } = {},
): Promise<CertificateDetail | undefined> {
  const data = await client.request(CertificateDetailDocument, {
    id: tokenId.toString(),
    historyFirst: options.historyFirst ?? 100,
  });
  const row = data.certificate;
  if (!row) return undefined;
  const clock = clockOf(data._meta);
  const sale = row.primarySale;
  return {
    certificate: toCertificate(row, row.offering),
    offering: toOffering(row.offering, clock.today),
    splitFrom: row.splitFrom ? toBigInt(row.splitFrom.id, "Certificate.splitFrom") : undefined,
    mergedInto: row.mergedInto ? toBigInt(row.mergedInto.id, "Certificate.mergedInto") : undefined,
    primarySale: sale
      ? {
          escrow: toBigInt(sale.amount, "EscrowDeposit.amount"),
          saleDay: sale.saleDay,
          timestamp: toSafeNumber(sale.timestamp, "EscrowDeposit.timestamp"),
          transactionHash: toHex(sale.transactionHash, "EscrowDeposit.transactionHash"),
        }
      : undefined,
    transfers: newestFirst(
      row.transfers.map((t) => ({
        blockNumber: toSafeNumber(t.blockNumber, "CertificateTransfer.blockNumber"),
        logIndex: logIndexOfEventId(t.id, "CertificateTransfer.id"),
        from: toAddress(t.from.id, "CertificateTransfer.from"),
        to: toAddress(t.to.id, "CertificateTransfer.to"),
        timestamp: toSafeNumber(t.timestamp, "CertificateTransfer.timestamp"),
        transactionHash: toHex(t.transactionHash, "CertificateTransfer.transactionHash"),
      })),
    ).map(({ blockNumber: _b, logIndex: _l, ...transfer }) => transfer),
    yieldClaims: newestFirst(
      row.yieldClaims.map((c) => ({
        blockNumber: toSafeNumber(c.blockNumber, "YieldClaim.blockNumber"),
        logIndex: logIndexOfEventId(c.id, "YieldClaim.id"),
        holder: toAddress(c.holder.id, "YieldClaim.holder"),
        amount: toBigInt(c.amount, "YieldClaim.amount"),
        timestamp: toSafeNumber(c.timestamp, "YieldClaim.timestamp"),
        transactionHash: toHex(c.transactionHash, "YieldClaim.transactionHash"),
      })),
    ).map(({ blockNumber: _b, logIndex: _l, ...claim }) => claim),
    clock,
  };
}
