import { afterEach, describe, expect, it } from "vitest";
import { RpcError } from "../src/chain/errors.js";
import { RpcClient } from "../src/chain/rpc-client.js";
import { AdaptiveTraceFetcher, parseTraceCalls, probeTraceFilter } from "../src/chain/traces.js";
import { type Answer, type JsonRpcCall, recordingLogger, startFlakyServer } from "./helpers/flaky-server.js";

const TARGET = `0x${"aa".repeat(20)}`;
const SENDER = `0x${"bb".repeat(20)}`;
const SELECTOR = "0x9d1939db";
const word = (n: number) => n.toString(16).padStart(64, "0");
const hash = (n: number) => `0x${word(n)}`;

/** A Parity `trace_filter` entry as anvil/Erigon/OpenEthereum give it (numbers as JSON numbers). */
function trace(block: number, position: number | string | null, overrides: Record<string, unknown> = {}) {
  return {
    action: {
      from: SENDER,
      callType: "call",
      gas: "0x1000",
      input: `${SELECTOR}${word(block)}`,
      to: TARGET,
      value: "0x0",
    },
    blockHash: hash(block),
    blockNumber: block,
    result: { gasUsed: "0x10", output: `0x${word(1)}` },
    subtraces: 0,
    traceAddress: [],
    transactionHash: hash(1000 + block),
    transactionPosition: position,
    type: "call",
    ...overrides,
  };
}

describe("parseTraceCalls", () => {
  it("keeps successful calls with a selector, as graph-node's EthereumCall::try_from_trace does", () => {
    const calls = parseTraceCalls("trace_filter", [
      trace(1, 0),
      trace(2, 0, { error: "Reverted" }),
      trace(3, 0, { type: "create", action: { from: SENDER, gas: "0x1", init: "0x", value: "0x0" } }),
      trace(4, 0, { action: { from: SENDER, callType: "call", input: "0x", to: TARGET, value: "0x1" } }),
      trace(5, null),
      trace(6, 2, {
        action: { from: SENDER, callType: "delegatecall", input: `${SELECTOR}00`, to: TARGET, value: "0x0" },
      }),
      trace(7, "0x3", { blockNumber: "0x7", result: { gasUsed: "0x20" } }),
    ]);
    expect(calls.map((c) => c.blockNumber)).toEqual([1, 6, 7]);
    expect(calls[0]).toEqual({
      from: SENDER,
      to: TARGET,
      value: 0n,
      gasUsed: 16n,
      input: `${SELECTOR}${word(1)}`,
      output: `0x${word(1)}`,
      transactionHash: hash(1001),
      transactionIndex: 0,
      transactionSucceeded: true,
      blockNumber: 1,
      blockHash: hash(1),
    });
    expect(calls[1]?.transactionIndex).toBe(2);
    expect(calls[2]).toMatchObject({ transactionIndex: 3, output: "0x" });
  });
});

const clients: RpcClient[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const close of closers.splice(0)) await close();
});

async function clientFor(answer: (call: JsonRpcCall) => Answer): Promise<RpcClient> {
  const server = await startFlakyServer(answer);
  closers.push(() => server.close());
  const client = new RpcClient({ url: server.url, timeoutMs: 1_000, backoffInitialMs: 10, maxAttempts: 3 });
  clients.push(client);
  return client;
}

describe("AdaptiveTraceFetcher", () => {
  it("narrows refused ranges, covers the whole range once, and marks calls of failed transactions", async () => {
    const asked: { from: number; to: number; toAddress: unknown }[] = [];
    const client = await clientFor((call) => {
      if (call.method === "eth_getTransactionReceipt") {
        const tx = Number(BigInt(String(call.params[0])));
        // Transactions of even blocks failed.
        return { result: { status: (tx - 1000) % 2 === 0 ? "0x0" : "0x1" } };
      }
      const filter = call.params[0] as { fromBlock: string; toBlock: string; toAddress?: unknown };
      const from = Number(filter.fromBlock);
      const to = Number(filter.toBlock);
      asked.push({ from, to, toAddress: filter.toAddress });
      if (to - from + 1 > 8)
        return { error: { code: -32005, message: "query returned more than 10000 results" } };
      const result = [];
      for (let n = from; n <= to; n++) result.push(trace(n, 0));
      return { result };
    });
    const logger = recordingLogger();
    const fetcher = new AdaptiveTraceFetcher(client, { initialSpan: 32, logger });
    const calls = await fetcher.fetch(10, 49, { addresses: [TARGET] });
    expect(calls.map((c) => c.blockNumber)).toEqual(Array.from({ length: 40 }, (_, i) => 10 + i));
    expect(calls.every((c) => c.transactionSucceeded === (c.blockNumber % 2 === 1))).toBe(true);
    expect(asked.every((a) => JSON.stringify(a.toAddress) === JSON.stringify([TARGET]))).toBe(true);
    expect(
      Math.max(...asked.filter((a) => a.to - a.from < 8).map((a) => a.to - a.from + 1)),
    ).toBeLessThanOrEqual(8);
    expect(logger.lines[0]?.message).toMatch(/trace_filter 10–41 refused .*narrowing to 16/);
  });

  it("asks nothing for an empty address list, and every call for a null one", async () => {
    const asked: unknown[] = [];
    const client = await clientFor((call) => {
      asked.push(call.params[0]);
      return { result: [] };
    });
    const fetcher = new AdaptiveTraceFetcher(client);
    expect(await fetcher.fetch(0, 5, { addresses: [] })).toEqual([]);
    expect(asked).toEqual([]);
    expect(await fetcher.fetch(0, 5, { addresses: null })).toEqual([]);
    expect(asked).toEqual([{ fromBlock: "0x0", toBlock: "0x5" }]);
  });
});

describe("probeTraceFilter", () => {
  it("reports a node without trace_filter, and passes one with it", async () => {
    const without = await clientFor(() => ({ error: { code: -32601, message: "Method not found" } }));
    const error = await probeTraceFilter(without, 7);
    expect(error).toBeInstanceOf(RpcError);
    expect(error?.rpcMessage).toBe("Method not found");
    const withTraces = await clientFor(() => ({ result: [] }));
    expect(await probeTraceFilter(withTraces, 7)).toBeNull();
  });
});
