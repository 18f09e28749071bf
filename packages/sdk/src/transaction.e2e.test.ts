// waitForReceipt against a real anvil, with the node's rarer timing made certain by a proxy.
import { type AnvilProcess, rpc, startAnvil } from "@dmex/contracts/node";
import { isError, type JsonRpcProvider, type TransactionResponse, type Wallet } from "ethers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createReadProvider } from "./provider.js";
import { type RpcProxy, startRpcProxy } from "./testing/rpcProxy.js";
import { anvilWallet } from "./testing/vaultWorld.js";
import { waitForReceipt } from "./transaction.js";

// Init code of a contract whose code is PUSH1 0 PUSH1 0 REVERT: every call to it reverts.
const ALWAYS_REVERTS_INIT = "0x6460006000fd6000526005601bf3";

describe("waitForReceipt", () => {
  let anvil: AnvilProcess;
  let proxy: RpcProxy;
  let provider: JsonRpcProvider;
  let sender: Wallet;
  /**
   * Hashes whose receipt the proxy says is not there yet, and how many more times. ethers' wait() asks twice
   * (once itself, once as its subscriber starts) before its block poller's first look; anvil answering null to
   * both while it mines in between is the rare timing this makes certain.
   */
  const receiptLate = new Map<string, number>();
  const late = (tx: TransactionResponse): TransactionResponse => {
    receiptLate.set(tx.hash, 2);
    return tx;
  };

  beforeAll(async () => {
    anvil = await startAnvil();
    proxy = await startRpcProxy(anvil.url, (request) => {
      if (request.method !== "eth_getTransactionReceipt") return undefined;
      const hash = String(request.params?.[0]);
      const remaining = receiptLate.get(hash) ?? 0;
      if (remaining === 0) return undefined;
      receiptLate.set(hash, remaining - 1);
      return { result: null };
    });
    provider = createReadProvider(proxy.url, 31337);
    provider.pollingInterval = 20;
    sender = anvilWallet(0, provider);
  });
  beforeEach(async () => {
    await rpc(anvil.url, "evm_setAutomine", [true]);
  });
  afterAll(async () => {
    provider?.destroy();
    await proxy?.close();
    await anvil?.stop();
  });

  const blockNumber = async () => Number(await rpc(anvil.url, "eth_blockNumber"));
  const send = (): Promise<TransactionResponse> =>
    sender.sendTransaction({ to: sender.address, value: 1n, gasLimit: 21_000n });

  it("shows the blind spot: ethers' wait() misses a transaction mined before its first block poll", async () => {
    const tx = late(await send());
    await expect(tx.wait(1, 1_000)).rejects.toSatisfy((error) => isError(error, "TIMEOUT"));
  });

  it("returns the receipt of a transaction mined before its receipt was seen, without another block", async () => {
    const tx = late(await send());
    const head = await blockNumber();
    const receipt = await waitForReceipt(tx);
    expect(receipt?.hash).toBe(tx.hash);
    expect(receipt?.status).toBe(1);
    expect(receipt?.blockNumber).toBe(head);
    expect(await blockNumber()).toBe(head);
    expect(receiptLate.get(tx.hash)).toBe(0);
  });

  it("waits for a transaction the node mines later", async () => {
    await rpc(anvil.url, "evm_setAutomine", [false]);
    const tx = await send();
    const head = await blockNumber();
    let settled = false;
    const waiting = waitForReceipt(tx).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await rpc(anvil.url, "evm_mine");
    const receipt = await waiting;
    expect(receipt?.blockNumber).toBe(head + 1);
  });

  it("throws wait()'s revert error for a transaction that reverted once mined", async () => {
    const deployed = await waitForReceipt(await sender.sendTransaction({ data: ALWAYS_REVERTS_INIT }));
    const target = deployed?.contractAddress;
    if (!target) throw new Error("the reverting contract was not deployed");
    const tx = late(await sender.sendTransaction({ to: target, data: "0x", gasLimit: 50_000n }));
    await expect(waitForReceipt(tx)).rejects.toSatisfy((error) => isError(error, "CALL_EXCEPTION"));
  });

  it("throws wait()'s replacement error when another transaction took its nonce", async () => {
    await rpc(anvil.url, "evm_setAutomine", [false]);
    const nonce = await provider.getTransactionCount(sender.address, "latest");
    const fees = { maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n, gasLimit: 21_000n, nonce };
    const original = await sender.sendTransaction({ ...fees, to: sender.address, value: 1n });
    await sender.sendTransaction({
      ...fees,
      to: sender.address,
      value: 2n,
      maxFeePerGas: 3n * 10n ** 10n,
      maxPriorityFeePerGas: 3n * 10n ** 9n,
    });
    await rpc(anvil.url, "evm_mine");
    await expect(waitForReceipt(original)).rejects.toSatisfy((error) =>
      isError(error, "TRANSACTION_REPLACED"),
    );
  });
});
