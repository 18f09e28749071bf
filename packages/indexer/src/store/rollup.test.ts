import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import type { BlockPtr } from "../types.js";
import { RollupError, StoreValidationError } from "./errors.js";
import { openStore, type Store } from "./store.js";
import { big, data, NULL, plainData, rng, str, tempDir } from "./test-support.js";

const SDL = `
  type Point @entity(timeseries: true) { id: Int8! timestamp: Timestamp! token: String! amount: BigInt! }
  type Stats @aggregation(intervals: ["hour", "day"], source: "Point") {
    id: Int8!
    timestamp: Timestamp!
    token: String!
    sum: BigInt! @aggregate(fn: "sum", arg: "amount")
    last: BigInt! @aggregate(fn: "last", arg: "amount")
    total: Int8! @aggregate(fn: "count", cumulative: true)
    double: BigInt! @aggregate(fn: "max", arg: "2 * amount + (amount - amount)")
  }
`;
const HOUR = 3600;
const DAY = 86_400;
const T0 = 1_700_006_400; // a day boundary (1_700_006_400 % 86_400 === 0)

interface Sent {
  readonly block: number;
  readonly time: number;
  readonly seq: number;
  readonly token: string;
  readonly amount: bigint;
}

function blockAt(number: number, time: number): BlockPtr {
  const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
  return { number, hash: hash(number), parentHash: hash(number - 1), timestamp: time };
}

