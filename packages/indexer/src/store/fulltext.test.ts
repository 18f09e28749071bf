import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import type { EntityWriter } from "../types.js";
import { openStore, type Store } from "./store.js";
import { data, ptr, rng, str, tempDir, withDatabase } from "./test-support.js";

const SDL = `
  type _Schema_ @fulltext(name: "docSearch", language: en, algorithm: rank,
    include: [{ entity: "Doc", fields: [{ name: "title" }, { name: "body" }] }])
  type Doc @entity { id: ID! title: String! body: String }
`;
const WORDS = ["alpha", "bravo", "charlie", "delta", "echo"];

/** FTS5's own check that the index holds exactly the content table's rows (throws when it does not). */
function integrityCheck(path: string): void {
  withDatabase(path, (db) =>
    db.prepare(`INSERT INTO "ft_docSearch" ("ft_docSearch", rank) VALUES ('integrity-check', 1)`).run(),
  );
}

function writeBlocks(store: Store, from: number, to: number, fork: string, random: () => number): void {
  for (let n = from; n <= to; n++) {
    const batch = store.batch();
    const w: EntityWriter = batch.block(ptr(n, fork));
    for (let i = 0; i < 5; i++) {
      const word = () => WORDS[Math.floor(random() * WORDS.length)] ?? "alpha";
      const id = `d${Math.floor(random() * 8)}`;
      if (random() < 0.15) w.remove("Doc", id);
      else w.set("Doc", id, data({ title: str(word()), body: str(`${word()} ${word()}`) }));
    }
    batch.endBlock();
    batch.commit();
  }
}

describe("fulltext index upkeep", () => {
  const dir = tempDir();
  const schema = parseSchema(SDL);
  afterAll(() => dir.remove());

  /** Closes `store`, checks its index from another connection, and opens it again. */
  function checked(store: Store): Store {
    store.close();
    integrityCheck(store.path);
    return openStore({ path: store.path, schema });
  }

  it("stays equal to the entity versions through writes, reverts (reused vids) and resets", () => {
    const random = rng(3);
    let store = openStore({ path: join(dir.path, "upkeep.sqlite"), schema });
    writeBlocks(store, 1, 30, "", random);
    store = checked(store);
    // Reverting deletes the newest versions, whose vids the next inserts take again.
    store.revertTo(12);
    writeBlocks(store, 13, 40, "f", random);
    store = checked(store);
    store.reset();
    checked(store).close();
  });

  it("the check catches an index that missed a delete", () => {
    const path = join(dir.path, "broken.sqlite");
    const store = openStore({ path, schema });
    writeBlocks(store, 1, 5, "", rng(4));
    store.close();
    withDatabase(path, (db) =>
      db.exec(`DROP TRIGGER "ft_docSearch__delete"; DELETE FROM "e_Doc" WHERE block_from = 5`),
    );
    expect(() => integrityCheck(path)).toThrow(/malformed|corrupt/i);
  });
});
