// A large market for the indexing benchmark, built fast: at scale 1, 10 miners onboarded by one proposal,
// 10 offerings of 400 TiB sold by the unit, 320 certificates minted at their primary sales (220 purchases of
// 10 TiB, 40 primary auctions of lots with 200 bids and 40 settlements, 60 of 100 offers accepted, 20
// cancelled, 20 left open), 100 resales through listings, 20 days of oracle reports and yield deposits for
// every offering (200 deposits) and a claim by every buyer. `scale` multiplies
// the miners, offerings and buyers.
//
// Speed: anvil's automine is off while the market is built; each phase signs its transactions with explicit
// nonces, gas limits and fees (no estimate, no fee or nonce lookups), sends them all at once and mines them
// in one block (the block gas limit is raised for that), then checks every receipt. Transactions that depend
// on each other across senders go in different blocks; a sender's own run in nonce order may share one.
import {
  actionFromTx,
  buildProposal,
  castVote,
  type DmexClient,
  execute,
  minimumNextBid,
  propose,
  queue,
} from "@dmex/sdk";
import type { LocalChain } from "@dmex/sdk-test/localChain";
import { anvilWallet, DMC, FILECOIN, IFIL, USDC, vaultWorld } from "@dmex/sdk-test/vaultWorld";

import { fastChain, marketValue, type Wallet } from "./context.js";

const ETHER = 10n ** 18n;
const MAX_UINT256 = 2n ** 256n - 1n;
const GWEI = 10n ** 9n;
/** First anvil account index of the large market's miners; buyers follow them. */
const FIRST_ACCOUNT = 100;

/** Per offering (fixed); `scale` multiplies the number of offerings and buyers. */
export const LARGE_MARKET_SHAPE = {
  offeringsPerScale: 10,
  buyersPerScale: 20,
  /** Units each offering puts on sale (TiB), at `price / unitsPerCertificate` per unit. */
  unitsPerOffering: 400n,
  /** Units of every purchase, lot and offer: each mints one certificate of them. */
  unitsPerCertificate: 10n,
  /** Primary purchases of 10 TiB per offering. */
  bought: 22,
  /** Primary auctions of a lot of 10 TiB per offering, 5 bids each. */
  auctions: 4,
  bidsPerAuction: 5,
  /** 10 offers on the offering; 6 accepted by the miner (primary), 2 cancelled, 2 left open. */
  offers: 10,
  acceptedOffers: 6,
  cancelledOffers: 2,
  /** Resales per offering: the first 10 purchases' certificates, listed by their buyers and bought. */
  resales: 10,
  yieldDays: 20,
  price: USDC("1000"),
  resalePrice: USDC("1100"),
  reserve: USDC("700"),
  offerAmount: USDC("900"),
} as const;

export interface LargeMarketCounts {
  readonly miners: number;
  readonly buyers: number;
  readonly offerings: number;
  readonly certificates: number;
  readonly listings: number;
  readonly primarySales: number;
  readonly secondarySales: number;
  readonly auctions: number;
  readonly bids: number;
  readonly settledAuctions: number;
  readonly offers: number;
  readonly acceptedOffers: number;
  readonly cancelledOffers: number;
  readonly oracleReports: number;
  readonly yieldDeposits: number;
  readonly claims: number;
  readonly transactions: number;
  readonly blocks: { readonly first: number; readonly last: number };
  readonly wallMs: number;
}

interface Call {
  readonly from: Wallet;
  readonly to: string;
  readonly data: string;
}

interface Receipt {
  readonly status: number | null;
  readonly logs: readonly {
    readonly address: string;
    readonly topics: readonly string[];
    readonly data: string;
  }[];
}

/** Sends many transactions per block with automine off. */
class Batcher {
  private readonly nonces = new Map<string, number>();
  constructor(private readonly chain: LocalChain) {}

