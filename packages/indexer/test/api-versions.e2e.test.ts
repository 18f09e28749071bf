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

// Older mapping apiVersions built by graph-cli and indexed end to end. 0.0.7 and 0.0.8 share 0.0.9's
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
/** The block each ping was mined in. */
const blocks: number[] = [];

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
      "pinger",
      `pinger-${version}`,
      emitter,
      (text) => text.replace("apiVersion: 0.0.9", `apiVersion: ${version}`),
      GRAPH_TS[version],
    );
    dirs.set(version, dir);
  }
  for (const value of SENT) {
    const receipt = (await emit(anvil, emitter, PING, value)) as { blockNumber: string };
    blocks.push(Number(receipt.blockNumber));
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
          `{ pings(orderBy: value) { value block } counter(id: "total") { count lastValue } }`,
        ),
      );
      // The value decoded from the log and the block number read from the `ethereum.Block` the host built.
      expect(data.pings).toEqual(SENT.map((v, i) => ({ value: v.toString(), block: String(blocks[i]) })));
      expect(data.counter).toEqual({ count: SENT.length, lastValue: SENT.at(-1)?.toString() });
    } finally {
      await indexer.stop();
    }
  });
});
