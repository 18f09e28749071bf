import { parseTraceCalls } from "../chain/traces.js";
import {
  type EventHandler,
  type FileTemplate,
  ManifestError,
  type Mapping,
  type Subgraph,
} from "../manifest/index.js";
import { parseSchema } from "../schema/parse.js";
import type {
  BlockHeader,
  BlockInput,
  BlockOutput,
  CallFilter,
  CallInput,
  DynamicDataSource,
  EntityWriter,
  IndexingError,
  LogFilter,
  Logger,
  LogInput,
  ReceiptInput,
  TransactionInput,
} from "../types.js";
import { writeCall } from "./asc/ethereumCall.js";
import {
  type ApiLayout,
  apiLayout,
  writeBlock,
  writeEvent,
  writeTransaction,
} from "./asc/ethereumObjects.js";
import { ChainRegionWriter, FileRegionWriter } from "./causalityRegions.js";
import { decodeLog, type EventParamValue } from "./decodeLog.js";
import { HandlerError, HandlerTimeoutError, HostError } from "./errors.js";
import { decodeTokens, type EthToken } from "./ethToken.js";
import { hostImports } from "./host/index.js";
import { HostIndex } from "./hostIndex.js";
import { type IsolationMode, MappingInstance, type SharedArgs } from "./mappingInstance.js";
import { MappingModule } from "./mappingModule.js";
import { logFromRpc, receiptFromRpc, transactionFromRpc } from "./rpcShapes.js";
import type { ActiveDataSource, HandlerScope, HostEnv, HostServices } from "./scope.js";
import { ChainUnavailableError, type SyncChain } from "./syncChain.js";
import { TimeLimitError } from "./timeLimit.js";
import { Wasm } from "./wasm.js";

export interface SubgraphRuntimeOptions {
  /** Synchronous chain access for `ethereum.call|getBalance|hasCode` (e.g. an `RpcBridge`). */
  readonly chain?: SyncChain | null;
  /** Base URL of an IPFS gateway for `ipfs.cat`; without one `ipfs.*` fails deterministically. */
  readonly ipfsGateway?: string | null;
  readonly logger?: Logger | null;
  readonly isolation?: IsolationMode;
  /**
   * Skip a handler that fails deterministically, dropping only its writes and data sources (graph-node's
   * `nonFatalErrors`); off by default, so a failure throws `HandlerError` (the indexer turns it on when the
   * manifest declares `features: [nonFatalErrors]`).
   */
  readonly nonFatalErrors?: boolean;
  /**
   * Fails a handler that runs longer than this many milliseconds with `HandlerTimeoutError` (graph-node's
   * `GRAPH_MAPPING_HANDLER_TIMEOUT`); default none. Opt-in: each handler then costs a watchdog thread.
   */
  readonly handlerTimeoutMs?: number | null;
}

/** A data source the runtime runs handlers of: static, or created from a template. */
interface Host extends ActiveDataSource {
  readonly mapping: Mapping;
  readonly layout: ApiLayout;
  readonly instance: MappingInstance;
  readonly endBlock: number | null;
}

/** Runs a subgraph's compiled mappings block by block, in graph-node's trigger order. */
export class SubgraphRuntime {
  private readonly services: HostServices;
  private readonly instances = new Map<string, MappingInstance>();
  private readonly staticHosts: Host[];
  private index: HostIndex<Host>;
  private dynamic: DynamicDataSource[] = [];
  private readonly isolation: IsolationMode;
  private readonly nonFatalErrors: boolean;
  private readonly handlerTimeoutMs: number | null;
  /** The handlers skipped in the block being processed (`nonFatalErrors`). */
  private skipped: IndexingError[] = [];
  /** Entity types file templates declare → the template (causalityRegions.ts). */
  private readonly fileTypes = new Map<string, string>();
  /** `<entity>.<derived field>` → the type of its entities, when file templates exist. */
  private readonly derivedTypes = new Map<string, string>();
  /** The timeseries types (known when file templates exist: their handlers may not write them). */
  private readonly timeseriesTypes = new Set<string>();

