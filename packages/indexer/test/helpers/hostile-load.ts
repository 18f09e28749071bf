// Ordinary market queries against the HTTP server while hostile ones run beside them: the scenario of the
// query-limits load test and of its benchmark (bench/query-limits.bench.ts).
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { percentile } from "../../bench/machine.js";
import { createGraphQLServer } from "../../src/graphql/server.js";
import { parseSchema } from "../../src/schema/parse.js";
import { openStore } from "../../src/store/store.js";
import { big, bool, data, ptr, str, tempDir } from "../../src/store/test-support.js";

const SDL = `
  type Account @entity {
    id: ID!
    name: String!
    delegate: Account
    delegators: [Account!]! @derivedFrom(field: "delegate")
    listings: [Listing!]! @derivedFrom(field: "seller")
  }
  type Listing @entity {
    id: ID!
    seller: Account!
    price: BigInt!
    hashrate: BigInt!
    active: Boolean!
  }
`;

const ACCOUNTS = 3000;
/** graph-node's limit is unset by default; a deployment facing hostile clients sets one. */
export const MAX_COMPLEXITY = 1_000_000;
const LISTINGS = 5000;

function nested(levels: number): string {
  let inner = "id";
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `delegate { ${inner} }` : `delegators { ${inner} }`;
  return `{ accounts { ${inner} } }`;
}

function orTerms(n: number): string {
  return `{ listings(where: { or: [${Array.from({ length: n }, (_, i) => `{ price: "${i}" }`).join(", ")}] }) { id } }`;
}

/** Each hostile query, and the error it must end with. */
export const HOSTILE: readonly { readonly name: string; readonly query: string; readonly error: RegExp }[] = [
  {
    name: "600-level nesting",
    query: nested(600),
    error: /^query has a depth that exceeds the limit of `255`$/,
  },
  {
    // Just within the complexity limit (990,330), but every account's delegate has all accounts as delegators:
    // 330,000 entities to answer. With the lists read per level the reads are cheap; building the answer is not.
    name: "fan-out",
    query: "{ accounts(first: 330) { delegate { delegators(first: 1000) { id name } } } }",
    error: /^Query timed out$/,
  },
  {
    name: "5,000-term or",
    query: orTerms(5000),
    error: /^query has more than 5000 tokens, the limit; parsing stopped there$/,
  },
  {
    name: "600-term or",
    query: orTerms(600),
    error: /^the `where` filter has 600 terms, more than the limit of 500/,
  },
  {
    name: "300 aliases",
    query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: listings(first: 1000) { id seller { id } }`).join(" ")} }`,
    error:
      /^query potentially returns `1200000` entities or more and thereby exceeds the limit of `1000000` entities/,
  },
];

const ORDINARY = [
  `{ listings(first: 20, where: { active: true }, orderBy: price, orderDirection: asc) { id price hashrate seller { id name } } }`,
  `{ account(id: "a17") { id name delegate { id } listings(first: 10) { id price active } } }`,
  `{ listings(first: 50, skip: 100, where: { hashrate_gt: "500" }) { id price } }`,
];

/**
 * One hostile client: sends its query again and again until told to stop (and at least twice), reporting each
 * answer's time and errors. It runs in a worker thread, as a separate client would, so that its own HTTP and JSON
 * work does not run on the thread of the server it attacks.
 */
const HOSTILE_CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
let stop = false;
parentPort.on("message", (message) => { if (message === "stop") stop = true; });
(async () => {
  for (let runs = 0; !stop || runs < 2; runs++) {
    const started = performance.now();
    const response = await fetch(workerData.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: workerData.query }),
    });
    const body = await response.json();
    parentPort.postMessage({ ms: performance.now() - started, errors: (body.errors ?? []).map((e) => e.message) });
  }
  parentPort.postMessage("done");
})();
`;

export interface HostileRun {
  readonly name: string;
  readonly ms: number;
  readonly errors: readonly string[];
}

export interface LoadResult {
  readonly ordinaryCount: number;
  readonly ordinaryFailures: number;
  readonly ordinaryP50Ms: number;
  readonly ordinaryP99Ms: number;
  readonly ordinaryMaxMs: number;
  readonly hostile: readonly HostileRun[];
  readonly timeoutMs: number;
}

/**
 * `ordinary` market queries one after another while one client per hostile query (each in a worker thread)
 * sends it again and again until the ordinary ones are done (and at least twice) (`withHostile` false: the same ordinary queries alone, for comparison).
 * Bounded: the ordinary count, and each hostile query's time limit.
 */
export async function runHostileLoad(
  ordinary: number,
  timeoutMs: number,
  withHostile = true,
): Promise<LoadResult> {
  const dir = tempDir("dmex-load-");
  const store = openStore({
    path: join(dir.path, "load.sqlite"),
    schema: parseSchema(SDL),
    deployment: "QmLoad",
  });
  const server = createGraphQLServer(store, {
    name: "load",
    limits: { timeoutMs, maxComplexity: MAX_COMPLEXITY },
  });
  try {
    const batch = store.batch();
    const w = batch.block(ptr(1));
    for (let i = 0; i < ACCOUNTS; i++)
      w.set("Account", `a${i}`, data({ name: str(`n${i}`), delegate: str("a0") }));
    for (let i = 0; i < LISTINGS; i++) {
      w.set(
        "Listing",
        `l${i}`,
        data({
          seller: str(`a${i % ACCOUNTS}`),
          price: big(BigInt((i * 7919) % 10_000)),
          hashrate: big(BigInt(i % 1000)),
          active: bool(i % 3 !== 0),
        }),
      );
    }
    batch.endBlock();
    batch.commit();
    const url = await server.listen(0);
    const post = async (query: string) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
      return { ms: performance.now() - started, body };
    };
    const hostile: HostileRun[] = [];
    const workers: Worker[] = [];
    const clients = (withHostile ? HOSTILE : []).map(
      (h) =>
        new Promise<void>((resolveClient, rejectClient) => {
          const worker = new Worker(HOSTILE_CLIENT, { eval: true, workerData: { url, query: h.query } });
          workers.push(worker);
          worker.on("message", (message: "done" | { ms: number; errors: string[] }) => {
            if (message === "done") {
              void worker.terminate().then(() => resolveClient());
            } else {
              hostile.push({ name: h.name, ms: message.ms, errors: message.errors });
            }
          });
          worker.on("error", rejectClient);
        }),
    );
    // Let every hostile client get its first request in before measuring.
    await new Promise((r) => setTimeout(r, 50));
    const latencies: number[] = [];
    let failures = 0;
    for (let i = 0; i < ordinary; i++) {
      const { ms, body } = await post(ORDINARY[i % ORDINARY.length] ?? "");
      if (body.errors || !body.data) failures++;
      latencies.push(ms);
    }
    for (const worker of workers) worker.postMessage("stop");
    await Promise.all(clients);
    latencies.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      ordinaryCount: latencies.length,
      ordinaryFailures: failures,
      ordinaryP50Ms: round(percentile(latencies, 50)),
      ordinaryP99Ms: round(percentile(latencies, 99)),
      ordinaryMaxMs: round(latencies[latencies.length - 1] ?? Number.NaN),
      hostile,
      timeoutMs,
    };
  } finally {
    await server.close();
    store.close();
    dir.remove();
  }
}
