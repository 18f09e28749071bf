// File data sources end to end: the `files` fixture (a graph-cli build with `file/ipfs` and `file/arweave`
// templates) indexes Posted events from anvil; each creates a file data source whose handler stores the file's
// text. Files come from a local gateway (test/helpers/file-gateway.ts) whose CIDs the IPFS importer computes;
// the expected entities are the files the test added, not anything the indexer computed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbiCoder, id as keccakText } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MissingGatewayError } from "../src/files/index.js";
import { type Indexer, type IndexerOptions, startIndexer } from "../src/indexer.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, waitReceipt } from "./helpers/emitter.js";
import { type FileGateway, startFileGateway } from "./helpers/file-gateway.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildTestSubgraph } from "./helpers/subgraphs.js";

const POSTED = keccakText("Posted(uint256,string,string,string)");
const coder = AbiCoder.defaultAbiCoder();
const text = (s: string) => new TextEncoder().encode(s);

interface Posted {
  readonly id: number;
  readonly kind: "ipfs" | "arweave";
  readonly source: string;
  readonly previous: string;
  /** The file's text as the test added it; null when no file data source may come of the post. */
  readonly content: string | null;
  readonly block: number;
}

let anvil: Anvil;
let gateway: FileGateway;
let work: string;
let emitter: string;
let subgraph: string;
const posts: Posted[] = [];
const running = new Set<Indexer>();

function postTx(id: number, kind: Posted["kind"], source: string, previous: string) {
  const payload = coder.encode(["uint256", "string", "string", "string"], [id, kind, source, previous]);
  return { from: DEV_ACCOUNTS[0], to: emitter, data: `${POSTED}${payload.slice(2)}` };
}

async function post(kind: Posted["kind"], source: string, previous: string, content: string | null) {
  const id = posts.length + 1;
  const hash = await anvil.rpc("eth_sendTransaction", [postTx(id, kind, source, previous)]);
  const receipt = await waitReceipt(anvil, hash);
  posts.push({ id, kind, source, previous, content, block: Number(receipt.blockNumber) });
}

async function start(
  db: string,
  logger = recordingLogger(),
  without: "ipfs" | "arweave" | null = null,
): Promise<Indexer> {
  const options: IndexerOptions = {
    subgraph,
    rpc: anvil.url,
    db: join(work, db),
    port: 0,
    pollIntervalMs: 50,
    logger,
    ...(without === "ipfs" ? {} : { ipfs: gateway.url }),
    ...(without === "arweave" ? {} : { arweave: gateway.url }),
    fileFetch: { attempts: 3, minDelayMs: 20, maxDelayMs: 100, timeoutMs: 5_000 },
  };
  const indexer = await startIndexer(options);
  running.add(indexer);
  return indexer;
}

const QUERY = `{
  posts(first: 100, orderBy: id) { id kind source sawPrevious file { id kind text length sawPrevious } }
}`;

/** What graph-node indexes from `list`: every Post, a FileContent for each valid source, nothing seen across regions. */
function expected(list: readonly Posted[]) {
  return {
    posts: [...list]
      .sort((a, b) => String(a.id).localeCompare(String(b.id)))
      .map((p) => ({
        id: String(p.id),
        kind: p.kind,
        source: p.source,
        sawPrevious: false,
        file:
          p.content === null
            ? null
            : {
                id: p.source,
                kind: p.kind,
                text: p.content,
                length: text(p.content).length,
                sawPrevious: false,
              },
      })),
  };
}

async function posted(indexer: Indexer) {
  const { data, errors } = await indexer.query(QUERY);
  expect(errors).toBeUndefined();
  return data;
}

async function tip(): Promise<number> {
  return Number(await anvil.rpc("eth_blockNumber"));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-files-"));
  anvil = await startAnvil();
  gateway = await startFileGateway();
  emitter = await deployEmitter(anvil);
  subgraph = await buildTestSubgraph(work, "files", "files", emitter);
});

afterEach(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  running.clear();
});

