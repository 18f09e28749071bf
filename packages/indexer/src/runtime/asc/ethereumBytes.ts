// The byte arrays behind `ethereum.Block`, `ethereum.Transaction` and a log's address, converted once per
// block, transaction and address. Every event of a block carries the same block, and every event of a
// transaction the same transaction: converting their hex fields and numbers per event was most of the cost
// of building an event.
import type { BlockHeader, TransactionInput } from "../../types.js";
import { bigIntToSignedBytes, hexToBytes } from "../bigIntBytes.js";

/** Field values in the class's field order; `null` stands for an absent optional field (a null pointer). */
export type FieldBytes = readonly (Uint8Array | null)[];

// Keyed by the (readonly) input objects themselves, so the cache lives exactly as long as the block does.
const blocks = new WeakMap<BlockHeader, FieldBytes>();
const transactions = new WeakMap<TransactionInput, FieldBytes>();

const big = (v: bigint | null): Uint8Array | null => (v === null ? null : bigIntToSignedBytes(v));

/** `ethereum.Block`'s fields, `baseFeePerGas` (apiVersion ≥ 0.0.6) last. */
export function blockFieldBytes(b: BlockHeader): FieldBytes {
  let fields = blocks.get(b);
  if (fields === undefined) {
    fields = [
      hexToBytes(b.hash),
      hexToBytes(b.parentHash),
      hexToBytes(b.unclesHash),
      hexToBytes(b.author),
      hexToBytes(b.stateRoot),
      hexToBytes(b.transactionsRoot),
      hexToBytes(b.receiptsRoot),
      bigIntToSignedBytes(BigInt(b.number)),
      bigIntToSignedBytes(b.gasUsed),
      bigIntToSignedBytes(b.gasLimit),
      bigIntToSignedBytes(BigInt(b.timestamp)),
      bigIntToSignedBytes(b.difficulty),
      bigIntToSignedBytes(b.totalDifficulty),
      big(b.size),
      big(b.baseFeePerGas),
    ];
    blocks.set(b, fields);
  }
  return fields;
}

/** `ethereum.Transaction`'s fields, `nonce` (apiVersion ≥ 0.0.6) last. */
export function transactionFieldBytes(tx: TransactionInput): FieldBytes {
  let fields = transactions.get(tx);
  if (fields === undefined) {
    fields = [
      hexToBytes(tx.hash),
      bigIntToSignedBytes(BigInt(tx.index)),
      hexToBytes(tx.from),
      tx.to === null ? null : hexToBytes(tx.to),
      bigIntToSignedBytes(tx.value),
      bigIntToSignedBytes(tx.gasLimit),
      bigIntToSignedBytes(tx.gasPrice),
      hexToBytes(tx.input),
      bigIntToSignedBytes(tx.nonce),
    ];
    transactions.set(tx, fields);
  }
  return fields;
}

// A block's logs mostly come from a few contracts, often one: the last address converted is kept.
let lastAddress = "";
let lastAddressBytes: Uint8Array = new Uint8Array(0);

/** A log's `address` as bytes (the caller copies them into the heap and must not change them). */
export function addressBytes(hex: string): Uint8Array {
  if (hex !== lastAddress) {
    lastAddressBytes = hexToBytes(hex);
    lastAddress = hex;
  }
  return lastAddressBytes;
}
