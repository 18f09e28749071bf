// The risk-control vault and the hashrate certificates, indexed by the embedded runtime and compared with
// the chain at every step (checks/vault.ts) of a run that emits every event the two mappings handle:
// three offerings (one starting tomorrow, two today), primary sales on several days, deliveries with odd
// amounts, a top-up, a short day, a missed day paid late, an unrated day, a flag (window set to 2 days by the
// DAO), a resume and two terminations by the DAO, refunds, claims, a split, a merge, a transfer, approvals,
// a lot reserved and released after the sale closed, an offering delivered to its end that finishes, and a burn. The DAO also
// allows and disallows a payment token, pauses and unpauses the vault, grants and revokes a role and sets
// the certificate renderer. Per-event records are also checked against the transactions' receipts.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  actionFromTx,
  burnCertificate,
  claimYield,
  closeSale,
  connect,
  createOffering,
  depositYield,
  finishOffering,
  flagOffering,
  grantMarketplaceRoleAction,
  mergeCertificates,
  refundEscrow,
  resumeOfferingAction,
  revokeMarketplaceRoleAction,
  setFlagParametersAction,
  setPaymentTokenAction,
  splitCertificate,
  terminateOfferingAction,
  unpauseVaultAction,
  withdrawEscrow,
} from "@dmex/sdk";
import { anvilWallet, DMC, FILECOIN, IFIL, USDC, vaultWorld } from "@dmex/sdk-test/vaultWorld";

import { describe, expect, it } from "vitest";

import { checkVault, eventIdOf } from "./checks/vault.js";
import { SUBGRAPH_DIR, useIndexedChain } from "./harness/indexedChain.js";

const chain = useIndexedChain();

/** The parts of an ethers receipt the record assertions read. */
interface Receipt {
  readonly hash: string;
  readonly logs: readonly {
    readonly topics: readonly string[];
    readonly data: string;
    readonly transactionHash: string;
    readonly index: number;
  }[];
}

