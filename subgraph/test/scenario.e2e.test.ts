// Issue 7's acceptance test: the whole protocol driven on anvil through the SDK (test/scenario/run.ts),
// indexed by the embedded runtime, and every entity compared with what the chain says. The first tests
// check that the chain holds what the scenario promises (so that the entity checks have something to
// compare); then the indexer is synced and every domain's check runs, and the same history is re-indexed
// through a kill -9 and after a reorg, each ending in the store of an uninterrupted run.
import {
  connect,
  type DmexClient,
  decodeTokenId,
  isListingValid,
  PROPOSAL_STATES,
  proposalStateName,
  readApplication,
  readCertificate,
  readDayRecord,
  readMiner,
  readOffer,
  readOffering,
  readVaultSettings,
  requiredDelivery,
} from "@dmex/sdk";
import { vaultWorld } from "@dmex/sdk-test/vaultWorld";
import { beforeAll, describe, expect, it } from "vitest";

import { checkGovernance } from "./checks/governance.js";
import { checkMarket } from "./checks/market.js";
import { checkRegistry } from "./checks/registry.js";
import { checkToken } from "./checks/token.js";
import { checkVault } from "./checks/vault.js";
import { useIndexedChain } from "./harness/indexedChain.js";
import { startRangeLimitedRpc } from "./harness/rangeLimitedRpc.js";
import { killAndRestart, reorgReindexesAlike, storeDump } from "./harness/replay.js";
import { runScenario, type ScenarioRecord } from "./scenario/run.js";
import { A_LATE_DAY, A_MISSED_DAY, A_SHORT_DAYS, B_PAID_DAYS } from "./scenario/yieldDays.js";

const chain = useIndexedChain();

