// A long sync (60,000 events of the stock `graph init --index-events` scaffold for EventSource, 5,000 per
// transaction, read through a node that, like hosted providers, refuses `eth_getLogs` answers of more than
// 5,000 logs, so the sync commits block by block) interrupted two ways: `kill -9` of the compiled CLI between
// commits, and a 30 s outage of the JSON-RPC node. Both must end in the state of an uninterrupted run.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIndexer } from "../src/indexer.js";
import { loadSubgraph } from "../src/manifest/index.js";
import { parseSchema } from "../src/schema/index.js";
import type { SchemaModel } from "../src/schema/model.js";
import { openStore, type StoreDump } from "../src/store/index.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { buildCli, type CliProcess, spawnCli } from "./helpers/cli-process.js";
import { provider as makeProvider } from "./helpers/deploy.js";
import {
  BIG_BLOCKS,
  deployEventSource,
  type EventSource,
  expectedPings,
  PING_DUMP,
  type PingReceipt,
  sendPings,
} from "./helpers/event-source.js";
import { dump, type Row } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { type RpcProxy, startRpcProxy } from "./helpers/rpc-proxy.js";
import { scaffoldFromContract } from "./helpers/subgraphs.js";

const TRANSACTIONS = 12;
const PER_TRANSACTION = 5_000;
const EVENTS = TRANSACTIONS * PER_TRANSACTION;
const OUTAGE_MS = 30_000;

let anvil: Anvil;
let work: string;
let cli: string;
let removeCli = () => {};
let eventSource: EventSource;
let receipts: PingReceipt[];
/** anvil behind a provider's result cap: the sync narrows its ranges to one transaction's block. */
let capped: RpcProxy;
let dir: string;
let schema: SchemaModel;
let tip: number;
let expected: Record<string, Row[]>;
const children = new Set<CliProcess>();

function start(db: string): CliProcess {
  const p = spawnCli(cli, [
    "start",
    "--subgraph",
    dir,
    "--rpc",
    capped.url,
    "--db",
    db,
    "--port",
    "0",
    "--name",
    "pings",
    "--poll-interval",
    "100",
  ]);
  children.add(p);
  return p;
}

