import type { LogInput, ReceiptInput, TransactionInput } from "../types.js";

/** JSON-RPC objects as nodes return them, converted to the runtime's input types. */
type Json = Record<string, unknown>;

const hex = (v: unknown): string => (typeof v === "string" ? v.toLowerCase() : "0x");
const qty = (v: unknown): bigint => (typeof v === "string" && v !== "" ? BigInt(v) : 0n);
const num = (v: unknown): number => Number(qty(v));

export function logFromRpc(raw: unknown): LogInput {
  const l = raw as Json;
  return {
    address: hex(l.address),
    topics: Array.isArray(l.topics) ? l.topics.map(hex) : [],
    data: hex(l.data),
    logIndex: num(l.logIndex),
    transactionIndex: num(l.transactionIndex),
    transactionHash: hex(l.transactionHash),
    removed: l.removed === true,
  };
}

export function transactionFromRpc(raw: unknown): TransactionInput {
  const t = raw as Json;
  return {
    hash: hex(t.hash),
    index: num(t.transactionIndex),
    from: hex(t.from),
    to: typeof t.to === "string" ? t.to.toLowerCase() : null,
    value: qty(t.value),
    gasLimit: qty(t.gas),
    gasPrice: qty(t.gasPrice ?? t.maxFeePerGas),
    input: hex(t.input),
    nonce: qty(t.nonce),
  };
}

export function receiptFromRpc(raw: unknown): ReceiptInput {
  const r = raw as Json;
  return {
    transactionHash: hex(r.transactionHash),
    transactionIndex: num(r.transactionIndex),
    blockHash: hex(r.blockHash),
    blockNumber: num(r.blockNumber),
    cumulativeGasUsed: qty(r.cumulativeGasUsed),
    gasUsed: qty(r.gasUsed),
    contractAddress: typeof r.contractAddress === "string" ? r.contractAddress.toLowerCase() : null,
    logs: Array.isArray(r.logs) ? r.logs.map(logFromRpc) : [],
    status: typeof r.status === "string" ? num(r.status) : null,
    root: typeof r.root === "string" ? r.root.toLowerCase() : null,
    logsBloom: hex(r.logsBloom),
  };
}
