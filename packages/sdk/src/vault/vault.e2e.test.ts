// Every pure mirror of the vault's math (escrowMath, yieldMath, delivery) against the contract's own views,
// at nine points of a run on anvil that exercises the rounding: odd prices and deposits, a sale before the
// term starts, sales on three different days, a top-up of a delivered day shared with a later buyer, a missed
// day paid late, an unrated day, claims across two offerings, a split, a transfer, a merge, a sale closed
// with units unsold, a termination by the DAO with refunds, and an offering delivered to its end (released escrow
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
import { dayRecordOf, requiredDelivery, soldUnitsOn } from "./delivery.js";
import { depositYield } from "./deposit.js";
import { withdrawEscrow } from "./escrow.js";
import {
  certificateEscrowReleased,
  certificateRefundable,
  earnedScaledThrough,
  escrowReleased,
  type PrimarySale,
  type RateCheckpoint,
  saleCheckpoints,
  splitEscrow,
  withdrawableEscrow,
} from "./escrowMath.js";
import { flagOffering, readFlaggable } from "./flag.js";
import { closeSale, createOffering, finishOffering, readOffering, readSaleCheckpoints } from "./offering.js";
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
  /**
   * The accumulator at its last settlement (claim, split, merge) once the yield of its sale day started;
   * `undefined` until then (its yield starts at the offering's `yieldStarts` of its sale day).
   */
  checkpoint: bigint | undefined;
  /** Yield settled by a split or merge, not claimed. */
  owed: bigint;
  refunded: boolean;
}

/** What the test knows about an offering. */
interface ModelOffering {
  readonly id: bigint;
  readonly endDay: number;
  status: OfferingStatus;
  nextDay: number;
  sales: PrimarySale[];
  soldUnits: bigint;
  totalEscrow: bigint;
  withdrawn: bigint;
  acc: bigint;
  /** The latest day yield was attributed to (the vault's `yieldDay`); `undefined` before any. */
  yieldDay: number | undefined;
  /** The accumulator when yield was first attributed to each sale day or later (the vault's `yieldStart`). */
  yieldStarts: Map<number, bigint>;
  /** Yield placed on each day, as the vault stores it (carry-forward applied). */
  delivered: Map<number, bigint>;
  /** Everything the miner deposited. */
  deposited: bigint;
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
  /** Whether yield was attributed to the certificate's sale day or later (its start is recorded). */
  const started = (tokenId: bigint) =>
    model(decodeTokenId(tokenId).offeringId).yieldStarts.has(cert(tokenId).saleDay);
  /** The vault's `claimable`: nothing accrues before the yield of the sale day starts. */
  const pending = (tokenId: bigint) => {
    const o = model(decodeTokenId(tokenId).offeringId);
    const c = cert(tokenId);
    const checkpoint = c.checkpoint ?? o.yieldStarts.get(c.saleDay);
    if (checkpoint === undefined) return c.sold ? c.owed : 0n;
    return claimableYield({ ...c, checkpoint }, o.acc);
  };
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
          saleDay: c.saleDay,
          escrow: c.escrow,
          escrowReleased: certificateEscrowReleased(state, c),
          refundable: certificateRefundable(state, c),
          refunded: c.refunded,
          claimableYield: pending(tokenId),
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

  async function create(startDay: number, termDays: number, units: bigint): Promise<bigint> {
    const params = await world.offeringParams({ units, startDay, termDays });
    const { offeringId, endDay } = await createOffering(world.as(miner).riskControlVault, params);
    offerings.set(offeringId, {
      id: offeringId,
      endDay,
      status: "Active",
      nextDay: 0,
      sales: [],
      soldUnits: 0n,
      totalEscrow: 0n,
      withdrawn: 0n,
      acc: 0n,
      yieldDay: undefined,
      yieldStarts: new Map(),
      delivered: new Map(),
      deposited: 0n,
      certificates: new Map(),
    });
    return offeringId;
  }

