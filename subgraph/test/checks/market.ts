// Marketplace entities against the chain, field by field: open listings, auctions and offers against the
// marketplace's views (listing(id), auction(id), offer(id)), closed ones (which the contract deletes) against
// its decoded event logs; every id up to listingCount/auctionCount/offerCount has its entity; every Sale and
// Bid against its log; credits against creditOf, fee accrual against accruedFees, settings against the
// setters' views; the protocol's sale counters and per-token volumes (totals and per UTC day) against the Sale
// logs; roles against hasRole and pause against paused(); the certificate (token id) and offering (token id >> 32)
// every listing, auction, offer and sale references.
import type { DmexClient } from "@dmex/sdk";
import { expect } from "vitest";

import type { IndexedChain } from "../harness/indexedChain.js";
import { queryAll } from "../harness/paging.js";

const ZERO = "0x0000000000000000000000000000000000000000";
const PROTOCOL_ID = "0x646d6578"; // "dmex"
const CHANNELS = ["LISTING", "AUCTION", "OFFER", "PRIMARY"] as const;
const DAY = 86_400n;

const lower = (address: string) => address.toLowerCase();
/** The Offering entity id of a certificate token id (CertificateId: offeringId << 32 | index). */
export const offeringOf = (tokenId: bigint) => (tokenId >> 32n).toString();
/**
 * Id of a per-event entity: transaction hash ++ log index as 4 little-endian bytes (`eventId`, graph-ts's
 * `concatI32`).
 */
export const logEntityId = (log: { readonly transactionHash: string; readonly index: number }) => {
  const index = log.index.toString(16).padStart(8, "0");
  const littleEndian = [6, 4, 2, 0].map((i) => index.slice(i, i + 2)).join("");
  return `${log.transactionHash}${littleEndian}`.toLowerCase();
};

interface ListingRow {
  id: string;
  listingId: string;
  seller: { id: string };
  paymentToken: { id: string };
  price: string;
  expiry: string;
  status: "ACTIVE" | "SOLD" | "CANCELLED" | "VOID";
  skippedCount: number;
  sale: { id: string } | null;
  createdAt: string;
  createdAtBlock: string;
  updatedAt: string;
  closedAt: string | null;
  transactionHash: string;
}
interface AuctionRow {
  id: string;
  auctionId: string;
  seller: { id: string };
  paymentToken: { id: string };
  reserve: string;
  duration: number;
  primary: boolean;
  lotUnits: string | null;
  lotTokenId: string;
  status: "CREATED" | "LIVE" | "SETTLED" | "CANCELLED" | "VOIDED";
  startTime: string | null;
  endTime: string | null;
  highestBid: string;
  highestBidder: { id: string } | null;
  bidCount: number;
  extensionCount: number;
  winner: { id: string } | null;
  sale: { id: string } | null;
  voidable: boolean;
  voidReason: string | null;
  createdAt: string;
  createdAtBlock: string;
  closedAt: string | null;
}
interface BidRow {
  id: string;
  auction: { id: string };
  bidder: { id: string };
  amount: string;
  endTime: string;
  started: boolean;
  extended: boolean;
  previousBidder: { id: string } | null;
  previousAmount: string;
  blockNumber: string;
  timestamp: string;
  transactionHash: string;
}
interface OfferRow {
  id: string;
  offerId: string;
  bidder: { id: string };
  anyOfOffering: boolean;
  units: string;
  target: string;
  paymentToken: { id: string };
  amount: string;
  expiry: string;
  status: "OPEN" | "ACCEPTED" | "CANCELLED" | "VOID";
  seller: { id: string } | null;
  sale: { id: string } | null;
  createdAt: string;
  closedAt: string | null;
}
interface SaleRow {
  id: string;
  seller: { id: string };
  buyer: { id: string };
  channel: (typeof CHANNELS)[number];
  channelId: string;
  listing: { id: string } | null;
  auction: { id: string } | null;
  offer: { id: string } | null;
  paymentToken: { id: string };
  price: string;
  fee: string;
  feeToInsurance: string;
  feeToTreasury: string;
  net: string;
  primary: boolean;
  blockNumber: string;
  timestamp: string;
  transactionHash: string;
}
interface CreditRow {
  id: string;
  account: { id: string };
  token: { id: string };
  balance: string;
  totalCredited: string;
  totalWithdrawn: string;
}
interface CreditMovementRow {
  id: string;
  credit: { id: string };
  account: { id: string };
  token: { id: string };
  kind: "CREDITED" | "WITHDRAWN";
  amount: string;
  blockNumber: string;
  timestamp: string;
  transactionHash: string;
}
interface FeeAccrualRow {
  id: string;
  treasury: string;
  insurance: string;
  totalAccrued: string;
  collectedToTreasury: string;
  collectedToInsurance: string;
}
interface FeeCollectionRow {
  id: string;
  accrual: { id: string };
  token: { id: string };
  treasury: string;
  toTreasury: string;
  insuranceReserve: string;
  toInsurance: string;
  blockNumber: string;
  timestamp: string;
  transactionHash: string;
}
interface VolumeRow {
  saleVolume: string;
  primaryVolume: string;
  secondaryVolume: string;
  feeVolume: string;
}

