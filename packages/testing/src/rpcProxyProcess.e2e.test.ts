import { execFileSync } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AnvilProcess, acquireAnvil, rpc } from "./anvil.js";
import { type RpcProxyProcess, startRpcProxyProcess } from "./rpcProxyProcess.js";

describe("startRpcProxyProcess", () => {
  let anvil: AnvilProcess;
  let proxy: RpcProxyProcess;

  beforeAll(async () => {
    anvil = await acquireAnvil();
    proxy = await startRpcProxyProcess(anvil.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await anvil?.stop();
  });

  it("forwards calls from its own process and reports each one with its first parameter when it is a string", async () => {
    expect(await rpc(proxy.url, "eth_chainId")).toBe("0x7a69");
    const block = (await rpc(proxy.url, "eth_getBlockByNumber", ["0x0", false])) as { number: string };
    expect(block.number).toBe("0x0");
    await rpc(proxy.url, "eth_getLogs", [{ fromBlock: "0x0", toBlock: "0x0" }]);
    expect(await proxy.requests()).toEqual([
      { method: "eth_chainId", params: [] },
      { method: "eth_getBlockByNumber", params: ["0x0"] },
      { method: "eth_getLogs", params: [] },
    ]);
  });

  it("answers while the test's thread is blocked, as the indexer's synchronous host calls block it", () => {
    // A synchronous child process asks the proxy while this thread waits for it: an in-process proxy could not
    // answer, so the call would time out.
    const script = `fetch(${JSON.stringify(proxy.url)}, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) }).then((r) => r.json()).then((j) => process.stdout.write(j.result))`;
    expect(execFileSync(process.execPath, ["-e", script], { timeout: 10_000 }).toString()).toBe("0x7a69");
  });

  it("stops when closed", async () => {
    const url = proxy.url;
    await proxy.close();
    await expect(fetch(`${url}/requests`)).rejects.toThrow();
  });
});
