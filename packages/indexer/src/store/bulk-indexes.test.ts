import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import { BULK_INSERT_ROWS } from "./bulk-indexes.js";
import { openStore, type Store } from "./store.js";
import { big, bytes, data, dec, int8, ptr, str, tempDir, ts, withDatabase } from "./test-support.js";

const SDL = `
  type Account @entity {
    id: Bytes!
    name: String!
    balance: BigInt!
  }
  type Transfer @entity(immutable: true) {
    id: ID!
    from: Account!
    amount: BigDecimal!
    at: Timestamp!
    big: Int8
  }
`;

const schema = parseSchema(SDL);
const ROWS = BULK_INSERT_ROWS + 100;
// Enough distinct accounts that the first batch bulk-loads their table too, versions closed across blocks.
const accountId = (i: number) => `0x${(i % 3000).toString(16).padStart(4, "0")}`;

/** Writes blocks `from..to`, `perBlock` transfers each, in one batch; every transfer also updates an account. */
function writeBlocks(store: Store, from: number, to: number, perBlock: number): void {
  const batch = store.batch();
  for (let n = from; n <= to; n++) {
    const w = batch.block(ptr(n));
    for (let i = 0; i < perBlock; i++) {
      const id = accountId(n * perBlock + i);
      w.set("Account", id, data({ name: str(`a${n}-${i}`), balance: big(BigInt(n * 1000 + i)) }));
      w.set(
        "Transfer",
        `t-${n}-${i}`,
        data({ from: bytes(id), amount: dec(`${n}.${i}`), at: ts(BigInt(n)) }),
      );
    }
    batch.endBlock();
  }
  batch.commit();
}

/** The indexes SQLite has, as another connection sees them. */
function indexes(path: string): { name: string; sql: string }[] {
  return withDatabase(
    path,
    (db) =>
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .all() as { name: string; sql: string }[],
    true,
  );
}

describe("bulk batches", () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, "bulk.sqlite");
    store = openStore({ path, schema, deployment: "QmBulk" });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it("end with the same indexes and rows as batches too small to rebuild them", () => {
    const expected = indexes(path);
    // One batch over the threshold (the indexes are rebuilt), then one below it (they are kept).
    writeBlocks(store, 1, 10, ROWS / 10);
    writeBlocks(store, 11, 12, 10);
    expect(indexes(path)).toEqual(expected);

    const small = openStore({ path: join(dir.path, "small.sqlite"), schema, deployment: "QmBulk" });
    try {
      for (let n = 1; n <= 10; n++) writeBlocks(small, n, n, ROWS / 10);
      writeBlocks(small, 11, 12, 10);
      expect(store.dump()).toEqual(small.dump());
      // Time travel and reverts find every block's versions through the rebuilt indexes.
      expect(store.get("Account", accountId(7), 5)).toEqual(small.get("Account", accountId(7), 5));
      store.revertTo(6);
      small.revertTo(6);
      expect(store.dump()).toEqual(small.dump());
    } finally {
      small.close();
    }
  });

  it("a bulk commit failing half-way leaves the table and its indexes as they were", () => {
    writeBlocks(store, 1, 1, 10);
    const before = store.dump();
    const expected = indexes(path);
    const batch = store.batch();
    for (let n = 2; n <= 3; n++) {
      const w = batch.block(ptr(n));
      for (let i = 0; i < ROWS / 2; i++) {
        w.set("Transfer", `u-${n}-${i}`, data({ from: bytes("0x01"), amount: dec("1"), at: ts(1n) }));
      }
      batch.endBlock();
    }
    const w = batch.block(ptr(4));
    // Passes validation but SQLite cannot bind it: the failure comes after the other rows were inserted.
    w.set(
      "Transfer",
      "bad",
      data({ from: bytes("0x01"), amount: dec("1"), at: ts(1n), big: int8(2n ** 70n) }),
    );
    batch.endBlock();
    expect(() => batch.commit()).toThrow();
    batch.discard();
    expect(store.dump()).toEqual(before);
    expect(indexes(path)).toEqual(expected);
    expect(store.head()?.number).toBe(1);
  });
});

describe("the batch's transaction", () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, "txn.sqlite");
    store = openStore({ path, schema, deployment: "QmTxn" });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const committedTransfers = () =>
    withDatabase(
      path,
      (db) => (db.prepare('SELECT count(*) AS n FROM "e_Transfer"').get() as { n: number }).n,
      true,
    );

  it("other connections see a batch's rows once it commits, not before", () => {
    const batch = store.batch();
    batch.block(ptr(1)).set("Transfer", "t", data({ from: bytes("0x01"), amount: dec("1"), at: ts(1n) }));
    batch.endBlock();
    expect(committedTransfers()).toBe(0);
    batch.commit();
    expect(committedTransfers()).toBe(1);
    // The next batch starts its own transaction.
    writeBlocks(store, 2, 2, 1);
    expect(committedTransfers()).toBe(2);
  });

  it("keeps what other code wrote while a batch was open, also when the batch is discarded", () => {
    const batch = store.batch();
    batch.block(ptr(1)).set("Transfer", "t", data({ from: bytes("0x01"), amount: dec("1"), at: ts(1n) }));
    store.setSynced(true);
    batch.discard();
    expect(store.meta().synced).toBe(true);
    expect(committedTransfers()).toBe(0);
    writeBlocks(store, 1, 1, 1);
    expect(committedTransfers()).toBe(1);
  });
});
