import { basename, dirname, resolve } from "node:path";
import { toBlockInput } from "./chain/block-input.js";
import { toBlockPtr } from "./chain/chain-types.js";
import { ReorgBeyondKeptBlocksError, RpcAbortedError } from "./chain/errors.js";
import { EthApi } from "./chain/eth.js";
import { ChainFollower, type SegmentBlock } from "./chain/follower.js";
import { AdaptiveLogFetcher } from "./chain/log-range.js";
import type { KnownBlocks } from "./chain/reorg.js";
import { RpcClient } from "./chain/rpc-client.js";
import { AdaptiveTraceFetcher } from "./chain/traces.js";
import { FileFetcher, type FileFetcherOptions, fileGateways } from "./files/index.js";
import { setUpGraft } from "./graft-setup.js";
import {
  createGraphQLServer,
  createStatusServer,
  DEFAULT_STATUS_PORT,
  type GraphQLServer,
  type QueryLimits,
  type StatusServer,
} from "./graphql/index.js";
import { lockDatabase } from "./indexer-lock.js";
import { loadSubgraph } from "./manifest/index.js";
import { checkNumericOptions } from "./numeric-options.js";
import { HandlerError, HandlerTimeoutError, RpcBridge, SubgraphRuntime } from "./runtime/index.js";
import { checkFulltextFeature, parseSchema } from "./schema/index.js";
import { openStore, RollupError, type Store, type StoreBatch } from "./store/index.js";
import { requireTraceFilter } from "./trace-support.js";
import type { BlockHeader, BlockPtr, DynamicDataSource, IndexingError, Logger } from "./types.js";

export interface IndexerOptions {
  /** A `graph build` output: the subgraph's directory, its `build/` directory or `build/subgraph.yaml`. */
  readonly subgraph: string;
  /** HTTP(S) JSON-RPC endpoint of an EVM node. */
  readonly rpc: string;
  /** The database file; created on first use, resumed from afterwards. */
  readonly db: string;
  /** GraphQL port; 0 picks a free one. Default 8000, graph-node's query port. */
  readonly port?: number;
  readonly host?: string;
  /** Served at `/subgraphs/name/<name>`; default the subgraph directory's name. */
  readonly name?: string;
  /** Blocks to stay behind the chain head (reorgs shallower than this never reach the store). */
  readonly confirmations?: number;
  /** How often to look for new blocks once synced. */
  readonly pollIntervalMs?: number;
  /** Default: timestamped lines on the console. */
  readonly logger?: Logger;
  /**
   * The index-node status API's port (served at `/graphql`). Default 8030, graph-node's, or a free port when
   * `port` is 0, so that tests starting several indexers do not collide.
   */
  readonly statusPort?: number;
  /** Query limits of the GraphQL API; each one left out keeps its default (`DEFAULT_QUERY_LIMITS`). */
  readonly queryLimits?: Partial<QueryLimits>;
  /**
   * Fails the subgraph, naming the handler and block, when a handler runs longer than this (graph-node's
   * `GRAPH_MAPPING_HANDLER_TIMEOUT`). Default none: the limit costs indexing speed (README).
   */
  readonly handlerTimeoutMs?: number;
  /**
   * How many blocks below the head keep their block pointer (default 10,000): a reorg deeper than the kept
   * pointers cannot be reverted and fails the subgraph. Pointers are a few dozen bytes each.
   */
  readonly blockRetention?: number;
  /**
   * The database of the deployment the manifest's `graft:` names as its base (another database of this
   * indexer): an empty store starts from a copy of its data as of `graft.block` (src/store/graft.ts). Required
   * by a manifest with `graft:` until the store has been grafted; refused without one.
   */
  readonly graftBase?: string;
  /** IPFS gateway for `file/ipfs` data sources (required when the subgraph has such a template). */
  readonly ipfs?: string;
  /** Arweave gateway for `file/arweave` data sources (required when the subgraph has such a template). */
  readonly arweave?: string;
  /** Retries and time limits of file fetches (defaults: 5 tries, 250 ms doubling to 8 s, 30 s a request). */
  readonly fileFetch?: Omit<FileFetcherOptions, "logger">;
}

