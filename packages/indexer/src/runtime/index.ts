export type { MappingExports } from "./asc/heap.js";
export * as bigDecimal from "./bigDecimal.js";
export { HandlerError, HandlerTimeoutError, HostError, MissingHostImportError } from "./errors.js";
export type { IsolationMode } from "./mappingInstance.js";
export { RpcBridge, type RpcBridgeOptions } from "./rpcBridge.js";
export { SubgraphRuntime, type SubgraphRuntimeOptions } from "./runtime.js";
export { type CallBlock, type CallOutcome, ChainUnavailableError, type SyncChain } from "./syncChain.js";
export { runWithTimeLimit, TimeLimitError } from "./timeLimit.js";
