import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AnvilProcess, acquireAnvil, rpc } from "./anvil.js";
import { type RpcProxy, startRpcProxy } from "./rpcProxy.js";

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: response.ok ? JSON.parse(text) : text };
}

describe("startRpcProxy", () => {
  let anvil: AnvilProcess;
  let proxy: RpcProxy;

  beforeAll(async () => {
    anvil = await acquireAnvil();
    proxy = await startRpcProxy(anvil.url, (request) =>
      request.method === "eth_gasPrice" ? { result: "0x2a" } : undefined,
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await anvil?.stop();
  });

  it("forwards calls, answers intercepted ones itself and records every call of a batch", async () => {
    const before = proxy.requests.length;
    expect(await rpc(proxy.url, "eth_chainId")).toBe("0x7a69");
    const { json } = await post(proxy.url, [
      { jsonrpc: "2.0", id: 1, method: "eth_gasPrice", params: [] },
      { jsonrpc: "2.0", id: 2, method: "eth_blockNumber", params: [] },
    ]);
    expect(json).toEqual([
      { jsonrpc: "2.0", id: 1, result: "0x2a" },
      { jsonrpc: "2.0", id: 2, result: "0x0" },
    ]);
    expect(proxy.requests.slice(before).map((r) => r.method)).toEqual([
      "eth_chainId",
      "eth_gasPrice",
      "eth_blockNumber",
    ]);
    expect(proxy.count("eth_gasPrice")).toBe(1);
  });

  it("answers 503 while down and counts the refusals", async () => {
    proxy.down = true;
    try {
      const { status } = await post(proxy.url, { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
      expect(status).toBe(503);
      expect(proxy.refused).toBe(1);
    } finally {
      proxy.down = false;
    }
  });

  it("answers missing methods with method-not-found and refuses log answers above maxLogs", async () => {
    proxy.missingMethods.add("eth_getBlockReceipts");
    await expect(rpc(proxy.url, "eth_getBlockReceipts", ["latest"])).rejects.toThrow(/Method not found/);
    proxy.missingMethods.clear();

    // The empty chain has no logs: an empty answer is within a cap of 0 and over a cap of -1.
    const filter = { fromBlock: "0x0", toBlock: "latest" };
    proxy.maxLogs = 0;
    expect(await rpc(proxy.url, "eth_getLogs", [filter])).toEqual([]);
    proxy.maxLogs = -1;
    await expect(rpc(proxy.url, "eth_getLogs", [filter])).rejects.toThrow(/more than -1 results/);
    proxy.maxLogs = null;
    expect(await rpc(proxy.url, "eth_getLogs", [filter])).toEqual([]);
  });
});
