import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RpcProxyProcess, startRpcProxyProcess } from "@dmex/testing/rpcProxyProcess";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, startIndexer } from "../src/indexer.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { provider as makeProvider } from "./helpers/deploy.js";
import {
  buildFactorySubgraph,
  deployFactory,
  expectedFactoryState,
  type FactoryChain,
  factoryState,
  poolAddresses,
  type RunStep,
  runCalldata,
  sendRun,
  staticVariant,
} from "./helpers/factory.js";

// Data sources created from a template in the middle of an already-read range (fixtures/e2e/factory): the
// whole chain below is mined before the indexer starts, so it is read as one step and every creation block
// grows the rest of that step with the new pools' logs. The entities must equal those computed from the
// chain's logs alone (with graph-node's order: in a creation block, the new pools' events run after the
// block's other triggers) and those of the same build with the pools as static data sources; each block is
// fetched at most once.

const quiet = process.env.FACTORY_DEBUG ? console : { info() {}, warn() {}, error() {} };

let anvil: Anvil;
let work: string;
let factory: FactoryChain;
let factoryDir: string;
const running = new Set<Indexer>();
const proxies: RpcProxyProcess[] = [];
/** The blocks the scenario mined, by what they hold. */
const blocks = { sameBlock: 0, consecutive: [] as number[], last: 0 };

async function runBlock(step: RunStep): Promise<number> {
  return (await sendRun(factory, step)).block;
}

async function index(dir: string, name: string, url = anvil.url): Promise<Indexer> {
  const indexer = await startIndexer({
    subgraph: dir,
    rpc: url,
    db: join(work, `${name}.sqlite`),
    port: 0,
    name,
    pollIntervalMs: 50,
    logger: quiet,
  });
  running.add(indexer);
  return indexer;
}

async function stop(indexer: Indexer): Promise<void> {
  await indexer.stop();
  running.delete(indexer);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "dmex-factory-"));
  anvil = await startAnvil(["--gas-limit", "100000000"]);
  const signer = await makeProvider(anvil.url).getSigner(0);
  factory = await deployFactory(signer);
  factoryDir = await buildFactorySubgraph(work, factory.address, factory.block);
  const amount = 10n ** 18n;
  // Two pools created and swapping in the same transaction, before any other pool exists.
  blocks.sameBlock = await runBlock({ create: 2, newSwaps: 3, targets: [], perTarget: 0, amount });
  let pools = await poolAddresses(factory);
  // Three creation blocks in a row, each also with swaps of pools created before it (after the new pool's
  // own swaps in log order: graph-node still runs the older pools' first).
  blocks.consecutive.push(
    await runBlock({
      create: 1,
      newSwaps: 2,
      targets: [pools[0] ?? "", pools[1] ?? ""],
      perTarget: 2,
      amount,
    }),
  );
  pools = await poolAddresses(factory);
  blocks.consecutive.push(
    await runBlock({
      create: 1,
      newSwaps: 1,
      targets: [pools[2] ?? "", pools[0] ?? ""],
      perTarget: 1,
      amount: 7n,
    }),
  );
  pools = await poolAddresses(factory);
  blocks.consecutive.push(
    await runBlock({ create: 1, newSwaps: 0, targets: [pools[3] ?? ""], perTarget: 4, amount: 9n }),
  );
  // Blocks without triggers, then blocks where only pools emit (fetched for the pools' logs alone).
  await anvil.rpc("anvil_mine", ["0x5"]);
  pools = await poolAddresses(factory);
  await runBlock({ create: 0, newSwaps: 0, targets: pools, perTarget: 3, amount: 11n });
  await anvil.rpc("anvil_mine", ["0x3"]);
  blocks.last = await runBlock({
    create: 0,
    newSwaps: 0,
    targets: [pools[4] ?? "", pools[1] ?? ""],
    perTarget: 2,
    amount: 13n,
  });
}, 300_000);

