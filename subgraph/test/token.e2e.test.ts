// The deployed protocol's genesis (DMC allocations, vesting tranches) and a few transfers and delegations,
// indexed by the embedded runtime and compared with the chain.
import { connect } from "@dmex/sdk";
import { anvilWallet, vaultWorld } from "@dmex/sdk/testing/vaultWorld";
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

    await chain.sync();
    await checkToken(chain, connect(chain.provider, 31337, { deployment: chain.deployment }));
    const data = await chain.query<{ account: { balance: string; transfersSent: { value: string }[] } }>(
      `{ account(id: "${alice.address.toLowerCase()}") { balance transfersSent { value } } }`,
    );
    expect(data.account.balance).toBe((750n * 10n ** 18n).toString());
    expect(data.account.transfersSent.map((t) => t.value)).toEqual([(250n * 10n ** 18n).toString()]);
  });
});
