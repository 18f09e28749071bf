import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import type { DynamicDataSource, EntityWriter } from "../types.js";
import { checkGraftBase, GraftError, readGraftBase } from "./graft.js";
import { openStore, type Store } from "./store.js";
import { big, data, plainData, ptr, str, tempDir } from "./test-support.js";

const BASE_SDL = `
  type Account @entity(immutable: false) { id: ID! name: String! balance: BigInt! }
  type Transfer @entity(immutable: true) { id: ID! amount: BigInt! }
  type Dropped @entity(immutable: true) { id: ID! }
`;
// Graft-compatible: a nullable attribute added, a type added, a type removed.
const GRAFTED_SDL = `
  type Account @entity(immutable: false) { id: ID! name: String! balance: BigInt! note: String }
  type Transfer @entity(immutable: true) { id: ID! amount: BigInt! }
  type Added @entity(immutable: true) { id: ID! }
`;

function commitBlock(
  store: Store,
  n: number,
  write: (w: EntityWriter) => void,
  created: DynamicDataSource[] = [],
) {
  const batch = store.batch();
  write(batch.block(ptr(n)));
  batch.endBlock(created);
  if (n === 2)
    batch.nonFatalError({
      message: "skipped",
      handler: "h",
      blockNumber: 2,
      blockHash: ptr(2).hash,
      deterministic: true,
    });
  if (n === 5)
    batch.nonFatalError({
      message: "late",
      handler: "h",
      blockNumber: 5,
      blockHash: ptr(5).hash,
      deterministic: true,
    });
  batch.commit();
}

const account = (name: string, balance: bigint) => data({ name: str(name), balance: big(balance) });
const source = (template: string, n: number): DynamicDataSource => ({
  template,
  params: [`0x${n}`],
  context: null,
  creationBlock: n,
});

