import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, Interface, type JsonRpcProvider, type JsonRpcSigner } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, startIndexer } from "../src/indexer.js";
import { loadSubgraph } from "../src/manifest/index.js";
import { parseSchema } from "../src/schema/index.js";
import { openStore } from "../src/store/index.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { type Deployed, deploy, provider as makeProvider, mined } from "./helpers/deploy.js";
import {
  COUNTER_DUMP,
  dump,
  EXAMPLE_DUMP,
  expectedApprovalCounters,
  expectedEventEntities,
  expectedExampleEntities,
  NFT_DUMP,
  readEvents,
  type SentEvent,
  TOKEN_DUMP,
} from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import {
  type Artifact,
  compileFixture,
  keyExampleEntityBy,
  scaffoldFromContract,
} from "./helpers/subgraphs.js";

let anvil: Anvil;
let provider: JsonRpcProvider;
let signers: JsonRpcSigner[];
let work: string;
let tokenArtifact: Artifact;
let nftArtifact: Artifact;
let token: Deployed;
let nft: Deployed;
let tokenDir: string;
let placeholderDir: string;
let nftDir: string;
let counterDir: string;
const running = new Set<Indexer>();

async function start(subgraph: string, db: string, logger = recordingLogger()) {
  const indexer = await startIndexer({ subgraph, rpc: anvil.url, db, port: 0, pollIntervalMs: 50, logger });
  running.add(indexer);
  return { indexer, logger };
}

async function stop(indexer: Indexer) {
  await indexer.stop();
  running.delete(indexer);
}

async function head(): Promise<number> {
  return provider.getBlockNumber();
}

/** Sends several transactions into one block: automine off, send, mine, automine on. */
async function inOneBlock(sends: (() => Promise<{ wait(): Promise<unknown> }>)[]) {
  await anvil.rpc("evm_setAutomine", [false]);
  try {
    const txs = [];
    for (const send of sends) txs.push(await send());
    await anvil.rpc("evm_mine");
    await Promise.all(txs.map((tx) => tx.wait()));
  } finally {
    await anvil.rpc("evm_setAutomine", [true]);
  }
}

function tokenAs(i: number): Contract {
  return new Contract(token.address, tokenArtifact.abi as never[], signers[i]);
}

function nftAs(i: number): Contract {
  return new Contract(nft.address, nftArtifact.abi as never[], signers[i]);
}

const unit = 10n ** 18n;
const DEAD = "0x000000000000000000000000000000000000dead";

/** Transfers and approvals among the dev accounts, some blocks holding several. */
async function tokenActivity(round: number) {
  for (let i = 1; i <= 3; i++)
    await mined(tokenAs(0).getFunction("transfer")(DEV_ACCOUNTS[i], BigInt(round * 10 + i) * unit));
  await mined(tokenAs(1).getFunction("approve")(DEV_ACCOUNTS[2], 5n * unit));
  await inOneBlock([
    () => tokenAs(1).getFunction("transfer")(DEV_ACCOUNTS[3], 1n * unit),
    () => tokenAs(2).getFunction("transfer")(DEV_ACCOUNTS[1], 2n * unit),
    () => tokenAs(3).getFunction("approve")(DEV_ACCOUNTS[4], BigInt(round) * unit),
  ]);
  await mined(tokenAs(2).getFunction("transferFrom")(DEV_ACCOUNTS[1], DEV_ACCOUNTS[4], 1n * unit));
}

/**
 * Mints, transfers, approvals and operator approvals, five blocks a round. Token 1 (account 1's, with
 * account 2 as its operator) is approved in one block and twice more in a later one, so its approval counter
 * is updated across blocks and twice within a block; the round's last four blocks all hold NFT events.
 */
