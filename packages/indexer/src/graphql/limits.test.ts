import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import { openStore, type Store } from "../store/store.js";
import { data, ptr, str, tempDir } from "../store/test-support.js";
import { executeQuery } from "./execute.js";
import { DEFAULT_QUERY_LIMITS } from "./limits.js";
import { createGraphQLServer } from "./server.js";

// The shape of a delegation graph (the DMC token's): the self-reference a hostile query nests.
const SDL = `
  type Account @entity {
    id: ID!
    name: String!
    delegate: Account
    delegators: [Account!]! @derivedFrom(field: "delegate")
  }
`;
const ACCOUNTS = 1000;

function errorOf(store: Store, text: string, limits?: Parameters<typeof executeQuery>[4]): string {
  const result = executeQuery(store, text, undefined, undefined, limits);
  return result.errors?.map((e) => e.message).join("; ") ?? "no error";
}

function nested(levels: number): string {
  let inner = "id";
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `delegate { ${inner} }` : `delegators { ${inner} }`;
  return `{ accounts { ${inner} } }`;
}

function orTerms(n: number): string {
  const terms = Array.from({ length: n }, (_, i) => `{ name: "a${i}" }`).join(", ");
  return `{ accounts(where: { or: [${terms}] }) { id } }`;
}

describe("query limits", () => {
  const schema = parseSchema(SDL);
  const dir = tempDir();
  let store: Store;

  beforeAll(() => {
    store = openStore({ path: join(dir.path, "limits.sqlite"), schema, deployment: "QmLimits" });
    const batch = store.batch();
    const w = batch.block(ptr(1));
    // Every account delegates to account 0: its `delegators` is the whole set.
    for (let i = 0; i < ACCOUNTS; i++)
      w.set("Account", `a${i}`, data({ name: str(`a${i}`), delegate: str("a0") }));
    batch.endBlock();
    batch.commit();
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it("refuses a query nested deeper than maxDepth, graph-node's wording", () => {
    expect(errorOf(store, nested(600))).toBe("query has a depth that exceeds the limit of `255`");
    // Depth counts selection sets: nested(2) is `{ accounts { delegators { delegate { id } } } }`, 4 deep.
    expect(errorOf(store, nested(3), { maxDepth: 4 })).toBe(
      "query has a depth that exceeds the limit of `4`",
    );
    expect(errorOf(store, nested(2), { maxDepth: 4 })).toBe("no error");
  });

  it("refuses a fan-out whose potential size passes maxComplexity, counting first and aliases", () => {
    const fanOut = "{ accounts(first: 1000) { delegators(first: 1000) { delegators(first: 1000) { id } } } }";
    const capped = { maxComplexity: 1_000_000 };
    // Unlimited by default, as in graph-node.
    expect(DEFAULT_QUERY_LIMITS.maxComplexity).toBe(Number.MAX_SAFE_INTEGER);
    expect(errorOf(store, fanOut, capped)).toMatch(
      /^query potentially returns `\d+` entities or more and thereby exceeds the limit of `1000000` entities/,
    );
    const aliases = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: accounts(first: 1000) { id delegate { id } }`).join(" ")} }`;
    expect(errorOf(store, aliases, capped)).toMatch(/exceeds the limit of `1000000` entities/);
    // The same query with a variable `first`: the variable's value counts.
    const result = executeQuery(
      store,
      "query($n: Int) { accounts(first: $n) { delegators(first: $n) { id } } }",
      { n: 1000 },
      undefined,
      { maxComplexity: 10_000 },
    );
    expect(result.errors?.[0]?.message).toMatch(/exceeds the limit of `10000` entities/);
    expect(
      errorOf(store, "{ accounts(first: 5) { delegators(first: 5) { id } } }", { maxComplexity: 100 }),
    ).toBe("no error");
  });

  it("keeps first and skip within their configured maxima", () => {
    expect(errorOf(store, "{ accounts(first: 1001) { id } }")).toBe(
      "The `first` argument must be between 0 and 1000, but is 1001",
    );
    expect(errorOf(store, "{ accounts(skip: 5001) { id } }")).toBe(
      "The `skip` argument must be between 0 and 5000, but is 5001",
    );
    expect(errorOf(store, "{ accounts(first: 11) { id } }", { maxFirst: 10 })).toBe(
      "The `first` argument must be between 0 and 10, but is 11",
    );
  });

  it("answers a huge `or` with a clear error instead of SQLite's, and runs one at the limit", () => {
    expect(errorOf(store, orTerms(600))).toBe(
      "the `where` filter has 600 terms, more than the limit of 500; split the query or use `_in` lists",
    );
    // A 5,000-term `or` does not get that far: the parser stops at the token limit.
    expect(errorOf(store, orTerms(5000))).toBe(
      "query has more than 5000 tokens, the limit; parsing stopped there",
    );
    const atLimit = executeQuery(store, orTerms(DEFAULT_QUERY_LIMITS.maxFilterTerms));
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.accounts).toHaveLength(100);
  });

  it("abandons a query past its time limit with one error", () => {
    const slow = "{ accounts(first: 400) { delegate { delegators(first: 1000) { id } } } }";
    const result = executeQuery(store, slow, undefined, undefined, { timeoutMs: 1 });
    expect(result).toEqual({ errors: [{ message: "Query timed out" }] });
    expect(errorOf(store, '{ account(id: "a1") { id } }', { timeoutMs: 1000 })).toBe("no error");
  });

  it("rejects invalid limits", () => {
    expect(() => executeQuery(store, "{ accounts { id } }", undefined, undefined, { maxDepth: -1 })).toThrow(
      "query limit maxDepth must be at least 1, got -1 (0 would refuse every query)",
    );
  });

  it("answers over HTTP like graph-node: 400 without a query, 404 naming an unknown subgraph, limits applied", async () => {
    const server = createGraphQLServer(store, { name: "dmex/limits", limits: { maxDepth: 4, timeoutMs: 1 } });
    const post = (path: string, body: unknown) =>
      server.fetch(`http://localhost${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      });
    const missing = await post("/subgraphs/name/dmex/limits", { variables: {} });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toMatch(/application\/json/);
    expect(await missing.json()).toEqual({
      errors: [{ message: 'The "query" field is missing in request data' }],
    });
    const notString = await post("/subgraphs/name/dmex/limits", { query: 5 });
    expect(notString.status).toBe(400);
    const unknown = await post("/subgraphs/name/someone/else", { query: "{ accounts { id } }" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: [{ message: "subgraph not found: someone/else" }] });
    const deep = await post("/subgraphs/name/dmex/limits", { query: nested(4) });
    const deepErrors = ((await deep.json()) as { errors: { message: string }[] }).errors;
    expect(deepErrors.map((e) => e.message)).toEqual(["query has a depth that exceeds the limit of `4`"]);
    const slow = await post("/subgraphs/name/dmex/limits", {
      query: "{ accounts(first: 400) { delegate { delegators(first: 1000) { id } } } }",
    });
    expect(await slow.json()).toEqual({ errors: [{ message: "Query timed out" }] });
  });
});
