// Nested reference fields read a level at a time: 1,000 accounts with their delegates two levels deep, against a
// query that makes the reads the per-entity resolution made (the list, then one lookup per referenced account,
// as aliased `account(id:)` fields through the same GraphQL machinery). Writes
// bench/results/nested-queries.{json,md}. Then a level of `@derivedFrom` lists (the 1,000 delegates' `delegators`)
// read per level against per parent (`batchLists: false`). Run: `pnpm --filter @dmex/indexer bench`.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { expect, test } from "vitest";
import { executeQuery } from "../src/graphql/execute.js";
import { parseSchema } from "../src/schema/parse.js";
import { openStore } from "../src/store/store.js";
import { data, int, ptr, str, tempDir } from "../src/store/test-support.js";
import { machineDescription, percentile, writeResult } from "./machine.js";

const SDL = `type Account @entity {
  id: ID!
  votes: Int!
  delegate: Account
  delegators: [Account!]! @derivedFrom(field: "delegate")
}`;
const PAGE = 1000;
const RUNS = 50;
// Accounts 0..999 (the page) delegate to 1000..1999, which delegate to 2000..2999.
const ACCOUNTS = 3 * PAGE;
const id = (i: number) => `a${String(i).padStart(5, "0")}`;

test("nested references per level against per entity → bench/results/nested-queries.{json,md}", async () => {
  const dir = tempDir("dmex-nested-");
  const statements: string[] = [];
  const store = openStore({
    path: join(dir.path, "nested.sqlite"),
    schema: parseSchema(SDL),
    onStatement: (sql) => statements.push(sql),
  });
  try {
    const batch = store.batch();
    const w = batch.block(ptr(1));
    for (let i = 0; i < ACCOUNTS; i++) {
      const fields = { votes: int(i % 97), ...(i < 2 * PAGE ? { delegate: str(id(i + PAGE)) } : {}) };
      w.set("Account", id(i), data({ id: str(id(i)), ...fields }));
    }
    batch.endBlock();
    batch.commit();

    const nested = `{ accounts(first: ${PAGE}, orderBy: id) { id votes delegate { id votes delegate { id votes } } } }`;
    const lookups = Array.from(
      { length: 2 * PAGE },
      (_, i) => `l${i}: account(id: "${id(i + PAGE)}") { id votes }`,
    );
    const perEntity = `{ accounts(first: ${PAGE}, orderBy: id) { id votes } ${lookups.join(" ")} }`;
    const measure = (query: string, batchLists = true) => {
      const times: number[] = [];
      let reads = 0;
      for (let run = 0; run < RUNS; run++) {
        statements.length = 0;
        const started = performance.now();
        const result = executeQuery(
          store,
          query,
          undefined,
          undefined,
          { maxComplexity: 10_000_000, maxTokens: 100_000 },
          { batchLists },
        );
        times.push(performance.now() - started);
        expect(result.errors?.map((e) => e.message)).toBeUndefined();
        reads = statements.filter((s) => /^(SELECT|WITH) .*"e_/s.test(s)).length;
      }
      times.sort((a, b) => a - b);
      return { reads, p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    const machine = machineDescription();
    const batched = measure(nested);
    const unbatched = measure(perEntity);
    // Ids are bound 512 to a statement: two statements for each level of 1,000 references.
    expect(batched.reads).toBe(1 + 2 * Math.ceil(PAGE / 512));
    expect(unbatched.reads).toBe(1 + 2 * PAGE);
    // Accounts 1000..1999 (the page skipped to them) each have one delegator among 0..999.
    const lists = `{ accounts(first: ${PAGE}, skip: ${PAGE}, orderBy: id) { id delegators(orderBy: votes, first: 5) { id votes } } }`;
    const listsBatched = measure(lists);
    const listsPerParent = measure(lists, false);
    // (parent, id) pairs are bound 256 to a statement.
    expect(listsBatched.reads).toBe(1 + Math.ceil(PAGE / 256));
    expect(listsPerParent.reads).toBe(1 + PAGE);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const figures = {
      accounts: PAGE,
      runs: RUNS,
      nestedReads: batched.reads,
      nestedP50Ms: round(batched.p50),
      nestedP99Ms: round(batched.p99),
      perEntityReads: unbatched.reads,
      perEntityP50Ms: round(unbatched.p50),
      perEntityP99Ms: round(unbatched.p99),
      listsReads: listsBatched.reads,
      listsP50Ms: round(listsBatched.p50),
      listsP99Ms: round(listsBatched.p99),
      listsPerParentReads: listsPerParent.reads,
      listsPerParentP50Ms: round(listsPerParent.p50),
      listsPerParentP99Ms: round(listsPerParent.p99),
    };
    await writeResult(
      { name: "nested-queries", date: new Date().toISOString(), machine, figures },
      `# Nested references: per level against per entity

${machine}

${PAGE} accounts with their delegates two levels deep (${2 * PAGE} referenced accounts), ${RUNS} runs each through
\`executeQuery\`; entity reads counted from the SQL the store ran.

| | entity reads | p50 (ms) | p99 (ms) |
|---|---|---|---|
| \`accounts { delegate { delegate } }\`, read per level | ${figures.nestedReads} | ${figures.nestedP50Ms} | ${figures.nestedP99Ms} |
| the same reads per entity (the list and ${2 * PAGE} \`account(id:)\` lookups) | ${figures.perEntityReads} | ${figures.perEntityP50Ms} | ${figures.perEntityP99Ms} |
| \`accounts { delegators(orderBy: votes, first: 5) }\` (${PAGE} lists), read per level | ${figures.listsReads} | ${figures.listsP50Ms} | ${figures.listsP99Ms} |
| the same lists read per parent (\`batchLists: false\`) | ${figures.listsPerParentReads} | ${figures.listsPerParentP50Ms} | ${figures.listsPerParentP99Ms} |
`,
    );
  } finally {
    store.close();
    dir.remove();
  }
});
