// Every pure mirror of the vault's math (escrowMath, yieldMath, delivery) against the contract's own views,
// at nine points of a run on anvil that exercises the rounding: odd prices and deposits, a sale before the
// term starts, sales on three different days, a top-up of a delivered day shared with a later buyer, a missed
// day paid late, an unrated day, claims across two offerings, a split, a transfer, a merge, a cancelled
// certificate, a termination by the DAO with refunds, and an offering delivered to its end (released escrow
// becomes the whole escrow, dust included) that finishes and whose certificates are burned.
//
// The test keeps its own model of what happened (sales, deposits, claims, …). From the model alone, the
// mirrors compute what the vault should report; the comparison reads `offering`, `saleCheckpoint`,
// `escrowReleased`, `withdrawable`, `certificateView`, `claimable`, `refundable` and `dayRecords`.
import type { Wallet } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalChain } from "../../test/localChain.js";
import { anvilWallet, DMC, FILECOIN, IFIL, USDC, vaultWorld } from "../../test/vaultWorld.js";
import { ContractRevertError, InsufficientBalanceError } from "../errors.js";
import { grantMarketplaceRoleAction, terminateOfferingAction } from "./admin.js";
import { burnCertificate, mergeCertificates, readCertificate, splitCertificate } from "./certificate.js";
import { readDayRecords } from "./dayRecords.js";
import { dayRecordOf, soldUnitsOn } from "./delivery.js";
import { depositYield } from "./deposit.js";
import { withdrawEscrow } from "./escrow.js";
import {
  certificateEscrowReleased,
  certificateRefundable,
  earnedScaledThrough,
  escrowReleased,
  type PrimarySale,
  saleCheckpoints,
  splitEscrow,
  withdrawableEscrow,
} from "./escrowMath.js";
import { flagOffering, readFlaggable } from "./flag.js";
import {
  cancelUnsold,
  createOffering,
  finishOffering,
  readOffering,
  readSaleCheckpoints,
} from "./offering.js";
import { claimYield, refundEscrow } from "./payout.js";
import { recordPrimarySale } from "./sale.js";
import { readVaultSettings } from "./settings.js";
import type { OfferingStatus } from "./status.js";
import { decodeTokenId } from "./tokenId.js";
import { claimableYield, yieldPerUnit } from "./yieldMath.js";

/** What the test knows about a certificate. */
interface ModelCertificate {
  owner: Wallet;
  units: bigint;
  sold: boolean;
  saleDay: number;
  escrow: bigint;
  /** The accumulator at its last settlement (sale, claim, split, merge). */
  checkpoint: bigint;
  /** Yield settled by a split or merge, not claimed. */
  owed: bigint;
  refunded: boolean;
}

/** What the test knows about an offering. */
interface ModelOffering {
  readonly id: bigint;
  readonly endDay: number;
  readonly unitsPerCertificate: bigint;
  status: OfferingStatus;
  nextDay: number;
  sales: PrimarySale[];
  soldUnits: bigint;
  totalEscrow: bigint;
  withdrawn: bigint;
  acc: bigint;
  delivered: Map<number, bigint>;
  certificates: Map<bigint, ModelCertificate>;
}

