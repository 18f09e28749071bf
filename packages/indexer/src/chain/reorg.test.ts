import { describe, expect, it } from "vitest";
import type { BlockPtr } from "../types.js";
import type { ChainBlockHeader } from "./chain-types.js";
import { ReorgBeyondKeptBlocksError } from "./errors.js";
import { findCommonAncestor, type KnownBlocks } from "./reorg.js";

const hash = (n: number, fork: string) => `0x${fork}${n.toString(16).padStart(64 - fork.length, "0")}`;

function ptr(n: number, fork = ""): BlockPtr {
  return { number: n, hash: hash(n, fork), parentHash: hash(n - 1, fork), timestamp: n * 12 };
}

function header(p: BlockPtr): ChainBlockHeader {
  const zero = `0x${"0".repeat(64)}`;
  return {
    ...p,
    unclesHash: zero,
    author: `0x${"0".repeat(40)}`,
    stateRoot: zero,
    transactionsRoot: zero,
    receiptsRoot: zero,
    gasUsed: 0n,
    gasLimit: 0n,
    difficulty: 0n,
    totalDifficulty: null,
    size: null,
    baseFeePerGas: null,
  };
}

/** The node's chain: blocks 0..`forkAt` as the store saw them, the blocks above on fork "f". */
function node(forkAt: number, head: number) {
  const asked: number[][] = [];
  return {
    asked,
    eth: {
      headers: async (numbers: readonly number[]) => {
        asked.push([...numbers]);
        return numbers.map((n) => (n > head ? null : header(n <= forkAt ? ptr(n) : ptr(n, "f"))));
      },
    },
  };
}

/** The store's pointers: the `kept` blocks, and `prunedBelow` as the store reports it. */
function known(kept: readonly number[], prunedBelow: number | null): KnownBlocks {
  const ptrs = [...kept].sort((a, b) => b - a).map((n) => ptr(n));
  return {
    pointersAtOrBelow: (at, limit) => ptrs.filter((p) => p.number <= at).slice(0, limit),
    prunedBelow: () => prunedBelow,
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("findCommonAncestor", () => {
  it("returns the highest kept pointer still on the chain, paging down through sparse pointers", async () => {
    const { eth, asked } = node(40, 200);
    // Pointers every other block from 2 to 150: the highest on the chain is 40.
    const kept = range(1, 75).map((i) => i * 2);
    expect(await findCommonAncestor(eth, known(kept, null), 149)).toEqual(ptr(40));
    // Pages of 50 pointers, highest first: 148..50, then 48..2 (the ancestor is on the second page).
    expect(asked.map((a) => [a[0], a.length])).toEqual([
      [148, 50],
      [48, 24],
    ]);
  });

  it("returns null (revert everything) when no pointer is on the chain and none was pruned", async () => {
    const { eth } = node(4, 200);
    expect(await findCommonAncestor(eth, known(range(10, 30), null), 29)).toBeNull();
  });

  it("throws ReorgBeyondKeptBlocksError naming the depth and the oldest kept pointer when older ones were pruned", async () => {
    const { eth } = node(4, 200);
    const error = await findCommonAncestor(eth, known(range(10, 30), 10), 29).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReorgBeyondKeptBlocksError);
    const deep = error as ReorgBeyondKeptBlocksError;
    expect(deep.block).toBe(30);
    expect(deep.oldestKept).toEqual(ptr(10));
    expect(deep.minDepth).toBe(21);
    expect(deep.message).toBe(
      `a reorg at least 21 blocks deep, deeper than the kept block pointers: block 30 is no longer on the chain and none of the kept block pointers is, down to the oldest, block 10 (${ptr(10).hash}); the pointers below block 10 were pruned, so the common ancestor cannot be found. Reset the store and index again from the start block (dmex-indexer reset --db <path>); to survive reorgs this deep, keep more block pointers (--block-retention, library option blockRetention) or stay further behind the head (--confirmations)`,
    );
  });

  it("still finds an ancestor inside the kept window after pruning", async () => {
    const { eth } = node(25, 200);
    expect(await findCommonAncestor(eth, known(range(10, 30), 10), 29)).toEqual(ptr(25));
  });
});