  /** Sells `units` of an offering to `buyer` for `price`: the vault mints one certificate to the buyer. */
  async function sell(offeringId: bigint, units: bigint, buyer: Wallet, price: bigint): Promise<bigint> {
    const o = model(offeringId);
    await world.mintUsdc(buyer.address, price);
    const { tokenId, saleDay } = await world.sell({ seller, buyer, offeringId, units, price });
    expect(decodeTokenId(tokenId).offeringId).toBe(offeringId);
    if (o.sales.length === 0) o.nextDay = saleDay;
    o.sales.push({ saleDay, units, escrow: price });
    o.soldUnits += units;
    o.totalEscrow += price;
    // Its yield starts with the first yield attributed to its sale day or later, not at the sale.
    o.certificates.set(tokenId, {
      owner: buyer,
      units,
      sold: true,
      saleDay,
      escrow: price,
      checkpoint: undefined,
      owed: 0n,
      refunded: false,
    });
    return tokenId;
  }

  /**
   * Shares `amount` among the units sold by the day it is attributed to (`t`, or the latest day yield was
   * attributed to when later) and records where the yield of each sale day crossed starts (the vault's rule).
   */
  function attribute(o: ModelOffering, checkpoints: RateCheckpoint[], t: number, amount: bigint): void {
    if (o.yieldDay === undefined || t > o.yieldDay) {
      for (const { day } of checkpoints) {
        if (day <= t && !o.yieldStarts.has(day)) o.yieldStarts.set(day, o.acc);
      }
      o.yieldDay = t;
    }
    o.acc += yieldPerUnit(amount, soldUnitsOn(checkpoints, o.yieldDay));
  }

  /**
   * A deposit as the delivery rules have it: from `nextDay`, each day rated by the oracle passes its excess
   * over the requirement on or is filled up to it; the filling stops at a day waiting for the oracle or one
   * left below the threshold, and what is left stays there or, past `day`, tops `day` up. Only the days so
   * delivered move `nextDay` (and release their escrow).
   */
  async function deliver(offeringId: bigint, day: number, amount: bigint): Promise<void> {
    const o = model(offeringId);
    const { yieldOracle } = world.as(world.reserve);
    const { shortThresholdBps, flagWindowDays } = await readVaultSettings(
      world.as(world.reserve).riskControlVault,
    );
    const today = await world.today();
    const checkpoints = saleCheckpoints(o.sales, o.endDay);
    const fromDay = o.nextDay;
    let c = o.nextDay;
    let left = amount;
    let carry = 0n;
    while (c <= day) {
      const [market, isFinal] = await yieldOracle.dayValue(FILECOIN, c);
      if (!isFinal) {
        // The oracle fallback rates a day a flag window old; this run never waits that long.
        expect(today - c, "the model has no oracle fallback").toBeLessThan(flagWindowDays);
        break;
      }
      const requirement = requiredDelivery(market, soldUnitsOn(checkpoints, c), shortThresholdBps);
      const have = (o.delivered.get(c) ?? 0n) + carry;
      if (have >= requirement) {
        carry = have - requirement;
        o.delivered.set(c, requirement);
        c += 1;
        continue;
      }
      const put = left < requirement - have ? left : requirement - have;
      if (put !== 0n) attribute(o, checkpoints, c, put);
      left -= put;
      carry = 0n;
      o.delivered.set(c, have + put);
      if (have + put < requirement) break;
      c += 1;
    }
    if (carry + left !== 0n) {
      const rest = Math.min(c, day);
      o.delivered.set(rest, (o.delivered.get(rest) ?? 0n) + carry + left);
    }
    if (left !== 0n) attribute(o, checkpoints, day, left);
    o.nextDay = c;
    o.deposited += amount;

    await world.mintIfil(miner.address, amount);
    const result = await depositYield(world.as(miner).riskControlVault, offeringId, day, amount);
    expect(result).toMatchObject({
      accYieldPerUnit: o.acc,
      fromDay,
      nextDay: o.nextDay,
      dayTotal: o.delivered.get(day) ?? 0n,
    });
  }

