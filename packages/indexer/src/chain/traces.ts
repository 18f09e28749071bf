import type { CallFilter, CallInput } from "../types.js";
import { AdaptiveRange, type AdaptiveRangeOptions } from "./adaptive-range.js";
import { RpcError, RpcResponseError } from "./errors.js";
import { parseData, parseQuantity, parseSafeNumber, toQuantity } from "./hex.js";
import type { RpcClient } from "./rpc-client.js";

// JSON-RPC "method not found": geth without the trace namespace, most hosted endpoints.
const METHOD_NOT_FOUND = -32601;

/** A call the follower read with `trace_filter`, with the block it belongs to. */
export interface ChainCall extends CallInput {
  readonly blockNumber: number;
  readonly blockHash: string;
}

type Json = Record<string, unknown>;

/** Parity traces give `blockNumber` and `transactionPosition` as JSON numbers, not hex quantities. */
function traceNumber(method: string, value: unknown, field: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  return parseSafeNumber(method, value, field);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The traces graph-node's `EthereumCall::try_from_trace` keeps: `type: "call"` (any call type), no `error`
 * (the call itself did not revert), input of at least a selector (plain value transfers are not method
 * calls), a call result, and a transaction position (block reward traces have none). Transaction success is
 * not known here: `transactionSucceeded` is true until `withTransactionStatus` says otherwise.
 */
export function parseTraceCalls(method: string, result: unknown): ChainCall[] {
  if (!Array.isArray(result)) throw new RpcResponseError(method, "result is not an array");
  const calls: ChainCall[] = [];
  for (const raw of result) {
    if (!isObject(raw)) throw new RpcResponseError(method, "trace is not an object");
    if (raw.type !== "call" || (raw.error !== undefined && raw.error !== null)) continue;
    const action = raw.action;
    const res = raw.result;
    if (!isObject(action) || !isObject(res)) continue;
    if (raw.transactionPosition === undefined || raw.transactionPosition === null) continue;
    const input = parseData(method, action.input, "trace.action.input");
    if (input.length < 10) continue;
    calls.push({
      from: parseData(method, action.from, "trace.action.from"),
      to: parseData(method, action.to, "trace.action.to"),
      value: parseQuantity(method, action.value, "trace.action.value"),
      gasUsed: parseQuantity(method, res.gasUsed, "trace.result.gasUsed"),
      input,
      output:
        res.output === undefined || res.output === null
          ? "0x"
          : parseData(method, res.output, "trace.result.output"),
      transactionHash: parseData(method, raw.transactionHash, "trace.transactionHash"),
      transactionIndex: traceNumber(method, raw.transactionPosition, "trace.transactionPosition"),
      transactionSucceeded: true,
      blockNumber: traceNumber(method, raw.blockNumber, "trace.blockNumber"),
      blockHash: parseData(method, raw.blockHash, "trace.blockHash"),
    });
  }
  return calls;
}

function traceFilterParams(from: number, to: number, filter: CallFilter): Json {
  return {
    fromBlock: toQuantity(from),
    toBlock: toQuantity(to),
    ...(filter.addresses === null ? {} : { toAddress: [...filter.addresses] }),
  };
}

/**
 * Whether the node answers `trace_filter`, asked over one block: the `RpcError` saying it does not (method
 * not found), or null. Other failures are thrown.
 */
export async function probeTraceFilter(client: RpcClient, block: number): Promise<RpcError | null> {
  try {
    await client.call("trace_filter", [traceFilterParams(block, block, { addresses: [] })]);
    return null;
  } catch (error) {
    if (
      error instanceof RpcError &&
      (error.code === METHOD_NOT_FOUND ||
        /method not found|not supported|does not exist/i.test(error.rpcMessage))
    ) {
      return error;
    }
    throw error;
  }
}

export type AdaptiveTraceOptions = AdaptiveRangeOptions;

/** `trace_filter` over block ranges that adapt to the node (see {@link AdaptiveRange}). */
export class AdaptiveTraceFetcher {
  private readonly range: AdaptiveRange;

  constructor(
    private readonly client: RpcClient,
    options: AdaptiveTraceOptions = {},
  ) {
    this.range = new AdaptiveRange("trace_filter", options);
  }

  get currentSpan(): number {
    return this.range.currentSpan;
  }

  /** The calls of `[from, to]` matching `filter`, in trace order, with their transactions' success. */
  async fetch(from: number, to: number, filter: CallFilter): Promise<ChainCall[]> {
    if (filter.addresses !== null && filter.addresses.length === 0) return [];
    const calls: ChainCall[] = [];
    for (let start = from; start <= to; ) {
      const { to: end, result } = await this.range.next(
        start,
        to,
        (first, last, wait) =>
          this.client.call(
            "trace_filter",
            [traceFilterParams(first, last, filter)],
            wait ? {} : { throwTimeouts: true },
          ),
        () => true,
      );
      calls.push(...parseTraceCalls("trace_filter", result));
      start = end + 1;
    }
    return withTransactionStatus(this.client, calls);
  }
}

/**
 * Marks the calls whose transaction failed (receipt status 0): a call can succeed inside a transaction that
 * reverts afterwards, and its trace then has no `error` of its own.
 */
export async function withTransactionStatus(
  client: RpcClient,
  calls: readonly ChainCall[],
): Promise<ChainCall[]> {
  const hashes = [...new Set(calls.map((c) => c.transactionHash))];
  if (hashes.length === 0) return [];
  const receipts = await client.batch(
    hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })),
  );
  const failed = new Set<string>();
  for (const [i, r] of receipts.entries()) {
    const hash = hashes[i];
    if (hash === undefined) continue;
    if (!isObject(r)) throw new RpcResponseError("eth_getTransactionReceipt", `no receipt for ${hash}`);
    // Pre-Byzantium receipts have no status: count those transactions as successful.
    if (
      r.status !== undefined &&
      r.status !== null &&
      parseQuantity("eth_getTransactionReceipt", r.status, "receipt.status") === 0n
    ) {
      failed.add(hash);
    }
  }
  return calls.map((c) => (failed.has(c.transactionHash) ? { ...c, transactionSucceeded: false } : c));
}
