import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import { openStore, type Store } from "../store/store.js";
import {
  big,
  bool,
  bytes,
  data,
  dec,
  int,
  int8,
  list,
  ptr,
  str,
  tempDir,
  ts,
} from "../store/test-support.js";
import type { EntityWriter } from "../types.js";
import { executeQuery } from "./execute.js";
import { createGraphQLServer } from "./server.js";

const SDL = `
  interface Event { id: ID! block: Int! }
  type Mint implements Event @entity(immutable: true) { id: ID! block: Int! to: Holder! amount: BigInt! }
  type Burn implements Event @entity(immutable: true) { id: ID! block: Int! from: Holder! amount: BigInt! }
  type Holder @entity {
    id: Bytes!
    balance: BigInt!
    ratio: BigDecimal
    label: String
    stamp: Timestamp
    seq: Int8
    flag: Boolean
    data: Bytes
    friends: [Holder!]
    mints: [Mint!]! @derivedFrom(field: "to")
  }
  type Counter @entity { id: Int8! value: Int! }
`;

const H1 = "0x00aa";
const H2 = "0x00bb";
const H3 = "0x00cc";

function block(store: Store, number: number, write: (w: EntityWriter) => void): void {
  const batch = store.batch();
  write(batch.block(ptr(number)));
  batch.endBlock();
  batch.commit();
}

function query(store: Store, text: string, variables?: Record<string, unknown>) {
  const result = executeQuery(store, text, variables);
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data ?? {};
}

function errorOf(store: Store, text: string): string {
  const result = executeQuery(store, text);
  return result.errors?.map((e) => e.message).join("; ") ?? "no error";
}