async function nftActivity(round: number) {
  if (round === 0) {
    for (let i = 1; i <= 4; i++) await mined(nftAs(i).getFunction("mint")(DEV_ACCOUNTS[i], i));
    await mined(nftAs(1).getFunction("setApprovalForAll")(DEV_ACCOUNTS[2], true));
  }
  const fresh = 100 + round;
  await mined(nftAs(0).getFunction("mint")(DEV_ACCOUNTS[3], fresh));
  await mined(nftAs(1).getFunction("approve")(DEV_ACCOUNTS[3], 1));
  await inOneBlock([
    () => nftAs(1).getFunction("approve")(DEV_ACCOUNTS[4], 1),
    () => nftAs(2).getFunction("approve")(DEV_ACCOUNTS[round % 2 === 0 ? 0 : 3], 1),
    () => nftAs(3).getFunction("transferFrom")(DEV_ACCOUNTS[3], DEV_ACCOUNTS[0], fresh),
  ]);
  await mined(nftAs(3).getFunction("approve")(DEV_ACCOUNTS[[0, 1, 2, 4][round % 4] ?? 0], 3));
  await mined(nftAs(2).getFunction("setApprovalForAll")(DEV_ACCOUNTS[4], round % 2 === 0));
}

async function tokenEvents(): Promise<SentEvent[]> {
  return readEvents(provider, token.address, tokenArtifact.abi as never[], token.block);
}

async function nftEvents(): Promise<SentEvent[]> {
  return readEvents(provider, nft.address, nftArtifact.abi as never[], nft.block);
}

async function expectedToken(atBlock: number) {
  return expectedEventEntities(await tokenEvents(), atBlock, TOKEN_DUMP);
}

async function expectedNft(atBlock: number) {
  return expectedEventEntities(await nftEvents(), atBlock, NFT_DUMP);
}

async function expectedCounters(atBlock: number) {
  return expectedApprovalCounters(await nftEvents(), atBlock);
}

/** Token 1's row of the approval counters (its id is `Bytes.fromBigInt(1)`). */
function token1(counters: Record<string, readonly Record<string, unknown>[]>) {
  return counters.exampleEntities?.find((row) => row.id === "0x01");
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-e2e-"));
  anvil = await startAnvil();
  provider = makeProvider(anvil.url);
  signers = await Promise.all(DEV_ACCOUNTS.map((a) => provider.getSigner(a)));
  tokenArtifact = compileFixture("TestToken.sol", "TestToken");
  nftArtifact = compileFixture("TestNft.sol", "TestNft");
  const [signer0] = signers;
  if (!signer0) throw new Error("no signer");
  token = await deploy(signer0, tokenArtifact);
  nft = await deploy(signer0, nftArtifact);
  const fromToken = {
    parent: work,
    contractName: "TestToken",
    abi: tokenArtifact.abi,
    address: token.address,
    startBlock: token.block,
  };
  const fromNft = {
    parent: work,
    contractName: "TestNft",
    abi: nftArtifact.abi,
    address: nft.address,
    startBlock: nft.block,
  };
  tokenDir = await scaffoldFromContract({ ...fromToken, slug: "test-token", indexEvents: true });
  placeholderDir = await scaffoldFromContract({
    ...fromToken,
    slug: "test-token-placeholder",
    indexEvents: false,
  });
  nftDir = await scaffoldFromContract({ ...fromNft, slug: "test-nft", indexEvents: true });
  counterDir = await scaffoldFromContract({
    ...fromNft,
    slug: "test-nft-counter",
    indexEvents: false,
    edit: keyExampleEntityBy("test-nft.ts", "tokenId"),
  });
  await tokenActivity(0);
  await nftActivity(0);
  await tokenActivity(1);
  await nftActivity(1);
});

// A failed assertion skips a test's own stop(); indexers left running would race the next test's.
afterEach(async () => {
  for (const indexer of running) await stop(indexer).catch(() => undefined);
});

