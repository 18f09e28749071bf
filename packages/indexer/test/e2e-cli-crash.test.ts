import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Interface } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIndexer } from "../src/indexer.js";
import { loadSubgraph } from "../src/manifest/index.js";
import { parseSchema } from "../src/schema/index.js";
import { openStore } from "../src/store/index.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { buildCli, type CliProcess, spawnCli } from "./helpers/cli-process.js";
import { type Deployed, deploy, provider as makeProvider } from "./helpers/deploy.js";
import { dump, expectedEventEntities, readEvents, TOKEN_DUMP } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { startRpcProxy } from "./helpers/rpc-proxy.js";
import { type Artifact, compileFixture, scaffoldFromContract } from "./helpers/subgraphs.js";

const BURSTS = 150;
const TRANSFERS_PER_BURST = 25;
const EMPTY_BLOCKS_BETWEEN = 20;

let anvil: Anvil;
let work: string;
let cli: string;
let removeCli = () => {};
let artifact: Artifact;
let token: Deployed;
let tokenDir: string;
let tip: number;
const children = new Set<CliProcess>();

function start(db: string): CliProcess {
  const p = spawnCli(cli, [
    "start",
    "--subgraph",
    tokenDir,
    "--rpc",
    anvil.url,
    "--db",
    db,
    "--port",
    "0",
    "--name",
    "token",
    "--poll-interval",
    "100",
  ]);
  children.add(p);
  return p;
}

async function metaBlock(url: string): Promise<number | null> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ _meta { block { number } } }" }),
  });
  const body = (await res.json()) as { data?: { _meta: { block: { number: number } } | null } };
  return body.data?._meta?.block.number ?? null;
}

async function waitUntil(predicate: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Many transfers, bunched into blocks, with empty stretches so the sync spans several ranges and commits. */
async function history() {
  const iface = new Interface(artifact.abi as never[]);
  await anvil.rpc("evm_setAutomine", [false]);
  try {
    for (let b = 0; b < BURSTS; b++) {
      const batch = Array.from({ length: TRANSFERS_PER_BURST }, (_, i) => ({
        jsonrpc: "2.0",
        id: i,
        method: "eth_sendTransaction",
        params: [
          {
            from: DEV_ACCOUNTS[0],
            to: token.address,
            gas: "0x30000",
            data: iface.encodeFunctionData("transfer", [DEV_ACCOUNTS[1 + (i % 4)], BigInt(b * 1000 + i + 1)]),
          },
        ],
      }));
      const res = await fetch(anvil.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(batch),
      });
      const answers = (await res.json()) as { error?: unknown }[];
      const failed = answers.find((a) => a.error);
      if (failed) throw new Error(`eth_sendTransaction failed: ${JSON.stringify(failed.error)}`);
      await anvil.rpc("evm_mine");
      await anvil.rpc("anvil_mine", [`0x${EMPTY_BLOCKS_BETWEEN.toString(16)}`]);
    }
  } finally {
    await anvil.rpc("evm_setAutomine", [true]);
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-crash-"));
  ({ cli, remove: removeCli } = await buildCli());
  anvil = await startAnvil();
  const provider = makeProvider(anvil.url);
  artifact = compileFixture("TestToken.sol", "TestToken");
  token = await deploy(await provider.getSigner(DEV_ACCOUNTS[0]), artifact);
  tokenDir = await scaffoldFromContract({
    parent: work,
    slug: "crash-token",
    contractName: "TestToken",
    abi: artifact.abi,
    address: token.address,
    startBlock: token.block,
    indexEvents: true,
  });
  await history();
  tip = await provider.getBlockNumber();
});

