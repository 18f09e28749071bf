// DESIGN §3.4 end to end on anvil, through the SDK only, with the numbers of the Solidity reference
// (packages/contracts/test/integration/concrete/risk-control-vault/scenario.t.sol):
//
// A miner is onboarded through the registry and the DAO (application, Governor proposal approving it, funding
// its stake from the treasury and granting MARKETPLACE_ROLE to a test seller, since the marketplace contract
// stands in for the marketplace; the miner stakes). It offers 50 TiB for 30 days, paid in the demo USDC. Three
// buyers pay 3,000 USDC for 10 TiB each on day 0, two pay 2,500 USDC for 10 TiB each on day 5; each sale mints
// one certificate to its buyer. Each day the three oracle reporters
// (anvil 7-9) report the market average, 0.002 IFIL per TiB and day, and the miner deposits the day's IFIL.
// Days 0-19 are paid in full; days 20-26 at a tenth of the market average. Escrow is released only for days
// delivered at the threshold (80% of the market), in order, and delivery is cumulative: the deposits of days
// 21-26 first fill day 20, which never reaches its requirement (7 × 0.01 < 0.08 IFIL), so the delivery stops
// at day 20. Day 27 a holder flags the offering (7 days behind: it freezes), day 28 the DAO terminates it by
// proposal through the timelock, then the holders refund and claim; nothing more was released to withdraw.
//
// | figure                          | hand computation                                  | value            |
// |---------------------------------|---------------------------------------------------|------------------|
// | escrow rate days 0-4            | 3 × 3,000 / 30                                    | 300 USDC/day     |
// | escrow rate days 5-29           | 300 + 2 × 2,500 / 25                              | 500 USDC/day     |
// | released by day 20 (days 0-19)  | 5 × 300 + 15 × 500                                | 9,000 USDC       |
// | released at termination (0-19)  | day 20 never delivered                            | 9,000 USDC       |
// | refund, day-0 certificate       | 3,000 × (30 - 20) / 30                            | 1,000 USDC       |
// | refund, day-5 certificate       | 2,500 × (30 - 20) / 25                            | 1,000 USDC       |
// | conservation                    | 9,000 + 5 × 1,000                                 | 14,000 USDC      |
// | yield, day-0 certificate        | 5 × 0.02 + 15 × 0.02 + 7 × 0.002 (IFIL per day)   | 0.414 IFIL       |
// | yield, day-5 certificate        | 15 × 0.02 + 7 × 0.002                             | 0.314 IFIL       |
// | yield delivered                 | 5 × 0.06 + 15 × 0.1 + 7 × 0.01                    | 1.87 IFIL        |
//
// Final balances (every account started with 0 USDC and 0 IFIL; buyers got exactly their price in USDC,
// the miner exactly each day's deposit in IFIL, both from the demo tokens' minter):
//
// | account              | USDC   | IFIL  |
// |----------------------|--------|-------|
// | buyers 1-3 (day 0)   | 1,000  | 0.414 |
// | buyers 4-5 (day 5)   | 1,000  | 0.314 |
// | miner                | 9,000  | 0     |
// | test seller          | 0      | 0     |
// | vault                | 0      | 0     |
import type { Wallet } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalChain } from "../../test/localChain.js";
import { anvilWallet, DMC, IFIL, USDC, vaultWorld } from "../../test/vaultWorld.js";
import { ContractRevertError } from "../errors.js";
import { readMiner } from "../registry/miner.js";
import { grantMarketplaceRoleAction, terminateOfferingAction } from "./admin.js";
import { readDayRecord } from "./dayRecords.js";
import { depositYield } from "./deposit.js";
import { withdrawEscrow } from "./escrow.js";
import { flagOffering, readFlaggable } from "./flag.js";
import { createOffering, readOffering } from "./offering.js";
import { claimYield, refundEscrow } from "./payout.js";

const MARKET_PER_UNIT = IFIL("0.002"); // IFIL per TiB and day
const UNITS = 10n; // TiB per sale (one certificate each)

