// The `factory` test subgraph (fixtures/e2e/factory) and its static twin, for the factory end-to-end tests and
// the benchmark: the chain is driven through PoolFactory.run, and what the subgraph must hold is computed
// here from the chain's logs alone.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, Interface, type JsonRpcSigner } from "ethers";
import { parse, stringify } from "yaml";
import { deploy, mined } from "./deploy.js";
import { concatI32 } from "./expected.js";
import { type Artifact, buildTestSubgraph, compileFixture } from "./subgraphs.js";

export const factoryArtifact: Artifact = compileFixture("PoolFactory.sol", "PoolFactory");
export const poolAbi = new Interface(compileFixture("PoolFactory.sol", "Pool").abi as never[]);
const factoryAbi = new Interface(factoryArtifact.abi as never[]);

export interface FactoryChain {
  readonly address: string;
  readonly block: number;
  readonly contract: Contract;
}

export async function deployFactory(signer: JsonRpcSigner): Promise<FactoryChain> {
  const { address, block } = await deploy(signer, factoryArtifact);
  return { address, block, contract: new Contract(address, factoryArtifact.abi as never[], signer) };
}

export interface RunStep {
  /** Pools to create, each swapping `newSwaps` times right after its creation. */
  readonly create: number;
  readonly newSwaps: number;
  /** Existing pools that then swap `perTarget` times each. */
  readonly targets: readonly string[];
  readonly perTarget: number;
  readonly amount: bigint;
}

/** The calldata of one `PoolFactory.run` (for transactions sent raw, e.g. inside `anvil_reorg`). */
export function runCalldata(step: RunStep): string {
  return factoryAbi.encodeFunctionData("run", [
    step.create,
    step.newSwaps,
    step.targets,
    step.perTarget,
    step.amount,
  ]);
}

/** Sends one `run` and waits for its block: the block number and the pools it created, in order. */
export async function sendRun(
  factory: FactoryChain,
  step: RunStep,
): Promise<{ readonly block: number; readonly created: string[] }> {
  const receipt = await mined(
    factory.contract.getFunction("run")(
      step.create,
      step.newSwaps,
      step.targets,
      step.perTarget,
      step.amount,
      {
        gasLimit: 30_000_000,
      },
    ),
  );
  const created: string[] = [];
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== factory.address) continue;
    const parsed = factoryAbi.parseLog(log);
    if (parsed?.name === "PoolCreated") created.push(String(parsed.args.getValue("pool")).toLowerCase());
  }
  return { block: receipt.blockNumber, created };
}

export async function poolAddresses(factory: FactoryChain): Promise<string[]> {
  const count = Number(await factory.contract.getFunction("poolCount")());
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(String(await factory.contract.getFunction("pools")(i)).toLowerCase());
  return out;
}

/** The factory subgraph, pointed at `address` from `startBlock`; codegen and build. */
export function buildFactorySubgraph(parent: string, address: string, startBlock: number): Promise<string> {
  return buildTestSubgraph(parent, "factory", "factory", address, (text) =>
    text.replace("startBlock: 0", `startBlock: ${startBlock}`),
  );
}

