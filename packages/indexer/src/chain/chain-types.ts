import type { BlockPtr } from "../types.js";
import { RpcResponseError } from "./errors.js";
import { parseData, parseQuantity, parseSafeNumber } from "./hex.js";

// What the follower reads from the node, parsed once: hex strings lowercase, quantities as bigint, block
// numbers and indexes as numbers. Field sets follow graph-ts's `ethereum.Block`/`Transaction`/`Receipt`/`Log`.

export interface ChainBlockHeader extends BlockPtr {
  readonly unclesHash: string;
  readonly author: string;
  readonly stateRoot: string;
  readonly transactionsRoot: string;
  readonly receiptsRoot: string;
  readonly gasUsed: bigint;
  readonly gasLimit: bigint;
  readonly difficulty: bigint;
  readonly totalDifficulty: bigint | null;
  readonly size: bigint | null;
  readonly baseFeePerGas: bigint | null;
}

export interface ChainTransaction {
  readonly hash: string;
  readonly index: number;
  readonly from: string;
  readonly to: string | null;
  readonly value: bigint;
  readonly gasLimit: bigint;
  readonly gasPrice: bigint;
  readonly input: string;
  readonly nonce: bigint;
}

export interface ChainBlock extends ChainBlockHeader {
  readonly transactions: readonly ChainTransaction[];
}

export interface ChainLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly transactionHash: string;
  readonly transactionIndex: number;
  readonly logIndex: number;
  readonly removed: boolean;
}

export interface ChainReceipt {
  readonly transactionHash: string;
  readonly transactionIndex: number;
  readonly blockHash: string;
  readonly blockNumber: number;
  readonly cumulativeGasUsed: bigint;
  readonly gasUsed: bigint;
  readonly contractAddress: string | null;
  readonly logs: readonly ChainLog[];
  readonly status: bigint | null;
  readonly root: string | null;
  readonly logsBloom: string;
}

type Json = Record<string, unknown>;

function object(method: string, value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RpcResponseError(method, `${what} is not an object: ${JSON.stringify(value)}`);
  }
  return value as Json;
}

function optionalQuantity(method: string, value: unknown, field: string): bigint | null {
  return value === undefined || value === null ? null : parseQuantity(method, value, field);
}

function optionalData(method: string, value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : parseData(method, value, field);
}

export function parseHeader(method: string, value: unknown): ChainBlockHeader {
  const b = object(method, value, "block");
  return {
    number: parseSafeNumber(method, b.number, "block.number"),
    hash: parseData(method, b.hash, "block.hash"),
    parentHash: parseData(method, b.parentHash, "block.parentHash"),
    timestamp: parseSafeNumber(method, b.timestamp, "block.timestamp"),
    unclesHash: parseData(method, b.sha3Uncles, "block.sha3Uncles"),
    author: parseData(method, b.miner, "block.miner"),
    stateRoot: parseData(method, b.stateRoot, "block.stateRoot"),
    transactionsRoot: parseData(method, b.transactionsRoot, "block.transactionsRoot"),
    receiptsRoot: parseData(method, b.receiptsRoot, "block.receiptsRoot"),
    gasUsed: parseQuantity(method, b.gasUsed, "block.gasUsed"),
    gasLimit: parseQuantity(method, b.gasLimit, "block.gasLimit"),
    difficulty: optionalQuantity(method, b.difficulty, "block.difficulty") ?? 0n,
    totalDifficulty: optionalQuantity(method, b.totalDifficulty, "block.totalDifficulty"),
    size: optionalQuantity(method, b.size, "block.size"),
    baseFeePerGas: optionalQuantity(method, b.baseFeePerGas, "block.baseFeePerGas"),
  };
}

export function parseTransaction(method: string, value: unknown): ChainTransaction {
  const t = object(method, value, "transaction");
  return {
    hash: parseData(method, t.hash, "transaction.hash"),
    index: parseSafeNumber(method, t.transactionIndex, "transaction.transactionIndex"),
    from: parseData(method, t.from, "transaction.from"),
    to: optionalData(method, t.to, "transaction.to"),
    value: parseQuantity(method, t.value, "transaction.value"),
    gasLimit: parseQuantity(method, t.gas, "transaction.gas"),
    // EIP-1559 transactions in a mined block carry the effective gasPrice; fall back to the fee cap.
    gasPrice: optionalQuantity(method, t.gasPrice ?? t.maxFeePerGas, "transaction.gasPrice") ?? 0n,
    input: parseData(method, t.input, "transaction.input"),
    nonce: parseQuantity(method, t.nonce, "transaction.nonce"),
  };
}

export function parseBlock(method: string, value: unknown): ChainBlock {
  const header = parseHeader(method, value);
  const raw = object(method, value, "block").transactions;
  if (!Array.isArray(raw)) throw new RpcResponseError(method, "block.transactions is not an array");
  const transactions = raw.map((t: unknown) => {
    if (typeof t === "string") throw new RpcResponseError(method, "asked for full transactions, got hashes");
    return parseTransaction(method, t);
  });
  return { ...header, transactions };
}

export function parseLog(method: string, value: unknown): ChainLog {
  const l = object(method, value, "log");
  if (!Array.isArray(l.topics)) throw new RpcResponseError(method, "log.topics is not an array");
  return {
    address: parseData(method, l.address, "log.address"),
    topics: l.topics.map((t: unknown) => parseData(method, t, "log.topics[]")),
    data: parseData(method, l.data, "log.data"),
    blockNumber: parseSafeNumber(method, l.blockNumber, "log.blockNumber"),
    blockHash: parseData(method, l.blockHash, "log.blockHash"),
    transactionHash: parseData(method, l.transactionHash, "log.transactionHash"),
    transactionIndex: parseSafeNumber(method, l.transactionIndex, "log.transactionIndex"),
    logIndex: parseSafeNumber(method, l.logIndex, "log.logIndex"),
    removed: l.removed === true,
  };
}

export function parseReceipt(method: string, value: unknown): ChainReceipt {
  const r = object(method, value, "receipt");
  if (!Array.isArray(r.logs)) throw new RpcResponseError(method, "receipt.logs is not an array");
  return {
    transactionHash: parseData(method, r.transactionHash, "receipt.transactionHash"),
    transactionIndex: parseSafeNumber(method, r.transactionIndex, "receipt.transactionIndex"),
    blockHash: parseData(method, r.blockHash, "receipt.blockHash"),
    blockNumber: parseSafeNumber(method, r.blockNumber, "receipt.blockNumber"),
    cumulativeGasUsed: parseQuantity(method, r.cumulativeGasUsed, "receipt.cumulativeGasUsed"),
    gasUsed: parseQuantity(method, r.gasUsed, "receipt.gasUsed"),
    contractAddress: optionalData(method, r.contractAddress, "receipt.contractAddress"),
    logs: r.logs.map((l: unknown) => parseLog(method, l)),
    status: optionalQuantity(method, r.status, "receipt.status"),
    root: optionalData(method, r.root, "receipt.root"),
    logsBloom: parseData(method, r.logsBloom, "receipt.logsBloom"),
  };
}

export function toBlockPtr(header: BlockPtr): BlockPtr {
  return {
    number: header.number,
    hash: header.hash,
    parentHash: header.parentHash,
    timestamp: header.timestamp,
  };
}
