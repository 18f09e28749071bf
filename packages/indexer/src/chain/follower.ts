import type { BlockPtr, CallFilter, Logger } from "../types.js";
import type { ChainBlockHeader, ChainLog, ChainReceipt, ChainTransaction } from "./chain-types.js";
import type { EthApi, LogFilter } from "./eth.js";
import type { AdaptiveLogFetcher } from "./log-range.js";
import { findCommonAncestor, type KnownBlocks } from "./reorg.js";
import { type ExtensionRequest, extendSegment } from "./segment-extension.js";
import type { AdaptiveTraceFetcher, ChainCall } from "./traces.js";

/** One block of a segment: its header, its matching logs in log-index order, and what handlers may need. */
export interface SegmentBlock {
  readonly header: ChainBlockHeader;
  readonly logs: readonly ChainLog[];
  /** The block's transactions when it has logs or calls (handlers see `event.transaction`), else empty. */
  readonly transactions: readonly ChainTransaction[];
  /** The block's calls matching the step's call filter, in trace order (none without a call filter). */
  readonly calls?: readonly ChainCall[];
  /** The block's receipts when asked for and the block has logs, else null. */
  readonly receipts: readonly ChainReceipt[] | null;
}

export type FollowStep =
  /**
   * Blocks `from..to.number` in order: every block with a matching log plus the last one (so its pointer
   * becomes the new cursor); every block of the range when `everyBlock` was asked for.
   */
  | {
      readonly kind: "blocks";
      readonly from: number;
      readonly blocks: readonly SegmentBlock[];
      readonly head: number;
    }
  /** The cursor is no longer on the chain: revert to `ancestor` (null: to before the first block). */
  | { readonly kind: "reorg"; readonly ancestor: BlockPtr | null; readonly head: number }
  /** Nothing confirmed past the cursor yet. */
  | { readonly kind: "caught-up"; readonly head: number };

export interface FollowerOptions {
  readonly eth: EthApi;
  readonly logs: AdaptiveLogFetcher;
  /** Needed when steps ask for calls (subgraphs with call handlers or call-filtered block handlers). */
  readonly traces?: AdaptiveTraceFetcher;
  readonly known: KnownBlocks;
  /** Blocks behind the node's head that are left alone, because they may still be reorganised away. */
  readonly confirmations?: number;
  /** Deliver every block, not only those with logs (subgraphs with block handlers). */
  readonly everyBlock?: boolean;
  /** Widest range delivered at once when `everyBlock` is on (each block is a header to fetch). */
  readonly maxBlocksPerStep?: number;
  readonly logger?: Logger;
}

export interface StepRequest {
  /** The last block the store committed, null before the first. */
  readonly cursor: BlockPtr | null;
  readonly startBlock: number;
  readonly filters: readonly LogFilter[];
  readonly receipts: boolean;
  /** The calls to read with `trace_filter`; null or absent: none. */
  readonly calls?: CallFilter | null;
}

// A log whose block hash disagrees with the block fetched right after means the chain moved under us.
const MAX_INCONSISTENT_RETRIES = 5;

/**
 * Reads the chain ahead of the store's cursor, one adaptive range at a time, and detects reorgs: a cursor
 * block the node no longer has, or a next block whose parent hash is not the cursor's hash.
 */
export class ChainFollower {
  private readonly confirmations: number;

  constructor(private readonly options: FollowerOptions) {
    this.confirmations = options.confirmations ?? 0;
  }

