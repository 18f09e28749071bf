export type {
  ChainBlock,
  ChainBlockHeader,
  ChainLog,
  ChainReceipt,
  ChainTransaction,
  FollowStep,
  RpcClientOptions,
  SegmentBlock,
} from "./chain/index.js";
export {
  AdaptiveLogFetcher,
  AdaptiveTraceFetcher,
  ChainFollower,
  EthApi,
  ReorgBeyondKeptBlocksError,
  RpcAbortedError,
  RpcClient,
  RpcError,
  RpcResponseError,
  RpcRetriesExhaustedError,
  RpcTransportError,
} from "./chain/index.js";
export * from "./graphql/index.js";
export {
  type GraphQLResponse,
  type Indexer,
  type IndexerOptions,
  type IndexerState,
  type IndexerStatus,
  IndexerStoppedError,
  SubgraphFailedError,
  startIndexer,
} from "./indexer.js";
export { DatabaseLockedError } from "./indexer-lock.js";
export * from "./manifest/index.js";
export {
  NUMERIC_BOUNDS,
  type NumericBound,
  type NumericOption,
  OptionRangeError,
} from "./numeric-options.js";
export * from "./runtime/index.js";
export * from "./schema/index.js";
export * from "./store/index.js";
export { TraceFilterUnsupportedError } from "./trace-support.js";
export type * from "./types.js";
