import type { BlockHeader, LogInput, ReceiptInput, TransactionInput } from "../../types.js";
import type { EthToken } from "../ethToken.js";
import { writeBigInt, writeToken } from "./convert.js";
import { addressBytes, blockFieldBytes, type FieldBytes, transactionFieldBytes } from "./ethereumBytes.js";
import type { AscHeap } from "./heap.js";
import type { TypeIdName } from "./typeId.js";

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

const bytes = (heap: AscHeap, hex: string): number => heap.newBytesFromHex(hex);
const bytesOrNull = (heap: AscHeap, hex: string | null): number => (hex === null ? 0 : bytes(heap, hex));

/** An object whose first `count` fields are the given byte arrays (`null`: a null pointer). */
function objectOfBytes(heap: AscHeap, values: FieldBytes, count: number, type: TypeIdName): number {
  const fields = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const value = values[i];
    fields[i] = value ? heap.newBytes(value) : 0;
  }
  return heap.newObject(fields, type);
}

export function writeBlock(heap: AscHeap, b: BlockHeader, layout: ApiLayout): number {
  const values = blockFieldBytes(b);
  // `baseFeePerGas`, the last field, only exists from apiVersion 0.0.6 on.
  return objectOfBytes(heap, values, layout.v006 ? values.length : values.length - 1, "EthereumBlock");
}

export function writeTransaction(heap: AscHeap, tx: TransactionInput, layout: ApiLayout): number {
  const values = transactionFieldBytes(tx);
  // `nonce`, the last field, only exists from apiVersion 0.0.6 on.
  return objectOfBytes(heap, values, layout.v006 ? values.length : values.length - 1, "EthereumTransaction");
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
  /** The block's and the transaction's objects, already in the heap (`writeBlock`, `writeTransaction`). */
  readonly blockPtr: number;
  readonly transactionPtr: number;
  readonly params: readonly { readonly name: string; readonly value: EthToken }[];
  readonly receipt: ReceiptInput | null;
}

export function writeEvent(heap: AscHeap, e: EventArgs, layout: ApiLayout): number {
  const logIndex = writeBigInt(heap, BigInt(e.log.logIndex));
  const fields = [
    heap.newBytes(addressBytes(e.log.address)),
    logIndex,
    // graph-node passes the block-level log index here too (geth has no transaction log index).
    writeBigInt(heap, BigInt(e.log.logIndex)),
    0,
    e.blockPtr,
    e.transactionPtr,
    heap.newPointerArray(
      e.params.map((p) => heap.newObject([heap.newString(p.name), writeToken(heap, p.value)], "EventParam")),
      "ArrayEventParam",
    ),
  ];
  if (layout.v007) fields.push(e.receipt === null ? 0 : writeReceipt(heap, e.receipt));
  return heap.newObject(fields, "EthereumEvent");
}
