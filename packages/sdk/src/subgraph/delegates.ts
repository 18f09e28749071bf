// Delegates: addresses DMC's votes are delegated to (the governance page's delegate list).
import {
  DelegateDocument,
  type DelegateFieldsFragment,
  DelegatesByIdDocument,
  DelegatesDocument,
} from "../generated/subgraph/graphql.js";
import type { SubgraphClient } from "./client.js";
import { addressVariable, toAddress, toBigInt } from "./convert.js";
import { collectAll, offsetPage, type Page, type PageRequest } from "./pagination.js";

export interface DelegateSummary {
  readonly address: string;
  /** Current votes in DMC wei (ERC20Votes `getVotes`). */
  readonly votingPower: bigint;
  /** Accounts whose delegate this is (itself included when it delegated to itself). */
  readonly delegatorCount: number;
  /** The delegate's own DMC balance, in wei. */
  readonly balance: bigint;
}

export interface DelegateFilter {
  /** Leave out delegates with fewer votes (DMC wei; default 1: only delegates with votes). */
  readonly minVotingPower?: bigint;
}

function toDelegate(row: DelegateFieldsFragment): DelegateSummary {
  return {
    address: toAddress(row.id, "Delegate.id"),
    votingPower: toBigInt(row.votingPower, "Delegate.votingPower"),
    delegatorCount: row.numberOfDelegators,
    balance: toBigInt(row.account.balance, "Account.balance"),
  };
}

/** A page of delegates, most voting power first. */
export function listDelegates(
  client: SubgraphClient,
  page?: PageRequest,
  filter: DelegateFilter = {},
): Promise<Page<DelegateSummary>> {
  const minVotingPower = (filter.minVotingPower ?? 1n).toString();
  return offsetPage(
    page,
    async (first, skip) =>
      (await client.request(DelegatesDocument, { first, skip, minVotingPower })).delegates,
    toDelegate,
  );
}

/** Every delegate matching `filter`, ordered by address. */
export function readAllDelegates(
  client: SubgraphClient,
  filter: DelegateFilter = {},
): Promise<DelegateSummary[]> {
  const minVotingPower = (filter.minVotingPower ?? 1n).toString();
  return collectAll(
    async (first, after) =>
      (await client.request(DelegatesByIdDocument, { first, after, minVotingPower })).delegates,
    toDelegate,
  );
}

/** One delegate; undefined when nobody ever delegated to `address`. */
export async function readDelegate(
  client: SubgraphClient,
  address: string,
): Promise<DelegateSummary | undefined> {
  const data = await client.request(DelegateDocument, { id: addressVariable(address) });
  return data.delegate ? toDelegate(data.delegate) : undefined;
}
