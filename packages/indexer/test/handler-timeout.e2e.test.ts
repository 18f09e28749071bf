import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SubgraphFailedError, startIndexer } from "../src/indexer.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit } from "./helpers/emitter.js";
import { expectOk } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildPinger } from "./helpers/subgraphs.js";

const PING = keccakText("Ping(uint256)");
const LIMIT_MS = 300;

let anvil: Anvil;
let work: string;
let nonFatalDir: string;
let loopBlock: number;
let beforeLoop: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-timeout-"));
  anvil = await startAnvil();
  const emitter = await deployEmitter(anvil);
  // With nonFatalErrors: even there a handler stopped by the time limit fails the subgraph.
  nonFatalDir = await buildPinger(work, "pinger-timeout", emitter, true);
  beforeLoop = Number((await emit(anvil, emitter, PING, 1n)).blockNumber);
  // Ping 99 makes the handler loop for ever.
  loopBlock = Number((await emit(anvil, emitter, PING, 99n)).blockNumber);
  await emit(anvil, emitter, PING, 2n);
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("handler time limit", () => {
  it("fails the subgraph naming the handler and block when a mapping never returns", async () => {
    const logger = recordingLogger();
    const indexer = await startIndexer({
      subgraph: nonFatalDir,
      rpc: anvil.url,
      db: join(work, "timeout.sqlite"),
      port: 0,
      pollIntervalMs: 50,
      logger,
      handlerTimeoutMs: LIMIT_MS,
    });
    try {
      const tip = Number(await anvil.rpc("eth_blockNumber"));
      const error = await indexer.waitForBlock(tip, { timeoutMs: 30_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubgraphFailedError);
      expect((error as Error).message).toBe(
        `subgraph failed at block ${loopBlock} in handlePing: the handler ran longer than the handler time limit of ${LIMIT_MS} ms and was stopped`,
      );
      expect(indexer.status()).toMatchObject({
        state: "failed",
        error: { handler: "handlePing", blockNumber: loopBlock, deterministic: true },
      });
      // The blocks before the looping one are kept and served; the server still answers.
      const data = expectOk(
        await indexer.query(`{ pings(subgraphError: allow) { value } _meta { block { number } } }`),
      );
      expect(data.pings).toEqual([{ value: "1" }]);
      expect((data._meta as { block: { number: number } }).block.number).toBeGreaterThanOrEqual(beforeLoop);
      expect((data._meta as { block: { number: number } }).block.number).toBeLessThan(loopBlock);
      expect(logger.lines.find((l) => l.level === "error")?.message).toMatch(
        new RegExp(`handler handlePing at block ${loopBlock} \\(0x[0-9a-f]{64}\\): the handler ran longer`),
      );
    } finally {
      await indexer.stop();
    }
  });
});