const EXPECTED = {
  buyers: [
    { usdc: USDC("1000"), ifil: IFIL("0.414") },
    { usdc: USDC("1000"), ifil: IFIL("0.414") },
    { usdc: USDC("1000"), ifil: IFIL("0.414") },
    { usdc: USDC("1000"), ifil: IFIL("0.314") },
    { usdc: USDC("1000"), ifil: IFIL("0.314") },
  ],
  miner: { usdc: USDC("9000"), ifil: 0n },
  seller: { usdc: 0n, ifil: 0n },
  vault: { usdc: 0n, ifil: 0n },
  releasedByDay20: USDC("9000"),
  yieldDelivered: IFIL("1.87"),
};

describe("a miner that pays short is flagged, terminated by the DAO, and its holders are made whole", () => {
  const local = useLocalChain();
  const world = vaultWorld(local);
  let miner: Wallet;
  let seller: Wallet;
  let buyers: Wallet[];

  beforeAll(() => {
    miner = anvilWallet(10, local.provider);
    seller = anvilWallet(11, local.provider);
    buyers = [12, 13, 14, 15, 16].map((index) => anvilWallet(index, local.provider));
  });

  it("runs the 30-day offering to termination with the hand-computed balances", async () => {
    await world.fund(miner, seller, ...buyers);
    const { riskControlVault: vault, minerRegistry } = world.as(world.reserve);
    const usdc = world.usdc();
    const ifil = await world.ifil();

    // Onboarding: application, one DAO proposal (approve 50 TiB, fund the 10,000 DMC stake from the
    // treasury, grant MARKETPLACE_ROLE to the test seller), stake.
    await world.onboardMiner(miner, {
      capacityUnits: 50n,
      stake: DMC("10000"),
      extraActions: [await grantMarketplaceRoleAction(vault, seller.address)],
    });
    expect((await readMiner(minerRegistry, miner.address)).status).toBe("Active");
    expect(await vault.hasRole(await vault.MARKETPLACE_ROLE(), seller.address)).toBe(true);

    // Day 0: the offering, and three buyers at 3,000 USDC.
    const day0 = (await world.today()) + 1;
    await world.advanceToDay(day0);
    const asMiner = world.as(miner);
    const { offeringId, units } = await createOffering(
      asMiner.riskControlVault,
      await world.offeringParams({ units: 5n * UNITS, startDay: day0, termDays: 30 }),
    );
    expect(units).toBe(50n);
    const tokenIds: bigint[] = [];
    const sell = async (i: number, price: bigint) => {
      const buyer = buyers[i];
      if (!buyer) throw new Error(`no buyer ${i}`);
      await world.mintUsdc(buyer.address, price);
      const { tokenId, saleDay } = await world.sell({ seller, buyer, offeringId, units: UNITS, price });
      tokenIds[i] = tokenId;
      return saleDay;
    };
    for (const i of [0, 1, 2]) expect(await sell(i, USDC("3000"))).toBe(day0);

    // Days 0-26: the reporters rate each day, then the miner pays it. Days 0-19 are delivered one by one;
    // from day 20 each deposit goes to day 20 (the oldest not delivered), which stays below its requirement.
    for (let day = day0; day < day0 + 27; day++) {
      await world.advanceToDay(day + 1);
      const soldUnits = day < day0 + 5 ? 30n : 50n;
      const perUnit = day < day0 + 20 ? MARKET_PER_UNIT : MARKET_PER_UNIT / 10n;
      await world.reportMarket(day, MARKET_PER_UNIT);
      await world.mintIfil(miner.address, perUnit * soldUnits);
      const deposit = await depositYield(asMiner.riskControlVault, offeringId, day, perUnit * soldUnits);
      const delivered = day < day0 + 20 ? day + 1 : day0 + 20;
      expect(deposit).toMatchObject({ nextDay: delivered, releasedDay: delivered });
      if (day === day0 + 4) {
        // Day 5 begins: the day-4 yield is in, then two more buyers.
        for (const i of [3, 4]) expect(await sell(i, USDC("2500"))).toBe(day0 + 5);
      }
      if (day === day0 + 19) {
        const { amount } = await withdrawEscrow(asMiner.riskControlVault, offeringId);
        expect(amount).toBe(EXPECTED.releasedByDay20);
      }
    }

    // Day 27: day 20 holds all seven deposits (0.07 IFIL, short of 0.08), days 21-26 nothing; a holder flags
    // the offering, which freezes.
    expect(await world.today()).toBe(day0 + 27);
    expect((await readDayRecord(vault, offeringId, day0 + 19)).status).toBe("Ok");
    expect(await readDayRecord(vault, offeringId, day0 + 20)).toEqual({
      day: day0 + 20,
      delivered: IFIL("0.07"),
      soldUnits: 50n,
      deliveredPerUnit: IFIL("0.0014"),
      marketPerUnit: MARKET_PER_UNIT,
      status: "Short",
    });
    expect((await readDayRecord(vault, offeringId, day0 + 26)).status).toBe("Missed");
    expect((await readDayRecord(vault, offeringId, day0 + 27)).status).toBe("Open");
    expect(await readFlaggable(vault, offeringId)).toEqual({
      canFlag: true,
      fromDay: day0 + 20,
      toDay: day0 + 26,
    });
    const firstBuyer = buyers[0];
    if (!firstBuyer) throw new Error("no buyer");
    expect(await flagOffering(world.as(firstBuyer).riskControlVault, offeringId)).toMatchObject({
      fromDay: day0 + 20,
      toDay: day0 + 26,
    });
    expect((await readOffering(vault, offeringId)).status).toBe("Frozen");
    const frozen = await withdrawEscrow(asMiner.riskControlVault, offeringId).catch(
      (error: unknown) => error,
    );
    expect(frozen).toBeInstanceOf(ContractRevertError);
    expect(frozen).toMatchObject({
      errorName: "RiskControlVault_InvalidStatus",
      contract: "RiskControlVault",
      message: `Not possible while offering #${offeringId} is Frozen (flagged: until the DAO resumes or terminates it)`,
    });

    // Day 28: the DAO terminates the offering (Governor proposal, timelock).
    await world.advanceToDay(day0 + 28);
    await world.passProposal(
      [await terminateOfferingAction(vault, offeringId)],
      `# Terminate offering #${offeringId}\n\nFlagged for days 20-26 delivered at a tenth of the market average.`,
    );
    expect(await readOffering(vault, offeringId)).toMatchObject({
      status: "Terminated",
      nextDay: day0 + 20,
      escrowReleased: EXPECTED.releasedByDay20,
      yieldDeposited: EXPECTED.yieldDelivered,
    });
    expect(await world.today()).toBe(day0 + 28);
    expect(await readMiner(minerRegistry, miner.address)).toMatchObject({
      usedCapacity: 0n,
      liveOfferings: 0,
    });

    // Holders refund the escrow of the days not delivered (20-29) and claim their yield; nothing was released
    // after day 20, so the miner has nothing to withdraw.
    for (const [i, buyer] of buyers.entries()) {
      const expected = EXPECTED.buyers[i];
      const tokenId = tokenIds[i];
      if (!expected || tokenId === undefined) throw new Error(`no expectation for buyer ${i}`);
      const asBuyer = world.as(buyer).riskControlVault;
      expect((await refundEscrow(asBuyer, [tokenId])).total).toBe(expected.usdc);
      expect((await claimYield(asBuyer, [tokenId])).total).toBe(expected.ifil);
    }
    await expect(withdrawEscrow(asMiner.riskControlVault, offeringId)).rejects.toMatchObject({
      errorName: "RiskControlVault_NothingToWithdraw",
    });
    expect(await readOffering(vault, offeringId)).toMatchObject({
      escrowWithdrawn: EXPECTED.releasedByDay20,
    });

    // The table.
    const vaultAddress = await vault.getAddress();
    const balances = async (address: string) => ({
      usdc: await usdc.balanceOf(address),
      ifil: await ifil.balanceOf(address),
    });
    for (const [i, buyer] of buyers.entries()) {
      expect(await balances(buyer.address), `buyer ${i + 1}`).toEqual(EXPECTED.buyers[i]);
    }
    expect(await balances(miner.address)).toEqual(EXPECTED.miner);
    expect(await balances(seller.address)).toEqual(EXPECTED.seller);
    expect(await balances(vaultAddress)).toEqual(EXPECTED.vault);
  });
});
