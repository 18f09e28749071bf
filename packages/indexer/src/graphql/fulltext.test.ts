import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import { openStore, type Store } from "../store/store.js";
import { data, ptr, str, tempDir } from "../store/test-support.js";
import type { EntityWriter } from "../types.js";
import { executeQuery } from "./execute.js";

const SDL = `
  type _Schema_ @fulltext(
    name: "reviewSearch"
    language: en
    algorithm: rank
    include: [{ entity: "Review", fields: [{ name: "title" }, { name: "body" }] }]
  )
  type Author @entity { id: ID! name: String! }
  type Review @entity { id: ID! title: String! body: String author: Author! }
`;

function block(store: Store, number: number, write: (w: EntityWriter) => void, fork = ""): void {
  const batch = store.batch();
  write(batch.block(ptr(number, fork)));
  batch.endBlock();
  batch.commit();
}

function review(title: string, body: string | null, author: string) {
  return data({ title: str(title), ...(body === null ? {} : { body: str(body) }), author: str(author) });
}

function search(store: Store, args: string): unknown {
  const result = executeQuery(store, `{ reviewSearch(${args}) { id } }`);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("; "));
  const rows = (result.data?.reviewSearch ?? []) as { id: string }[];
  return rows.map((r) => r.id);
}

function errorOf(store: Store, args: string): string {
  return executeQuery(store, `{ reviewSearch(${args}) { id } }`).errors?.[0]?.message ?? "no error";
}

describe("@fulltext search fields", () => {
  const dir = tempDir();
  let store: Store;

  beforeAll(() => {
    store = openStore({
      path: join(dir.path, "search.sqlite"),
      schema: parseSchema(SDL),
      deployment: "QmSearch",
    });
    block(store, 1, (w) => {
      w.set("Author", "a1", data({ name: str("Baden") }));
      w.set("Author", "a2", data({ name: str("Anonymous") }));
      w.set("Review", "r1", review("Bad musicians", "they played out of tune", "a1"));
      w.set("Review", "r2", review("Great band", null, "a2"));
      w.set("Review", "r3", review("Running late", "the musicians kept running", "a2"));
    });
    block(store, 2, (w) => {
      w.set("Review", "r2", review("Great band", "great musicians musicians", "a2"));
      w.remove("Review", "r1");
    });
    block(store, 3, (w) => {
      w.set("Review", "r4", review("Hall of fame", "breaks and electro from Detroit", "a1"));
    });
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it("matches stemmed words across the included fields at the head", () => {
    expect(search(store, `text: "musician"`)).toEqual(["r3", "r2"]);
    expect(search(store, `text: "run"`)).toEqual(["r3"]);
    expect(search(store, `text: "detroit & electro"`)).toEqual(["r4"]);
    expect(search(store, `text: "tune"`)).toEqual([]);
  });

  it("orders as graph-node does: rank ascending, so the strongest match comes last", () => {
    // Same field lengths; r2's body says "musicians" twice and r3's once.
    expect(search(store, `text: "musicians"`)).toEqual(["r3", "r2"]);
    expect(search(store, `text: "musicians", first: 1`)).toEqual(["r3"]);
    expect(search(store, `text: "musicians", skip: 1`)).toEqual(["r2"]);
  });

  it("reads the versions of the block asked for (time travel)", () => {
    expect(search(store, `text: "musicians", block: { number: 1 }`)).toEqual(["r1", "r3"]);
    expect(search(store, `text: "tune", block: { number: 1 }`)).toEqual(["r1"]);
    expect(search(store, `text: "detroit", block: { number: 2 }`)).toEqual([]);
    expect(search(store, `text: "great & musician", block: { number: 1 }`)).toEqual([]);
    expect(search(store, `text: "great & musician", block: { number: 2 }`)).toEqual(["r2"]);
  });

  it("supports graph-node's operators: | , <-> , :* and & !", () => {
    expect(search(store, `text: "tune | detroit", block: { number: 3 }`)).toEqual(["r4"]);
    expect(search(store, `text: "kept <-> running"`)).toEqual(["r3"]);
    expect(search(store, `text: "running <-> kept"`)).toEqual([]);
    expect(search(store, `text: "elec:*"`)).toEqual(["r4"]);
    expect(search(store, `text: "musicians & !great"`)).toEqual(["r3"]);
    expect(search(store, `text: "'hall of fame'"`)).toEqual(["r4"]);
    // Stop words only: Postgres matches nothing.
    expect(search(store, `text: "the | of"`)).toEqual([]);
  });

  it("combines the search with where filters", () => {
    expect(search(store, `text: "musicians", where: { author_: { name: "Anonymous" } }`)).toEqual([
      "r3",
      "r2",
    ]);
    expect(search(store, `text: "musicians", where: { id_not: "r2" }`)).toEqual(["r3"]);
    expect(search(store, `text: "musicians", block: { number: 1 }, where: { author: "a1" }`)).toEqual(["r1"]);
  });

  it("answers bad search text with graph-node's errors", () => {
    expect(errorOf(store, `text: "breaks electro"`)).toBe(
      'Invalid fulltext search query syntax. Error: syntax error in tsquery: "breaks electro". Hint: Search terms with spaces need to be enclosed in single quotes',
    );
    expect(errorOf(store, `text: "!great"`)).toMatch(/FTS5 has no unary NOT/);
    expect(errorOf(store, `text: "a", first: 1001`)).toMatch(/`first` argument must be between 0 and 1000/);
    expect(errorOf(store, `first: 1`)).toMatch(/argument "text" of type "String!" is required/);
  });

  it("forgets reverted versions and indexes the new branch after a reorg", () => {
    const path = join(dir.path, "reorg.sqlite");
    const reorged = openStore({ path, schema: parseSchema(SDL), deployment: "QmReorg" });
    try {
      block(reorged, 1, (w) => {
        w.set("Author", "a1", data({ name: str("Baden") }));
        w.set("Review", "r1", review("Bad musicians", null, "a1"));
      });
      block(reorged, 2, (w) => {
        w.set("Review", "r1", review("Fine musicians", null, "a1"));
        w.set("Review", "r2", review("Electro nights", null, "a1"));
      });
      expect(search(reorged, `text: "fine"`)).toEqual(["r1"]);
      reorged.revertTo(1);
      expect(search(reorged, `text: "fine | electro"`)).toEqual([]);
      expect(search(reorged, `text: "bad"`)).toEqual(["r1"]);
      block(
        reorged,
        2,
        (w) => {
          w.set("Review", "r3", review("Detroit techno", null, "a1"));
        },
        "f",
      );
      expect(search(reorged, `text: "detroit | electro | fine"`)).toEqual(["r3"]);
      expect(search(reorged, `text: "bad"`)).toEqual(["r1"]);
    } finally {
      reorged.close();
    }
  });
});
