import { afterEach, describe, expect, it } from "vitest";
import { RpcError, RpcRetriesExhaustedError, RpcTransportError } from "../src/chain/errors.js";
import { RpcClient } from "../src/chain/rpc-client.js";
import { freePort } from "./helpers/anvil.js";
import { type FlakyServer, recordingLogger, startFlakyServer } from "./helpers/flaky-server.js";

const servers: FlakyServer[] = [];
const clients: RpcClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function client(url: string, options: Partial<ConstructorParameters<typeof RpcClient>[0]> = {}) {
  const c = new RpcClient({ url, backoffInitialMs: 20, backoffMaxMs: 200, ...options });
  clients.push(c);
  return c;
}

async function server(...args: Parameters<typeof startFlakyServer>) {
  const s = await startFlakyServer(...args);
  servers.push(s);
  return s;
}

describe("RpcClient", () => {
  it("retries 5xx answers while the node is down and logs one line per failure streak", async () => {
    const upAt = Date.now() + 1_000;
    const s = await server((call) =>
      Date.now() < upAt ? { http: 503, body: "down for maintenance" } : { result: `ok:${call.method}` },
    );
    const logger = recordingLogger();
    const result = await client(s.url, { logger }).call("eth_chainId", []);
    expect(result).toBe("ok:eth_chainId");
    expect(s.requests.length).toBeGreaterThan(3);
    expect(logger.lines.map((l) => l.level)).toEqual(["warn", "info"]);
    expect(logger.lines[0]?.message).toMatch(/HTTP 503: down for maintenance/);
    expect(logger.lines[1]?.message).toMatch(/answers again after \d+ failed attempts/);
  });

  it("waits through connection refusals until a server listens on the port", async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const pending = client(`http://127.0.0.1:${port}`, { logger }).call("eth_blockNumber", []);
    await new Promise((r) => setTimeout(r, 800));
    await server(() => ({ result: "0x10" }), port);
    expect(await pending).toBe("0x10");
    expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(1);
    expect(logger.lines[0]?.message).toMatch(/fetch failed/);
  });

  it("backs off on rate limits (HTTP 429 and JSON-RPC throttling errors)", async () => {
    const s = await server((_call, index) => {
      if (index === 0) return { http: 429, body: "Too Many Requests" };
      if (index === 1)
        return { error: { code: -32005, message: "daily request count exceeded, request rate limited" } };
      return { result: "0x1" };
    });
    expect(await client(s.url).call("eth_blockNumber", [])).toBe("0x1");
    expect(s.requests).toHaveLength(3);
  });

  it("does not retry a deterministic JSON-RPC error and reports method, code and message", async () => {
    const s = await server(() => ({ error: { code: -32602, message: "invalid argument 0" } }));
    const error = await client(s.url)
      .call("eth_getBlockByNumber", ["nope", false])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: -32602, method: "eth_getBlockByNumber" });
    expect((error as Error).message).toBe("eth_getBlockByNumber failed: invalid argument 0 (code -32602)");
    expect(s.requests).toHaveLength(1);
  });

  it("gives up after maxAttempts with the last error attached", async () => {
    const s = await server(() => ({ http: 502, body: "bad gateway" }));
    const error = await client(s.url, { maxAttempts: 3 })
      .call("eth_blockNumber", [])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRetriesExhaustedError);
    expect((error as RpcRetriesExhaustedError).attempts).toBe(3);
    expect((error as RpcRetriesExhaustedError).lastError).toBeInstanceOf(RpcTransportError);
    expect(s.requests).toHaveLength(3);
  });

  it("fails at once on a 4xx that is not throttling", async () => {
    const s = await server(() => ({ http: 401, body: "unauthorized" }));
    const error = await client(s.url)
      .call("eth_blockNumber", [])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcTransportError);
    expect((error as RpcTransportError).status).toBe(401);
    expect(s.requests).toHaveLength(1);
  });

  it("batches requests, matches answers by id, and splits batches over maxBatchSize", async () => {
    const s = await server((call) => ({ result: call.params[0] }));
    const requests = Array.from({ length: 7 }, (_, i) => ({ method: "echo", params: [i] }));
    const results = await client(s.url, { maxBatchSize: 3 }).batch(requests);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.requests.map((r) => r.length)).toEqual([3, 3, 1]);
  });

  it("throws timeouts to callers that reshape their request, and retries them for others", async () => {
    let hangs = 2;
    const s = await server(() => (hangs-- > 0 ? { hang: true } : { result: "late" }));
    const c = client(s.url, { timeoutMs: 200 });
    const error = await c.call("eth_getLogs", [{}], { throwTimeouts: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcTransportError);
    expect((error as RpcTransportError).timedOut).toBe(true);
    expect(await c.call("eth_getLogs", [{}])).toBe("late");
    expect(s.requests).toHaveLength(3);
  });

  it("rejects a whole batch with the first deterministic error of its items", async () => {
    const s = await server((call) =>
      call.params[0] === 1
        ? { error: { code: -32000, message: "header not found" } }
        : { result: call.params[0] },
    );
    const error = await client(s.url)
      .batch([0, 1, 2].map((i) => ({ method: "eth_getBlockByNumber", params: [i] })))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).rpcMessage).toBe("header not found");
    expect(s.requests).toHaveLength(1);
  });
});
