// The miner registry and the yield oracle, indexed by the embedded runtime and compared with the chain.
//
// Six miners, through the SDK and DAO proposals (vaultWorld.passProposal), so that every MinerRegistry and
// YieldOracle event is emitted at least once:
// - A (anvil 10) is onboarded (applies, approved with 1,000 DMC required, stakes: Active), opens an
//   offering, cancels one certificate (CapacityReleased), then the other two (OfferingClosed), opens a
//   second offering, stakes more, unstakes, withdraws, unstakes again; the DAO suspends it, slashes more
//   than its stake (so part comes from the pending withdrawal), sets its capacity, reinstates it (Approved:
//   nothing staked), lowers its required stake to 0 (Active again) and raises it (under-collateralized).
// - B (anvil 11) applies, withdraws, applies again; approved with 50 DMC required, stakes 100, unstakes 60
//   (Active -> Approved with no live offering); revoked; withdraws its unbonded DMC.
// - C (anvil 12) is rejected; D (anvil 13) is revoked while applying (its application is rejected).
// - E (anvil 14) is approved, never stakes, its 1-day approval lapses; it applies again and is approved
//   with no stake required (Active at once).
// - F (anvil 15) is approved and left to lapse (the registry reads NONE, the entity keeps APPROVED).
// Settings: approval window, unbonding period, insurance reserve, offering manager, a coin deactivated,
// ownership transfers started. Oracle: a reporter added and one removed, the quorum raised to 3, one day
// final with 3 reports, one day with 1 report, one report for an unregistered coin; the oracle's ownership
// handed to an account that accepts it.
import {
  actionFromTx,
  buyPrimaryUnits,
  closeSale,
  connect,
  createOffering,
  type DmexClient,
  rejectApplicationAction,
  stake,
  submitApplication,
} from "@dmex/sdk";
import {
  anvilWallet,
  DMC,
  FILECOIN,
  IFIL,
  USDC,
  type VaultWorld,
  vaultWorld,
} from "@dmex/sdk-test/vaultWorld";
import { describe, expect, it } from "vitest";

import { checkRegistry, MINER_STATUS } from "./checks/registry.js";
import { useIndexedChain } from "./harness/indexedChain.js";
import { queryAll } from "./harness/paging.js";

// ethers' types, through the SDK (the subgraph package does not depend on ethers itself).
type Wallet = ReturnType<typeof anvilWallet>;
type Log = Awaited<ReturnType<VaultWorld["provider"]["getLogs"]>>[number];
type LogDescription = NonNullable<ReturnType<DmexClient["minerRegistry"]["interface"]["parseLog"]>>;

const chain = useIndexedChain();

const DAY = 86_400;

/** Every event the MinerRegistry and YieldOracle mappings handle. */
const REGISTRY_EVENTS = [
  "InsuranceReserveSet",
  "ApprovalWindowSet",
  "UnbondingPeriodSet",
  "OfferingManagerSet",
  "CoinRegistered",
  "CoinActiveSet",
  "ApplicationSubmitted",
  "ApplicationWithdrawn",
  "ApplicationApproved",
  "ApplicationRejected",
  "MinerStatusChanged",
  "MinerSuspended",
  "MinerReinstated",
  "MinerRevoked",
  "Staked",
  "UnstakeRequested",
  "StakeWithdrawn",
  "Slashed",
  "CapacitySet",
  "RequiredStakeSet",
  "OfferingOpened",
  "CapacityReleased",
  "OfferingClosed",
  "OwnershipTransferStarted",
  "OwnershipTransferred",
];
const ORACLE_EVENTS = [
  "ReportSubmitted",
  "DayFinalized",
  "ReporterAdded",
  "ReporterRemoved",
  "QuorumSet",
  "OwnershipTransferStarted",
  "OwnershipTransferred",
];

