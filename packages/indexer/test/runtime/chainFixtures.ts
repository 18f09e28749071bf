// Builders for the runtime's block input in tests: headers, transactions and logs encoded with ethers.
import { type Interface, keccak256, toBeHex, zeroPadValue } from "ethers";
import type { BlockHeader, BlockInput, LogInput, ReceiptInput, TransactionInput } from "../../src/types.js";

export function hash32(label: string): string {
  return keccak256(Buffer.from(label, "utf8"));
}

export function header(number: number, timestamp = 1_700_000_000 + number * 12): BlockHeader {
  return {
    number,
    hash: hash32(`block ${number}`),
    parentHash: hash32(`block ${number - 1}`),
    timestamp,
    unclesHash: hash32("uncles"),
    author: "0x00000000000000000000000000000000000000aa",
    stateRoot: hash32(`state ${number}`),
    transactionsRoot: hash32(`txs ${number}`),
    receiptsRoot: hash32(`receipts ${number}`),
    gasUsed: 21_000n * BigInt(number),
    gasLimit: 30_000_000n,
    difficulty: 0n,
    totalDifficulty: 0n,
    size: 1234n,
    baseFeePerGas: 7n,
  };
}

export function transaction(label: string, index: number, from: string, to: string | null): TransactionInput {
  return {
    hash: hash32(`tx ${label}`),
    index,
    from: from.toLowerCase(),
    to: to === null ? null : to.toLowerCase(),
    value: 5n * 10n ** 17n,
    gasLimit: 100_000n,
    gasPrice: 3_000_000_000n,
    input: "0xabcdef01",
    nonce: BigInt(index + 40),
  };
}

/** A log of `event` with `args`, emitted by `address` in `tx`. */
export function eventLog(
  abi: Interface,
  event: string,
  args: readonly unknown[],
  address: string,
  tx: TransactionInput,
  logIndex: number,
): LogInput {
  const fragment = abi.getEvent(event);
  if (fragment === null) throw new Error(`no event ${event}`);
  const encoded = abi.encodeEventLog(fragment, args);
  return {
    address: address.toLowerCase(),
    topics: encoded.topics.map((t) => t.toLowerCase()),
    data: encoded.data.toLowerCase(),
    logIndex,
    transactionIndex: tx.index,
    transactionHash: tx.hash,
  };
}

export function receiptOf(tx: TransactionInput, block: BlockHeader, logs: readonly LogInput[]): ReceiptInput {
  return {
    transactionHash: tx.hash,
    transactionIndex: tx.index,
    blockHash: block.hash,
    blockNumber: block.number,
    cumulativeGasUsed: 90_000n,
    gasUsed: 45_000n,
    contractAddress: null,
    logs,
    status: 1,
    root: null,
    logsBloom: zeroPadValue("0x00", 256),
  };
}

export function blockInput(
  h: BlockHeader,
  txs: readonly TransactionInput[],
  logs: readonly LogInput[],
  receipts: readonly ReceiptInput[] = [],
): BlockInput {
  return {
    header: h,
    logs,
    transactions: new Map(txs.map((t) => [t.hash, t])),
    receipts: new Map(receipts.map((r) => [r.transactionHash, r])),
  };
}

export const addr = (n: number): string => toBeHex(n, 20).toLowerCase();