  async step(request: StepRequest): Promise<FollowStep> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.tryStep(request);
      if (result !== "inconsistent") return result;
      if (attempt >= MAX_INCONSISTENT_RETRIES) {
        throw new Error("the node kept answering from different forks within one range; giving up for now");
      }
      this.options.logger?.info("chain changed while a range was read; reading it again");
    }
  }

  /**
   * The blocks of a step still to run, with the triggers of data sources created in an earlier block of the
   * step merged in (see segment-extension.ts): the step is not read again.
   */
  extend(request: ExtensionRequest): Promise<SegmentBlock[]> {
    return extendSegment(this.options, request);
  }

  private async tryStep({
    cursor,
    startBlock,
    filters,
    receipts,
    calls,
  }: StepRequest): Promise<FollowStep | "inconsistent"> {
    const { eth } = this.options;
    const head = await eth.blockNumber();
    const from = cursor === null ? startBlock : cursor.number + 1;
    const confirmedHead = head - this.confirmations;
    if (from > confirmedHead) {
      if (cursor !== null) {
        const current = await eth.header(cursor.number);
        if (current === null || current.hash !== cursor.hash) return this.reorg(cursor.number, head);
      }
      return { kind: "caught-up", head };
    }
    // With blocks to read, the cursor is not fetched again: the range's first block is always fetched, and its
    // parent hash (checked below) tells whether the cursor is still on the chain. Each block is read once.

    const maxTo = this.options.everyBlock
      ? Math.min(confirmedHead, from + (this.options.maxBlocksPerStep ?? 250) - 1)
      : confirmedHead;
    const range = await this.options.logs.fetch(from, maxTo, filters);
    const logsByBlock = new Map<number, ChainLog[]>();
    for (const log of range.logs) {
      const list = logsByBlock.get(log.blockNumber);
      if (list) list.push(log);
      else logsByBlock.set(log.blockNumber, [log]);
    }

    const callsByBlock = new Map<number, ChainCall[]>();
    if (calls !== undefined && calls !== null) {
      const traces = this.options.traces;
      if (traces === undefined) throw new Error("the follower was asked for calls but has no trace fetcher");
      for (const call of await traces.fetch(from, range.to, calls)) {
        const list = callsByBlock.get(call.blockNumber);
        if (list) list.push(call);
        else callsByBlock.set(call.blockNumber, [call]);
      }
    }

    const withLogs = [...new Set([...logsByBlock.keys(), ...callsByBlock.keys()])];
    const headerOnly = new Set<number>([from, range.to]);
    if (this.options.everyBlock) for (let n = from; n <= range.to; n++) headerOnly.add(n);
    for (const n of withLogs) headerOnly.delete(n);
    const headerNumbers = [...headerOnly];
    const [fullBlocks, headers] = await Promise.all([eth.blocks(withLogs), eth.headers(headerNumbers)]);

    const byNumber = new Map<number, SegmentBlock>();
    for (const [i, n] of headerNumbers.entries()) {
      const header = headers[i];
      if (!header) return "inconsistent";
      byNumber.set(n, { header, logs: [], transactions: [], receipts: null });
    }
    for (const [i, n] of withLogs.entries()) {
      const block = fullBlocks[i];
      const logs = logsByBlock.get(n) ?? [];
      const blockCalls = callsByBlock.get(n) ?? [];
      if (!block || logs.some((l) => l.blockHash !== block.hash)) return "inconsistent";
      if (blockCalls.some((c) => c.blockHash !== block.hash)) return "inconsistent";
      const { transactions, ...header } = block;
      byNumber.set(n, { header, logs, transactions, receipts: null, calls: blockCalls });
    }

    const first = byNumber.get(from);
    if (cursor !== null && first !== undefined && first.header.parentHash !== cursor.hash) {
      return this.reorg(cursor.number, head);
    }

    let blocks = [...byNumber.values()].sort((a, b) => a.header.number - b.header.number);
    if (!this.options.everyBlock) {
      // The range's first block was only fetched for the parent-hash check.
      blocks = blocks.filter(
        (b) => b.logs.length > 0 || (b.calls?.length ?? 0) > 0 || b.header.number === range.to,
      );
    }
    if (!isLinked(blocks)) return "inconsistent";

    if (receipts) {
      const needing = blocks.filter((b) => b.logs.length > 0);
      const lists = await eth.blockReceipts(needing.map((b) => b.header.hash));
      const withReceipts = new Map<number, readonly ChainReceipt[]>();
      for (const [i, b] of needing.entries()) withReceipts.set(b.header.number, lists[i] ?? []);
      blocks = blocks.map((b) => {
        const r = withReceipts.get(b.header.number);
        return r === undefined ? b : { ...b, receipts: r };
      });
    }
    return { kind: "blocks", from, blocks, head };
  }

  private async reorg(at: number, head: number): Promise<FollowStep> {
    const ancestor = await findCommonAncestor(this.options.eth, this.options.known, at - 1);
    this.options.logger?.warn(
      `reorg: block ${at} is no longer on the chain; common ancestor ${
        ancestor === null ? "none (reverting everything)" : `${ancestor.number} (${ancestor.hash})`
      }`,
    );
    return { kind: "reorg", ancestor, head };
  }
}

/** Adjacent blocks of a range must chain by parent hash; sparse ones cannot be checked. */
function isLinked(blocks: readonly SegmentBlock[]): boolean {
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1];
    const cur = blocks[i];
    if (
      prev &&
      cur &&
      cur.header.number === prev.header.number + 1 &&
      cur.header.parentHash !== prev.header.hash
    ) {
      return false;
    }
  }
  return true;
}
