import { describe, expect, it } from "vitest";

import { ConfigError, DEFAULT_CHAIN_ID, DEFAULT_RPC_URL, readConfig } from "./config";

describe("readConfig", () => {
  it("falls back to the local stack when nothing is set", () => {
    expect(readConfig({})).toEqual({ rpcUrl: DEFAULT_RPC_URL, chainId: DEFAULT_CHAIN_ID });
    expect(readConfig({ VITE_RPC_URL: "  ", VITE_CHAIN_ID: "" })).toEqual({
      rpcUrl: DEFAULT_RPC_URL,
      chainId: DEFAULT_CHAIN_ID,
    });
  });

  it("uses the values that are set", () => {
    expect(readConfig({ VITE_RPC_URL: " https://rpc.example.org/v1 ", VITE_CHAIN_ID: "11155111" })).toEqual({
      rpcUrl: "https://rpc.example.org/v1",
      chainId: 11155111,
    });
  });

  it.each(["abc", "-1", "0", "1.5", "0x7a69", "99999999999999999999"])(
    "rejects VITE_CHAIN_ID=%s",
    (value) => {
      expect(() => readConfig({ VITE_CHAIN_ID: value })).toThrow(ConfigError);
      expect(() => readConfig({ VITE_CHAIN_ID: value })).toThrow(`got "${value}"`);
    },
  );

  it.each(["localhost:8545", "ws://127.0.0.1:8545", "not a url"])("rejects VITE_RPC_URL=%s", (value) => {
    expect(() => readConfig({ VITE_RPC_URL: value })).toThrow(ConfigError);
  });
});
