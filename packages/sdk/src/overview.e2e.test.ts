import { parseUnits, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { useLocalChain } from "../test/localChain.js";
import { connect } from "./client.js";
import { readProtocolOverview } from "./overview.js";
import { readChainStatus } from "./provider.js";

const DMC = (amount: string) => parseUnits(amount, 18);

describe("readProtocolOverview against the local deployment", () => {
  const local = useLocalChain();

  it("reads the values packages/contracts/script/Deploy.s.sol sets for local governance", async () => {
    const overview = await readProtocolOverview(
      connect(local.provider, 31337, { deployment: local.deployment }),
    );

    expect(overview.governor).toEqual({
      votingDelay: 60n,
      votingPeriod: 300n,
      proposalThreshold: DMC("100000"),
      quorumNumerator: 4n,
      quorumDenominator: 100n,
      lateQuorumVoteExtension: 60n,
    });
    expect(overview.timelockDelay).toBe(120n);
    expect(overview.council).toEqual({
      address: local.deployment.contracts.Council.address,
      threshold: 4n,
      ownerCount: 7,
    });
    expect(overview.dmc).toEqual({ symbol: "DMC", decimals: 18 });
    expect(overview.treasury).toEqual({
      address: local.deployment.contracts.DmexTimelock.address,
      dmcBalance: DMC("15000000"),
    });
    expect(overview.registry.approvalWindow).toBe(30n * 86_400n);
    expect(overview.registry.unbondingPeriod).toBe(86_400n);
    expect(overview.registry.coinCount).toBe(2n);
    expect(overview.registry.coins).toMatchObject([
      { id: 1n, name: "Filecoin", unitName: "TiB", unitSize: 1n, displayDecimals: 4, active: true },
      { id: 2n, name: "Bitcoin", unitName: "TH/s", unitSize: 1n, displayDecimals: 8, active: true },
    ]);
    for (const coin of overview.registry.coins) {
      expect(coin.yieldToken).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(coin.latestFinalDay).toBe(0);
    }
    expect(overview.registry.coins[0]?.yieldToken).not.toBe(overview.registry.coins[1]?.yieldToken);
    expect(overview.oracle).toEqual({ reporterCount: 3n, quorum: 3 });
  });

  it("follows the oracle's latest final day per coin", async () => {
    // anvil accounts 7-9 are the three local reporters; the (odd) quorum of three makes a day final.
    const keys = [
      "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
      "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
      "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
    ];
    const { blockTimestamp } = await readChainStatus(local.provider);
    const yesterday = Math.floor(blockTimestamp / 86_400) - 1;
    for (const key of keys) {
      const { yieldOracle } = connect(new Wallet(key, local.provider), 31337, {
        deployment: local.deployment,
      });
      await (await yieldOracle.report(2n, yesterday, 5n)).wait();
    }

    const { coins } = (
      await readProtocolOverview(connect(local.provider, 31337, { deployment: local.deployment }))
    ).registry;
    expect(coins.map((coin) => coin.latestFinalDay)).toEqual([0, yesterday]);
  });
});