  constructor(
    readonly subgraph: Subgraph,
    options: SubgraphRuntimeOptions = {},
  ) {
    this.services = {
      chain: options.chain ?? null,
      ipfsGateway: options.ipfsGateway ?? null,
      logger: options.logger ?? null,
      templates: subgraph.templates,
      fileTemplates: subgraph.fileTemplates,
    };
    this.isolation = options.isolation ?? "snapshot";
    this.nonFatalErrors = options.nonFatalErrors ?? false;
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? null;
    for (const ds of [...subgraph.dataSources, ...subgraph.templates]) {
      const instance = this.instance(ds.mapping);
      const handlers = [
        ...ds.mapping.eventHandlers.map((h) => ["eventHandlers", h.handler] as const),
        ...ds.mapping.blockHandlers.map((h) => ["blockHandlers", h.handler] as const),
        ...ds.mapping.callHandlers.map((h) => ["callHandlers", h.handler] as const),
      ];
      for (const [kind, handler] of handlers) {
        if (!instance.hasExport(handler)) {
          throw new ManifestError(
            subgraph.manifestFile,
            `${ds.name}.mapping.${kind}`,
            `handler ${handler} is not exported by ${ds.mapping.file}`,
          );
        }
      }
    }
    for (const t of subgraph.fileTemplates) {
      if (!this.instance(t.mapping).hasExport(t.handler)) {
        throw new ManifestError(
          subgraph.manifestFile,
          `${t.name}.mapping.handler`,
          `handler ${t.handler} is not exported by ${t.mapping.file}`,
        );
      }
      for (const entity of t.mapping.entities)
        if (!this.fileTypes.has(entity)) this.fileTypes.set(entity, t.name);
    }
    if (this.fileTypes.size > 0) {
      for (const entity of parseSchema(subgraph.schema).entities.values()) {
        if (entity.timeseries) this.timeseriesTypes.add(entity.name);
        for (const f of entity.fields) {
          if (f.derivedFrom !== null) this.derivedTypes.set(`${entity.name}.${f.name}`, f.type.name);
        }
      }
    }
    this.staticHosts = subgraph.dataSources.map((ds) => ({
      name: ds.name,
      address: ds.address,
      network: ds.network,
      context: ds.context,
      abis: ds.mapping.abis,
      startBlock: ds.startBlock,
      endBlock: ds.endBlock,
      mapping: ds.mapping,
      layout: apiLayout(ds.mapping.apiVersion),
      instance: this.instance(ds.mapping),
    }));
    this.index = new HostIndex(this.staticHosts);
  }

  /** One instance per compiled module: data sources sharing a `.wasm` share it (it is reset per handler). */
  private instance(mapping: Mapping): MappingInstance {
    let instance = this.instances.get(mapping.file);
    if (instance === undefined) {
      const checkEnv: HostEnv = {
        services: this.services,
        heap: () => {
          throw new HostError("no instance");
        },
        scope: () => {
          throw new HostError("no handler");
        },
      };
      const module = MappingModule.load(mapping.file, hostImports(checkEnv));
      instance = new MappingInstance(module, this.services, this.isolation, this.handlerTimeoutMs);
      this.instances.set(mapping.file, instance);
    }
    return instance;
  }

  private hostFor(ds: DynamicDataSource): Host {
    const template = this.subgraph.templates.find((t) => t.name === ds.template);
    if (template === undefined)
      throw new HostError(`dynamic data source refers to unknown template ${ds.template}`);
    return {
      name: template.name,
      address: ds.params[0]?.toLowerCase() ?? null,
      network: template.network,
      context: ds.context,
      abis: template.mapping.abis,
      startBlock: ds.creationBlock,
      endBlock: null,
      mapping: template.mapping,
      layout: apiLayout(template.mapping.apiVersion),
      instance: this.instance(template.mapping),
    };
  }

  /** The data sources created so far, in creation order. */
  get dynamicDataSources(): readonly DynamicDataSource[] {
    return this.dynamic;
  }