describe("RiskControlVault and HashrateCertificate", () => {
  it("index offerings, deliveries, flags, terminations, refunds, claims, splits and merges as the vault reports them", async () => {
    const world = vaultWorld(chain);
    const reader = connect(chain.provider, 31337, { deployment: chain.deployment });
    const check = async (step: string) => {
      await chain.sync();
      try {
        await checkVault(chain, reader);
      } catch (error) {
        if (error instanceof Error) error.message = `after step ${step}: ${error.message}`;
        throw error;
      }
    };
    const [miner, seller, h1, h2, h3] = [10, 11, 12, 13, 14].map((i) => anvilWallet(i, chain.provider)) as [
      ReturnType<typeof anvilWallet>,
      ReturnType<typeof anvilWallet>,
      ReturnType<typeof anvilWallet>,
      ReturnType<typeof anvilWallet>,
      ReturnType<typeof anvilWallet>,
    ];
    await world.fund(miner, seller, h1, h2, h3);
    const { riskControlVault: vault, hashrateCertificate: nft } = world.as(world.reserve);
    const asMiner = world.as(miner).riskControlVault;
    const ifil = await (await world.ifil()).getAddress();
    const marketplace = chain.deployment.contracts.Marketplace?.address ?? "";
    const market = IFIL("0.002");

    // ── Onboarding with the DAO's settings: a marketplace role for the test seller (and one granted and
    // revoked), a flag window of 2 days, IFIL allowed as a payment token, a pause and an unpause, the
    // renderer set again.
    await world.onboardMiner(miner, {
      capacityUnits: 100n,
      stake: DMC("10000"),
      extraActions: [
        await grantMarketplaceRoleAction(vault, seller.address),
        await grantMarketplaceRoleAction(vault, h3.address),
        await revokeMarketplaceRoleAction(vault, h3.address),
        await setFlagParametersAction(vault, 2, 8000),
        await setPaymentTokenAction(vault, ifil, true),
        actionFromTx(await vault.pause.populateTransaction()),
        await unpauseVaultAction(vault),
        actionFromTx(await nft.setRenderer.populateTransaction(await nft.renderer())),
      ],
    });
    const create = async (startDay: number, termDays: number, units: bigint) =>
      (await createOffering(asMiner, await world.offeringParams({ units, startDay, termDays }))).offeringId;
    // Each sale of `units` mints one certificate to the buyer.
    const sell = async (offeringId: bigint, units: bigint, buyer: typeof h1, price: bigint) => {
      await world.mintUsdc(buyer.address, price);
      return (await world.sell({ seller, buyer, offeringId, units, price })).tokenId;
    };
    const deliver = async (offeringId: bigint, day: number, amount: bigint) => {
      await world.mintIfil(miner.address, amount);
      return (await depositYield(asMiner, offeringId, day, amount)).receipt;
    };

    // ── 1. Day t: A starts tomorrow (28 units, 6 days), B and C today (15 and 10 units, 10 days); sales of 7
    // units of A and 5 of B and C, one certificate minted each.
    const t = (await world.today()) + 1;
    await world.advanceToDay(t);
    const A = await create(t + 1, 6, 28n);
    const B = await create(t, 10, 15n);
    const C = await create(t, 10, 10n);
    const a1 = await sell(A, 7n, h1, USDC("1000.000001"));
    const a2 = await sell(A, 7n, h2, USDC("333.333333"));
    const b1 = await sell(B, 5n, h1, USDC("100.000007"));
    const c1 = await sell(C, 5n, h3, USDC("200"));
    await check("1. offerings and sales");
    const sold = await chain.query<{
      certificate: { saleDay: number; units: string; owner: { id: string } };
      offering: { units: string; unitsSold: string; unitsAvailable: string; lastIndex: number };
    }>(
      `{ certificate(id: "${a1}") { saleDay units owner { id } }
         offering(id: "${A}") { units unitsSold unitsAvailable lastIndex } }`,
    );
    expect(sold).toEqual({
      certificate: { saleDay: t + 1, units: "7", owner: { id: h1.address.toLowerCase() } },
      offering: { units: "28", unitsSold: "14", unitsAvailable: "14", lastIndex: 2 },
    });
    const joined = await chain.query<{
      offering: { miner: { id: string; status: string }; coin: { id: string } };
    }>(`{ offering(id: "${A}") { miner { id status } coin { id } } }`);
    expect(joined.offering).toEqual({
      miner: { id: miner.address.toLowerCase(), status: "ACTIVE" },
      coin: { id: FILECOIN.toString() },
    });

    // ── 2. Day t+1: B delivers day t (an odd amount), sells again; C misses day t.
    await world.advanceToDay(t + 1);
    const firstDeposit = await deliver(B, t, IFIL("0.010000000000000003"));
    await world.reportMarket(t, market);
    const b2 = await sell(B, 5n, h2, USDC("90"));
    await check("2. a delivery rated after the oracle finalized the day");
    await expectRecords(firstDeposit, "YieldDeposited", async (id, args) => {
      const { yieldDeposit } = await chain.query<{ yieldDeposit: Record<string, unknown> }>(
        `{ yieldDeposit(id: "${id}") { day amount dayTotal accYieldPerUnit deliveredUntil topUp offeringDay { status } } }`,
      );
      expect(yieldDeposit).toEqual({
        day: Number(args.day),
        amount: String(args.amount),
        dayTotal: String(args.dayTotal),
        accYieldPerUnit: String(args.accYieldPerUnit),
        deliveredUntil: Number(args.nextDay),
        topUp: false,
        offeringDay: { status: "OK" },
      });
    });

    // ── 3. Day t+2: A and B deliver t+1, B tops up day t; a claim over two offerings; a split; C, which
    // missed t and t+1, is flagged and freezes.
    await world.advanceToDay(t + 2);
    await deliver(A, t + 1, 14n * market + 5n);
    await deliver(B, t + 1, 10n * market);
    await deliver(B, t, 7n);
    await world.reportMarket(t + 1, market);
    const claim = await claimYield(world.as(h1).riskControlVault, [a1, b1]);
    const split = await splitCertificate(world.as(h2).riskControlVault, a2, 3n);
    const a2Part = split.newTokenId;
    const flag = await flagOffering(world.as(h3).riskControlVault, C);
    expect(flag).toMatchObject({ fromDay: t, toDay: t + 1 });
    await check("3. top-up, claim, split, flag");
    await expectRecords(claim.receipt, "YieldClaimed", async (id, args) => {
      const { yieldClaim } = await chain.query<{ yieldClaim: Record<string, unknown> }>(
        `{ yieldClaim(id: "${id}") { holder { id } certificate { id } amount } }`,
      );
      expect(yieldClaim).toEqual({
        holder: { id: String(args.holder).toLowerCase() },
        certificate: { id: String(args.tokenId) },
        amount: String(args.amount),
      });
    });
    const missed = await chain.query<{
      offering: { status: string; days: { day: number; status: string }[] };
    }>(`{ offering(id: "${C}") { status days(orderBy: day) { day status } } }`);
    expect(missed.offering).toEqual({
      status: "FROZEN",
      days: [
        { day: t, status: "MISSED" },
        { day: t + 1, status: "MISSED" },
      ],
    });

    // ── 4. Day t+3: B pays t+2 at half the market (short); a third buyer of A; the split part moves to h3;
    // approvals; the DAO resumes C (and disallows IFIL again), which pays its missed day t late.
    await world.advanceToDay(t + 3);
    await deliver(B, t + 2, 5n * market);
    await world.reportMarket(t + 2, market);
    const a3 = await sell(A, 7n, h3, USDC("777.777777"));
    await (await world.as(h2).hashrateCertificate.transferFrom(h2.address, h3.address, a2Part)).wait();
    await (await world.as(h3).hashrateCertificate.approve(h1.address, a3)).wait();
    await (await world.as(h1).hashrateCertificate.setApprovalForAll(marketplace, true)).wait();
    await (await world.as(h2).hashrateCertificate.setApprovalForAll(marketplace, true)).wait();
    await (await world.as(h2).hashrateCertificate.setApprovalForAll(marketplace, false)).wait();
    await world.passProposal(
      [await resumeOfferingAction(vault, C), await setPaymentTokenAction(vault, ifil, false)],
      `# Resume offering #${C}`,
    );
    await deliver(C, t, 5n * market);
    await check("4. short day, transfer, approvals, resume, late payment of a missed day");
    const late = await chain.query<{ offeringDay: { status: string; delivered: string } }>(
      `{ offeringDay(id: "${C}-${t}") { status delivered } }`,
    );
    expect(late.offeringDay).toEqual({ status: "OK", delivered: (5n * market).toString() });

    // ── 5. Day t+4: A pays t+2 late, then t+3; B pays t+3 (unrated: no reports yet); a split and a merge
    // back; the miner withdraws from A and B.
    await world.advanceToDay(t + 4);
    await deliver(A, t + 2, 21n * market);
    // The part split off accrues a deposit of its own before it is merged back.
    const again = await splitCertificate(world.as(h2).riskControlVault, a2, 1n);
    await deliver(A, t + 3, 21n * market - 1n);
    await deliver(B, t + 3, 8n * market);
    await mergeCertificates(world.as(h2).riskControlVault, a2, again.newTokenId);
    const withdrawal = await withdrawEscrow(asMiner, A);
    await withdrawEscrow(asMiner, B);
    // The test seller (MARKETPLACE_ROLE) reserves A's last 7 units for a primary auction.
    await (await world.as(seller).riskControlVault.reserveLot(A, miner.address, 7n)).wait();
    await check("5. late payment, unrated day, split and merge, withdrawals, a lot reserved");
    await expectRecords(withdrawal.receipt, "EscrowWithdrawn", async (id, args) => {
      const { escrowRelease } = await chain.query<{ escrowRelease: Record<string, unknown> }>(
        `{ escrowRelease(id: "${id}") { miner { id } amount totalWithdrawn } }`,
      );
      expect(escrowRelease).toEqual({
        miner: { id: miner.address.toLowerCase() },
        amount: String(args.amount),
        totalWithdrawn: String(args.totalWithdrawn),
      });
    });

    // ── 6. Day t+5: the oracle rates t+3 (B's unrated day) and t+4; A pays t+4; the DAO terminates B and C;
    // holders refund and claim; the miner closes A's sale (nothing unsold: its 7 units are at auction), then the
    // lot is released unsold and its units go back to the miner's capacity.
    await world.advanceToDay(t + 5);
    await world.reportMarket(t + 3, market);
    await world.reportMarket(t + 4, market);
    await deliver(A, t + 4, 21n * market);
    await world.passProposal(
      [await terminateOfferingAction(vault, B), await terminateOfferingAction(vault, C)],
      `# Terminate offerings #${B} and #${C}`,
    );
    const refund = await refundEscrow(world.as(h1).riskControlVault, [b1]);
    await refundEscrow(world.as(h2).riskControlVault, [b2]);
    await refundEscrow(world.as(h3).riskControlVault, [c1]);
    await claimYield(world.as(h3).riskControlVault, [c1]);
    expect(await closeSale(asMiner, A)).toMatchObject({ unsoldUnits: 0n, soldUnits: 21n, lotUnits: 7n });
    await (await world.as(seller).riskControlVault.releaseLot(A, 7n)).wait();
    await check("6. terminations, refunds, a closed sale, a lot released after it");
    const closed = await chain.query<{ offering: Record<string, unknown> }>(
      `{ offering(id: "${A}") { saleClosed unitsReturned lotUnits reservedUnits unitsAvailable } }`,
    );
    expect(closed.offering).toEqual({
      saleClosed: true,
      unitsReturned: "7",
      lotUnits: "0",
      reservedUnits: "21",
      unitsAvailable: "0",
    });
    await expectRecords(refund.receipt, "Refunded", async (id, args) => {
      const { refund: row } = await chain.query<{ refund: Record<string, unknown> }>(
        `{ refund(id: "${id}") { holder { id } certificate { id refunded refundedAmount } amount } }`,
      );
      expect(row).toEqual({
        holder: { id: h1.address.toLowerCase() },
        certificate: { id: String(args.tokenId), refunded: true, refundedAmount: String(args.amount) },
        amount: String(args.amount),
      });
    });
    const terminated = await chain.query<{ offering: { days: { day: number; status: string }[] } }>(
      `{ offering(id: "${C}") { days(orderBy: day) { day status } } }`,
    );
    expect(terminated.offering.days).toEqual([
      { day: t, status: "OK" },
      { day: t + 1, status: "MISSED" },
      { day: t + 2, status: "MISSED" },
      { day: t + 3, status: "MISSED" },
      { day: t + 4, status: "MISSED" },
    ]);

    // ── 7. Days t+6, t+7: A delivers its last two days and finishes; everything is withdrawn and claimed;
    // a1 is burned.
    await world.advanceToDay(t + 6);
    await deliver(A, t + 5, 21n * market);
    await world.reportMarket(t + 5, market);
    await world.advanceToDay(t + 7);
    await deliver(A, t + 6, 21n * market + 999n);
    await world.reportMarket(t + 6, market);
    await finishOffering(vault, A);
    await withdrawEscrow(asMiner, A);
    await claimYield(world.as(h1).riskControlVault, [a1, b1]);
    await claimYield(world.as(h2).riskControlVault, [a2, b2]);
    await claimYield(world.as(h3).riskControlVault, [a3, a2Part]);
    await burnCertificate(world.as(h1).riskControlVault, a1);
    await check("7. finished, claimed, burned");
    const end = await chain.query<{
      offering: { status: string; escrowReleased: string; escrowWithdrawn: string; escrowDeposited: string };
      certificate: { burned: boolean; burnKind: string; owner: { id: string } };
    }>(
      `{ offering(id: "${A}") { status escrowReleased escrowWithdrawn escrowDeposited }
         certificate(id: "${a1}") { burned burnKind owner { id } } }`,
    );
    expect(end.offering.status).toBe("FINISHED");
    expect(end.offering.escrowReleased).toBe(end.offering.escrowDeposited);
    expect(end.offering.escrowWithdrawn).toBe(end.offering.escrowDeposited);
    expect(end.certificate).toEqual({
      burned: true,
      burnKind: "BURNED",
      owner: { id: "0x0000000000000000000000000000000000000000" },
    });

    // Every event the two data sources handle was emitted by this run.
    const handled = ["RiskControlVault", "HashrateCertificate"].flatMap((name) =>
      [
        ...readFileSync(join(SUBGRAPH_DIR, "datasources", `${name}.yaml`), "utf8").matchAll(
          /- event: (\w+)\(/g,
        ),
      ].map((m) => m[1]),
    );
    const emitted = new Set<string>();
    for (const contract of [reader.riskControlVault, reader.hashrateCertificate]) {
      const address = await contract.getAddress();
      for (const log of await chain.provider.getLogs({ address, fromBlock: 0, toBlock: "latest" })) {
        const parsed = contract.interface.parseLog(log);
        if (parsed) emitted.add(parsed.name);
      }
    }
    expect(handled.filter((name) => !emitted.has(name ?? ""))).toEqual([]);
    expect(handled.length).toBe(32);

    /** Runs `assert` on each log named `name` of the receipt (decoded by the vault's ABI) with its record id. */
    async function expectRecords(
      receipt: Receipt,
      name: string,
      assert: (id: string, args: Record<string, unknown>) => Promise<void>,
    ): Promise<void> {
      let found = 0;
      for (const log of receipt.logs) {
        const parsed = reader.riskControlVault.interface.parseLog(log);
        if (parsed?.name !== name) continue;
        found++;
        const args: Record<string, unknown> = {};
        parsed.fragment.inputs.forEach((input, i) => {
          args[input.name] = parsed.args[i];
        });
        await assert(eventIdOf(log), args);
      }
      expect(found, `${name} logs in ${receipt.hash}`).toBeGreaterThan(0);
    }
  });
});
