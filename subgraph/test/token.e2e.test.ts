// The deployed protocol's genesis (DMC allocations, vesting tranches) and a few transfers and delegations,
// indexed by the embedded runtime and compared with the chain.
import { connect } from "@dmex/sdk";
import { anvilWallet, vaultWorld } from "@dmex/sdk-test/vaultWorld";
import { describe, expect, it } from "vitest";

import { checkToken } from "./checks/token.js";
import { useIndexedChain } from "./harness/indexedChain.js";

const chain = useIndexedChain();

describe("DmcToken", () => {
  it("indexes genesis, transfers and delegation into balances and votes equal to the chain's", async () => {
    const world = vaultWorld(chain);
    const rewards = world.reserve;
    const alice = anvilWallet(10, chain.provider);
    const bob = anvilWallet(11, chain.provider);
    await world.fund(alice, bob);
    const dmc = connect(rewards, 31337, { deployment: chain.deployment }).dmcToken;
    await (await dmc.transfer(alice.address, 1_000n * 10n ** 18n)).wait();
    await (await dmc.connect(alice).transfer(bob.address, 250n * 10n ** 18n)).wait();
    await (await dmc.connect(alice).delegate(bob.address)).wait();
    await (await dmc.connect(bob).delegate(bob.address)).wait();
    await (await dmc.connect(alice).delegate(alice.address)).wait();
    await (await dmc.connect(alice).approve(bob.address, 123n)).wait();
    await (await dmc.connect(alice).approve(bob.address, 456n)).wait();

    await chain.sync();
    const client = connect(chain.provider, 31337, { deployment: chain.deployment });
    expect(await checkToken(chain, client)).toBeGreaterThan(0);
    const allowance = await chain.query<{ dmcAllowance: { value: string } | null }>(
      `{ dmcAllowance(id: "${alice.address.toLowerCase()}${bob.address.slice(2).toLowerCase()}") { value } }`,
    );
    // The second approval replaced the first, as on chain.
    expect(allowance.dmcAllowance?.value).toBe("456");
    expect(await client.dmcToken.allowance(alice.address, bob.address)).toBe(456n);
    const data = await chain.query<{ account: { balance: string; transfersSent: { value: string }[] } }>(
      `{ account(id: "${alice.address.toLowerCase()}") { balance transfersSent { value } } }`,
    );
    expect(data.account.balance).toBe((750n * 10n ** 18n).toString());
    expect(data.account.transfersSent.map((t) => t.value)).toEqual([(250n * 10n ** 18n).toString()]);
  });
});
