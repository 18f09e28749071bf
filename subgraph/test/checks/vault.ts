// Vault and certificate entities against the chain: every Offering, SaleCheckpoint, OfferingDay, Certificate,
// DeliveryBenchmark and operator approval field by field against the vault's, the certificate's and the
// oracle's views; every per-event record against the contracts' logs (decoded by the SDK's ethers bindings);
// the shared counters this part keeps (Protocol, Account.certificateCount, Asset/AssetDay vault totals,
// ProtocolDay certificate figures) against balances and a replay of the logs. Claimable yield, refundable and
// released escrow computed from the entities with the formulas the schema documents must equal the vault's.
import type { DmexClient } from "@dmex/sdk";
import { expect } from "vitest";

import type { IndexedChain } from "../harness/indexedChain.js";
import { queryAll } from "../harness/paging.js";

const ZERO = "0x0000000000000000000000000000000000000000";
const YIELD_SCALE = 10n ** 18n;
const SECONDS_PER_DAY = 86_400;
const OFFERING_STATUSES = ["NONE", "ACTIVE", "FROZEN", "TERMINATED", "FINISHED"];
const DELIVERY_STATUSES = ["NONE", "OPEN", "MISSED", "DELIVERED", "SHORT", "OK"];

/** The id of a per-event record: transaction hash ++ log index as 4 little-endian bytes (graph-ts concatI32). */
export function eventIdOf(log: { transactionHash: string; index: number }): string {
  const index = Buffer.alloc(4);
  index.writeInt32LE(log.index);
  return `${log.transactionHash.toLowerCase()}${index.toString("hex")}`;
}

const lower = (address: string) => address.toLowerCase();
const offeringOf = (tokenId: bigint) => tokenId >> 32n;
const nullableDay = (day: bigint | number) => (Number(day) === 0 ? null : Number(day));

interface OfferingRow {
  id: string;
  vault: { id: string };
  miner: { id: string };
  coin: { id: string };
  paymentToken: { id: string };
  yieldToken: { id: string };
  units: string;
  pricePerUnit: string;
  minLot: string;
  saleStart: string;
  saleEnd: string;
  saleClosed: boolean;
  saleClosedAt: string | null;
  unitsReturned: string;
  lotUnits: string;
  unitsAvailable: string;
  startDay: number;
  endDay: number;
  termDays: number;
  status: string;
  certificatesSold: number;
  unitsSold: string;
  reservedUnits: string;
  liveCertificates: number;
  firstSaleDay: number | null;
  deliveredUntil: number | null;
  releasedDay: number | null;
  escrowDeposited: string;
  escrowReleased: string;
  escrowWithdrawn: string;
  escrowRefunded: string;
  yieldDeposited: string;
  yieldClaimed: string;
  accYieldPerUnit: string;
  flagCount: number;
  lastFlag: { id: string } | null;
  resumedDay: number | null;
  terminationDay: number | null;
  finishedAt: string | null;
  checkpointCount: number;
  lastIndex: number;
  metadataUpdatedAtBlock: string | null;
  createdAtBlock: string;
  transactionHash: string;
}
const OFFERING_FIELDS = `id vault { id } miner { id } coin { id } paymentToken { id } yieldToken { id } units pricePerUnit minLot
  saleStart saleEnd saleClosed saleClosedAt unitsReturned lotUnits unitsAvailable startDay endDay termDays status certificatesSold unitsSold reservedUnits liveCertificates firstSaleDay
  deliveredUntil releasedDay escrowDeposited escrowReleased escrowWithdrawn escrowRefunded
  yieldDeposited yieldClaimed accYieldPerUnit flagCount lastFlag { id } resumedDay terminationDay finishedAt
  checkpointCount lastIndex metadataUpdatedAtBlock createdAtBlock transactionHash`;

interface CertificateRow {
  id: string;
  tokenId: string;
  offering: { id: string };
  index: number;
  owner: { id: string };
  approved: string | null;
  units: string;
  escrow: string;
  saleDay: number;
  primarySale: { id: string } | null;
  yieldCheckpoint: string;
  yieldStarted: boolean;
  yieldOwed: string;
  yieldClaimed: string;
  refunded: boolean;
  refundedAmount: string;
  splitFrom: { id: string } | null;
  mergedInto: { id: string } | null;
  burned: boolean;
  burnKind: string | null;
  mintedAtBlock: string;
  burnedAt: string | null;
  metadataUpdatedAtBlock: string | null;
}
const CERTIFICATE_FIELDS = `id tokenId offering { id } index owner { id } approved units escrow saleDay
  primarySale { id } yieldCheckpoint yieldStarted yieldOwed yieldClaimed refunded refundedAmount splitFrom { id }
  mergedInto { id } burned burnKind mintedAtBlock burnedAt metadataUpdatedAtBlock`;

interface DayRow {
  id: string;
  offering: { id: string };
  day: number;
  date: string;
  status: string;
  delivered: string;
  depositCount: number;
  soldUnits: string;
  deliveredPerUnit: string;
  marketPerUnit: string;
  expected: string;
  shortThresholdBps: number;
  benchmark: { id: string };
}