export type IndexerState = "syncing" | "synced" | "failed" | "stopped";

export interface IndexerStatus {
  readonly name: string;
  readonly state: IndexerState;
  /** The last block committed to the store. */
  readonly block: BlockPtr | null;
  /** The node's latest block as last seen. */
  readonly chainHead: number | null;
  /** Why the subgraph failed, when it did. */
  readonly error: IndexingError | null;
  readonly hasIndexingErrors: boolean;
  /** Since this process started: blocks handed to the runtime, logs handled, reorgs reverted. */
  readonly blocksProcessed: number;
  readonly eventsProcessed: number;
  readonly reorgs: number;
}

export interface GraphQLResponse {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly message: string }[];
}

export interface Indexer {
  /** The subgraph's GraphQL endpoint. */
  readonly url: string;
  /** The index-node status API (`indexingStatuses`, …). */
  readonly statusUrl: string;
  /** Resolves once block `n` is committed; rejects if the subgraph fails first, the indexer stops, or time runs out. */
  waitForBlock(n: number, options?: { readonly timeoutMs?: number }): Promise<BlockPtr>;
  query(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  status(): IndexerStatus;
  /** Finishes the batch in progress, stops following the chain and the server, closes the store. */
  stop(): Promise<void>;
}

/** Thrown by `waitForBlock` when the subgraph failed before reaching the block. */
export class SubgraphFailedError extends Error {
  override readonly name = "SubgraphFailedError";
  constructor(readonly error: IndexingError) {
    super(
      `subgraph failed at block ${error.blockNumber}${error.handler ? ` in ${error.handler}` : ""}: ${error.message}`,
    );
  }
}

export class IndexerStoppedError extends Error {
  override readonly name = "IndexerStoppedError";
}

const consoleLogger: Logger = {
  info: (m) => console.log(`${new Date().toISOString()} INFO  ${m}`),
  warn: (m) => console.warn(`${new Date().toISOString()} WARN  ${m}`),
  error: (m) => console.error(`${new Date().toISOString()} ERROR ${m}`),
};

const PROGRESS_EVERY_MS = 1_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

interface Waiter {
  readonly block: number;
  readonly resolve: (ptr: BlockPtr) => void;
  readonly reject: (error: Error) => void;
}

/** The subgraph's name when none is given: its directory's, skipping `build/` and the manifest file. */
export function defaultSubgraphName(subgraph: string): string {
  let dir = resolve(subgraph);
  if (/\.ya?ml$/i.test(dir)) dir = dirname(dir);
  if (basename(dir) === "build") dir = dirname(dir);
  return basename(dir).replace(/[^A-Za-z0-9_-]/g, "-") || "subgraph";
}

/** The store's kept block pointers, as the follower's reorg check wants them. */
function knownBlocks(store: Store): KnownBlocks {
  return {
    pointersAtOrBelow: (at, limit) => store.blockPtrsAtOrBelow(at, limit),
    prunedBelow: () => store.prunedBelow(),
  };
}

class IndexerLoop {
  state: IndexerState = "syncing";
  chainHead: number | null = null;
  blocksProcessed = 0;
  eventsProcessed = 0;
  reorgs = 0;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly waiters = new Set<Waiter>();
  private lastProgressAt = 0;
  private eventsAtLastProgress = 0;
  private failures = 0;
  /** Aborted by `stop()`: file fetches in progress end at once. */
  private readonly stopping = new AbortController();
  readonly done: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly runtime: SubgraphRuntime,
    private readonly follower: ChainFollower,
    private readonly client: RpcClient,
    private readonly logger: Logger,
    private readonly startBlock: number,
    private readonly nonFatalErrors: boolean,
    private readonly pollIntervalMs: number,
    /** Some data source has block handlers: every block is read, and run when a handler fires in it. */
    private readonly everyBlock: boolean,
    /** Fetches file data sources' files; null when the subgraph has no file templates. */
    private readonly files: FileFetcher | null,
  ) {
    const fatal = store.fatalError();
    if (fatal) {
      this.state = "failed";
      logger.error(`subgraph failed earlier: ${describeError(fatal)}; serving queries, not indexing`);
      this.done = Promise.resolve();
    } else {
      const head = store.head();
      logger.info(
        head
          ? `resuming after block ${head.number} (${head.hash})`
          : `starting at block ${startBlock} (empty store)`,
      );
      this.done = this.run();
    }
  }