  /** Replaces the known dynamic data sources (after a restart, or after the store reverted blocks). */
  setDynamicDataSources(list: readonly DynamicDataSource[]): void {
    this.dynamic = [...list];
    const chain = this.dynamic.filter((d) => this.fileTemplate(d.template) === undefined);
    this.index = new HostIndex([...this.staticHosts, ...chain.map((d) => this.hostFor(d))]);
  }

  /** The file template named `name`, if it is one. */
  fileTemplate(name: string): FileTemplate | undefined {
    return this.subgraph.fileTemplates.find((t) => t.name === name);
  }

  /**
   * Runs a file data source's handler with its file's `content`, in block `block` (its creation block), against
   * `writer` seen through its own causality region. Returns the file data sources it created (graph-node lets a
   * file handler create file data sources, not chain ones). A failure is not deterministic, as in graph-node
   * ("offchain data sources are non-deterministic"): the block is retried.
   */
  processFile(
    ds: DynamicDataSource,
    content: Uint8Array,
    block: BlockHeader,
    writer: EntityWriter,
  ): DynamicDataSource[] {
    const template = this.fileTemplate(ds.template);
    if (template === undefined) throw new HostError(`${ds.template} is not a file data source template`);
    const source = ds.params[0] ?? "";
    const created: DynamicDataSource[] = [];
    const scope: HandlerScope = {
      writer: new FileRegionWriter(writer, template.name, template.mapping.entities, this.timeseriesTypes),
      block,
      dataSource: {
        name: template.name,
        address: null,
        network: template.network ?? this.subgraph.dataSources[0]?.network ?? "mainnet",
        context: ds.context,
        abis: template.mapping.abis,
        startBlock: ds.creationBlock,
        fileSource: source,
      },
      handler: template.handler,
      created,
    };
    try {
      this.instance(template.mapping).run(scope, template.handler, (heap) => heap.newBytes(content));
    } catch (error) {
      const failure = toHandlerError(error, `${template.name} (${source})`, template.handler, block);
      if (failure instanceof HandlerTimeoutError) throw failure;
      throw new HandlerError(
        failure.handler,
        failure.dataSource,
        block.number,
        block.hash,
        failure.reason,
        false,
      );
    }
    this.dynamic.push(...created);
    return created;
  }

  /** Whether some handler asks for `receipt: true` (then `BlockInput.receipts` must be filled). */
  get needsReceipts(): boolean {
    return [...this.subgraph.dataSources, ...this.subgraph.templates].some((ds) =>
      ds.mapping.eventHandlers.some((h) => h.receipt),
    );
  }

  /** The lowest block any data source starts at. */
  get startBlock(): number {
    return Math.min(...this.subgraph.dataSources.map((d) => d.startBlock));
  }

  /**
   * The `eth_getLogs` filters covering every event handler of the static (unless `withStatic` is false) and
   * the given dynamic data sources.
   */
  logFilters(dynamic: readonly DynamicDataSource[] = this.dynamic, withStatic = true): LogFilter[] {
    const byTopics = new Map<string, { addresses: Set<string> | null; topic0s: string[] }>();
    const add = (address: string | null, handlers: readonly EventHandler[]): void => {
      if (handlers.length === 0) return;
      const topic0s = [...new Set(handlers.map((h) => h.topic0))].sort();
      const key = topic0s.join(",");
      let entry = byTopics.get(key);
      if (entry === undefined) {
        entry = { addresses: new Set(), topic0s };
        byTopics.set(key, entry);
      }
      if (address === null) entry.addresses = null;
      else entry.addresses?.add(address);
    };
    if (withStatic) for (const ds of this.subgraph.dataSources) add(ds.address, ds.mapping.eventHandlers);
    for (const d of dynamic) {
      const template = this.subgraph.templates.find((t) => t.name === d.template);
      if (template !== undefined) add(d.params[0]?.toLowerCase() ?? null, template.mapping.eventHandlers);
    }
    return [...byTopics.values()].map((e) => ({
      addresses: e.addresses === null ? null : [...e.addresses].sort(),
      topic0s: e.topic0s,
    }));
  }