/** Yield the entities say a certificate's owner can claim (the formula documented on Offering). */
export function claimableFromEntities(certificate: CertificateRow, offering: OfferingRow): bigint {
  if (!certificate.yieldStarted) return BigInt(certificate.yieldOwed);
  const acc = BigInt(offering.accYieldPerUnit);
  return (
    BigInt(certificate.yieldOwed) +
    (BigInt(certificate.units) * (acc - BigInt(certificate.yieldCheckpoint))) / YIELD_SCALE
  );
}

function stream(certificate: CertificateRow, offering: OfferingRow) {
  const saleDay = certificate.saleDay;
  const span = BigInt(offering.endDay - saleDay);
  const until = offering.deliveredUntil ?? 0;
  const delivered = until <= saleDay ? 0n : BigInt(Math.min(until, offering.endDay) - saleDay);
  const escrow = BigInt(certificate.escrow);
  return { span, delivered, escrow, undelivered: (escrow * (span - delivered)) / span };
}

/** Escrow the entities say is refundable now (the formula documented on Offering). */
export function refundableFromEntities(certificate: CertificateRow, offering: OfferingRow): bigint {
  if (offering.status !== "TERMINATED" || certificate.refunded) return 0n;
  return stream(certificate, offering).undelivered;
}

export async function checkVault(chain: IndexedChain, client: DmexClient): Promise<void> {
  const vault = client.riskControlVault;
  const nft = client.hashrateCertificate;
  const oracle = client.yieldOracle;
  const vaultAddress = lower(await vault.getAddress());
  const nftAddress = lower(await nft.getAddress());
  const head = await chain.provider.getBlockNumber();
  const from = chain.deployment.contracts.RiskControlVault?.blockNumber ?? 0;
  const timestamps = new Map<number, number>();
  const timestampOf = async (block: number) => {
    const known = timestamps.get(block);
    if (known !== undefined) return known;
    const b = await chain.provider.getBlock(block);
    if (!b) throw new Error(`no block ${block}`);
    timestamps.set(block, b.timestamp);
    return b.timestamp;
  };
  const dayOf = async (block: number) => Math.floor((await timestampOf(block)) / SECONDS_PER_DAY);
  const today = await dayOf(head);

  // The contracts' logs, decoded.
  const created = await vault.queryFilter(vault.filters.OfferingCreated(), from, head);
  const sales = await vault.queryFilter(vault.filters.PrimarySaleRecorded(), from, head);
  const deposits = await vault.queryFilter(vault.filters.YieldDeposited(), from, head);
  const withdrawals = await vault.queryFilter(vault.filters.EscrowWithdrawn(), from, head);
  const claims = await vault.queryFilter(vault.filters.YieldClaimed(), from, head);
  const refunds = await vault.queryFilter(vault.filters.Refunded(), from, head);
  const flags = await vault.queryFilter(vault.filters.OfferingFlagged(), from, head);
  const resumes = await vault.queryFilter(vault.filters.OfferingResumed(), from, head);
  const terminations = await vault.queryFilter(vault.filters.OfferingTerminated(), from, head);
  const finishes = await vault.queryFilter(vault.filters.OfferingFinished(), from, head);
  const splits = await vault.queryFilter(vault.filters.CertificateSplit(), from, head);
  const merges = await vault.queryFilter(vault.filters.CertificatesMerged(), from, head);
  const saleCloses = await vault.queryFilter(vault.filters.SaleClosed(), from, head);
  const lotReleases = await vault.queryFilter(vault.filters.LotReleased(), from, head);
  const burns = await vault.queryFilter(vault.filters.CertificateBurned(), from, head);
  const paymentTokenLogs = await vault.queryFilter(vault.filters.PaymentTokenSet(), from, head);
  const transfers = await nft.queryFilter(nft.filters.Transfer(), from, head);
  const operatorLogs = await nft.queryFilter(nft.filters.ApprovalForAll(), from, head);
  const metadataLogs = await nft.queryFilter(nft.filters.MetadataUpdate(), from, head);
  const batchLogs = await nft.queryFilter(nft.filters.BatchMetadataUpdate(), from, head);
  const finalized = await oracle.queryFilter(oracle.filters.DayFinalized(), 0, head);

  // ── Vault settings and counters.
  const offeringCount = Number(await vault.offeringCount());
  const top = await chain.query<{
    vault: { flagWindowDays: number; shortThresholdBps: number; offeringCount: number } | null;
    protocol: { offeringCount: number; certificateCount: number; certificateHolderCount: number } | null;
    certificateCollection: { renderer: string; metadataUpdatedAtBlock: string | null } | null;
  }>(`{
    vault(id: "${vaultAddress}") { flagWindowDays shortThresholdBps offeringCount }
    protocol(id: "0x646d6578") { offeringCount certificateCount certificateHolderCount }
    certificateCollection(id: "${nftAddress}") { renderer metadataUpdatedAtBlock }
  }`);
  expect(top.vault).toEqual({
    flagWindowDays: Number(await vault.flagWindowDays()),
    shortThresholdBps: Number(await vault.shortThresholdBps()),
    offeringCount,
  });
  const allTokens = batchLogs.filter(
    (l) => l.args._fromTokenId === 0n && l.args._toTokenId === 2n ** 256n - 1n,
  );
  expect(top.certificateCollection).toEqual({
    renderer: lower(await nft.renderer()),
    metadataUpdatedAtBlock: allTokens.at(-1)?.blockNumber.toString() ?? null,
  });

  // ── Offerings and their sale checkpoints.
  const offerings = await queryAll<OfferingRow>(chain, "offerings", OFFERING_FIELDS);
  expect(offerings.map((o) => o.id).sort()).toEqual(
    Array.from({ length: offeringCount }, (_, i) => String(i + 1)).sort(),
  );
  const byOffering = new Map(offerings.map((o) => [o.id, o]));
  const checkpoints = await queryAll<{
    id: string;
    offering: { id: string };
    index: number;
    day: number;
    soldUnits: string;
    rate: string;
  }>(chain, "saleCheckpoints", "id offering { id } index day soldUnits rate");
  for (const row of offerings) {
    const id = BigInt(row.id);
    const o = await vault.offering(id);
    const createdLog = created.find((l) => l.args.offeringId === id);
    if (!createdLog) throw new Error(`no OfferingCreated for offering ${id}`);
    const ofThis = <T extends { args: { offeringId: bigint } }>(list: T[]) =>
      list.filter((l) => l.args.offeringId === id);
    const flagLogs = ofThis(flags);
    const lastFlag = flagLogs.at(-1);
    const termination = ofThis(terminations).at(-1);
    const finish = ofThis(finishes).at(-1);
    const batch = batchLogs.filter(
      (l) => l.args._fromTokenId === (id << 32n) + 1n && l.args._toTokenId === (id << 32n) + 0xffffffffn,
    );
    const mintedOrSplit = transfers.filter((l) => offeringOf(l.args.id) === id);
    const live = new Set<bigint>();
    for (const t of mintedOrSplit) {
      if (lower(t.args.to) === ZERO) live.delete(t.args.id);
      else live.add(t.args.id);
    }
    // Units returned to the miner's capacity: the unsold ones at the close, then lots released while the
    // offering was still active or frozen (after its end the vault gave the whole reservation back).
    const closeLog = ofThis(saleCloses).at(-1);
    const ended = [termination, finish].filter((l) => l !== undefined);
    const before = (a: { blockNumber: number; index: number }, b: { blockNumber: number; index: number }) =>
      a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.index < b.index);
    let returned = closeLog ? closeLog.args.unsoldUnits : 0n;
    for (const l of ofThis(lotReleases)) {
      if (closeLog && before(closeLog, l) && !ended.some((e) => before(e, l))) returned += l.args.units;
    }
    const open = o.status === 1n || o.status === 2n;
    expect({ offering: row.id, ...row }).toEqual({
      offering: row.id,
      id: row.id,
      vault: { id: vaultAddress },
      miner: { id: lower(o.miner) },
      coin: { id: o.coinId.toString() },
      paymentToken: { id: lower(o.paymentToken) },
      yieldToken: { id: lower(o.yieldToken) },
      units: createdLog.args.units.toString(),
      pricePerUnit: o.pricePerUnit.toString(),
      minLot: o.minLot.toString(),
      saleStart: o.saleStart.toString(),
      saleEnd: o.saleEnd.toString(),
      saleClosed: o.saleClosed,
      saleClosedAt: closeLog ? String(await timestampOf(closeLog.blockNumber)) : null,
      unitsReturned: returned.toString(),
      lotUnits: o.lotUnits.toString(),
      unitsAvailable: (open ? o.reservedUnits - o.soldUnits - o.lotUnits : 0n).toString(),
      startDay: Number(o.startDay),
      endDay: Number(o.endDay),
      termDays: Number(o.endDay - o.startDay),
      status: OFFERING_STATUSES[Number(o.status)],
      certificatesSold: ofThis(sales).length,
      unitsSold: o.soldUnits.toString(),
      reservedUnits: o.reservedUnits.toString(),
      liveCertificates: live.size,
      firstSaleDay: o.checkpointCount === 0n ? null : Number(o.firstSaleDay),
      deliveredUntil: o.checkpointCount === 0n ? null : Number(o.nextDay),
      releasedDay: o.checkpointCount === 0n ? null : Number(o.releasedDay !== 0n ? o.releasedDay : o.nextDay),
      escrowDeposited: o.totalEscrow.toString(),
      escrowReleased: (await vault.escrowReleased(id)).toString(),
      escrowWithdrawn: o.escrowWithdrawn.toString(),
      escrowRefunded: o.escrowRefunded.toString(),
      yieldDeposited: o.yieldDeposited.toString(),
      yieldClaimed: ofThis(claims)
        .reduce((sum, l) => sum + l.args.amount, 0n)
        .toString(),
      accYieldPerUnit: o.accYieldPerUnit.toString(),
      flagCount: flagLogs.length,
      lastFlag: lastFlag ? { id: eventIdOf(lastFlag) } : null,
      resumedDay: nullableDay(o.resumedDay),
      terminationDay: termination ? Number(termination.args.day) : null,
      finishedAt: finish ? String(await timestampOf(finish.blockNumber)) : null,
      checkpointCount: Number(o.checkpointCount),
      lastIndex: Number(o.lastIndex),
      metadataUpdatedAtBlock: batch.at(-1)?.blockNumber.toString() ?? null,
      createdAtBlock: createdLog.blockNumber.toString(),
      transactionHash: lower(createdLog.transactionHash),
    });
    // Withdrawable as the UI computes it.
    const withdrawable =
      row.status === "FROZEN" ? 0n : BigInt(row.escrowReleased) - BigInt(row.escrowWithdrawn);
    expect({ offering: row.id, withdrawable }).toEqual({
      offering: row.id,
      withdrawable: await vault.withdrawable(id),
    });
    const mine = checkpoints.filter((c) => c.offering.id === row.id).sort((a, b) => a.index - b.index);
    expect(mine.map((c) => c.index)).toEqual(Array.from({ length: Number(o.checkpointCount) }, (_, i) => i));
    for (const c of mine) {
      const onChain = await vault.saleCheckpoint(id, c.index);
      expect({ checkpoint: c.id, day: c.day, soldUnits: c.soldUnits, rate: c.rate }).toEqual({
        checkpoint: c.id,
        day: Number(onChain.day),
        soldUnits: onChain.soldUnits.toString(),
        rate: onChain.rate.toString(),
      });
    }
  }

  // ── Delivery records: each rated as the vault rates it; every delivered day and every day an event showed
  // missed has one.
  const days = await queryAll<DayRow>(
    chain,
    "offeringDays",
    `id offering { id } day date status delivered depositCount soldUnits deliveredPerUnit marketPerUnit
     expected shortThresholdBps benchmark { id }`,
  );
  const threshold = BigInt(await vault.shortThresholdBps());
  for (const row of days) {
    const offering = byOffering.get(row.offering.id);
    if (!offering) throw new Error(`day ${row.id} of an unknown offering`);
    const r = await vault.dayRecord(BigInt(row.offering.id), row.day);
    const status = DELIVERY_STATUSES[Number(r.status)] ?? "?";
    const rated = status === "SHORT" || status === "OK";
    const coin = created.find((l) => l.args.offeringId === BigInt(row.offering.id))?.args.coinId;
    const { day: _day, ...fields } = row;
    expect({ record: row.id, ...fields }).toEqual({
      record: row.id,
      id: `${row.offering.id}-${row.day}`,
      offering: row.offering,
      date: String(row.day * SECONDS_PER_DAY),
      status,
      delivered: r.delivered.toString(),
      depositCount: deposits.filter(
        (l) => l.args.offeringId === BigInt(row.offering.id) && Number(l.args.day) === row.day,
      ).length,
      soldUnits: r.soldUnits.toString(),
      deliveredPerUnit: r.deliveredPerUnit.toString(),
      marketPerUnit: r.marketPerUnit.toString(),
      expected: (r.marketPerUnit * r.soldUnits).toString(),
      shortThresholdBps: rated ? Number(threshold) : 0,
      benchmark: { id: `${coin}-${row.day}` },
    });
  }
  for (const offering of offerings) {
    if (offering.firstSaleDay === null || offering.deliveredUntil === null) continue;
    const have = new Set(days.filter((d) => d.offering.id === offering.id).map((d) => d.day));
    const needed: number[] = [];
    for (let day = offering.firstSaleDay; day < offering.deliveredUntil; day++) needed.push(day);
    for (const flag of flags.filter((l) => l.args.offeringId === BigInt(offering.id))) {
      for (let day = Number(flag.args.fromDay); day <= Number(flag.args.toDay); day++) needed.push(day);
    }
    if (offering.terminationDay !== null) {
      const last = Math.min(offering.terminationDay, offering.endDay);
      for (let day = offering.deliveredUntil; day < last; day++) needed.push(day);
    }
    expect({ offering: offering.id, missing: needed.filter((d) => !have.has(d)) }).toEqual({
      offering: offering.id,
      missing: [],
    });
  }

  // ── The oracle's values the ratings use.
  const benchmarks = await queryAll<{
    id: string;
    coinId: string;
    day: number;
    final: boolean;
    marketPerUnit: string;
  }>(chain, "deliveryBenchmarks", "id coinId day final marketPerUnit");
  for (const b of benchmarks) {
    const [value, isFinal] = await oracle.dayValue(BigInt(b.coinId), b.day);
    expect(b).toEqual({
      id: `${b.coinId}-${b.day}`,
      coinId: b.coinId,
      day: b.day,
      final: isFinal,
      marketPerUnit: isFinal ? value.toString() : "0",
    });
  }
  expect(benchmarks.filter((b) => b.final).length).toBe(finalized.length);

  // ── Certificates: every token ever minted, against the NFT and the vault.
  const certificates = await queryAll<CertificateRow>(chain, "certificates", CERTIFICATE_FIELDS);
  const minted = transfers.filter((l) => lower(l.args.from) === ZERO);
  expect(certificates.map((c) => c.id).sort()).toEqual(minted.map((l) => l.args.id.toString()).sort());
  for (const c of certificates) {
    const tokenId = BigInt(c.id);
    const offering = byOffering.get(c.offering.id);
    if (!offering) throw new Error(`certificate ${c.id} of an unknown offering`);
    const holder = lower(await nft.holderOf(tokenId));
    const mint = minted.find((l) => l.args.id === tokenId);
    const burnLog = transfers.find((l) => l.args.id === tokenId && lower(l.args.to) === ZERO);
    const sale = sales.find((l) => l.args.tokenId === tokenId);
    const parent = splits.find((l) => l.args.newTokenId === tokenId);
    const mergedInto = merges.find((l) => l.args.burnedTokenId === tokenId);
    const kind = mergedInto ? "MERGED" : burns.some((l) => l.args.tokenId === tokenId) ? "BURNED" : null;
    const metadata = metadataLogs.filter((l) => l.args._tokenId === tokenId).at(-1);
    const common = {
      certificate: c.id,
      tokenId: c.id,
      offering: { id: offeringOf(tokenId).toString() },
      index: Number(tokenId & 0xffffffffn),
      owner: { id: holder },
      primarySale: sale ? { id: eventIdOf(sale) } : null,
      yieldClaimed: claims
        .filter((l) => l.args.tokenId === tokenId)
        .reduce((sum, l) => sum + l.args.amount, 0n)
        .toString(),
      refundedAmount: refunds
        .filter((l) => l.args.tokenId === tokenId)
        .reduce((sum, l) => sum + l.args.amount, 0n)
        .toString(),
      splitFrom: parent ? { id: parent.args.tokenId.toString() } : null,
      mergedInto: mergedInto ? { id: mergedInto.args.tokenId.toString() } : null,
      burned: holder === ZERO,
      burnKind: kind,
      mintedAtBlock: String(mint?.blockNumber),
      burnedAt: burnLog ? String(await timestampOf(burnLog.blockNumber)) : null,
      metadataUpdatedAtBlock: metadata?.blockNumber.toString() ?? null,
    };
    expect({ certificate: c.id, ...pick(c, Object.keys(common)) }).toEqual(common);
    if (holder === ZERO) continue; // the vault forgets burned certificates; the entity keeps its last figures
    const v = await vault.certificateView(tokenId);
    const approved = lower(await nft.getApproved(tokenId));
    expect({
      certificate: c.id,
      approved: c.approved,
      units: c.units,
      escrow: c.escrow,
      saleDay: c.saleDay,
      refunded: c.refunded,
      claimable: claimableFromEntities(c, offering),
      refundable: refundableFromEntities(c, offering),
      escrowReleased: stream(c, offering).escrow - stream(c, offering).undelivered,
    }).toEqual({
      certificate: c.id,
      approved: approved === ZERO ? null : approved,
      units: v.units.toString(),
      escrow: v.escrow.toString(),
      saleDay: Number(v.saleDay),
      refunded: v.refunded,
      claimable: v.claimableYield,
      refundable: v.refundable,
      escrowReleased: v.escrowReleased,
    });
    expect(await vault.claimable(tokenId)).toBe(claimableFromEntities(c, offering));
  }

  // ── Holders: Account.certificateCount is balanceOf; the protocol's counts follow.
  const accounts = await queryAll<{ id: string; certificateCount: number }>(
    chain,
    "accounts",
    "id certificateCount",
  );
  let holders = 0;
  let live = 0;
  for (const a of accounts) {
    if (a.id === ZERO) {
      expect(a.certificateCount).toBe(0);
      continue;
    }
    const balance = Number(await nft.balanceOf(a.id));
    expect({ account: a.id, certificates: a.certificateCount }).toEqual({
      account: a.id,
      certificates: balance,
    });
    if (balance > 0) holders++;
    live += balance;
  }
  const owners = new Set(certificates.filter((c) => !c.burned).map((c) => c.owner.id));
  expect(owners.size).toBe(holders);
  expect(top.protocol).toEqual({
    offeringCount,
    certificateCount: live,
    certificateHolderCount: holders,
  });

  // ── Operator approvals.
  const operators = await queryAll<{
    id: string;
    owner: { id: string };
    operator: { id: string };
    approved: boolean;
    updatedAtBlock: string;
  }>(chain, "certificateOperators", "id owner { id } operator { id } approved updatedAtBlock");
  const pairs = new Map(
    operatorLogs.map((l) => [`${lower(l.args.owner)}${lower(l.args.operator).slice(2)}`, l]),
  );
  expect(operators.map((o) => o.id.slice(42)).sort()).toEqual(
    [...pairs.keys()].map((k) => k.slice(2)).sort(),
  );
  for (const o of operators) {
    const last = pairs.get(`${o.owner.id}${o.operator.id.slice(2)}`);
    expect(o).toEqual({
      id: `${nftAddress}${o.owner.id.slice(2)}${o.operator.id.slice(2)}`,
      owner: o.owner,
      operator: o.operator,
      approved: await nft.isApprovedForAll(o.owner.id, o.operator.id),
      updatedAtBlock: String(last?.blockNumber),
    });
  }

  // ── Vault totals per token and per day; certificate figures per day.
  const assets = await queryAll<AssetTotals & { id: string; paymentAllowed: boolean }>(
    chain,
    "assets",
    "id paymentAllowed escrowDeposited escrowReleased refunded yieldDeposited yieldClaimed",
  );
  const assetDays = await queryAll<AssetTotals & { id: string; asset: { id: string }; day: number }>(
    chain,
    "assetDays",
    "id asset { id } day escrowDeposited escrowReleased refunded yieldDeposited yieldClaimed",
  );
  const totals = new Map<string, AssetTotals>();
  const dayTotals = new Map<string, AssetTotals>();
  const add = async (token: string, block: number, field: keyof AssetTotals, amount: bigint) => {
    const key = lower(token);
    const dayKey = `${key}-${await dayOf(block)}`;
    for (const [map, k] of [
      [totals, key],
      [dayTotals, dayKey],
    ] as const) {
      const t = map.get(k) ?? emptyTotals();
      t[field] = (BigInt(t[field]) + amount).toString();
      map.set(k, t);
    }
  };
  const tokenOf = (offeringId: bigint, which: "paymentToken" | "yieldToken") => {
    const o = byOffering.get(offeringId.toString());
    if (!o) throw new Error(`offering ${offeringId} unknown`);
    return o[which].id;
  };
  for (const l of sales)
    await add(tokenOf(l.args.offeringId, "paymentToken"), l.blockNumber, "escrowDeposited", l.args.escrow);
  for (const l of withdrawals)
    await add(tokenOf(l.args.offeringId, "paymentToken"), l.blockNumber, "escrowReleased", l.args.amount);
  for (const l of refunds)
    await add(tokenOf(l.args.offeringId, "paymentToken"), l.blockNumber, "refunded", l.args.amount);
  for (const l of deposits)
    await add(tokenOf(l.args.offeringId, "yieldToken"), l.blockNumber, "yieldDeposited", l.args.amount);
  for (const l of claims)
    await add(tokenOf(l.args.offeringId, "yieldToken"), l.blockNumber, "yieldClaimed", l.args.amount);
  const allowedTokens = new Set(paymentTokenLogs.map((l) => lower(l.args.token)));
  for (const a of assets) {
    const { id, paymentAllowed, ...mineTotals } = a;
    expect({ asset: id, paymentAllowed, ...mineTotals }).toEqual({
      asset: id,
      paymentAllowed: allowedTokens.has(id) ? await vault.isPaymentToken(id) : false,
      ...(totals.get(id) ?? emptyTotals()),
    });
  }
  for (const token of allowedTokens) {
    expect(assets.some((a) => a.id === token)).toBe(true);
  }
  for (const [key] of totals) expect(assets.some((a) => a.id === key)).toBe(true);
  for (const d of assetDays) {
    const { id, asset, day, ...mineTotals } = d;
    expect({ assetDay: id, ...mineTotals }).toEqual({
      assetDay: id,
      ...(dayTotals.get(`${asset.id}-${day}`) ?? emptyTotals()),
    });
  }
  for (const [key] of dayTotals) {
    expect(
      assetDays.some((d) => `${d.asset.id}-${d.day}` === key),
      key,
    ).toBe(true);
  }

  // ProtocolDay: mints and new holders, replaying every certificate Transfer in order.
  const counts = new Map<string, number>();
  const perDay = new Map<number, { certificatesMinted: number; newHolders: number }>();
  for (const t of [...transfers].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index)) {
    const day = await dayOf(t.blockNumber);
    const entry = perDay.get(day) ?? { certificatesMinted: 0, newHolders: 0 };
    const fromAddress = lower(t.args.from);
    const toAddress = lower(t.args.to);
    if (fromAddress === ZERO) entry.certificatesMinted++;
    else counts.set(fromAddress, (counts.get(fromAddress) ?? 0) - 1);
    if (toAddress !== ZERO) {
      const before = counts.get(toAddress) ?? 0;
      counts.set(toAddress, before + 1);
      if (before === 0) entry.newHolders++;
    }
    perDay.set(day, entry);
  }
  const protocolDays = await queryAll<{
    id: string;
    day: number;
    certificatesMinted: number;
    newHolders: number;
  }>(chain, "protocolDays", "id day certificatesMinted newHolders");
  for (const d of protocolDays) {
    expect({ day: d.day, certificatesMinted: d.certificatesMinted, newHolders: d.newHolders }).toEqual({
      day: d.day,
      ...(perDay.get(d.day) ?? { certificatesMinted: 0, newHolders: 0 }),
    });
  }
  for (const [day] of perDay)
    expect(
      protocolDays.some((d) => d.day === day),
      `day ${day}`,
    ).toBe(true);

  // ── Pause state and roles of the vault.
  const admin = await chain.query<{
    protocolContract: {
      name: string;
      paused: boolean;
      roles: { role: string; members: { account: { id: string }; active: boolean }[] }[];
    } | null;
  }>(
    `{ protocolContract(id: "${vaultAddress}") { name paused roles { role members { account { id } active } } } }`,
  );
  expect(admin.protocolContract?.name).toBe("RiskControlVault");
  expect(admin.protocolContract?.paused).toBe(await vault.paused());
  for (const role of admin.protocolContract?.roles ?? []) {
    for (const member of role.members) {
      expect({ role: role.role, account: member.account.id, active: member.active }).toEqual({
        role: role.role,
        account: member.account.id,
        active: await vault.hasRole(role.role, member.account.id),
      });
    }
  }

  // ── Per-event records against the logs.
  await checkRecords(chain, {
    sales,
    deposits,
    withdrawals,
    claims,
    refunds,
    flags,
    resumes,
    terminations,
    finishes,
    splits,
    merges,
    transfers,
    dayOf,
    tokenOf,
    today,
  });
}