  async function claim(holder: Wallet, tokenIds: bigint[]): Promise<void> {
    const expected = tokenIds.map(pending);
    const { total, payouts } = await claimYield(world.as(holder).riskControlVault, tokenIds);
    expect(total).toBe(expected.reduce((a, b) => a + b, 0n));
    paid.claimed += total;
    expect(payouts.map((p) => p.amount)).toEqual(expected.filter((amount) => amount > 0n));
    tokenIds.forEach((tokenId, index) => {
      // A certificate with nothing to claim is skipped; one paid is checkpointed (its yield has started).
      if (expected[index] === 0n) return;
      Object.assign(cert(tokenId), { checkpoint: model(decodeTokenId(tokenId).offeringId).acc, owed: 0n });
    });
  }

  /** A split as the vault does it: the kept part settles its yield, the new part starts from now. */
  function splitInModel(tokenId: bigint, newTokenId: bigint, splitUnits: bigint): void {
    const o = model(decodeTokenId(tokenId).offeringId);
    const c = cert(tokenId);
    const { kept, part } = splitEscrow(c.escrow, c.units, splitUnits, o.endDay - c.saleDay);
    const start = started(tokenId);
    o.certificates.set(newTokenId, {
      ...c,
      units: splitUnits,
      escrow: part,
      checkpoint: c.sold && o.acc !== 0n && start ? o.acc : undefined,
      owed: 0n,
    });
    Object.assign(c, {
      owed: pending(tokenId),
      checkpoint: start ? o.acc : c.checkpoint,
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
      checkpoint: started(tokenId) ? o.acc : c.checkpoint,
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

    // ── 1. Day t: offering A starts tomorrow (28 units, 6 days); B today (15 units, 10 days); sales of 7 units
    // of A and 5 of B mint one certificate each.
    await world.advanceToDay(t);
    const A = await create(t + 1, 6, 28n);
    const B = await create(t, 10, 15n);
    const a1 = await sell(A, 7n, h1, USDC("1000.000001")); // before the term: its stream starts on day t + 1
    const a2 = await sell(A, 7n, h2, USDC("333.333333"));
    const b1 = await sell(B, 5n, h1, USDC("100.000007"));
    expect(decodeTokenId(a1).index).toBe(1n);
    expect(decodeTokenId(a2).index).toBe(2n);
    expect(cert(a1).saleDay).toBe(t + 1);
    expect(cert(b1).saleDay).toBe(t);
    // Nobody but the marketplace records sales.
    await expect(
      recordPrimarySale(world.as(h3).riskControlVault, {
        offeringId: A,
        buyer: h3.address,
        units: 7n,
        amount: USDC("1"),
      }),
    ).rejects.toMatchObject({
      errorName: "AccessControlUnauthorizedAccount",
      contract: "RiskControlVault",
      message: `Only the marketplace (MARKETPLACE_ROLE) records primary sales (${h3.address} lacks the role)`,
    });
    await compareAll("1. sales before and on the first day");

    // ── 2. Day t+1: the oracle rates day t, then B's day t is paid (an odd amount, above the threshold: it is
    // delivered), B sells again; today cannot be paid yet.
    await world.advanceToDay(t + 1);
    await world.reportMarket(t, market);
    await deliver(B, t, IFIL("0.010000000000000003"));
    const b2 = await sell(B, 5n, h2, USDC("90"));
    await expect(depositYield(asMiner, A, t + 1, IFIL("0.01"))).rejects.toMatchObject({
      errorName: "RiskControlVault_DayNotEnded",
    });
    await compareAll("2. B delivered once, sold twice");

    // ── 3. Day t+2: both deliver t+1; B's day t gets a top-up, shared with b2 (sold after that day); a claim
    // over two offerings; a split.
    await world.advanceToDay(t + 2);
    await world.reportMarket(t + 1, market);
    await deliver(A, t + 1, 14n * market + 5n);
    await deliver(B, t + 1, 10n * market);
    await deliver(B, t, 7n);
    await claim(h1, [a1, b1]);
    const split = await splitCertificate(world.as(h2).riskControlVault, a2, 3n);
    const a2Part = split.newTokenId;
    expect(split).toMatchObject({ keptUnits: 4n, newUnits: 3n });
    splitInModel(a2, a2Part, 3n);
    await compareAll("3. top-up, claim, split");

    // ── 4. Day t+3: A misses day t+2; B pays t+2 at half the market (short); a third buyer of A; the split
    // part moves to another holder with its unclaimed yield.
    await world.advanceToDay(t + 3);
    await world.reportMarket(t + 2, market);
    await deliver(B, t + 2, 5n * market);
    const a3 = await sell(A, 7n, h3, USDC("777.777777"));
    expect(decodeTokenId(a3).index).toBe(4n); // index 3 went to the split part
    await (await world.as(h2).hashrateCertificate.transferFrom(h2.address, h3.address, a2Part)).wait();
    cert(a2Part).owner = h3;
    await compareAll("4. a missed day, a short day, a transfer");

    // ── 5. Day t+4: A pays the missed t+2 late (delivered), then t+3; B pays t+3 at the threshold; day t+3
    // stays unrated (no report yet), so the payments wait on it and release nothing; a split and a merge back;
    // the miner withdraws from both; a deposit without IFIL fails before any transaction.
    await world.advanceToDay(t + 4);
    const { shortThresholdBps } = await readVaultSettings(vault);
    // A deposit names the latest day it covers: A's for t+3 first fills the missed t+2 up to its requirement
    // (shared by the 14 units sold by t+2), the rest waits on the unrated t+3 (shared by its 21 units: a3's
    // yield starts there).
    const a3Start = model(A).acc;
    await deliver(A, t + 3, 21n * market);
    expect(model(A)).toMatchObject({ nextDay: t + 3 });
    expect(model(A).delivered.get(t + 2)).toBe(requiredDelivery(market, 14n, shortThresholdBps));
    expect(model(A).yieldStarts.get(t + 3)).toBeGreaterThan(a3Start);
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

    // ── 6. Day t+5: t+3 and t+4 are rated; A pays t+4, which first moves t+3's excess on to t+4 (carry-forward)
    // and delivers both; B's t+3 was never moved on (no deposit since), so B is not flaggable (too few days) but the DAO terminates it; its holders
    // refund; the miner closes A's sale, its 7 unsold units go back to its capacity.
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
    await expect(refundEscrow(world.as(h1).riskControlVault, [b1])).rejects.toMatchObject({
      errorName: "RiskControlVault_NothingToRefund",
    });
    await expect(closeSale(world.as(h1).riskControlVault, A)).rejects.toMatchObject({
      errorName: "RiskControlVault_SaleNotEnded",
    });
    const closed = await closeSale(asMiner, A);
    expect(closed).toMatchObject({ unsoldUnits: 7n, soldUnits: 21n, lotUnits: 0n, finished: false });
    expect(await readOffering(vault, A)).toMatchObject({
      saleClosed: true,
      reservedUnits: 21n,
      unitsOnSale: 0n,
    });
    await compareAll("6. termination and refunds");

    // ── 7. Days t+6, t+7: A delivers its last two days; all of its escrow is released, dust included; it
    // finishes; holders claim everything and burn; the miner withdraws the rest.
    await world.advanceToDay(t + 6);
    await world.reportMarket(t + 5, market);
    await deliver(A, t + 5, 21n * market);
    await world.advanceToDay(t + 7);
    await world.reportMarket(t + 6, market);
    await deliver(A, t + 6, 21n * market + 999n);
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
    const deposited = [...offerings.values()].map((o) => o.deposited).reduce((x, y) => x + y);
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