/** The subgraph's id of a per-event entity: transaction hash ++ log index as 4 little-endian bytes. */
function eventId(log: Pick<Log, "transactionHash" | "index">): string {
  const le = [0, 8, 16, 24]
    .map((shift) => ((log.index >> shift) & 0xff).toString(16).padStart(2, "0"))
    .join("");
  return `${log.transactionHash}${le}`.toLowerCase();
}

interface Decoded {
  log: Log;
  event: LogDescription;
  timestamp: number;
}

async function decodedLogs(
  world: VaultWorld,
  address: string,
  parse: (log: Log) => LogDescription | null,
): Promise<Decoded[]> {
  const logs = await world.provider.getLogs({ address, fromBlock: 0, toBlock: "latest" });
  const times = new Map<number, number>();
  const out: Decoded[] = [];
  for (const log of logs) {
    const event = parse(log);
    if (!event) throw new Error(`undecodable log ${log.transactionHash}#${log.index}`);
    let timestamp = times.get(log.blockNumber);
    if (timestamp === undefined) {
      const block = await world.provider.getBlock(log.blockNumber);
      if (!block) throw new Error(`no block ${log.blockNumber}`);
      timestamp = block.timestamp;
      times.set(log.blockNumber, timestamp);
    }
    out.push({ log, event, timestamp });
  }
  return out;
}

const profile = (miner: Wallet, n = 1) => ({
  profileURI: `ipfs://profile-of-${miner.address}/${n}`,
  // Any nonzero bytes32 (the registry refuses 0): the miner's address and the document number.
  contentHash: `0x${miner.address.slice(2).toLowerCase()}${n.toString(16).padStart(24, "0")}`,
  coinId: FILECOIN,
  capacityUnits: 80n,
  maxTermDays: 180,
  expectedYieldPerUnit: IFIL("0.002"),
});

