import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, SubgraphFailedError, startIndexer } from "../src/indexer.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit } from "./helpers/emitter.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildPinger } from "./helpers/subgraphs.js";

const PING = keccakText("Ping(uint256)");

const STATUS_FIELDS = `
  subgraph synced health entityCount node
  fatalError { message handler deterministic block { number hash } }
  nonFatalErrors { message }
  chains {
    network
    chainHeadBlock { number hash }
    earliestBlock { number hash }
    latestBlock { number hash }
    lastHealthyBlock { number hash }
  }
`;

let anvil: Anvil;
let work: string;
let healthyDir: string;
let healthyEmitter: string;
let firstFailsDir: string;
let failingBlock: number;
let failingHash: string;
const running = new Set<Indexer>();

async function start(subgraph: string, name: string, logger = recordingLogger(), blockRetention?: number) {
  const indexer = await startIndexer({
    subgraph,
    rpc: anvil.url,
    db: join(work, `${name}.sqlite`),
    name,
    port: 0,
    pollIntervalMs: 50,
    logger,
    ...(blockRetention === undefined ? {} : { blockRetention }),
  });
  running.add(indexer);
  return indexer;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function status(indexer: Indexer, query: string): Promise<Record<string, unknown>> {
  const { status: code, json } = await post(indexer.statusUrl, { query });
  expect(code).toBe(200);
  expect(json.errors).toBeUndefined();
  return json.data as Record<string, unknown>;
}

async function blockHash(n: number): Promise<string> {
  const block = (await anvil.rpc("eth_getBlockByNumber", [`0x${n.toString(16)}`, false])) as { hash: string };
  return block.hash;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-status-"));
  anvil = await startAnvil();
  // The first Ping this emitter sends is the one the mapping refuses: the first handled block fails.
  const failing = await deployEmitter(anvil);
  firstFailsDir = await buildPinger(work, "pinger-first-fails", failing, false);
  const receipt = await emit(anvil, failing, PING, 13n);
  failingBlock = Number(receipt.blockNumber);
  failingHash = String(receipt.blockHash);
  healthyEmitter = await deployEmitter(anvil);
  healthyDir = await buildPinger(work, "pinger-healthy", healthyEmitter, false);
  await emit(anvil, healthyEmitter, PING, 1n);
  await emit(anvil, healthyEmitter, PING, 2n);
});