interface AssetTotals {
  escrowDeposited: string;
  escrowReleased: string;
  refunded: string;
  yieldDeposited: string;
  yieldClaimed: string;
}
function emptyTotals(): AssetTotals {
  return { escrowDeposited: "0", escrowReleased: "0", refunded: "0", yieldDeposited: "0", yieldClaimed: "0" };
}

function pick<T extends object>(row: T, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in row) out[key] = (row as Record<string, unknown>)[key];
  return out;
}

async function checkRecords(
  chain: IndexedChain,
  input: {
    sales: Awaited<ReturnType<typeof salesOf>>;
    deposits: Awaited<ReturnType<typeof depositsOf>>;
    withdrawals: Awaited<ReturnType<typeof withdrawalsOf>>;
    claims: Awaited<ReturnType<typeof claimsOf>>;
    refunds: Awaited<ReturnType<typeof refundsOf>>;
    flags: Awaited<ReturnType<typeof flagsOf>>;
    resumes: Awaited<ReturnType<typeof resumesOf>>;
    terminations: Awaited<ReturnType<typeof terminationsOf>>;
    finishes: Awaited<ReturnType<typeof finishesOf>>;
    splits: Awaited<ReturnType<typeof splitsOf>>;
    merges: Awaited<ReturnType<typeof mergesOf>>;
    transfers: Awaited<ReturnType<typeof transfersOf>>;
    dayOf: (block: number) => Promise<number>;
    tokenOf: (offeringId: bigint, which: "paymentToken" | "yieldToken") => string;
    today: number;
  },
): Promise<void> {
  const meta = (l: { blockNumber: number; transactionHash: string }) => ({
    blockNumber: String(l.blockNumber),
    transactionHash: lower(l.transactionHash),
  });
  const META = "blockNumber transactionHash";
  const compare = async <R extends { id: string }>(collection: string, fields: string, expected: R[]) => {
    const rows = await queryAll<R>(chain, collection, `${fields} ${META}`);
    const sorted = [...expected].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect({ collection, rows }).toEqual({ collection, rows: sorted });
  };
  const { tokenOf } = input;

  await compare(
    "escrowDeposits",
    "id offering { id } certificate { id } paymentToken { id } amount units saleDay",
    input.sales.map((l) => ({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      certificate: { id: l.args.tokenId.toString() },
      paymentToken: { id: tokenOf(l.args.offeringId, "paymentToken") },
      amount: l.args.escrow.toString(),
      units: l.args.units.toString(),
      saleDay: Number(l.args.saleDay),
      ...meta(l),
    })),
  );
  const seen = new Set<string>();
  await compare(
    "yieldDeposits",
    "id offering { id } offeringDay { id } day payer { id } yieldToken { id } amount dayTotal accYieldPerUnit deliveredUntil topUp",
    [...input.deposits]
      .sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index)
      .map((l) => {
        const key = `${l.args.offeringId}-${l.args.day}`;
        const topUp = seen.has(key);
        seen.add(key);
        return {
          id: eventIdOf(l),
          offering: { id: l.args.offeringId.toString() },
          offeringDay: { id: key },
          day: Number(l.args.day),
          payer: { id: lower(l.args.payer) },
          yieldToken: { id: tokenOf(l.args.offeringId, "yieldToken") },
          amount: l.args.amount.toString(),
          dayTotal: l.args.dayTotal.toString(),
          accYieldPerUnit: l.args.accYieldPerUnit.toString(),
          deliveredUntil: Number(l.args.nextDay),
          topUp,
          ...meta(l),
        };
      }),
  );
  await compare(
    "escrowReleases",
    "id offering { id } miner { id } paymentToken { id } amount totalWithdrawn",
    input.withdrawals.map((l) => ({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      miner: { id: lower(l.args.miner) },
      paymentToken: { id: tokenOf(l.args.offeringId, "paymentToken") },
      amount: l.args.amount.toString(),
      totalWithdrawn: l.args.totalWithdrawn.toString(),
      ...meta(l),
    })),
  );
  await compare(
    "yieldClaims",
    "id offering { id } certificate { id } holder { id } yieldToken { id } amount",
    input.claims.map((l) => ({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      certificate: { id: l.args.tokenId.toString() },
      holder: { id: lower(l.args.holder) },
      yieldToken: { id: tokenOf(l.args.offeringId, "yieldToken") },
      amount: l.args.amount.toString(),
      ...meta(l),
    })),
  );
  await compare(
    "refunds",
    "id offering { id } certificate { id } holder { id } paymentToken { id } amount",
    input.refunds.map((l) => ({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      certificate: { id: l.args.tokenId.toString() },
      holder: { id: lower(l.args.holder) },
      paymentToken: { id: tokenOf(l.args.offeringId, "paymentToken") },
      amount: l.args.amount.toString(),
      ...meta(l),
    })),
  );
  const flagRows = [];
  for (const l of input.flags) {
    flagRows.push({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      flagger: { id: lower(l.args.flagger) },
      fromDay: Number(l.args.fromDay),
      toDay: Number(l.args.toDay),
      day: await input.dayOf(l.blockNumber),
      ...meta(l),
    });
  }
  await compare("offeringFlags", "id offering { id } flagger { id } fromDay toDay day", flagRows);

  // Status changes: replay each offering's status through its flag, resume, termination and finish logs.
  type Change = {
    l: { blockNumber: number; index: number; transactionHash: string; args: { offeringId: bigint } };
    kind: string;
    day?: number;
    deliveredUntil?: number;
  };
  const changes: Change[] = [
    ...input.flags.map((l) => ({ l, kind: "FLAGGED" })),
    ...input.resumes.map((l) => ({ l, kind: "RESUMED", day: Number(l.args.day) })),
    ...input.terminations.map((l) => ({ l, kind: "TERMINATED", day: Number(l.args.day) })),
    ...input.finishes.map((l) => ({ l, kind: "FINISHED" })),
  ].sort((a, b) => a.l.blockNumber - b.l.blockNumber || a.l.index - b.l.index);
  const statusOf = new Map<string, string>();
  const after: Record<string, string> = {
    FLAGGED: "FROZEN",
    RESUMED: "ACTIVE",
    TERMINATED: "TERMINATED",
    FINISHED: "FINISHED",
  };
  const changeRows = [];
  for (const c of changes) {
    const offeringId = c.l.args.offeringId.toString();
    const previous = statusOf.get(offeringId) ?? "ACTIVE";
    const status = after[c.kind] ?? "?";
    statusOf.set(offeringId, status);
    changeRows.push({
      id: eventIdOf(c.l),
      offering: { id: offeringId },
      kind: c.kind,
      previousStatus: previous,
      status,
      day: c.day ?? (await input.dayOf(c.l.blockNumber)),
      ...meta(c.l),
    });
  }
  await compare("offeringStatusChanges", "id offering { id } kind previousStatus status day", changeRows);
  // deliveredUntil at termination is the event's.
  for (const l of input.terminations) {
    const data = await chain.query<{ offeringStatusChange: { deliveredUntil: number | null } }>(
      `{ offeringStatusChange(id: "${eventIdOf(l)}") { deliveredUntil } }`,
    );
    const sold = input.sales.some((s) => s.args.offeringId === l.args.offeringId);
    expect(data.offeringStatusChange.deliveredUntil).toBe(sold ? Number(l.args.deliveredUntil) : null);
  }

  await compare(
    "certificateTransfers",
    "id certificate { id } from { id } to { id }",
    input.transfers.map((l) => ({
      id: eventIdOf(l),
      certificate: { id: l.args.id.toString() },
      from: { id: lower(l.args.from) },
      to: { id: lower(l.args.to) },
      ...meta(l),
    })),
  );
  await compare(
    "certificateSplits",
    "id offering { id } certificate { id } newCertificate { id } keptUnits newUnits",
    input.splits.map((l) => ({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      certificate: { id: l.args.tokenId.toString() },
      newCertificate: { id: l.args.newTokenId.toString() },
      keptUnits: l.args.keptUnits.toString(),
      newUnits: l.args.newUnits.toString(),
      ...meta(l),
    })),
  );
  await compare(
    "certificateMerges",
    "id offering { id } certificate { id } burnedCertificate { id } units",
    input.merges.map((l) => ({
      id: eventIdOf(l),
      offering: { id: l.args.offeringId.toString() },
      certificate: { id: l.args.tokenId.toString() },
      burnedCertificate: { id: l.args.burnedTokenId.toString() },
      units: l.args.units.toString(),
      ...meta(l),
    })),
  );
}

