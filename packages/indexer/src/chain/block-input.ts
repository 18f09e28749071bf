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
  const logs = block.logs.map(logInput);
  if (block.receipts === null) return { header, logs, transactions };
  const receipts = new Map<string, ReceiptInput>();
  for (const r of block.receipts) receipts.set(r.transactionHash, receiptInput(r));
  return { header, logs, transactions, receipts };
}