describe("GraphQL API", () => {
  const schema = parseSchema(SDL);
  const dir = tempDir();
  let store: Store;

  beforeAll(() => {
    store = openStore({ path: join(dir.path, "api.sqlite"), schema, deployment: "QmApiTest" });
    block(store, 1, (w) => {
      w.set(
        "Holder",
        H1,
        data({
          balance: big(10n ** 30n),
          ratio: dec("-0.5"),
          label: str("one"),
          stamp: ts(1_700_000_000_123_456n),
          seq: int8(-(2n ** 62n)),
          flag: bool(true),
          data: bytes("0xDEADbeef"),
          friends: list(bytes(H2), bytes(H3)),
        }),
      );
      w.set("Holder", H2, data({ balance: big(1n), label: str("two") }));
      w.set("Holder", H3, data({ balance: big(2n) }));
      w.set("Mint", "m1", data({ block: int(1), to: bytes(H1), amount: big(5n) }));
      w.set("Mint", "m2", data({ block: int(1), to: bytes(H1), amount: big(7n) }));
      for (const id of [10n, -1n, 2n]) w.set("Counter", id.toString(), data({ value: int(Number(id)) }));
    });
    block(store, 2, (w) => {
      w.set("Holder", H2, data({ balance: big(20n) }));
      w.set("Burn", "b1", data({ block: int(2), from: bytes(H2), amount: big(3n) }));
    });
    block(store, 3, (w) => {
      w.remove("Holder", H3);
      w.set("Mint", "m3", data({ block: int(3), to: bytes(H2), amount: big(1n) }));
    });
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it("serialises every scalar as graph-node does", () => {
    const result = query(
      store,
      `{ holder(id: "0x00AA") { id balance ratio label stamp seq flag data friends { id } } }`,
    );
    expect(result.holder).toEqual({
      id: "0x00aa",
      balance: "1000000000000000000000000000000",
      ratio: "-0.5",
      label: "one",
      stamp: "1700000000123456",
      seq: "-4611686018427387904",
      flag: true,
      data: "0xdeadbeef",
      friends: [{ id: "0x00bb" }],
    });
  });

  it("orders Int8 ids numerically and Bytes ids by bytes", () => {
    expect(query(store, `{ counters { id value } }`).counters).toEqual([
      { id: "-1", value: -1 },
      { id: "2", value: 2 },
      { id: "10", value: 10 },
    ]);
    expect(query(store, `{ counter(id: "10") { value } }`).counter).toEqual({ value: 10 });
    expect(query(store, `{ holders(orderDirection: desc) { id } }`).holders).toEqual([
      { id: H2 },
      { id: H1 },
    ]);
  });

  it("resolves references, derived fields and list fields with their own arguments", () => {
    const result = query(
      store,
      `{
        mint(id: "m1") { to { id label } }
        holder(id: "${H1}") {
          mints(orderBy: amount, orderDirection: desc) { id amount }
          firstMint: mints(first: 1, where: { amount_lt: 6 }) { id }
          friends(where: { balance_gt: 5 }) { id balance }
        }
      }`,
    );
    expect(result.mint).toEqual({ to: { id: H1, label: "one" } });
    expect(result.holder).toEqual({
      mints: [
        { id: "m2", amount: "7" },
        { id: "m1", amount: "5" },
      ],
      firstMint: [{ id: "m1" }],
      // H3 is gone at the head, H2's balance is 20.
      friends: [{ id: H2, balance: "20" }],
    });
  });

  it("time-travels with block: { number }, { hash } and { number_gte }, nested fields included", () => {
    const at = (constraint: string) =>
      query(
        store,
        `{ holders(block: ${constraint}) { id balance } burn(id: "b1", block: ${constraint}) { from { balance } } }`,
      );
    expect(at("{ number: 1 }")).toEqual({
      holders: [
        { id: H1, balance: "1000000000000000000000000000000" },
        { id: H2, balance: "1" },
        { id: H3, balance: "2" },
      ],
      burn: null,
    });
    expect(at(`{ hash: "${ptr(2).hash}" }`)).toMatchObject({
      holders: [{ id: H1 }, { id: H2, balance: "20" }, { id: H3 }],
      burn: { from: { balance: "20" } },
    });
    expect(at("{ number_gte: 3 }")).toMatchObject({ holders: [{ id: H1 }, { id: H2 }] });
    const nested = query(store, `{ holder(id: "${H1}", block: { number: 1 }) { friends { id balance } } }`);
    expect(nested.holder).toEqual({
      friends: [
        { id: H2, balance: "1" },
        { id: H3, balance: "2" },
      ],
    });
  });

  it("filters by _change_block", () => {
    const result = query(
      store,
      `{ holders(where: { _change_block: { number_gte: 2 } }) { id } mints(where: { _change_block: { number_gte: 3 } }) { id } }`,
    );
    expect(result).toEqual({ holders: [{ id: H2 }], mints: [{ id: "m3" }] });
  });

  it("queries interfaces across their implementations, ordered and paged", () => {
    const all = query(store, `{ events(orderBy: block, orderDirection: desc) { __typename id block } }`);
    expect(all.events).toEqual([
      { __typename: "Mint", id: "m3", block: 3 },
      { __typename: "Burn", id: "b1", block: 2 },
      { __typename: "Mint", id: "m2", block: 1 },
      { __typename: "Mint", id: "m1", block: 1 },
    ]);
    const page = query(
      store,
      `{ events(first: 2, skip: 1) { id } event(id: "b1") { ... on Burn { amount } } }`,
    );
    expect(page).toEqual({ events: [{ id: "m1" }, { id: "m2" }], event: { amount: "3" } });
  });

  it("answers _meta", () => {
    expect(
      query(store, `{ _meta { block { number hash timestamp parentHash } deployment hasIndexingErrors } }`),
    ).toEqual({
      _meta: {
        block: { number: 3, hash: ptr(3).hash, timestamp: ptr(3).timestamp, parentHash: ptr(2).hash },
        deployment: "QmApiTest",
        hasIndexingErrors: false,
      },
    });
    expect(query(store, `{ _meta(block: { number: 2 }) { block { number hash } } }`)).toEqual({
      _meta: { block: { number: 2, hash: null } },
    });
  });

  it("reports errors with graph-node's messages", () => {
    expect(errorOf(store, `{ holders(first: 1001) { id } }`)).toBe(
      "The `first` argument must be between 0 and 1000, but is 1001",
    );
    expect(errorOf(store, `{ holders(skip: 5001) { id } }`)).toBe(
      "The `skip` argument must be between 0 and 5000, but is 5001",
    );
    expect(errorOf(store, `{ holders(first: -1) { id } }`)).toBe(
      "The `first` argument must be between 0 and 1000, but is -1",
    );
    expect(errorOf(store, `{ holders { id nope } }`)).toBe("Type `Holder` has no field `nope`");
    expect(errorOf(store, `{ holders(block: { number: 9 }) { id } }`)).toBe(
      "Failed to decode `block.number` value: `subgraph QmApiTest has only indexed up to block number 3 and data for block number 9 is therefore not yet available`",
    );
    expect(errorOf(store, `{ holders(block: { number_gte: 4 }) { id } }`)).toBe(
      "Failed to decode `block.number_gte` value: `subgraph QmApiTest has only indexed up to block number 3 and data for block number 4 is therefore not yet available`",
    );
    expect(errorOf(store, `{ holders(block: { hash: "0x1234" }) { id } }`)).toBe(
      "Failed to decode `block.hash` value: `no block with that hash found`",
    );
    expect(errorOf(store, `{ holders(where: { balance_gt: "x" }) { id } }`)).toMatch(
      /`x` is not a valid BigInt/,
    );
    expect(errorOf(store, `{ holders(orderBy: mints) { id } }`)).toBe(
      "Ordering by `mints` is not supported for type `Holder`",
    );
  });

  it("serves the API over HTTP at /subgraphs/name/<name>, with GraphiQL for browsers", async () => {
    const server = createGraphQLServer(store, { name: "dmex/test" });
    const response = await server.fetch("http://localhost/subgraphs/name/dmex/test", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "query($id: ID!) { holder(id: $id) { balance } }",
        variables: { id: H2 },
      }),
    });
    expect(await response.json()).toEqual({ data: { holder: { balance: "20" } } });
    const invalid = await server.fetch("http://localhost/subgraphs/name/dmex/test", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ holders { nope } }" }),
    });
    expect(((await invalid.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      "Type `Holder` has no field `nope`",
    );
    const page = await server.fetch("http://localhost/subgraphs/name/dmex/test", {
      headers: { accept: "text/html" },
    });
    expect(await page.text()).toMatch(/graphiql/i);
    const url = await server.listen(0);
    try {
      const real = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _meta { block { number } } }" }),
      });
      expect(await real.json()).toEqual({ data: { _meta: { block: { number: 3 } } } });
    } finally {
      await server.close();
    }
  });

  it("denies data once the subgraph skipped an error, unless subgraphError: allow", () => {
    const batch = store.batch();
    batch.block(ptr(4));
    batch.endBlock();
    batch.nonFatalError({
      message: "skipped",
      handler: "h",
      blockNumber: 4,
      blockHash: ptr(4).hash,
      deterministic: true,
    });
    batch.commit();
    expect(errorOf(store, `{ holders { id } }`)).toBe("indexing_error");
    expect(query(store, `{ holders(subgraphError: allow) { id } }`).holders).toHaveLength(2);
    expect(query(store, `{ holders(block: { number: 3 }) { id } }`).holders).toHaveLength(2);
    expect(query(store, `{ _meta { hasIndexingErrors } }`)).toEqual({ _meta: { hasIndexingErrors: true } });
  });
});