afterAll(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("stock subgraphs against anvil", () => {
  it("ERC20 scaffolded by `graph init --from-contract --index-events`: every Transfer and Approval as sent", async () => {
    const { indexer } = await start(tokenDir, join(work, "token.sqlite"));
    const tip = await head();
    await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
    const expected = await expectedToken(tip);
    expect(expected.transfers?.length).toBeGreaterThan(10);
    expect(expected.approvals?.length).toBeGreaterThan(3);
    expect(await dump(indexer, TOKEN_DUMP)).toEqual(expected);
    const meta = await indexer.query("{ _meta { block { number hash } hasIndexingErrors } }");
    const tipBlock = await provider.getBlock(tip);
    expect(meta.data).toEqual({
      _meta: { block: { number: tip, hash: tipBlock?.hash }, hasIndexingErrors: false },
    });
    expect(indexer.status()).toMatchObject({ state: "synced", hasIndexingErrors: false, error: null });
    await stop(indexer);
  });

  it("ERC20 scaffolded without --index-events: the placeholder handler's ExampleEntity per Approval", async () => {
    const { indexer } = await start(placeholderDir, join(work, "placeholder.sqlite"));
    const tip = await head();
    await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
    const events = await tokenEvents();
    const expected = expectedExampleEntities(events, tip);
    expect(expected.exampleEntities?.length).toBeGreaterThan(3);
    expect(await dump(indexer, EXAMPLE_DUMP)).toEqual(expected);
    const approvalBlock = events.find((e) => e.name === "Approval")?.block ?? 0;
    expect(await dump(indexer, EXAMPLE_DUMP, { number: approvalBlock - 1 })).toEqual({ exampleEntities: [] });
    expect(await dump(indexer, EXAMPLE_DUMP, { number: approvalBlock })).toEqual(
      expectedExampleEntities(events, approvalBlock),
    );
    await stop(indexer);
  });

  it("ERC721 scaffolded by `graph init --from-contract --index-events`: every Transfer, Approval and ApprovalForAll as sent", async () => {
    const { indexer } = await start(nftDir, join(work, "nft.sqlite"));
    const tip = await head();
    await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
    const expected = await expectedNft(tip);
    // 4 + 2 mints, 2 transfers; 4 approvals a round; operator approvals both granted and revoked.
    expect(expected.transfers).toHaveLength(8);
    expect(expected.approvals).toHaveLength(8);
    expect(expected.approvalForAlls?.map((row) => row.approved).sort()).toEqual([false, true, true]);
    expect(await dump(indexer, NFT_DUMP)).toEqual(expected);
    expect(indexer.status()).toMatchObject({ state: "synced", hasIndexingErrors: false, error: null });
    await stop(indexer);
  });

  it("ERC721 placeholder scaffold keyed by token id: one mutable entity per token, updated by every Approval", async () => {
    const { indexer } = await start(counterDir, join(work, "nft-counter.sqlite"));
    const tip = await head();
    await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
    const events = await nftEvents();
    const expected = expectedApprovalCounters(events, tip);
    // Token 1 was approved 3 times a round, twice of them in one block; token 3 once a round.
    const token1Blocks = events
      .filter((e) => e.name === "Approval" && e.args.getValue("tokenId") === 1n)
      .map((e) => e.block);
    expect(token1Blocks).toHaveLength(6);
    expect(new Set(token1Blocks).size).toBe(4);
    expect(expected.exampleEntities?.map((row) => [row.id, row.count])).toEqual([
      ["0x01", "6"],
      ["0x03", "2"],
    ]);
    expect(await dump(indexer, COUNTER_DUMP)).toEqual(expected);
    expect(indexer.status()).toMatchObject({ state: "synced", hasIndexingErrors: false, error: null });
    await stop(indexer);
  });

  it("time travel: a query at an older block returns that block's state, by number and by hash", async () => {
    const { indexer: nfts } = await start(nftDir, join(work, "nft.sqlite"));
    const { indexer: counters } = await start(counterDir, join(work, "nft-counter.sqlite"));
    const { indexer: tokens } = await start(tokenDir, join(work, "token.sqlite"));
    const tip = await head();
    await Promise.all([nfts.waitForBlock(tip), counters.waitForBlock(tip), tokens.waitForBlock(tip)]);
    const [nftLog, tokenLog] = await Promise.all([nftEvents(), tokenEvents()]);
    const counterStates = new Set<string>();
    const nftStates = new Set<string>();
    for (let n = Math.min(token.block, nft.block); n <= tip; n++) {
      const wantCounters = expectedApprovalCounters(nftLog, n);
      const wantNfts = expectedEventEntities(nftLog, n, NFT_DUMP);
      counterStates.add(JSON.stringify(wantCounters));
      nftStates.add(JSON.stringify(wantNfts));
      expect(await dump(counters, COUNTER_DUMP, { number: n }), `counters at block ${n}`).toEqual(
        wantCounters,
      );
      expect(await dump(nfts, NFT_DUMP, { number: n }), `NFT events at block ${n}`).toEqual(wantNfts);
      expect(await dump(tokens, TOKEN_DUMP, { number: n }), `token events at block ${n}`).toEqual(
        expectedEventEntities(tokenLog, n, TOKEN_DUMP),
      );
    }
    // The history really changes over these blocks, so equal answers cannot come from the head state; the
    // counters' entities are updated in place (token 1's `count` goes 1, 3, 4, 6), so older versions must be
    // kept and chosen by block.
    expect(counterStates.size).toBeGreaterThan(5);
    expect(nftStates.size).toBeGreaterThan(10);
    const mid = Math.floor((nft.block + tip) / 2);
    const midHash = (await provider.getBlock(mid))?.hash;
    if (!midHash) throw new Error("no block hash");
    expect(await dump(counters, COUNTER_DUMP, { hash: midHash })).toEqual(
      expectedApprovalCounters(nftLog, mid),
    );
    expect(await dump(nfts, NFT_DUMP, { hash: midHash })).toEqual(
      expectedEventEntities(nftLog, mid, NFT_DUMP),
    );
    for (const indexer of [nfts, counters, tokens]) await stop(indexer);
  });

  it("restart: stopping and starting again resumes from the last committed block", async () => {
    const before = await head();
    const countBefore = Number(token1(await expectedCounters(before))?.count);
    await nftActivity(2);
    await tokenActivity(2);
    const tip = await head();
    const events = await nftEvents();
    const newEvents = events.filter((e) => e.block > before).length;
    expect(newEvents).toBe(7);
    // Token 1's counter continues from its stored value: a restart that lost it would count from 0.
    expect(countBefore).toBeGreaterThan(0);
    expect(token1(expectedApprovalCounters(events, tip))?.count).toBe(String(countBefore + 3));
    for (const [dir, db, spec, expected] of [
      [nftDir, "nft", NFT_DUMP, expectedEventEntities(events, tip, NFT_DUMP)],
      [counterDir, "nft-counter", COUNTER_DUMP, expectedApprovalCounters(events, tip)],
    ] as const) {
      const { indexer, logger } = await start(dir, join(work, `${db}.sqlite`));
      await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
      const messages = logger.lines.map((l) => l.message);
      expect(messages, db).toContainEqual(expect.stringMatching(/^resuming after block \d+/));
      const resumedAfter = Number(/resuming after block (\d+)/.exec(messages.join("\n"))?.[1]);
      expect(resumedAfter, db).toBeGreaterThanOrEqual(before);
      // Only the new blocks' events were handled again: nftActivity(2) sent 7 events.
      expect(indexer.status().eventsProcessed, db).toBe(newEvents);
      expect(await dump(indexer, spec), db).toEqual(expected);
      await stop(indexer);
    }
  });

  it("reorg: after anvil_reorg the store equals indexing the final chain from scratch", async () => {
    const subgraphs = [
      { dir: nftDir, db: "nft", spec: NFT_DUMP },
      { dir: counterDir, db: "nft-counter", spec: COUNTER_DUMP },
      { dir: tokenDir, db: "token", spec: TOKEN_DUMP },
    ] as const;
    const expectedAll = async (atBlock: number) => {
      const events = await nftEvents();
      return [
        expectedEventEntities(events, atBlock, NFT_DUMP),
        expectedApprovalCounters(events, atBlock),
        await expectedToken(atBlock),
      ];
    };
    const indexers: Indexer[] = [];
    for (const { dir, db } of subgraphs)
      indexers.push((await start(dir, join(work, `${db}.sqlite`))).indexer);
    await tokenActivity(3);
    await nftActivity(3);
    const tip = await head();
    await Promise.all(indexers.map((indexer) => indexer.waitForBlock(tip)));
    const oldHash = (await provider.getBlock(tip))?.hash;
    const beforeReorg = await expectedAll(tip);
    for (const [i, { spec }] of subgraphs.entries()) {
      const indexer = indexers[i];
      if (!indexer) throw new Error("no indexer");
      expect(await dump(indexer, spec)).toEqual(beforeReorg[i]);
    }

    // Replace the last 4 blocks (nftActivity(3)'s approvals, transfer and operator change) with a fork
    // holding other transactions: token 1 approved again (twice in one block), an ERC20 transfer, a mint.
    const nftIface = new Interface(nftArtifact.abi as never[]);
    const tokenIface = new Interface(tokenArtifact.abi as never[]);
    const tx = (from: number, to: string, data: string) => ({ from: DEV_ACCOUNTS[from], to, data });
    await anvil.rpc("anvil_reorg", [
      4,
      [
        [tx(1, nft.address, nftIface.encodeFunctionData("approve", [DEV_ACCOUNTS[2], 1])), 0],
        [tx(0, token.address, tokenIface.encodeFunctionData("transfer", [DEV_ACCOUNTS[4], 77n])), 1],
        [tx(1, nft.address, nftIface.encodeFunctionData("approve", [DEV_ACCOUNTS[0], 1])), 1],
        [tx(2, nft.address, nftIface.encodeFunctionData("approve", [DEAD, 1])), 1],
        [tx(0, nft.address, nftIface.encodeFunctionData("mint", [DEV_ACCOUNTS[4], 999])), 2],
      ],
    ]);
    const newHash = (await provider.getBlock(tip))?.hash;
    expect(newHash).not.toBe(oldHash);
    await anvil.rpc("evm_mine");
    const final = await head();
    await Promise.all(indexers.map((indexer) => indexer.waitForBlock(final, { timeoutMs: 60_000 })));
    const afterReorg = await expectedAll(final);
    const finalEvents = await nftEvents();
    // The fork's events are there and the removed blocks' are gone: token 1 was approved 3 times in the fork
    // as in the removed blocks, but never to accounts 3 or 4, whom the removed blocks approved.
    const forkToken1 = token1(afterReorg[1] ?? {});
    expect(forkToken1?.count).toBe(token1(beforeReorg[1] ?? {})?.count);
    expect(forkToken1).not.toEqual(token1(beforeReorg[1] ?? {}));
    expect(afterReorg[0]?.transfers?.some((row) => row.tokenId === "999")).toBe(true);
    for (const [i, { spec }] of subgraphs.entries()) {
      const indexer = indexers[i];
      if (!indexer) throw new Error("no indexer");
      expect(indexer.status().reorgs).toBeGreaterThan(0);
      expect(indexer.status().block?.hash).toBe((await provider.getBlock(final))?.hash);
      expect(await dump(indexer, spec)).toEqual(afterReorg[i]);
    }

    const fresh: Indexer[] = [];
    for (const { dir, db } of subgraphs)
      fresh.push((await start(dir, join(work, `${db}-fresh.sqlite`))).indexer);
    await Promise.all(fresh.map((indexer) => indexer.waitForBlock(final)));
    for (let n = Math.min(token.block, nft.block); n <= final; n++) {
      for (const [i, { db, spec }] of subgraphs.entries()) {
        const reorged = indexers[i];
        const scratch = fresh[i];
        if (!reorged || !scratch) throw new Error("no indexer");
        expect(await dump(reorged, spec, { number: n }), `${db} at block ${n}`).toEqual(
          await dump(scratch, spec, { number: n }),
        );
      }
    }
    for (const indexer of [...indexers, ...fresh]) await stop(indexer);

    // The stores themselves, every entity version with its block range, not only what queries show.
    for (const { dir, db } of subgraphs) {
      const schema = parseSchema(loadSubgraph(dir).schema);
      const reorged = openStore({ path: join(work, `${db}.sqlite`), schema });
      const scratch = openStore({ path: join(work, `${db}-fresh.sqlite`), schema });
      try {
        const a = reorged.dump();
        const b = scratch.dump();
        expect(a.entities, db).toEqual(b.entities);
        expect(a.dataSources, db).toEqual(b.dataSources);
        expect(a.head, db).toEqual(b.head);
        if (db === "nft-counter") {
          // Token 1's versions: one per block that approved it (two Approvals in one block make one version),
          // each closed where the next begins, the last open.
          const blocks = [
            ...new Set(
              finalEvents
                .filter((e) => e.name === "Approval" && e.args.getValue("tokenId") === 1n)
                .map((e) => String(e.block)),
            ),
          ];
          expect(blocks.length).toBeGreaterThan(6);
          const versions = (a.entities.ExampleEntity ?? []).filter((row) => row.id === "0x01");
          expect(versions.map((row) => String(row.block_from))).toEqual(blocks);
          expect(versions.slice(0, -1).map((row) => String(row.block_to))).toEqual(blocks.slice(1));
        }
      } finally {
        reorged.close();
        scratch.close();
      }
    }
  });
});
