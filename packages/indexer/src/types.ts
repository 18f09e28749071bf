// The seams between the indexer's parts: the WASM runtime (src/runtime, src/manifest), the store and the
// GraphQL API (src/store, src/schema, src/graphql) and the chain follower with the orchestration, the CLI
// and the library API (src/chain, src/indexer.ts, src/cli.ts). Each part owns its own folder; these types
// are what they exchange. Change them only together with every user.

/** An entity field value, one case per graph-ts `ValueKind` (STRING=0 … TIMESTAMP=9). */
export type Value =
  | { readonly kind: "String"; readonly value: string }
  | { readonly kind: "Int"; readonly value: number }
  /** graph-node's canonical decimal text (at most 34 significant digits, no exponent, no trailing zeros). */
  | { readonly kind: "BigDecimal"; readonly value: string }
  | { readonly kind: "Bool"; readonly value: boolean }
  | { readonly kind: "Array"; readonly value: readonly Value[] }
  | { readonly kind: "Null" }
  | { readonly kind: "Bytes"; readonly value: Uint8Array }
  | { readonly kind: "BigInt"; readonly value: bigint }
  | { readonly kind: "Int8"; readonly value: bigint }
  /** Microseconds since the Unix epoch, as graph-node stores `Timestamp`. */
  | { readonly kind: "Timestamp"; readonly value: bigint };

/** One entity's fields by name, `id` included. */
export type EntityData = Map<string, Value>;

/**
 * An entity id as the store keys it: `String`/`ID` ids verbatim, `Bytes` ids as lowercase `0x…` hex,
 * `Int8` ids as decimal text.
 */
export type EntityKey = string;

/** A block as the follower saw it; `hash` and `parentHash` are lowercase `0x…`. */
export interface BlockPtr {
  readonly number: number;
  readonly hash: string;
  readonly parentHash: string;
  /** Seconds since the Unix epoch. */
  readonly timestamp: number;
}

/** A data source created at run time from a template (`dataSource.create` / `createWithContext`). */
export interface DynamicDataSource {
  readonly template: string;
  /** `dataSource.create`'s params; for ethereum templates `params[0]` is the address (lowercase `0x…`). */
  readonly params: readonly string[];
  readonly context: EntityData | null;
  readonly creationBlock: number;
}

/** Why a subgraph stopped (or, with `nonFatalErrors`, what it skipped). */
export interface IndexingError {
  readonly message: string;
  readonly handler: string | null;
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly deterministic: boolean;
}

/**
 * What a handler sees of the store while a block is processed: the committed state plus the writes of the
 * blocks before it in the same batch and of this block so far. Synchronous, because WebAssembly host calls
 * are. `set` validates against the schema and throws `StoreValidationError` (entity and field named).
 */
export interface EntityWriter {
  get(entity: string, id: EntityKey): EntityData | null;
  /** Only what this block wrote (`store.get_in_block`). */
  getInBlock(entity: string, id: EntityKey): EntityData | null;
  /** The entities whose `field` (a `@derivedFrom` field of `entity`) points at `id` (`store.loadRelated`). */
  loadRelated(entity: string, id: EntityKey, field: string): EntityData[];
  set(entity: string, id: EntityKey, data: EntityData): void;
  remove(entity: string, id: EntityKey): void;
  /**
   * Marks the block's writes so far; calling the returned function undoes every write made since (a handler
   * that failed under `nonFatalErrors`). Valid until the block ends.
   */
  savepoint(): () => void;
}

