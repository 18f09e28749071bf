// Grafting end to end: a base `pinger` indexes emitter A; a grafted `pinger` (graph-cli build of a manifest with
// `features: [grafting]` and `graft:`) points at emitter B and grafts onto the base's database at block G. Its
// entities must be A's pings up to G (copied, never re-indexed: the grafted build does not even watch A) and B's
// pings after G, with the Counter computed from those logs, and its history up to G the base's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, type IndexerOptions, startIndexer } from "../src/indexer.js";
import { GraftError } from "../src/store/index.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit } from "./helpers/emitter.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildPinger, buildTestSubgraph } from "./helpers/subgraphs.js";

const PING = keccakText("Ping(uint256)");
/** The graft block in the build's manifest, replaced by the test's G after the (cached) build. */
const PLACEHOLDER_BLOCK = 123456789;

interface Sent {
  readonly emitter: "A" | "B" | "C";
  readonly value: bigint;
  readonly block: number;
}

let anvil: Anvil;
let work: string;
let emitterA: string;
let emitterB: string;
let baseDir: string;
let graftedDir: string;
const sent: Sent[] = [];
let graftBlock: number;
const running = new Set<Indexer>();

async function send(emitter: "A" | "B", value: bigint): Promise<void> {
  const receipt = await emit(anvil, emitter === "A" ? emitterA : emitterB, PING, value);
  sent.push({ emitter, value, block: Number(receipt.blockNumber) });
}

async function start(subgraph: string, db: string, extra: Partial<IndexerOptions> = {}): Promise<Indexer> {
  const indexer = await startIndexer({
    subgraph,
    rpc: anvil.url,
    db: join(work, db),
    port: 0,
    pollIntervalMs: 50,
    logger: recordingLogger(),
    ...extra,
  });
  running.add(indexer);
  return indexer;
}

async function tip(): Promise<number> {
  return Number(await anvil.rpc("eth_blockNumber"));
}

/**
 * The grafted build's manifest grafting at `block`, written beside the built one (`build/<slug>.yaml`, so the
 * paths it names stay valid); the indexer takes a manifest file as `subgraph`.
 */
function graftedAt(slug: string, block: number): string {
  const manifest = readFileSync(join(graftedDir, "build", "subgraph.yaml"), "utf8");
  if (!manifest.includes(`block: ${PLACEHOLDER_BLOCK}`))
    throw new Error("the built manifest lost its graft block");
  const file = join(graftedDir, "build", `${slug}.yaml`);
  writeFileSync(file, manifest.replace(`block: ${PLACEHOLDER_BLOCK}`, `block: ${block}`));
  return file;
}

interface PingRow {
  readonly id: string;
  readonly value: string;
  readonly block: string;
}

async function state(indexer: Indexer, block?: number) {
  const at = block === undefined ? "" : `, block: { number: ${block} }`;
  const { data, errors } = await indexer.query(
    `{ pings(first: 1000, orderBy: block${at}) { id value block } counter(id: "total"${at}) { count lastValue } }`,
  );
  expect(errors).toBeUndefined();
  return data as { pings: PingRow[]; counter: { count: number; lastValue: string } | null };
}

/** What the pinger mapping makes of `pings`, in chain order, computed from the logs the test sent. */
function expected(pings: readonly Sent[]) {
  const ordered = [...pings].sort((a, b) => a.block - b.block);
  const last = ordered[ordered.length - 1];
  return {
    pings: ordered.map((p) => ({ id: String(p.value), value: String(p.value), block: String(p.block) })),
    counter: last === undefined ? null : { count: ordered.length, lastValue: String(last.value) },
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-graft-"));
  anvil = await startAnvil();
  emitterA = await deployEmitter(anvil);
  emitterB = await deployEmitter(anvil);
  baseDir = await buildPinger(work, "pinger-base", emitterA, false);
  graftedDir = await buildTestSubgraph(work, "pinger", "pinger-grafted", emitterB, (manifest) =>
    manifest.replace(
      "specVersion: 1.3.0\n",
      `specVersion: 1.3.0\nfeatures:\n  - grafting\ngraft:\n  base: QmPingerBase\n  block: ${PLACEHOLDER_BLOCK}\n`,
    ),
  );
  // A and B interleaved, one ping a block; the graft block G is A's third ping.
  for (let i = 1n; i <= 3n; i++) {
    await send("A", i);
    await send("B", 100n + i);
  }
  graftBlock = sent.find((s) => s.emitter === "A" && s.value === 3n)?.block ?? 0;
  await send("A", 4n);
  await send("B", 104n);
  await send("A", 5n);
});

