import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIndexer } from "../src/indexer.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit } from "./helpers/emitter.js";
import { expectOk } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildTestSubgraph } from "./helpers/subgraphs.js";

// Older mapping apiVersions built by graph-cli and indexed end to end (the `event-fields` fixture, which records
// the fields of the event, block and transaction objects the host builds for each apiVersion). 0.0.7 and 0.0.8 share 0.0.9's
// ethereum object layout, so the installed graph-ts builds them; 0.0.6 (`Block.baseFeePerGas` and
// `Transaction.nonce` last, no `Event.receipt`) is built by the same graph-cli against graph-ts 0.28.1, the
// release of its time (the devDependency alias `graph-ts-api-0.0.6`; see `buildTestSubgraph`). 0.0.5 is not
// covered: it needs a graph-ts before 0.24 (from 0.24 on graph-ts has 0.0.6's layout and graph-cli migrates 0.0.5
// manifests to 0.0.6), which graph-cli 0.98's codegen refuses (it needs 0.25) and whose `Value` lacks the
// `displayData`/`displayKind` that the generated `save()` calls.
const PING = keccakText("Ping(uint256)");
const GRAPH_TS: Record<string, string | undefined> = { "0.0.6": "graph-ts-api-0.0.6" };
const API_VERSIONS = ["0.0.6", "0.0.7", "0.0.8"] as const;
const SENT = [5n, 8n, 21n];
/** What the chain says about each ping: the fields the mapping records (test/fixtures/e2e/event-fields). */
const expected: Record<string, unknown>[] = [];

let anvil: Anvil;
let work: string;
const dirs = new Map<string, string>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-api-versions-"));
  anvil = await startAnvil();
  const emitter = await deployEmitter(anvil);
  for (const version of API_VERSIONS) {
    const dir = await buildTestSubgraph(
      work,
      "event-fields",
      `event-fields-${version}`,
      emitter,
      (text) => text.replace("apiVersion: 0.0.9", `apiVersion: ${version}`),
      GRAPH_TS[version],
    );
    dirs.set(version, dir);
  }
  for (const value of SENT) {
    const receipt = (await emit(anvil, emitter, PING, value)) as {
      blockNumber: string;
      blockHash: string;
      transactionHash: string;
      from: string;
      logs: { logIndex: string; address: string }[];
    };
    const block = (await anvil.rpc("eth_getBlockByHash", [receipt.blockHash, false])) as {
      timestamp: string;
      baseFeePerGas: string;
    };
    const tx = (await anvil.rpc("eth_getTransactionByHash", [receipt.transactionHash])) as { nonce: string };
    const log = receipt.logs[0];
    expected.push({
      value: value.toString(),
      blockNumber: BigInt(receipt.blockNumber).toString(),
      blockHash: receipt.blockHash.toLowerCase(),
      timestamp: BigInt(block.timestamp).toString(),
      baseFeePerGas: BigInt(block.baseFeePerGas).toString(),
      txHash: receipt.transactionHash.toLowerCase(),
      from: receipt.from.toLowerCase(),
      nonce: BigInt(tx.nonce).toString(),
      logIndex: BigInt(log?.logIndex ?? "0x0").toString(),
      address: (log?.address ?? "").toLowerCase(),
    });
  }
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("mapping apiVersions", () => {
  it.each(API_VERSIONS)("indexes a subgraph built with apiVersion %s", async (version) => {
    const dir = dirs.get(version) ?? "";
    expect(readFileSync(join(dir, "build/subgraph.yaml"), "utf8")).toContain(`apiVersion: ${version}`);
    const indexer = await startIndexer({
      subgraph: dir,
      rpc: anvil.url,
      db: join(work, `${version}.sqlite`),
      port: 0,
      pollIntervalMs: 50,
      logger: recordingLogger(),
    });
    try {
      const tip = Number(await anvil.rpc("eth_blockNumber"));
      await indexer.waitForBlock(tip, { timeoutMs: 30_000 });
      const data = expectOk(
        await indexer.query(
          `{ seens(orderBy: value) { value blockNumber blockHash timestamp baseFeePerGas txHash from nonce logIndex address } }`,
        ),
      );
      // Every field read from the host's ethereum objects, those only 0.0.6 and later have included.
      expect(data.seens).toEqual(expected);
    } finally {
      await indexer.stop();
    }
  });
});
