// Protocol-wide totals as the subgraph keeps them (the home page's figures, DESIGN §1 and §4).
import { hexlify, toUtf8Bytes } from "ethers";

import { SubgraphQueryError } from "../errors.js";
import {
  DmcHolderCountDocument,
  type DmcHolderCountQuery,
  ProtocolTotalsDocument,
} from "../generated/subgraph/graphql.js";
import type { SubgraphClient } from "./client.js";
import { toAddress, toBigInt } from "./convert.js";

/** The id of the one `Protocol` entity: the UTF-8 bytes of "dmex". */
export const PROTOCOL_ENTITY_ID = hexlify(toUtf8Bytes("dmex"));

/** DMC as the subgraph sees it. */
export interface SubgraphTokenTotals {
  readonly address: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** Minted minus burned, in wei. */
  readonly totalSupply: bigint;
  /** Accounts with a DMC balance above zero. */
  readonly holderCount: number;
}

/** Counters of the `Protocol` entity (all 0 before the subgraph has indexed anything). */
export interface SubgraphProtocolTotals {
  readonly coinCount: number;
  readonly applicationCount: number;
  readonly minerCount: number;
  readonly offeringCount: number;
  readonly certificateCount: number;
  readonly certificateHolderCount: number;
  readonly saleCount: number;
  readonly primarySaleCount: number;
  readonly proposalCount: number;
  readonly dmcHolderCount: number;
  /** DMC; undefined until the subgraph has indexed the token's deployment. */
  readonly dmc: SubgraphTokenTotals | undefined;
  /** The block the answer is from (the subgraph's latest indexed block). */
  readonly block: { readonly number: number; readonly timestamp: number | undefined };
  /** True when the subgraph met a handler error (its data stops at the failing block). */
  readonly hasIndexingErrors: boolean;
}

/** Reads the protocol's totals, DMC's figures and the indexed block in one query. */
export async function readProtocolTotals(client: SubgraphClient): Promise<SubgraphProtocolTotals> {
  const data = await client.request(ProtocolTotalsDocument, { protocolId: PROTOCOL_ENTITY_ID });
  const p = data.protocol;
  const token = data.tokens[0];
  return {
    coinCount: p?.coinCount ?? 0,
    applicationCount: p?.applicationCount ?? 0,
    minerCount: p?.minerCount ?? 0,
    offeringCount: p?.offeringCount ?? 0,
    certificateCount: p?.certificateCount ?? 0,
    certificateHolderCount: p?.certificateHolderCount ?? 0,
    saleCount: p?.saleCount ?? 0,
    primarySaleCount: p?.primarySaleCount ?? 0,
    proposalCount: p?.proposalCount ?? 0,
    dmcHolderCount: p?.dmcHolderCount ?? 0,
    dmc: token && {
      address: toAddress(token.id, "Token.id"),
      name: token.name,
      symbol: token.symbol,
      decimals: token.decimals,
      totalSupply: toBigInt(token.totalSupply, "Token.totalSupply"),
      holderCount: token.holderCount,
    },
    block: {
      number: data._meta?.block.number ?? 0,
      timestamp: data._meta?.block.timestamp ?? undefined,
    },
    hasIndexingErrors: data._meta?.hasIndexingErrors ?? false,
  };
}

/** How many accounts hold DMC, and as of which block. */
export interface DmcHolderCount {
  /** Accounts whose DMC balance is above zero (the token's `holderCount`). */
  readonly holders: number;
  /** The subgraph's latest indexed block, which the count is as of. */
  readonly block: number;
}

/**
 * The number of accounts holding DMC, from the token's `holderCount`; undefined until the subgraph has
 * indexed the token's deployment (a count of 0 would be wrong then, not just early).
 */
export async function readDmcHolderCount(client: SubgraphClient): Promise<DmcHolderCount | undefined> {
  let data: DmcHolderCountQuery;
  try {
    data = await client.request(DmcHolderCountDocument);
  } catch (error) {
    // A subgraph that has not indexed its first block answers `_meta` with an error (and no tokens yet).
    if (error instanceof SubgraphQueryError && notIndexedYet(error.data)) return undefined;
    throw error;
  }
  const token = data.tokens[0];
  if (!token) return undefined;
  return { holders: token.holderCount, block: data._meta?.block.number ?? 0 };
}

function notIndexedYet(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  const { tokens, _meta } = data as { tokens?: unknown; _meta?: unknown };
  return Array.isArray(tokens) && tokens.length === 0 && _meta === null;
}