  /** Signs and sends `calls` (in order per sender), mines until all are in, returns their receipts in order. */
  async run(calls: readonly Call[]): Promise<Receipt[]> {
    if (calls.length === 0) return [];
    const { provider } = this.chain;
    const block = await provider.getBlock("latest");
    const baseFee = block?.baseFeePerGas ?? GWEI;
    const signed: Promise<string>[] = [];
    for (const call of calls) {
      const address = call.from.address;
      let nonce = this.nonces.get(address);
      if (nonce === undefined) nonce = await provider.getTransactionCount(address, "pending");
      this.nonces.set(address, nonce + 1);
      signed.push(
        call.from.signTransaction({
          type: 2,
          chainId: 31337,
          to: call.to,
          data: call.data,
          nonce,
          gasLimit: 3_000_000n,
          maxFeePerGas: baseFee * 4n + GWEI,
          maxPriorityFeePerGas: GWEI,
        }),
      );
    }
    const hashes: string[] = [];
    for (const raw of await Promise.all(signed)) {
      hashes.push(await provider.send("eth_sendRawTransaction", [raw]));
    }
    const receipts: Receipt[] = [];
    for (let round = 0; receipts.length < hashes.length; round++) {
      if (round > 20) throw new Error("largeMarket: transactions not mined after 20 blocks");
      await provider.send("evm_mine", []);
      for (const hash of hashes.slice(receipts.length)) {
        const receipt = await provider.getTransactionReceipt(hash);
        if (!receipt) break;
        receipts.push(receipt);
      }
    }
    for (const [i, receipt] of receipts.entries()) {
      if (receipt.status !== 1) {
        const call = calls[i];
        throw new Error(`largeMarket: transaction ${i} from ${call?.from.address} to ${call?.to} reverted`);
      }
    }
    return receipts;
  }
}

/**
 * Builds the large market on `local` (a fresh deployed chain, or one the scenario already ran on) and returns
 * how many of each thing it made.
 */
export async function generateLargeMarket(local: LocalChain, scale = 1): Promise<LargeMarketCounts> {
  const started = performance.now();
  const chain = fastChain(local);
  try {
    return await build(chain, scale, started);
  } finally {
    await chain.provider.send("evm_setAutomine", [true]).catch(() => undefined);
    chain.close();
  }
}

