import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EthApi, type LogFilter } from "../src/chain/eth.js";
import { ChainFollower, type FollowStep, type SegmentBlock } from "../src/chain/follower.js";
import { AdaptiveLogFetcher } from "../src/chain/log-range.js";
import type { KnownBlocks } from "../src/chain/reorg.js";
import { RpcClient } from "../src/chain/rpc-client.js";
import type { BlockPtr } from "../src/types.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit, emitTx, word } from "./helpers/emitter.js";
import { startRpcProxy } from "./helpers/rpc-proxy.js";

const TOPIC_A = `0x${"a1".repeat(32)}`;
const TOPIC_B = `0x${"b2".repeat(32)}`;
const IGNORED = `0x${"cc".repeat(32)}`;

/** What a store keeps: the pointers of the blocks it committed, revertible. */
class MemoryPointers implements KnownBlocks {
  readonly ptrs = new Map<number, BlockPtr>();
  add(ptr: BlockPtr) {
    this.ptrs.set(ptr.number, ptr);
  }
  revertTo(n: number) {
    for (const k of [...this.ptrs.keys()]) if (k > n) this.ptrs.delete(k);
  }
  head(): BlockPtr | null {
    const top = Math.max(-1, ...this.ptrs.keys());
    return this.ptrs.get(top) ?? null;
  }
  prunedBelow(): number | null {
    return null;
  }
  pointersAtOrBelow(at: number, limit: number): BlockPtr[] {
    return [...this.ptrs.values()]
      .filter((p) => p.number <= at)
      .sort((a, b) => b.number - a.number)
      .slice(0, limit);
  }
}

let anvil: Anvil;
let client: RpcClient;
let eth: EthApi;
let emitter: string;

beforeAll(async () => {
  anvil = await startAnvil();
  client = new RpcClient({ url: anvil.url });
  eth = new EthApi(client);
  emitter = await deployEmitter(anvil);
});

afterAll(async () => {
  client?.close();
  await anvil?.stop();
});

function follower(
  known: KnownBlocks,
  options: { confirmations?: number; everyBlock?: boolean; initialSpan?: number } = {},
) {
  return new ChainFollower({
    eth,
    logs: new AdaptiveLogFetcher(eth, { initialSpan: options.initialSpan ?? 4 }),
    known,
    ...(options.confirmations === undefined ? {} : { confirmations: options.confirmations }),
    ...(options.everyBlock === undefined ? {} : { everyBlock: options.everyBlock }),
  });
}

/** Drives a follower to the head like the indexer does, recording each block's pointer and its logs. */
async function sync(
  f: ChainFollower,
  known: MemoryPointers,
  filters: LogFilter[],
  startBlock: number,
  seen: Map<number, SegmentBlock>,
  receipts = false,
): Promise<FollowStep[]> {
  const steps: FollowStep[] = [];
  for (;;) {
    const step = await f.step({ cursor: known.head(), startBlock, filters, receipts });
    steps.push(step);
    if (step.kind === "caught-up") return steps;
    if (step.kind === "reorg") {
      const to = step.ancestor?.number ?? startBlock - 1;
      known.revertTo(to);
      for (const k of [...seen.keys()]) if (k > to) seen.delete(k);
      continue;
    }
    for (const b of step.blocks) {
      known.add(b.header);
      seen.set(b.header.number, b);
    }
  }
}

const payloads = (seen: Map<number, SegmentBlock>) =>
  [...seen.values()].flatMap((b) => b.logs.map((l) => BigInt(l.data)));

