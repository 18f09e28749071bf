// End to end: 100,000 events of a one-entity-per-event mapping indexed from anvil by `startIndexer` (the
// subgraph is what `graph init --from-contract --index-events` scaffolds for the event source, built by
// `graph build`), against a raw `eth_getLogs` + ABI decode of the same block range in the same run; then the
// latency of a filtered, ordered `entities(first: 100)` over the 100,000 entities, through the GraphQL
// server over HTTP. Writes bench/results/indexing.{json,md}. Run: `pnpm --filter @dmex/indexer bench`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Contract, Interface } from "ethers";
import { expect, test } from "vitest";

import { startIndexer } from "../src/indexer.js";
import { decodeLog } from "../src/runtime/decodeLog.js";
import { startAnvil } from "../test/helpers/anvil.js";
import { deploy, provider as makeProvider, mined } from "../test/helpers/deploy.js";
import { compileFixture, scaffoldFromContract } from "../test/helpers/subgraphs.js";
import { machineDescription, percentile, writeResult } from "./machine.js";

const EVENTS = 100_000;
const PER_TX = 5_000;
const QUERIES = 300;
const WARMUP = 30;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

test("index 100k events from anvil → bench/results/indexing.{json,md}", async () => {
  const machine = machineDescription();
  const work = mkdtempSync(join(tmpdir(), "dmex-bench-index-"));
  const anvil = await startAnvil(["--gas-limit", "100000000"]);
  try {
    const provider = makeProvider(anvil.url);
    const signer = await provider.getSigner(0);
    const artifact = compileFixture("EventSource.sol", "EventSource");
    const source = await deploy(signer, artifact);
    const emitter = new Contract(source.address, artifact.abi as never[], signer);
    for (let sent = 0; sent < EVENTS; sent += PER_TX) {
      await mined(emitter.getFunction("ping")(PER_TX, { gasLimit: 30_000_000 }));
    }
    const head = await provider.getBlockNumber();
    const dir = await scaffoldFromContract({
      parent: work,
      slug: "event-source",
      contractName: "EventSource",
      abi: artifact.abi,
      address: source.address,
      startBlock: source.block,
      indexEvents: true,
    });

    // The baselines: the same range's logs in one raw `eth_getLogs` request, each decoded by ethers' ABI coder,
    // and again by the runtime's own decoder (the faster of the two: the stricter baseline).
    const abi = new Interface(artifact.abi as never[]);
    const ping = abi.getEvent("Ping");
    if (ping === null) throw new Error("EventSource has no Ping event");
    const fetchStart = performance.now();
    const logs = await rawLogs(anvil.url, source.address, source.block, head);
    const fetchSeconds = (performance.now() - fetchStart) / 1000;
    const ethersStart = performance.now();
    const values: bigint[] = [];
    for (const log of logs)
      values.push(abi.decodeEventLog(ping, log.data, log.topics).getValue("value") as bigint);
    const ethersSeconds = (performance.now() - ethersStart) / 1000;
    const fastStart = performance.now();
    let decoded = 0;
    for (const log of logs) {
      const params = decodeLog(ping, {
        ...log,
        address: source.address,
        logIndex: 0,
        transactionIndex: 0,
        transactionHash: "0x",
      });
      if (params?.length === 3) decoded++;
    }
    const fastSeconds = (performance.now() - fastStart) / 1000;
    expect(values).toHaveLength(EVENTS);
    expect(decoded).toBe(EVENTS);
    const rawSeconds = fetchSeconds + Math.min(ethersSeconds, fastSeconds);

    const indexStart = performance.now();
    const indexer = await startIndexer({
      subgraph: dir,
      rpc: anvil.url,
      db: join(work, "index.sqlite"),
      port: 0,
      pollIntervalMs: 50,
      logger: quiet,
    });
    try {
      await indexer.waitForBlock(head, { timeoutMs: 600_000 });
      const indexSeconds = (performance.now() - indexStart) / 1000;
      expect(indexer.status().eventsProcessed).toBe(EVENTS);

      values.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
      const latencies: number[] = [];
      for (let q = 0; q < QUERIES + WARMUP; q++) {
        const threshold = values[(q * 7919) % values.length] ?? 0n;
        const start = performance.now();
        const response = await fetch(indexer.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: `{ pings(first: 100, where: { value_lt: "${threshold}" }, orderBy: value, orderDirection: desc) { id seq value sender blockNumber } }`,
          }),
        });
        const body = (await response.json()) as { data?: { pings?: { value: string }[] }; errors?: unknown };
        const elapsed = performance.now() - start;
        if (q >= WARMUP) latencies.push(elapsed);
        // A fast wrong answer is no benchmark: each answer is the 100 largest values below the threshold.
        expect(body.errors).toBeUndefined();
        const got = (body.data?.pings ?? []).map((row) => BigInt(row.value));
        expect(got).toEqual(values.filter((v) => v < threshold).slice(0, 100));
      }
      latencies.sort((a, b) => a - b);

      // The same sync with the opt-in handler time limit (a watchdog thread per handler call), to state its cost.
      const limitedStart = performance.now();
      const limited = await startIndexer({
        subgraph: dir,
        rpc: anvil.url,
        db: join(work, "index-time-limit.sqlite"),
        port: 0,
        pollIntervalMs: 50,
        logger: quiet,
        handlerTimeoutMs: 10_000,
      });
      let limitedSeconds: number;
      try {
        await limited.waitForBlock(head, { timeoutMs: 600_000 });
        limitedSeconds = (performance.now() - limitedStart) / 1000;
        expect(limited.status().eventsProcessed).toBe(EVENTS);
      } finally {
        await limited.stop();
      }
      const figures = {
        events: EVENTS,
        eventsPerSecond: Math.round(EVENTS / indexSeconds),
        indexSeconds: Number(indexSeconds.toFixed(2)),
        rawDecodeSeconds: Number(rawSeconds.toFixed(2)),
        getLogsSeconds: Number(fetchSeconds.toFixed(2)),
        ethersDecodeSeconds: Number(ethersSeconds.toFixed(2)),
        runtimeDecodeSeconds: Number(fastSeconds.toFixed(2)),
        ratioToRawDecode: Number((indexSeconds / rawSeconds).toFixed(2)),
        ratioToEthersDecode: Number((indexSeconds / (fetchSeconds + ethersSeconds)).toFixed(2)),
        queryP50Ms: Number(percentile(latencies, 50).toFixed(2)),
        queryP99Ms: Number(percentile(latencies, 99).toFixed(2)),
        handlerTimeLimitEventsPerSecond: Math.round(EVENTS / limitedSeconds),
        handlerTimeLimitSlowdown: Number((limitedSeconds / indexSeconds).toFixed(2)),
      };
      const date = new Date().toISOString();
      await writeResult({ name: "indexing", date, machine, figures }, markdown(figures, date, machine));
      console.log(`indexing: ${JSON.stringify(figures)}`);
    } finally {
      await indexer.stop();
    }
  } finally {
    await anvil.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

interface RawLog {
  readonly data: string;
  readonly topics: string[];
}

async function rawLogs(url: string, address: string, fromBlock: number, toBlock: number): Promise<RawLog[]> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getLogs",
      params: [{ address, fromBlock: `0x${fromBlock.toString(16)}`, toBlock: `0x${toBlock.toString(16)}` }],
    }),
  });
  const body = (await response.json()) as { result?: RawLog[]; error?: { message: string } };
  if (body.result === undefined) throw new Error(`eth_getLogs: ${body.error?.message ?? "no result"}`);
  return body.result;
}