/** Where the indexer's parts report to an operator; `console` fits. One line per call, no trailing newline. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

// ---- Runtime input (src/runtime): what the follower hands `SubgraphRuntime.processBlock` for one block. ----
// Hex strings are lowercase `0x…`; quantities are bigint.

/** A block header, as `eth_getBlockByNumber` returns it. */
export interface BlockHeader extends BlockPtr {
  readonly unclesHash: string;
  /** `miner`. */
  readonly author: string;
  readonly stateRoot: string;
  readonly transactionsRoot: string;
  readonly receiptsRoot: string;
  readonly gasUsed: bigint;
  readonly gasLimit: bigint;
  readonly difficulty: bigint;
  readonly totalDifficulty: bigint;
  readonly size: bigint | null;
  readonly baseFeePerGas: bigint | null;
}

/** One log, as `eth_getLogs` returns it. */
export interface LogInput {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
  /** Index of the log in the block. */
  readonly logIndex: number;
  readonly transactionIndex: number;
  readonly transactionHash: string;
  readonly removed?: boolean;
}

/** One transaction, as `eth_getTransactionByHash` (or a full block) returns it. */
export interface TransactionInput {
  readonly hash: string;
  readonly index: number;
  readonly from: string;
  readonly to: string | null;
  readonly value: bigint;
  readonly gasLimit: bigint;
  /** `gasPrice` (for EIP-1559 transactions the effective gas price when known). */
  readonly gasPrice: bigint;
  readonly input: string;
  readonly nonce: bigint;
}

/** One receipt, as `eth_getTransactionReceipt` returns it (only needed for `receipt: true` handlers). */
export interface ReceiptInput {
  readonly transactionHash: string;
  readonly transactionIndex: number;
  readonly blockHash: string;
  readonly blockNumber: number;
  readonly cumulativeGasUsed: bigint;
  readonly gasUsed: bigint;
  readonly contractAddress: string | null;
  readonly logs: readonly LogInput[];
  /** 1 success, 0 failure; null before Byzantium. */
  readonly status: number | null;
  readonly root: string | null;
  readonly logsBloom: string;
}

/**
 * One successful message call of a `trace_filter` answer (Parity trace `type: "call"` without `error`,
 * input of at least 4 bytes), as graph-node's `EthereumCall::try_from_trace` keeps it.
 */
export interface CallInput {
  readonly from: string;
  readonly to: string;
  readonly value: bigint;
  readonly gasUsed: bigint;
  readonly input: string;
  readonly output: string;
  readonly transactionHash: string;
  readonly transactionIndex: number;
  /**
   * Whether the call's transaction succeeded (receipt status): a call can succeed inside a transaction
   * that reverts later. Call handlers skip such calls; call-filtered block handlers do not (graph-node).
   */
  readonly transactionSucceeded: boolean;
}

/**
 * One block's input for the runtime. `logs` must hold at least every log of the block matching
 * `SubgraphRuntime.logFilters(...)` (extra logs are ignored); `transactions` every transaction those logs
 * (and calls) come from; `receipts` the receipts of those transactions when `SubgraphRuntime.needsReceipts`
 * is true; `calls`, in trace order, at least every call to an address of `SubgraphRuntime.callFilter(...)`.
 */
export interface BlockInput {
  readonly header: BlockHeader;
  readonly logs: readonly LogInput[];
  readonly transactions: ReadonlyMap<string, TransactionInput>;
  readonly receipts?: ReadonlyMap<string, ReceiptInput>;
  readonly calls?: readonly CallInput[];
}

/** What a block's handlers produced besides entity writes (those went to the `EntityWriter`). */
export interface BlockOutput {
  /** Data sources created in this block, in creation order. */
  readonly created: readonly DynamicDataSource[];
  /** Handlers that failed deterministically and were skipped (`nonFatalErrors`), in the order they ran. */
  readonly errors: readonly IndexingError[];
}

/** A `trace_filter` filter: calls to any of `addresses` (null: to any address). */
export interface CallFilter {
  readonly addresses: readonly string[] | null;
}

/** An `eth_getLogs` filter: logs of any of `addresses` (null: any address) whose topic0 is one of `topic0s`. */
export interface LogFilter {
  readonly addresses: readonly string[] | null;
  readonly topic0s: readonly string[];
}
