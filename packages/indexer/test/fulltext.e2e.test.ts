// `@fulltext` end to end: the `notes` fixture subgraph indexed from anvil, its search field's answers compared,
// at every block, with matches computed here from the Note events the chain holds (eth_getLogs), through a
// reorg, and the start-up refusal when the manifest does not declare `fullTextSearch`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbiCoder, id as keccakText } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, startIndexer } from "../src/indexer.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, waitReceipt } from "./helpers/emitter.js";
import { expectOk } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildTestSubgraph } from "./helpers/subgraphs.js";

const NOTE = keccakText("Note(uint256,string,string)");
const coder = AbiCoder.defaultAbiCoder();
/** Words no English stemmer merges and no stop word: the matches below need no stemmer to compute. */
const WORDS = ["detroit", "techno", "house", "berlin", "jazz", "funk", "disco", "chicago", "acid", "dub"];

interface NoteText {
  readonly title: string;
  readonly body: string;
}

let anvil: Anvil;
let work: string;
let emitter: string;
let subgraphDir: string;
let seed = 7;

function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

function words(n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
}

function noteTx(id: number, text: NoteText) {
  const payload = coder.encode(["uint256", "string", "string"], [id, text.title, text.body]);
  return { from: DEV_ACCOUNTS[0], to: emitter, data: `${NOTE}${payload.slice(2)}` };
}

function randomNote(): NoteText {
  return { title: words(1 + Math.floor(random() * 2)), body: words(2 + Math.floor(random() * 4)) };
}

async function post(id: number, text: NoteText): Promise<number> {
  const hash = await anvil.rpc("eth_sendTransaction", [noteTx(id, text)]);
  return Number((await waitReceipt(anvil, hash)).blockNumber);
}

async function head(): Promise<number> {
  return Number(await anvil.rpc("eth_blockNumber"));
}

/** The notes as of each block, from the chain's own logs. */
async function notesByBlock(tip: number): Promise<Map<number, Map<string, NoteText>>> {
  const logs = (await anvil.rpc("eth_getLogs", [
    { address: emitter, topics: [NOTE], fromBlock: "0x0", toBlock: `0x${tip.toString(16)}` },
  ])) as { blockNumber: string; logIndex: string; data: string }[];
  const ordered = logs
    .map((log) => ({ block: Number(log.blockNumber), index: Number(log.logIndex), data: log.data }))
    .sort((a, b) => a.block - b.block || a.index - b.index);
  const states = new Map<number, Map<string, NoteText>>();
  const current = new Map<string, NoteText>();
  let next = 0;
  for (let block = 0; block <= tip; block++) {
    for (; next < ordered.length && ordered[next]?.block === block; next++) {
      const [id, title, body] = coder.decode(["uint256", "string", "string"], ordered[next]?.data ?? "0x");
      current.set(String(id), { title: String(title), body: String(body) });
    }
    states.set(block, new Map(current));
  }
  return states;
}

/** What the searches below match, word by word within a field (FTS5 keeps phrases inside one field). */
type Matcher = (fields: readonly (readonly string[])[]) => boolean;
const has =
  (word: string): Matcher =>
  (fields) =>
    fields.some((f) => f.includes(word));
const SEARCHES: readonly [string, Matcher][] = [
  ["detroit", has("detroit")],
  ["techno & house", (f) => has("techno")(f) && has("house")(f)],
  ["jazz | funk", (f) => has("jazz")(f) || has("funk")(f)],
  ["dis:*", (f) => f.some((words) => words.some((w) => w.startsWith("dis")))],
  ["acid <-> dub", (f) => f.some((w) => w.some((word, i) => word === "acid" && w[i + 1] === "dub"))],
  ["berlin & !techno", (f) => has("berlin")(f) && !has("techno")(f)],
];

function expectedMatches(notes: Map<string, NoteText>, matcher: Matcher): string[] {
  return [...notes]
    .filter(([, text]) => matcher([text.title.split(" "), text.body.split(" ")]))
    .map(([id]) => id)
    .sort();
}

async function searched(indexer: Indexer, text: string, block: number): Promise<string[]> {
  const data = expectOk(
    await indexer.query(
      `query($text: String!, $block: Int!) {
      noteSearch(text: $text, first: 1000, block: { number: $block }) { id }
    }`,
      { text, block },
    ),
  );
  return (data.noteSearch as { id: string }[]).map((n) => n.id).sort();
}

async function expectSearchesAtEveryBlock(indexer: Indexer, from: number, tip: number): Promise<number> {
  const states = await notesByBlock(tip);
  let nonEmpty = 0;
  for (let block = from; block <= tip; block++) {
    const notes = states.get(block) ?? new Map();
    for (const [text, matcher] of SEARCHES) {
      const expected = expectedMatches(notes, matcher);
      if (expected.length > 0) nonEmpty++;
      expect(await searched(indexer, text, block), `"${text}" at block ${block}`).toEqual(expected);
    }
  }
  return nonEmpty;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-fulltext-"));
  anvil = await startAnvil();
  emitter = await deployEmitter(anvil);
  subgraphDir = await buildTestSubgraph(work, "notes", "notes", emitter);
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("@fulltext on anvil", () => {
  it("answers every search at every block as the notes sent say, and again after a reorg", async () => {
    const first = await post(1, { title: "acid dub", body: "detroit techno house" });
    for (let i = 0; i < 24; i++) await post(1 + Math.floor(random() * 10), randomNote());
    const indexer = await startIndexer({
      subgraph: subgraphDir,
      rpc: anvil.url,
      db: join(work, "notes.sqlite"),
      port: 0,
      pollIntervalMs: 50,
      logger: recordingLogger(),
    });
    try {
      let tip = await head();
      await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
      // The searches are not vacuous: most of them match something at most blocks.
      expect(await expectSearchesAtEveryBlock(indexer, first, tip)).toBeGreaterThan(60);

      // Replace the last 3 blocks with a fork that rewrites notes 1 and 2 and adds note 11.
      const fork = [
        [noteTx(1, { title: "berlin", body: "acid dub jazz" }), 0],
        [noteTx(2, { title: "chicago house", body: "techno" }), 1],
        [noteTx(11, { title: "disco", body: "berlin funk" }), 2],
      ];
      const before = await searched(indexer, "disco & berlin & funk", tip);
      await anvil.rpc("anvil_reorg", [3, fork]);
      await anvil.rpc("evm_mine");
      tip = await head();
      await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
      expect(indexer.status().reorgs).toBeGreaterThan(0);
      expect(before).not.toContain("11");
      expect(await searched(indexer, "disco & berlin & funk", tip)).toContain("11");
      await expectSearchesAtEveryBlock(indexer, first, tip);
    } finally {
      await indexer.stop();
    }
  });

  it("refuses to start when the manifest does not declare features: [fullTextSearch]", async () => {
    const manifest = join(subgraphDir, "build", "subgraph.yaml");
    const text = readFileSync(manifest, "utf8");
    expect(text).toMatch(/features:\n\s+- fullTextSearch\n/);
    writeFileSync(manifest, text.replace(/features:\n\s+- fullTextSearch\n/, ""));
    try {
      await expect(
        startIndexer({ subgraph: subgraphDir, rpc: anvil.url, db: join(work, "refused.sqlite"), port: 0 }),
      ).rejects.toThrow(
        "The feature `fullTextSearch` is used by the subgraph but it is not declared in the manifest.",
      );
    } finally {
      writeFileSync(manifest, text);
    }
  });
});