interface ManifestDataSource {
  name: string;
  source: { address?: string; abi: string; startBlock?: number };
  mapping: { eventHandlers: { event: string; handler: string }[]; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The same build with the pools as static data sources instead of the template (the factory's handler only
 * records them): a copy of the built factory subgraph with its `build/subgraph.yaml` rewritten, so both run
 * the very same compiled handlers. `swapHandler` picks the Pool handler (`handleSwap` or the realistic one).
 */
export function staticVariant(
  factoryDir: string,
  parent: string,
  slug: string,
  pools: readonly string[],
  startBlock: number,
  swapHandler = "handleSwap",
): string {
  const dir = join(parent, slug);
  cpSync(factoryDir, dir, { recursive: true, dereference: false });
  const file = join(dir, "build", "subgraph.yaml");
  const manifest = parse(readFileSync(file, "utf8")) as {
    dataSources: ManifestDataSource[];
    templates?: ManifestDataSource[];
  };
  const [factory] = manifest.dataSources;
  const template = manifest.templates?.[0];
  if (factory === undefined || template === undefined) throw new Error("the factory build has no template");
  for (const h of factory.mapping.eventHandlers) h.handler = "handlePoolCreatedStatic";
  const poolSources = pools.map((address, i) => ({
    ...template,
    name: `Pool${i}`,
    source: { ...template.source, address, startBlock },
    mapping: {
      ...template.mapping,
      eventHandlers: template.mapping.eventHandlers.map((h) => ({ ...h, handler: swapHandler })),
    },
  }));
  // The template stays declared: the mapping imports its generated class (`Pool.create` is never called).
  manifest.dataSources = [factory, ...poolSources];
  writeFileSync(file, stringify(manifest, { aliasDuplicateObjects: false }));
  return dir;
}

export interface SwapRow {
  readonly id: string;
  readonly pool: string;
  readonly seq: string;
  readonly amount: string;
  readonly order: string;
  readonly block: string;
  readonly logIndex: string;
}

export interface PoolRow {
  readonly id: string;
  readonly index: string;
  readonly createdAtBlock: string;
  readonly swapCount: string;
  readonly volume: string;
}

interface RawLog {
  readonly address: string;
  readonly topics: string[];
  readonly data: string;
  readonly blockNumber: string;
  readonly logIndex: string;
  readonly transactionHash: string;
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * What the factory subgraph must hold after indexing `[from, to]` of the chain at `url`, from its logs:
 * every Swap with the order graph-node runs the handlers in, and every Pool. In a block that creates pools,
 * graph-node runs the block's triggers for the data sources that existed before it first, then those of the
 * pools created in it (runner.rs `process_block`); `static: true` gives the order of the static twin, where
 * every pool is a data source from the start (log index order).
 */
export async function expectedFactoryState(
  url: string,
  factory: string,
  from: number,
  to: number,
  options: { readonly static: boolean },
): Promise<{ swaps: SwapRow[]; pools: PoolRow[] }> {
  const hex = (n: number) => `0x${n.toString(16)}`;
  const created = (await rpc(url, "eth_getLogs", [
    {
      fromBlock: hex(from),
      toBlock: hex(to),
      address: factory,
      topics: [factoryAbi.getEvent("PoolCreated")?.topicHash],
    },
  ])) as RawLog[];
  const createdAt = new Map<string, { block: number; index: bigint }>();
  for (const log of created) {
    const parsed = factoryAbi.parseLog(log);
    if (parsed === null) continue;
    createdAt.set(String(parsed.args.getValue("pool")).toLowerCase(), {
      block: Number(log.blockNumber),
      index: parsed.args.getValue("index") as bigint,
    });
  }
  const swapLogs = (await rpc(url, "eth_getLogs", [
    { fromBlock: hex(from), toBlock: hex(to), topics: [poolAbi.getEvent("Swap")?.topicHash] },
  ])) as RawLog[];
  const relevant = swapLogs
    .map((log) => ({
      log,
      pool: log.address.toLowerCase(),
      block: Number(log.blockNumber),
      logIndex: Number(log.logIndex),
    }))
    .filter((s) => createdAt.has(s.pool));
  const lateInBlock = (s: (typeof relevant)[number]) =>
    !options.static && createdAt.get(s.pool)?.block === s.block ? 1 : 0;
  relevant.sort((a, b) => a.block - b.block || lateInBlock(a) - lateInBlock(b) || a.logIndex - b.logIndex);
  const pools = new Map<string, { swapCount: bigint; volume: bigint }>();
  const swaps: SwapRow[] = relevant.map((s, order) => {
    const parsed = poolAbi.parseLog(s.log);
    if (parsed === null) throw new Error("undecodable Swap");
    const amount = parsed.args.getValue("amount") as bigint;
    const p = pools.get(s.pool) ?? { swapCount: 0n, volume: 0n };
    pools.set(s.pool, { swapCount: p.swapCount + 1n, volume: p.volume + amount });
    return {
      id: concatI32(s.log.transactionHash.toLowerCase(), s.logIndex),
      pool: s.pool,
      seq: String(parsed.args.getValue("seq") as bigint),
      amount: String(amount),
      order: String(order),
      block: String(s.block),
      logIndex: String(s.logIndex),
    };
  });
  const poolRows: PoolRow[] = [...createdAt.entries()].map(([id, c]) => ({
    id,
    index: String(c.index),
    createdAtBlock: String(c.block),
    swapCount: String(pools.get(id)?.swapCount ?? 0n),
    volume: String(pools.get(id)?.volume ?? 0n),
  }));
  return { swaps: swaps.sort(byId), pools: poolRows.sort(byId) };
}

export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every Swap and Pool the subgraph at `query` holds, paged by id. */
export async function factoryState(
  query: (q: string) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly unknown[] }>,
  block?: number,
): Promise<{ swaps: SwapRow[]; pools: PoolRow[] }> {
  const at = block === undefined ? "" : `, block: { number: ${block} }`;
  async function all<T extends { id: string }>(entity: string, fields: string): Promise<T[]> {
    const out: T[] = [];
    for (let last = ""; ; ) {
      const response = await query(
        `{ ${entity}(first: 1000, orderBy: id${last ? `, where: { id_gt: "${last}" }` : ""}${at}) { ${fields} } }`,
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      const page = (response.data?.[entity] ?? []) as T[];
      out.push(...page);
      const tail = page[page.length - 1];
      if (page.length < 1000 || tail === undefined) return out;
      last = tail.id;
    }
  }
  const swaps = await all<SwapRow>("swaps", "id pool seq amount order block logIndex");
  const pools = await all<PoolRow>("pools", "id index createdAtBlock swapCount volume");
  return { swaps: swaps.sort(byId), pools: pools.sort(byId) };
}