async function graphql(url: string, query: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

async function metaBlock(url: string): Promise<number | null> {
  const body = await graphql(url, "{ _meta { block { number } } }");
  const meta = body.data?._meta as { block: { number: number } } | null | undefined;
  return meta?.block.number ?? null;
}

async function waitUntil(predicate: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function readStore(db: string): StoreDump {
  const store = openStore({ path: db, schema });
  try {
    return store.dump();
  } finally {
    store.close();
  }
}

/** Pings the sent transactions put in blocks up to `block`. */
function pingsUpTo(block: number): number {
  return receipts.filter((r) => r.blockNumber <= block).reduce((n, r) => n + r.logs.length, 0);
}

let uninterruptedRun: Promise<{ dump: StoreDump; lines: string[] }> | null = null;

/** The CLI's sync of the whole history into a fresh database, never interrupted (run once, on demand). */
function uninterrupted() {
  uninterruptedRun ??= (async () => {
    const db = join(work, "uninterrupted.sqlite");
    const clean = start(db);
    const url = (await clean.waitFor(/^GraphQL: (http\S+)$/))[1] ?? "";
    await waitUntil(async () => (await metaBlock(url)) === tip, 120_000, "the uninterrupted sync");
    clean.child.kill("SIGTERM");
    expect(await clean.exited()).toBe(0);
    return { dump: readStore(db), lines: clean.lines };
  })();
  return uninterruptedRun;
}

function expectSameStore(actual: StoreDump, reference: StoreDump) {
  expect(actual.head).toEqual(reference.head);
  expect(actual.entities.Ping).toHaveLength(EVENTS);
  expect(actual.entities).toEqual(reference.entities);
  expect(actual.dataSources).toEqual(reference.dataSources);
  expect(actual.errors).toEqual(reference.errors);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-crash-"));
  anvil = await startAnvil(BIG_BLOCKS);
  const provider = makeProvider(anvil.url);
  eventSource = await deployEventSource(provider);
  const { artifact, source } = eventSource;
  [{ cli, remove: removeCli }, dir] = await Promise.all([
    buildCli(),
    scaffoldFromContract({
      parent: work,
      slug: "event-source",
      contractName: "EventSource",
      abi: artifact.abi,
      address: source.address,
      startBlock: source.block,
      indexEvents: true,
    }),
  ]);
  schema = parseSchema(loadSubgraph(dir).schema);
  receipts = await sendPings(anvil, eventSource, TRANSACTIONS, PER_TRANSACTION);
  await anvil.rpc("anvil_mine", ["0x5"]);
  tip = await provider.getBlockNumber();
  expected = await expectedPings(anvil, receipts);
  capped = await startRpcProxy(anvil.url);
  capped.maxLogs = PER_TRANSACTION;
  expect(expected.pings).toHaveLength(EVENTS);
});

afterAll(async () => {
  for (const c of children) {
    if (c.child.exitCode === null && c.child.signalCode === null) {
      c.child.kill("SIGKILL");
      await c.exited();
    }
  }
  await capped?.close();
  await anvil?.stop();
  removeCli();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("dmex-indexer as a process", () => {
  it("kill -9 in the middle of a 60,000-event sync, then a restart, ends as an uninterrupted run", async () => {
    const crashedDb = join(work, "crashed.sqlite");
    const first = start(crashedDb);
    const url = (await first.waitFor(/^GraphQL: (http\S+)$/))[1] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/subgraphs\/name\/pings$/);
    await waitUntil(
      async () => ((await metaBlock(url)) ?? 0) > eventSource.source.block,
      60_000,
      "a first commit",
    );
    first.child.kill("SIGKILL");
    expect(await first.exited()).toBeNull();
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(existsSync(`${crashedDb}.lock`)).toBe(true);

    // What the kill left on disk: at least one commit, not the whole history, and exactly the pings of the
    // committed blocks (a batch is all in or all out).
    const left = readStore(crashedDb);
    const killedAt = left.head?.number ?? 0;
    expect(killedAt).toBeGreaterThanOrEqual(receipts[0]?.blockNumber ?? Number.POSITIVE_INFINITY);
    expect(killedAt).toBeLessThan(receipts[receipts.length - 1]?.blockNumber ?? 0);
    const committed = left.entities.Ping?.length ?? 0;
    expect(committed).toBe(pingsUpTo(killedAt));
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(EVENTS);

    const second = start(crashedDb);
    const url2 = (await second.waitFor(/^GraphQL: (http\S+)$/))[1] ?? "";
    const resumed = Number((await second.waitFor(/resuming after block (\d+)/))[1]);
    expect(resumed).toBe(killedAt);
    await waitUntil(async () => (await metaBlock(url2)) === tip, 120_000, "the restarted sync");
    // Against the contract's own definition of every ping, through the API.
    expect(await dump({ query: async (q) => graphql(url2, q) }, PING_DUMP)).toEqual(expected);
    second.child.kill("SIGTERM");
    expect(await second.exited()).toBe(0);
    expect(existsSync(`${crashedDb}.lock`)).toBe(false);

    const reference = await uninterrupted();
    expectSameStore(readStore(crashedDb), reference.dump);

    // Progress lines of the uninterrupted run: block, head, rate and lag, never more than one a second.
    const progress = reference.lines.filter((l) => l.includes(" progress: "));
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) {
      expect(line).toMatch(/^\S+ INFO {2}progress: block \d+ of \d+, \d+ events\/s, \d+ blocks behind$/);
    }
    const times = progress.map((l) => Date.parse(l.split(" ")[0] ?? ""));
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("refuses a second indexer on a database in use, naming the process", async () => {
    const db = join(work, "locked.sqlite");
    const owner = start(db);
    await owner.waitFor(/^GraphQL: /);
    const intruder = start(db);
    expect(await intruder.exited()).toBe(1);
    expect(intruder.lines.join("\n")).toContain(
      `dmex-indexer: database ${db} is in use by another indexer (process ${owner.child.pid}); stop it first`,
    );
    owner.child.kill("SIGTERM");
    expect(await owner.exited()).toBe(0);
  });
});

describe.sequential("a JSON-RPC outage", () => {
  it("of 30 s in the middle of a sync: logged once and once recovered, nothing lost", async () => {
    const proxy = await startRpcProxy(anvil.url);
    proxy.maxLogs = PER_TRANSACTION;
    const logger = recordingLogger();
    const db = join(work, "outage.sqlite");
    const indexer = await startIndexer({
      subgraph: dir,
      rpc: proxy.url,
      db,
      port: 0,
      pollIntervalMs: 50,
      logger,
    });
    try {
      // Slow enough that the outage lands in the middle of the sync.
      proxy.delayMs = 100;
      await waitUntil(
        async () => (indexer.status().block?.number ?? 0) > eventSource.source.block,
        60_000,
        "a first commit",
      );
      proxy.down = true;
      const wentDownAt = Date.now();
      const before = indexer.status().block?.number ?? 0;
      expect(before).toBeLessThan(tip);
      let answeredDuringOutage = 0;
      while (Date.now() - wentDownAt < OUTAGE_MS) {
        // The indexer keeps running: the API answers from the store while the node is away.
        const meta = await indexer.query("{ _meta { block { number } } }");
        expect(meta.errors).toBeUndefined();
        answeredDuringOutage++;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      expect(answeredDuringOutage).toBeGreaterThanOrEqual(20);
      const during = indexer.status();
      expect(during.state).toBe("syncing");
      // Still mid-sync: at most the batch in hand when the node went away was committed.
      expect(during.block?.number ?? 0).toBeLessThan(receipts[receipts.length - 1]?.blockNumber ?? 0);
      expect(proxy.refused).toBeGreaterThan(2);
      proxy.down = false;
      proxy.delayMs = 0;
      await indexer.waitForBlock(tip, { timeoutMs: 120_000 });

      // One line when the outage starts, naming the node and the failure, and one when it answers again.
      const rpcLines = logger.lines.filter((l) => l.message.startsWith("rpc: "));
      expect(rpcLines.map((l) => l.level)).toEqual(["warn", "info"]);
      expect(rpcLines[0]?.message).toContain(`to ${proxy.url}: HTTP 503: upstream unavailable; retrying`);
      const recovered = /^rpc: (\S+) answers again after (\d+) failed attempts in ([\d.]+) s$/.exec(
        rpcLines[1]?.message ?? "",
      );
      expect(recovered?.[1]).toBe(proxy.url);
      expect(Number(recovered?.[2])).toBe(proxy.refused);
      expect(Number(recovered?.[3])).toBeGreaterThanOrEqual(OUTAGE_MS / 1000 - 1);
      expect(logger.lines.filter((l) => l.level !== "info")).toHaveLength(1);

      const progress = logger.lines.filter((l) => l.message.startsWith("progress: "));
      expect(progress.length).toBeGreaterThan(0);
      for (const line of progress) {
        expect(line.message).toMatch(/^progress: block \d+ of \d+, \d+ events\/s, \d+ blocks behind$/);
      }
      for (let i = 1; i < progress.length; i++) {
        expect((progress[i]?.at ?? 0) - (progress[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
      }
      expect(await dump(indexer, PING_DUMP)).toEqual(expected);
    } finally {
      await indexer.stop();
      await proxy.close();
    }
    expectSameStore(readStore(db), (await uninterrupted()).dump);
  });
});
