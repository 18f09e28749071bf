// Re-indexing proofs for the scenario: a `kill -9` of the indexer process in the middle of a sync, and a
// reorg of the last blocks, must both end in the store a single uninterrupted run of the final chain makes.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadSubgraph, openStore, parseSchema, type StoreDump, startIndexer } from "@dmex/indexer";
import { expect } from "vitest";

import { type IndexedChain, indexerOptions, recordingLogger, SUBGRAPH_DIR } from "./indexedChain.js";

/** The compiled `dmex-indexer` CLI of the workspace's indexer package. */
const CLI = join(dirname(fileURLToPath(import.meta.resolve("@dmex/indexer"))), "cli.js");

/** Every entity version (with its block range), the data sources and the head of the store in `db`. */
export function storeDump(db: string): Pick<StoreDump, "entities" | "dataSources" | "head"> {
  const schema = parseSchema(loadSubgraph(SUBGRAPH_DIR).schema);
  const store = openStore({ path: db, schema });
  try {
    const { entities, dataSources, head } = store.dump();
    return { entities, dataSources, head };
  } finally {
    store.close();
  }
}

export function scratchDb(label: string): string {
  return join(mkdtempSync(join(tmpdir(), `dmex-subgraph-${label}-`)), "dmex.sqlite");
}

/** Indexes the chain at `rpc` from scratch into a new database, up to `head`, in this process. */
export async function indexFromScratch(rpc: string, head: number): Promise<string> {
  const db = scratchDb("fresh");
  const indexer = await startIndexer(indexerOptions(rpc, db, recordingLogger()));
  try {
    await indexer.waitForBlock(head, { timeoutMs: 300_000 });
  } finally {
    await indexer.stop();
  }
  return db;
}

async function indexedBlock(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ _meta { block { number } } }" }),
      // A child stuck mid-answer must not hang the test: ask again after the timeout.
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { data?: { _meta?: { block?: { number?: number } } } };
    return body.data?._meta?.block?.number ?? null;
  } catch {
    return null;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

export interface KilledRun {
  /** The database the killed and then restarted process indexed into. */
  readonly db: string;
  /** The block the store held when the process was killed. */
  readonly killedAt: number;
}

/**
 * Starts the indexer CLI as its own process on a new database, `kill -9`s it once it has committed a block at
 * or past `killAfter` (and before `head`), then runs it again to `head`. Retries with a new database when a
 * sync outran the kill (the store reached the head first), at most `attempts` times.
 */
export async function killAndRestart(
  rpc: string,
  killAfter: number,
  head: number,
  attempts = 3,
): Promise<KilledRun> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const db = scratchDb("killed");
    const args = [CLI, "start", "--subgraph", SUBGRAPH_DIR, "--rpc", rpc, "--db", db, "--port", "0"];
    const child = spawn(process.execPath, [...args, "--name", "dmex", "--poll-interval", "50"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    let url: string | null = null;
    child.stdout?.on("data", (d: Buffer) => {
      output.push(d.toString());
      url ??= /GraphQL: (\S+)/.exec(output.join(""))?.[1] ?? null;
    });
    child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
    const deadline = Date.now() + 120_000;
    let seen: number | null = null;
    while (Date.now() < deadline && child.exitCode === null) {
      if (url !== null) {
        seen = await indexedBlock(url);
        if (seen !== null && seen >= killAfter) break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill("SIGKILL");
    await exited(child);
    if (child.signalCode !== "SIGKILL") {
      throw new Error(`the indexer CLI exited by itself (code ${child.exitCode}):\n${output.join("")}`);
    }
    const killedAt = storeDump(db).head?.number ?? 0;
    if (killedAt >= head) continue;
    // The same database, a new process: it resumes from what the killed one committed.
    const indexer = await startIndexer(indexerOptions(rpc, db, recordingLogger()));
    try {
      await indexer.waitForBlock(head, { timeoutMs: 300_000 });
    } finally {
      await indexer.stop();
    }
    return { db, killedAt };
  }
  throw new Error(`in ${attempts} attempts the sync always reached block ${head} before the kill`);
}

/** A transaction anvil_reorg mines in the replacement blocks: from an unlocked dev account. */
export interface ReorgTx {
  readonly from: string;
  readonly to: string;
  readonly data: string;
  /** Which of the new blocks (0 = the first replaced) it goes into. */
  readonly block: number;
}

/**
 * Replaces the chain's last `depth` blocks with blocks holding `txs`, mines one more block, and waits until
 * the running indexer has followed. Asserts the indexer saw a reorg that changed its store, and that the store
 * equals what a fresh index of the final chain makes. Returns the new head.
 */
export async function reorgReindexesAlike(
  chain: IndexedChain,
  depth: number,
  txs: readonly ReorgTx[],
): Promise<number> {
  const before = storeDump(chain.db);
  await chain.provider.send("anvil_reorg", [
    depth,
    txs.map((tx) => [{ from: tx.from, to: tx.to, data: tx.data }, tx.block]),
  ]);
  await chain.provider.send("evm_mine", []);
  const head = await chain.sync();
  expect(chain.indexer.status().reorgs).toBeGreaterThan(0);
  const after = storeDump(chain.db);
  expect(after).not.toEqual(before);
  expect(after).toEqual(storeDump(await indexFromScratch(chain.rpcUrl, head)));
  return head;
}
