import type { BlockInput, LogInput, ReceiptInput, TransactionInput } from "../types.js";
import type { ChainLog, ChainReceipt } from "./chain-types.js";
import type { SegmentBlock } from "./follower.js";

function logInput(log: ChainLog): LogInput {
  return {
    address: log.address,
    topics: log.topics,
    data: log.data,
    logIndex: log.logIndex,
    transactionIndex: log.transactionIndex,
    transactionHash: log.transactionHash,
    removed: log.removed,
  };
}

function receiptInput(receipt: ChainReceipt): ReceiptInput {
  return {
    ...receipt,
    logs: receipt.logs.map(logInput),
    status: receipt.status === null ? null : Number(receipt.status),
  };
}

/** What the runtime takes for one block the follower delivered. */
export function toBlockInput(block: SegmentBlock): BlockInput {
  const transactions = new Map<string, TransactionInput>();
  for (const tx of block.transactions) transactions.set(tx.hash, tx);
  const header = { ...block.header, totalDifficulty: block.header.totalDifficulty ?? 0n };
  // A ChainLog is a LogInput (with its block's number and hash besides): no copy per log.
  const logs: readonly LogInput[] = block.logs;
  // The runtime only reads the `CallInput` fields; the block pointer of each call is the header's.
  const calls = block.calls ?? [];
  if (block.receipts === null) return { header, logs, transactions, calls };
  const receipts = new Map<string, ReceiptInput>();
  for (const r of block.receipts) receipts.set(r.transactionHash, receiptInput(r));
  return { header, logs, transactions, receipts, calls };
}