  /**
   * The `trace_filter` filter covering every call handler and call-filtered block handler of the static and
   * the given dynamic data sources; null when the subgraph has none (then no traces are needed). Like
   * graph-node, more than 100 addresses (or a data source without one) ask for every call.
   */
  callFilter(dynamic: readonly DynamicDataSource[] = this.dynamic): CallFilter | null {
    if (this.callTriggerHandlers.length === 0) return null;
    const addresses = new Set<string>();
    let everyAddress = false;
    const add = (address: string | null, mapping: Mapping): void => {
      if (!usesCalls(mapping)) return;
      if (address === null) everyAddress = true;
      else addresses.add(address);
    };
    for (const ds of this.subgraph.dataSources) add(ds.address, ds.mapping);
    for (const d of dynamic) {
      const template = this.subgraph.templates.find((t) => t.name === d.template);
      if (template !== undefined) add(d.params[0]?.toLowerCase() ?? null, template.mapping);
    }
    if (everyAddress || addresses.size > 100) return { addresses: null };
    return { addresses: [...addresses].sort() };
  }

  /** Whether some of the given dynamic data sources has call handlers or call-filtered block handlers. */
  needCalls(dynamic: readonly DynamicDataSource[]): boolean {
    return dynamic.some((d) => {
      const template = this.subgraph.templates.find((t) => t.name === d.template);
      return template !== undefined && usesCalls(template.mapping);
    });
  }

  /**
   * The data sources and templates whose handlers need `trace_filter` (call handlers, call-filtered block
   * handlers), with those handlers' names: what a start-up error names when the node has no traces.
   */
  get callTriggerHandlers(): readonly {
    readonly dataSource: string;
    readonly handlers: readonly string[];
  }[] {
    return [...this.subgraph.dataSources, ...this.subgraph.templates]
      .filter((ds) => usesCalls(ds.mapping))
      .map((ds) => ({
        dataSource: ds.name,
        handlers: [
          ...ds.mapping.callHandlers.map((h) => `${h.handler} (call handler for ${h.function})`),
          ...ds.mapping.blockHandlers
            .filter((h) => h.filter?.kind === "call")
            .map((h) => `${h.handler} (block handler with filter kind: call)`),
        ],
      }));
  }

  /** Whether a block handler of some data source fires at block `n` (so the block must be processed even without logs). */
  wantsBlock(n: number): boolean {
    return this.index.withBlockHandlers.some(
      (h) => this.blockHandler(h, "blockStart", n) !== null || this.blockHandler(h, "blockEnd", n) !== null,
    );
  }

  private active(h: Host, n: number): boolean {
    return n >= h.startBlock && (h.endBlock === null || n <= h.endBlock);
  }

  /** graph-node's `handler_for_block`: at most one handler per data source and trigger. */
  private blockHandler(h: Host, kind: "blockStart" | "blockEnd", n: number): string | null {
    if (!this.active(h, n)) return null;
    for (const b of h.mapping.blockHandlers) {
      if (kind === "blockStart") {
        if (b.filter?.kind === "once" && n === h.startBlock) return b.handler;
      } else if (b.filter === null) return b.handler;
      else if (b.filter.kind === "polling" && (n - h.startBlock) % b.filter.every === 0) return b.handler;
    }
    return null;
  }

  private eventHandlersFor(h: Host, log: LogInput): { handler: EventHandler; params: EventParamValue[] }[] {
    const topic0 = log.topics[0]?.toLowerCase();
    const out: { handler: EventHandler; params: EventParamValue[] }[] = [];
    for (const handler of h.mapping.eventHandlers) {
      if (handler.topic0 !== topic0) continue;
      const filtersMatch = handler.topicFilters.every((values, i) => {
        const topic = log.topics[i + 1]?.toLowerCase();
        return values === null || (topic !== undefined && values.includes(topic));
      });
      if (!filtersMatch) continue;
      const params = decodeLog(handler.fragment, log);
      if (params !== null) out.push({ handler, params });
    }
    return out;
  }

