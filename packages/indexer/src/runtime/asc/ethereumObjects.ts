import type { BlockHeader, LogInput, ReceiptInput, TransactionInput } from "../../types.js";
import { hexToBytes } from "../bigIntBytes.js";
import type { EthToken } from "../ethToken.js";
import { writeBigInt, writeToken } from "./convert.js";
import type { AscHeap } from "./heap.js";

/** Which `ethereum.*` class layouts a mapping expects (graph-node picks them by apiVersion). */
export interface ApiLayout {
  /** >= 0.0.6: `Block.baseFeePerGas`, `Transaction.nonce`. */
  readonly v006: boolean;
  /** >= 0.0.7: `Event.receipt`. */
  readonly v007: boolean;
}

export function apiLayout(apiVersion: string): ApiLayout {
  const [, , patch] = apiVersion.split(".").map(Number);
  const p = patch ?? 0;
  return { v006: p >= 6, v007: p >= 7 };
}

const bytes = (heap: AscHeap, hex: string): number => heap.newBytes(hexToBytes(hex));
const bytesOrNull = (heap: AscHeap, hex: string | null): number => (hex === null ? 0 : bytes(heap, hex));
const bigOrNull = (heap: AscHeap, v: bigint | null): number => (v === null ? 0 : writeBigInt(heap, v));

export function writeBlock(heap: AscHeap, b: BlockHeader, layout: ApiLayout): number {
  const fields = [
    bytes(heap, b.hash),
    bytes(heap, b.parentHash),
    bytes(heap, b.unclesHash),
    bytes(heap, b.author),
    bytes(heap, b.stateRoot),
    bytes(heap, b.transactionsRoot),
    bytes(heap, b.receiptsRoot),
    writeBigInt(heap, BigInt(b.number)),
    writeBigInt(heap, b.gasUsed),
    writeBigInt(heap, b.gasLimit),
    writeBigInt(heap, BigInt(b.timestamp)),
    writeBigInt(heap, b.difficulty),
    writeBigInt(heap, b.totalDifficulty),
    bigOrNull(heap, b.size),
  ];
  if (layout.v006) fields.push(bigOrNull(heap, b.baseFeePerGas));
  return heap.newObject(fields, "EthereumBlock");
}

export function writeTransaction(heap: AscHeap, tx: TransactionInput, layout: ApiLayout): number {
  const fields = [
    bytes(heap, tx.hash),
    writeBigInt(heap, BigInt(tx.index)),
    bytes(heap, tx.from),
    bytesOrNull(heap, tx.to),
    writeBigInt(heap, tx.value),
    writeBigInt(heap, tx.gasLimit),
    writeBigInt(heap, tx.gasPrice),
    bytes(heap, tx.input),
  ];
  if (layout.v006) fields.push(writeBigInt(heap, tx.nonce));
  return heap.newObject(fields, "EthereumTransaction");
}

/** A receipt's log, as graph-node fills it (no `transactionLogIndex`/`logType`). */
export function writeLog(heap: AscHeap, log: LogInput, blockHash: string, blockNumber: number): number {
  return heap.newObject(
    [
      bytes(heap, log.address),
      heap.newPointerArray(
        log.topics.map((t) => bytes(heap, t)),
        "ArrayH256",
      ),
      bytes(heap, log.data),
      bytes(heap, blockHash),
      writeBigInt(heap, BigInt(blockNumber)),
      bytes(heap, log.transactionHash),
      writeBigInt(heap, BigInt(log.transactionIndex)),
      writeBigInt(heap, BigInt(log.logIndex)),
      0,
      0,
      heap.newWrappedBool(log.removed === true),
    ],
    "Log",
  );
}

export function writeReceipt(heap: AscHeap, r: ReceiptInput): number {
  return heap.newObject(
    [
      bytes(heap, r.transactionHash),
      writeBigInt(heap, BigInt(r.transactionIndex)),
      bytes(heap, r.blockHash),
      writeBigInt(heap, BigInt(r.blockNumber)),
      writeBigInt(heap, r.cumulativeGasUsed),
      writeBigInt(heap, r.gasUsed),
      bytesOrNull(heap, r.contractAddress),
      heap.newPointerArray(
        r.logs.map((l) => writeLog(heap, l, r.blockHash, r.blockNumber)),
        "ArrayLog",
      ),
      r.status === null ? 0 : writeBigInt(heap, BigInt(r.status)),
      bytesOrNull(heap, r.root),
      bytes(heap, r.logsBloom),
    ],
    "TransactionReceipt",
  );
}

export interface EventArgs {
  readonly log: LogInput;
  readonly block: BlockHeader;
  readonly transaction: TransactionInput;
  readonly params: readonly { readonly name: string; readonly value: EthToken }[];
  readonly receipt: ReceiptInput | null;
}

export function writeEvent(heap: AscHeap, e: EventArgs, layout: ApiLayout): number {
  const logIndex = writeBigInt(heap, BigInt(e.log.logIndex));
  const fields = [
    bytes(heap, e.log.address),
    logIndex,
    // graph-node passes the block-level log index here too (geth has no transaction log index).
    writeBigInt(heap, BigInt(e.log.logIndex)),
    0,
    writeBlock(heap, e.block, layout),
    writeTransaction(heap, e.transaction, layout),
    heap.newPointerArray(
      e.params.map((p) => heap.newObject([heap.newString(p.name), writeToken(heap, p.value)], "EventParam")),
      "ArrayEventParam",
    ),
  ];
  if (layout.v007) fields.push(e.receipt === null ? 0 : writeReceipt(heap, e.receipt));
  return heap.newObject(fields, "EthereumEvent");
}