afterEach(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  running.clear();
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("index-node status API", () => {
  it("answers graph-node's status queries for a synced, healthy subgraph", async () => {
    const indexer = await start(healthyDir, "pinger-healthy");
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    await indexer.waitForBlock(tip, { timeoutMs: 30_000 });
    const meta = await indexer.query("{ _meta { deployment } }");
    const deployment = String((meta.data?._meta as { deployment?: string } | undefined)?.deployment);
    const tipHash = await blockHash(tip);
    const expected = {
      subgraph: deployment,
      synced: true,
      health: "healthy",
      // Two Pings and the Counter.
      entityCount: "3",
      node: "default",
      fatalError: null,
      nonFatalErrors: [],
      chains: [
        {
          network: "mainnet",
          chainHeadBlock: { number: String(tip), hash: tipHash },
          earliestBlock: { number: "0", hash: await blockHash(0) },
          latestBlock: { number: String(tip), hash: tipHash },
          lastHealthyBlock: null,
        },
      ],
    };
    expect(
      await status(
        indexer,
        `{ indexingStatusForCurrentVersion(subgraphName: "pinger-healthy") { ${STATUS_FIELDS} } }`,
      ),
    ).toEqual({ indexingStatusForCurrentVersion: expected });
    expect(
      await status(
        indexer,
        `{ indexingStatusesForSubgraphName(subgraphName: "pinger-healthy") { ${STATUS_FIELDS} } }`,
      ),
    ).toEqual({ indexingStatusesForSubgraphName: [expected] });
    expect(await status(indexer, `{ indexingStatuses { subgraph synced } }`)).toEqual({
      indexingStatuses: [{ subgraph: deployment, synced: true }],
    });
    expect(await status(indexer, `{ indexingStatuses(subgraphs: ["${deployment}"]) { subgraph } }`)).toEqual({
      indexingStatuses: [{ subgraph: deployment }],
    });
    expect(await status(indexer, `{ indexingStatuses(subgraphs: ["QmNone"]) { subgraph } }`)).toEqual({
      indexingStatuses: [],
    });
    expect(
      await status(indexer, `{ indexingStatusForCurrentVersion(subgraphName: "nobody") { subgraph } }`),
    ).toEqual({ indexingStatusForCurrentVersion: null });
  });

  it("reports a failure in the first handled block with its handler and block; _meta shows the block before", async () => {
    const indexer = await start(firstFailsDir, "pinger-first-fails");
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    await expect(indexer.waitForBlock(tip, { timeoutMs: 30_000 })).rejects.toBeInstanceOf(
      SubgraphFailedError,
    );
    const data = await status(
      indexer,
      `{ indexingStatusForCurrentVersion(subgraphName: "pinger-first-fails") { ${STATUS_FIELDS} } }`,
    );
    const answer = data.indexingStatusForCurrentVersion as Record<string, unknown>;
    expect(answer).toMatchObject({
      health: "failed",
      entityCount: "0",
      fatalError: {
        handler: "handlePing",
        deterministic: true,
        block: { number: String(failingBlock), hash: failingHash },
      },
      nonFatalErrors: [],
    });
    expect((answer.fatalError as { message: string }).message).toMatch(/unlucky payload 13/);
    const [chain] = answer.chains as Record<string, unknown>[];
    expect(chain?.latestBlock).toBeNull();
    expect(chain?.lastHealthyBlock).toEqual({
      number: String(failingBlock - 1),
      hash: await blockHash(failingBlock - 1),
    });
    // graph-node answers _meta with the last good block, where this indexer said "has not indexed any block".
    expect(await indexer.query("{ _meta { block { number } hasIndexingErrors } }")).toEqual({
      data: { _meta: { block: { number: failingBlock - 1 }, hasIndexingErrors: true } },
    });
  });

  it("answers bad requests with graph-node's statuses and JSON bodies, on both servers", async () => {
    const indexer = await start(healthyDir, "pinger-http");
    const noQuery = await post(indexer.url, { variables: {} });
    expect(noQuery.status).toBe(400);
    expect(noQuery.json).toEqual({ errors: [{ message: 'The "query" field is missing in request data' }] });
    const unknown = await post(indexer.url.replace("pinger-http", "someone/else"), {
      query: "{ pings { id } }",
    });
    expect(unknown).toEqual({
      status: 404,
      json: { errors: [{ message: "subgraph not found: someone/else" }] },
    });
    const statusNoQuery = await post(indexer.statusUrl, {});
    expect(statusNoQuery.status).toBe(400);
    expect(new URL(indexer.statusUrl).pathname).toBe("/graphql");
    expect(new URL(indexer.statusUrl).port).not.toBe(new URL(indexer.url).port);
  });

  // Last: the reorg rewrites the chain the cases above read.
  it("fails the subgraph, without retrying, on a reorg deeper than the kept block pointers", async () => {
    for (let i = 0n; i < 4n; i++) await emit(anvil, healthyEmitter, PING, 20n + i);
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    const tipHash = await blockHash(tip);
    const oldestKeptHash = await blockHash(tip - 2);
    const logger = recordingLogger();
    // Pointers of the 2 blocks below the head are kept: blocks tip-2..tip, one Ping each.
    const indexer = await start(healthyDir, "pinger-deep-reorg", logger, 2);
    await indexer.waitForBlock(tip, { timeoutMs: 30_000 });
    await anvil.rpc("anvil_reorg", [5, []]);
    const failed = await indexer.waitForBlock(tip + 1, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SubgraphFailedError);
    const expectedMessage = `a reorg at least 3 blocks deep, deeper than the kept block pointers: block ${tip} is no longer on the chain and none of the kept block pointers is, down to the oldest, block ${tip - 2} (${oldestKeptHash}); the pointers below block ${tip - 2} were pruned, so the common ancestor cannot be found. Reset the store and index again from the start block (dmex-indexer reset --db <path>); to survive reorgs this deep, keep more block pointers (--block-retention, library option blockRetention) or stay further behind the head (--confirmations)`;
    expect(indexer.status()).toMatchObject({
      state: "failed",
      hasIndexingErrors: true,
      error: { message: expectedMessage, handler: null, blockNumber: tip, blockHash: tipHash },
    });
    const data = await status(
      indexer,
      `{ indexingStatusForCurrentVersion(subgraphName: "pinger-deep-reorg") { ${STATUS_FIELDS} } }`,
    );
    expect(data.indexingStatusForCurrentVersion).toMatchObject({
      health: "failed",
      fatalError: {
        message: expectedMessage,
        handler: null,
        deterministic: false,
        block: { number: String(tip), hash: tipHash },
      },
      chains: [{ latestBlock: { number: String(tip), hash: tipHash } }],
    });
    expect(await indexer.query("{ _meta { block { number hash } hasIndexingErrors } }")).toEqual({
      data: { _meta: { block: { number: tip, hash: tipHash }, hasIndexingErrors: true } },
    });
    // Failed once, not retried: no "indexing paused … retrying" line, and nothing reverted.
    expect(logger.lines.filter((l) => l.message.includes("retrying"))).toEqual([]);
    expect(logger.lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
      `subgraph failed: block ${tip} (${tipHash}): ${expectedMessage}`,
    ]);
    expect(indexer.status().reorgs).toBe(0);
  });
});