  waitForBlock(n: number, timeoutMs?: number): Promise<BlockPtr> {
    const head = this.store.head();
    if (head && head.number >= n) return Promise.resolve(head);
    const fatal = this.store.fatalError();
    if (fatal) return Promise.reject(new SubgraphFailedError(fatal));
    if (this.stopped) return Promise.reject(new IndexerStoppedError("the indexer is stopped"));
    return new Promise<BlockPtr>((resolvePromise, rejectPromise) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        block: n,
        resolve: (ptr) => {
          clearTimeout(timer);
          resolvePromise(ptr);
        },
        reject: (error) => {
          clearTimeout(timer);
          rejectPromise(error);
        },
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiters.delete(waiter);
          const at = this.store.head()?.number ?? "none";
          rejectPromise(new Error(`block ${n} not indexed within ${timeoutMs} ms (at block ${at})`));
        }, timeoutMs);
      }
      this.waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.client.close();
    this.wake?.();
    await this.done;
    if (this.state !== "failed") this.state = "stopped";
    for (const w of this.waiters)
      w.reject(new IndexerStoppedError("the indexer stopped before reaching the block"));
    this.waiters.clear();
  }

  private notify(): void {
    const head = this.store.head();
    if (!head) return;
    for (const w of this.waiters) {
      if (head.number >= w.block) {
        this.waiters.delete(w);
        w.resolve(head);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolveSleep) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolveSleep();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolveSleep();
      };
    });
  }

  private async run(): Promise<void> {
    this.lastProgressAt = Date.now();
    while (!this.stopped && this.state !== "failed") {
      try {
        await this.iterate();
        if (this.failures > 0) {
          this.logger.info("indexing resumed");
          this.failures = 0;
        }
      } catch (error) {
        if (this.stopped || error instanceof RpcAbortedError) return;
        if (error instanceof ReorgBeyondKeptBlocksError) {
          this.failOnDeepReorg(error);
          return;
        }
        this.failures++;
        const wait = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (this.failures - 1));
        // A streak of the same failure is logged once; the RPC client already logs outages of the node.
        if (this.failures === 1) {
          const message = error instanceof Error ? error.message : String(error);
          this.logger.warn(`indexing paused: ${message}; retrying with backoff`);
        }
        await this.sleep(wait);
      }
    }
  }

  private async iterate(): Promise<void> {
    const cursor = this.store.head();
    const step = await this.follower.step({
      cursor,
      startBlock: this.startBlock,
      filters: this.runtime.logFilters(this.store.dynamicDataSources()),
      receipts: this.runtime.needsReceipts,
      calls: this.runtime.callFilter(this.store.dynamicDataSources()),
    });
    if (this.stopped) return;
    this.chainHead = step.head;
    if (step.kind === "caught-up") {
      this.markSynced(cursor?.number ?? null, step.head);
      await this.sleep(this.pollIntervalMs);
      return;
    }
    if (step.kind === "reorg") {
      const to = step.ancestor?.number ?? this.startBlock - 1;
      this.store.revertTo(to);
      this.runtime.setDynamicDataSources(this.store.dynamicDataSources());
      this.reorgs++;
      this.logger.warn(`reverted the store to block ${to}`);
      return;
    }
    await this.process(step.blocks);
    // Reaching the head seen in this step is being synced: say so before waiters wake, not one poll later.
    const committed = this.store.head()?.number ?? null;
    if (committed !== null && committed >= step.head && this.state !== "failed") {
      this.markSynced(committed, step.head);
    }
    this.notify();
    this.progress(step.head);
  }

  private markSynced(block: number | null, head: number): void {
    if (this.state !== "syncing") return;
    this.state = "synced";
    this.store.setSynced(true);
    this.logger.info(`synced: block ${block ?? "none"}, chain head ${head}`);
  }

  /**
   * Runs the blocks' handlers and commits them as one batch. A block that creates data sources grows the
   * blocks after it with the new sources' triggers (`extendAfter`), so the step is never read again.
   */
  private async process(blocks: readonly SegmentBlock[]): Promise<void> {
    const segment = [...blocks];
    const last = segment[segment.length - 1];
    if (!last) return;
    const skipped = new Map<number, IndexingError>();
    for (;;) {
      const batch = this.store.batch();
      try {
        await this.runBlocks(batch, segment, skipped);
        batch.commit(toBlockPtr(last.header));
        return;
      } catch (error) {
        batch.discard();
        // The runtime already counted the discarded blocks' new data sources as live.
        this.runtime.setDynamicDataSources(this.store.dynamicDataSources());
        if (!(error instanceof FailedBlock)) throw error;
        const { index, cause } = error;
        const failed = segment[index];
        if (!failed) throw cause;
        const indexingError: IndexingError = {
          message: cause instanceof HandlerError ? cause.reason : cause.message,
          handler: cause instanceof HandlerError ? cause.handler : null,
          blockNumber: failed.header.number,
          blockHash: failed.header.hash,
          deterministic: true,
        };
        // A rollup failure is a store failure in graph-node: fatal even with nonFatalErrors.
        if (this.nonFatalErrors && cause instanceof HandlerError && !(cause instanceof HandlerTimeoutError)) {
          // A failure outside any one handler (e.g. two handlers for one event) under nonFatalErrors: the
          // runtime skips failed handlers itself, so only such a block-wide error drops the whole block.
          this.logger.warn(
            `skipping the writes of block ${failed.header.number}: ${describeError(indexingError)}`,
          );
          skipped.set(failed.header.number, indexingError);
          continue;
        }
        await this.fail(segment.slice(0, index), skipped, indexingError);
        return;
      }
    }
  }

  /**
   * Runs `segment` in order into `batch`. After a block that created data sources, the blocks after it are
   * replaced in `segment` by the same blocks with the new sources' triggers merged in (and the blocks that
   * only those triggers bring): later blocks see them in graph-node's order because the runtime sorts each
   * block's triggers (log index, transaction index) whatever data source they are for. The creation block
   * itself needs nothing from here: graph-node runs the new sources on their matching triggers of that same
   * block, after the block's other triggers (core/src/subgraph/runner.rs, `process_block`: "Reprocess the
   * triggers from this block that match the new data sources"), and `SubgraphRuntime.processBlock` does so.
   */
  private async runBlocks(
    batch: StoreBatch,
    segment: SegmentBlock[],
    skipped: ReadonlyMap<number, IndexingError>,
  ): Promise<void> {
    let events = 0;
    let count = 0;
    try {
      for (let index = 0; index < segment.length; index++) {
        const block = segment[index];
        if (block === undefined) break;
        if (
          block.logs.length === 0 &&
          (block.calls?.length ?? 0) === 0 &&
          !(this.everyBlock && this.runtime.wantsBlock(block.header.number))
        )
          continue;
        const ptr = toBlockPtr(block.header);
        let writer: ReturnType<StoreBatch["block"]>;
        try {
          writer = batch.block(ptr);
        } catch (error) {
          // The block's rollup of closed buckets failed (deterministic, outside any handler).
          if (error instanceof RollupError) throw new FailedBlock(index, error);
          throw error;
        }
        const skip = skipped.get(ptr.number);
        if (skip) {
          batch.endBlock([]);
          batch.nonFatalError(skip);
          continue;
        }
        let output: ReturnType<SubgraphRuntime["processBlock"]>;
        const input = toBlockInput(block);
        try {
          output = this.runtime.processBlock(input, writer);
        } catch (error) {
          if (error instanceof HandlerError && error.deterministic) throw new FailedBlock(index, error);
          throw error;
        }
        const created = [...output.created];
        await this.runFiles(created, input.header, writer);
        batch.endBlock(created);
        // With nonFatalErrors the runtime already dropped each failed handler's writes (and only those).
        for (const skippedHandler of output.errors) batch.nonFatalError(skippedHandler);
        events += block.logs.length;
        count++;
        const chainCreated = created.filter((d) => this.runtime.fileTemplate(d.template) === undefined);
        if (chainCreated.length > 0 && index < segment.length - 1) {
          await this.extendAfter(segment, index, chainCreated);
        }
      }
    } finally {
      this.blocksProcessed += count;
      this.eventsProcessed += events;
    }
  }

  /**
   * Runs the file data sources among `created` (and those their handlers create, appended to `created`) in the
   * block that created them, after its chain triggers: each file is fetched and verified first (retries with
   * backoff); a file that cannot be had fails the step non-deterministically, so it is retried, never skipped.
   */
  private async runFiles(
    created: DynamicDataSource[],
    header: BlockHeader,
    writer: Parameters<SubgraphRuntime["processBlock"]>[1],
  ): Promise<void> {
    for (let i = 0; i < created.length; i++) {
      const ds = created[i];
      const template = ds === undefined ? undefined : this.runtime.fileTemplate(ds.template);
      if (ds === undefined || template === undefined) continue;
      if (this.files === null) throw new Error(`no file fetcher for template ${template.name}`);
      const content = await this.files.fetch(template.kind, ds.params[0] ?? "", this.stopping.signal);
      if (this.stopped) throw new RpcAbortedError("the indexer is stopping");
      created.push(...this.runtime.processFile(ds, content, header, writer));
    }
  }

  /** Merges the triggers of the data sources `segment[index]` created into the blocks after it. */
  private async extendAfter(
    segment: SegmentBlock[],
    index: number,
    created: readonly DynamicDataSource[],
  ): Promise<void> {
    const creation = segment[index];
    const last = segment[segment.length - 1];
    if (creation === undefined || last === undefined) return;
    const all = this.runtime.dynamicDataSources;
    const extended = await this.follower.extend({
      pending: segment.slice(index + 1),
      from: creation.header.number + 1,
      to: last.header.number,
      filters: this.runtime.logFilters(created, false),
      calls: this.runtime.needCalls(created) ? this.runtime.callFilter(all) : null,
      receipts: this.runtime.needsReceipts,
    });
    segment.splice(index + 1, segment.length - index - 1, ...extended);
  }

  private async fail(
    good: SegmentBlock[],
    skipped: ReadonlyMap<number, IndexingError>,
    error: IndexingError,
  ): Promise<void> {
    // The blocks before the failing one are sound: keep them, so queries show the state just before it.
    if (good.length > 0) {
      const batch = this.store.batch();
      try {
        const lastGood = good[good.length - 1];
        await this.runBlocks(batch, good, skipped);
        batch.commit(lastGood ? toBlockPtr(lastGood.header) : undefined);
      } catch (e) {
        batch.discard();
        this.runtime.setDynamicDataSources(this.store.dynamicDataSources());
        throw e;
      }
    }
    this.markFailed(error);
  }

  /**
   * Retrying cannot find a common ancestor the store no longer has the pointers to check: the subgraph fails at
   * its head, which is no longer on the chain. Not deterministic: another indexer keeping more pointers (or
   * further behind the head) would not fail.
   */
  private failOnDeepReorg(error: ReorgBeyondKeptBlocksError): void {
    const head = this.store.head();
    this.markFailed({
      message: error.message,
      handler: null,
      blockNumber: head?.number ?? error.block,
      blockHash: head?.hash ?? "",
      deterministic: false,
    });
  }

  private markFailed(error: IndexingError): void {
    this.store.setFatalError(error);
    this.state = "failed";
    this.logger.error(`subgraph failed: ${describeError(error)}`);
    this.notify();
    for (const w of this.waiters) w.reject(new SubgraphFailedError(error));
    this.waiters.clear();
  }

  private progress(chainHead: number): void {
    const now = Date.now();
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    const block = this.store.head()?.number ?? 0;
    const lag = Math.max(0, chainHead - block);
    if (lag > 0) {
      const seconds = (now - this.lastProgressAt) / 1000;
      const rate = Math.round((this.eventsProcessed - this.eventsAtLastProgress) / seconds);
      this.logger.info(`progress: block ${block} of ${chainHead}, ${rate} events/s, ${lag} blocks behind`);
    }
    this.lastProgressAt = now;
    this.eventsAtLastProgress = this.eventsProcessed;
  }
}

