// The SDK's subgraph queries (packages/sdk/src/subgraph) against real indexed data: the protocol driven
// through the SDK's test worlds on anvil, indexed by the embedded indexer on this package's build, read
// with the SDK's query functions over HTTP (chain.indexer.url), and compared with contract reads.
import {
  actionFromTx,
  browseAuctions,
  browseMarket,
  browseMiners,
  browseOfferings,
  browseProposals,
  buildProposal,
  castVote,
  claimYield,
  connect,
  createAuction,
  createOffering,
  createPrimaryAuction,
  createSubgraphClient,
  type DmcToken,
  depositYield,
  grantMarketplaceRoleAction,
  isListingValid,
  listCertificate,
  listCoins,
  listDelegates,
  listDmcHolders,
  listVotes,
  PROTOCOL_ENTITY_ID,
  propose,
  readAllDelegates,
  readAllDmcHolders,
  readCertificateDetail,
  readDayRecords,
  readDelegate,
  readDmcHolderCount,
  readMiner,
  readMinerProfile,
  readMinerRecord,
  readOffering,
  readOfferingDetail,
  readPortfolio,
  readProposal,
  readProposalDetail,
  readProtocolOverview,
  readProtocolTotals,
  SubgraphQueryError,
} from "@dmex/sdk";
import {
  certificate,
  MARKET_PRICES,
  marketCast,
  openMarket,
  sellPrimary,
  sellSecondary,
} from "@dmex/sdk-test/marketWorld";
import { anvilWallet, DMC, FILECOIN, IFIL, USDC, vaultWorld } from "@dmex/sdk-test/vaultWorld";
import { getAddress, ZeroAddress } from "ethers";
import { describe, expect, it } from "vitest";

import { useIndexedChain } from "./harness/indexedChain.js";

const chain = useIndexedChain();

/** The accounts that ever received DMC, with their balance now, from the chain's Transfer logs. */
async function balancesOnChain(dmc: DmcToken): Promise<Map<string, bigint>> {
  const logs = await dmc.queryFilter(dmc.filters.Transfer(), 0, "latest");
  const accounts = [...new Set(logs.map((log) => getAddress(log.args.to)))].filter((a) => a !== ZeroAddress);
  const balances = await Promise.all(accounts.map(async (a) => [a, await dmc.balanceOf(a)] as const));
  return new Map(balances.filter(([, balance]) => balance > 0n));
}

/** Every address that ever had votes or was delegated to, with its votes now. */
async function votesOnChain(dmc: DmcToken): Promise<Map<string, bigint>> {
  const changes = await dmc.queryFilter(dmc.filters.DelegateChanged(), 0, "latest");
  const delegates = [...new Set(changes.map((log) => getAddress(log.args.toDelegate)))].filter(
    (a) => a !== ZeroAddress,
  );
  return new Map(await Promise.all(delegates.map(async (d) => [d, await dmc.getVotes(d)] as const)));
}