  /**
   * Runs one block's triggers against `writer` in graph-node's order (`EthereumTrigger`'s `Ord`,
   * chain/ethereum/src/trigger.rs): once-block handlers first; then events by log index and calls by
   * transaction index, a transaction's events before its calls; then call-filtered block handlers, then the
   * other block handlers; for each trigger the data sources in creation order. Data sources created during
   * the block then get every matching trigger of the same block, as in graph-node. Throws `HandlerError`
   * when a handler fails (the caller discards the block's writes), unless `nonFatalErrors` lets it skip a
   * deterministic failure: then only that handler's writes are undone and the error is in `errors`.
   */
  processBlock(input: BlockInput, blockWriter: EntityWriter): BlockOutput {
    const writer =
      this.fileTypes.size > 0
        ? new ChainRegionWriter(blockWriter, this.fileTypes, this.derivedTypes)
        : blockWriter;
    const created: DynamicDataSource[] = [];
    this.skipped = [];
    // Logs a reorg removed (`removed: true`) are not part of the block.
    const logs = input.logs.filter((l) => l.removed !== true).sort((a, b) => a.logIndex - b.logIndex);
    const calls = input.calls ?? [];
    let pool = this.index;
    let blockLogs = logs;
    let blockCalls = calls;
    const newHosts: Host[] = [];
    let seen = 0;
    for (;;) {
      this.runBlockTriggers(pool, "blockStart", input, writer, created);
      for (const trigger of this.logAndCallTriggers(pool, blockLogs, blockCalls)) {
        if ("logIndex" in trigger) {
          for (const host of pool.forAddress(trigger.address.toLowerCase())) {
            this.runLogTrigger(host, trigger, input, writer, created);
          }
        } else {
          for (const host of pool.forAddress(trigger.to)) {
            this.runCallTrigger(host, trigger, input, writer, created);
          }
        }
      }
      this.runCallBlockTriggers(pool, blockCalls, input, writer, created);
      this.runBlockTriggers(pool, "blockEnd", input, writer, created);
      const fresh = created
        .slice(seen)
        .filter((d) => this.fileTemplate(d.template) === undefined)
        .map((d) => this.hostFor(d));
      seen = created.length;
      if (fresh.length === 0) break;
      newHosts.push(...fresh);
      pool = new HostIndex(fresh);
      blockLogs = this.logsForNewHosts(input, logs, fresh);
      blockCalls = this.callsForNewHosts(input, calls, fresh);
    }
    // Only a block that went through changes the live set (a failed one throws before this).
    this.dynamic.push(...created);
    for (const h of newHosts) this.index.add(h);
    return { created, errors: this.skipped };
  }

  /**
   * Event and call triggers merged as graph-node sorts them: events by log index; calls that a handler of
   * `pool` matches, of successful transactions only (`parse_call_triggers`), by transaction index keeping
   * trace order within a transaction; an event before a call of the same transaction. Consecutive equal
   * calls are one trigger, as graph-node's `dedup` of the sorted triggers makes them.
   */
  private logAndCallTriggers(
    pool: HostIndex<Host>,
    logs: readonly LogInput[],
    calls: readonly CallInput[],
  ): (LogInput | CallInput)[] {
    const wanted = calls
      .filter(
        (c) =>
          c.transactionSucceeded &&
          pool.forAddress(c.to).some((h) => callHandlerFor(h.mapping, c) !== undefined),
      )
      .sort((a, b) => a.transactionIndex - b.transactionIndex);
    const out: (LogInput | CallInput)[] = [];
    let next = 0;
    let previous: CallInput | null = null;
    for (const call of wanted) {
      if (previous !== null && sameCall(previous, call)) continue;
      previous = call;
      for (let log = logs[next]; log !== undefined && log.transactionIndex <= call.transactionIndex; ) {
        out.push(log);
        log = logs[++next];
      }
      out.push(call);
    }
    out.push(...logs.slice(next));
    return out;
  }

