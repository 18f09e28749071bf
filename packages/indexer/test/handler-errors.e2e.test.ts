import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, SubgraphFailedError, startIndexer } from "../src/indexer.js";
import { DatabaseLockedError } from "../src/indexer-lock.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit, emitTx, waitReceipt } from "./helpers/emitter.js";
import { expectOk } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildPinger } from "./helpers/subgraphs.js";

const PING = keccakText("Ping(uint256)");

let anvil: Anvil;
let work: string;
let fatalDir: string;
let nonFatalDir: string;
let failingBlock: number;
let beforeFailing: number;
/** A block whose handlers run for pings 4, 13 and 5, in that order: only the middle one fails. */
let mixedBlock: number;
const running = new Set<Indexer>();

async function start(subgraph: string, db: string) {
  const logger = recordingLogger();
  const indexer = await startIndexer({ subgraph, rpc: anvil.url, db, port: 0, pollIntervalMs: 50, logger });
  running.add(indexer);
  return { indexer, logger };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-errors-"));
  anvil = await startAnvil();
  const emitter = await deployEmitter(anvil);
  fatalDir = await buildPinger(work, "pinger-fatal", emitter, false);
  nonFatalDir = await buildPinger(work, "pinger-nonfatal", emitter, true);
  await emit(anvil, emitter, PING, 1n);
  beforeFailing = Number((await emit(anvil, emitter, PING, 2n)).blockNumber);
  await anvil.rpc("anvil_mine", ["0x2"]);
  // Ping 13 fails its handler, after the handler already saved the counter.
  failingBlock = Number((await emit(anvil, emitter, PING, 13n)).blockNumber);
  await emit(anvil, emitter, PING, 3n);
  await anvil.rpc("evm_setAutomine", [false]);
  const hashes: unknown[] = [];
  for (const value of [4n, 13n, 5n])
    hashes.push(await anvil.rpc("eth_sendTransaction", [emitTx(emitter, PING, value)]));
  await anvil.rpc("evm_mine");
  await anvil.rpc("evm_setAutomine", [true]);
  const receipts = await Promise.all(hashes.map((h) => waitReceipt(anvil, h)));
  mixedBlock = Number(receipts[0]?.blockNumber);
  // The scenario needs the three handlers in one block, in this order.
  expect(receipts.map((r) => [Number(r.blockNumber), Number(r.transactionIndex)])).toEqual([
    [mixedBlock, 0],
    [mixedBlock, 1],
    [mixedBlock, 2],
  ]);
});