describe("SDK subgraph queries", () => {
  it("read DMC holders, the holder count and the protocol totals as the chain has them", async () => {
    const world = vaultWorld(chain);
    const alice = anvilWallet(10, chain.provider);
    const bob = anvilWallet(11, chain.provider);
    await world.fund(alice, bob);
    const dmc = connect(world.reserve, 31337, { deployment: chain.deployment }).dmcToken;
    await (await dmc.transfer(alice.address, DMC("1000"))).wait();
    await (await dmc.transfer(bob.address, DMC("400"))).wait();
    // Bob gives everything back: he stops being a holder.
    await (await dmc.connect(bob).transfer(alice.address, DMC("400"))).wait();
    const head = await chain.sync();

    const subgraph = createSubgraphClient(chain.indexer.url);
    const reader = connect(chain.provider, 31337, { deployment: chain.deployment }).dmcToken;
    const onChain = await balancesOnChain(reader);

    const all = await readAllDmcHolders(subgraph);
    expect(new Map(all.map((h) => [h.address, h.balance]))).toEqual(onChain);
    expect(all.map((h) => h.address)).toEqual(
      [...all.map((h) => h.address)].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
    expect(onChain.get(alice.address)).toBe(DMC("1400"));
    expect(onChain.has(bob.address)).toBe(false);

    // Offset pages of 3, largest balance first, until `next` says there is no more.
    const paged = [];
    let request: { first: number; skip: number } | undefined = { first: 3, skip: 0 };
    while (request) {
      const page = await listDmcHolders(subgraph, request);
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      request = page.next as typeof request;
    }
    expect(paged.map((h) => h.address).sort()).toEqual([...onChain.keys()].sort());
    const balances = paged.map((h) => h.balance);
    expect(balances).toEqual([...balances].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));

    expect(await readDmcHolderCount(subgraph)).toEqual({ holders: onChain.size, block: head });
    const totals = await readProtocolTotals(subgraph);
    expect(totals.dmcHolderCount).toBe(onChain.size);
    expect(totals.dmc).toEqual({
      address: await reader.getAddress(),
      name: await reader.name(),
      symbol: await reader.symbol(),
      decimals: Number(await reader.decimals()),
      totalSupply: await reader.totalSupply(),
      holderCount: onChain.size,
    });
    expect(totals.block.number).toBe(head);
    expect(totals.block.timestamp).toBe((await chain.provider.getBlock(head))?.timestamp);
    expect(totals.hasIndexingErrors).toBe(false);
    expect(PROTOCOL_ENTITY_ID).toBe("0x646d6578");
  });

  it("read delegates with their voting power and delegators as the chain has them", async () => {
    const world = vaultWorld(chain);
    const carol = anvilWallet(12, chain.provider);
    const dave = anvilWallet(13, chain.provider);
    await world.fund(carol, dave);
    const dmc = connect(world.reserve, 31337, { deployment: chain.deployment }).dmcToken;
    await (await dmc.transfer(carol.address, DMC("300"))).wait();
    await (await dmc.transfer(dave.address, DMC("200"))).wait();
    await (await dmc.connect(carol).delegate(carol.address)).wait();
    await (await dmc.connect(dave).delegate(carol.address)).wait();
    await chain.sync();

    const subgraph = createSubgraphClient(chain.indexer.url);
    const reader = connect(chain.provider, 31337, { deployment: chain.deployment }).dmcToken;
    const votes = await votesOnChain(reader);
    const withVotes = new Map([...votes].filter(([, v]) => v > 0n));

    const all = await readAllDelegates(subgraph);
    expect(new Map(all.map((d) => [d.address, d.votingPower]))).toEqual(withVotes);
    for (const delegate of all) {
      expect(delegate.balance).toBe(await reader.balanceOf(delegate.address));
    }
    const everyone = await readAllDelegates(subgraph, { minVotingPower: 0n });
    expect(new Set(everyone.map((d) => d.address))).toEqual(new Set(votes.keys()));

    const carolAsDelegate = await readDelegate(subgraph, carol.address);
    expect(carolAsDelegate).toEqual({
      address: carol.address,
      votingPower: DMC("500"),
      delegatorCount: 2,
      balance: DMC("300"),
    });
    expect(await reader.getVotes(carol.address)).toBe(DMC("500"));
    expect(await readDelegate(subgraph, dave.address)).toBeUndefined();

    const top = await listDelegates(subgraph, { first: 1 });
    const [strongest] = [...withVotes.values()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    expect(top.items.map((d) => d.votingPower)).toEqual([strongest]);
    expect(top.next).toEqual(withVotes.size > 1 ? { first: 1, skip: 1 } : undefined);
  });

  it("read proposals with the Governor's state, tallies, actions and ballots", async () => {
    const world = vaultWorld(chain);
    const miner = anvilWallet(14, chain.provider);
    await world.fund(miner);
    // A whole proposal through the timelock (approve a miner's application), then one left open with a vote.
    await world.onboardMiner(miner, { capacityUnits: 100n, stake: DMC("10000") });
    const asReserve = world.as(world.reserve);
    const open = buildProposal(
      [actionFromTx(await asReserve.dmcToken.transfer.populateTransaction(miner.address, DMC("1")))],
      "# Send the miner 1 DMC\n\nA test proposal that stays open.",
    );
    const { proposalId: openId } = await propose(asReserve.governor, open);
    await world.advance(61);
    await castVote(asReserve.governor, openId, "for", "Fine by me");
    await chain.sync();

    const subgraph = createSubgraphClient(chain.indexer.url);
    const { governor } = connect(chain.provider, 31337, { deployment: chain.deployment });
    const created = await governor.queryFilter(governor.filters.ProposalCreated(), 0, "latest");
    const { items, clock, next } = await browseProposals(subgraph, { first: 1000 });
    expect(next).toBeUndefined();
    expect(clock.timestamp).toBe((await chain.provider.getBlock("latest"))?.timestamp);
    // Newest first, every proposal the Governor created.
    expect(items.map((p) => p.id)).toEqual(created.map((log) => log.args.proposalId).reverse());
    for (const p of items) {
      const onChain = await readProposal(governor, p.id);
      expect({
        id: p.id,
        state: p.state,
        votes: p.votes,
        voteStart: p.voteStart,
        deadline: p.deadline,
        eta: p.eta ?? 0,
        proposer: p.proposer,
        quorum: p.quorum,
      }).toEqual({
        id: onChain.proposalId,
        state: onChain.state,
        votes: onChain.votes,
        voteStart: onChain.snapshot,
        deadline: onChain.deadline,
        eta: onChain.eta,
        proposer: onChain.proposer,
        quorum: onChain.quorum,
      });
    }
    expect(items[0]?.state).toBe("Active");
    expect(items[0]?.title).toBe("Send the miner 1 DMC");
    expect(items.find((p) => p.state === "Executed")).toBeDefined();
    const executed = await browseProposals(subgraph, {}, { statuses: ["EXECUTED"] });
    expect(executed.items.map((p) => p.state)).toEqual(
      items.filter((p) => p.status === "EXECUTED").map(() => "Executed"),
    );

    const detail = await readProposalDetail(subgraph, openId);
    expect(detail?.proposal.actions).toEqual(
      open.actions.map((a) => ({
        target: getAddress(a.target),
        value: a.value,
        calldata: a.calldata.toLowerCase(),
      })),
    );
    const ballots = await governor.queryFilter(governor.filters.VoteCast(), 0, "latest");
    const ballot = ballots.find((log) => log.args.proposalId === openId);
    expect(detail?.proposal.topVotes).toEqual([
      {
        proposalId: openId,
        voter: world.reserve.address,
        support: "for",
        weight: ballot?.args.weight,
        reason: "Fine by me",
        blockNumber: ballot?.blockNumber,
        timestamp: (await ballot?.getBlock())?.timestamp,
        transactionHash: ballot?.transactionHash,
      },
    ]);
    const reserveVotes = await listVotes(subgraph, { voter: world.reserve.address }, { first: 1000 });
    expect(reserveVotes.items.map((v) => v.proposalId).sort()).toEqual(
      ballots
        .filter((log) => getAddress(log.args.voter) === world.reserve.address)
        .map((log) => log.args.proposalId)
        .sort(),
    );
    expect(await readProposalDetail(subgraph, 12345n)).toBeUndefined();
  });

  it("read the miner's profile, the miner list and the coins as the registry has them", async () => {
    const subgraph = createSubgraphClient(chain.indexer.url);
    const client = connect(chain.provider, 31337, { deployment: chain.deployment });
    const miner = anvilWallet(14, chain.provider);
    await chain.sync();

    const onChain = await readMiner(client.minerRegistry, miner.address);
    const profile = await readMinerProfile(subgraph, miner.address);
    expect(profile).toBeDefined();
    expect({
      status: profile?.status,
      maxTermDays: profile?.maxTermDays,
      approvalExpiry: profile?.approvalExpiry ?? 0,
      unlockAt: profile?.unlockAt ?? 0,
      liveOfferings: profile?.liveOfferings,
      coinId: profile?.coin?.id,
      capacityUnits: profile?.capacity,
      usedCapacity: profile?.usedCapacity,
      requiredStake: profile?.requiredStake,
      stake: profile?.stake,
      pendingWithdrawal: profile?.pendingWithdrawal,
      applicationId: profile?.application?.id,
    }).toEqual({
      status: onChain.status,
      maxTermDays: onChain.maxTermDays,
      approvalExpiry: onChain.approvalExpiry,
      unlockAt: onChain.unlockAt,
      liveOfferings: onChain.liveOfferings,
      coinId: onChain.coinId,
      capacityUnits: onChain.capacityUnits,
      usedCapacity: onChain.usedCapacity,
      requiredStake: onChain.requiredStake,
      stake: onChain.stake,
      pendingWithdrawal: onChain.pendingWithdrawal,
      applicationId: onChain.applicationId,
    });
    expect(profile?.status).toBe("Active");
    expect(profile?.stakeEvents.map((e) => [e.kind, e.amount])).toEqual([["STAKED", DMC("10000")]]);
    expect(profile?.statusChanges.map((c) => c.to)).toEqual(["Active", "Approved", "Applied"]);
    expect(await readMinerProfile(subgraph, ZeroAddress)).toBeUndefined();

    const active = await browseMiners(subgraph, {}, { statuses: ["ACTIVE"] });
    expect(active.items.map((m) => m.address)).toContain(miner.address);
    for (const m of active.items)
      expect((await readMiner(client.minerRegistry, m.address)).status).toBe("Active");

    const overview = await readProtocolOverview(client);
    expect(
      (await listCoins(subgraph)).map((c) => ({
        id: c.id,
        name: c.name,
        unitName: c.unitName,
        unitSize: c.unitSize,
        yieldToken: c.yieldToken,
        displayDecimals: c.displayDecimals,
        active: c.active,
        latestFinalDay: c.latestFinalDay ?? 0,
      })),
    ).toEqual(
      overview.registry.coins.map((c) => ({
        id: c.id,
        name: c.name,
        unitName: c.unitName,
        unitSize: c.unitSize,
        yieldToken: c.yieldToken,
        displayDecimals: c.displayDecimals,
        active: c.active,
        latestFinalDay: c.latestFinalDay,
      })),
    );
  });

  it("read an offering's day-by-day delivery, its certificates and the holders' portfolios as the vault has them", async () => {
    const world = vaultWorld(chain);
    const [miner, seller, alice, bob, carol] = [15, 16, 17, 18, 19].map((i) =>
      anvilWallet(i, chain.provider),
    );
    if (!miner || !seller || !alice || !bob || !carol) throw new Error("no wallets");
    await world.fund(miner, seller, alice, bob, carol);
    const reader = connect(chain.provider, 31337, { deployment: chain.deployment });
    const vault = reader.riskControlVault;
    await world.onboardMiner(miner, {
      capacityUnits: 50n,
      stake: DMC("10000"),
      extraActions: [await grantMarketplaceRoleAction(vault, seller.address)],
    });

    // Day 0: 3 certificates of 10 TiB for 10 days; Alice and Bob buy one each.
    const day0 = (await world.today()) + 1;
    await world.advanceToDay(day0);
    const asMiner = world.as(miner);
    const { offeringId } = await createOffering(
      asMiner.riskControlVault,
      await world.offeringParams({ units: 30n, startDay: day0, termDays: 10 }),
    );
    const tokens: bigint[] = [];
    for (const buyer of [alice, bob]) {
      await world.mintUsdc(buyer.address, USDC("1000"));
      const sold = await world.sell({ seller, buyer, offeringId, units: 10n, price: USDC("1000") });
      tokens.push(sold.tokenId);
    }
    const [aliceToken, bobToken] = tokens;
    if (aliceToken === undefined || bobToken === undefined) throw new Error("no certificates");
    // The oracle rates each day before the miner pays it. Days 0-1 paid in full (Ok), day 2 at half (Short:
    // 0.02 of the 0.032 IFIL its 20 units need at 80% of the market), days 3-4 not paid (Missed, no event says
    // so: the subgraph has no row for them), day 5 today (Open). Delivery is in order: a payment for day 3 or 4
    // would first fill day 2, so no later day can hold yield while day 2 is short (nor show Delivered).
    const market = IFIL("0.002");
    const paid = [market * 20n, market * 20n, market * 10n];
    for (const [i, amount] of paid.entries()) {
      await world.advanceToDay(day0 + i + 1);
      await world.reportMarket(day0 + i, market);
      await world.mintIfil(miner.address, amount);
      const { nextDay } = await depositYield(asMiner.riskControlVault, offeringId, day0 + i, amount);
      expect(nextDay).toBe(day0 + Math.min(i + 1, 2));
      if (i === 1) await claimYield(world.as(alice).riskControlVault, [aliceToken]);
    }
    await world.advanceToDay(day0 + 5, 3_600);
    // Bob gives his certificate to Carol: its unclaimed yield goes with it.
    await (await world.as(bob).hashrateCertificate.transferFrom(bob.address, carol.address, bobToken)).wait();
    await chain.sync();

    const subgraph = createSubgraphClient(chain.indexer.url);
    const detail = await readOfferingDetail(subgraph, offeringId);
    if (!detail) throw new Error(`offering ${offeringId} not indexed`);
    const { offering } = detail;
    expect(detail.clock.today).toBe(day0 + 5);
    const onChain = await readOffering(vault, offeringId);
    expect({
      status: offering.status,
      miner: offering.miner,
      paymentToken: offering.paymentToken,
      yieldToken: offering.yieldToken,
      startDay: offering.startDay,
      endDay: offering.endDay,
      nextDay: offering.deliveredUntil,
      firstSaleDay: offering.firstSaleDay,
      unitsSold: offering.unitsSold,
      accYieldPerUnit: offering.yield.accPerUnit,
      yieldDeposited: offering.yield.deposited,
      totalEscrow: offering.escrow.deposited,
      escrowReleased: offering.escrow.released,
      escrowWithdrawn: offering.escrow.withdrawn,
      withdrawable: offering.escrow.withdrawable,
    }).toEqual({
      status: onChain.status,
      miner: onChain.miner,
      paymentToken: onChain.paymentToken,
      yieldToken: onChain.yieldToken,
      startDay: onChain.startDay,
      endDay: onChain.endDay,
      nextDay: onChain.nextDay,
      firstSaleDay: onChain.firstSaleDay,
      unitsSold: onChain.soldUnits,
      accYieldPerUnit: onChain.accYieldPerUnit,
      yieldDeposited: onChain.yieldDeposited,
      totalEscrow: onChain.totalEscrow,
      escrowReleased: onChain.escrowReleased,
      escrowWithdrawn: onChain.escrowWithdrawn,
      withdrawable: onChain.withdrawable,
    });
    expect(offering.remainingDays).toBe(5);

    // Day by day, the whole term, as the vault's dayRecords reads it now.
    const days = await readDayRecords(vault, offeringId, onChain.startDay, onChain.endDay - 1);
    expect(detail.delivery.map(({ depositCount: _d, marketFinal: _m, ...day }) => day)).toEqual(days);
    expect(detail.delivery.map((d) => d.status)).toEqual([
      "Ok",
      "Ok",
      "Short",
      "Missed",
      "Missed",
      "Open",
      "Open",
      "Open",
      "Open",
      "Open",
    ]);
    expect(detail.summary).toEqual({ owedDays: 5, ok: 2, short: 1, delivered: 0, missed: 2 });

    // Certificates: claimable and refundable are the vault's.
    for (const tokenId of tokens) {
      const c = await readCertificateDetail(subgraph, tokenId);
      expect({
        owner: c?.certificate.owner,
        claimable: c?.certificate.claimableYield,
        refundable: c?.certificate.refundable,
      }).toEqual({
        owner: await reader.hashrateCertificate.ownerOf(tokenId),
        claimable: await vault.claimable(tokenId),
        refundable: await vault.refundable(tokenId),
      });
    }
    const bobs = await readCertificateDetail(subgraph, bobToken);
    const moves = await reader.hashrateCertificate.queryFilter(
      reader.hashrateCertificate.filters.Transfer(undefined, undefined, bobToken),
      0,
      "latest",
    );
    expect(bobs?.transfers.map((t) => [t.from, t.to, t.transactionHash])).toEqual(
      moves.map((log) => [getAddress(log.args.from), getAddress(log.args.to), log.transactionHash]).reverse(),
    );
    expect(bobs?.transfers[0]).toMatchObject({ from: bob.address, to: carol.address });
    expect((await readCertificateDetail(subgraph, aliceToken))?.yieldClaims.map((c) => c.holder)).toEqual([
      alice.address,
    ]);
    expect(await vault.claimable(bobToken)).toBeGreaterThan(0n);

    // Portfolios: the certificates each holds, with the vault's claimable yield per yield token.
    for (const holder of [alice, bob, carol]) {
      const portfolio = await readPortfolio(subgraph, holder.address);
      const owned = [];
      for (const tokenId of tokens) {
        if ((await reader.hashrateCertificate.ownerOf(tokenId)) === holder.address) owned.push(tokenId);
      }
      expect(portfolio.certificates.map((c) => c.certificate.tokenId)).toEqual(owned);
      let claimable = 0n;
      for (const tokenId of owned) claimable += await vault.claimable(tokenId);
      expect(portfolio.claimableYield).toEqual(
        claimable > 0n ? [{ token: onChain.yieldToken, amount: claimable }] : [],
      );
      expect(portfolio.dmcBalance).toBe(await reader.dmcToken.balanceOf(holder.address));
    }

    // The miner's record and the offerings list.
    const record = await readMinerRecord(subgraph, miner.address);
    expect(record.offerings.map((o) => o.offering.id)).toEqual([offeringId]);
    const count = (status: string) => days.filter((d) => d.status === status).length;
    expect(record.totals).toMatchObject({
      offerings: 1,
      active: 1,
      ok: count("Ok"),
      short: count("Short"),
      delivered: count("Delivered"),
      missed: count("Missed"),
    });
    const mine = await browseOfferings(subgraph, {}, { miner: miner.address });
    expect(mine.items.map((o) => o.id)).toEqual([offeringId]);
    const filecoin = await browseOfferings(
      subgraph,
      { first: 1000 },
      { coinId: FILECOIN, statuses: ["Active"] },
    );
    expect(filecoin.items.map((o) => o.id)).toContain(offeringId);
    expect(filecoin.items.every((o) => o.coin.id === FILECOIN && o.status === "Active")).toBe(true);
  });

  it("browse the market by price, coin and miner, with the listings the marketplace would sell", async () => {
    const world = vaultWorld(chain);
    const cast = marketCast(world);
    const market = await openMarket(world, cast);
    await sellPrimary(world, cast, market);
    await sellSecondary(world, cast, market);
    // Dave lists the #3 and #4 he bought at 1,000 USDC (one approval for all), beside Bob's #5 at 1,100.
    for (const [i, approveAll] of [
      [3, true],
      [4, false],
    ] as const) {
      await listCertificate(
        world.as(cast.dave).marketplace,
        {
          tokenId: certificate(market, i),
          paymentToken: market.usdc,
          price: MARKET_PRICES.listing,
          expiry: market.expiry,
        },
        { approveAll },
      );
    }
    // The miner auctions a lot of 10 TiB (no certificate until settled); Alice auctions her #1: the marketplace
    // holds it, her portfolio shows it in auction.
    const lot = await createPrimaryAuction(world.as(cast.miner).marketplace, {
      offeringId: market.offeringId,
      units: 10n,
      reserve: MARKET_PRICES.reserve,
      duration: 3_600,
    });
    const first = certificate(market, 1);
    const { auctionId } = await createAuction(world.as(cast.alice).marketplace, {
      tokenId: first,
      paymentToken: market.usdc,
      reserve: MARKET_PRICES.reserve,
      duration: 3_600,
    });
    await chain.sync();

    const subgraph = createSubgraphClient(chain.indexer.url);
    const reader = connect(chain.provider, 31337, { deployment: chain.deployment });
    const { marketplace, riskControlVault: vault, hashrateCertificate } = reader;
    const now = (await chain.provider.getBlock("latest"))?.timestamp ?? 0;
    const count = await marketplace.listingCount();
    const valid: bigint[] = [];
    for (let id = 1n; id <= count; id++) if (await isListingValid(marketplace, id)) valid.push(id);
    expect(valid.length).toBeGreaterThan(0);

    const all = await browseMarket(subgraph, { first: 1000 }, {}, { now });
    expect(all.items.map((l) => l.listingId).sort()).toEqual(valid.sort());
    expect(all.items.every((l) => l.buyable)).toBe(true);
    const prices = all.items.map((l) => l.price);
    expect(prices).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const l of all.items) {
      const onChain = await marketplace.listing(l.listingId);
      expect({ seller: l.seller, tokenId: l.certificate.tokenId, price: l.price, expiry: l.expiry }).toEqual({
        seller: onChain.seller,
        tokenId: onChain.tokenId,
        price: onChain.price,
        expiry: Number(onChain.expiry),
      });
      expect(l.pricePerUnit).toBe(l.price / 10n);
      expect(l.offering.id).toBe(market.offeringId);
      expect(l.certificate.claimableYield).toBe(await vault.claimable(l.certificate.tokenId));
    }

    const cheap = await browseMarket(subgraph, { first: 1000 }, { maxPrice: MARKET_PRICES.listing }, { now });
    expect(cheap.items.map((l) => l.listingId).sort()).toEqual(
      all.items
        .filter((l) => l.price <= MARKET_PRICES.listing)
        .map((l) => l.listingId)
        .sort(),
    );
    expect(cheap.items.length).toBeLessThan(all.items.length);
    const dear = await browseMarket(subgraph, {}, { minPrice: MARKET_PRICES.listing + 1n }, { now });
    expect(dear.items.map((l) => l.price)).toEqual([MARKET_PRICES.raised]);
    const byMiner = await browseMarket(
      subgraph,
      { first: 1000 },
      { miner: cast.miner.address, coinId: FILECOIN },
      { now },
    );
    expect(byMiner.items.length).toBe(all.items.length);
    expect((await browseMarket(subgraph, {}, { miner: world.reserve.address }, { now })).items).toEqual([]);
    expect((await browseMarket(subgraph, {}, { coinId: 2n }, { now })).items).toEqual([]);
    // From their expiry on the marketplace refuses them, so the default browse has nothing; they are still
    // ACTIVE on request.
    expect((await browseMarket(subgraph, {}, {}, { now: market.expiry - 1 })).items.length).toBe(
      all.items.length,
    );
    expect((await browseMarket(subgraph, {}, {}, { now: market.expiry })).items).toEqual([]);
    const sold = await browseMarket(subgraph, { first: 1000 }, { statuses: ["SOLD"] }, { now });
    for (const l of sold.items) expect(await isListingValid(marketplace, l.listingId)).toBe(false);

    const auctions = await browseAuctions(subgraph);
    const auction = auctions.items.find((a) => a.auctionId === auctionId);
    expect(auction).toMatchObject({
      status: "CREATED",
      seller: cast.alice.address,
      reserve: MARKET_PRICES.reserve,
      primary: false,
      lotUnits: undefined,
      certificate: { tokenId: first },
    });
    expect(auctions.items.find((a) => a.auctionId === lot.auctionId)).toMatchObject({
      status: "CREATED",
      seller: cast.miner.address,
      primary: true,
      lotUnits: 10n,
      certificate: undefined,
    });
    expect(await hashrateCertificate.ownerOf(first)).toBe(await marketplace.getAddress());
    const alicePortfolio = await readPortfolio(subgraph, cast.alice.address);
    expect(alicePortfolio.inAuction.map((a) => a.certificate?.tokenId)).toEqual([first]);
    const owned = [];
    for (let i = 1; i <= 6; i++) {
      const tokenId = certificate(market, i);
      if ((await hashrateCertificate.ownerOf(tokenId)) === cast.alice.address) owned.push(tokenId);
    }
    expect(owned).toEqual([certificate(market, 2)]);
    expect(alicePortfolio.certificates.map((c) => c.certificate.tokenId)).toEqual(owned);

    // A listing is buyable only while the marketplace may move the certificate: Dave revokes his approval of
    // all his certificates, then approves one listed token on its own.
    const marketAddress = await marketplace.getAddress();
    const asDave = world.as(cast.dave).hashrateCertificate;
    const daveListings = all.items.filter((l) => l.seller === cast.dave.address);
    const kept = daveListings[0];
    if (!kept || daveListings.length < 2) throw new Error("Dave needs two live listings");
    await (await asDave.setApprovalForAll(marketAddress, false)).wait();
    await (await asDave.approve(marketAddress, kept.certificate.tokenId)).wait();
    await chain.sync();
    const after = await browseMarket(subgraph, { first: 1000 }, {}, { now });
    expect(after.items.map((l) => l.listingId)).toEqual(all.items.map((l) => l.listingId));
    for (const l of after.items) expect(l.buyable).toBe(await isListingValid(marketplace, l.listingId));
    const stillBuyable = all.items.filter((l) => l.seller !== cast.dave.address || l === kept);
    expect(after.items.filter((l) => l.buyable).map((l) => l.listingId)).toEqual(
      stillBuyable.map((l) => l.listingId),
    );
  });

  it("report the server's refusal as a SubgraphQueryError", async () => {
    const subgraph = createSubgraphClient(chain.indexer.url);
    // skip beyond the API's limit: the server refuses, the SDK says so with the server's message.
    const error = await listDmcHolders(subgraph, { first: 10, skip: 1_000_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphQueryError);
    expect((error as SubgraphQueryError).errors[0]?.message).toMatch(/skip/);
  });
});
