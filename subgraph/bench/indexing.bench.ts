// Indexing and query benchmark of the DMEX subgraph on the embedded indexer. Writes
// bench/results/indexing.{json,md}. Run: `pnpm --filter @dmex/subgraph bench`.
//
// 1. The whole-protocol scenario of the acceptance test, then the time to index its chain from scratch
//    (deployment to head, into a new SQLite file): scenarioIndexSeconds.
// 2. A generated market about ten times the scenario's (test/scenario/largeMarket.ts) on a fresh chain, and
//    the time to index that chain from scratch: largeMarketIndexSeconds.
// 3. The market page's largest query, the SDK's browseMarket (what the page runs) for a page of 100 listings
//    of every status (the history view; the large market has only a few dozen still active) of active and
//    not terminated, cheapest first, with certificate, offering, miner and coin (and, in a second query, which
//    sellers approve the marketplace for all their certificates), over HTTP against the large market: p50 and p99 of 300 runs after 30 warm-up ones, each answer checked. The default page
//    (active, unexpired listings) is measured the same way.
import { loadSubgraph, startIndexer } from "@dmex/indexer";
import { machineDescription, percentile, writeResult } from "@dmex/indexer/bench/machine";
import { browseMarket, createSubgraphClient, type MarketPage } from "@dmex/sdk";
import { startLocalChain } from "@dmex/sdk-test/localChain";
import { expect, test } from "vitest";

import { indexerOptions, recordingLogger, SUBGRAPH_DIR } from "../test/harness/indexedChain.js";
import { scratchDb } from "../test/harness/replay.js";
import { fastChain } from "../test/scenario/context.js";
import { generateLargeMarket } from "../test/scenario/largeMarket.js";
import { runScenario } from "../test/scenario/run.js";

const RESULTS = new URL("./results/", import.meta.url);

async function timeIndexing(rpc: string, head: number): Promise<{ seconds: number; events: number }> {
  const started = performance.now();
  const indexer = await startIndexer(indexerOptions(rpc, scratchDb("bench"), recordingLogger()));
  try {
    await indexer.waitForBlock(head, { timeoutMs: 900_000 });
    return { seconds: (performance.now() - started) / 1000, events: indexer.status().eventsProcessed };
  } finally {
    await indexer.stop();
  }
}