describe("the whole protocol, indexed", () => {
  let record: ScenarioRecord;
  let client: DmexClient;

  beforeAll(async () => {
    client = connect(chain.provider, 31337, { deployment: chain.deployment });
    record = await runScenario(chain);
    console.info(
      `scenario: ${record.wallMs} ms wall time, ${record.transactions} transactions in blocks ` +
        `${record.blocks.first}-${record.blocks.last}; acts (ms): ${JSON.stringify(record.acts)}`,
    );
  });

  it("runs in well under two minutes", () => {
    expect(record.wallMs).toBeLessThan(120_000);
    expect(record.transactions).toBeGreaterThan(200);
  });

  it("leaves proposals in every state the Governor can reach, as governor.state reads them", async () => {
    for (const state of PROPOSAL_STATES) {
      const ids = record.proposals[state];
      // Expired: unreachable with GovernorTimelockControl (see scenario/governance.ts).
      if (state === "Expired") expect(ids).toEqual([]);
      else expect(ids.length, state).toBeGreaterThan(0);
      for (const id of ids) {
        expect({ id, state: proposalStateName(await client.governor.state(id)) }).toEqual({ id, state });
      }
    }
    expect(record.proposals.Defeated).toHaveLength(2);
    expect(record.proposals.Executed.length).toBeGreaterThanOrEqual(5);
  });

  it("delegated and re-delegated DMC as planned", async () => {
    for (const [holder, delegate] of Object.entries(record.delegation.delegates)) {
      expect(await client.dmcToken.delegates(holder)).toBe(delegate);
    }
    const [h1, h2, h3, h4] = record.accounts.holders;
    expect(record.delegation.redelegated).toEqual([h2, h4]);
    expect(await client.dmcToken.getVotes(h1 ?? "")).toBe(
      (await client.dmcToken.balanceOf(h1 ?? "")) + (await client.dmcToken.balanceOf(h4 ?? "")),
    );
    expect(await client.dmcToken.getVotes(h3 ?? "")).toBe(await client.dmcToken.balanceOf(h3 ?? ""));
  });

  it("onboarded two miners by vote, rejected one application and let one be withdrawn", async () => {
    const { applications } = record.onboarding;
    const registry = client.minerRegistry;
    expect((await readApplication(registry, applications.minerA)).status).toBe("Approved");
    expect((await readApplication(registry, applications.minerB)).status).toBe("Approved");
    expect((await readApplication(registry, applications.rejected)).status).toBe("Rejected");
    expect((await readApplication(registry, applications.withdrawn)).status).toBe("Withdrawn");
    expect((await readMiner(registry, record.accounts.miners.a)).status).toBe("Active");
    expect((await readMiner(registry, record.accounts.miners.rejected)).status).toBe("None");
    expect((await readMiner(registry, record.accounts.miners.withdrawn)).status).toBe("None");
    const minerB = await readMiner(registry, record.accounts.miners.b);
    expect(minerB.stake).toBe(minerB.requiredStake - 2_000n * 10n ** 18n); // slashed at termination
  });

  it("ran A for its term with short days, a late day and a missed last day; B terminated", async () => {
    const vault = client.riskControlVault;
    const { a, b, startDay } = record.offerings;
    const offeringA = await readOffering(vault, a.offeringId);
    expect(offeringA.status).toBe("Active");
    expect(offeringA.nextDay).toBe(startDay + A_MISSED_DAY);
    expect((await readDayRecord(vault, a.offeringId, startDay + A_MISSED_DAY)).status).toBe("Missed");
    // A half-paid day is short once paid; the next full payments fill it first (delivery in order), so it
    // ends Ok and A catches up.
    expect(Object.fromEntries(record.deliveries.shortDayStatusWhenPaid)).toEqual(
      Object.fromEntries(A_SHORT_DAYS.map((day) => [day, "Short"])),
    );
    const { shortThresholdBps } = await readVaultSettings(vault);
    for (const day of A_SHORT_DAYS) {
      const dayRecord = await readDayRecord(vault, a.offeringId, startDay + day);
      expect(dayRecord.status, `A day ${day}`).toBe("Ok");
      expect(dayRecord.delivered, `A day ${day}`).toBe(
        requiredDelivery(dayRecord.marketPerUnit, dayRecord.soldUnits, shortThresholdBps),
      );
    }
    expect((await readDayRecord(vault, a.offeringId, startDay + 0)).status).toBe("Ok");
    expect(record.deliveries.lateDayStatusWhenMissed).toBe("Missed");
    expect((await readDayRecord(vault, a.offeringId, startDay + A_LATE_DAY)).status).toBe("Ok");
    const depositsA = record.deliveries.deposits.filter((d) => d.offeringId === a.offeringId);
    expect(depositsA).toHaveLength(30);
    expect(offeringA.yieldDeposited).toBe(depositsA.reduce((s, d) => s + d.amount, 0n));
    expect(record.deliveries.reportedDays).toHaveLength(31);

    const offeringB = await readOffering(vault, b.offeringId);
    expect(offeringB.status).toBe("Terminated");
    // B's quarter payments all went to its day 0 (the oldest day not delivered), below its requirement.
    const depositsB = record.deliveries.deposits.filter((d) => d.offeringId === b.offeringId);
    expect(depositsB.map((d) => d.day)).toEqual([...B_PAID_DAYS]);
    const bDay0 = await readDayRecord(vault, b.offeringId, startDay);
    expect(bDay0).toMatchObject({ status: "Short", delivered: depositsB.reduce((s, d) => s + d.amount, 0n) });
    expect(bDay0.delivered).toBeLessThan(
      requiredDelivery(bDay0.marketPerUnit, bDay0.soldUnits, shortThresholdBps),
    );
    for (const day of B_PAID_DAYS.slice(1)) {
      expect((await readDayRecord(vault, b.offeringId, startDay + day)).status, `B day ${day}`).toBe(
        "Missed",
      );
    }
    expect(offeringB.nextDay).toBe(startDay);
    expect(offeringB.escrowReleased).toBe(0n);
    expect(record.termination.flagged).toMatchObject({ fromDay: startDay, toDay: startDay + 6 });
  });

  it("sold primary (purchase, lot auction, offer) and secondary, with the auction extended and one voided", async () => {
    const cert = client.hashrateCertificate;
    const { sales } = record;
    const { alice, bob, carol, dave } = record.accounts.buyers;
    expect(sales.primary.length).toBe(12);
    // Each certificate is its primary buyer's, or its last secondary buyer's.
    const lastBuyer = new Map(sales.secondary.map((s) => [s.tokenId, s.buyer]));
    for (const { tokenId, buyer } of sales.primary) {
      if (tokenId === record.payouts.merge?.burned) continue;
      expect(await cert.ownerOf(tokenId)).toBe(lastBuyer.get(tokenId) ?? buyer);
    }
    // Alice sold A #3-#5 to Bob (buyMany), Dave A #7 to Carol (buyAvailable); Alice resold A #1 to Dave by
    // listing (USDC), Dave to Bob by auction (HookToken).
    expect(sales.secondary.map((s) => [s.seller, s.buyer])).toEqual([
      [alice, bob],
      [alice, bob],
      [alice, bob],
      [dave, carol],
      [alice, dave],
      [dave, bob],
    ]);
    expect(await cert.ownerOf(sales.secondary[5]?.tokenId ?? 0n)).toBe(bob);
    expect(sales.auctions.extension.to).toBeGreaterThan(sales.auctions.extension.from);
    // A's sale closed on day 3 with its unsold 30 TiB; B's lots (the voided and the cancelled auction) minted
    // nothing: B has exactly its three certificates.
    expect(sales.saleClosed).toEqual({ offeringId: record.offerings.a.offeringId, unsoldUnits: 30n });
    expect(record.offerings.b.tokenIds.filter((id) => id !== 0n)).toHaveLength(3);
    expect((await readOffering(client.riskControlVault, record.offerings.b.offeringId)).lastIndex).toBe(3);
    const now = (await chain.provider.getBlock("latest"))?.timestamp ?? 0;
    expect(await isListingValid(client.marketplace, sales.listings.expiring)).toBe(false);
    expect((await readOffer(client.marketplace, sales.offers.expiring)).expiry).toBeLessThan(now);

    // The receipts' Sale events: 12 primary, 6 secondary.
    const market = client.marketplace.interface;
    const logs = await chain.provider.getLogs({
      address: chain.deployment.contracts.Marketplace.address,
      fromBlock: record.blocks.first,
      toBlock: record.blocks.last,
      topics: [market.getEvent("Sale")?.topicHash ?? ""],
    });
    const primaries = logs.map((log) => market.parseLog(log)?.args.getValue("primary") as boolean);
    expect(primaries.filter((p: boolean) => p)).toHaveLength(12);
    expect(primaries.filter((p: boolean) => !p)).toHaveLength(6);
  });

  it("credited a bidder that refused its refund, which withdrew the credit once it accepted payments", async () => {
    const { credit } = record;
    expect(credit.credited).toBeGreaterThan(0n);
    expect(credit.withdrawn).toBe(credit.credited);
    expect(await client.marketplace.creditOf(credit.receiver, credit.token)).toBe(0n);
    expect(await client.riskControlVault.isPaymentToken(credit.token)).toBe(true);
  });

  it("refunded B's holders and paid every claim; the split and merge kept the units", async () => {
    const vault = client.riskControlVault;
    expect(record.termination.refunds).toHaveLength(3);
    for (const refund of record.termination.refunds) {
      expect(refund.amount).toBeGreaterThan(0n);
      expect(await readCertificate(vault, refund.tokenId)).toMatchObject({ refunded: true, refundable: 0n });
    }
    const offeringB = await readOffering(vault, record.offerings.b.offeringId);
    expect(offeringB.escrowRefunded).toBe(record.termination.refunds.reduce((s, r) => s + r.amount, 0n));
    expect(offeringB.escrowWithdrawn).toBe(record.termination.escrowWithdrawnByMiner);
    // No day of B was delivered: nothing was released, the miner's withdrawal was refused.
    expect(record.termination.escrowWithdrawnByMiner).toBe(0n);
    expect(record.termination.minerWithdrawalRefused).toBe("RiskControlVault_NothingToWithdraw");
    // Refunds round down: at most one smallest unit per refunded certificate stays in the vault.
    const paidOut = offeringB.escrowWithdrawn + offeringB.escrowRefunded;
    expect(paidOut).toBeLessThanOrEqual(offeringB.totalEscrow);
    expect(offeringB.totalEscrow - paidOut).toBeLessThanOrEqual(BigInt(record.termination.refunds.length));

    const offeringA = await readOffering(vault, record.offerings.a.offeringId);
    const claimedA = record.payouts.claims
      .filter((c) => decodeTokenId(c.tokenId).offeringId === offeringA.offeringId)
      .reduce((s, c) => s + c.amount, 0n);
    expect(claimedA).toBeGreaterThan(0n);
    expect(offeringA.escrowWithdrawn).toBe(
      record.payouts.escrowWithdrawals.reduce((s, w) => s + w.amount, 0n),
    );
    expect(offeringA.escrowWithdrawn).toBe(offeringA.escrowReleased);
    for (const tokenId of record.certificates) {
      if (tokenId === record.payouts.merge?.burned) continue;
      const certificate = await readCertificate(vault, tokenId);
      expect({ tokenId, claimable: certificate.claimableYield }).toEqual({ tokenId, claimable: 0n });
    }
    expect(record.payouts.merge?.units).toBe(20n);
    expect(record.payouts.split).toMatchObject({ keptUnits: 6n, newUnits: 4n });
    expect((await readCertificate(vault, record.payouts.split?.newTokenId ?? 0n)).units).toBe(4n);
    expect(record.payouts.fees?.toTreasury).toBeGreaterThan(0n);
  });

  /** Every domain's comparison of its entities with the chain. */
  async function checkEverything(): Promise<void> {
    await checkToken(chain, client);
    await checkGovernance(chain, client);
    await checkRegistry(chain, client);
    await checkVault(chain, client);
    await checkMarket(chain, client);
  }

  it("indexes the whole scenario into entities equal to the chain's", async () => {
    await chain.sync();
    await checkEverything();
  });

  it("re-indexes to the same store after a kill -9 in the middle of the sync", async () => {
    const head = await chain.sync();
    // Behind a node that serves eth_getLogs over at most 50 blocks (as public providers cap it), the sync
    // commits every few dozen blocks and the kill lands between two commits.
    const limited = await startRangeLimitedRpc(chain.rpcUrl, 50);
    const killed = await killAndRestart(limited.url, record.blocks.first, head).finally(() =>
      limited.close(),
    );
    expect(killed.killedAt).toBeGreaterThanOrEqual(record.blocks.first);
    expect(killed.killedAt).toBeLessThan(head);
    expect(storeDump(killed.db)).toEqual(storeDump(chain.db));
  });

  it("re-indexes to the same store after a reorg of the last 3 blocks, and still equals the chain", async () => {
    const reserve = chain.deployment.contracts.DmcToken.address;
    const [holder] = record.accounts.holders;
    if (holder === undefined) throw new Error("the scenario has no DMC holders");
    const world = vaultWorld(chain);
    const data = client.dmcToken.interface.encodeFunctionData("transfer", [holder, 4_321n * 10n ** 18n]);
    await reorgReindexesAlike(chain, 3, [
      { from: world.reserve.address, to: reserve, data, block: 0 },
      { from: world.reserve.address, to: reserve, data, block: 1 },
    ]);
    await checkEverything();
  });
});