  /**
   * Call-filtered block handlers: one `WithCallTo(address)` trigger per call to a data source that has one
   * (graph-node's `parse_block_triggers`: any successful call trace with a selector, whatever its
   * transaction's outcome), consecutive duplicates merged by the sort's `dedup`.
   */
  private runCallBlockTriggers(
    pool: HostIndex<Host>,
    calls: readonly CallInput[],
    input: BlockInput,
    writer: EntityWriter,
    created: DynamicDataSource[],
  ): void {
    const block = input.header;
    let previous: string | null = null;
    for (const call of calls) {
      const hosts = pool
        .forAddress(call.to)
        .filter((h) => h.address === call.to && callBlockHandler(h.mapping) !== undefined);
      if (hosts.length === 0 || call.to === previous) continue;
      previous = call.to;
      for (const host of hosts) {
        const handler = callBlockHandler(host.mapping);
        if (handler === undefined || !this.active(host, block.number)) continue;
        this.invoke(host, handler, writer, created, input, (heap) => writeBlock(heap, block, host.layout));
      }
    }
  }

  /**
   * The block's calls for data sources created in it: with a chain, the node's `trace_filter` for their
   * addresses (the follower only asked for the addresses it knew), else the input's.
   */
  private callsForNewHosts(
    input: BlockInput,
    known: readonly CallInput[],
    hosts: readonly Host[],
  ): readonly CallInput[] {
    const addresses = [
      ...new Set(hosts.flatMap((h) => (usesCalls(h.mapping) && h.address !== null ? [h.address] : []))),
    ];
    const chain = this.services.chain;
    if (chain === null || addresses.length === 0) return known;
    const n = `0x${input.header.number.toString(16)}`;
    const fetched = parseTraceCalls(
      "trace_filter",
      chain.request("trace_filter", [{ fromBlock: n, toBlock: n, toAddress: addresses }]),
    );
    if (fetched.some((c) => c.blockHash !== input.header.hash)) {
      throw new ChainUnavailableError(
        `block ${input.header.number}: trace_filter answered for another block than ${input.header.hash}`,
      );
    }
    const failed = new Set<string>();
    for (const hash of new Set(fetched.map((c) => c.transactionHash))) {
      const receipt = input.receipts?.get(hash) ?? this.receipt(input, hash);
      if (receipt.status === 0) failed.add(hash);
    }
    return fetched.map((c) => ({ ...c, transactionSucceeded: !failed.has(c.transactionHash) }));
  }

  /** The block's logs for data sources created in it: from the input, plus (with a chain) what the node has. */
  private logsForNewHosts(input: BlockInput, known: readonly LogInput[], hosts: readonly Host[]): LogInput[] {
    const addresses = [...new Set(hosts.map((h) => h.address).filter((a): a is string => a !== null))];
    const topics = [...new Set(hosts.flatMap((h) => h.mapping.eventHandlers.map((e) => e.topic0)))];
    const byIndex = new Map(known.map((l) => [l.logIndex, l]));
    const chain = this.services.chain;
    if (chain !== null && addresses.length > 0 && topics.length > 0) {
      const fetched = chain.request("eth_getLogs", [
        { blockHash: input.header.hash, address: addresses, topics: [topics] },
      ]);
      if (Array.isArray(fetched))
        for (const raw of fetched) byIndex.set(logFromRpc(raw).logIndex, logFromRpc(raw));
    }
    return [...byIndex.values()].sort((a, b) => a.logIndex - b.logIndex);
  }

  private transaction(input: BlockInput, hash: string): TransactionInput {
    const tx = input.transactions.get(hash) ?? input.transactions.get(hash.toLowerCase());
    if (tx !== undefined) return tx;
    const chain = this.services.chain;
    if (chain !== null) {
      const raw = chain.request("eth_getTransactionByHash", [hash]);
      if (raw !== null && typeof raw === "object") return transactionFromRpc(raw);
    }
    throw new ChainUnavailableError(
      `block ${input.header.number}: transaction ${hash} of a log is missing from the input`,
    );
  }

