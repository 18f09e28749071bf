// graph-node's index-node status API (`server/index-node/src/schema.graphql`): the queries tools and example
// tests use to wait for a sync and to read why a subgraph failed.
import { buildSchema, type GraphQLSchema } from "graphql";
import type { Store } from "../store/index.js";
import type { IndexingError } from "../types.js";

const SDL = `
scalar BigInt
scalar Bytes

type Query {
  indexingStatusForCurrentVersion(subgraphName: String!): SubgraphIndexingStatus
  indexingStatusForPendingVersion(subgraphName: String!): SubgraphIndexingStatus
  indexingStatusesForSubgraphName(subgraphName: String!): [SubgraphIndexingStatus!]!
  indexingStatuses(subgraphs: [String!]): [SubgraphIndexingStatus!]!
}

type SubgraphIndexingStatus {
  subgraph: String!
  synced: Boolean!
  health: Health!
  "If the subgraph has failed, this is the error caused it"
  fatalError: SubgraphError
  "Sorted from first to last, limited to first 1000"
  nonFatalErrors: [SubgraphError!]!
  chains: [ChainIndexingStatus!]!
  entityCount: BigInt!
  node: String
  paused: Boolean
  historyBlocks: Int!
}

interface ChainIndexingStatus {
  network: String!
  chainHeadBlock: Block
  earliestBlock: EarliestBlock
  latestBlock: Block
  lastHealthyBlock: Block
}

type EthereumIndexingStatus implements ChainIndexingStatus {
  network: String!
  chainHeadBlock: Block
  earliestBlock: EarliestBlock
  latestBlock: Block
  lastHealthyBlock: Block
}

type Block {
  hash: Bytes!
  number: BigInt!
}

type EarliestBlock {
  hash: Bytes!
  number: BigInt!
}

type SubgraphError {
  message: String!
  block: Block
  handler: String
  deterministic: Boolean!
}

enum Health {
  "Subgraph syncing normally"
  healthy
  "Subgraph syncing but with errors"
  unhealthy
  "Subgraph halted due to errors"
  failed
}
`;

/** graph-node's node id when none is configured. */
export const DEFAULT_NODE_ID = "default";
/** graph-node's `historyBlocks` for a deployment that keeps all its history (i32::MAX). */
const ALL_HISTORY = 2_147_483_647;
const MAX_NON_FATAL_ERRORS = 1000;

interface BlockAnswer {
  readonly hash: string;
  readonly number: string;
}

/** One subgraph as the status API sees it. */
export interface StatusSource {
  /** The name it is served under (`/subgraphs/name/<name>`). */
  readonly name: string;
  readonly store: Store;
  /** The manifest's `network`. */
  readonly network: string;
  /** The first block the subgraph handles. */
  readonly startBlock: number;
  /** The node's latest block as last seen, null before the first look. */
  chainHead(): number | null;
  /** A block's hash from the node (for the chain head and the earliest block, which the store does not keep). */
  blockHash(number: number): Promise<string | null>;
}

function errorAnswer(error: IndexingError) {
  return {
    message: error.message,
    block: { hash: error.blockHash, number: String(error.blockNumber) },
    handler: error.handler,
    deterministic: error.deterministic,
  };
}

async function blockAnswer(source: StatusSource, number: number | null): Promise<BlockAnswer | null> {
  if (number === null || number < 0) return null;
  const kept = source.store.blockPtr(number);
  const hash = kept?.hash ?? (await source.blockHash(number));
  return hash === null ? null : { hash, number: String(number) };
}

function statusOf(source: StatusSource) {
  const { store } = source;
  const meta = store.meta();
  const head = meta.head;
  return {
    subgraph: meta.deployment,
    synced: meta.synced,
    health: meta.health,
    fatalError: meta.fatalError ? errorAnswer(meta.fatalError) : null,
    nonFatalErrors: () => store.nonFatalErrors().slice(0, MAX_NON_FATAL_ERRORS).map(errorAnswer),
    entityCount: () => String(store.entityCount()),
    node: DEFAULT_NODE_ID,
    paused: false,
    historyBlocks: ALL_HISTORY,
    chains: [
      {
        __typename: "EthereumIndexingStatus",
        network: source.network,
        chainHeadBlock: () => blockAnswer(source, source.chainHead()),
        earliestBlock: () => blockAnswer(source, source.startBlock),
        latestBlock: head ? { hash: head.hash, number: String(head.number) } : null,
        // graph-node: the block before a deterministic failure; nothing while the subgraph is healthy.
        lastHealthyBlock: () =>
          meta.fatalError ? blockAnswer(source, head?.number ?? meta.fatalError.blockNumber - 1) : null,
      },
    ],
  };
}

/** The status schema with resolvers over `sources` (looked up on every query: sources may come and go). */
export function buildStatusSchema(sources: () => readonly StatusSource[]): GraphQLSchema {
  const schema = buildSchema(SDL);
  const byName = (name: string) => sources().filter((s) => s.name === name);
  const resolvers: Record<string, (args: never) => unknown> = {
    indexingStatusForCurrentVersion: ({ subgraphName }: { subgraphName: string }) => {
      const found = byName(subgraphName)[0];
      return found ? statusOf(found) : null;
    },
    // A local indexer deploys no pending versions.
    indexingStatusForPendingVersion: () => null,
    indexingStatusesForSubgraphName: ({ subgraphName }: { subgraphName: string }) =>
      byName(subgraphName).map(statusOf),
    indexingStatuses: ({ subgraphs }: { subgraphs?: readonly string[] | null }) =>
      sources()
        .filter((s) => !subgraphs || subgraphs.includes(s.store.deployment))
        .map(statusOf),
  };
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const [name, resolve] of Object.entries(resolvers)) {
    const field = fields[name];
    if (field) field.resolve = (_source, args) => resolve(args as never);
  }
  return schema;
}