afterAll(async () => {
  await gateway?.close();
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("file data sources (file/ipfs, file/arweave)", () => {
  it("refuses to start without a gateway for a file template's kind, naming the option", async () => {
    const error = await start("no-gateway.sqlite", recordingLogger(), "ipfs").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingGatewayError);
    expect((error as Error).message).toMatch(
      /^template IpfsFile is a file\/ipfs data source: give an IPFS gateway with --ipfs <url>/,
    );
    const arweave = await start("no-gateway.sqlite", recordingLogger(), "arweave").catch((e: unknown) => e);
    expect((arweave as Error).message).toMatch(
      /^template ArweaveFile is a file\/arweave data source: give an Arweave gateway with --arweave <url>/,
    );
  });

  it("runs each file's handler with its verified bytes, isolated from chain handlers and other files", async () => {
    const first = await gateway.add(text("first file"), { cidVersion: 0 });
    const longText = Array.from({ length: 300 }, (_, i) => `line ${i} of a file in many blocks`).join("\n");
    const tree = await gateway.add(text(longText), { cidVersion: 1, chunkSize: 256 });
    const dir = await gateway.add({ "notes/n.txt": text("in a directory"), "other.txt": text("other") });
    const arweaveId = "A".repeat(20) + "b_-".repeat(7) + "x".repeat(2);
    gateway.addArweave(arweaveId, text("arweave data"));
    // The tree's root block answers forged bytes twice: the indexer must retry and never accept them.
    gateway.tamper(tree, text("forged"), 2);
    await post("ipfs", first, "", "first file");
    // Both handlers of this post try to load the first file's FileContent, which exists by then.
    await post("ipfs", tree, first, longText);
    await post("ipfs", `${dir}/notes/n.txt`, tree, "in a directory");
    await post("arweave", arweaveId, first, "arweave data");
    // Not a CID: graph-node ignores the data source's creation; the Post stays.
    await post("ipfs", "not-a-cid", first, null);

    const logger = recordingLogger();
    const indexer = await start("files.sqlite", logger);
    const end = await tip();
    await indexer.waitForBlock(end, { timeoutMs: 60_000 });
    expect(await posted(indexer)).toEqual(expected(posts));
    expect(gateway.requests.get(`/ipfs/${tree}`)).toBe(3);
    expect(logger.lines.map((l) => l.message)).toContainEqual(
      `file ${tree} (file/ipfs), attempt 1 of 3: the gateway answered bytes that do not hash to ${tree}; not accepted`,
    );
    expect(logger.lines.map((l) => l.message)).toContainEqual(
      "ignoring data source creation due to invalid parameter: 'not-a-cid', error: not a CID (template IpfsFile)",
    );
    // Each file's entity appears in the block that created its data source.
    for (const p of posts.filter((q) => q.content !== null)) {
      const at = async (block: number) => {
        const { data } = await indexer.query(
          `{ fileContent(id: ${JSON.stringify(p.source)}, block: { number: ${block} }) { id } }`,
        );
        return (data as { fileContent: unknown }).fileContent;
      };
      expect(await at(p.block - 1)).toBeNull();
      expect(await at(p.block)).toEqual({ id: p.source });
    }
    await indexer.stop();

    // Done files stay done across a restart: nothing is fetched again.
    const before = new Map(gateway.requests);
    const again = await start("files.sqlite");
    await again.waitForBlock(end, { timeoutMs: 60_000 });
    const third = await gateway.add(text("third file"), { cidVersion: 0 });
    await post("ipfs", third, tree, "third file");
    await again.waitForBlock(await tip(), { timeoutMs: 60_000 });
    const requested = [...gateway.requests]
      .filter(([path, n]) => before.get(path) !== n)
      .map(([path]) => path);
    // Only the new post's file was read (its one block), none of the earlier ones.
    expect(requested).toEqual([`/ipfs/${third}`]);
    expect(await posted(again)).toEqual(expected(posts));
  });

  it("never accepts a file the gateway keeps forging: the block waits and is retried until the file is right", async () => {
    const logger = recordingLogger();
    const indexer = await start("files.sqlite", logger);
    await indexer.waitForBlock(await tip(), { timeoutMs: 60_000 });
    const cid = await gateway.add(text("wanted content"));
    gateway.tamper(cid, text("unwanted content"), Number.POSITIVE_INFINITY);
    await post("ipfs", cid, "", "wanted content");
    const block = posts[posts.length - 1]?.block ?? 0;
    await expect(indexer.waitForBlock(block, { timeoutMs: 3_000 })).rejects.toThrow(/not indexed within/);
    expect(indexer.status().block?.number).toBeLessThan(block);
    expect(indexer.status().state).not.toBe("failed");
    const { data } = await indexer.query(
      `{ post(id: "${posts.length}") { id } fileContent(id: "${cid}") { id } }`,
    );
    expect(data).toEqual({ post: null, fileContent: null });
    expect(logger.lines.map((l) => l.message)).toContainEqual(
      expect.stringContaining(`indexing paused: file ${cid} (file/ipfs) could not be fetched in 3 attempts`),
    );
    gateway.tamper(cid, new Uint8Array(), 0);
    await indexer.waitForBlock(block, { timeoutMs: 60_000 });
    expect(await posted(indexer)).toEqual(expected(posts));
  });

  it("reverts a reorged block's file data sources with their entities and runs the new branch's", async () => {
    const indexer = await start("files.sqlite");
    await indexer.waitForBlock(await tip(), { timeoutMs: 60_000 });
    const gone = await gateway.add(text("on the abandoned branch"));
    const kept = await gateway.add(text("on the new branch"));
    await post("ipfs", gone, "", "on the abandoned branch");
    await post("ipfs", kept, gone, "on the new branch");
    await indexer.waitForBlock(await tip(), { timeoutMs: 60_000 });
    expect(await posted(indexer)).toEqual(expected(posts));
    // The last two blocks are replaced by one post of `kept` under the first one's id.
    const removed = posts.splice(-2, 2);
    const first = removed[0];
    if (first === undefined) throw new Error("no post to reorg");
    await anvil.rpc("anvil_reorg", [2, [[postTx(first.id, "ipfs", kept, gone), 0]]]);
    await anvil.rpc("evm_mine");
    posts.push({ ...first, source: kept, previous: gone, content: "on the new branch", block: first.block });
    await indexer.waitForBlock(await tip(), { timeoutMs: 60_000 });
    expect(indexer.status().reorgs).toBeGreaterThan(0);
    expect(await posted(indexer)).toEqual(expected(posts));
    const { data } = await indexer.query(`{ fileContent(id: "${gone}") { id } }`);
    expect(data).toEqual({ fileContent: null });
  });
});