  private receipt(input: BlockInput, hash: string): ReceiptInput {
    const r = input.receipts?.get(hash) ?? input.receipts?.get(hash.toLowerCase());
    if (r !== undefined) return r;
    const chain = this.services.chain;
    if (chain !== null) {
      const raw = chain.request("eth_getTransactionReceipt", [hash]);
      if (raw !== null && typeof raw === "object") return receiptFromRpc(raw);
    }
    throw new ChainUnavailableError(
      `block ${input.header.number}: receipt of transaction ${hash} is missing from the input`,
    );
  }

  private runBlockTriggers(
    pool: HostIndex<Host>,
    kind: "blockStart" | "blockEnd",
    input: BlockInput,
    writer: EntityWriter,
    created: DynamicDataSource[],
  ): void {
    const block = input.header;
    for (const host of pool.withBlockHandlers) {
      const handler = this.blockHandler(host, kind, block.number);
      if (handler !== null) {
        this.invoke(host, handler, writer, created, input, (heap) => writeBlock(heap, block, host.layout));
      }
    }
  }

  private runLogTrigger(
    host: Host,
    log: LogInput,
    input: BlockInput,
    writer: EntityWriter,
    created: DynamicDataSource[],
  ): void {
    const block = input.header;
    if (!this.active(host, block.number)) return;
    const matches = this.eventHandlersFor(host, log);
    if (matches.length === 0) return;
    const first = matches[0];
    if (matches.length > 1 || first === undefined) {
      throw new HandlerError(
        matches.map((m) => m.handler.handler).join(", "),
        host.name,
        block.number,
        block.hash,
        `Multiple handlers defined for event \`${first?.handler.event ?? ""}\`, only one is supported`,
        true,
      );
    }
    // The block and the transaction are the same for the transaction's other events: written once for them.
    const shared: SharedArgs = {
      keys: [input, log.transactionHash, host.layout],
      write: (heap) => {
        const transaction = this.transaction(input, log.transactionHash);
        return [writeBlock(heap, block, host.layout), writeTransaction(heap, transaction, host.layout)];
      },
    };
    this.invoke(
      host,
      first.handler.handler,
      writer,
      created,
      input,
      (heap, [blockPtr = 0, transactionPtr = 0]) => {
        const receipt =
          first.handler.receipt && host.layout.v007 ? this.receipt(input, log.transactionHash) : null;
        return writeEvent(
          heap,
          { log, blockPtr, transactionPtr, params: first.params, receipt },
          host.layout,
        );
      },
      shared,
    );
  }

