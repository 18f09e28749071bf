// The re-indexing machinery the scenario test relies on, proved on a cheaper history: 300 blocks of DMC
// transfers and delegations. A kill -9 mid-sync and a reorg of the last blocks both end in the store an
// uninterrupted run of the final chain makes, version for version.
import { connect } from "@dmex/sdk";
import { anvilWallet, vaultWorld } from "@dmex/sdk-test/vaultWorld";
import { describe, expect, it } from "vitest";

import { checkToken } from "./checks/token.js";
import { useIndexedChain } from "./harness/indexedChain.js";
import { startRangeLimitedRpc } from "./harness/rangeLimitedRpc.js";
import { killAndRestart, reorgReindexesAlike, storeDump } from "./harness/replay.js";

const chain = useIndexedChain();
const DMC = 10n ** 18n;

describe("re-indexing DMC history", () => {
  it("a kill -9 mid-sync, then a restart, ends in the store of an uninterrupted run", async () => {
    const world = vaultWorld(chain);
    const holders = Array.from({ length: 6 }, (_, i) => anvilWallet(20 + i, chain.provider));
    await world.fund(...holders);
    const dmc = world.as(world.reserve).dmcToken;
    for (let i = 0; i < 300; i++) {
      const to = holders[i % holders.length];
      if (!to) throw new Error("no holder");
      await (await dmc.transfer(to.address, BigInt(i + 1) * DMC)).wait();
    }
    for (const [i, holder] of holders.entries()) {
      await (
        await world.as(holder).dmcToken.delegate(holders[(i + 1) % holders.length]?.address ?? "")
      ).wait();
    }
    const head = await chain.sync();
    const start = chain.deployment.contracts.DmcToken.blockNumber;

    // Through a node that serves eth_getLogs over at most 50 blocks, as public providers cap it: the sync
    // commits every few dozen blocks, and the kill lands between two commits.
    const limited = await startRangeLimitedRpc(chain.rpcUrl, 50);
    const killed = await killAndRestart(limited.url, start + 1, head).finally(() => limited.close());
    expect(killed.killedAt).toBeGreaterThan(start);
    expect(killed.killedAt).toBeLessThan(head);
    const uninterrupted = storeDump(chain.db);
    expect(uninterrupted.head?.number).toBe(head);
    expect(storeDump(killed.db)).toEqual(uninterrupted);
  });

  it("a reorg of the last 3 blocks ends in the store a fresh index of the final chain makes", async () => {
    const world = vaultWorld(chain);
    const dmc = world.as(world.reserve).dmcToken;
    const to = anvilWallet(30, chain.provider).address;
    const data = dmc.interface.encodeFunctionData("transfer", [to, 777n * DMC]);
    const address = await dmc.getAddress();
    await reorgReindexesAlike(chain, 3, [
      { from: world.reserve.address, to: address, data, block: 0 },
      { from: world.reserve.address, to: address, data, block: 2 },
    ]);
    // The reorged store still says what the chain says.
    await checkToken(chain, connect(chain.provider, 31337, { deployment: chain.deployment }));
    const account = await chain.query<{ account: { balance: string } | null }>(
      `{ account(id: "${to.toLowerCase()}") { balance } }`,
    );
    expect(account.account?.balance).toBe((2n * 777n * DMC).toString());
  });
});
