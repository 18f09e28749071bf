// Registry-domain entities against the chain: the MinerRegistry's settings, every coin, application and
// miner, and the YieldOracle's settings, reporters and coin-days, field by field with the contracts' views;
// every on-chain coin, application, miner (applicant) and final coin-day must have its entity, and no entity
// may exist that the chain does not know.
import type { DmexClient } from "@dmex/sdk";
import { expect } from "vitest";

import type { IndexedChain } from "../harness/indexedChain.js";
import { queryAll } from "../harness/paging.js";

const ZERO = "0x0000000000000000000000000000000000000000";
const PROTOCOL_ID = "0x646d6578";

/** The registry's MinerStatus and ApplicationStatus enums, in order, as the schema names them. */
export const MINER_STATUS = ["NONE", "APPLIED", "APPROVED", "ACTIVE", "SUSPENDED", "REVOKED"] as const;
export const APPLICATION_STATUS = ["SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN"] as const;

interface Ref {
  id: string;
}

interface CoinRow {
  id: string;
  coinId: string;
  yieldToken: Ref;
  name: string;
  unitName: string;
  unitSize: string;
  displayDecimals: number;
  active: boolean;
  latestFinalDay: number;
}

interface ApplicationRow {
  id: string;
  applicationId: string;
  miner: Ref;
  coin: Ref;
  profileURI: string;
  contentHash: string;
  capacityUnits: string;
  maxTermDays: number;
  expectedYieldPerUnit: string;
  status: string;
  approvedCapacity: string | null;
  requiredStake: string | null;
  approvalExpiry: string | null;
  rejectionReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

interface MinerRow {
  id: string;
  account: Ref;
  status: string;
  statusReason: string | null;
  coin: Ref | null;
  maxTermDays: number;
  capacity: string;
  usedCapacity: string;
  freeCapacity: string;
  liveOfferings: number;
  stake: string;
  pendingWithdrawal: string;
  unlockAt: string;
  requiredStake: string;
  approvalExpiry: string;
  underCollateralized: boolean;
  totalSlashed: string;
  slashCount: number;
  application: Ref | null;
  firstApprovedAt: string | null;
}

interface StatusChangeRow {
  id: string;
  miner: Ref;
  newStatus: string;
  blockNumber: string;
}

interface StakeEventRow {
  id: string;
  miner: Ref;
  kind: string;
  amount: string;
}

interface ReporterRow {
  id: string;
  account: Ref;
  active: boolean;
  reportCount: number;
}

interface DailyIndexRow {
  id: string;
  coin: Ref | null;
  coinId: string;
  day: number;
  date: string;
  value: string;
  reportCount: number;
  isFinal: boolean;
  finalizedAt: string | null;
}

interface OracleReportRow {
  id: string;
  reporter: Ref;
  dailyIndex: Ref;
  coin: Ref | null;
  coinId: string;
  day: number;
  value: string;
}

const lower = (address: string): string => address.toLowerCase();
const orNull = (address: string): string | null => (lower(address) === ZERO ? null : lower(address));

export async function checkRegistry(chain: IndexedChain, contracts: DmexClient): Promise<void> {
  const registry = contracts.minerRegistry;
  const oracle = contracts.yieldOracle;
  const registryAddress = lower(await registry.getAddress());
  const oracleAddress = lower(await oracle.getAddress());
  const head = await chain.provider.getBlock("latest");
  if (!head) throw new Error("no latest block");
  const now = BigInt(head.timestamp);

  // Settings, Protocol counters and contract administration.
  const top = await chain.query<{
    registrySettings: {
      approvalWindow: string;
      unbondingPeriod: string;
      insuranceReserve: string;
      offeringManager: string | null;
      totalStaked: string;
      totalPendingWithdrawals: string;
      totalSlashed: string;
    } | null;
    oracleSettings: { quorum: number; reporterCount: number } | null;
    protocol: { coinCount: number; applicationCount: number; minerCount: number } | null;
    registryContract: { owner: string | null; pendingOwner: string | null } | null;
    oracleContract: { owner: string | null; pendingOwner: string | null } | null;
  }>(`{
    registrySettings(id: "${registryAddress}") {
      approvalWindow unbondingPeriod insuranceReserve offeringManager totalStaked totalPendingWithdrawals totalSlashed
    }
    oracleSettings(id: "${oracleAddress}") { quorum reporterCount }
    protocol(id: "${PROTOCOL_ID}") { coinCount applicationCount minerCount }
    registryContract: protocolContract(id: "${registryAddress}") { owner pendingOwner }
    oracleContract: protocolContract(id: "${oracleAddress}") { owner pendingOwner }
  }`);
  const settings = top.registrySettings;
  expect(settings, "RegistrySettings").not.toBeNull();
  expect({
    approvalWindow: settings?.approvalWindow,
    unbondingPeriod: settings?.unbondingPeriod,
    insuranceReserve: settings?.insuranceReserve,
    offeringManager: settings?.offeringManager,
    totalStaked: settings?.totalStaked,
    totalPendingWithdrawals: settings?.totalPendingWithdrawals,
  }).toEqual({
    approvalWindow: (await registry.approvalWindow()).toString(),
    unbondingPeriod: (await registry.unbondingPeriod()).toString(),
    insuranceReserve: lower(await registry.insuranceReserve()),
    offeringManager: orNull(await registry.offeringManager()),
    totalStaked: (await registry.totalStaked()).toString(),
    totalPendingWithdrawals: (await registry.totalPendingWithdrawals()).toString(),
  });
  expect(top.oracleSettings).toEqual({
    quorum: Number(await oracle.quorum()),
    reporterCount: Number(await oracle.reporterCount()),
  });
  expect({ registry: top.registryContract, oracle: top.oracleContract }).toEqual({
    registry: { owner: lower(await registry.owner()), pendingOwner: orNull(await registry.pendingOwner()) },
    oracle: { owner: lower(await oracle.owner()), pendingOwner: orNull(await oracle.pendingOwner()) },
  });

  // Coins: ids 1..coinCount, each with its entity and nothing else.
  const coinCount = Number(await registry.coinCount());
  const coins = await queryAll<CoinRow>(
    chain,
    "coins",
    "id coinId yieldToken { id } name unitName unitSize displayDecimals active latestFinalDay",
  );
  expect(coins.map((c) => c.id).sort()).toEqual(
    Array.from({ length: coinCount }, (_, i) => String(i + 1)).sort(),
  );
  for (const row of coins) {
    const coin = await registry.coin(row.coinId);
    expect(row).toEqual({
      id: row.coinId,
      coinId: row.coinId,
      yieldToken: { id: lower(coin.yieldToken) },
      name: coin.name,
      unitName: coin.unitName,
      unitSize: coin.unitSize.toString(),
      displayDecimals: Number(coin.displayDecimals),
      active: await registry.isCoinActive(row.coinId),
      latestFinalDay: Number(await oracle.latestFinalDay(row.coinId)),
    });
  }
  expect(top.protocol?.coinCount).toBe(coinCount);

  // Applications: ids 1..applicationCount.
  const applicationCount = Number(await registry.applicationCount());
  const applications = await queryAll<ApplicationRow>(
    chain,
    "applications",
    `id applicationId miner { id } coin { id } profileURI contentHash capacityUnits maxTermDays
     expectedYieldPerUnit status approvedCapacity requiredStake approvalExpiry rejectionReason submittedAt decidedAt`,
  );
  expect(applications.map((a) => a.id).sort()).toEqual(
    Array.from({ length: applicationCount }, (_, i) => String(i + 1)).sort(),
  );
  const applicants = new Set<string>();
  const approvedApplicants = new Set<string>();
  for (const row of applications) {
    const app = await registry.application(row.applicationId);
    const status = APPLICATION_STATUS[Number(app.status)];
    applicants.add(lower(app.applicant));
    if (status === "APPROVED") approvedApplicants.add(lower(app.applicant));
    expect({
      id: row.id,
      miner: row.miner.id,
      coin: row.coin.id,
      profileURI: row.profileURI,
      contentHash: row.contentHash,
      capacityUnits: row.capacityUnits,
      maxTermDays: row.maxTermDays,
      expectedYieldPerUnit: row.expectedYieldPerUnit,
      status: row.status,
      submittedAt: row.submittedAt,
      decidedAt: row.decidedAt,
      decided: row.approvedCapacity !== null || row.rejectionReason !== null,
    }).toEqual({
      id: row.applicationId,
      miner: lower(app.applicant),
      coin: app.coinId.toString(),
      profileURI: app.profileURI,
      contentHash: app.contentHash,
      capacityUnits: app.capacityUnits.toString(),
      maxTermDays: Number(app.maxTermDays),
      expectedYieldPerUnit: app.expectedYieldPerUnit.toString(),
      status,
      submittedAt: app.submittedAt.toString(),
      decidedAt: app.decidedAt === 0n ? null : app.decidedAt.toString(),
      decided: status === "APPROVED" || status === "REJECTED",
    });
    // The approval's terms exist exactly for approved applications.
    const approved = status === "APPROVED";
    expect({
      id: row.id,
      capacity: row.approvedCapacity !== null,
      stake: row.requiredStake !== null,
      expiry: row.approvalExpiry !== null,
    }).toEqual({ id: row.id, capacity: approved, stake: approved, expiry: approved });
  }
  expect(top.protocol?.applicationCount).toBe(applicationCount);

  // Miners: one per applicant, each equal to minerOf.
  const miners = await queryAll<MinerRow>(
    chain,
    "miners",
    `id account { id } status statusReason coin { id } maxTermDays capacity usedCapacity freeCapacity
     liveOfferings stake pendingWithdrawal unlockAt requiredStake approvalExpiry underCollateralized
     totalSlashed slashCount application { id } firstApprovedAt`,
  );
  expect(miners.map((m) => m.id).sort()).toEqual([...applicants].sort());
  const changes = await queryAll<StatusChangeRow>(
    chain,
    "minerStatusChanges",
    "id miner { id } newStatus blockNumber",
  );
  const stakeEvents = await queryAll<StakeEventRow>(chain, "stakeEvents", "id miner { id } kind amount");
  let totalSlashed = 0n;
  for (const row of miners) {
    const m = await registry.minerOf(row.id);
    const chainStatus = MINER_STATUS[Number(m.status)];
    // An approval that lapsed unstaked has no event: the entity keeps APPROVED, the registry reads NONE.
    const lapsed =
      row.status === "APPROVED" &&
      chainStatus === "NONE" &&
      BigInt(row.approvalExpiry) !== 0n &&
      BigInt(row.approvalExpiry) <= now;
    expect({
      id: row.id,
      account: row.account.id,
      status: lapsed ? "NONE" : row.status,
      coin: row.coin?.id ?? null,
      maxTermDays: row.maxTermDays,
      capacity: row.capacity,
      usedCapacity: row.usedCapacity,
      freeCapacity: row.freeCapacity,
      liveOfferings: row.liveOfferings,
      stake: row.stake,
      pendingWithdrawal: row.pendingWithdrawal,
      unlockAt: row.unlockAt,
      requiredStake: row.requiredStake,
      approvalExpiry: row.approvalExpiry,
      underCollateralized: row.underCollateralized,
      application: row.application?.id ?? null,
      everApproved: row.firstApprovedAt !== null,
    }).toEqual({
      id: row.id,
      account: row.id,
      status: chainStatus,
      coin: m.coinId === 0n ? null : m.coinId.toString(),
      maxTermDays: Number(m.maxTermDays),
      capacity: m.capacityUnits.toString(),
      usedCapacity: m.usedCapacity.toString(),
      freeCapacity: (await registry.freeCapacity(row.id)).toString(),
      liveOfferings: Number(m.liveOfferings),
      stake: m.stake.toString(),
      pendingWithdrawal: m.pendingWithdrawal.toString(),
      unlockAt: m.unlockAt.toString(),
      requiredStake: m.requiredStake.toString(),
      approvalExpiry: m.approvalExpiry.toString(),
      underCollateralized: await registry.isUnderCollateralized(row.id),
      application: m.applicationId === 0n ? null : m.applicationId.toString(),
      everApproved: approvedApplicants.has(row.id),
    });
    // The status history ends at the current status; the slash records add up to the slashed total.
    const history = changes
      .filter((c) => c.miner.id === row.id)
      .sort((a, b) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || a.id.localeCompare(b.id));
    expect({ id: row.id, last: history.at(-1)?.newStatus }).toEqual({ id: row.id, last: row.status });
    const slashes = stakeEvents.filter((e) => e.miner.id === row.id && e.kind === "SLASHED");
    expect({ id: row.id, totalSlashed: row.totalSlashed, slashCount: row.slashCount }).toEqual({
      id: row.id,
      totalSlashed: slashes.reduce((sum, e) => sum + BigInt(e.amount), 0n).toString(),
      slashCount: slashes.length,
    });
    totalSlashed += BigInt(row.totalSlashed);
  }
  expect(settings?.totalSlashed).toBe(totalSlashed.toString());
  expect(top.protocol?.minerCount).toBe(approvedApplicants.size);

  // Oracle reporters: active exactly when isReporter; as many active as reporterCount.
  const reporters = await queryAll<ReporterRow>(chain, "reporters", "id account { id } active reportCount");
  for (const row of reporters) {
    expect({ id: row.id, account: row.account.id, active: row.active }).toEqual({
      id: row.id,
      account: row.id,
      active: await oracle.isReporter(row.id),
    });
  }
  expect(reporters.filter((r) => r.active).length).toBe(Number(await oracle.reporterCount()));

  // Coin-days: value, finality and report count as the oracle reports them; every report is on chain.
  const days = await queryAll<DailyIndexRow>(
    chain,
    "dailyIndices",
    "id coin { id } coinId day date value reportCount isFinal finalizedAt",
  );
  const reports = await queryAll<OracleReportRow>(
    chain,
    "oracleReports",
    "id reporter { id } dailyIndex { id } coin { id } coinId day value",
  );
  for (const row of days) {
    const [value, isFinal] = await oracle.dayValue(row.coinId, row.day);
    const registered = BigInt(row.coinId) >= 1n && BigInt(row.coinId) <= BigInt(coinCount);
    expect({
      id: row.id,
      coin: row.coin?.id ?? null,
      date: row.date,
      value: row.value,
      reportCount: row.reportCount,
      isFinal: row.isFinal,
      finalized: row.finalizedAt !== null,
      reports: reports.filter((r) => r.dailyIndex.id === row.id).length,
    }).toEqual({
      id: `${row.coinId}-${row.day}`,
      coin: registered ? row.coinId : null,
      date: String(row.day * 86_400),
      value: value.toString(),
      reportCount: Number(await oracle.reportCount(row.coinId, row.day)),
      isFinal,
      finalized: isFinal,
      reports: row.reportCount,
    });
  }
  for (const report of reports) {
    expect({
      id: report.id,
      dailyIndex: report.dailyIndex.id,
      reported: await oracle.hasReported(report.coinId, report.day, report.reporter.id),
    }).toEqual({ id: report.id, dailyIndex: `${report.coinId}-${report.day}`, reported: true });
  }
  for (const row of reporters) {
    expect({ id: row.id, reportCount: row.reportCount }).toEqual({
      id: row.id,
      reportCount: reports.filter((r) => r.reporter.id === row.id).length,
    });
  }
  // Every final day of a registered coin within MAX_RANGE_DAYS of its latest final day has its entity.
  const maxRange = Number(await oracle.MAX_RANGE_DAYS());
  for (let coinId = 1; coinId <= coinCount; coinId++) {
    const latest = Number(await oracle.latestFinalDay(coinId));
    if (latest === 0) continue;
    const from = Math.max(0, latest - maxRange + 1);
    const values = await oracle.valuesInRange(coinId, from, latest);
    values.forEach((value, i) => {
      if (value === 0n) return;
      const id = `${coinId}-${from + i}`;
      const row = days.find((d) => d.id === id);
      expect({ id, value: row?.value, isFinal: row?.isFinal }).toEqual({
        id,
        value: value.toString(),
        isFinal: true,
      });
    });
  }
}