  /** graph-node's `match_and_decode` for `EthereumTrigger::Call`, then the handler. */
  private runCallTrigger(
    host: Host,
    call: CallInput,
    input: BlockInput,
    writer: EntityWriter,
    created: DynamicDataSource[],
  ): void {
    const block = input.header;
    if (!this.active(host, block.number)) return;
    const handler = callHandlerFor(host.mapping, call);
    if (handler === undefined) return;
    const fail = (reason: string): HandlerError =>
      new HandlerError(handler.handler, host.name, block.number, block.hash, reason, true);
    const fragment = handler.fragment;
    if (fragment === null) {
      throw fail(
        `Function with the signature "${handler.function}" not found (as a payable or non-payable function) in the ABI of data source "${host.name}"`,
      );
    }
    let inputs: EthToken[];
    try {
      inputs = decodeTokens(fragment.inputs, `0x${call.input.slice(10)}`);
    } catch (error) {
      // graph-node logs the undecodable input and skips the call.
      this.services.logger?.warn(
        `${host.name}: skipping call to ${handler.function} in transaction ${call.transactionHash}: ` +
          `failed parsing inputs (${error instanceof Error ? error.message : String(error)})`,
      );
      return;
    }
    let outputs: EthToken[];
    try {
      outputs = decodeTokens(fragment.outputs, call.output);
    } catch (error) {
      throw fail(
        `Decoding function outputs for the call ${handler.function} failed, raw output: ${call.output} ` +
          `(${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const named = (params: typeof fragment.inputs, values: EthToken[]) =>
      values.map((value, i) => ({ name: params[i]?.name ?? "", value }));
    this.invoke(host, handler.handler, writer, created, input, (heap) =>
      writeCall(
        heap,
        {
          call,
          block,
          transaction: this.transaction(input, call.transactionHash),
          inputs: named(fragment.inputs, inputs),
          outputs: named(fragment.outputs, outputs),
        },
        host.layout,
      ),
    );
  }

  private invoke(
    host: Host,
    handler: string,
    writer: EntityWriter,
    created: DynamicDataSource[],
    input: BlockInput,
    buildArg: Parameters<MappingInstance["run"]>[2],
    shared?: SharedArgs,
  ): void {
    const scope: HandlerScope = { writer, block: input.header, dataSource: host, handler, created };
    const undo = this.nonFatalErrors ? writer.savepoint() : null;
    const createdBefore = created.length;
    try {
      host.instance.run(scope, handler, buildArg, shared);
    } catch (error) {
      const failure = toHandlerError(error, host.name, handler, input.header);
      if (undo === null || !failure.deterministic || failure instanceof HandlerTimeoutError) throw failure;
      // graph-node's nonFatalErrors: on a deterministic error the wasm module's `handle_trigger` calls
      // `BlockState::exit_handler_and_discard_changes_due_to_error`, which drops this handler's entity
      // changes and created data sources and keeps the error; the block's other handlers' writes stay.
      undo();
      created.length = createdBefore;
      this.skipped.push({
        message: failure.reason,
        handler,
        blockNumber: input.header.number,
        blockHash: input.header.hash,
        deterministic: true,
      });
      this.services.logger?.warn(`${failure.message}; skipping its writes (nonFatalErrors)`);
    }
  }
}

/** Whether a mapping needs traces: call handlers, or a block handler filtered by calls. */
function usesCalls(mapping: Mapping): boolean {
  return mapping.callHandlers.length > 0 || callBlockHandler(mapping) !== undefined;
}

/** graph-node's `handler_for_block(WithCallTo)`: the first block handler with `filter: { kind: call }`. */
function callBlockHandler(mapping: Mapping): string | undefined {
  return mapping.blockHandlers.find((h) => h.filter?.kind === "call")?.handler;
}

/** graph-node's `handler_for_call`: the first call handler whose selector is the input's first 4 bytes. */
function callHandlerFor(mapping: Mapping, call: CallInput): Mapping["callHandlers"][number] | undefined {
  const selector = call.input.slice(0, 10).toLowerCase();
  return mapping.callHandlers.find((h) => h.selector === selector);
}

/** `EthereumCall`'s equality: the fields graph-node keeps of a trace. */
function sameCall(a: CallInput, b: CallInput): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.value === b.value &&
    a.gasUsed === b.gasUsed &&
    a.input === b.input &&
    a.output === b.output &&
    a.transactionHash === b.transactionHash &&
    a.transactionIndex === b.transactionIndex
  );
}

function toHandlerError(
  error: unknown,
  dataSource: string,
  handler: string,
  block: BlockInput["header"],
): HandlerError {
  if (error instanceof HandlerError) return error;
  if (error instanceof TimeLimitError) {
    return new HandlerTimeoutError(
      handler,
      dataSource,
      block.number,
      block.hash,
      `the handler ran longer than the handler time limit of ${error.limitMs} ms and was stopped`,
      true,
    );
  }
  let deterministic = true;
  let reason = String(error);
  if (error instanceof HostError) deterministic = error.deterministic;
  else if (error instanceof ChainUnavailableError) deterministic = false;
  if (error instanceof Wasm.RuntimeError) reason = `wasm trap: ${error.message}`;
  else if (error instanceof Error) {
    reason = error.message;
    const flag = (error as { deterministic?: unknown }).deterministic;
    if (flag === false) deterministic = false;
  }
  return new HandlerError(handler, dataSource, block.number, block.hash, reason, deterministic);
}