function markdown(f: Record<string, number>, date: string, machine: string): string {
  const n = (x: number | undefined) => (x ?? Number.NaN).toLocaleString("en-US");
  return [
    "# Indexing benchmark",
    "",
    "100,000 `Ping` events (20 transactions of 5,000 on a local anvil) indexed by `startIndexer` through the",
    "subgraph `graph init --from-contract --index-events` scaffolds for the contract (one immutable entity per",
    "event), from start to the last block committed in SQLite; against fetching the same logs with one raw",
    "`eth_getLogs` request and decoding each, in the same run, with ethers' ABI coder and with the runtime's own",
    "decoder; the ratio is to the faster of the two (the stricter baseline). Then 300 queries (after 30 warm-up ones) of",
    "`pings(first: 100, where: { value_lt }, orderBy: value, orderDirection: desc)` over HTTP, each answer",
    "checked. `pnpm --filter @dmex/indexer bench`.",
    "",
    "| figure | value | target |",
    "| --- | ---: | ---: |",
    `| events/s | ${n(f.eventsPerSecond)} | ≥ 5,000 |`,
    `| ratio to raw getLogs + decode | ${f.ratioToRawDecode} (${f.indexSeconds} s vs ${f.rawDecodeSeconds} s) | ≤ 3 |`,
    `| ratio to getLogs + ethers decode | ${f.ratioToEthersDecode} | |`,
    `| of which: eth_getLogs, ethers decode, runtime decode | ${f.getLogsSeconds} s, ${f.ethersDecodeSeconds} s, ${f.runtimeDecodeSeconds} s | |`,
    `| query p50 | ${f.queryP50Ms} ms | |`,
    `| query p99 | ${f.queryP99Ms} ms | < 50 ms |`,
    `| events/s with the handler time limit (\`handlerTimeoutMs\`, opt-in) | ${n(f.handlerTimeLimitEventsPerSecond)} (${f.handlerTimeLimitSlowdown} × the time) | |`,
    "",
    "The public figures DESIGN quotes (graph-node about 26 events/s, Ponder 48 events/s) were measured against a",
    "remote RPC, where every request pays network latency and rate limits; here the node is a local anvil on the",
    "same two cores, so fetching is nearly free and the figure measures the indexer's own work: ABI decoding, the",
    "WebAssembly handlers and the SQLite writes.",
    "",
    `Measured ${date.slice(0, 10)} on ${machine}.`,
    "",
  ].join("\n");
}