describe("grafting a store onto a base database", () => {
  let dir: ReturnType<typeof tempDir>;
  let basePath: string;
  const graft = { base: "QmBase", block: 3 };

  beforeEach(() => {
    dir = tempDir();
    basePath = join(dir.path, "base.sqlite");
    const base = openStore({ path: basePath, schema: parseSchema(BASE_SDL), schemaText: BASE_SDL });
    commitBlock(base, 1, (w) => {
      w.set("Account", "a", account("a", 1n));
      w.set("Account", "b", account("b", 10n));
      w.set("Transfer", "t1", data({ amount: big(1n) }));
      w.set("Dropped", "d", data({}));
    });
    commitBlock(base, 2, (w) => w.set("Account", "a", account("a", 2n)), [source("Pool", 2)]);
    // b changes after the graft block and c appears after it: neither may reach the grafted store.
    commitBlock(base, 3, (w) => w.remove("Account", "a"));
    commitBlock(
      base,
      4,
      (w) => {
        w.set("Account", "b", account("b", 40n));
        w.set("Account", "c", account("c", 4n));
        w.set("Transfer", "t4", data({ amount: big(4n) }));
      },
      [source("Other", 4)],
    );
    commitBlock(base, 5, (w) => w.set("Account", "a", account("a", 5n)));
    base.close();
  });
  afterEach(() => dir.remove());

  it("copies the base's versions, data sources, errors and pointers as of the graft block", () => {
    const schema = parseSchema(GRAFTED_SDL);
    const store = openStore({ path: join(dir.path, "grafted.sqlite"), schema, schemaText: GRAFTED_SDL });
    const base = readGraftBase(basePath, graft);
    expect(base.head?.number).toBe(5);
    expect([...base.templates]).toEqual(["Pool"]);
    checkGraftBase(base, graft, schema, new Set(["Pool"]), join(dir.path, "grafted.sqlite"));
    store.graftFrom(base, ptr(3), { base: "QmBase", block: 3, from: basePath });

    expect(store.head()).toEqual(ptr(3));
    expect(store.graftRecord()).toEqual({ base: "QmBase", block: 3, from: basePath });
    // History up to the graft block answers as the base did; b's version that the base closed at 4 is open.
    expect(plainData(store.get("Account", "a", 1))).toEqual({
      id: "a",
      name: "a",
      balance: "BigInt:1",
    });
    expect(plainData(store.get("Account", "a", 2))).toEqual({
      id: "a",
      name: "a",
      balance: "BigInt:2",
    });
    expect(store.get("Account", "a", 3)).toBeNull();
    expect(plainData(store.get("Account", "b", 1_000))).toEqual({
      id: "b",
      name: "b",
      balance: "BigInt:10",
    });
    expect(store.get("Account", "c", 1_000)).toBeNull();
    expect(store.get("Transfer", "t4", 1_000)).toBeNull();
    expect(plainData(store.get("Transfer", "t1", 1_000))).toEqual({ id: "t1", amount: "BigInt:1" });
    const dump = store.dump();
    expect(dump.entities.Account?.map((v) => [v.id, v.block_from, v.block_to])).toEqual([
      ["a", "1", "2"],
      ["a", "2", "3"],
      ["b", "1", "2147483647"],
    ]);
    expect(dump.dataSources).toEqual([source("Pool", 2)]);
    expect(dump.errors.map((e) => e.message)).toEqual(["skipped"]);
    expect(dump.blocks.map((b) => b.number)).toEqual([1, 2, 3]);

    // Indexing goes on from the next block, closing copied versions; the base is untouched.
    commitBlock(store, 4, (w) =>
      w.set("Account", "b", data({ name: str("b"), balance: big(7n), note: str("x") })),
    );
    expect(plainData(store.get("Account", "b"))).toEqual({
      id: "b",
      name: "b",
      balance: "BigInt:7",
      note: "x",
    });
    expect(plainData(store.get("Account", "b", 3))).toMatchObject({ balance: "BigInt:10" });
    store.close();
    expect(readGraftBase(basePath, graft).head?.number).toBe(5);
  });

  it("refuses a base graph-node would refuse, saying why", () => {
    const schema = parseSchema(GRAFTED_SDL);
    const own = join(dir.path, "grafted.sqlite");
    const base = readGraftBase(basePath, graft);
    const check = (
      g: { base: string; block: number },
      s = schema,
      templates = new Set(["Pool"]),
      db = own,
    ) => {
      try {
        checkGraftBase(readGraftBase(basePath, g), g, s, templates, db);
      } catch (error) {
        expect(error).toBeInstanceOf(GraftError);
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(check({ base: "QmBase", block: 9 })).toBe(
      `failed to graft onto \`QmBase\` (${basePath}) at block 9 since it has only processed block 5`,
    );
    expect(
      check(
        graft,
        parseSchema("type Account @entity(immutable: false) { id: ID! name: String! flag: Boolean! }"),
      ),
    ).toBe(
      `the schema is not compatible with the graft base \`QmBase\` (${basePath}): The attribute Account.flag is non-nullable, but there is no such attribute in the source`,
    );
    expect(check(graft, schema, new Set())).toBe(
      `the graft base \`QmBase\` (${basePath}) created data sources of template Pool up to block 3, but this subgraph has no template of that name`,
    );
    // Template Other was created after the graft block: not needed.
    expect(check(graft)).toBe("accepted");
    expect(check(graft, schema, new Set(["Pool"]), basePath)).toBe(
      `the graft base ${basePath} is this subgraph's own database`,
    );
    expect(base.fatalError).toBeNull();

    const failedPath = join(dir.path, "failed.sqlite");
    const failed = openStore({ path: failedPath, schema: parseSchema(BASE_SDL), schemaText: BASE_SDL });
    commitBlock(failed, 1, (w) => w.set("Account", "a", account("a", 1n)));
    commitBlock(failed, 4, (w) => w.set("Account", "a", account("a", 4n)));
    failed.setFatalError({
      message: "boom",
      handler: "h",
      blockNumber: 5,
      blockHash: ptr(5).hash,
      deterministic: true,
    });
    failed.close();
    const failedBase = (block: number) => {
      try {
        checkGraftBase(
          readGraftBase(failedPath, { base: "QmF", block }),
          { base: "QmF", block },
          schema,
          new Set(),
          own,
        );
        return "accepted";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(failedBase(4)).toBe(
      `failed to graft onto \`QmF\` (${failedPath}) at block 4 since it's not healthy (it failed at block 5). You can graft it starting at block 3 backwards`,
    );
    expect(failedBase(3)).toBe("accepted");

    const empty = join(dir.path, "empty.sqlite");
    openStore({ path: empty, schema: parseSchema(BASE_SDL), schemaText: BASE_SDL }).close();
    expect(() => checkGraftBase(readGraftBase(empty, graft), graft, schema, new Set(), own)).toThrow(
      `failed to graft onto \`QmBase\` (${empty}) since it has not processed any blocks`,
    );
    const old = join(dir.path, "old.sqlite");
    openStore({ path: old, schema: parseSchema(BASE_SDL) }).close();
    expect(() => readGraftBase(old, graft)).toThrow(/does not record its schema/);
    expect(() => readGraftBase(join(dir.path, "none.sqlite"), graft)).toThrow(/does not exist/);
  });
});