/** The buckets graph-node shows after a block at `head` time: closed ones only, computed from `sent`. */
function expectedBuckets(sent: readonly Sent[], width: number, head: number) {
  const groups = new Map<string, Sent[]>();
  for (const s of sent) {
    const start = Math.floor(s.time / width) * width;
    if (start + width > head) continue;
    const key = `${start}/${s.token}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const totals = new Map<string, number>();
  return [...groups.entries()]
    .sort(([a], [b]) => Number(a.split("/")[0]) - Number(b.split("/")[0]))
    .map(([key, rows]) => {
      const [start, token] = key.split("/") as [string, string];
      const total = (totals.get(token) ?? 0) + rows.length;
      totals.set(token, total);
      const last = rows[rows.length - 1] as Sent;
      return {
        id: ((BigInt(last.block) << 32n) + BigInt(last.seq)).toString(),
        timestamp: (BigInt(start) * 1_000_000n).toString(),
        token,
        sum: rows.reduce((a, r) => a + r.amount, 0n).toString(),
        last: last.amount.toString(),
        total: total.toString(),
        double: (
          2n * (rows.map((r) => r.amount).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0] ?? 0n)
        ).toString(),
      };
    })
    .sort((a, b) =>
      a.timestamp === b.timestamp
        ? a.token.localeCompare(b.token)
        : Number(a.timestamp) - Number(b.timestamp),
    );
}

function buckets(store: Store, interval: "hour" | "day") {
  return store
    .query({
      entity: `Stats__${interval}`,
      block: 1_000_000,
      filter: null,
      orderBy: null,
      direction: "asc",
      first: 1000,
      skip: 0,
    })
    .map((row) => {
      const value = (name: string) => {
        const v = row.data.get(name);
        return v && v.kind !== "Null" && v.kind !== "Array" && v.kind !== "Bytes" ? String(v.value) : null;
      };
      return {
        id: value("id"),
        timestamp: value("timestamp"),
        token: value("token"),
        sum: value("sum"),
        last: value("last"),
        total: value("total"),
        double: value("double"),
      };
    })
    .sort((a, b) =>
      a.timestamp === b.timestamp
        ? String(a.token).localeCompare(String(b.token))
        : Number(a.timestamp) - Number(b.timestamp),
    );
}

let dir: ReturnType<typeof tempDir>;
let store: Store;

beforeEach(() => {
  dir = tempDir();
  store = openStore({ path: `${dir.path}/s.sqlite`, schema: parseSchema(SDL) });
});

afterEach(() => {
  store.close();
  dir.remove();
});

/** Writes blocks `from..` at the given times, `perBatch` blocks a batch; each block writes its points. */
function write(
  points: readonly (readonly [number, number, readonly [string, bigint][]])[],
  perBatch: number,
): Sent[] {
  const sent: Sent[] = [];
  for (let i = 0; i < points.length; i += perBatch) {
    const batch = store.batch();
    for (const [number, time, rows] of points.slice(i, i + perBatch)) {
      const writer = batch.block(blockAt(number, time));
      rows.forEach(([token, amount], seq) => {
        writer.set("Point", "0", data({ token: str(token), amount: big(amount) }));
        sent.push({ block: number, time, seq, token, amount });
      });
      batch.endBlock();
    }
    batch.commit();
  }
  return sent;
}

function randomChain(seed: number, blocks: number, start = 1, startTime = T0 + 60) {
  const next = rng(seed);
  const out: [number, number, [string, bigint][]][] = [];
  let time = startTime;
  for (let b = start; b < start + blocks; b++) {
    time += 60 + Math.floor(next() * 50 * 60);
    const rows: [string, bigint][] = [];
    const n = Math.floor(next() * 3);
    for (let k = 0; k < n; k++) rows.push([next() < 0.5 ? "a" : "b", BigInt(1 + Math.floor(next() * 100))]);
    out.push([b, time, rows]);
  }
  return out;
}

describe("timeseries and rollups", () => {
  it("numbers timeseries points (block << 32 | sequence) and stamps them with the block time", () => {
    write(
      [
        [
          7,
          T0 + 5,
          [
            ["a", 1n],
            ["b", 2n],
          ],
        ],
      ],
      1,
    );
    const points = store.query({
      entity: "Point",
      block: 7,
      filter: null,
      orderBy: null,
      direction: "asc",
      first: 10,
      skip: 0,
    });
    expect(points.map((p) => [p.id, plainData(p.data)?.timestamp])).toEqual([
      [String(7n << 32n), `Timestamp:${BigInt(T0 + 5) * 1_000_000n}`],
      [String((7n << 32n) + 1n), `Timestamp:${BigInt(T0 + 5) * 1_000_000n}`],
    ]);
  });

  it("refuses writes to an aggregation's buckets", () => {
    const batch = store.batch();
    const writer = batch.block(blockAt(1, T0));
    expect(() => writer.set("Stats__hour", "1", data({}))).toThrow(StoreValidationError);
    batch.discard();
  });

  for (const perBatch of [1, 4, 1000]) {
    it(`rolls up closed buckets only, the same with ${perBatch} block(s) a batch`, () => {
      const chain = randomChain(perBatch, 120);
      const sent = write(chain, perBatch);
      const head = chain[chain.length - 1]?.[1] ?? 0;
      expect(buckets(store, "hour")).toEqual(expectedBuckets(sent, HOUR, head));
      expect(buckets(store, "day")).toEqual(expectedBuckets(sent, DAY, head));
      expect(buckets(store, "hour").length).toBeGreaterThan(20);
    });
  }

  it("fails the rolling-up block with a RollupError when a bucket can not be computed", () => {
    const other = openStore({
      path: `${dir.path}/null.sqlite`,
      schema: parseSchema(`
        type P @entity(timeseries: true) { id: Int8! timestamp: Timestamp! v: BigInt }
        type S @aggregation(intervals: ["hour"], source: "P") { id: Int8! timestamp: Timestamp! m: BigInt! @aggregate(fn: "max", arg: "v") }
      `),
    });
    try {
      const batch = other.batch();
      batch.block(blockAt(1, T0 + 10)).set("P", "0", data({ v: NULL }));
      batch.endBlock();
      expect(() => batch.block(blockAt(2, T0 + HOUR))).toThrow(
        new RollupError(
          `rollup of aggregation \`S\` (hour): \`m\` of the bucket at ${BigInt(T0) * 1_000_000n} has no value (every \`arg\` was null) but the field is non-null`,
        ),
      );
      batch.discard();
    } finally {
      other.close();
    }
  });

  it("a revert removes the buckets its blocks rolled up; the new branch rolls them up again", () => {
    const chain = randomChain(9, 80);
    const sent = write(chain, 3);
    const keep = 50;
    store.revertTo(keep);
    const kept = sent.filter((s) => s.block <= keep);
    const keptHead = chain[keep - 1]?.[1] ?? 0;
    expect(buckets(store, "hour")).toEqual(expectedBuckets(kept, HOUR, keptHead));
    // Another branch: different points and times from block keep + 1.
    const branch = randomChain(77, 40, keep + 1, keptHead);
    const all = [...kept, ...write(branch, 5)];
    const head = branch[branch.length - 1]?.[1] ?? 0;
    expect(buckets(store, "hour")).toEqual(expectedBuckets(all, HOUR, head));
    expect(buckets(store, "day")).toEqual(expectedBuckets(all, DAY, head));
  });
});