/** A deterministic handler failure at `blocks[index]` of the batch being run. */
class FailedBlock extends Error {
  constructor(
    readonly index: number,
    override readonly cause: HandlerError | RollupError,
  ) {
    super(cause.message);
  }
}

function describeError(error: IndexingError): string {
  // A null handler: a failure outside any handler (a deep reorg, two handlers for one event).
  const where = error.handler ? `handler ${error.handler} at block` : "block";
  return `${where} ${error.blockNumber} (${error.blockHash}): ${error.message}`;
}

/** Loads the subgraph, opens the store, starts the GraphQL server and follows the chain. */
export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  checkNumericOptions({
    port: options.port,
    statusPort: options.statusPort,
    confirmations: options.confirmations,
    pollIntervalMs: options.pollIntervalMs,
    handlerTimeoutMs: options.handlerTimeoutMs,
    blockRetention: options.blockRetention,
  });
  const logger = options.logger ?? consoleLogger;
  const name = options.name ?? defaultSubgraphName(options.subgraph);
  let rpcUrl: URL | null = null;
  try {
    rpcUrl = new URL(options.rpc);
  } catch {
    // reported below
  }
  if (rpcUrl === null || (rpcUrl.protocol !== "http:" && rpcUrl.protocol !== "https:")) {
    throw new Error(`rpc must be an http(s) URL, got "${options.rpc}"`);
  }
  const subgraph = loadSubgraph(options.subgraph);
  const gateways = fileGateways(subgraph, options.ipfs, options.arweave);
  if (subgraph.fileTemplates.some((t) => t.kind === "file/arweave")) {
    logger.warn(
      `file/arweave data sources read ${gateways.arweave} without verifying the content against the transaction ` +
        "(only IPFS content is verified, against its CID)",
    );
  }
  const schema = parseSchema(subgraph.schema);
  checkFulltextFeature(schema.fulltext, subgraph.features);
  // Host calls (`ethereum.call`) are synchronous: they go through a worker thread, not the async client.
  const bridge = new RpcBridge({ url: options.rpc });
  let runtime: SubgraphRuntime;
  let unlock: () => void;
  let store: Store;
  try {
    // Every mapping compiled and linked before the database is touched: a bad build changes nothing in it.
    runtime = new SubgraphRuntime(subgraph, {
      chain: bridge,
      logger,
      nonFatalErrors: subgraph.features.includes("nonFatalErrors"),
      handlerTimeoutMs: options.handlerTimeoutMs ?? null,
    });
    // Call handlers on a node without traces: a clear refusal now rather than a stalled sync later.
    await requireTraceFilter(options.rpc, runtime.callTriggerHandlers, logger);
    unlock = options.db === ":memory:" ? () => undefined : lockDatabase(resolve(options.db));
  } catch (error) {
    await bridge.close();
    throw error;
  }
  try {
    store = openStore({
      path: options.db,
      schema,
      schemaText: subgraph.schema,
      ...(options.blockRetention === undefined ? {} : { blockRetention: options.blockRetention }),
    });
  } catch (error) {
    unlock();
    await bridge.close();
    throw error;
  }
  const client = new RpcClient({ url: options.rpc, logger });
  try {
    await setUpGraft(subgraph, store, options.db, options.graftBase, new EthApi(client), logger);
  } catch (error) {
    client.close();
    store.close();
    unlock();
    await bridge.close();
    throw error;
  }
  let server: GraphQLServer | null = null;
  let statusServer: StatusServer | null = null;
  let url = "";
  let statusUrl = "";
  // The status API reads the loop's view of the chain head; the loop starts once both servers listen.
  let loopHead: () => number | null = () => null;
  try {
    runtime.setDynamicDataSources(store.dynamicDataSources());
    server = createGraphQLServer(store, {
      name,
      ...(options.queryLimits ? { limits: options.queryLimits } : {}),
    });
    url = await server.listen(options.port ?? 8000, options.host ?? "127.0.0.1");
    const statusEth = new EthApi(client);
    const served = store;
    const source = {
      name,
      store: served,
      network: subgraph.dataSources[0]?.network ?? "mainnet",
      startBlock: Number.isFinite(runtime.startBlock) ? runtime.startBlock : 0,
      chainHead: () => loopHead(),
      blockHash: async (n: number) => (await statusEth.header(n))?.hash ?? null,
    };
    statusServer = createStatusServer(() => [source]);
    const statusPort = options.statusPort ?? (options.port === 0 ? 0 : DEFAULT_STATUS_PORT);
    statusUrl = await statusServer.listen(statusPort, options.host ?? "127.0.0.1");
  } catch (error) {
    await statusServer?.close();
    await server?.close();
    await bridge.close();
    client.close();
    store.close();
    unlock();
    throw error;
  }
  // Call-filtered block handlers only need the blocks trace_filter finds calls in.
  const everyBlock = [...subgraph.dataSources, ...subgraph.templates].some((d) =>
    d.mapping.blockHandlers.some((h) => h.filter?.kind !== "call"),
  );
  const eth = new EthApi(client);
  const follower = new ChainFollower({
    eth,
    logs: new AdaptiveLogFetcher(eth, { logger }),
    traces: new AdaptiveTraceFetcher(client, { logger }),
    known: knownBlocks(store),
    confirmations: options.confirmations ?? 0,
    everyBlock,
    logger,
  });
  // A grafted store goes on from the graft block: a revert never goes below it to an empty store.
  const graft = store.graftRecord();
  const startBlock = graft === null ? runtime.startBlock : graft.block + 1;
  const loop = new IndexerLoop(
    store,
    runtime,
    follower,
    client,
    logger,
    Number.isFinite(startBlock) ? startBlock : 0,
    subgraph.features.includes("nonFatalErrors"),
    options.pollIntervalMs ?? 1_000,
    everyBlock,
    subgraph.fileTemplates.length === 0 ? null : new FileFetcher(gateways, { ...options.fileFetch, logger }),
  );
  loopHead = () => loop.chainHead;
  logger.info(`serving ${name} at ${url}; index-node status API at ${statusUrl}`);
  let stopping: Promise<void> | null = null;
  let finalStatus: IndexerStatus | null = null;
  const liveServer = server;
  const liveStatusServer = statusServer;
  const indexer: Indexer = {
    url,
    statusUrl,
    waitForBlock: (n, opts) => loop.waitForBlock(n, opts?.timeoutMs),
    async query(query, variables) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query, variables: variables ?? {} }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    status() {
      if (finalStatus) return finalStatus;
      const meta = store.meta();
      return {
        name,
        state: loop.state,
        block: store.head(),
        chainHead: loop.chainHead,
        error: meta.fatalError,
        hasIndexingErrors: meta.hasIndexingErrors,
        blocksProcessed: loop.blocksProcessed,
        eventsProcessed: loop.eventsProcessed,
        reorgs: loop.reorgs,
      };
    },
    stop() {
      stopping ??= (async () => {
        await loop.stop();
        // The store closes below; status() keeps answering from this snapshot.
        finalStatus = { ...indexer.status(), state: loop.state };
        await liveServer.close();
        await liveStatusServer.close();
        await bridge.close();
        store.close();
        unlock();
      })();
      return stopping;
    },
  };
  return indexer;
}