export async function checkMarket(chain: IndexedChain, client: DmexClient): Promise<void> {
  const market = client.marketplace;
  const certificates = client.hashrateCertificate;
  /** Whether the chain will never sell what was listed or offered at `nonce`: the sale nonce moved, or it is burned. */
  const voidOnChain = async (tokenId: bigint, nonce: bigint) =>
    (await certificates.saleNonce(tokenId, at)) !== nonce ||
    (await certificates.holderOf(tokenId, at)) === "0x0000000000000000000000000000000000000000";
  const marketAddress = lower(await market.getAddress());
  const head = await chain.provider.getBlockNumber();
  const at = { blockTag: head };

  // ---- the chain's side: every marketplace log, decoded with the contract's ABI ----
  const q = async <T>(filter: Parameters<typeof market.queryFilter>[0]) =>
    (await market.queryFilter(filter, 0, head)) as unknown as T[];
  type Ev<A> = { args: A; blockNumber: number; transactionHash: string; index: number };
  const listed = await q<
    Ev<{
      listingId: bigint;
      tokenId: bigint;
      seller: string;
      paymentToken: string;
      price: bigint;
      expiry: bigint;
    }>
  >(market.filters.Listed());
  const updated = await q<Ev<{ listingId: bigint; price: bigint; expiry: bigint }>>(
    market.filters.ListingUpdated(),
  );
  const cancelledListings = await q<Ev<{ listingId: bigint }>>(market.filters.ListingCancelled());
  const skipped = await q<Ev<{ listingId: bigint }>>(market.filters.ListingSkipped());
  const sales = await q<
    Ev<{
      tokenId: bigint;
      seller: string;
      buyer: string;
      channel: bigint;
      channelId: bigint;
      paymentToken: string;
      price: bigint;
      fee: bigint;
      primary: boolean;
    }>
  >(market.filters.Sale());
  const auctionsCreated = await q<
    Ev<{
      auctionId: bigint;
      tokenId: bigint;
      seller: string;
      paymentToken: string;
      reserve: bigint;
      duration: bigint;
    }>
  >(market.filters.AuctionCreated());
  const primaryAuctions = await q<Ev<{ auctionId: bigint; offeringId: bigint; units: bigint }>>(
    market.filters.PrimaryAuctionCreated(),
  );
  const bidsPlaced = await q<Ev<{ auctionId: bigint; bidder: string; amount: bigint; endTime: bigint }>>(
    market.filters.BidPlaced(),
  );
  const auctionsCancelled = await q<Ev<{ auctionId: bigint }>>(market.filters.AuctionCancelled());
  const auctionsSettled = await q<Ev<{ auctionId: bigint; winner: string; amount: bigint }>>(
    market.filters.AuctionSettled(),
  );
  const auctionsVoided = await q<Ev<{ auctionId: bigint; reason: string }>>(market.filters.AuctionVoided());
  const offersMade = await q<
    Ev<{
      offerId: bigint;
      bidder: string;
      target: bigint;
      anyOfOffering: boolean;
      units: bigint;
      paymentToken: string;
      amount: bigint;
      expiry: bigint;
    }>
  >(market.filters.OfferMade());
  const offersCancelled = await q<Ev<{ offerId: bigint }>>(market.filters.OfferCancelled());
  const offersAccepted = await q<Ev<{ offerId: bigint; tokenId: bigint; seller: string }>>(
    market.filters.OfferAccepted(),
  );
  const credited = await q<Ev<{ account: string; token: string; amount: bigint }>>(market.filters.Credited());
  const withdrawn = await q<Ev<{ account: string; token: string; amount: bigint }>>(
    market.filters.CreditWithdrawn(),
  );
  const collected = await q<
    Ev<{ token: string; treasury: string; toTreasury: bigint; insuranceReserve: string; toInsurance: bigint }>
  >(market.filters.FeesCollected());
  const rolesGranted = await q<Ev<{ role: string; account: string; sender: string }>>(
    market.filters.RoleGranted(),
  );
  const rolesRevoked = await q<Ev<{ role: string; account: string; sender: string }>>(
    market.filters.RoleRevoked(),
  );

  const times = new Map<number, bigint>();
  const timeOf = async (blockNumber: number): Promise<bigint> => {
    let t = times.get(blockNumber);
    if (t === undefined) {
      const block = await chain.provider.getBlock(blockNumber);
      if (!block) throw new Error(`no block ${blockNumber}`);
      t = BigInt(block.timestamp);
      times.set(blockNumber, t);
    }
    return t;
  };
  const byId = <E extends { args: Record<string, unknown> }>(events: E[], key: string) => {
    const map = new Map<string, E[]>();
    for (const e of events) {
      const id = String(e.args[key]);
      map.set(id, [...(map.get(id) ?? []), e]);
    }
    return map;
  };
  const isUnknown = async (read: () => Promise<unknown>, errorName: string) => {
    const outcome = await read().then(
      () => "found",
      (error: unknown) => {
        const data = (error as { data?: string }).data;
        const parsed = data ? market.interface.parseError(data) : null;
        return parsed?.name ?? String(error);
      },
    );
    return outcome === errorName;
  };

  // ---- settings ----
  const { marketSettings: settings } = await chain.query<{
    marketSettings: {
      channelFeeBps: number;
      tradingFeeBps: number;
      insuranceShareBps: number;
      minBidIncrementBps: number;
      treasury: string;
      insuranceReserve: string;
      listingCount: number;
      auctionCount: number;
      offerCount: number;
      saleCount: number;
      primarySaleCount: number;
      contract: { id: string; name: string; paused: boolean };
    } | null;
  }>(
    `{ marketSettings(id: "${marketAddress}") { channelFeeBps tradingFeeBps insuranceShareBps
       minBidIncrementBps treasury insuranceReserve listingCount auctionCount offerCount saleCount
       primarySaleCount contract { id name paused } } }`,
  );
  const fees = await market.fees(at);
  const listingCount = await market.listingCount(at);
  const auctionCount = await market.auctionCount(at);
  const offerCount = await market.offerCount(at);
  expect(settings).toEqual({
    channelFeeBps: Number(fees.channelBps),
    tradingFeeBps: Number(fees.tradingBps),
    insuranceShareBps: Number(fees.insuranceShareBps),
    minBidIncrementBps: Number(await market.minBidIncrementBps(at)),
    treasury: lower(await market.treasury(at)),
    insuranceReserve: lower(await market.insuranceReserve(at)),
    listingCount: Number(listingCount),
    auctionCount: Number(auctionCount),
    offerCount: Number(offerCount),
    saleCount: sales.length,
    primarySaleCount: sales.filter((s) => s.args.primary).length,
    contract: { id: marketAddress, name: "Marketplace", paused: await market.paused(at) },
  });

  // ---- roles ----
  const members = await queryAll<{
    id: string;
    role: { role: string; contract: { id: string } };
    account: { id: string };
    active: boolean;
    changedBy: string;
    changedAt: string;
  }>(chain, "roleMembers", "id role { role contract { id } } account { id } active changedBy changedAt");
  const marketMembers = members.filter((m) => m.role.contract.id === marketAddress);
  const roleChanges = [
    ...rolesGranted.map((e) => ({ e, active: true })),
    ...rolesRevoked.map((e) => ({ e, active: false })),
  ].sort((a, b) => a.e.blockNumber - b.e.blockNumber || a.e.index - b.e.index);
  const lastChange = new Map<
    string,
    { e: Ev<{ role: string; account: string; sender: string }>; active: boolean }
  >();
  for (const change of roleChanges)
    lastChange.set(`${change.e.args.role}:${lower(change.e.args.account)}`, change);
  expect(marketMembers.length).toBe(lastChange.size);
  for (const m of marketMembers) {
    const change = lastChange.get(`${m.role.role}:${m.account.id}`);
    expect(change, `role member ${m.id}`).toBeDefined();
    if (!change) continue;
    expect({ member: m.id, active: m.active, changedBy: m.changedBy, changedAt: m.changedAt }).toEqual({
      member: m.id,
      active: await market.hasRole(m.role.role, m.account.id, at),
      changedBy: lower(change.e.args.sender),
      changedAt: (await timeOf(change.e.blockNumber)).toString(),
    });
  }

  // ---- sales ----
  const saleRows = await queryAll<SaleRow>(
    chain,
    "sales",
    `id seller { id } buyer { id } channel channelId listing { id } auction { id } offer { id }
     paymentToken { id } price fee feeToInsurance feeToTreasury net primary blockNumber timestamp transactionHash`,
  );
  expect(saleRows.map((s) => s.id).sort()).toEqual(sales.map(logEntityId).sort());
  const saleById = new Map(saleRows.map((s) => [s.id, s]));
  const saleOfChannel = new Map<string, SaleRow>();
  const accrued = new Map<string, { treasury: bigint; insurance: bigint; total: bigint }>();
  for (const log of sales) {
    const { args } = log;
    const row = saleById.get(logEntityId(log));
    const channel = CHANNELS[Number(args.channel)];
    if (!channel) throw new Error(`unknown channel ${args.channel}`);
    const share = BigInt((await market.fees({ blockTag: log.blockNumber })).insuranceShareBps);
    const toInsurance = (args.fee * share) / 10_000n;
    const id = args.channelId.toString();
    expect(row).toEqual({
      id: logEntityId(log),
      seller: { id: lower(args.seller) },
      buyer: { id: lower(args.buyer) },
      channel,
      channelId: id,
      listing: channel === "LISTING" ? { id } : null,
      auction: channel === "AUCTION" ? { id } : null,
      offer: channel === "OFFER" ? { id } : null,
      paymentToken: { id: lower(args.paymentToken) },
      price: args.price.toString(),
      fee: args.fee.toString(),
      feeToInsurance: toInsurance.toString(),
      feeToTreasury: (args.fee - toInsurance).toString(),
      net: (args.price - args.fee).toString(),
      primary: args.primary,
      blockNumber: log.blockNumber.toString(),
      timestamp: (await timeOf(log.blockNumber)).toString(),
      transactionHash: log.transactionHash.toLowerCase(),
    });
    if (row) saleOfChannel.set(`${channel}:${id}`, row);
    const token = lower(args.paymentToken);
    const sum = accrued.get(token) ?? { treasury: 0n, insurance: 0n, total: 0n };
    accrued.set(token, {
      treasury: sum.treasury + args.fee - toInsurance,
      insurance: sum.insurance + toInsurance,
      total: sum.total + args.fee,
    });
  }
  await expectRefs(
    chain,
    "sales",
    sales.map((s) => ({
      id: logEntityId(s),
      certificate: s.args.tokenId.toString(),
      offering: offeringOf(s.args.tokenId),
    })),
  );

  // Protocol, ProtocolDay, Asset and AssetDay sale figures: only the marketplace moves them.
  const protocolDays = new Map<string, { sales: number; primary: number }>();
  const assets = new Map<string, VolumeRow>();
  const assetDays = new Map<string, VolumeRow>();
  const addVolume = (
    map: Map<string, VolumeRow>,
    key: string,
    price: bigint,
    fee: bigint,
    primary: boolean,
  ) => {
    const v = map.get(key) ?? { saleVolume: "0", primaryVolume: "0", secondaryVolume: "0", feeVolume: "0" };
    map.set(key, {
      saleVolume: (BigInt(v.saleVolume) + price).toString(),
      primaryVolume: (BigInt(v.primaryVolume) + (primary ? price : 0n)).toString(),
      secondaryVolume: (BigInt(v.secondaryVolume) + (primary ? 0n : price)).toString(),
      feeVolume: (BigInt(v.feeVolume) + fee).toString(),
    });
  };
  for (const log of sales) {
    const day = (await timeOf(log.blockNumber)) / DAY;
    const d = protocolDays.get(day.toString()) ?? { sales: 0, primary: 0 };
    protocolDays.set(day.toString(), { sales: d.sales + 1, primary: d.primary + (log.args.primary ? 1 : 0) });
    const token = lower(log.args.paymentToken);
    addVolume(assets, token, log.args.price, log.args.fee, log.args.primary);
    addVolume(assetDays, `${token}:${day}`, log.args.price, log.args.fee, log.args.primary);
  }
  const { protocol } = await chain.query<{
    protocol: { saleCount: number; primarySaleCount: number } | null;
  }>(`{ protocol(id: "${PROTOCOL_ID}") { saleCount primarySaleCount } }`);
  expect(protocol ?? { saleCount: 0, primarySaleCount: 0 }).toEqual({
    saleCount: sales.length,
    primarySaleCount: sales.filter((s) => s.args.primary).length,
  });
  const dayRows = await queryAll<{ id: string; day: number; saleCount: number; primarySaleCount: number }>(
    chain,
    "protocolDays",
    "id day saleCount primarySaleCount",
  );
  for (const row of dayRows) {
    const expected = protocolDays.get(String(row.day)) ?? { sales: 0, primary: 0 };
    expect({ day: row.day, sales: row.saleCount, primary: row.primarySaleCount }).toEqual({
      day: row.day,
      ...expected,
    });
  }
  for (const day of protocolDays.keys())
    expect(
      dayRows.some((r) => String(r.day) === day),
      `day ${day}`,
    ).toBe(true);
  const assetRows = await queryAll<VolumeRow & { id: string }>(
    chain,
    "assets",
    "id saleVolume primaryVolume secondaryVolume feeVolume",
  );
  const none: VolumeRow = { saleVolume: "0", primaryVolume: "0", secondaryVolume: "0", feeVolume: "0" };
  for (const { id, ...volumes } of assetRows) {
    expect({ asset: id, ...volumes }).toEqual({ asset: id, ...(assets.get(id) ?? none) });
  }
  for (const token of assets.keys())
    expect(
      assetRows.some((a) => a.id === token),
      `asset ${token}`,
    ).toBe(true);
  const assetDayRows = await queryAll<VolumeRow & { id: string; day: number; asset: { id: string } }>(
    chain,
    "assetDays",
    "id day asset { id } saleVolume primaryVolume secondaryVolume feeVolume",
  );
  for (const { id, day, asset, ...volumes } of assetDayRows) {
    expect({ assetDay: id, ...volumes }).toEqual({
      assetDay: id,
      ...(assetDays.get(`${asset.id}:${day}`) ?? none),
    });
  }
  for (const key of assetDays.keys()) {
    expect(
      assetDayRows.some((r) => `${r.asset.id}:${r.day}` === key),
      `asset day ${key}`,
    ).toBe(true);
  }

  // ---- listings ----
  const listingRows = await queryAll<ListingRow>(
    chain,
    "listings",
    `id listingId seller { id } paymentToken { id } price expiry status skippedCount sale { id }
     createdAt createdAtBlock updatedAt closedAt transactionHash`,
  );
  expect(listingRows.map((l) => l.listingId).sort()).toEqual(
    Array.from({ length: Number(listingCount) }, (_, i) => String(i + 1)).sort(),
  );
  const updatesOf = byId(updated, "listingId");
  const cancelsOf = byId(cancelledListings, "listingId");
  const skipsOf = byId(skipped, "listingId");
  const listedOf = byId(listed, "listingId");
  for (const row of listingRows) {
    const created = listedOf.get(row.id)?.[0];
    if (!created) throw new Error(`listing ${row.id} has no Listed log`);
    const lastUpdate = updatesOf.get(row.id)?.at(-1);
    const cancel = cancelsOf.get(row.id)?.[0];
    const sale = saleOfChannel.get(`LISTING:${row.id}`);
    // Open on chain: void once the certificate or its offering changed (computed from the chain, not the events).
    const open = sale || cancel ? null : await market.listing(row.id, at);
    const status = sale
      ? "SOLD"
      : cancel
        ? "CANCELLED"
        : (await voidOnChain(created.args.tokenId, open?.nonce ?? 0n))
          ? "VOID"
          : "ACTIVE";
    const closedBlock = sale ? Number(sale.blockNumber) : cancel?.blockNumber;
    const skips = skipsOf.get(row.id) ?? [];
    const lastChange = Math.max(
      created.blockNumber,
      lastUpdate?.blockNumber ?? 0,
      closedBlock ?? 0,
      ...skips.map((s) => s.blockNumber),
    );
    // Listings sell existing certificates: every purchase is secondary.
    if (sale) expect(sale.primary, `listing ${row.id} sold secondary`).toBe(false);
    expect(row).toEqual({
      id: row.id,
      listingId: row.id,
      seller: { id: lower(created.args.seller) },
      paymentToken: { id: lower(created.args.paymentToken) },
      price: (lastUpdate?.args.price ?? created.args.price).toString(),
      expiry: (lastUpdate?.args.expiry ?? created.args.expiry).toString(),
      status,
      skippedCount: skips.length,
      sale: sale ? { id: sale.id } : null,
      createdAt: (await timeOf(created.blockNumber)).toString(),
      createdAtBlock: created.blockNumber.toString(),
      updatedAt: (await timeOf(lastChange)).toString(),
      closedAt: closedBlock === undefined ? null : (await timeOf(closedBlock)).toString(),
      transactionHash: created.transactionHash.toLowerCase(),
    });
    if (status === "ACTIVE" || status === "VOID") {
      // Open listings: the contract's view, field by field.
      const view = await market.listing(row.id, at);
      expect({
        listing: row.id,
        seller: row.seller.id,
        token: row.paymentToken.id,
        price: row.price,
        expiry: row.expiry,
      }).toEqual({
        listing: row.id,
        seller: lower(view.seller),
        token: lower(view.paymentToken),
        price: view.price.toString(),
        expiry: view.expiry.toString(),
      });
      expect(view.tokenId).toBe(created.args.tokenId);
    } else {
      expect(
        await isUnknown(() => market.listing(row.id, at), "Marketplace_UnknownListing"),
        `listing ${row.id} is gone`,
      ).toBe(true);
    }
  }
  await expectRefs(
    chain,
    "listings",
    listed.map((l) => ({
      id: l.args.listingId.toString(),
      certificate: l.args.tokenId.toString(),
      offering: offeringOf(l.args.tokenId),
    })),
  );

  // ---- auctions and bids ----
  const auctionRows = await queryAll<AuctionRow>(
    chain,
    "auctions",
    `id auctionId seller { id } paymentToken { id } reserve duration primary lotUnits lotTokenId status startTime endTime highestBid
     highestBidder { id } bidCount extensionCount winner { id } sale { id } voidable voidReason createdAt createdAtBlock
     closedAt`,
  );
  expect(auctionRows.map((a) => a.auctionId).sort()).toEqual(
    Array.from({ length: Number(auctionCount) }, (_, i) => String(i + 1)).sort(),
  );
  const createdOf = byId(auctionsCreated, "auctionId");
  const bidsOf = byId(bidsPlaced, "auctionId");
  const auctionCancelOf = byId(auctionsCancelled, "auctionId");
  const settleOf = byId(auctionsSettled, "auctionId");
  const voidOf = byId(auctionsVoided, "auctionId");
  for (const row of auctionRows) {
    const created = createdOf.get(row.id)?.[0];
    if (!created) throw new Error(`auction ${row.id} has no AuctionCreated log`);
    const bids = bidsOf.get(row.id) ?? [];
    const first = bids[0];
    const last = bids.at(-1);
    const cancel = auctionCancelOf.get(row.id)?.[0];
    const settled = settleOf.get(row.id)?.[0];
    const voided = voidOf.get(row.id)?.[0];
    const sale = saleOfChannel.get(`AUCTION:${row.id}`);
    const closed = cancel ?? settled ?? voided;
    const status = settled ? "SETTLED" : voided ? "VOIDED" : cancel ? "CANCELLED" : last ? "LIVE" : "CREATED";
    let extensions = 0;
    for (let i = 1; i < bids.length; i++) {
      if (bids[i]?.args.endTime !== bids[i - 1]?.args.endTime) extensions++;
    }
    // A primary auction of a lot (PrimaryAuctionCreated, token id index 0); its sale is primary, others' not.
    const lot = primaryAuctions.find((l) => l.args.auctionId.toString() === row.id);
    const primary = lot !== undefined;
    expect(primary, `auction ${row.id} is primary iff its token id is a lot`).toBe(
      (created.args.tokenId & 0xffffffffn) === 0n,
    );
    if (sale) expect(sale.primary, `auction ${row.id}'s sale`).toBe(primary);
    // Open and its offering changed since it was created: the nonce it recorded no longer matches.
    const open = status === "CREATED" || status === "LIVE";
    const voidable = open
      ? (await certificates.saleNonce(created.args.tokenId, at)) !== (await market.auction(row.id, at)).nonce
      : false;
    expect(row).toEqual({
      id: row.id,
      auctionId: row.id,
      seller: { id: lower(created.args.seller) },
      paymentToken: { id: lower(created.args.paymentToken) },
      reserve: created.args.reserve.toString(),
      duration: Number(created.args.duration),
      primary,
      lotUnits: lot ? lot.args.units.toString() : null,
      lotTokenId: created.args.tokenId.toString(),
      status,
      startTime: first ? (await timeOf(first.blockNumber)).toString() : null,
      endTime: last ? last.args.endTime.toString() : null,
      highestBid: (last?.args.amount ?? 0n).toString(),
      highestBidder: last ? { id: lower(last.args.bidder) } : null,
      bidCount: bids.length,
      extensionCount: extensions,
      winner: settled ? { id: lower(settled.args.winner) } : null,
      sale: sale ? { id: sale.id } : null,
      voidable,
      voidReason: voided ? voided.args.reason.toLowerCase() : null,
      createdAt: (await timeOf(created.blockNumber)).toString(),
      createdAtBlock: created.blockNumber.toString(),
      closedAt: closed ? (await timeOf(closed.blockNumber)).toString() : null,
    });
    if (settled) expect(sale, `auction ${row.id} settled with a sale`).toBeDefined();
    if (status === "CREATED" || status === "LIVE") {
      const view = await market.auction(row.id, at);
      expect({
        auction: row.id,
        seller: row.seller.id,
        token: row.paymentToken.id,
        reserve: row.reserve,
        duration: row.duration,
        endTime: row.endTime ?? "0",
        highestBid: row.highestBid,
        highestBidder: row.highestBidder?.id ?? ZERO,
      }).toEqual({
        auction: row.id,
        seller: lower(view.seller),
        token: lower(view.paymentToken),
        reserve: view.reserve.toString(),
        duration: Number(view.duration),
        endTime: view.endTime.toString(),
        highestBid: view.highestBid.toString(),
        highestBidder: lower(view.highestBidder),
      });
      expect(view.tokenId).toBe(created.args.tokenId);
      expect(view.units).toBe(lot ? lot.args.units : 0n);
    } else {
      expect(
        await isUnknown(() => market.auction(row.id, at), "Marketplace_UnknownAuction"),
        `auction ${row.id} is gone`,
      ).toBe(true);
    }
  }
  await expectRefs(
    chain,
    "auctions",
    auctionsCreated.map((a) => {
      const id = a.args.auctionId.toString();
      // A lot is no certificate: the auction points at the one minted to the winner once settled.
      const isLot = (a.args.tokenId & 0xffffffffn) === 0n;
      const settledSale = sales.find(
        (s) => Number(s.args.channel) === 1 && s.args.channelId.toString() === id,
      );
      return {
        id,
        certificate: isLot ? (settledSale?.args.tokenId.toString() ?? null) : a.args.tokenId.toString(),
        offering: offeringOf(a.args.tokenId),
      };
    }),
  );

  const bidRows = await queryAll<BidRow>(
    chain,
    "bids",
    "id auction { id } bidder { id } amount endTime started extended previousBidder { id } previousAmount blockNumber timestamp transactionHash",
  );
  expect(bidRows.map((b) => b.id).sort()).toEqual(bidsPlaced.map(logEntityId).sort());
  const bidById = new Map(bidRows.map((b) => [b.id, b]));
  for (const bids of bidsOf.values()) {
    for (const [i, log] of bids.entries()) {
      const previous = i > 0 ? bids[i - 1] : undefined;
      expect(bidById.get(logEntityId(log))).toEqual({
        id: logEntityId(log),
        auction: { id: log.args.auctionId.toString() },
        bidder: { id: lower(log.args.bidder) },
        amount: log.args.amount.toString(),
        endTime: log.args.endTime.toString(),
        started: previous === undefined,
        extended: previous !== undefined && previous.args.endTime !== log.args.endTime,
        previousBidder: previous ? { id: lower(previous.args.bidder) } : null,
        previousAmount: (previous?.args.amount ?? 0n).toString(),
        blockNumber: log.blockNumber.toString(),
        timestamp: (await timeOf(log.blockNumber)).toString(),
        transactionHash: log.transactionHash.toLowerCase(),
      });
    }
  }

  // ---- offers ----
  const offerRows = await queryAll<OfferRow>(
    chain,
    "offers",
    "id offerId bidder { id } anyOfOffering units target paymentToken { id } amount expiry status seller { id } sale { id } createdAt closedAt",
  );
  expect(offerRows.map((o) => o.offerId).sort()).toEqual(
    Array.from({ length: Number(offerCount) }, (_, i) => String(i + 1)).sort(),
  );
  const madeOf = byId(offersMade, "offerId");
  const offerCancelOf = byId(offersCancelled, "offerId");
  const acceptOf = byId(offersAccepted, "offerId");
  for (const row of offerRows) {
    const made = madeOf.get(row.id)?.[0];
    if (!made) throw new Error(`offer ${row.id} has no OfferMade log`);
    const cancel = offerCancelOf.get(row.id)?.[0];
    const accept = acceptOf.get(row.id)?.[0];
    const sale = saleOfChannel.get(`OFFER:${row.id}`);
    const closed = cancel ?? accept;
    // An open offer on a certificate is void once the certificate or its offering changed (the chain's nonce).
    const openView = closed || made.args.anyOfOffering ? null : await market.offer(row.id, at);
    const voided = openView !== null && (await voidOnChain(made.args.target, openView.nonce));
    expect(row).toEqual({
      id: row.id,
      offerId: row.id,
      bidder: { id: lower(made.args.bidder) },
      anyOfOffering: made.args.anyOfOffering,
      units: made.args.units.toString(),
      target: made.args.target.toString(),
      paymentToken: { id: lower(made.args.paymentToken) },
      amount: made.args.amount.toString(),
      expiry: made.args.expiry.toString(),
      status: accept ? "ACCEPTED" : cancel ? "CANCELLED" : voided ? "VOID" : "OPEN",
      seller: accept ? { id: lower(accept.args.seller) } : null,
      sale: sale ? { id: sale.id } : null,
      createdAt: (await timeOf(made.blockNumber)).toString(),
      closedAt: closed ? (await timeOf(closed.blockNumber)).toString() : null,
    });
    if (accept) expect(sale, `offer ${row.id} accepted with a sale`).toBeDefined();
    if (!closed) {
      const view = await market.offer(row.id, at);
      expect({
        offer: row.id,
        bidder: row.bidder.id,
        anyOfOffering: row.anyOfOffering,
        units: row.units,
        target: row.target,
        token: row.paymentToken.id,
        amount: row.amount,
        expiry: row.expiry,
      }).toEqual({
        offer: row.id,
        bidder: lower(view.bidder),
        anyOfOffering: view.anyOfOffering,
        units: view.units.toString(),
        target: view.target.toString(),
        token: lower(view.paymentToken),
        amount: view.amount.toString(),
        expiry: view.expiry.toString(),
      });
    } else {
      expect(
        await isUnknown(() => market.offer(row.id, at), "Marketplace_UnknownOffer"),
        `offer ${row.id} is gone`,
      ).toBe(true);
    }
  }
  // The offering of every offer, and the certificate of single-certificate offers.
  await expectRefs(
    chain,
    "offers",
    offersMade.map((o) => ({
      id: o.args.offerId.toString(),
      certificate: o.args.anyOfOffering ? null : o.args.target.toString(),
      offering: o.args.anyOfOffering ? o.args.target.toString() : offeringOf(o.args.target),
    })),
  );
  const accepted = await queryAll<{ id: string; acceptedCertificate: { id: string } | null }>(
    chain,
    "offers",
    "id acceptedCertificate { id }",
  );
  for (const row of accepted) {
    const accept = acceptOf.get(row.id)?.[0];
    expect({ offer: row.id, accepted: row.acceptedCertificate }).toEqual({
      offer: row.id,
      accepted: accept ? { id: accept.args.tokenId.toString() } : null,
    });
  }

  // ---- credits ----
  const creditRows = await queryAll<CreditRow>(
    chain,
    "credits",
    "id account { id } token { id } balance totalCredited totalWithdrawn",
  );
  const creditTotals = new Map<string, { credited: bigint; withdrawn: bigint }>();
  for (const [events, kind] of [
    [credited, "credited"],
    [withdrawn, "withdrawn"],
  ] as const) {
    for (const e of events) {
      const key = `${lower(e.args.account)}${lower(e.args.token).slice(2)}`;
      const t = creditTotals.get(key) ?? { credited: 0n, withdrawn: 0n };
      t[kind] += e.args.amount;
      creditTotals.set(key, t);
    }
  }
  expect(creditRows.map((c) => c.id).sort()).toEqual([...creditTotals.keys()].sort());
  for (const row of creditRows) {
    const totals = creditTotals.get(row.id) ?? { credited: 0n, withdrawn: 0n };
    expect(row).toEqual({
      id: row.id,
      account: { id: row.id.slice(0, 42) },
      token: { id: `0x${row.id.slice(42)}` },
      balance: (await market.creditOf(row.account.id, row.token.id, at)).toString(),
      totalCredited: totals.credited.toString(),
      totalWithdrawn: totals.withdrawn.toString(),
    });
  }
  const movementRows = await queryAll<CreditMovementRow>(
    chain,
    "creditMovements",
    "id credit { id } account { id } token { id } kind amount blockNumber timestamp transactionHash",
  );
  const movementLogs = [
    ...credited.map((e) => ({ e, kind: "CREDITED" as const })),
    ...withdrawn.map((e) => ({ e, kind: "WITHDRAWN" as const })),
  ];
  expect(movementRows.map((m) => m.id).sort()).toEqual(movementLogs.map(({ e }) => logEntityId(e)).sort());
  const movementById = new Map(movementRows.map((m) => [m.id, m]));
  for (const { e, kind } of movementLogs) {
    const account = lower(e.args.account);
    const token = lower(e.args.token);
    expect(movementById.get(logEntityId(e))).toEqual({
      id: logEntityId(e),
      credit: { id: `${account}${token.slice(2)}` },
      account: { id: account },
      token: { id: token },
      kind,
      amount: e.args.amount.toString(),
      blockNumber: e.blockNumber.toString(),
      timestamp: (await timeOf(e.blockNumber)).toString(),
      transactionHash: e.transactionHash.toLowerCase(),
    });
  }

  // ---- fees ----
  const accrualRows = await queryAll<FeeAccrualRow>(
    chain,
    "feeAccruals",
    "id treasury insurance totalAccrued collectedToTreasury collectedToInsurance",
  );
  expect(accrualRows.map((a) => a.id).sort()).toEqual([...accrued.keys()].sort());
  for (const row of accrualRows) {
    const view = await market.accruedFees(row.id, at);
    const toTreasury = collected
      .filter((c) => lower(c.args.token) === row.id)
      .reduce((s, c) => s + c.args.toTreasury, 0n);
    const toInsurance = collected
      .filter((c) => lower(c.args.token) === row.id)
      .reduce((s, c) => s + c.args.toInsurance, 0n);
    const sums = accrued.get(row.id);
    expect(row).toEqual({
      id: row.id,
      treasury: view.treasury.toString(),
      insurance: view.insurance.toString(),
      totalAccrued: (sums?.total ?? 0n).toString(),
      collectedToTreasury: toTreasury.toString(),
      collectedToInsurance: toInsurance.toString(),
    });
    // What was accrued is what is still held plus what was collected.
    expect(BigInt(row.treasury) + toTreasury).toBe(sums?.treasury);
    expect(BigInt(row.insurance) + toInsurance).toBe(sums?.insurance);
  }
  const collectionRows = await queryAll<FeeCollectionRow>(
    chain,
    "feeCollections",
    "id accrual { id } token { id } treasury toTreasury insuranceReserve toInsurance blockNumber timestamp transactionHash",
  );
  expect(collectionRows.map((c) => c.id).sort()).toEqual(collected.map(logEntityId).sort());
  const collectionById = new Map(collectionRows.map((c) => [c.id, c]));
  for (const e of collected) {
    const token = lower(e.args.token);
    expect(collectionById.get(logEntityId(e))).toEqual({
      id: logEntityId(e),
      accrual: { id: token },
      token: { id: token },
      treasury: lower(e.args.treasury),
      toTreasury: e.args.toTreasury.toString(),
      insuranceReserve: lower(e.args.insuranceReserve),
      toInsurance: e.args.toInsurance.toString(),
      blockNumber: e.blockNumber.toString(),
      timestamp: (await timeOf(e.blockNumber)).toString(),
      transactionHash: e.transactionHash.toLowerCase(),
    });
  }
}

/** Every entity of `collection` references the expected certificate (token id) and offering (offering id). */
async function expectRefs(
  chain: IndexedChain,
  collection: string,
  expected: { id: string; certificate: string | null; offering: string }[],
): Promise<void> {
  const rows = await queryAll<{ id: string; certificate: { id: string } | null; offering: { id: string } }>(
    chain,
    collection,
    "id certificate { id } offering { id }",
  );
  expect(rows.length, collection).toBe(expected.length);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const e of expected) {
    expect(byId.get(e.id), `${collection} ${e.id}`).toEqual({
      id: e.id,
      certificate: e.certificate === null ? null : { id: e.certificate },
      offering: { id: e.offering },
    });
  }
}
