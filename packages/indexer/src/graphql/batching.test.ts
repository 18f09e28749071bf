import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import { openStore, type Store } from "../store/store.js";
import { bytes, data, int, ptr, str, tempDir } from "../store/test-support.js";
import type { EntityWriter } from "../types.js";
import { executeQuery } from "./execute.js";

// Nested reference fields are looked up for a whole level at once: these tests count the statements that
// read entity tables, and check the answers against what the test computes from the data it wrote.
const SDL = `
  interface Pet { id: Bytes! name: String! }
  type Cat implements Pet @entity { id: Bytes! name: String! }
  type Dog implements Pet @entity { id: Bytes! name: String! }
  type Account @entity {
    id: Bytes!
    votes: Int!
    delegate: Account
    pet: Pet
    delegators: [Account!]! @derivedFrom(field: "delegate")
  }
`;

// The first 100 accounts (the queried page) delegate to the next 100, which delegate to the last 100: each
// level of references holds 100 entities not read before, so without batching a level costs 100 reads.
const ACCOUNTS = 300;
const hex = (i: number, prefix: string) => `0x${prefix}${i.toString(16).padStart(4, "0")}`;
const account = (i: number) => hex(i, "aa");
const cat = (i: number) => hex(i, "ca");
const dog = (i: number) => hex(i, "d0");

interface Model {
  votes: number;
  delegate: number | null;
  pet: { kind: "Cat" | "Dog"; n: number } | null;
}

/** The accounts at block 1 and at block 2 (where every third account changes delegate). */
function model(block: 1 | 2): Model[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => {
    let delegate: number | null = i >= 200 || i % 7 === 0 ? null : i + 100;
    if (block === 2 && i < 200 && i % 3 === 0) delegate = i + 101;
    const pet = i % 5 === 0 ? null : { kind: i % 2 === 0 ? ("Cat" as const) : ("Dog" as const), n: i % 4 };
    return { votes: (i * 37) % 101, delegate, pet };
  });
}

function write(w: EntityWriter, accounts: Model[]) {
  for (const [i, a] of accounts.entries()) {
    w.set(
      "Account",
      account(i),
      data({
        id: bytes(account(i)),
        votes: int(a.votes),
        ...(a.delegate === null ? {} : { delegate: bytes(account(a.delegate)) }),
        ...(a.pet === null ? {} : { pet: bytes(a.pet.kind === "Cat" ? cat(a.pet.n) : dog(a.pet.n)) }),
      }),
    );
  }
}

const entityReads = (sql: readonly string[]) =>
  sql.filter((s) => /^(SELECT|WITH) .* FROM "e_/s.test(s) || /^WITH .* JOIN "e_/s.test(s));

describe("nested reference fields, batched per level", () => {
  const schema = parseSchema(SDL);
  const dir = tempDir();
  const statements: string[] = [];
  let store: Store;

  beforeAll(() => {
    store = openStore({
      path: join(dir.path, "batching.sqlite"),
      schema,
      onStatement: (sql) => statements.push(sql),
    });
    let batch = store.batch();
    const w1 = batch.block(ptr(1));
    for (let n = 0; n < 4; n++) {
      w1.set("Cat", cat(n), data({ id: bytes(cat(n)), name: str(`cat ${n}`) }));
      w1.set("Dog", dog(n), data({ id: bytes(dog(n)), name: str(`dog ${n}`) }));
    }
    write(w1, model(1));
    batch.endBlock();
    batch.commit();
    batch = store.batch();
    write(batch.block(ptr(2)), model(2));
    batch.endBlock();
    batch.commit();
  });

  afterAll(() => {
    store.close();
    dir.remove();
  });

  function run(text: string) {
    statements.length = 0;
    const result = executeQuery(store, text);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return { data: result.data, reads: entityReads(statements) };
  }

  const delegateOf = (accounts: Model[], i: number) => {
    const d = accounts[i]?.delegate ?? null;
    return d;
  };

  it.each([1, 2] as const)(
    "answers 100 accounts with their delegates two levels deep in 3 entity reads (block %i)",
    (block) => {
      const accounts = model(block);
      const { data: answer, reads } = run(
        `{ accounts(first: 100, block: { number: ${block} }) { id delegate { id votes delegate { id votes } } } }`,
      );
      const nested = (d: number | null) => {
        if (d === null) return null;
        const next = delegateOf(accounts, d);
        return {
          id: account(d),
          votes: accounts[d]?.votes,
          delegate: next === null ? null : { id: account(next), votes: accounts[next]?.votes },
        };
      };
      expect(answer).toEqual({
        accounts: accounts.slice(0, 100).map((a, i) => ({ id: account(i), delegate: nested(a.delegate) })),
      });
      // One read for the list and one per level of references, not one per referenced account (about 170).
      expect(reads).toHaveLength(3);
    },
  );

  it("reads an interface reference once per implementing type", () => {
    const accounts = model(2);
    const { data: answer, reads } = run(`{ accounts(first: 100) { id pet { __typename id name } } }`);
    expect(answer).toEqual({
      accounts: accounts.slice(0, 100).map((a, i) => ({
        id: account(i),
        pet:
          a.pet === null
            ? null
            : {
                __typename: a.pet.kind,
                id: a.pet.kind === "Cat" ? cat(a.pet.n) : dog(a.pet.n),
                name: `${a.pet.kind.toLowerCase()} ${a.pet.n}`,
              },
      })),
    });
    expect(reads).toHaveLength(3);
  });

  it("keeps `where`, ordering and paging of nested lists, and batches the references below them", () => {
    const accounts = model(2);
    const { data: answer, reads } = run(`{
      accounts(where: { votes_gt: 60 }, orderBy: votes, orderDirection: desc, first: 5) {
        id
        votes
        delegators(where: { votes_lt: 80 }, orderBy: votes, first: 3, skip: 1) { id votes delegate { id } }
      }
    }`);
    const ids = accounts.map((a, i) => ({ ...a, i }));
    const byVotesThenId =
      (dir: 1 | -1) => (x: { votes: number; i: number }, y: { votes: number; i: number }) =>
        dir * (x.votes - y.votes) || dir * (x.i - y.i);
    const top = ids
      .filter((a) => a.votes > 60)
      .sort(byVotesThenId(-1))
      .slice(0, 5);
    expect(answer).toEqual({
      accounts: top.map((a) => ({
        id: account(a.i),
        votes: a.votes,
        delegators: ids
          .filter((d) => d.delegate === a.i && d.votes < 80)
          .sort(byVotesThenId(1))
          .slice(1, 4)
          .map((d) => ({ id: account(d.i), votes: d.votes, delegate: { id: account(a.i) } })),
      })),
    });
    // The list, one read of every account's `delegators` (each paged on its own), and one read of the
    // delegates of all those delegators together if there are any; per parent it took 1 + 5 + (non-empty lists).
    const listed = (answer?.accounts ?? []) as { delegators: unknown[] }[];
    const nonEmpty = listed.filter((a) => a.delegators.length > 0);
    expect(reads).toHaveLength(2 + (nonEmpty.length > 0 ? 1 : 0));
  });

  it("answers references to missing entities with null", () => {
    const batch = store.batch();
    const w = batch.block(ptr(3));
    w.set(
      "Account",
      account(500),
      data({ id: bytes(account(500)), votes: int(1), delegate: bytes(account(999)) }),
    );
    batch.endBlock();
    batch.commit();
    const { data: answer } = run(`{ account(id: "${account(500)}") { id delegate { id } } }`);
    expect(answer).toEqual({ account: { id: account(500), delegate: null } });
  });
});
