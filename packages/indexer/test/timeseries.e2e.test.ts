// Timeseries and aggregations end to end: `timeseries` (test/fixtures/e2e/timeseries, built by graph-cli) turns
// each `Traded(token, amount, price)` log into a point of the `Trade` timeseries, aggregated per token by hour
// and day (`TokenStats`: every function, expressions, cumulative aggregates) and over all tokens by hour
// (`Stats`). The test sends trades at block times it chooses and recomputes every bucket graph-node would show
// from what it sent: closed buckets only (those ending at or before the last written block's time), ids the
// newest point's id. Then a reorg replaces the blocks around a day boundary with others: the buckets the old
// branch rolled up go, the new branch's are computed, and the points of the old branch are gone.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, startIndexer } from "../src/indexer.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, waitReceipt, word } from "./helpers/emitter.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildTestSubgraph } from "./helpers/subgraphs.js";

const TRADED = keccakText("Traded(address,uint256,uint256)");
const HOUR = 3600;
const DAY = 86_400;
const TOKENS = [
  "0x00000000000000000000000000000000000000a1",
  "0x00000000000000000000000000000000000000b2",
  "0x00000000000000000000000000000000000000c3",
];

interface Sent {
  readonly block: number;
  readonly time: number;
  readonly token: string;
  readonly amount: bigint;
  /** In hundredths. */
  readonly cents: bigint;
}

let anvil: Anvil;
let work: string;
let market: string;
let dir: string;
let sent: Sent[] = [];

/** A deterministic pseudo-random generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** Mines one block at `time` holding one trade. */
async function trade(time: number, token: string, amount: bigint, cents: bigint): Promise<Sent> {
  await anvil.rpc("anvil_setNextBlockTimestamp", [time]);
  const data = `0x${TRADED.slice(2)}${word(BigInt(token))}${word(amount)}${word(cents)}`;
  const hash = await anvil.rpc("eth_sendTransaction", [{ from: DEV_ACCOUNTS[0], to: market, data }]);
  const receipt = await waitReceipt(anvil, hash);
  const block = (await anvil.rpc("eth_getBlockByNumber", [receipt.blockNumber, false])) as {
    timestamp: string;
  };
  expect(Number(block.timestamp)).toBe(time);
  const point = { block: Number(receipt.blockNumber), time, token, amount, cents };
  sent.push(point);
  return point;
}

/** The largest of `values` (bigints, which `Math.max` does not take). */
function largest(values: readonly bigint[]): bigint {
  return [...values].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0] ?? 0n;
}

function smallest(values: readonly bigint[]): bigint {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0] ?? 0n;
}

