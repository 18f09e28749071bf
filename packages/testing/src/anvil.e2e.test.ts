import { afterAll, describe, expect, inject, it } from "vitest";

import { ANVIL_POOL, acquireAnvil, DEV_ACCOUNTS, rpc } from "./anvil.js";

const gasLimit = async (url: string): Promise<number> =>
  Number(((await rpc(url, "eth_getBlockByNumber", ["latest", false])) as { gasLimit: string }).gasLimit);

describe("acquireAnvil", () => {
  const held: { stop(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(held.map((anvil) => anvil.stop()));
  });

  it("hands out this worker's pooled anvil, emptied of what the previous holder left", async () => {
    const first = await acquireAnvil({ blockGasLimit: 100_000_000 });
    held.push(first); // stopped after the file even when an assertion below fails; stop() twice is harmless
    expect(inject(ANVIL_POOL)).toContain(first.url);
    await first.rpc("anvil_setBalance", [DEV_ACCOUNTS[0], "0x1"]);
    await first.rpc("evm_mine");
    expect(await gasLimit(first.url)).toBe(100_000_000);
    await rpc(first.url, "evm_increaseTime", [86_400]);
    await rpc(first.url, "anvil_mine", ["0x3"]);
    await rpc(first.url, "evm_setAutomine", [false]);
    await first.stop();

    const second = await acquireAnvil();
    held.push(second);
    expect(second.url).toBe(first.url);
    expect(Number(await rpc(second.url, "eth_blockNumber"))).toBe(0);
    expect(await rpc(second.url, "anvil_getAutomine")).toBe(true);
    expect(BigInt(String(await second.rpc("eth_getBalance", [DEV_ACCOUNTS[0], "latest"])))).toBe(10n ** 22n);
    await rpc(second.url, "evm_mine");
    expect(await gasLimit(second.url)).toBe(30_000_000);
    const block = (await rpc(second.url, "eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    // The day added above is gone: a block mined now carries about the wall clock's time.
    expect(Math.abs(Number(block.timestamp) - Date.now() / 1000)).toBeLessThan(3_600);
  });

  it("starts a process of its own while the pooled anvil is held, or for a chain the pool does not serve", async () => {
    const other = await acquireAnvil();
    held.push(other);
    expect(inject(ANVIL_POOL)).not.toContain(other.url);
    const custom = await acquireAnvil({ chainId: 4242 });
    held.push(custom);
    expect(Number(await rpc(custom.url, "eth_chainId"))).toBe(4242);
  });
});
