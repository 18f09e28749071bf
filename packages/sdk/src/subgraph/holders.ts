// DMC holders: accounts with a balance, from the subgraph's Account entities.
import {
  DmcHoldersByIdDocument,
  DmcHoldersDocument,
  type HolderFieldsFragment,
} from "../generated/subgraph/graphql.js";
import type { SubgraphClient } from "./client.js";
import { toAddress, toBigInt } from "./convert.js";
import { collectAll, offsetPage, type Page, type PageRequest } from "./pagination.js";

export interface DmcHolder {
  readonly address: string;
  /** DMC in wei (above zero). */
  readonly balance: bigint;
  /** Whom the holder's votes go to; undefined when it has not delegated. */
  readonly delegate: string | undefined;
}

function toHolder(row: HolderFieldsFragment): DmcHolder {
  return {
    address: toAddress(row.id, "Account.id"),
    balance: toBigInt(row.balance, "Account.balance"),
    delegate: row.delegate ? toAddress(row.delegate.id, "Account.delegate") : undefined,
  };
}

/** A page of DMC holders, largest balance first. */
export function listDmcHolders(client: SubgraphClient, page?: PageRequest): Promise<Page<DmcHolder>> {
  return offsetPage(
    page,
    async (first, skip) => (await client.request(DmcHoldersDocument, { first, skip })).accounts,
    toHolder,
  );
}

/** Every DMC holder, ordered by address (cursor pages of up to 1,000). */
export function readAllDmcHolders(client: SubgraphClient): Promise<DmcHolder[]> {
  return collectAll(
    async (first, after) => (await client.request(DmcHoldersByIdDocument, { first, after })).accounts,
    toHolder,
  );
}