describe("the vault's mirrors agree with its views through a whole run", () => {
  const local = useLocalChain();
  const world = vaultWorld(local);
  let miner: Wallet;
  let seller: Wallet;
  let h1: Wallet;
  let h2: Wallet;
  let h3: Wallet;

  beforeAll(() => {
    miner = anvilWallet(10, local.provider);
    seller = anvilWallet(11, local.provider);
    [h1, h2, h3] = [12, 13, 14].map((index) => anvilWallet(index, local.provider)) as [
      Wallet,
      Wallet,
      Wallet,
    ];
  });

  const offerings = new Map<bigint, ModelOffering>();
  const model = (id: bigint): ModelOffering => {
    const found = offerings.get(id);
    if (!found) throw new Error(`no offering ${id} in the model`);
    return found;
  };
  const cert = (tokenId: bigint): ModelCertificate => {
    const found = model(decodeTokenId(tokenId).offeringId).certificates.get(tokenId);
    if (!found) throw new Error(`no certificate ${tokenId} in the model`);
    return found;
  };
  const pending = (tokenId: bigint) =>
    claimableYield(cert(tokenId), model(decodeTokenId(tokenId).offeringId).acc);
  /** The offering's escrow state, computed from the model's sales and deliveries only. */
  const escrowState = (o: ModelOffering) => {
    const checkpoints = saleCheckpoints(o.sales, o.endDay);
    return {
      checkpoints,
      status: o.status,
      endDay: o.endDay,
      nextDay: o.nextDay,
      checkpointCount: checkpoints.length,
      totalEscrow: o.totalEscrow,
      earnedScaled: earnedScaledThrough(checkpoints, o.nextDay),
      escrowWithdrawn: o.withdrawn,
    };
  };
  /** Totals paid out by the vault, for the final balance check. */
  const paid = { claimed: 0n, refunded: 0n };

  /** Compares every mirror with the vault for every offering and certificate of the model. */
  async function compareAll(point: string): Promise<void> {
    const { riskControlVault: vault, yieldOracle } = world.as(world.reserve);
    const today = await world.today();
    const { shortThresholdBps } = await readVaultSettings(vault);
    for (const o of offerings.values()) {
      const chain = await readOffering(vault, o.id);
      const state = escrowState(o);
      const { checkpoints } = state;
      expect(await readSaleCheckpoints(vault, o.id), `${point}: checkpoints of #${o.id}`).toEqual(
        checkpoints,
      );
      expect(chain, `${point}: offering #${o.id}`).toMatchObject({
        status: o.status,
        nextDay: o.nextDay,
        soldUnits: o.soldUnits,
        totalEscrow: o.totalEscrow,
        escrowWithdrawn: o.withdrawn,
        accYieldPerUnit: o.acc,
        earnedScaled: state.earnedScaled,
        escrowReleased: escrowReleased(state),
        withdrawable: withdrawableEscrow(state),
      });
      expect(await vault.escrowReleased(o.id)).toBe(escrowReleased(state));
      expect(await vault.withdrawable(o.id)).toBe(withdrawableEscrow(state));

      for (const [tokenId, c] of o.certificates) {
        const expected = {
          owner: c.owner.address,
          units: c.units,
          sold: c.sold,
          saleDay: c.saleDay,
          escrow: c.escrow,
          escrowReleased: certificateEscrowReleased(state, c),
          refundable: certificateRefundable(state, c),
          refunded: c.refunded,
          claimableYield: claimableYield(c, o.acc),
        };
        expect(await readCertificate(vault, tokenId), `${point}: certificate ${tokenId}`).toMatchObject(
          expected,
        );
        expect(await vault.claimable(tokenId)).toBe(expected.claimableYield);
        expect(await vault.refundable(tokenId)).toBe(expected.refundable);
      }

      // The delivery record of every day of the term, and one day on each side.
      const fromDay = checkpoints[0]?.day ?? o.endDay;
      const days = await readDayRecords(vault, o.id, fromDay - 1, o.endDay);
      const expectedDays = await Promise.all(
        days.map(async ({ day }) => {
          const [marketPerUnit, isFinal] = await yieldOracle.dayValue(FILECOIN, day);
          return dayRecordOf({
            day,
            endDay: o.endDay,
            delivered: o.delivered.get(day) ?? 0n,
            soldUnits: soldUnitsOn(checkpoints, day),
            marketPerUnit,
            isFinal,
            shortThresholdBps,
            nextDay: o.nextDay,
            today,
          });
        }),
      );
      expect(days, `${point}: day records of #${o.id}`).toEqual(expectedDays);
    }
  }

  async function create(startDay: number, termDays: number, units: bigint, count: number): Promise<bigint[]> {
    const { offeringId, tokenIds, endDay } = await createOffering(world.as(miner).riskControlVault, {
      coinId: FILECOIN,
      paymentToken: await world.usdc().getAddress(),
      unitsPerCertificate: units,
      certificateCount: count,
      startDay,
      termDays,
    });
    offerings.set(offeringId, {
      id: offeringId,
      endDay,
      unitsPerCertificate: units,
      status: "Active",
      nextDay: 0,
      sales: [],
      soldUnits: 0n,
      totalEscrow: 0n,
      withdrawn: 0n,
      acc: 0n,
      delivered: new Map(),
      certificates: new Map(
        tokenIds.map((tokenId) => [
          tokenId,
          {
            owner: miner,
            units,
            sold: false,
            saleDay: 0,
            escrow: 0n,
            checkpoint: 0n,
            owed: 0n,
            refunded: false,
          },
        ]),
      ),
    });
    return [...tokenIds];
  }

  async function sell(tokenId: bigint, buyer: Wallet, price: bigint): Promise<void> {
    const o = model(decodeTokenId(tokenId).offeringId);
    await world.mintUsdc(buyer.address, price);
    const saleDay = await world.sell({ miner, seller, buyer, tokenId, price });
    const c = cert(tokenId);
    if (o.sales.length === 0) o.nextDay = saleDay;
    o.sales.push({ saleDay, units: c.units, escrow: price });
    o.soldUnits += c.units;
    o.totalEscrow += price;
    Object.assign(c, { owner: buyer, sold: true, saleDay, escrow: price, checkpoint: o.acc });
  }

  async function deliver(offeringId: bigint, day: number, amount: bigint): Promise<void> {
    const o = model(offeringId);
    await world.mintIfil(miner.address, amount);
    const result = await depositYield(world.as(miner).riskControlVault, offeringId, day, amount);
    o.acc += yieldPerUnit(amount, o.soldUnits);
    o.delivered.set(day, (o.delivered.get(day) ?? 0n) + amount);
    if (day === o.nextDay) o.nextDay += 1;
    expect(result).toMatchObject({
      accYieldPerUnit: o.acc,
      nextDay: o.nextDay,
      dayTotal: o.delivered.get(day),
    });
  }

  async function claim(holder: Wallet, tokenIds: bigint[]): Promise<void> {
    const expected = tokenIds.map(pending);
    const { total, payouts } = await claimYield(world.as(holder).riskControlVault, tokenIds);
    expect(total).toBe(expected.reduce((a, b) => a + b, 0n));
    paid.claimed += total;
    expect(payouts.map((p) => p.amount)).toEqual(expected.filter((amount) => amount > 0n));
    for (const tokenId of tokenIds) {
      Object.assign(cert(tokenId), { checkpoint: model(decodeTokenId(tokenId).offeringId).acc, owed: 0n });
    }
  }

  /** A split as the vault does it: the kept part settles its yield, the new part starts from now. */
  function splitInModel(tokenId: bigint, newTokenId: bigint, splitUnits: bigint): void {
    const o = model(decodeTokenId(tokenId).offeringId);
    const c = cert(tokenId);
    const { kept, part } = splitEscrow(c.escrow, c.units, splitUnits, o.endDay - c.saleDay);
    o.certificates.set(newTokenId, { ...c, units: splitUnits, escrow: part, checkpoint: o.acc, owed: 0n });
    Object.assign(c, {
      owed: pending(tokenId),
      checkpoint: o.acc,
      units: c.units - splitUnits,
      escrow: kept,
    });
  }

  /** A merge: units, escrow and settled yield add up; the other certificate is burned. */
  function mergeInModel(tokenId: bigint, otherTokenId: bigint): void {
    const o = model(decodeTokenId(tokenId).offeringId);
    const c = cert(tokenId);
    const other = cert(otherTokenId);
    Object.assign(c, {
      owed: pending(tokenId) + pending(otherTokenId),
      checkpoint: o.acc,
      units: c.units + other.units,
      escrow: c.escrow + other.escrow,
    });
    o.certificates.delete(otherTokenId);
  }

  async function withdraw(offeringId: bigint): Promise<void> {
    const o = model(offeringId);
    const expected = withdrawableEscrow(escrowState(o));
    const { amount } = await withdrawEscrow(world.as(miner).riskControlVault, offeringId);
    expect(amount).toBe(expected);
    o.withdrawn += amount;
  }

  it("runs two offerings and compares at every step", async () => {
    await world.fund(miner, seller, h1, h2, h3);
    const { riskControlVault: vault } = world.as(world.reserve);
    const asMiner = world.as(miner).riskControlVault;
    await world.onboardMiner(miner, {
      capacityUnits: 100n,
      stake: DMC("10000"),
      extraActions: [await grantMarketplaceRoleAction(vault, seller.address)],
    });
    const market = IFIL("0.002");
    const t = (await world.today()) + 1;

    // ── 1. Day t: offering A starts tomorrow (4 × 7 units, 6 days); B today (3 × 5 units, 10 days).
    await world.advanceToDay(t);
    const [a1, a2, a3, a4] = (await create(t + 1, 6, 7n, 4)) as [bigint, bigint, bigint, bigint];
    const [b1, b2, b3] = (await create(t, 10, 5n, 3)) as [bigint, bigint, bigint];
    const A = decodeTokenId(a1).offeringId;
    const B = decodeTokenId(b1).offeringId;
    await sell(a1, h1, USDC("1000.000001")); // before the term: its stream starts on day t + 1
    await sell(a2, h2, USDC("333.333333"));
    await sell(b1, h1, USDC("100.000007"));
    expect(cert(a1).saleDay).toBe(t + 1);
    expect(cert(b1).saleDay).toBe(t);
    // Nobody but the marketplace records sales.
    await expect(recordPrimarySale(world.as(h3).riskControlVault, a3, USDC("1"))).rejects.toMatchObject({
      errorName: "AccessControlUnauthorizedAccount",
      contract: "RiskControlVault",
      message: `Only the marketplace (MARKETPLACE_ROLE) records primary sales (${h3.address} lacks the role)`,
    });
    await compareAll("1. sales before and on the first day");

    // ── 2. Day t+1: B's day t is paid (an odd amount), B sells again; today cannot be paid yet.
    await world.advanceToDay(t + 1);
    await deliver(B, t, IFIL("0.010000000000000003"));
    await world.reportMarket(t, market);
    await sell(b2, h2, USDC("90"));
    await expect(depositYield(asMiner, A, t + 1, IFIL("0.01"))).rejects.toMatchObject({
      errorName: "RiskControlVault_DayNotEnded",
    });
    await compareAll("2. B delivered once, sold twice");

    // ── 3. Day t+2: both deliver t+1; B's day t gets a top-up, shared with b2 (sold after that day); a claim
    // over two offerings; a split.
    await world.advanceToDay(t + 2);
    await deliver(A, t + 1, 14n * market + 5n);
    await deliver(B, t + 1, 10n * market);
    await deliver(B, t, 7n);
    await world.reportMarket(t + 1, market);
    await claim(h1, [a1, b1]);
    const split = await splitCertificate(world.as(h2).riskControlVault, a2, 3n);
    const a2Part = split.newTokenId;
    expect(split).toMatchObject({ keptUnits: 4n, newUnits: 3n });
    splitInModel(a2, a2Part, 3n);
    await compareAll("3. top-up, claim, split");

    // ── 4. Day t+3: A misses day t+2; B pays t+2 at half the market (short); a third buyer of A; the split
    // part moves to another holder with its unclaimed yield.
    await world.advanceToDay(t + 3);
    await deliver(B, t + 2, 5n * market);
    await world.reportMarket(t + 2, market);
    await sell(a3, h3, USDC("777.777777"));
    await (await world.as(h2).hashrateCertificate.transferFrom(h2.address, h3.address, a2Part)).wait();
    cert(a2Part).owner = h3;
    await compareAll("4. a missed day, a short day, a transfer");

    // ── 5. Day t+4: days are paid in order; A pays t+2 late, then t+3; B pays t+3 at the threshold; day t+3 stays unrated (no
    // reports yet); a split and a merge back; the miner withdraws from both; a deposit without IFIL fails
    // before any transaction.
    await world.advanceToDay(t + 4);
    await expect(depositYield(asMiner, A, t + 3, IFIL("0.01"))).rejects.toMatchObject({
      errorName: "RiskControlVault_DayNotDue",
      message: expect.stringMatching(
        /^Days are delivered in order: deliver day \d{4}-\d{2}-\d{2} before day /,
      ),
    });
    await deliver(A, t + 2, 21n * market);
    await deliver(A, t + 3, 21n * market - 1n);
    await deliver(B, t + 3, 8n * market); // exactly 80% of the market average: Ok, not Short
    const again = await splitCertificate(world.as(h2).riskControlVault, a2, 1n);
    splitInModel(a2, again.newTokenId, 1n);
    expect((await mergeCertificates(world.as(h2).riskControlVault, a2, again.newTokenId)).units).toBe(4n);
    mergeInModel(a2, again.newTokenId);
    await withdraw(A);
    await withdraw(B);
    const nonce = await local.provider.getTransactionCount(miner.address);
    const poor = await depositYield(asMiner, A, t + 3, IFIL("1")).catch((error: unknown) => error);
    expect(poor).toBeInstanceOf(InsufficientBalanceError);
    expect((poor as InsufficientBalanceError).message).toBe(
      `${miner.address} has 0 IFIL; this deposit needs 1 IFIL`,
    );
    expect(await local.provider.getTransactionCount(miner.address)).toBe(nonce);
    await compareAll("5. late payment, unrated day, merge, withdrawals");

    // ── 6. Day t+5: A pays t+4; B is not flaggable (too few days) but the DAO terminates it; its holders
    // refund; the miner cancels A's unsold certificate.
    await world.advanceToDay(t + 5);
    await world.reportMarket(t + 3, market);
    await world.reportMarket(t + 4, market);
    await deliver(A, t + 4, 21n * market);
    expect(await readFlaggable(vault, B)).toMatchObject({ canFlag: false });
    await expect(flagOffering(world.as(h1).riskControlVault, B)).rejects.toMatchObject({
      errorName: "RiskControlVault_NotFlaggable",
    });
    await world.passProposal([await terminateOfferingAction(vault, B)], `# Terminate offering #${B}`);
    model(B).status = "Terminated";
    for (const [holder, tokenId] of [
      [h1, b1],
      [h2, b2],
    ] as const) {
      const expected = certificateRefundable(model(B), cert(tokenId));
      expect(expected).toBeGreaterThan(0n);
      expect((await refundEscrow(world.as(holder).riskControlVault, [tokenId])).total).toBe(expected);
      cert(tokenId).refunded = true;
      paid.refunded += expected;
    }
    await expect(refundEscrow(asMiner, [b3])).rejects.toMatchObject({
      errorName: "RiskControlVault_NothingToRefund",
    });
    const { cancelled, finished } = await cancelUnsold(asMiner, A, [a4]);
    expect(cancelled).toEqual([{ tokenId: a4, units: 7n }]);
    expect(finished).toBe(false);
    model(A).certificates.delete(a4);
    await compareAll("6. termination and refunds");

    // ── 7. Days t+6, t+7: A delivers its last two days; all of its escrow is released, dust included; it
    // finishes; holders claim everything and burn; the miner withdraws the rest.
    await world.advanceToDay(t + 6);
    await deliver(A, t + 5, 21n * market);
    await world.reportMarket(t + 5, market);
    await world.advanceToDay(t + 7);
    await deliver(A, t + 6, 21n * market + 999n);
    await world.reportMarket(t + 6, market);
    await compareAll("7a. every day delivered");
    await finishOffering(vault, A);
    model(A).status = "Finished";
    await withdraw(A);
    expect(model(A).withdrawn).toBe(model(A).totalEscrow);
    await claim(h1, [a1, b1]);
    await claim(h2, [a2, b2]);
    await claim(h3, [a3, a2Part]);
    await compareAll("7b. finished, claimed");
    await burnCertificate(world.as(h1).riskControlVault, a1);
    model(A).certificates.delete(a1);
    await expect(readCertificate(vault, a1)).rejects.toMatchObject({
      errorName: "RiskControlVault_UnknownCertificate",
      message: `There is no certificate #1 of offering #${A}`,
    });
    await compareAll("7c. burned");

    // The vault keeps exactly the rounding dust the mirrors leave: yield deposited less claimed, and B's
    // escrow less withdrawn and refunded (A's was withdrawn whole), each a few token units at most.
    const vaultAddress = await vault.getAddress();
    const deposited = [...offerings.values()]
      .flatMap((o) => [...o.delivered.values()])
      .reduce((x, y) => x + y);
    const ifilDust = deposited - paid.claimed;
    expect(await (await world.ifil()).balanceOf(vaultAddress)).toBe(ifilDust);
    expect(ifilDust).toBeGreaterThanOrEqual(0n);
    expect(ifilDust).toBeLessThan(30n); // under 1 wei per deposit (13) plus 1 per certificate checkpoint
    const usdcDust = model(B).totalEscrow - model(B).withdrawn - paid.refunded;
    expect(await world.usdc().balanceOf(vaultAddress)).toBe(usdcDust);
    expect(usdcDust).toBeGreaterThanOrEqual(0n);
    expect(usdcDust).toBeLessThanOrEqual(3n); // at most one unit per sold certificate plus one
  });

  it("reports errors of the vault with their typed reasons", async () => {
    const { riskControlVault } = world.as(h1);
    await expect(readOffering(riskControlVault, 99n)).rejects.toMatchObject({
      errorName: "RiskControlVault_UnknownOffering",
      message: "There is no offering #99",
    });
    const error = await withdrawEscrow(riskControlVault, 1n).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContractRevertError);
    expect(error).toMatchObject({
      errorName: "RiskControlVault_NotMiner",
      message: `Only the miner of offering #1 can do this (${h1.address} is not)`,
    });
  });
});
