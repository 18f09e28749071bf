import { type EventHandler, ManifestError, type Mapping, type Subgraph } from "../manifest/index.js";
import type {
  BlockInput,
  BlockOutput,
  DynamicDataSource,
  EntityWriter,
  LogFilter,
  Logger,
  LogInput,
  ReceiptInput,
  TransactionInput,
} from "../types.js";
import { type ApiLayout, apiLayout, writeBlock, writeEvent } from "./asc/ethereumObjects.js";
import { decodeLog, type EventParamValue } from "./decodeLog.js";
import { HandlerError, HostError } from "./errors.js";
import { hostImports } from "./host/index.js";
import { HostIndex } from "./hostIndex.js";
import { type IsolationMode, MappingInstance } from "./mappingInstance.js";
import { MappingModule } from "./mappingModule.js";
import { logFromRpc, receiptFromRpc, transactionFromRpc } from "./rpcShapes.js";
import type { ActiveDataSource, HandlerScope, HostEnv, HostServices } from "./scope.js";
import { ChainUnavailableError, type SyncChain } from "./syncChain.js";
import { Wasm } from "./wasm.js";

export interface SubgraphRuntimeOptions {
  /** Synchronous chain access for `ethereum.call|getBalance|hasCode` (e.g. an `RpcBridge`). */
  readonly chain?: SyncChain | null;
  /** Base URL of an IPFS gateway for `ipfs.cat`; without one `ipfs.*` fails deterministically. */
  readonly ipfsGateway?: string | null;
  readonly logger?: Logger | null;
  readonly isolation?: IsolationMode;
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

  constructor(
    readonly subgraph: Subgraph,
    options: SubgraphRuntimeOptions = {},
  ) {
    this.services = {
      chain: options.chain ?? null,
      ipfsGateway: options.ipfsGateway ?? null,
      logger: options.logger ?? null,
      templates: subgraph.templates,
    };
    this.isolation = options.isolation ?? "snapshot";
    for (const ds of [...subgraph.dataSources, ...subgraph.templates]) {
      if (
        ds.mapping.callHandlers.length > 0 ||
        ds.mapping.blockHandlers.some((h) => h.filter?.kind === "call")
      ) {
        throw new ManifestError(
          subgraph.manifestFile,
          `${ds.name}.mapping.callHandlers`,
          "call handlers and call-filtered block handlers need transaction traces, which this runtime does not support",
        );
      }
      const instance = this.instance(ds.mapping);
      const handlers = [
        ...ds.mapping.eventHandlers.map((h) => ["eventHandlers", h.handler] as const),
        ...ds.mapping.blockHandlers.map((h) => ["blockHandlers", h.handler] as const),
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
      instance = new MappingInstance(module, this.services, this.isolation);
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
    this.index = new HostIndex([...this.staticHosts, ...this.dynamic.map((d) => this.hostFor(d))]);
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

  /** The `eth_getLogs` filters covering every event handler of the static and the given dynamic data sources. */
  logFilters(dynamic: readonly DynamicDataSource[] = this.dynamic): LogFilter[] {
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
    for (const ds of this.subgraph.dataSources) add(ds.address, ds.mapping.eventHandlers);
    for (const d of dynamic) {
      const template = this.subgraph.templates.find((t) => t.name === d.template);
      if (template !== undefined) add(d.params[0]?.toLowerCase() ?? null, template.mapping.eventHandlers);
    }
    return [...byTopics.values()].map((e) => ({
      addresses: e.addresses === null ? null : [...e.addresses].sort(),
      topic0s: e.topic0s,
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
   * Runs one block's triggers against `writer`: once-block handlers first, then events by log index, then
   * the other block handlers; for each trigger the data sources in creation order. Data sources created
   * during the block then get every matching trigger of the same block, as in graph-node. Throws
   * `HandlerError` when a handler fails (the caller discards the block's writes).
   */
  processBlock(input: BlockInput, writer: EntityWriter): BlockOutput {
    const created: DynamicDataSource[] = [];
    // Logs a reorg removed (`removed: true`) are not part of the block.
    const logs = input.logs.filter((l) => l.removed !== true).sort((a, b) => a.logIndex - b.logIndex);
    let pool = this.index;
    let blockLogs = logs;
    const newHosts: Host[] = [];
    for (;;) {
      this.runBlockTriggers(pool, "blockStart", input, writer, created);
      for (const log of blockLogs) {
        for (const host of pool.forAddress(log.address.toLowerCase())) {
          this.runLogTrigger(host, log, input, writer, created);
        }
      }
      this.runBlockTriggers(pool, "blockEnd", input, writer, created);
      const fresh = created.slice(newHosts.length).map((d) => this.hostFor(d));
      if (fresh.length === 0) break;
      newHosts.push(...fresh);
      pool = new HostIndex(fresh);
      blockLogs = this.logsForNewHosts(input, logs, fresh);
    }
    // Only a block that went through changes the live set (a failed one throws before this).
    this.dynamic.push(...created);
    for (const h of newHosts) this.index.add(h);
    return { created };
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
    this.invoke(host, first.handler.handler, writer, created, input, (heap) => {
      const transaction = this.transaction(input, log.transactionHash);
      const receipt =
        first.handler.receipt && host.layout.v007 ? this.receipt(input, log.transactionHash) : null;
      return writeEvent(heap, { log, block, transaction, params: first.params, receipt }, host.layout);
    });
  }

  private invoke(
    host: Host,
    handler: string,
    writer: EntityWriter,
    created: DynamicDataSource[],
    input: BlockInput,
    buildArg: Parameters<MappingInstance["run"]>[2],
  ): void {
    const scope: HandlerScope = { writer, block: input.header, dataSource: host, handler, created };
    try {
      host.instance.run(scope, handler, buildArg);
    } catch (error) {
      throw toHandlerError(error, host.name, handler, input.header);
    }
  }
}

function toHandlerError(
  error: unknown,
  dataSource: string,
  handler: string,
  block: BlockInput["header"],
): HandlerError {
  if (error instanceof HandlerError) return error;
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
