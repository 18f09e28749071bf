// Ordinary market queries through the HTTP server while hostile queries (600-level nesting, a fan-out that runs
// into its time limit, a 5,000-term and a 600-term `or`, 300 aliases) are sent beside them without pause, against
// the same queries alone. Writes bench/results/query-limits.{json,md}. Run: `pnpm --filter @dmex/indexer bench`.
import { expect, test } from "vitest";
import { HOSTILE, runHostileLoad } from "../test/helpers/hostile-load.js";
import { machineDescription, writeResult } from "./machine.js";

const ORDINARY = 300;
const TIMEOUT_MS = 500;

test("ordinary query latency beside hostile queries → bench/results/query-limits.{json,md}", async () => {
  const machine = machineDescription();
  const alone = await runHostileLoad(ORDINARY, TIMEOUT_MS, false);
  const loaded = await runHostileLoad(ORDINARY, TIMEOUT_MS);
  expect(loaded.ordinaryFailures).toBe(0);
  const hostileMaxMs = Math.round(Math.max(...loaded.hostile.map((h) => h.ms)));
  for (const h of loaded.hostile)
    expect(HOSTILE.find((x) => x.name === h.name)?.error.test(h.errors[0] ?? "")).toBe(true);
  const figures = {
    ordinaryQueries: ORDINARY,
    queryTimeoutMs: TIMEOUT_MS,
    aloneP50Ms: alone.ordinaryP50Ms,
    aloneP99Ms: alone.ordinaryP99Ms,
    underHostileP50Ms: loaded.ordinaryP50Ms,
    underHostileP99Ms: loaded.ordinaryP99Ms,
    hostileQueries: loaded.hostile.length,
    hostileMaxMs,
  };
  await writeResult(
    { name: "query-limits", date: new Date().toISOString(), machine, figures },
    `# Query limits under load

${machine}

| | p50 (ms) | p99 (ms) |
|---|---|---|
| ${ORDINARY} ordinary market queries alone | ${alone.ordinaryP50Ms} | ${alone.ordinaryP99Ms} |
| the same beside ${HOSTILE.length} hostile clients | ${loaded.ordinaryP50Ms} | ${loaded.ordinaryP99Ms} |

${loaded.hostile.length} hostile queries, each answered with its error; the slowest in ${hostileMaxMs} ms (time limit ${TIMEOUT_MS} ms).
`,
  );
}, 600_000);