/** `cents / 100` as graph-node prints a BigDecimal (no trailing zeros). */
function decimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const fraction = (abs % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${abs / 100n}${fraction ? `.${fraction}` : ""}`;
}

const micros = (seconds: number) => (BigInt(seconds) * 1_000_000n).toString();
const pointId = (block: number) => (BigInt(block) << 32n).toString();

/**
 * The closed buckets of `width` seconds over `points` (grouped by token when `byToken`), newest first; with
 * `current`, also the open ones (graph-node's `current: include`).
 */
function buckets(points: readonly Sent[], width: number, byToken: boolean, current = false) {
  const head = Math.max(...points.map((p) => p.time));
  const groups = new Map<string, Sent[]>();
  for (const p of [...points].sort((a, b) => a.block - b.block)) {
    const start = Math.floor(p.time / width) * width;
    if (start + width > head && !current) continue;
    const key = `${start}/${byToken ? p.token : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const keys = [...groups.keys()].sort((a, b) => Number(a.split("/")[0]) - Number(b.split("/")[0]));
  const running = new Map<string, { volume: bigint; trades: number; high: bigint }>();
  const rows = keys.map((key) => {
    const [start, token] = key.split("/") as [string, string];
    const rows = groups.get(key) ?? [];
    const first = rows[0] as Sent;
    const last = rows[rows.length - 1] as Sent;
    const cents = rows.map((r) => r.cents);
    const amounts = rows.map((r) => r.amount);
    const volume = amounts.reduce((a, b) => a + b, 0n);
    const before = running.get(token) ?? { volume: 0n, trades: 0, high: 0n };
    const high = largest(cents);
    const total = {
      volume: before.volume + volume,
      trades: before.trades + rows.length,
      high: largest([high, before.high]),
    };
    running.set(token, total);
    const common = { id: pointId(last.block), timestamp: micros(Number(start)), volume: volume.toString() };
    if (!byToken) {
      return {
        ...common,
        largest: largest(amounts).toString(),
        trades: total.trades,
      };
    }
    return {
      ...common,
      token: { id: token },
      trades: String(rows.length),
      low: decimal(smallest(cents)),
      high: decimal(high),
      open: decimal(first.cents),
      close: decimal(last.cents),
      value: decimal(rows.reduce((a, r) => a + r.amount * r.cents - 100n, 0n)),
      bigVolume: rows.reduce((a, r) => a + (r.amount > 500n ? r.amount : 0n), 0n).toString(),
      excess: largest(rows.map((r) => largest([r.amount - 400n, 0n]))).toString(),
      totalVolume: total.volume.toString(),
      totalTrades: String(total.trades),
      allTimeHigh: decimal(total.high),
    };
  });
  // graph-node's default order: timestamp, then id, descending.
  return rows.sort((a, b) =>
    a.timestamp === b.timestamp
      ? Number(BigInt(b.id) - BigInt(a.id))
      : Number(BigInt(b.timestamp) - BigInt(a.timestamp)),
  );
}

const TOKEN_FIELDS =
  "id timestamp token { id } volume trades low high open close value bigVolume excess totalVolume totalTrades allTimeHigh";

async function query<T>(indexer: Indexer, text: string): Promise<T> {
  const { data, errors } = await indexer.query(text);
  expect(errors).toBeUndefined();
  return data as T;
}

async function state(indexer: Indexer) {
  return query<{
    hourly: unknown[];
    daily: unknown[];
    stats: unknown[];
    trades: { id: string; timestamp: string; token: { id: string }; amount: string; price: string }[];
  }>(
    indexer,
    `{
      hourly: tokenStats_collection(interval: "hour", first: 1000) { ${TOKEN_FIELDS} }
      daily: tokenStats_collection(interval: day, first: 1000) { ${TOKEN_FIELDS} }
      stats: stats_collection(interval: hour, first: 1000) { id timestamp volume largest trades }
      trades(first: 1000, orderBy: id) { id timestamp token { id } amount price }
    }`,
  );
}

function expectedState(points: readonly Sent[]) {
  return {
    hourly: buckets(points, HOUR, true),
    daily: buckets(points, DAY, true),
    stats: buckets(points, HOUR, false),
    trades: [...points]
      .sort((a, b) => a.block - b.block)
      .map((p) => ({
        id: pointId(p.block),
        timestamp: micros(p.time),
        token: { id: p.token },
        amount: p.amount.toString(),
        price: decimal(p.cents),
      })),
  };
}

async function start(subgraph = dir, db = "timeseries.sqlite"): Promise<Indexer> {
  return startIndexer({
    subgraph,
    rpc: anvil.url,
    db: join(work, db),
    port: 0,
    pollIntervalMs: 50,
    logger: recordingLogger(),
  });
}

async function tip(): Promise<number> {
  return Number(await anvil.rpc("eth_blockNumber"));
}

/** The start of the day two days after the chain's latest block. */
let dayZero: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-timeseries-"));
  anvil = await startAnvil();
  market = await deployEmitter(anvil);
  dir = await buildTestSubgraph(work, "timeseries", "timeseries", market);
  const latest = (await anvil.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  dayZero = (Math.floor(Number(latest.timestamp) / DAY) + 2) * DAY;
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("timeseries and aggregations (@entity(timeseries: true), @aggregation, @aggregate)", () => {
  let boundary = 0;

  it("serves closed hour and day buckets per token and overall, recomputed from the sent trades", async () => {
    const next = rng(18);
    // Two days and a bit of trades, 10 to 100 minutes apart, three tokens; the last one 50 minutes before a day
    // boundary, so the day and the hour before it are still open.
    let time = dayZero + 300;
    boundary = dayZero + 3 * DAY;
    while (time < boundary - 50 * 60) {
      const token = TOKENS[Math.floor(next() * TOKENS.length)] as string;
      await trade(
        time,
        token,
        BigInt(1 + Math.floor(next() * 1000)),
        BigInt(100 + Math.floor(next() * 9900)),
      );
      time += 600 + Math.floor(next() * 90 * 60);
    }
    await trade(boundary - 50 * 60, TOKENS[0] as string, 5n, 1234n);
    const indexer = await start();
    try {
      await indexer.waitForBlock(await tip(), { timeoutMs: 120_000 });
      const expected = expectedState(sent);
      expect(expected.hourly.length).toBeGreaterThan(30);
      expect(expected.daily.length).toBeGreaterThanOrEqual(6);
      expect(await state(indexer)).toEqual(expected);

      // Filters on timestamp and dimensions, and another order, as graph-node's aggregation query takes them.
      const token = TOKENS[1] as string;
      const from = dayZero + DAY + 5 * HOUR;
      const filtered = await query<{ hourly: unknown[] }>(
        indexer,
        `{ hourly: tokenStats_collection(interval: hour, first: 1000, orderBy: timestamp, orderDirection: asc,
             where: { token: "${token}", timestamp_gte: "${micros(from)}", timestamp_lt: "${micros(from + 10 * HOUR)}" }) {
             ${TOKEN_FIELDS} } }`,
      );
      const want = expected.hourly
        .filter(
          (b) =>
            "token" in b &&
            b.token.id === token &&
            BigInt(b.timestamp) >= BigInt(micros(from)) &&
            BigInt(b.timestamp) < BigInt(micros(from + 10 * HOUR)),
        )
        .reverse();
      expect(want.length).toBeGreaterThan(0);
      expect(filtered.hourly).toEqual(want);

      // `current: include`: the open buckets too, computed from the points not rolled up yet.
      const withCurrent = await query<{ hourly: unknown[]; daily: unknown[]; stats: unknown[] }>(
        indexer,
        `{
          hourly: tokenStats_collection(interval: hour, current: include, first: 1000) { ${TOKEN_FIELDS} }
          daily: tokenStats_collection(interval: "day", current: include, first: 1000) { ${TOKEN_FIELDS} }
          stats: stats_collection(interval: hour, current: include, first: 1000) { id timestamp volume largest trades }
        }`,
      );
      expect(withCurrent).toEqual({
        hourly: buckets(sent, HOUR, true, true),
        daily: buckets(sent, DAY, true, true),
        stats: buckets(sent, HOUR, false, true),
      });
      expect(withCurrent.daily.length).toBeGreaterThan(expected.daily.length);
      const paged = await query<{ daily: unknown[] }>(
        indexer,
        `{ daily: tokenStats_collection(interval: day, current: include, first: 2, skip: 1, orderBy: timestamp,
             orderDirection: asc, where: { token: "${TOKENS[0]}" }) { ${TOKEN_FIELDS} } }`,
      );
      const dailyOfToken = buckets(sent, DAY, true, true)
        .filter((b) => "token" in b && b.token.id === TOKENS[0])
        .reverse();
      expect(paged.daily).toEqual(dailyOfToken.slice(1, 3));
      expect(dailyOfToken.length).toBe(3);

      // An interval the aggregation does not have is refused.
      const { errors } = await indexer.query("{ stats_collection(interval: day) { id } }");
      expect(errors?.[0]?.message).toBe("aggregation `Stats` has no interval `day` (its intervals: hour)");
    } finally {
      await indexer.stop();
    }
  });

  it("a reorg across an hour and a day boundary rolls back the buckets and rolls up the new branch's", async () => {
    const before = [...sent];
    const snapshot = await anvil.rpc("evm_snapshot", []);
    // The old branch: past the day boundary (rolls up its last hour and day), then past the next hour.
    await trade(boundary + 5 * 60, TOKENS[2] as string, 7n, 5000n);
    await trade(boundary + 70 * 60, TOKENS[0] as string, 9n, 4000n);
    const indexer = await start();
    try {
      await indexer.waitForBlock(await tip(), { timeoutMs: 120_000 });
      expect(await state(indexer)).toEqual(expectedState(sent));

      // The new branch: another trade in the last hour of the day, then nothing until two hours later.
      expect(await anvil.rpc("evm_revert", [snapshot])).toBe(true);
      sent = [...before];
      await trade(boundary - 20 * 60, TOKENS[0] as string, 11n, 99999n);
      await trade(boundary + 2 * HOUR + 600, TOKENS[1] as string, 13n, 250n);
      await trade(boundary + 2 * HOUR + 1200, TOKENS[1] as string, 17n, 260n);
      await trade(boundary + 3 * HOUR + 60, TOKENS[2] as string, 19n, 270n);
      const newTip = await tip();
      await indexer.waitForBlock(newTip, { timeoutMs: 120_000 });
      const expected = expectedState(sent);
      // The day and hour before the boundary include the new branch's trade (the old branch had rolled them up
      // without it), and the old branch's hour after the boundary is gone.
      const lastHour = micros(boundary - HOUR);
      expect(
        expected.hourly.find((b) => b.timestamp === lastHour && "token" in b && b.token.id === TOKENS[0]),
      ).toMatchObject({
        high: "999.99",
      });
      expect(expected.hourly.some((b) => b.timestamp === micros(boundary))).toBe(false);
      expect(await state(indexer)).toEqual(expected);
      const open = await query<{ hourly: unknown[] }>(
        indexer,
        `{ hourly: tokenStats_collection(interval: hour, current: include, first: 1000) { ${TOKEN_FIELDS} } }`,
      );
      expect(open.hourly).toEqual(buckets(sent, HOUR, true, true));
    } finally {
      await indexer.stop();
    }
  });

  it("a bucket out of its field's range fails the subgraph at the block rolling it up", async () => {
    // The mapping never touches aggregations: the built schema alone changes what the rollup computes.
    const broken = join(work, "timeseries-broken");
    cpSync(dir, broken, { recursive: true, dereference: true });
    const schemaFile = join(broken, "build", "schema.graphql");
    const schema = readFileSync(schemaFile, "utf8");
    const from = 'largest: BigInt! @aggregate(fn: "max", arg: "amount")';
    expect(schema).toContain(from);
    writeFileSync(
      schemaFile,
      schema.replace(from, 'largest: Int! @aggregate(fn: "max", arg: "amount * 10000000")'),
    );
    const indexer = await start(broken, "broken.sqlite");
    try {
      // The first hour whose largest amount times 10^7 is beyond Int fails at the first trade of a later hour.
      const hour = (p: Sent) => Math.floor(p.time / HOUR);
      const ordered = [...sent].sort((a, b) => a.block - b.block);
      const hourly = (h: number) => largest(ordered.filter((p) => hour(p) === h).map((p) => p.amount));
      const bad = ordered.map(hour).find((h) => hourly(h) * 10_000_000n >= 2n ** 31n) as number;
      const failing = ordered.find((p) => hour(p) > bad) as Sent;
      const largestAmount = hourly(bad);
      await expect(indexer.waitForBlock(await tip(), { timeoutMs: 120_000 })).rejects.toThrow(
        `subgraph failed at block ${failing.block}: rollup of aggregation \`Stats\` (hour): aggregate \`largest\`: ${largestAmount * 10_000_000n} is out of range for Int`,
      );
      const { data } = await indexer.query("{ _meta { block { number } hasIndexingErrors } }");
      expect(data).toEqual({ _meta: { block: { number: failing.block - 1 }, hasIndexingErrors: true } });
    } finally {
      await indexer.stop();
    }
  });
});