async function build(chain: LocalChain, scale: number, started: number): Promise<LargeMarketCounts> {
  const S = LARGE_MARKET_SHAPE;
  const { provider } = chain;
  const world = vaultWorld(chain);
  const as = (wallet: Wallet): DmexClient => world.as(wallet);
  const first = (await provider.getBlockNumber()) + 1;
  const nMiners = S.offeringsPerScale * scale;
  const nBuyers = S.buyersPerScale * scale;
  const miners = Array.from({ length: nMiners }, (_, i) => anvilWallet(FIRST_ACCOUNT + i, provider));
  const buyers = Array.from({ length: nBuyers }, (_, i) =>
    anvilWallet(FIRST_ACCOUNT + nMiners + i, provider),
  );
  for (const wallet of [...miners, ...buyers]) {
    await provider.send("anvil_setBalance", [wallet.address, `0x${(1000n * ETHER).toString(16)}`]);
  }
  const { deployer, reserve } = world;
  const reporters = world.reporters;
  const c = as(deployer);
  const addr = {
    registry: await c.minerRegistry.getAddress(),
    vault: await c.riskControlVault.getAddress(),
    market: await c.marketplace.getAddress(),
    certificate: await c.hashrateCertificate.getAddress(),
    dmc: await c.dmcToken.getAddress(),
    oracle: await c.yieldOracle.getAddress(),
    usdc: await world.usdc().getAddress(),
    ifil: await (await world.ifil()).getAddress(),
  };
  const usdc = world.usdc();
  const iface = {
    registry: c.minerRegistry.interface,
    vault: c.riskControlVault.interface,
    market: c.marketplace.interface,
    certificate: c.hashrateCertificate.interface,
    dmc: c.dmcToken.interface,
    oracle: c.yieldOracle.interface,
    erc20: usdc.interface,
  };
  const batcher = new Batcher(chain);
  await provider.send("evm_setBlockGasLimit", [`0x${(1_000_000_000n).toString(16)}`]);
  await provider.send("evm_setAutomine", [false]);

  // Applications, funds (the deployer mints USDC to buyers and IFIL to miners).
  const capacity = S.unitsPerOffering;
  const stakeAmount = DMC("5000");
  const appReceipts = await batcher.run([
    ...miners.map((miner, i) => ({
      from: miner,
      to: addr.registry,
      data: iface.registry.encodeFunctionData("submitApplication", [
        {
          profileURI: `ipfs://dmex-large-market/miner-${i}.json`,
          contentHash: `0x${(BigInt(i) + 1n).toString(16).padStart(64, "0")}`,
          coinId: FILECOIN,
          capacityUnits: capacity,
          maxTermDays: 360,
          expectedYieldPerUnit: IFIL("0.002"),
        },
      ]),
    })),
    ...buyers.map((buyer) => ({
      from: deployer,
      to: addr.usdc,
      data: iface.erc20.encodeFunctionData("mint", [buyer.address, USDC("200000")]),
    })),
    ...miners.map((miner) => ({
      from: deployer,
      to: addr.ifil,
      data: iface.erc20.encodeFunctionData("mint", [miner.address, IFIL("100")]),
    })),
  ]);
  const applicationIds = appReceipts.slice(0, nMiners).map((r) => {
    for (const log of r.logs) {
      const parsed = iface.registry.parseLog(log);
      if (parsed?.name === "ApplicationSubmitted") return parsed.args.getValue("applicationId") as bigint;
    }
    throw new Error("no ApplicationSubmitted");
  });

  // One proposal approves every application and funds every stake (automine on for the vote's clock).
  await provider.send("evm_setAutomine", [true]);
  const actions = [];
  for (const [i, miner] of miners.entries()) {
    const id = applicationIds[i] ?? 0n;
    actions.push(
      actionFromTx(await c.minerRegistry.approveApplication.populateTransaction(id, capacity, stakeAmount)),
      actionFromTx(await c.dmcToken.transfer.populateTransaction(miner.address, stakeAmount)),
    );
  }
  const proposal = buildProposal(actions, `# Approve ${nMiners} miners for the large market (${first})`);
  const governor = as(reserve).governor;
  await (await as(reserve).dmcToken.delegate(reserve.address)).wait();
  await world.advance(1);
  const { proposalId } = await propose(governor, proposal);
  await world.advance(Number(await governor.votingDelay()) + 1);
  await castVote(governor, proposalId, "for");
  await world.advance(Number(await governor.proposalDeadline(proposalId)) - (await now(chain)) + 1);
  await queue(governor, proposal);
  await world.advance(Number(await as(reserve).timelock.getMinDelay()) + 1);
  await execute(governor, proposal);
  const startDay = (await world.today()) + 1;
  await world.advanceToDay(startDay);
  await provider.send("evm_setAutomine", [false]);

  // Stake, offering, approvals.
  const saleStart = await now(chain);
  const offeringReceipts = await batcher.run([
    ...miners.flatMap((miner) => [
      {
        from: miner,
        to: addr.dmc,
        data: iface.dmc.encodeFunctionData("approve", [addr.registry, stakeAmount]),
      },
      { from: miner, to: addr.registry, data: iface.registry.encodeFunctionData("stake", [stakeAmount]) },
      {
        from: miner,
        to: addr.vault,
        data: iface.vault.encodeFunctionData("createOffering", [
          {
            coinId: FILECOIN,
            paymentToken: addr.usdc,
            units: S.unitsPerOffering,
            minLot: S.unitsPerCertificate,
            pricePerUnit: S.price / S.unitsPerCertificate,
            saleStart,
            saleEnd: (startDay + 30) * 86_400,
            startDay,
            termDays: 30,
          },
        ]),
      },
      {
        from: miner,
        to: addr.certificate,
        data: iface.certificate.encodeFunctionData("setApprovalForAll", [addr.market, true]),
      },
      {
        from: miner,
        to: addr.ifil,
        data: iface.erc20.encodeFunctionData("approve", [addr.vault, MAX_UINT256]),
      },
    ]),
    ...buyers.flatMap((buyer) => [
      {
        from: buyer,
        to: addr.usdc,
        data: iface.erc20.encodeFunctionData("approve", [addr.market, MAX_UINT256]),
      },
      {
        from: buyer,
        to: addr.certificate,
        data: iface.certificate.encodeFunctionData("setApprovalForAll", [addr.market, true]),
      },
    ]),
  ]);
  const offerings: { offeringId: bigint; miner: Wallet }[] = [];
  for (const receipt of offeringReceipts) {
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== addr.vault.toLowerCase()) continue;
      const parsed = iface.vault.parseLog(log);
      if (parsed?.name !== "OfferingCreated") continue;
      const offeringId = parsed.args.getValue("offeringId") as bigint;
      const minerAddress = parsed.args.getValue("miner") as string;
      const miner = miners.find((m) => m.address === minerAddress);
      if (!miner) throw new Error("OfferingCreated for an unknown miner");
      offerings.push({ offeringId, miner });
    }
  }
  if (offerings.length !== nMiners) throw new Error(`largeMarket: ${offerings.length} offerings created`);

  // Primary auctions of lots and offers on the offerings.
  const expiry = BigInt((await now(chain)) + 30 * 86_400);
  const auctionCalls: Call[] = offerings.flatMap((o) =>
    Array.from({ length: S.auctions }, () => ({
      from: o.miner,
      to: addr.market,
      data: iface.market.encodeFunctionData("createPrimaryAuction", [
        o.offeringId,
        S.unitsPerCertificate,
        S.reserve,
        3_600,
      ]),
    })),
  );
  const offerCalls: Call[] = offerings.flatMap((o, oi) =>
    Array.from({ length: S.offers }, (_, k) => ({
      from: buyers[(oi * S.offers + k) % nBuyers] as Wallet,
      to: addr.market,
      data: iface.market.encodeFunctionData("makeOfferingOffer", [
        o.offeringId,
        S.unitsPerCertificate,
        addr.usdc,
        S.offerAmount,
        expiry,
      ]),
    })),
  );
  const created = await batcher.run([...auctionCalls, ...offerCalls]);
  const logsOf = (receipts: readonly Receipt[], event: string) =>
    receipts.flatMap((r) =>
      r.logs.flatMap((log) => {
        if (log.address.toLowerCase() !== addr.market.toLowerCase()) return [];
        const parsed = iface.market.parseLog(log);
        return parsed?.name === event ? [parsed] : [];
      }),
    );
  const idsOf = (receipts: readonly Receipt[], event: string, key: string): bigint[] =>
    logsOf(receipts, event).map((parsed) => parsed.args.getValue(key) as bigint);
  const auctionIds = idsOf(created.slice(0, auctionCalls.length), "AuctionCreated", "auctionId");
  const offerIds = idsOf(created.slice(auctionCalls.length), "OfferMade", "offerId");

  // Who holds each certificate minted: read from the sales' `Sale` events (the vault numbers certificates in
  // the order their sales run).
  const owner = new Map<bigint, Wallet>();
  const byAddress = new Map(buyers.map((b) => [b.address.toLowerCase(), b]));
  const recordSales = (receipts: readonly Receipt[]): bigint[] =>
    logsOf(receipts, "Sale").map((sale) => {
      const tokenId = sale.args.getValue("tokenId") as bigint;
      const buyer = byAddress.get((sale.args.getValue("buyer") as string).toLowerCase());
      if (!buyer) throw new Error(`certificate ${tokenId} sold to an unknown buyer`);
      owner.set(tokenId, buyer);
      return tokenId;
    });

  // Primary purchases of 10 TiB each, per offering; the miner accepts 6 offers; the bidders cancel 2; 2 stay open.
  const buyCalls: Call[] = [];
  let next = 0;
  const buyer = () => buyers[next++ % nBuyers] as Wallet;
  for (const o of offerings) {
    for (let k = 0; k < S.bought; k++) {
      buyCalls.push({
        from: buyer(),
        to: addr.market,
        data: iface.market.encodeFunctionData("buyPrimary", [o.offeringId, S.unitsPerCertificate, S.price]),
      });
    }
  }
  const acceptCalls: Call[] = [];
  const cancelCalls: Call[] = [];
  for (const [oi, o] of offerings.entries()) {
    for (let k = 0; k < S.offers; k++) {
      const offerId = offerIds[oi * S.offers + k] ?? 0n;
      const bidder = buyers[(oi * S.offers + k) % nBuyers] as Wallet;
      if (k < S.acceptedOffers) {
        acceptCalls.push({
          from: o.miner,
          to: addr.market,
          data: iface.market.encodeFunctionData("acceptPrimaryOffer", [offerId]),
        });
      } else if (k < S.acceptedOffers + S.cancelledOffers) {
        cancelCalls.push({
          from: bidder,
          to: addr.market,
          data: iface.market.encodeFunctionData("cancelOffer", [offerId]),
        });
      }
    }
  }
  const bought = await batcher.run([...buyCalls, ...acceptCalls, ...cancelCalls]);
  const purchased = recordSales(bought.slice(0, buyCalls.length));
  recordSales(bought.slice(buyCalls.length));

  // Bids: 5 rounds, one block each, a different buyer each round; then the end passes and all settle.
  const highest = new Map<bigint, bigint>();
  let bids = 0;
  for (let round = 0; round < S.bidsPerAuction; round++) {
    const calls = auctionIds.map((auctionId, ai) => {
      const amount = minimumNextBid({ reserve: S.reserve, highestBid: highest.get(auctionId) ?? 0n }, 500);
      highest.set(auctionId, amount);
      return {
        from: buyers[(ai + round * 7) % nBuyers] as Wallet,
        to: addr.market,
        data: iface.market.encodeFunctionData("bid", [auctionId, amount]),
      };
    });
    await batcher.run(calls);
    bids += calls.length;
  }
  await provider.send("evm_increaseTime", [3_601]);
  recordSales(
    await batcher.run(
      auctionIds.map((auctionId) => ({
        from: deployer,
        to: addr.market,
        data: iface.market.encodeFunctionData("settle", [auctionId]),
      })),
    ),
  );

  // Secondary sales: the certificates of each offering's first 10 purchases listed by their owners, then bought
  // by the next buyer.
  const resaleTokens = offerings.flatMap((o) =>
    purchased.filter((tokenId) => tokenId >> 32n === o.offeringId).slice(0, S.resales),
  );
  const relisted = await batcher.run(
    resaleTokens.map((tokenId) => ({
      from: owner.get(tokenId) as Wallet,
      to: addr.market,
      data: iface.market.encodeFunctionData("list", [tokenId, addr.usdc, S.resalePrice, expiry]),
    })),
  );
  const resaleListings = idsOf(relisted, "Listed", "listingId");
  await batcher.run(
    resaleListings.map((listingId, k) => {
      const tokenId = resaleTokens[k] ?? 0n;
      const seller = owner.get(tokenId);
      const index = buyers.indexOf(seller as Wallet);
      const who = buyers[(index + 1) % nBuyers] as Wallet;
      owner.set(tokenId, who);
      return {
        from: who,
        to: addr.market,
        data: iface.market.encodeFunctionData("buy", [listingId, S.resalePrice]),
      };
    }),
  );

  // Yield: each morning the reporters rate the day before and every miner deposits it.
  const soldUnits = new Map<bigint, bigint>();
  for (const o of offerings)
    soldUnits.set(o.offeringId, (await c.riskControlVault.offering(o.offeringId)).soldUnits);
  let reports = 0;
  let deposits = 0;
  for (let d = 0; d < S.yieldDays; d++) {
    const day = startDay + d;
    const target = (day + 1) * 86_400 + 3_600;
    await provider.send("evm_setNextBlockTimestamp", [target]);
    await provider.send("evm_mine", []);
    await batcher.run([
      ...reporters.map((reporter) => ({
        from: reporter,
        to: addr.oracle,
        data: iface.oracle.encodeFunctionData("report", [FILECOIN, day, marketValue(day)]),
      })),
      ...offerings.map((o) => ({
        from: o.miner,
        to: addr.vault,
        data: iface.vault.encodeFunctionData("depositYield", [
          o.offeringId,
          day,
          marketValue(day) * (soldUnits.get(o.offeringId) ?? 0n),
        ]),
      })),
    ]);
    reports += reporters.length;
    deposits += offerings.length;
  }

  // Claims: every buyer claims all it holds.
  const holdings = new Map<Wallet, bigint[]>();
  for (const [tokenId, who] of owner) holdings.set(who, [...(holdings.get(who) ?? []), tokenId]);
  const claimCalls = [...holdings].map(([who, tokenIds]) => ({
    from: who,
    to: addr.vault,
    data: iface.vault.encodeFunctionData("claim", [tokenIds]),
  }));
  await batcher.run(claimCalls);
  await provider.send("evm_setAutomine", [true]);

  const last = await provider.getBlockNumber();
  let transactions = 0;
  for (let n = first; n <= last; n++) transactions += (await provider.getBlock(n))?.transactions.length ?? 0;
  const nOfferings = offerings.length;
  return {
    miners: nMiners,
    buyers: nBuyers,
    offerings: nOfferings,
    certificates: owner.size,
    listings: resaleListings.length,
    primarySales: nOfferings * (S.bought + S.acceptedOffers) + auctionIds.length,
    secondarySales: resaleListings.length,
    auctions: auctionIds.length,
    bids,
    settledAuctions: auctionIds.length,
    offers: offerIds.length,
    acceptedOffers: nOfferings * S.acceptedOffers,
    cancelledOffers: nOfferings * S.cancelledOffers,
    oracleReports: reports,
    yieldDeposits: deposits,
    claims: claimCalls.length,
    transactions,
    blocks: { first, last },
    wallMs: Math.round(performance.now() - started),
  };
}

async function now(chain: LocalChain): Promise<number> {
  const block = await chain.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  return block.timestamp;
}