afterAll(async () => {
  for (const c of children) {
    if (c.child.exitCode === null && c.child.signalCode === null) {
      c.child.kill("SIGKILL");
      await c.exited();
    }
  }
  await anvil?.stop();
  removeCli();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("a long sync", () => {
  it("rides out an RPC outage mid-sync with one warning, and reports progress at most once a second", async () => {
    const proxy = await startRpcProxy(anvil.url);
    const logger = recordingLogger();
    const indexer = await startIndexer({
      subgraph: tokenDir,
      rpc: proxy.url,
      db: join(work, "outage.sqlite"),
      port: 0,
      pollIntervalMs: 50,
      logger,
    });
    try {
      // Slow enough that the sync takes several seconds and the outage lands in its middle.
      proxy.delayMs = 100;
      await waitUntil(
        async () => (indexer.status().block?.number ?? 0) > token.block,
        60_000,
        "a first commit",
      );
      proxy.down = true;
      await new Promise((r) => setTimeout(r, 1_500));
      expect(indexer.status().block?.number ?? 0).toBeLessThan(tip);
      proxy.down = false;
      await indexer.waitForBlock(tip, { timeoutMs: 120_000 });
      expect(proxy.refused).toBeGreaterThan(2);

      const rpcLines = logger.lines.filter((l) => l.message.startsWith("rpc: "));
      expect(rpcLines.map((l) => l.level)).toEqual(["warn", "info"]);
      expect(rpcLines[0]?.message).toMatch(/HTTP 503: upstream unavailable; retrying with backoff/);
      expect(rpcLines[1]?.message).toMatch(/answers again after \d+ failed attempts/);

      const progress = logger.lines.filter((l) => l.message.startsWith("progress: "));
      expect(progress.length).toBeGreaterThan(0);
      for (const line of progress) {
        expect(line.message).toMatch(/^progress: block \d+ of \d+, \d+ events\/s, \d+ blocks behind$/);
      }
      for (let i = 1; i < progress.length; i++) {
        expect((progress[i]?.at ?? 0) - (progress[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
      }
      const expected = expectedEventEntities(
        await readEvents(makeProvider(anvil.url), token.address, artifact.abi as never[], token.block),
        tip,
      );
      expect(await dump(indexer, TOKEN_DUMP)).toEqual(expected);
    } finally {
      await indexer.stop();
      await proxy.close();
    }
  });
});

describe.sequential("dmex-indexer as a process", () => {
  it("kill -9 during a long sync, then a restart, ends in the same state as an uninterrupted run", async () => {
    const crashedDb = join(work, "crashed.sqlite");
    const first = start(crashedDb);
    const url = (await first.waitFor(/^GraphQL: (http\S+)$/))[1] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/subgraphs\/name\/token$/);
    let seen: number | null = null;
    await waitUntil(
      async () => {
        seen = await metaBlock(url);
        return seen !== null && seen > token.block;
      },
      60_000,
      "a first commit",
    );
    first.child.kill("SIGKILL");
    await first.exited();
    const killedAt = seen ?? 0;
    // The kill landed mid-sync, or this test proves nothing.
    expect(killedAt).toBeLessThan(tip);
    expect(existsSync(`${crashedDb}.lock`)).toBe(true);

    const second = start(crashedDb);
    const url2 = (await second.waitFor(/^GraphQL: (http\S+)$/))[1] ?? "";
    const resumed = Number((await second.waitFor(/resuming after block (\d+)/))[1]);
    expect(resumed).toBeGreaterThanOrEqual(killedAt);
    expect(resumed).toBeLessThan(tip);
    await waitUntil(async () => (await metaBlock(url2)) === tip, 120_000, "the restarted sync");
    second.child.kill("SIGTERM");
    expect(await second.exited()).toBe(0);
    expect(existsSync(`${crashedDb}.lock`)).toBe(false);

    const cleanDb = join(work, "clean.sqlite");
    const clean = start(cleanDb);
    const url3 = (await clean.waitFor(/^GraphQL: (http\S+)$/))[1] ?? "";
    await waitUntil(async () => (await metaBlock(url3)) === tip, 120_000, "the uninterrupted sync");
    const expected = expectedEventEntities(
      await readEvents(makeProvider(anvil.url), token.address, artifact.abi as never[], token.block),
      tip,
    );
    // Every transfer sent, plus the constructor's mint.
    expect(expected.transfers).toHaveLength(BURSTS * TRANSFERS_PER_BURST + 1);
    expect(await dump({ query: async (q) => graphql(url3, q) }, TOKEN_DUMP)).toEqual(expected);
    clean.child.kill("SIGTERM");
    expect(await clean.exited()).toBe(0);

    // Progress lines: block, head, rate and lag, never more than one a second.
    const progress = clean.lines.filter((l) => l.includes(" progress: "));
    for (const line of progress) {
      expect(line).toMatch(/^\S+ INFO {2}progress: block \d+ of \d+, \d+ events\/s, \d+ blocks behind$/);
    }
    const times = progress.map((l) => Date.parse(l.split(" ")[0] ?? ""));
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);

    const schema = parseSchema(loadSubgraph(tokenDir).schema);
    const crashed = openStore({ path: crashedDb, schema });
    const uninterrupted = openStore({ path: cleanDb, schema });
    try {
      const a = crashed.dump();
      const b = uninterrupted.dump();
      expect(a.entities).toEqual(b.entities);
      expect(a.head).toEqual(b.head);
      expect(a.dataSources).toEqual(b.dataSources);
    } finally {
      crashed.close();
      uninterrupted.close();
    }
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

async function graphql(url: string, query: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown> };
}
