import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AnvilProcess, acquireAnvil, anvilWallet, rpc } from "./anvil.js";
import { AnvilProvider } from "./anvilProvider.js";
import { type RpcProxy, startRpcProxy } from "./rpcProxy.js";

/** A margin unlike the identity, so the test sees that the provider applies the one it is given. */
const gasLimitFor = (estimate: bigint): bigint => estimate * 2n + 7n;

describe("AnvilProvider", () => {
  let anvil: AnvilProcess;
  let proxy: RpcProxy;
  let provider: AnvilProvider;
  /** How many receipt requests the proxy has answered with null (as anvil does just after a send). */
  let nulled = 0;

  beforeAll(async () => {
    anvil = await acquireAnvil();
    const asked = new Set<string>();
    proxy = await startRpcProxy(anvil.url, (request) => {
      if (request.method !== "eth_getTransactionReceipt") return undefined;
      const hash = String(request.params?.[0]);
      if (asked.has(hash)) return undefined;
      asked.add(hash);
      nulled++;
      return { result: null };
    });
    provider = new AnvilProvider(proxy.url, 31337, gasLimitFor);
  });
  afterAll(async () => {
    provider?.destroy();
    await proxy?.close();
    await anvil?.stop();
  });

  it("estimates gas with the margin it is given", async () => {
    const from = anvilWallet(0, provider).address;
    const to = "0x000000000000000000000000000000000000d0c1";
    const bare = BigInt(String(await rpc(anvil.url, "eth_estimateGas", [{ from, to, value: "0x1" }])));
    expect(bare).toBe(21_000n);
    expect(await provider.estimateGas({ from, to, value: 1n })).toBe(gasLimitFor(bare));
  });

  it("returns from a send only once the transaction's receipt exists, so wait() finds it at once", async () => {
    const sender = anvilWallet(0, provider);
    const tx = await sender.sendTransaction({ to: sender.address, value: 1n });
    expect(nulled).toBe(1);
    const receipt = await tx.wait(1, 1_000);
    expect(receipt?.status).toBe(1);
    expect(receipt?.blockNumber).toBe(Number(await rpc(anvil.url, "eth_blockNumber")));
  });

  it("does the same for a transaction an unlocked account sends through the node", async () => {
    const signer = await provider.getSigner(1);
    const tx = await signer.sendTransaction({ to: signer.address, value: 1n });
    expect(await provider.send("eth_getTransactionReceipt", [tx.hash])).not.toBeNull();
    expect((await tx.wait(1, 1_000))?.hash).toBe(tx.hash);
  });

  it("returns at once with automine off, leaving the mining to the test", async () => {
    await rpc(anvil.url, "evm_setAutomine", [false]);
    try {
      const sender = anvilWallet(2, provider);
      const tx = await sender.sendTransaction({ to: sender.address, value: 1n, gasLimit: 21_000n });
      expect(await provider.send("eth_getTransactionReceipt", [tx.hash])).toBeNull();
      await rpc(anvil.url, "evm_mine");
      expect((await tx.wait(1, 5_000))?.status).toBe(1);
    } finally {
      await rpc(anvil.url, "evm_setAutomine", [true]);
    }
  });
});