test("index the scenario and a 10x market, query the market page → bench/results/indexing.{json,md}", async () => {
  const machine = machineDescription();
  loadSubgraph(SUBGRAPH_DIR); // fails early, with the reason, when the subgraph is not built

  const scenarioChain = await startLocalChain();
  const scenario = fastChain(scenarioChain);
  let scenarioRun: { seconds: number; events: number; blocks: number };
  try {
    const record = await runScenario(scenario);
    const head = await scenario.provider.getBlockNumber();
    scenarioRun = { ...(await timeIndexing(scenarioChain.anvil.url, head)), blocks: head };
    expect(record.transactions).toBeGreaterThan(200);
  } finally {
    scenario.close();
    await scenarioChain.anvil.stop();
  }

  const marketChain = await startLocalChain();
  const market = fastChain(marketChain);
  try {
    const counts = await generateLargeMarket(market, 1);
    const head = await market.provider.getBlockNumber();
    const largeRun = await timeIndexing(marketChain.anvil.url, head);

    const indexer = await startIndexer(
      indexerOptions(marketChain.anvil.url, scratchDb("query"), recordingLogger()),
    );
    const samples: number[] = [];
    const activeSamples: number[] = [];
    let rows = 0;
    let activeRows = 0;
    try {
      await indexer.waitForBlock(head, { timeoutMs: 900_000 });
      const client = createSubgraphClient(indexer.url);
      const now = (await market.provider.getBlock("latest"))?.timestamp ?? 0;
      const largest = () =>
        browseMarket(
          client,
          { first: 100 },
          {
            statuses: ["ACTIVE", "SOLD", "CANCELLED"],
            includeExpired: true,
            offeringStatuses: ["Active", "Frozen", "Finished"],
          },
          { now },
        );
      const active = () => browseMarket(client, { first: 100 }, {}, { now });
      const time = async (query: () => Promise<MarketPage>): Promise<[number, number]> => {
        const started = performance.now();
        const page = await query();
        return [performance.now() - started, page.items.length];
      };
      for (let i = 0; i < 30; i++) await time(largest);
      for (let i = 0; i < 300; i++) {
        const [ms, count] = await time(largest);
        samples.push(ms);
        rows = count;
      }
      for (let i = 0; i < 30; i++) await time(active);
      for (let i = 0; i < 300; i++) {
        const [ms, count] = await time(active);
        activeSamples.push(ms);
        activeRows = count;
      }
    } finally {
      await indexer.stop();
    }
    expect(rows).toBe(100);
    expect(activeRows).toBeGreaterThan(0);
    samples.sort((a, b) => a - b);
    activeSamples.sort((a, b) => a - b);

    const figures = {
      scenarioIndexSeconds: round(scenarioRun.seconds, 2),
      scenarioBlocks: scenarioRun.blocks,
      scenarioEvents: scenarioRun.events,
      largeMarketIndexSeconds: round(largeRun.seconds, 2),
      largeMarketBlocks: head,
      largeMarketEvents: largeRun.events,
      largeMarketListings: counts.listings,
      largeMarketCertificates: counts.certificates,
      marketQueryP50Ms: round(percentile(samples, 50), 1),
      marketQueryP99Ms: round(percentile(samples, 99), 1),
      activeMarketQueryRows: activeRows,
      activeMarketQueryP50Ms: round(percentile(activeSamples, 50), 1),
      activeMarketQueryP99Ms: round(percentile(activeSamples, 99), 1),
    };
    const date = new Date().toISOString();
    await writeResult(
      { name: "indexing", date, machine, figures },
      markdown(figures, date, machine),
      RESULTS,
    );
    console.info(JSON.stringify(figures));
    expect(figures.marketQueryP99Ms).toBeLessThan(100);
  } finally {
    market.close();
    await marketChain.anvil.stop();
  }
});

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function markdown(f: Record<string, number>, date: string, machine: string): string {
  const n = (v: number | undefined) => (v ?? Number.NaN).toLocaleString("en-US");
  return [
    "# Subgraph indexing benchmark",
    "",
    "The DMEX subgraph on the embedded indexer (`packages/indexer`), each chain indexed from its deployment to",
    "its head into a new SQLite file, timed from `startIndexer` to the head committed. The scenario is the",
    "acceptance test's whole-protocol history; the large market is `test/scenario/largeMarket.ts` at scale 1,",
    "about ten times the scenario's market. The market page queries are the SDK's `browseMarket` (what the",
    "page runs) over HTTP against the large market, 300 times each after 30 warm-up runs: the largest, 100",
    "listings of every status of offerings not terminated, cheapest first, with certificate, offering,",
    "miner and coin, and (a second query) which sellers approve the marketplace for all their certificates; and",
    "the default page, the active unexpired listings. `pnpm --filter @dmex/subgraph bench`.",
    "",
    "| figure | value | target |",
    "| --- | ---: | ---: |",
    `| scenario: index from scratch | ${f.scenarioIndexSeconds} s (${n(f.scenarioBlocks)} blocks, ${n(f.scenarioEvents)} events) | |`,
    `| large market: index from scratch | ${f.largeMarketIndexSeconds} s (${n(f.largeMarketBlocks)} blocks, ${n(f.largeMarketEvents)} events, ${n(f.largeMarketListings)} listings, ${n(f.largeMarketCertificates)} certificates) | |`,
    `| market page, largest query (100 rows): p50 | ${f.marketQueryP50Ms} ms | |`,
    `| market page, largest query (100 rows): p99 | ${f.marketQueryP99Ms} ms | < 100 ms |`,
    `| market page, active listings (${f.activeMarketQueryRows} rows): p50 / p99 | ${f.activeMarketQueryP50Ms} / ${f.activeMarketQueryP99Ms} ms | |`,
    "",
    `Measured ${date.slice(0, 10)} on ${machine}.`,
    "",
  ].join("\n");
}
