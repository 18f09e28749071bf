export { AdaptiveRange, type AdaptiveRangeOptions, isRangeTooLarge } from "./adaptive-range.js";
export type {
  ChainBlock,
  ChainBlockHeader,
  ChainLog,
  ChainReceipt,
  ChainTransaction,
} from "./chain-types.js";
export {
  ChainMovedError,
  ReorgBeyondKeptBlocksError,
  RpcAbortedError,
  RpcError,
  RpcResponseError,
  RpcRetriesExhaustedError,
  RpcTransportError,
} from "./errors.js";
export { EthApi, type LogFilter } from "./eth.js";
export {
  ChainFollower,
  type FollowerOptions,
  type FollowStep,
  type SegmentBlock,
  type StepRequest,
} from "./follower.js";
export { AdaptiveLogFetcher, type AdaptiveLogOptions, type LogRange } from "./log-range.js";
export { findCommonAncestor, type KnownBlocks } from "./reorg.js";
export {
  type CallOptions,
  isRetryable,
  RpcClient,
  type RpcClientOptions,
  type RpcRequest,
} from "./rpc-client.js";
export { type ExtensionRequest, extendSegment } from "./segment-extension.js";
export {
  AdaptiveTraceFetcher,
  type AdaptiveTraceOptions,
  type ChainCall,
  parseTraceCalls,
  probeTraceFilter,
} from "./traces.js";