afterEach(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  running.clear();
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const STATE = `{
  pings(orderBy: value, subgraphError: allow) { value }
  counter(id: "total", subgraphError: allow) { count lastValue }
  _meta { block { number } hasIndexingErrors }
}`;

describe.sequential("handler errors", () => {
  it("a failing handler stops the subgraph as failed, keeping the blocks before it", async () => {
    const db = join(work, "fatal.sqlite");
    const { indexer, logger } = await start(fatalDir, db);
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    const error = await indexer.waitForBlock(tip, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphFailedError);
    expect((error as Error).message).toMatch(/failed at block \d+ in handlePing: .*unlucky payload 13/);
    const status = indexer.status();
    expect(status.state).toBe("failed");
    expect(status.error).toMatchObject({
      handler: "handlePing",
      blockNumber: failingBlock,
      deterministic: true,
    });
    expect(status.hasIndexingErrors).toBe(true);
    const failLine = logger.lines.find((l) => l.level === "error");
    expect(failLine?.message).toMatch(
      new RegExp(`handler handlePing at block ${failingBlock} \\(0x[0-9a-f]{64}\\): .*unlucky`),
    );

    const data = expectOk(await indexer.query(STATE));
    expect(data.pings).toEqual([{ value: "1" }, { value: "2" }]);
    // The failing block's counter update is gone with the rest of the block.
    expect(data.counter).toEqual({ count: 2, lastValue: "2" });
    const meta = data._meta as { block: { number: number }; hasIndexingErrors: boolean };
    expect(meta.hasIndexingErrors).toBe(true);
    expect(meta.block.number).toBeGreaterThanOrEqual(beforeFailing);
    expect(meta.block.number).toBeLessThan(failingBlock);
    await indexer.stop();

    // Failed is final: a restart serves the same state and does not index on.
    const again = await start(fatalDir, db);
    expect(again.indexer.status().state).toBe("failed");
    expect(again.logger.lines[0]?.message).toMatch(/subgraph failed earlier: handler handlePing at block/);
    await expect(again.indexer.waitForBlock(tip)).rejects.toBeInstanceOf(SubgraphFailedError);
    expect(expectOk(await again.indexer.query(STATE)).pings).toEqual([{ value: "1" }, { value: "2" }]);
  });

  it("with features: [nonFatalErrors] only the failing handler's writes are dropped and indexing goes on", async () => {
    const { indexer, logger } = await start(nonFatalDir, join(work, "nonfatal.sqlite"));
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    await indexer.waitForBlock(tip, { timeoutMs: 30_000 });
    const data = expectOk(await indexer.query(STATE));
    // Computed from the pings sent: every ping but 13 is saved, and the counter counts them, because a
    // failing handler loses its own writes (its counter save included) and nothing else: in the mixed
    // block, the handlers for 4 before it and for 5 after it keep theirs (graph-node's semantics).
    const sent = [1n, 2n, 13n, 3n, 4n, 13n, 5n];
    const kept = sent.filter((v) => v !== 13n);
    expect(data.pings).toEqual(kept.map((v) => ({ value: v.toString() })));
    expect(data.counter).toEqual({ count: kept.length, lastValue: kept.at(-1)?.toString() });
    expect(data._meta).toEqual({ block: { number: tip }, hasIndexingErrors: true });
    // graph-node's default error policy: no data from a subgraph that skipped errors unless asked for.
    const denied = await indexer.query("{ pings { value } }");
    expect(denied.errors?.[0]?.message).toBe("indexing_error");
    // Before the first skipped handler the data is whole, and served without asking.
    const before = expectOk(await indexer.query(`{ pings(block: { number: ${beforeFailing} }) { value } }`));
    expect(before.pings).toEqual([{ value: "1" }, { value: "2" }]);
    expect(indexer.status()).toMatchObject({ state: "synced", hasIndexingErrors: true, error: null });
    const skips = logger.lines.filter((l) => l.level === "warn").map((l) => l.message);
    expect(skips).toEqual(
      [failingBlock, mixedBlock].map((n) =>
        expect.stringMatching(
          new RegExp(
            `^handler handlePing of data source Pinger failed at block ${n} \\(0x[0-9a-f]{64}\\): .*unlucky payload 13; skipping its writes \\(nonFatalErrors\\)$`,
          ),
        ),
      ),
    );
  });

  it("refuses a second indexer on the same database, and answers status() after stop", async () => {
    const db = join(work, "shared.sqlite");
    const { indexer } = await start(nonFatalDir, db);
    const error = await startIndexer({ subgraph: nonFatalDir, rpc: anvil.url, db, port: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect((error as Error).message).toBe(
      `database ${db} is in use by another indexer (process ${process.pid}); stop it first`,
    );
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    await indexer.waitForBlock(tip, { timeoutMs: 30_000 });
    await indexer.stop();
    expect(indexer.status()).toMatchObject({ state: "stopped", block: { number: tip } });
    // Stopped and unlocked: the next one resumes where it stopped.
    const { indexer: next, logger } = await start(nonFatalDir, db);
    expect(logger.lines[0]?.message).toMatch(new RegExp(`^resuming after block ${tip} `));
    await next.stop();
  });

  it("rejects an RPC URL that is not http(s) before touching anything", async () => {
    await expect(
      startIndexer({ subgraph: nonFatalDir, rpc: "localhost:8545", db: join(work, "never.sqlite") }),
    ).rejects.toThrow('rpc must be an http(s) URL, got "localhost:8545"');
  });
});
