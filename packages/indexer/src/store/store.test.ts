import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import type { DynamicDataSource, EntityWriter } from "../types.js";
import { SchemaMismatchError, StoreError, StoreValidationError } from "./errors.js";
import { deleteStore, openStore, type Store } from "./store.js";
import {
  big,
  bool,
  bytes,
  data,
  dec,
  int,
  int8,
  list,
  NULL,
  plainData,
  ptr,
  rng,
  str,
  tempDir,
  ts,
} from "./test-support.js";

const STORE_SDL = `
  enum Color { RED GREEN }
  type Account @entity {
    id: Bytes!
    name: String!
    balance: BigInt!
    score: Int
    tags: [String!]
    color: Color
    owner: Account
    transfers: [Transfer!]! @derivedFrom(field: "from")
  }
  type Transfer @entity(immutable: true) {
    id: ID!
    from: Account!
    amount: BigDecimal!
    at: Timestamp!
    big: Int8
  }
  type Tag @entity { id: Int8! accounts: [Account!]! ok: Boolean! }
`;

const A = "0xaa";
const B = "0xbb";

function account(name: string, balance: bigint) {
  return data({ name: str(name), balance: big(balance) });
}

/** Runs `write` as one block in its own batch and commits it. */
function commitBlock(
  store: Store,
  number: number,
  write: (w: EntityWriter) => void,
  created: DynamicDataSource[] = [],
) {
  const batch = store.batch();
  write(batch.block(ptr(number)));
  batch.endBlock(created);
  batch.commit();
}