describe("MinerRegistry and YieldOracle", () => {
  it("indexes coins, applications, miners, stake and oracle days into entities equal to the chain's", async () => {
    const world = vaultWorld(chain);
    const reader: DmexClient = connect(chain.provider, 31337, { deployment: chain.deployment });
    const a = anvilWallet(10, chain.provider);
    const b = anvilWallet(11, chain.provider);
    const c = anvilWallet(12, chain.provider);
    const d = anvilWallet(13, chain.provider);
    const e = anvilWallet(14, chain.provider);
    const f = anvilWallet(15, chain.provider);
    const newReporter = anvilWallet(6, chain.provider);
    const removedReporter = anvilWallet(9, chain.provider);
    const oracleAdmin = anvilWallet(5, chain.provider);
    const insuranceReserve = anvilWallet(16, chain.provider).address;
    const pendingRegistryOwner = anvilWallet(17, chain.provider).address;
    await world.fund(a, b, c, d, e, f);
    const registryAs = (w: Wallet) => world.as(w).minerRegistry;

    // Applications before the DAO's first proposal: B withdraws its first one and applies again.
    const b1 = (await submitApplication(registryAs(b), profile(b, 1))).applicationId;
    await (await registryAs(b).withdrawApplication(b1)).wait();
    const b2 = (await submitApplication(registryAs(b), profile(b, 2))).applicationId;
    const c1 = (await submitApplication(registryAs(c), profile(c))).applicationId;
    await submitApplication(registryAs(d), profile(d));
    const e1 = (await submitApplication(registryAs(e), profile(e))).applicationId;
    const f1 = (await submitApplication(registryAs(f), profile(f))).applicationId;

    const dao = world.as(world.reserve);
    const registry = dao.minerRegistry;
    const oracle = dao.yieldOracle;
    const vault = await dao.riskControlVault.getAddress();
    const act = async (tx: Promise<Parameters<typeof actionFromTx>[0]>) => actionFromTx(await tx);
    await world.onboardMiner(a, {
      capacityUnits: 100n,
      stake: DMC("1000"),
      extraActions: [
        await act(registry.setApprovalWindow.populateTransaction(DAY)),
        await act(registry.setUnbondingPeriod.populateTransaction(2 * DAY)),
        await act(registry.setInsuranceReserve.populateTransaction(insuranceReserve)),
        await act(registry.setOfferingManager.populateTransaction(vault)),
        await act(registry.approveApplication.populateTransaction(b2, 50n, DMC("50"))),
        await act(dao.dmcToken.transfer.populateTransaction(b.address, DMC("100"))),
        await act(dao.dmcToken.transfer.populateTransaction(a.address, DMC("500"))),
        await rejectApplicationAction(registry, c1, "capacity not proven"),
        await act(registry.revoke.populateTransaction(d.address, "forged documents")),
        await act(registry.approveApplication.populateTransaction(e1, 40n, DMC("500"))),
        await act(registry.approveApplication.populateTransaction(f1, 30n, DMC("500"))),
        await act(registry.setCoinActive.populateTransaction(2n, false)),
        await act(oracle.addReporter.populateTransaction(newReporter.address)),
        await act(oracle.setQuorum.populateTransaction(3)),
        await act(oracle.removeReporter.populateTransaction(removedReporter.address)),
        await act(oracle.transferOwnership.populateTransaction(oracleAdmin.address)),
      ],
    });
    await (await world.as(oracleAdmin).yieldOracle.acceptOwnership()).wait();

    // B: stakes past its requirement (Active), then unstakes below it without live offerings (Approved).
    await stake(registryAs(b), world.as(b).dmcToken, DMC("100"));
    await (await registryAs(b).requestUnstake(DMC("60"))).wait();

    // Oracle: day d1 final with three reports (median 0.002), day d2 with one, and an unregistered coin.
    const today = await world.today();
    const [d1, d2] = [today - 1, today - 2];
    const r7 = anvilWallet(7, chain.provider);
    const r8 = anvilWallet(8, chain.provider);
    for (const [reporter, value] of [
      [r7, IFIL("0.003")],
      [r8, IFIL("0.001")],
      [newReporter, IFIL("0.002")],
    ] as const) {
      await (await world.as(reporter).yieldOracle.report(FILECOIN, d1, value)).wait();
    }
    await (await world.as(r7).yieldOracle.report(FILECOIN, d2, IFIL("0.0025"))).wait();
    await (await world.as(r8).yieldOracle.report(99n, d1, IFIL("0.5"))).wait();

    // A: an offering of 30 TiB whose sale the miner closes with nothing sold (its capacity comes back and the
    // offering finishes); a second offering of 20 TiB sells 5 to a buyer and its sale is closed: the 15 unsold
    // units come back (CapacityReleased) and it stays live.
    const asA = world.as(a);
    const first = await createOffering(
      asA.riskControlVault,
      await world.offeringParams({ units: 30n, startDay: today, termDays: 30 }),
    );
    expect(await closeSale(asA.riskControlVault, first.offeringId)).toMatchObject({
      unsoldUnits: 30n,
      finished: true,
    });
    const second = await createOffering(
      asA.riskControlVault,
      await world.offeringParams({ units: 20n, startDay: today, termDays: 30 }),
    );
    const buyer = anvilWallet(18, chain.provider);
    await world.fund(buyer);
    await world.mintUsdc(buyer.address, USDC("500"));
    await buyPrimaryUnits(world.as(buyer).marketplace, second.offeringId, 5n);
    expect(await closeSale(asA.riskControlVault, second.offeringId)).toMatchObject({
      unsoldUnits: 15n,
      finished: false,
    });

    // A's stake: 1,000 + 500, unstake 300, withdraw after unbonding, unstake 100 more.
    await stake(asA.minerRegistry, asA.dmcToken, DMC("500"));
    await (await asA.minerRegistry.requestUnstake(DMC("300"))).wait();
    // The unbonding outlasts the vault's flag window and the DAO cycle (MinerRegistry.effectiveUnbondingPeriod).
    await world.advance(Number(await asA.minerRegistry.effectiveUnbondingPeriod()) + DAY + 1);
    await (await asA.minerRegistry.withdrawStake()).wait();
    await (await asA.minerRegistry.requestUnstake(DMC("100"))).wait();

    // E's approval lapsed (1-day window, never staked): it applies again. F's stays lapsed.
    expect(MINER_STATUS[Number(await reader.minerRegistry.statusOf(e.address))]).toBe("NONE");
    const e2 = (await submitApplication(registryAs(e), profile(e, 2))).applicationId;

    await chain.sync();
    await checkRegistry(chain, reader);

    // The DAO suspends A, slashes it beyond its stake, sets its capacity, and revokes B.
    await world.passProposal(
      [
        await act(registry.suspend.populateTransaction(a.address, "late deliveries")),
        await act(registry.slash.populateTransaction(a.address, DMC("1150"), "missed 7 days")),
        await act(registry.setCapacity.populateTransaction(a.address, 150n)),
        await act(registry.revoke.populateTransaction(b.address, "fraud")),
      ],
      "# Suspend and slash miner A, revoke miner B",
    );
    await chain.sync();
    await checkRegistry(chain, reader);
    const suspended = await chain.query<{ miner: { status: string; statusReason: string } }>(
      `{ miner(id: "${a.address.toLowerCase()}") { status statusReason } }`,
    );
    expect(suspended.miner).toEqual({ status: "SUSPENDED", statusReason: "late deliveries" });

    // A: reinstated with nothing staked (Approved), activated by a required stake of 0, then required 500
    // again (Active and under-collateralized). E: approved a second time, with no stake required (Active at
    // once; still one miner in Protocol.minerCount). The registry's ownership transfer is started.
    await world.passProposal(
      [
        await act(registry.reinstate.populateTransaction(a.address)),
        await act(registry.setRequiredStake.populateTransaction(a.address, 0n)),
        await act(registry.setRequiredStake.populateTransaction(a.address, DMC("500"))),
        await act(registry.approveApplication.populateTransaction(e2, 60n, 0n)),
        await act(registry.transferOwnership.populateTransaction(pendingRegistryOwner)),
      ],
      "# Reinstate miner A",
    );
    await (await registryAs(b).withdrawStake()).wait();

    await chain.sync();
    await checkRegistry(chain, reader);

    // Every handled event was emitted, and nothing else.
    const registryLogs = await decodedLogs(world, await registry.getAddress(), (l) =>
      registry.interface.parseLog(l),
    );
    const oracleLogs = await decodedLogs(world, await oracle.getAddress(), (l) =>
      oracle.interface.parseLog(l),
    );
    // GovernorSet (the genesis batch) is emitted but not indexed yet: listed with its reason in
    // scripts/manifest.test.ts.
    expect(new Set(registryLogs.map((l) => l.event.name))).toEqual(
      new Set([...REGISTRY_EVENTS, "GovernorSet"]),
    );
    expect(new Set(oracleLogs.map((l) => l.event.name))).toEqual(new Set(ORACLE_EVENTS));

    await assertStakeEvents(registryLogs);
    await assertStatusChanges(registryLogs);
    await assertApplications(registryLogs);
    await assertMinerRecords(registryLogs, { a, b, c, d, e, f });
    await assertOracle(oracleLogs);
    expect(chain.logger.lines.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  });
});

const KINDS: Record<string, string> = {
  Staked: "STAKED",
  UnstakeRequested: "UNSTAKE_REQUESTED",
  StakeWithdrawn: "WITHDRAWN",
  Slashed: "SLASHED",
};

async function assertStakeEvents(logs: Decoded[]): Promise<void> {
  const rows = await queryAll<{
    id: string;
    miner: { id: string };
    kind: string;
    amount: string;
    stakeAfter: string;
    pendingWithdrawalAfter: string;
    unlockAt: string | null;
    fromStake: string | null;
    fromPending: string | null;
    insuranceReserve: string | null;
    reason: string | null;
    timestamp: string;
    transactionHash: string;
  }>(
    chain,
    "stakeEvents",
    `id miner { id } kind amount stakeAfter pendingWithdrawalAfter unlockAt fromStake fromPending
     insuranceReserve reason timestamp transactionHash`,
  );
  // Stake and pending withdrawal as the logs tell them, per miner, to check the "after" figures.
  const stakes = new Map<string, { stake: bigint; pending: bigint }>();
  const expected = [];
  for (const { log, event, timestamp } of logs) {
    const kind = KINDS[event.name];
    if (kind === undefined) continue;
    const miner = (event.args.miner as string).toLowerCase();
    const s = stakes.get(miner) ?? { stake: 0n, pending: 0n };
    const amount = event.args.amount as bigint;
    let extra = {
      unlockAt: null,
      fromStake: null,
      fromPending: null,
      insuranceReserve: null,
      reason: null,
    } as {
      unlockAt: string | null;
      fromStake: string | null;
      fromPending: string | null;
      insuranceReserve: string | null;
      reason: string | null;
    };
    if (event.name === "Staked") {
      s.stake = event.args.newStake;
    } else if (event.name === "UnstakeRequested") {
      s.stake = event.args.newStake;
      s.pending = event.args.pendingWithdrawal;
      extra = { ...extra, unlockAt: event.args.unlockAt.toString() };
    } else if (event.name === "StakeWithdrawn") {
      s.pending = 0n;
    } else {
      s.stake -= event.args.fromStake as bigint;
      s.pending -= event.args.fromPending as bigint;
      extra = {
        ...extra,
        fromStake: event.args.fromStake.toString(),
        fromPending: event.args.fromPending.toString(),
        insuranceReserve: (event.args.insuranceReserve as string).toLowerCase(),
        reason: event.args.reason,
      };
    }
    stakes.set(miner, s);
    expected.push({
      id: eventId(log),
      miner: { id: miner },
      kind,
      amount: amount.toString(),
      stakeAfter: s.stake.toString(),
      pendingWithdrawalAfter: s.pending.toString(),
      ...extra,
      timestamp: String(timestamp),
      transactionHash: log.transactionHash.toLowerCase(),
    });
  }
  const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
  expect(rows.sort(byId)).toEqual(expected.sort(byId));
  expect(new Set(expected.map((x) => x.kind))).toEqual(new Set(Object.values(KINDS)));
}

const REASON_EVENTS = new Set(["MinerSuspended", "MinerRevoked", "ApplicationRejected"]);

async function assertStatusChanges(logs: Decoded[]): Promise<void> {
  const rows = await queryAll<{
    id: string;
    miner: { id: string };
    previousStatus: string;
    newStatus: string;
    reason: string | null;
    timestamp: string;
    transactionHash: string;
  }>(
    chain,
    "minerStatusChanges",
    "id miner { id } previousStatus newStatus reason timestamp transactionHash",
  );
  const expected = [];
  for (const [i, { log, event, timestamp }] of logs.entries()) {
    if (event.name !== "MinerStatusChanged") continue;
    // The reason is the one of the event just before, in the same transaction, when it carries one.
    const before = logs[i - 1];
    const reason =
      before && before.log.transactionHash === log.transactionHash && REASON_EVENTS.has(before.event.name)
        ? (before.event.args.reason as string)
        : null;
    expected.push({
      id: eventId(log),
      miner: { id: (event.args.miner as string).toLowerCase() },
      previousStatus: MINER_STATUS[Number(event.args.previousStatus)],
      newStatus: MINER_STATUS[Number(event.args.newStatus)],
      reason,
      timestamp: String(timestamp),
      transactionHash: log.transactionHash.toLowerCase(),
    });
  }
  const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
  expect(rows.sort(byId)).toEqual(expected.sort(byId));
  // Every status edge the scenario takes, with the reasons it gives.
  const edges = new Set(
    expected.map((x) => `${x.previousStatus}>${x.newStatus}${x.reason ? `:${x.reason}` : ""}`),
  );
  for (const edge of [
    "NONE>APPLIED",
    "APPLIED>NONE",
    "APPLIED>NONE:capacity not proven",
    "APPLIED>REVOKED:forged documents",
    "APPLIED>APPROVED",
    "APPLIED>ACTIVE",
    "APPROVED>ACTIVE",
    "ACTIVE>APPROVED",
    "ACTIVE>SUSPENDED:late deliveries",
    "SUSPENDED>APPROVED",
    "APPROVED>REVOKED:fraud",
  ]) {
    expect(edges, edge).toContain(edge);
  }
}

async function assertApplications(logs: Decoded[]): Promise<void> {
  const rows = await queryAll<{
    id: string;
    approvedCapacity: string | null;
    requiredStake: string | null;
    approvalExpiry: string | null;
    rejectionReason: string | null;
    submittedAt: string;
    decidedAt: string | null;
    transactionHash: string;
    decisionTransactionHash: string | null;
  }>(
    chain,
    "applications",
    `id approvedCapacity requiredStake approvalExpiry rejectionReason submittedAt decidedAt transactionHash
     decisionTransactionHash`,
  );
  const expected = new Map<string, (typeof rows)[number]>();
  for (const { log, event, timestamp } of logs) {
    if (!event.name.startsWith("Application")) continue;
    const appId = (event.args.applicationId as bigint).toString();
    if (event.name === "ApplicationSubmitted") {
      expected.set(appId, {
        id: appId,
        approvedCapacity: null,
        requiredStake: null,
        approvalExpiry: null,
        rejectionReason: null,
        submittedAt: String(timestamp),
        decidedAt: null,
        transactionHash: log.transactionHash.toLowerCase(),
        decisionTransactionHash: null,
      });
      continue;
    }
    const row = expected.get(appId);
    if (!row) throw new Error(`${event.name} of application ${appId} before its submission`);
    const decided = {
      decidedAt: String(timestamp),
      decisionTransactionHash: log.transactionHash.toLowerCase(),
    };
    if (event.name === "ApplicationApproved") {
      Object.assign(row, decided, {
        approvedCapacity: event.args.capacityUnits.toString(),
        requiredStake: event.args.requiredStake.toString(),
        approvalExpiry: event.args.approvalExpiry.toString(),
      });
    } else if (event.name === "ApplicationRejected") {
      Object.assign(row, decided, { rejectionReason: event.args.reason });
    } else if (event.name === "ApplicationWithdrawn") {
      Object.assign(row, decided);
    }
  }
  const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
  expect(rows.sort(byId)).toEqual([...expected.values()].sort(byId));
}

interface Cast {
  a: Wallet;
  b: Wallet;
  c: Wallet;
  d: Wallet;
  e: Wallet;
  f: Wallet;
}

async function assertMinerRecords(logs: Decoded[], miners: Cast): Promise<void> {
  const rows = await queryAll<{
    id: string;
    status: string;
    statusReason: string | null;
    totalSlashed: string;
    firstApprovedAt: string | null;
    underCollateralized: boolean;
  }>(chain, "miners", "id status statusReason totalSlashed firstApprovedAt underCollateralized");
  const row = (w: Wallet) => rows.find((r) => r.id === w.address.toLowerCase());
  const firstApproval = (w: Wallet) =>
    logs.find((l) => l.event.name === "ApplicationApproved" && l.event.args.miner === w.address)?.timestamp;
  const slashed = (w: Wallet) =>
    logs
      .filter((l) => l.event.name === "Slashed" && l.event.args.miner === w.address)
      .reduce((sum, l) => sum + (l.event.args.amount as bigint), 0n);
  const { a, b, c, d, e, f } = miners;
  const expected = (w: Wallet, status: string, statusReason: string | null, underCollateralized = false) => ({
    id: w.address.toLowerCase(),
    status,
    statusReason,
    totalSlashed: slashed(w).toString(),
    firstApprovedAt: firstApproval(w) === undefined ? null : String(firstApproval(w)),
    underCollateralized,
  });
  expect([a, b, c, d, e, f].map(row)).toEqual([
    expected(a, "ACTIVE", null, true),
    expected(b, "REVOKED", "fraud"),
    expected(c, "NONE", "capacity not proven"),
    expected(d, "REVOKED", "forged documents"),
    expected(e, "ACTIVE", null),
    expected(f, "APPROVED", null),
  ]);
  expect(slashed(a)).toBe(DMC("1150"));
}

async function assertOracle(logs: Decoded[]): Promise<void> {
  const days = await queryAll<{
    id: string;
    value: string;
    reportCount: number;
    isFinal: boolean;
    finalizedAt: string | null;
    finalizedTransactionHash: string | null;
  }>(chain, "dailyIndices", "id value reportCount isFinal finalizedAt finalizedTransactionHash");
  const reports = await queryAll<{
    id: string;
    reporter: { id: string };
    dailyIndex: { id: string };
    coinId: string;
    day: number;
    value: string;
    timestamp: string;
  }>(chain, "oracleReports", "id reporter { id } dailyIndex { id } coinId day value timestamp");
  const reporters = await queryAll<{
    id: string;
    active: boolean;
    addedAt: string;
    removedAt: string | null;
  }>(chain, "reporters", "id active addedAt removedAt");

  const expectedDays = new Map<string, (typeof days)[number]>();
  const expectedReports = [];
  const expectedReporters = new Map<string, (typeof reporters)[number]>();
  for (const { log, event, timestamp } of logs) {
    if (event.name === "ReportSubmitted") {
      const dayId = `${event.args.coinId}-${event.args.day}`;
      const day = expectedDays.get(dayId) ?? {
        id: dayId,
        value: "0",
        reportCount: 0,
        isFinal: false,
        finalizedAt: null,
        finalizedTransactionHash: null,
      };
      day.reportCount += 1;
      expectedDays.set(dayId, day);
      expectedReports.push({
        id: eventId(log),
        reporter: { id: (event.args.reporter as string).toLowerCase() },
        dailyIndex: { id: dayId },
        coinId: event.args.coinId.toString(),
        day: Number(event.args.day),
        value: event.args.value.toString(),
        timestamp: String(timestamp),
      });
    } else if (event.name === "DayFinalized") {
      const dayId = `${event.args.coinId}-${event.args.day}`;
      const day = expectedDays.get(dayId);
      if (!day) throw new Error(`DayFinalized before any report of ${dayId}`);
      expect(day.reportCount).toBe(Number(event.args.reporters));
      Object.assign(day, {
        value: event.args.value.toString(),
        isFinal: true,
        finalizedAt: String(timestamp),
        finalizedTransactionHash: log.transactionHash.toLowerCase(),
      });
    } else if (event.name === "ReporterAdded") {
      const reporterId = (event.args.reporter as string).toLowerCase();
      const previous = expectedReporters.get(reporterId);
      expectedReporters.set(reporterId, {
        id: reporterId,
        active: true,
        addedAt: String(timestamp),
        removedAt: previous?.removedAt ?? null,
      });
    } else if (event.name === "ReporterRemoved") {
      const reporterId = (event.args.reporter as string).toLowerCase();
      const previous = expectedReporters.get(reporterId);
      if (!previous) throw new Error(`ReporterRemoved before ReporterAdded for ${reporterId}`);
      expectedReporters.set(reporterId, { ...previous, active: false, removedAt: String(timestamp) });
    }
  }
  const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
  expect(days.sort(byId)).toEqual([...expectedDays.values()].sort(byId));
  expect(reports.sort(byId)).toEqual(expectedReports.sort(byId));
  expect(reporters.sort(byId)).toEqual([...expectedReporters.values()].sort(byId));
  // The final day is the median of the three reports; the unregistered coin's day has no Coin.
  expect(days.filter((x) => x.isFinal).map((x) => x.value)).toEqual([IFIL("0.002").toString()]);
  const unregistered = await chain.query<{ dailyIndices: { coin: { id: string } | null; coinId: string }[] }>(
    `{ dailyIndices(where: { coinId: "99" }) { coin { id } coinId } }`,
  );
  expect(unregistered.dailyIndices).toEqual([{ coin: null, coinId: "99" }]);
}