type VaultContract = DmexClient["riskControlVault"];
type NftContract = DmexClient["hashrateCertificate"];

// Typed log queries (their return types type checkRecords' input).
const salesOf = (v: VaultContract) => v.queryFilter(v.filters.PrimarySaleRecorded());
const depositsOf = (v: VaultContract) => v.queryFilter(v.filters.YieldDeposited());
const withdrawalsOf = (v: VaultContract) => v.queryFilter(v.filters.EscrowWithdrawn());
const claimsOf = (v: VaultContract) => v.queryFilter(v.filters.YieldClaimed());
const refundsOf = (v: VaultContract) => v.queryFilter(v.filters.Refunded());
const flagsOf = (v: VaultContract) => v.queryFilter(v.filters.OfferingFlagged());
const resumesOf = (v: VaultContract) => v.queryFilter(v.filters.OfferingResumed());
const terminationsOf = (v: VaultContract) => v.queryFilter(v.filters.OfferingTerminated());
const finishesOf = (v: VaultContract) => v.queryFilter(v.filters.OfferingFinished());
const splitsOf = (v: VaultContract) => v.queryFilter(v.filters.CertificateSplit());
const mergesOf = (v: VaultContract) => v.queryFilter(v.filters.CertificatesMerged());
const transfersOf = (n: NftContract) => n.queryFilter(n.filters.Transfer());