describe("store", () => {
  const schema = parseSchema(STORE_SDL);
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openStore({ path: join(dir.path, "db", "store.sqlite"), schema, deployment: "QmStoreTest" });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it("merges a set into the existing entity like graph-node, null clearing a field", () => {
    commitBlock(store, 1, (w) => {
      w.set(
        "Account",
        "0xAA",
        data({ name: str("a"), balance: big(1n), score: int(5), tags: list(str("x")) }),
      );
    });
    commitBlock(store, 2, (w) => {
      w.set("Account", A, data({ balance: big(2n), score: NULL }));
    });
    expect(plainData(store.get("Account", A))).toEqual({
      id: "0xaa",
      name: "a",
      balance: "BigInt:2",
      tags: ["x"],
    });
  });

  it("returns copies: changing what get returned does not change the store", () => {
    commitBlock(store, 1, (w) => {
      w.set("Account", A, account("a", 1n));
      const got = w.get("Account", A);
      got?.set("name", str("changed"));
      expect(plainData(w.get("Account", A))?.name).toBe("a");
    });
    expect(plainData(store.get("Account", A))?.name).toBe("a");
  });

  describe("validation", () => {
    const cases: [string, (w: EntityWriter) => void, RegExp, string | null][] = [
      [
        "unknown entity type",
        (w) => w.set("Nope", "x", data({})),
        /Entity Nope\[x\]: unknown entity type/,
        null,
      ],
      [
        "unknown field",
        (w) => w.set("Account", A, data({ name: str("a"), balance: big(1n), colour: str("RED") })),
        /Entity Account\[0xaa\]: unknown field `colour`/,
        "colour",
      ],
      [
        "wrong value kind",
        (w) => w.set("Account", A, data({ name: str("a"), balance: int(1) })),
        /Entity Account\[0xaa\]: the value `1` for field `balance` must have type BigInt! but has type Int/,
        "balance",
      ],
      [
        "missing non-null field",
        (w) => w.set("Account", A, data({ name: str("a") })),
        /Entity Account\[0xaa\]: missing value for non-nullable field `balance`/,
        "balance",
      ],
      [
        "null for a non-null field",
        (w) => w.set("Account", A, data({ name: str("a"), balance: NULL })),
        /missing value for non-nullable field `balance`/,
        "balance",
      ],
      [
        "derived field",
        (w) => w.set("Account", A, data({ name: str("a"), balance: big(1n), transfers: list() })),
        /field `transfers` is derived and cannot be set/,
        "transfers",
      ],
      [
        "list item of the wrong kind",
        (w) => w.set("Account", A, data({ name: str("a"), balance: big(1n), tags: list(str("x"), int(1)) })),
        /field `tags` is of type \[String!\], but the value `\[x, 1\]` contains a Int at index 1/,
        "tags",
      ],
      [
        "null item in a non-null list",
        (w) => w.set("Account", A, data({ name: str("a"), balance: big(1n), tags: list(NULL) })),
        /contains a Null at index 0/,
        "tags",
      ],
      [
        "value outside the enum",
        (w) => w.set("Account", A, data({ name: str("a"), balance: big(1n), color: str("BLUE") })),
        /`BLUE` for field `color` is not a value of enum Color/,
        "color",
      ],
      [
        "id differing from the key",
        (w) => w.set("Account", A, data({ id: bytes("0xbb"), name: str("a"), balance: big(1n) })),
        /the value of field `id` is `0xbb`/,
        "id",
      ],
      [
        "id of the wrong kind",
        (w) => w.set("Account", A, data({ id: str("0xaa"), name: str("a"), balance: big(1n) })),
        /for field `id` must have type Bytes! but has type String/,
        "id",
      ],
      [
        "malformed Bytes key",
        (w) => w.set("Account", "0xzz", account("a", 1n)),
        /is not a hex Bytes id/,
        "id",
      ],
      [
        "malformed Int8 key",
        (w) => w.set("Tag", "1.5", data({ accounts: list(), ok: bool(true) })),
        /is not an Int8 id/,
        "id",
      ],
      [
        "removing an immutable entity",
        (w) => w.remove("Transfer", "t"),
        /entities of type `Transfer` can not be deleted since they are immutable/,
        null,
      ],
    ];
    it.each(cases)(
      "rejects %s with StoreValidationError naming entity and field",
      (_name, write, message, field) => {
        const batch = store.batch();
        const w = batch.block(ptr(1));
        let caught: unknown;
        try {
          write(w);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(StoreValidationError);
        expect((caught as StoreValidationError).message).toMatch(message);
        expect((caught as StoreValidationError).field).toBe(field);
        batch.discard();
      },
    );

    it("rejects setting an immutable entity that exists from an earlier block, allows it within a block", () => {
      const transfer = () => data({ from: bytes(A), amount: dec("1.5"), at: ts(1n) });
      const batch = store.batch();
      const w1 = batch.block(ptr(1));
      w1.set("Transfer", "t", transfer());
      w1.set("Transfer", "t", data({ amount: dec("2") }));
      batch.endBlock();
      const w2 = batch.block(ptr(2));
      expect(() => w2.set("Transfer", "t", transfer())).toThrow(
        /Entity Transfer\[t\]: entity type `Transfer` is immutable/,
      );
      batch.endBlock();
      batch.commit();
      expect(plainData(store.get("Transfer", "t"))?.amount).toBe("2");
      const later = store.batch();
      expect(() => later.block(ptr(3)).set("Transfer", "t", transfer())).toThrow(StoreValidationError);
      later.discard();
    });
  });

  it("lets a block see committed state, earlier blocks of the batch and its own writes", () => {
    commitBlock(store, 1, (w) => w.set("Account", A, account("a", 1n)));
    const batch = store.batch();
    const w2 = batch.block(ptr(2));
    w2.set("Account", A, data({ balance: big(2n) }));
    w2.set("Account", B, account("b", 5n));
    expect(plainData(w2.getInBlock("Account", A))?.balance).toBe("BigInt:2");
    batch.endBlock();
    const w3 = batch.block(ptr(3));
    expect(plainData(w3.get("Account", A))).toMatchObject({ name: "a", balance: "BigInt:2" });
    expect(w3.getInBlock("Account", A)).toBeNull();
    w3.remove("Account", B);
    expect(w3.get("Account", B)).toBeNull();
    batch.endBlock();
    // Nothing is visible outside the batch before commit.
    expect(plainData(store.get("Account", A))?.balance).toBe("BigInt:1");
    batch.commit();
    expect(plainData(store.get("Account", A))?.balance).toBe("BigInt:2");
    expect(store.get("Account", B)).toBeNull();
    expect(plainData(store.get("Account", B, 2))?.name).toBe("b");
    expect(store.head()?.number).toBe(3);
  });

  it("loadRelated merges the committed state with the batch's writes", () => {
    const transfer = (from: string) => data({ from: bytes(from), amount: dec("1"), at: ts(1n) });
    commitBlock(store, 1, (w) => {
      w.set("Account", A, account("a", 1n));
      w.set("Account", B, account("b", 1n));
      w.set("Transfer", "t1", transfer(A));
      w.set("Transfer", "t2", transfer(B));
      w.set("Tag", "7", data({ accounts: list(bytes(A), bytes(B)), ok: bool(true) }));
    });
    const batch = store.batch();
    const w = batch.block(ptr(2));
    w.set("Transfer", "t3", transfer(A));
    const ids = w.loadRelated("Account", A, "transfers").map((d) => plainData(d)?.id);
    expect(ids.sort()).toEqual(["t1", "t3"]);
    expect(w.loadRelated("Account", B, "transfers").map((d) => plainData(d)?.id)).toEqual(["t2"]);
    expect(() => w.loadRelated("Account", A, "name")).toThrow(/not a @derivedFrom field/);
    batch.discard();
  });

  it("undoes only the writes after a savepoint (a handler skipped under nonFatalErrors)", () => {
    const C = "0xcc";
    commitBlock(store, 1, (w) => {
      w.set("Account", A, account("a", 1n));
      w.set("Account", C, account("c", 1n));
    });
    const batch = store.batch();
    const w = batch.block(ptr(2));
    // An earlier handler of the block, kept.
    w.set("Account", A, data({ balance: big(2n) }));
    const undo = w.savepoint();
    // The failing handler: writes over the earlier handler's write, creates, removes, and writes twice.
    w.set("Account", A, data({ balance: big(3n) }));
    w.set("Account", B, account("b", 1n));
    w.set("Account", B, data({ balance: big(4n) }));
    w.remove("Account", C);
    undo();
    expect(plainData(w.get("Account", A))?.balance).toBe("BigInt:2");
    expect(w.get("Account", B)).toBeNull();
    expect(w.getInBlock("Account", C)).toBeNull();
    expect(plainData(w.get("Account", C))?.name).toBe("c");
    // A later handler of the block builds on the kept state.
    w.set("Account", C, data({ balance: big(5n) }));
    batch.endBlock();
    expect(() => undo()).toThrow(/block 2 has ended; its savepoint is gone/);
    batch.commit();
    expect(plainData(store.get("Account", A))?.balance).toBe("BigInt:2");
    expect(store.get("Account", B)).toBeNull();
    expect(plainData(store.get("Account", C))).toMatchObject({ name: "c", balance: "BigInt:5" });
    expect(plainData(store.get("Account", C, 1))?.balance).toBe("BigInt:1");
  });

  it("enforces block order and closes a writer when its block ends", () => {
    commitBlock(store, 5, (w) => w.set("Account", A, account("a", 1n)));
    const batch = store.batch();
    expect(() => batch.block(ptr(5))).toThrow(/block 5 does not follow block 5/);
    const w = batch.block(ptr(6));
    batch.endBlock();
    expect(() => w.set("Account", A, account("x", 1n))).toThrow(/block 6 has ended/);
    expect(() => store.batch()).toThrow(/a batch is already open/);
    batch.commit();
    expect(() => batch.block(ptr(7))).toThrow(/already committed/);
  });

  describe("atomicity", () => {
    it("a discarded batch (a handler threw mid-way) leaves nothing", () => {
      commitBlock(store, 1, (w) => w.set("Account", A, account("a", 1n)));
      const before = store.dump();
      const batch = store.batch();
      const w2 = batch.block(ptr(2));
      w2.set("Account", A, data({ balance: big(9n) }));
      batch.endBlock([{ template: "T", params: ["0x01"], context: null, creationBlock: 2 }]);
      const w3 = batch.block(ptr(3));
      w3.set("Account", B, account("b", 1n));
      try {
        w3.set("Account", B, data({ balance: int(3) }));
      } catch {
        batch.discard();
      }
      expect(store.dump()).toEqual(before);
      expect(store.head()?.number).toBe(1);
    });

    it("a commit failing half-way through the transaction leaves nothing", () => {
      commitBlock(store, 1, (w) => w.set("Account", A, account("a", 1n)));
      const before = store.dump();
      const batch = store.batch();
      const w2 = batch.block(ptr(2));
      w2.set("Account", A, data({ balance: big(9n) }));
      w2.set("Account", B, account("b", 1n));
      batch.endBlock();
      const w3 = batch.block(ptr(3));
      // Passes validation but SQLite cannot bind it: the failure comes after block 2 was written.
      w3.set("Transfer", "t", data({ from: bytes(A), amount: dec("1"), at: ts(1n), big: int8(2n ** 70n) }));
      batch.endBlock();
      expect(() => batch.commit()).toThrow();
      expect(store.dump()).toEqual(before);
      expect(store.head()?.number).toBe(1);
    });
  });

  it("time-travels: get at a block returns that block's version", () => {
    commitBlock(store, 1, (w) => w.set("Account", A, account("a", 1n)));
    commitBlock(store, 3, (w) => w.set("Account", A, data({ balance: big(3n) })));
    commitBlock(store, 5, (w) => w.remove("Account", A));
    commitBlock(store, 7, (w) => w.set("Account", A, account("again", 7n)));
    const at = (block: number) => plainData(store.get("Account", A, block));
    expect(at(0)).toBeNull();
    expect(at(1)?.balance).toBe("BigInt:1");
    expect(at(2)?.balance).toBe("BigInt:1");
    expect(at(3)?.balance).toBe("BigInt:3");
    expect(at(4)?.balance).toBe("BigInt:3");
    expect(at(5)).toBeNull();
    expect(at(6)).toBeNull();
    expect(at(7)).toMatchObject({ name: "again", balance: "BigInt:7" });
  });

  it("stores dynamic data sources with their context and reverts them", () => {
    const context = data({ n: int(1), b: bytes("0x0102"), x: big(-5n), l: list(str("a"), NULL) });
    const source = (block: number): DynamicDataSource => ({
      template: "Pool",
      params: [`0x${block.toString(16).padStart(40, "0")}`],
      context: block === 2 ? context : null,
      creationBlock: block,
    });
    commitBlock(store, 2, () => {}, [source(2)]);
    commitBlock(store, 4, () => {}, [source(4)]);
    expect(store.dynamicDataSources()).toEqual([source(2), source(4)]);
    store.revertTo(3);
    expect(store.dynamicDataSources()).toEqual([source(2)]);
  });

  it("keeps block pointers, the head, indexing errors and the fatal error, and reverts them", () => {
    commitBlock(store, 1, () => {});
    const batch = store.batch();
    batch.block(ptr(2));
    batch.endBlock();
    batch.nonFatalError({
      message: "boom",
      handler: "handleX",
      blockNumber: 2,
      blockHash: ptr(2).hash,
      deterministic: true,
    });
    batch.commit(ptr(4));
    expect(store.head()).toEqual(ptr(4));
    expect(store.blockPtr(2)).toEqual(ptr(2));
    expect(store.blockPtrByHash(ptr(4).hash)).toEqual(ptr(4));
    expect(store.recentBlockPtrs(2)).toEqual([ptr(4), ptr(2)]);
    expect(store.meta()).toMatchObject({
      hasIndexingErrors: true,
      health: "unhealthy",
      deployment: "QmStoreTest",
    });
    store.setFatalError({
      message: "fatal",
      handler: null,
      blockNumber: 4,
      blockHash: ptr(4).hash,
      deterministic: false,
    });
    expect(store.meta()).toMatchObject({ health: "failed", fatalError: { message: "fatal" } });
    store.revertTo(1);
    expect(store.meta()).toMatchObject({
      hasIndexingErrors: false,
      health: "healthy",
      fatalError: null,
      head: ptr(1),
    });
    expect(store.blockPtr(2)).toBeNull();
  });

  it("prunes block pointers beyond the retention and refuses to revert past them", () => {
    store.close();
    store = openStore({ path: join(dir.path, "pruned.sqlite"), schema, blockRetention: 5 });
    for (let n = 1; n <= 5; n++) commitBlock(store, n, () => {});
    expect(store.prunedBelow()).toBeNull();
    for (let n = 6; n <= 20; n++) commitBlock(store, n, () => {});
    expect(store.prunedBelow()).toBe(15);
    expect(store.blockPtrsAtOrBelow(17, 2)).toEqual([ptr(17), ptr(16)]);
    expect(store.blockPtrsAtOrBelow(16, 10)).toEqual([ptr(16), ptr(15)]);
    expect(store.blockPtr(14)).toBeNull();
    expect(store.blockPtr(15)).toEqual(ptr(15));
    expect(() => store.revertTo(10)).toThrow(/block pointers below 15 are no longer kept/);
    store.revertTo(16);
    expect(store.head()).toEqual(ptr(16));
  });

  it("persists across reopening, refuses another schema and resets", () => {
    const path = join(dir.path, "db", "store.sqlite");
    commitBlock(store, 1, (w) => w.set("Account", A, account("a", 1n)));
    store.close();
    store = openStore({ path, schema });
    expect(store.deployment).toBe("QmStoreTest");
    expect(store.head()).toEqual(ptr(1));
    expect(plainData(store.get("Account", A))?.name).toBe("a");
    const other = parseSchema(STORE_SDL.replace("score: Int", "score: BigInt"));
    expect(() => openStore({ path, schema: other })).toThrow(SchemaMismatchError);
    expect(() => openStore({ path, schema: other })).toThrow(/created for a different schema/);
    store.reset();
    expect(store.head()).toBeNull();
    expect(store.get("Account", A)).toBeNull();
    commitBlock(store, 1, (w) => w.set("Account", A, account("b", 1n)));
    expect(plainData(store.get("Account", A))?.name).toBe("b");
  });

  it("deleteStore removes the database and its WAL files", () => {
    const path = join(dir.path, "gone.sqlite");
    const other = openStore({ path, schema });
    commitBlock(other, 1, (w) => w.set("Account", A, account("a", 1n)));
    other.close();
    expect(existsSync(path)).toBe(true);
    deleteStore(path);
    for (const suffix of ["", "-wal", "-shm"]) expect(existsSync(`${path}${suffix}`)).toBe(false);
  });

  it("refuses to move the head backwards without a revert", () => {
    commitBlock(store, 5, () => {});
    expect(() => store.batch().commit(ptr(3))).toThrow(StoreError);
  });
});

/** The writes of block `n`, the same whichever store runs them (given the same state). */
function writeBlock(w: EntityWriter, n: number): DynamicDataSource[] {
  const next = rng(n * 7919);
  const ids = ["0x01", "0x02", "0x03", "0x04", "0x05", "0x06"];
  const pick = () => ids[Math.floor(next() * ids.length)] ?? "0x01";
  const ops = 1 + Math.floor(next() * 6);
  for (let i = 0; i < ops; i++) {
    const id = pick();
    const r = next();
    if (r < 0.2) {
      w.remove("Account", id);
    } else if (r < 0.6 || w.get("Account", id) === null) {
      w.set(
        "Account",
        id,
        data({ name: str(`n${n}-${i}`), balance: big(BigInt(Math.floor(next() * 1e6)) - 500_000n) }),
      );
    } else {
      w.set(
        "Account",
        id,
        data({ score: next() < 0.3 ? NULL : int(n), owner: bytes(pick()), tags: list(str(`t${i}`)) }),
      );
    }
    if (next() < 0.3 && w.get("Account", id)) {
      w.set(
        "Transfer",
        `t-${n}-${i}`,
        data({ from: bytes(id), amount: dec(`${n}.${i}`), at: ts(BigInt(n) * 1_000_000n) }),
      );
    }
  }
  return next() < 0.2 ? [{ template: "T", params: [`p${n}`], context: null, creationBlock: n }] : [];
}

describe("revert", () => {
  const schema = parseSchema(STORE_SDL);

  function run(store: Store, blocks: readonly number[], batchSizes: () => number) {
    let i = 0;
    while (i < blocks.length) {
      const batch = store.batch();
      const size = batchSizes();
      for (const n of blocks.slice(i, i + size)) {
        const created = writeBlock(batch.block(ptr(n)), n);
        batch.endBlock(created);
        if (n % 9 === 0) {
          batch.nonFatalError({
            message: `e${n}`,
            handler: "h",
            blockNumber: n,
            blockHash: ptr(n).hash,
            deterministic: true,
          });
        }
      }
      batch.commit();
      i += size;
    }
  }

  it.each([0, 1, 7, 13, 22, 29])("revertTo(%i) equals a store that only saw blocks up to it", (target) => {
    const dir = tempDir();
    try {
      const blocks = Array.from({ length: 30 }, (_, k) => k + 1);
      const full = openStore({ path: join(dir.path, "full.sqlite"), schema, deployment: "Qm" });
      const partial = openStore({ path: join(dir.path, "partial.sqlite"), schema, deployment: "Qm" });
      const sizes = rng(target + 1);
      run(full, blocks, () => 1 + Math.floor(sizes() * 5));
      run(
        partial,
        blocks.filter((n) => n <= target),
        () => 2,
      );
      full.revertTo(target);
      expect(full.dump()).toEqual(partial.dump());
      // And the reverted store continues exactly like the other one.
      run(full, [target + 1, target + 2], () => 1);
      run(partial, [target + 1, target + 2], () => 2);
      expect(full.dump()).toEqual(partial.dump());
      full.close();
      partial.close();
    } finally {
      dir.remove();
    }
  });
});