describe("ChainFollower against anvil", () => {
  it("delivers exactly the matching logs, with their transactions, up to the head", async () => {
    const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
    const sent: { block: number; tx: string; payload: bigint }[] = [];
    for (let i = 1n; i <= 9n; i++) {
      const receipt = await emit(anvil, emitter, i % 3n === 0n ? IGNORED : i % 2n ? TOPIC_A : TOPIC_B, i);
      if (i % 3n !== 0n)
        sent.push({ block: Number(receipt.blockNumber), tx: String(receipt.transactionHash), payload: i });
    }
    const known = new MemoryPointers();
    const seen = new Map<number, SegmentBlock>();
    const steps = await sync(
      follower(known),
      known,
      [{ addresses: [emitter], topic0s: [TOPIC_A, TOPIC_B] }],
      start,
      seen,
    );
    expect(steps.filter((s) => s.kind === "blocks").length).toBeGreaterThan(1);
    expect(payloads(seen)).toEqual(sent.map((s) => s.payload));
    for (const s of sent) {
      const block = seen.get(s.block);
      expect(block?.transactions.map((t) => t.hash)).toContain(s.tx);
      expect(block?.logs[0]?.transactionHash).toBe(s.tx);
    }
    expect(known.head()?.number).toBe(Number(await anvil.rpc("eth_blockNumber")));
  });

  it("filters by address", async () => {
    const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
    const other = await deployEmitter(anvil);
    await emit(anvil, other, TOPIC_A, 100n);
    await emit(anvil, emitter, TOPIC_A, 101n);
    const known = new MemoryPointers();
    const seen = new Map<number, SegmentBlock>();
    await sync(follower(known), known, [{ addresses: [emitter], topic0s: [TOPIC_A] }], start, seen);
    expect(payloads(seen)).toEqual([101n]);
  });

  it("leaves the last `confirmations` blocks alone until they are buried", async () => {
    const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
    await emit(anvil, emitter, TOPIC_A, 200n);
    await emit(anvil, emitter, TOPIC_A, 201n);
    const known = new MemoryPointers();
    const seen = new Map<number, SegmentBlock>();
    const f = follower(known, { confirmations: 1 });
    const filters = [{ addresses: [emitter], topic0s: [TOPIC_A] }];
    await sync(f, known, filters, start, seen);
    expect(payloads(seen)).toEqual([200n]);
    expect(known.head()?.number).toBe(Number(await anvil.rpc("eth_blockNumber")) - 1);
    await anvil.rpc("evm_mine");
    await sync(f, known, filters, start, seen);
    expect(payloads(seen)).toEqual([200n, 201n]);
  });

  it("fetches receipts when asked", async () => {
    const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
    const receipt = await emit(anvil, emitter, TOPIC_B, 300n);
    const known = new MemoryPointers();
    const seen = new Map<number, SegmentBlock>();
    await sync(follower(known), known, [{ addresses: [emitter], topic0s: [TOPIC_B] }], start, seen, true);
    const block = seen.get(Number(receipt.blockNumber));
    expect(block?.receipts?.map((r) => r.transactionHash)).toEqual([receipt.transactionHash]);
    expect(block?.receipts?.[0]?.logs[0]?.data).toBe(`0x${word(300n)}`);
    expect(block?.receipts?.[0]?.status).toBe(1n);
  });

  it("delivers every block in everyBlock mode, each linked to its parent", async () => {
    const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
    await anvil.rpc("anvil_mine", ["0x5"]);
    const known = new MemoryPointers();
    const seen = new Map<number, SegmentBlock>();
    await sync(follower(known, { everyBlock: true }), known, [], start, seen);
    const numbers = [...seen.keys()];
    expect(numbers).toEqual([start, start + 1, start + 2, start + 3, start + 4]);
    for (const n of numbers.slice(1))
      expect(seen.get(n)?.header.parentHash).toBe(seen.get(n - 1)?.header.hash);
  });

  it.each([
    ["every block pointer kept", true],
    ["only pointers of blocks with logs kept", false],
  ])(
    "detects an anvil_reorg at the same height and reverts to the common ancestor (%s)",
    async (_name, everyBlock) => {
      const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
      for (let i = 0n; i < 6n; i++) await emit(anvil, emitter, TOPIC_A, 400n + i);
      const head = Number(await anvil.rpc("eth_blockNumber"));
      const known = new MemoryPointers();
      const seen = new Map<number, SegmentBlock>();
      const f = follower(known, { everyBlock });
      const filters = [{ addresses: [emitter], topic0s: [TOPIC_A] }];
      await sync(f, known, filters, start, seen);
      expect(payloads(seen)).toEqual([400n, 401n, 402n, 403n, 404n, 405n]);
      const oldHashes = new Map([...seen].map(([n, b]) => [n, b.header.hash]));

      // Replace the last 3 blocks (403..405) with a fork holding one different event in its middle block.
      await anvil.rpc("anvil_reorg", [3, [[emitTx(emitter, TOPIC_A, 999n), 1]]]);
      expect(Number(await anvil.rpc("eth_blockNumber"))).toBe(head);

      const steps = await sync(f, known, filters, start, seen);
      const reorg = steps.find((s) => s.kind === "reorg");
      expect(reorg?.kind === "reorg" ? reorg.ancestor?.number : undefined).toBe(head - 3);
      expect(reorg?.kind === "reorg" ? reorg.ancestor?.hash : undefined).toBe(oldHashes.get(head - 3));
      expect(payloads(seen)).toEqual([400n, 401n, 402n, 999n]);
      const onChain = await eth.header(head);
      expect(known.head()?.hash).toBe(onChain?.hash);
    },
  );

  it("detects a reorg that also made the chain longer, through the next block's parent hash", async () => {
    const start = Number(await anvil.rpc("eth_blockNumber")) + 1;
    for (let i = 0n; i < 3n; i++) await emit(anvil, emitter, TOPIC_B, 500n + i);
    const known = new MemoryPointers();
    const seen = new Map<number, SegmentBlock>();
    const filters = [{ addresses: [emitter], topic0s: [TOPIC_B] }];
    const f = follower(known);
    await sync(f, known, filters, start, seen);
    await anvil.rpc("anvil_reorg", [2, []]);
    await emit(anvil, emitter, TOPIC_B, 510n);
    await sync(f, known, filters, start, seen);
    expect(payloads(seen)).toEqual([500n, 510n]);
  });

  it("reads receipts transaction by transaction from a node without eth_getBlockReceipts", async () => {
    const a = await emit(anvil, emitter, TOPIC_A, 600n);
    const proxy = await startRpcProxy(anvil.url);
    proxy.missingMethods.add("eth_getBlockReceipts");
    const proxied = new RpcClient({ url: proxy.url });
    try {
      const blockHash = String(a.blockHash);
      const viaFallback = await new EthApi(proxied).blockReceipts([blockHash]);
      expect(viaFallback).toEqual(await eth.blockReceipts([blockHash]));
      expect(viaFallback[0]?.[0]?.transactionHash).toBe(a.transactionHash);
    } finally {
      proxied.close();
      await proxy.close();
    }
  });
});