afterAll(async () => {
  for (const indexer of running) await indexer.stop();
  for (const proxy of proxies) await proxy.close();
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("factory subgraph: data sources created in an already-read range", () => {
  it("indexes the same events as computed from the chain, each block fetched once", async () => {
    const proxy = await startRpcProxyProcess(anvil.url);
    proxies.push(proxy);
    const indexer = await index(factoryDir, "factory", proxy.url);
    await indexer.waitForBlock(blocks.last, { timeoutMs: 60_000 });
    const got = await factoryState((q) => indexer.query(q));
    const expected = await expectedFactoryState(anvil.url, factory.address, factory.block, blocks.last, {
      static: false,
    });
    expect(expected.pools).toHaveLength(5);
    expect(expected.swaps.length).toBeGreaterThan(30);
    expect(got).toEqual(expected);

    // The order handlers ran in: in the second creation block the older pools' swaps come after the new
    // pool's in the log, and ran before them.
    const second = blocks.consecutive[0];
    const inSecond = got.swaps.filter((s) => Number(s.block) === second);
    const byOrder = [...inSecond].sort((a, b) => Number(a.order) - Number(b.order));
    const byLog = [...inSecond].sort((a, b) => Number(a.logIndex) - Number(b.logIndex));
    expect(byOrder.map((s) => s.id)).not.toEqual(byLog.map((s) => s.id));

    // Each block read once while syncing (the head is polled again once synced, so it is left out).
    const reads = (await proxy.requests())
      .filter((c) => c.method === "eth_getBlockByNumber")
      .map((c) => Number(c.params[0]))
      .filter((n) => n < blocks.last);
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads).size).toBe(reads.length);
    await stop(indexer);
  });

  it("holds the same entities as the static-data-source twin of the same events (but the order in creation blocks)", async () => {
    const pools = await poolAddresses(factory);
    const staticDir = staticVariant(factoryDir, work, "static", pools, factory.block);
    const staticIndexer = await index(staticDir, "static");
    const factoryIndexer = await index(factoryDir, "factory-again");
    await staticIndexer.waitForBlock(blocks.last, { timeoutMs: 60_000 });
    await factoryIndexer.waitForBlock(blocks.last, { timeoutMs: 60_000 });
    const fromStatic = await factoryState((q) => staticIndexer.query(q));
    const fromFactory = await factoryState((q) => factoryIndexer.query(q));
    expect(fromStatic).toEqual(
      await expectedFactoryState(anvil.url, factory.address, factory.block, blocks.last, { static: true }),
    );
    const withoutOrder = (s: { swaps: { order: string }[] }) => s.swaps.map(({ order: _, ...rest }) => rest);
    expect(withoutOrder(fromFactory)).toEqual(withoutOrder(fromStatic));
    expect(fromFactory.pools).toEqual(fromStatic.pools);
    // Outside the creation blocks both ran the triggers in the same (log) order.
    const creation = new Set([blocks.sameBlock, ...blocks.consecutive].map(String));
    const staticOrder = new Map(fromStatic.swaps.map((s) => [s.id, s.order]));
    for (const s of fromFactory.swaps) {
      if (!creation.has(s.block) && Number(s.block) > Math.max(...blocks.consecutive))
        expect(s.order).toBe(staticOrder.get(s.id));
    }
    await stop(staticIndexer);
    await stop(factoryIndexer);
  });

  it("reverts a creation block a reorg removes, with its pool and the pool's later swaps", async () => {
    const indexer = await index(factoryDir, "factory-reorg");
    await indexer.waitForBlock(blocks.last, { timeoutMs: 60_000 });
    const creation = blocks.consecutive[2] ?? 0;
    const head = Number(await anvil.rpc("eth_blockNumber"));
    const depth = head - creation + 1;
    const pools = await poolAddresses(factory);
    // The new branch: where the fourth pool was created, pool 0 swaps instead; nothing after.
    const replacement = {
      from: DEV_ACCOUNTS[0],
      to: factory.address,
      data: runCalldata({ create: 0, newSwaps: 0, targets: [pools[0] ?? ""], perTarget: 5, amount: 21n }),
      gas: "0x1000000",
    };
    await anvil.rpc("anvil_reorg", [depth, [[replacement, 0]]]);
    const newHead = Number(await anvil.rpc("eth_blockNumber"));
    await expect.poll(async () => indexer.status().reorgs, { timeout: 30_000 }).toBeGreaterThan(0);
    await indexer.waitForBlock(newHead, { timeoutMs: 30_000 });
    const expected = await expectedFactoryState(anvil.url, factory.address, factory.block, newHead, {
      static: false,
    });
    expect(expected.pools).toHaveLength(4);
    await expect
      .poll(async () => factoryState((q) => indexer.query(q)), { timeout: 30_000 })
      .toEqual(expected);
    const gone = pools[4] ?? "";
    const got = await factoryState((q) => indexer.query(q));
    expect(got.pools.some((p) => p.id === gone)).toBe(false);
    expect(got.swaps.some((s) => s.pool === gone)).toBe(false);
    await stop(indexer);
  });
});