afterEach(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  running.clear();
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("grafting (graft:, features: [grafting], --graft-base)", () => {
  it("graph-cli keeps graft: in the build; without a base the start-up is refused, naming the option", async () => {
    const manifest = readFileSync(join(graftedDir, "build", "subgraph.yaml"), "utf8");
    expect(manifest).toMatch(new RegExp(`graft:\\n\\s+base: QmPingerBase\\n\\s+block: ${PLACEHOLDER_BLOCK}`));
    const error = await start(graftedAt("no-base", graftBlock), "no-base.sqlite").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraftError);
    expect((error as Error).message).toBe(
      `the subgraph grafts onto \`QmPingerBase\` at block ${graftBlock} (manifest \`graft:\`): give the base ` +
        "deployment's database with --graft-base <path> (library option graftBase); dmex-indexer does not " +
        "index without the base's data",
    );
    // The base given to a subgraph without graft: refused too.
    const misplaced = await start(baseDir, "misplaced.sqlite", { graftBase: join(work, "x.sqlite") }).catch(
      (e: unknown) => e,
    );
    expect((misplaced as Error).message).toMatch(
      /a graft base was given \(--graft-base .*x\.sqlite\) but the manifest has no `graft:`/,
    );
  });

  it("starts from the base's data as of graft.block and indexes its own sources from graft.block + 1", async () => {
    const base = await start(baseDir, "base.sqlite");
    const baseTip = await tip();
    await base.waitForBlock(baseTip, { timeoutMs: 60_000 });
    const baseState = await state(base);
    expect(baseState).toEqual(expected(sent.filter((s) => s.emitter === "A")));
    await base.stop();

    // A graft above the base's head is refused as graph-node refuses it.
    const ahead = await start(graftedAt("ahead", baseTip + 5), "ahead.sqlite", {
      graftBase: join(work, "base.sqlite"),
    }).catch((e: unknown) => e);
    expect((ahead as Error).message).toBe(
      `failed to graft onto \`QmPingerBase\` (${join(work, "base.sqlite")}) at block ${baseTip + 5} since it has only processed block ${baseTip}`,
    );

    const manifest = graftedAt("grafted", graftBlock);
    const logger = recordingLogger();
    const grafted = await start(manifest, "grafted.sqlite", { graftBase: join(work, "base.sqlite"), logger });
    await grafted.waitForBlock(baseTip, { timeoutMs: 60_000 });
    const reference = sent.filter(
      (s) => (s.emitter === "A" && s.block <= graftBlock) || (s.emitter === "B" && s.block > graftBlock),
    );
    expect(await state(grafted)).toEqual(expected(reference));
    // Every block up to G answers as the base did (its history was copied): A's pings so far, none of B's.
    for (let block = sent[0]?.block ?? 0; block <= graftBlock; block++) {
      expect(await state(grafted, block)).toEqual(
        expected(sent.filter((s) => s.emitter === "A" && s.block <= block)),
      );
    }
    expect(logger.lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^grafted onto QmPingerBase \\(.*base\\.sqlite, deployment local-[0-9a-f]+\\) at block ${graftBlock} \\(0x[0-9a-f]{64}\\); indexing from block ${graftBlock + 1}$`,
        ),
      ),
    );

    // Live: new pings of B are indexed, A's are not.
    await send("B", 105n);
    await send("A", 6n);
    const liveTip = await tip();
    await grafted.waitForBlock(liveTip, { timeoutMs: 60_000 });
    const live = sent.filter(
      (s) => (s.emitter === "A" && s.block <= graftBlock) || (s.emitter === "B" && s.block > graftBlock),
    );
    expect(await state(grafted)).toEqual(expected(live));
    await grafted.stop();

    // A restart resumes the grafted store without the base.
    const resumed = await start(manifest, "grafted.sqlite");
    await resumed.waitForBlock(liveTip, { timeoutMs: 60_000 });
    expect(await state(resumed)).toEqual(expected(live));
    await resumed.stop();
    // The same store under another graft block is refused.
    const moved = await start(graftedAt("moved", graftBlock - 1), "grafted.sqlite").catch((e: unknown) => e);
    expect((moved as Error).message).toMatch(
      new RegExp(
        `was grafted onto \`QmPingerBase\` at block ${graftBlock}, but the manifest grafts onto \`QmPingerBase\` at block ${graftBlock - 1}`,
      ),
    );
    // A store indexed without the graft is refused rather than mixed with one.
    const plain = await start(baseDir, "plain.sqlite");
    await plain.waitForBlock(liveTip, { timeoutMs: 60_000 });
    await plain.stop();
    const mixed = await start(graftedAt("mixed", graftBlock), "plain.sqlite").catch((e: unknown) => e);
    expect((mixed as Error).message).toMatch(
      /was indexed without a graft, but the manifest grafts onto `QmPingerBase`/,
    );
  });

  it("refuses a failed base at or after its last good block, as graph-node does", async () => {
    const emitterC = await deployEmitter(anvil);
    const failingDir = await buildPinger(work, "pinger-failing", emitterC, false);
    const good = await emit(anvil, emitterC, PING, 7n);
    await emit(anvil, emitterC, PING, 13n);
    const failing = await start(failingDir, "failing.sqlite");
    await expect(failing.waitForBlock(await tip(), { timeoutMs: 60_000 })).rejects.toThrow(
      /unlucky payload 13/,
    );
    await failing.stop();
    const goodBlock = Number(good.blockNumber);
    const error = await start(graftedAt("onto-failed", goodBlock), "onto-failed.sqlite", {
      graftBase: join(work, "failing.sqlite"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraftError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `at block ${goodBlock} since it's not healthy \\(it failed at block ${goodBlock + 1}\\)\\. You can graft it starting at block ${goodBlock - 1} backwards`,
      ),
    );
  });
});
