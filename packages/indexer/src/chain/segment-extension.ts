// Data sources created in a block of a segment the follower already read: instead of reading the rest of the
// segment again with the grown filters (a cost of creations × blocks for a factory), only the new data
// sources' logs (and, when they have call handlers, the segment's calls) are read for the blocks after the
// creation block, and merged into the blocks not run yet. A block already fetched in full is never fetched
// again; a block fetched as a header only (a range's ends, or every block for block handlers) has its body
// fetched once, when it first gets a trigger.
import type { CallFilter, LogFilter } from "../types.js";
import type { ChainLog, ChainReceipt } from "./chain-types.js";
import { ChainMovedError } from "./errors.js";
import type { EthApi } from "./eth.js";
import type { SegmentBlock } from "./follower.js";
import type { AdaptiveLogFetcher } from "./log-range.js";
import type { AdaptiveTraceFetcher, ChainCall } from "./traces.js";

export interface ExtensionRequest {
  /** The segment's blocks after the creation block, in block order: none of them has been run yet. */
  readonly pending: readonly SegmentBlock[];
  /** The first block to read (the creation block + 1) and the segment's last block. */
  readonly from: number;
  readonly to: number;
  /** The log filters of the new data sources only. */
  readonly filters: readonly LogFilter[];
  /**
   * The whole call filter (old and new data sources) when a new data source needs calls, else null. The
   * segment's calls are read again rather than merged: a trace has no position within its transaction,
   * so only a fresh read keeps the calls of old and new data sources in trace order.
   */
  readonly calls: CallFilter | null;
  readonly receipts: boolean;
}

export interface ExtensionSources {
  readonly eth: EthApi;
  readonly logs: AdaptiveLogFetcher;
  readonly traces?: AdaptiveTraceFetcher;
}

/** A block fetched with its transactions (a block with a trigger always is). */
function hasBody(block: SegmentBlock): boolean {
  return block.logs.length > 0 || (block.calls?.length ?? 0) > 0;
}

function groupByBlock<T extends { readonly blockNumber: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(item.blockNumber);
    if (list) list.push(item);
    else out.set(item.blockNumber, [item]);
  }
  return out;
}

/**
 * The `pending` blocks with the new data sources' triggers merged in (logs in log-index order, without the
 * ones already there), plus the blocks of `[from, to]` that had no trigger before and have one now.
 * Throws `ChainMovedError` when the node answers from another fork than the segment's.
 */
export async function extendSegment(
  sources: ExtensionSources,
  request: ExtensionRequest,
): Promise<SegmentBlock[]> {
  const { from, to } = request;
  const byNumber = new Map(request.pending.map((b) => [b.header.number, b]));
  if (from > to) return [...request.pending];

  const newLogs: ChainLog[] = [];
  for (let start = from; start <= to; ) {
    const range = await sources.logs.fetch(start, to, request.filters);
    newLogs.push(...range.logs);
    start = range.to + 1;
  }
  const logsByBlock = groupByBlock(newLogs);
  let callsByBlock = new Map<number, ChainCall[]>();
  if (request.calls !== null) {
    if (sources.traces === undefined) throw new Error("asked for calls without a trace fetcher");
    callsByBlock = groupByBlock(await sources.traces.fetch(from, to, request.calls));
  }

  const touched = [...new Set([...logsByBlock.keys(), ...callsByBlock.keys()])].sort((a, b) => a - b);
  const needBody = touched.filter((n) => {
    const known = byNumber.get(n);
    return known === undefined || !hasBody(known);
  });
  const bodies = await sources.eth.blocks(needBody);
  for (const [i, n] of needBody.entries()) {
    const block = bodies[i];
    const known = byNumber.get(n);
    if (!block || (known !== undefined && known.header.hash !== block.hash)) {
      throw new ChainMovedError(n);
    }
    const { transactions, ...header } = block;
    byNumber.set(n, { header, logs: [], transactions, receipts: null, calls: known?.calls ?? [] });
  }

  const gainedLogs: number[] = [];
  for (const n of touched) {
    const block = byNumber.get(n);
    if (block === undefined) throw new ChainMovedError(n);
    const extraLogs = logsByBlock.get(n) ?? [];
    const calls = callsByBlock.get(n);
    if (extraLogs.some((l) => l.blockHash !== block.header.hash)) throw new ChainMovedError(n);
    if (calls?.some((c) => c.blockHash !== block.header.hash)) throw new ChainMovedError(n);
    const have = new Set(block.logs.map((l) => l.logIndex));
    const added = extraLogs.filter((l) => !have.has(l.logIndex));
    const logs =
      added.length === 0 ? block.logs : [...block.logs, ...added].sort((a, b) => a.logIndex - b.logIndex);
    if (added.length > 0 && block.receipts === null) gainedLogs.push(n);
    byNumber.set(n, { ...block, logs, calls: calls ?? block.calls ?? [] });
  }

  if (request.receipts && gainedLogs.length > 0) {
    const hashes = gainedLogs.map((n) => byNumber.get(n)?.header.hash ?? "");
    const lists = await sources.eth.blockReceipts(hashes);
    for (const [i, n] of gainedLogs.entries()) {
      const block = byNumber.get(n);
      const receipts: readonly ChainReceipt[] = lists[i] ?? [];
      if (block !== undefined) byNumber.set(n, { ...block, receipts });
    }
  }
  return [...byNumber.values()].sort((a, b) => a.header.number - b.header.number);
}
