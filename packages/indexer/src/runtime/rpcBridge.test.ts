// The synchronous JSON-RPC bridge against a scripted server in another thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../test/runtime/rpcServer.js";
import { RpcBridge } from "./rpcBridge.js";
import { ChainUnavailableError } from "./syncChain.js";

const BLOCK = { number: 5, hash: `0x${"ab".repeat(32)}` };
// Larger than the bridge's initial 1 MiB shared buffer.
const BIG = `0x${"cd".repeat(1_500_000)}`;

let server: ScriptedServer;
let bridge: RpcBridge;

beforeAll(async () => {
  server = await startScriptedServer({
    calls: {
      "0x01": { result: "0x2a" },
      "0x02": { error: { code: 3, message: "execution reverted" } },
      "0x03": { error: { code: -32000, message: "VM Exception while processing transaction: revert nope" } },
      "0x04": { error: { code: -32005, message: "rate limited" } },
      "0x05": { result: BIG },
    },
    balances: { "0x0000000000000000000000000000000000000001": "0xde0b6b3a7640000" },
    results: { eth_chainId: "0x7a69" },
  });
  bridge = new RpcBridge({ url: server.url, timeoutMs: 10_000, retries: 0 });
});

afterAll(async () => {
  await bridge.close();
  await server.close();
});

describe("RpcBridge", () => {
  it("answers synchronously", () => {
    expect(bridge.request("eth_chainId", [])).toBe("0x7a69");
    expect(bridge.getBalance("0x0000000000000000000000000000000000000001", BLOCK)).toBe(10n ** 18n);
    expect(bridge.getCode("0x0000000000000000000000000000000000000002", BLOCK)).toBe("0x");
    expect(bridge.call("0x0000000000000000000000000000000000000003", "0x01", BLOCK)).toEqual({
      kind: "ok",
      data: "0x2a",
    });
  });

  it("tells reverts from node failures", () => {
    expect(bridge.call("0x0000000000000000000000000000000000000003", "0x02", BLOCK).kind).toBe("reverted");
    expect(bridge.call("0x0000000000000000000000000000000000000003", "0x03", BLOCK).kind).toBe("reverted");
    expect(() => bridge.call("0x0000000000000000000000000000000000000003", "0x04", BLOCK)).toThrow(
      ChainUnavailableError,
    );
    expect(() => bridge.request("eth_nope", [])).toThrow(/method not found/);
  });

  it("grows its shared buffer for answers larger than it", () => {
    const outcome = bridge.call("0x0000000000000000000000000000000000000003", "0x05", BLOCK);
    expect(outcome.kind === "ok" && outcome.data === BIG).toBe(true);
    // And keeps working afterwards.
    expect(bridge.request("eth_chainId", [])).toBe("0x7a69");
  });

  it("reports an unreachable node as unavailable", async () => {
    const dead = new RpcBridge({ url: "http://127.0.0.1:9/", timeoutMs: 5_000, retries: 1 });
    try {
      expect(() => dead.request("eth_chainId", [])).toThrow(ChainUnavailableError);
    } finally {
      await dead.close();
    }
  });
});
