// waitForReceipt and withGasMargin against a real anvil, with the node's rarer behaviours made certain by a proxy.
import { type AnvilProcess, acquireAnvil, rpc } from "@dmex/testing/anvil";
import { type RpcProxy, startRpcProxy } from "@dmex/testing/rpcProxy";
import { isError, type JsonRpcProvider, type TransactionResponse, toQuantity, type Wallet } from "ethers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useLocalChain } from "../test/localChain.js";
import { anvilWallet, DMC } from "../test/vaultWorld.js";
import { connect } from "./client.js";
import { createReadProvider } from "./provider.js";
import { gasLimitFor, waitForReceipt, withGasMargin } from "./transaction.js";

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
    anvil = await acquireAnvil();
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

describe("withGasMargin", () => {
  const local = useLocalChain();
  let proxy: RpcProxy;
  let provider: JsonRpcProvider;
  /** What the proxy answers to eth_estimateGas instead of the node, while set. */
  let understatedEstimate: bigint | undefined;
  const recipient = "0x000000000000000000000000000000000000d0c1";

  beforeAll(async () => {
    proxy = await startRpcProxy(local.anvil.url, (request) =>
      request.method === "eth_estimateGas" && understatedEstimate !== undefined
        ? { result: toQuantity(understatedEstimate) }
        : undefined,
    );
    provider = createReadProvider(proxy.url, 31337);
    provider.pollingInterval = 20;
  });
  beforeEach(() => {
    understatedEstimate = undefined;
  });
  afterAll(async () => {
    provider?.destroy();
    await proxy?.close();
  });

  // anvil account 1 holds the deployment's DMC reserve.
  const dmcToken = () => connect(anvilWallet(1, provider), 31337, { deployment: local.deployment }).dmcToken;

  it("sends with the node's estimate plus a fifth plus 50,000 gas", async () => {
    const token = dmcToken();
    const estimate = await token.transfer.estimateGas(recipient, DMC("1"));
    const tx = await withGasMargin(token.transfer, recipient, DMC("1"))();
    expect(tx.gasLimit).toBe(estimate + estimate / 5n + 50_000n);
    expect(gasLimitFor(estimate)).toBe(tx.gasLimit);
    expect((await waitForReceipt(tx))?.status).toBe(1);
  });

  it("mines a write the node estimated 20,000 gas short, which the bare estimate runs out of gas on", async () => {
    const token = dmcToken();
    // A transfer to a new holder: the 20,000 a zero-to-nonzero slot costs is what a new day's sale checkpoint
    // or a new vote checkpoint adds when the block that mines a write is not the one it was estimated in.
    const fresh = (n: number) => `0x${(0xd0c20 + n).toString(16).padStart(40, "0")}`;
    understatedEstimate = (await token.transfer.estimateGas(fresh(1), DMC("1"))) - 20_000n;

    const bare = await token.transfer(fresh(1), DMC("1"));
    expect(bare.gasLimit).toBe(understatedEstimate);
    await expect(waitForReceipt(bare)).rejects.toSatisfy((error) => isError(error, "CALL_EXCEPTION"));
    expect(await token.balanceOf(fresh(1))).toBe(0n);

    const margined = await withGasMargin(token.transfer, fresh(2), DMC("1"))();
    expect((await waitForReceipt(margined))?.status).toBe(1);
    expect(await token.balanceOf(fresh(2))).toBe(DMC("1"));
  });
});
