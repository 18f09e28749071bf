import { afterEach, describe, expect, it } from "vitest";
import { RpcError } from "../src/chain/errors.js";
import { EthApi, type LogFilter } from "../src/chain/eth.js";
import { AdaptiveLogFetcher } from "../src/chain/log-range.js";
import { RpcClient } from "../src/chain/rpc-client.js";
import {
  type Answer,
  type FlakyServer,
  type JsonRpcCall,
  recordingLogger,
  startFlakyServer,
} from "./helpers/flaky-server.js";

const ADDRESS = "0x00000000000000000000000000000000000000aa";
const TOPIC = `0x${"11".repeat(32)}`;
const FILTER: LogFilter = { addresses: [ADDRESS], topic0s: [TOPIC] };
const hex = (n: number) => `0x${n.toString(16)}`;

function syntheticLog(block: number) {
  return {
    address: ADDRESS,
    topics: [TOPIC],
    data: "0x",
    blockNumber: hex(block),
    blockHash: `0x${block.toString(16).padStart(64, "0")}`,
    transactionHash: `0x${(block + 1).toString(16).padStart(64, "0")}`,
    transactionIndex: "0x0",
    logIndex: "0x0",
    removed: false,
  };
}

function rangeOf(call: JsonRpcCall): { from: number; to: number } {
  const filter = call.params[0] as { fromBlock: string; toBlock: string };
  return { from: Number(filter.fromBlock), to: Number(filter.toBlock) };
}

/** One log per block in `logBlocks`; ranges wider than `limit` are refused the way `refuse` says. */
function logServer(limit: number, refuse: Answer, logBlocks: (n: number) => boolean) {
  return (call: JsonRpcCall): Answer => {
    const { from, to } = rangeOf(call);
    if (to - from + 1 > limit) return refuse;
    const logs = [];
    for (let n = from; n <= to; n++) if (logBlocks(n)) logs.push(syntheticLog(n));
    return { result: logs };
  };
}

let servers: FlakyServer[] = [];
let clients: RpcClient[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  clients = [];
});

async function fetcherFor(
  answer: (call: JsonRpcCall) => Answer,
  options: ConstructorParameters<typeof AdaptiveLogFetcher>[1],
) {
  const server = await startFlakyServer(answer);
  servers.push(server);
  const client = new RpcClient({ url: server.url, timeoutMs: 300, backoffInitialMs: 10 });
  clients.push(client);
  return { server, fetcher: new AdaptiveLogFetcher(new EthApi(client), options) };
}

async function fetchAll(fetcher: AdaptiveLogFetcher, from: number, to: number) {
  const widths: number[] = [];
  const blocks: number[] = [];
  for (let next = from; next <= to; ) {
    const range = await fetcher.fetch(next, to, [FILTER]);
    expect(range.from).toBe(next);
    widths.push(range.to - range.from + 1);
    blocks.push(...range.logs.map((l) => l.blockNumber));
    next = range.to + 1;
  }
  return { widths, blocks };
}

describe("AdaptiveLogFetcher", () => {
  it("narrows the range when the node reports too many results and still returns every log once", async () => {
    const logger = recordingLogger();
    const { fetcher } = await fetcherFor(
      logServer(
        100,
        { error: { code: -32005, message: "query returned more than 10000 results" } },
        () => true,
      ),
      { initialSpan: 1000, logger },
    );
    const { widths, blocks } = await fetchAll(fetcher, 0, 999);
    expect(blocks).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Math.max(...widths)).toBeLessThanOrEqual(100);
    expect(logger.lines[0]?.message).toMatch(
      /eth_getLogs 0–999 refused .*more than 10000 results.*narrowing to 500/,
    );
  });

  it("narrows on response-size errors phrased the Alchemy way", async () => {
    const { fetcher } = await fetcherFor(
      logServer(
        10,
        {
          error: {
            code: -32602,
            message:
              "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range",
          },
        },
        () => true,
      ),
      { initialSpan: 64 },
    );
    const range = await fetcher.fetch(0, 63, [FILTER]);
    expect(range.to - range.from + 1).toBeLessThanOrEqual(10);
    expect(range.logs).toHaveLength(range.to - range.from + 1);
  });

  it("narrows when wide ranges time out", async () => {
    const { fetcher } = await fetcherFor(
      logServer(50, { hang: true }, (n) => n % 7 === 0),
      { initialSpan: 400 },
    );
    const { blocks } = await fetchAll(fetcher, 0, 199);
    expect(blocks).toEqual(Array.from({ length: 200 }, (_, i) => i).filter((n) => n % 7 === 0));
  });

  it("widens the range after sparse answers, up to maxSpan", async () => {
    const { fetcher, server } = await fetcherFor(
      logServer(1_000_000, { result: [] }, () => false),
      {
        initialSpan: 10,
        maxSpan: 100,
      },
    );
    const { widths } = await fetchAll(fetcher, 0, 999);
    expect(widths.slice(0, 6)).toEqual([10, 20, 40, 80, 100, 100]);
    expect(server.requests.length).toBe(widths.length);
  });

  it("does not widen after a dense answer", async () => {
    const { fetcher } = await fetcherFor(
      logServer(1_000_000, { result: [] }, () => true),
      {
        initialSpan: 10,
        sparseLogs: 5,
      },
    );
    const { widths } = await fetchAll(fetcher, 0, 49);
    expect(widths).toEqual([10, 10, 10, 10, 10]);
  });

  it("passes other errors through untouched", async () => {
    const { fetcher } = await fetcherFor(() => ({ error: { code: -32602, message: "invalid address" } }), {});
    await expect(fetcher.fetch(0, 10, [FILTER])).rejects.toBeInstanceOf(RpcError);
  });

  it("asks once per filter and merges in chain order without duplicates", async () => {
    const other = `0x${"22".repeat(32)}`;
    const { fetcher, server } = await fetcherFor((call) => {
      const filter = call.params[0] as { topics: string[][]; address?: string[] };
      const block = filter.topics[0]?.[0] === TOPIC ? 5 : 3;
      // Both filters see the block-5 log, as happens when a wildcard filter overlaps an address filter.
      return { result: block === 3 ? [syntheticLog(3), syntheticLog(5)] : [syntheticLog(5)] };
    }, {});
    const range = await fetcher.fetch(0, 9, [FILTER, { addresses: null, topic0s: [other] }]);
    expect(range.logs.map((l) => l.blockNumber)).toEqual([3, 5]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toHaveLength(2);
    const wildcard = server.requests[0]?.[1]?.params[0] as Record<string, unknown>;
    expect("address" in wildcard).toBe(false);
  });
});
