// The marketplace indexed end to end: the SDK's market story (primary purchases of units, each minting one
// certificate; listings of those certificates bought with buyMany / buyAvailable with skipped listings, a raised
// and a cancelled listing; a primary auction of a lot extended by a late bid; a primary offer accepted and an
// offer withdrawn; a resale; fee collection), then the DAO changing fees, recipients, the bid increment and roles,
// a pause, credits for a bidder and a seller that refuse payment (and their withdrawals), a cancelled and a
// voided auction, open listings, auctions and offers. After each part the whole market domain is compared with
// the chain (checks/market.ts), and the records each step's receipt announces are compared with its logs.

import {
  actionFromTx,
  buyAvailableListings,
  buyListing,
  buyPrimaryUnits,
  cancelAuction,
  collectFees,
  connect,
  createAuction,
  createOffering,
  createPrimaryAuction,
  type DmexClient,
  depositYield,
  listCertificate,
  makeOffer,
  placeBid,
  readCertificate,
  setFeeRecipientsAction,
  setMarketFeesAction,
  setMinBidIncrementAction,
  setPaymentTokenAction,
  settleAuction,
  terminateOfferingAction,
  unpauseMarketplaceAction,
  withdrawCredit,
} from "@dmex/sdk";
import {
  certificate,
  listingId,
  type MarketStory,
  marketCast,
  runMarketStory,
} from "@dmex/sdk-test/marketWorld";
import { anvilWallet, DMC, FILECOIN, IFIL, USDC, vaultWorld } from "@dmex/sdk-test/vaultWorld";
import { deployArtifact, send } from "@dmex/testing/artifacts";
import type { Contract } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";

import { checkMarket, logEntityId, offeringOf } from "./checks/market.js";
import { useIndexedChain } from "./harness/indexedChain.js";

// HookToken (the contracts' test token whose receivers can refuse payments) has 18 decimals, like DMC.
const HOOK = DMC;

type Receipt = Awaited<ReturnType<typeof cancelAuction>>;
type LogDescription = NonNullable<ReturnType<DmexClient["marketplace"]["interface"]["parseLog"]>>;

const chain = useIndexedChain();

describe("Marketplace", () => {
  const world = vaultWorld(chain);
  let reader: DmexClient;
  let story: MarketStory;
  let usdc: string;
  let market: string;
  let hook: Contract;

  beforeAll(async () => {
    reader = connect(chain.provider, 31337, { deployment: chain.deployment });
    market = (await reader.marketplace.getAddress()).toLowerCase();
  });

  /** The Marketplace events of a receipt, decoded with the contract's ABI. */
  const marketLogs = (receipt: Receipt, name?: string) => {
    const out: { log: LogDescription; entityId: string }[] = [];
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== market) continue;
      const parsed = reader.marketplace.interface.parseLog(log);
      if (parsed && (name === undefined || parsed.name === name))
        out.push({ log: parsed, entityId: logEntityId(log) });
    }
    return out;
  };
  const chainNow = async () => {
    const block = await chain.provider.getBlock("latest");
    if (!block) throw new Error("no block");
    return block.timestamp;
  };

  it("indexes the market story: primary sales, skipped listings, an extended auction, offers, a resale, fees", async () => {
    const cast = marketCast(world);
    story = await runMarketStory(world, cast);
    usdc = story.market.usdc.toLowerCase();
    const collected = await collectFees(world.as(cast.bob).marketplace, story.market.usdc);
    await chain.sync();
    await checkMarket(chain, reader);

    // Listings (secondary only): Bob's #3-#5 (1-3), Alice's #2 (4), Carol's #6 (5); 1 and 2 bought by Dave's
    // buyMany, 3 raised and still on sale, 4 cancelled, 5 bought by Erin's buyAvailable; the resale (6) sold.
    const { listings } = await chain.query<{
      listings: {
        id: string;
        status: string;
        price: string;
        skippedCount: number;
        sale: { id: string; primary: boolean } | null;
      }[];
    }>("{ listings(first: 100, orderBy: listingId) { id status price skippedCount sale { id primary } } }");
    expect(listings.map((l) => [l.id, l.status, l.sale?.primary ?? null])).toEqual([
      ["1", "SOLD", false],
      ["2", "SOLD", false],
      ["3", "ACTIVE", null],
      ["4", "CANCELLED", null],
      ["5", "SOLD", false],
      ["6", "SOLD", false],
    ]);
    expect(listings.find((l) => l.id === "3")?.price).toBe(USDC("1100").toString());

    // Erin's buyAvailable skipped 1 (Dave's by then) and 4 (cancelled): one ListingSkipped each.
    const skippedLogs = marketLogs(story.secondary.erin.receipt, "ListingSkipped");
    expect(skippedLogs.map(({ log }) => log.args.listingId)).toEqual([1n, 4n]);
    for (const { log } of skippedLogs) {
      expect(listings.find((l) => l.id === log.args.listingId.toString())?.skippedCount).toBe(1);
    }
    const [bought] = marketLogs(story.secondary.erin.receipt, "Sale");
    expect(listings.find((l) => l.id === "5")?.sale?.id).toBe(bought?.entityId);

    // The primary purchases: channel PRIMARY (the channel id is the offering), one certificate minted each.
    const [firstBuy] = marketLogs(story.primary.alice[0].receipt, "Sale");
    const { sale: primaryBuy, offering: sold } = await chain.query<{
      sale: {
        channel: string;
        channelId: string;
        primary: boolean;
        certificate: { id: string; units: string };
      };
      offering: {
        unitsSold: string;
        unitsAvailable: string;
        lotUnits: string;
        lastIndex: number;
        units: string;
      };
    }>(
      `{ sale(id: "${firstBuy?.entityId}") { channel channelId primary certificate { id units } }
         offering(id: "${story.market.offeringId}") { unitsSold unitsAvailable lotUnits lastIndex units } }`,
    );
    expect(primaryBuy).toEqual({
      channel: "PRIMARY",
      channelId: story.market.offeringId.toString(),
      primary: true,
      certificate: { id: certificate(story.market, 1).toString(), units: "10" },
    });
    expect(sold).toEqual({
      units: "120",
      unitsSold: "80",
      unitsAvailable: "40",
      lotUnits: "0",
      lastIndex: 8,
    });

    // Erin's late bid: the Bid names Dave as the bidder it beat and the moved end; the auction counts one extension.
    const [late] = marketLogs(story.auction.outbid.receipt, "BidPlaced");
    const { bid, auction } = await chain.query<{
      bid: {
        bidder: { id: string };
        amount: string;
        endTime: string;
        started: boolean;
        extended: boolean;
        previousBidder: { id: string } | null;
        previousAmount: string;
      };
      auction: {
        status: string;
        winner: { id: string } | null;
        startTime: string;
        endTime: string;
        extensionCount: number;
        bidCount: number;
        primary: boolean;
        lotUnits: string | null;
        certificate: { id: string; units: string } | null;
        sale: { id: string; price: string; primary: boolean } | null;
      };
    }>(
      `{ bid(id: "${late?.entityId}") { bidder { id } amount endTime started extended previousBidder { id } previousAmount }
         auction(id: "1") { status winner { id } startTime endTime extensionCount bidCount primary lotUnits
           certificate { id units } sale { id price primary } } }`,
    );
    expect(bid).toEqual({
      bidder: { id: cast.erin.address.toLowerCase() },
      amount: late?.log.args.amount.toString(),
      endTime: late?.log.args.endTime.toString(),
      started: false,
      extended: true,
      previousBidder: { id: cast.dave.address.toLowerCase() },
      previousAmount: story.auction.firstBid.amount.toString(),
    });
    const [settledSale] = marketLogs(story.auction.settled.receipt, "Sale");
    expect(auction).toEqual({
      status: "SETTLED",
      winner: { id: cast.erin.address.toLowerCase() },
      startTime: String((await story.auction.firstBid.receipt.getBlock()).timestamp),
      endTime: story.auction.outbid.endTime.toString(),
      extensionCount: 1,
      bidCount: 2,
      primary: true,
      lotUnits: "10",
      // The lot's certificate, minted to the winner at settlement.
      certificate: { id: certificate(story.market, 7).toString(), units: "10" },
      sale: { id: settledSale?.entityId, price: settledSale?.log.args.price.toString(), primary: true },
    });

    // Offers: Carol's on the offering, accepted by the miner as a primary sale (#8 minted to her); Bob's on #2,
    // withdrawn.
    const { offers } = await chain.query<{
      offers: {
        id: string;
        status: string;
        anyOfOffering: boolean;
        target: string;
        seller: { id: string } | null;
      }[];
    }>("{ offers(orderBy: offerId) { id status anyOfOffering target seller { id } } }");
    expect(offers).toEqual([
      {
        id: "1",
        status: "ACCEPTED",
        anyOfOffering: true,
        target: story.market.offeringId.toString(),
        seller: { id: cast.miner.address.toLowerCase() },
      },
      {
        id: "2",
        status: "CANCELLED",
        anyOfOffering: false,
        target: certificate(story.market, 2).toString(),
        seller: null,
      },
    ]);
    const { offers: ofOffering } = await chain.query<{ offers: { id: string }[] }>(
      `{ offers(where: { offering: "${story.market.offeringId}", acceptedCertificate: "${certificate(story.market, 8)}" }) { id } }`,
    );
    expect(ofOffering.map((o) => o.id)).toEqual(["1"]);

    // The resale is secondary; the protocol counts 12 sales, 8 primary; fee collection emptied the accrual.
    const [resale] = marketLogs(story.resale.bought.receipt, "Sale");
    const { sale, protocol, feeAccrual, feeCollections } = await chain.query<{
      sale: {
        primary: boolean;
        price: string;
        fee: string;
        net: string;
        seller: { id: string };
        buyer: { id: string };
        channel: string;
      };
      protocol: { saleCount: number; primarySaleCount: number };
      feeAccrual: { treasury: string; insurance: string; totalAccrued: string };
      feeCollections: { toTreasury: string; toInsurance: string; treasury: string }[];
    }>(
      `{ sale(id: "${resale?.entityId}") { primary price fee net seller { id } buyer { id } channel }
         protocol(id: "0x646d6578") { saleCount primarySaleCount }
         feeAccrual(id: "${usdc}") { treasury insurance totalAccrued }
         feeCollections { toTreasury toInsurance treasury } }`,
    );
    expect(sale).toEqual({
      primary: false,
      price: resale?.log.args.price.toString(),
      fee: resale?.log.args.fee.toString(),
      net: (BigInt(resale?.log.args.price ?? 0n) - BigInt(resale?.log.args.fee ?? 0n)).toString(),
      seller: { id: cast.alice.address.toLowerCase() },
      buyer: { id: cast.dave.address.toLowerCase() },
      channel: "LISTING",
    });
    expect(protocol).toEqual({ saleCount: 12, primarySaleCount: 8 });
    const [fees] = marketLogs(collected.receipt, "FeesCollected");
    expect(feeAccrual).toEqual({
      treasury: "0",
      insurance: "0",
      totalAccrued: ((fees?.log.args.toTreasury ?? 0n) + (fees?.log.args.toInsurance ?? 0n)).toString(),
    });
    expect(feeCollections).toEqual([
      {
        toTreasury: fees?.log.args.toTreasury.toString(),
        toInsurance: fees?.log.args.toInsurance.toString(),
        treasury: String(fees?.log.args.treasury).toLowerCase(),
      },
    ]);

    // Market browse: active listings of certificates of the miner's running Filecoin offerings under a price
    // limit, cheapest first, filtered through the offering (the vault part's entity); another miner's finds none.
    const browse = async (miner: string) =>
      (
        await chain.query<{
          listings: {
            id: string;
            price: string;
            certificate: { id: string; units: string; owner: { id: string } };
            offering: {
              id: string;
              status: string;
              termDays: number;
              coin: { id: string };
              miner: { id: string };
            };
          }[];
        }>(
          `{ listings(where: { status: ACTIVE, expiry_gt: "${await chainNow()}", price_lte: "${USDC("1100")}",
               offering_: { coin: "${FILECOIN}", miner: "${miner}", status: ACTIVE, termDays_gte: 30 } },
               orderBy: price, orderDirection: asc) {
             id price certificate { id units owner { id } } offering { id status termDays coin { id } miner { id } } } }`,
        )
      ).listings;
    const minerId = cast.miner.address.toLowerCase();
    expect((await browse(minerId)).sort((a, b) => Number(a.id) - Number(b.id))).toEqual(
      [3].map((i) => ({
        id: String(i),
        price: USDC("1100").toString(),
        certificate: {
          id: certificate(story.market, 5).toString(),
          units: "10",
          owner: { id: cast.bob.address.toLowerCase() },
        },
        offering: {
          id: story.market.offeringId.toString(),
          status: "ACTIVE",
          termDays: 30,
          coin: { id: FILECOIN.toString() },
          miner: { id: minerId },
        },
      })),
    );
    expect(await browse(cast.alice.address.toLowerCase())).toEqual([]);
    expect(offeringOf(certificate(story.market, 5))).toBe(story.market.offeringId.toString());
  });

  it("follows the DAO's fee, recipient, increment and role changes and a pause", async () => {
    const miner2 = anvilWallet(16, chain.provider);
    const pauser = anvilWallet(17, chain.provider);
    const [treasury2, insurance2] = [anvilWallet(18, chain.provider), anvilWallet(19, chain.provider)];
    await world.fund(miner2, pauser);
    hook = await deployArtifact("HookToken.sol/HookToken.json", world.deployer);
    const PAUSER_ROLE = await reader.marketplace.PAUSER_ROLE();
    const { marketplace, riskControlVault } = world.as(world.reserve);
    // The council pauses through its PauseGuardian, the marketplace's pauser beside the timelock.
    const timelockAddress = chain.deployment.contracts.DmexTimelock.address;
    const granted = await marketplace.queryFilter(marketplace.filters.RoleGranted(PAUSER_ROLE), 0);
    const guardian = granted.map((e) => e.args.account).find((a) => a !== timelockAddress);
    if (!guardian) throw new Error("no pauser besides the timelock");
    await world.onboardMiner(miner2, {
      capacityUnits: 30n,
      stake: DMC("10000"),
      extraActions: [
        await setPaymentTokenAction(riskControlVault, await hook.getAddress(), true),
        await setMarketFeesAction(marketplace, {
          channelBps: 600,
          tradingBps: 300,
          insuranceShareBps: 2_500,
        }),
        await setFeeRecipientsAction(marketplace, treasury2.address, insurance2.address),
        await setMinBidIncrementAction(marketplace, 1_000),
        actionFromTx(await marketplace.grantRole.populateTransaction(PAUSER_ROLE, pauser.address)),
        actionFromTx(await marketplace.revokeRole.populateTransaction(PAUSER_ROLE, guardian)),
      ],
    });
    const paused = await (await world.as(pauser).marketplace.pause()).wait();
    if (!paused) throw new Error("no receipt");
    await chain.sync();
    await checkMarket(chain, reader);
    const { marketSettings, roleMembers } = await chain.query<{
      marketSettings: {
        channelFeeBps: number;
        tradingFeeBps: number;
        insuranceShareBps: number;
        minBidIncrementBps: number;
        treasury: string;
        insuranceReserve: string;
        contract: { paused: boolean };
      };
      roleMembers: { account: { id: string }; active: boolean; role: { role: string } }[];
    }>(
      `{ marketSettings(id: "${market}") { channelFeeBps tradingFeeBps insuranceShareBps minBidIncrementBps treasury insuranceReserve contract { paused } }
         roleMembers(where: { role_: { contract: "${market}", role: "${PAUSER_ROLE}" } }) { account { id } active role { role } } }`,
    );
    expect(marketSettings).toEqual({
      channelFeeBps: 600,
      tradingFeeBps: 300,
      insuranceShareBps: 2_500,
      minBidIncrementBps: 1_000,
      treasury: treasury2.address.toLowerCase(),
      insuranceReserve: insurance2.address.toLowerCase(),
      contract: { paused: true },
    });
    const pausers = new Map(roleMembers.map((m) => [m.account.id, m.active]));
    expect(pausers.get(guardian.toLowerCase())).toBe(false);
    expect(pausers.get(pauser.address.toLowerCase())).toBe(true);
    expect(pausers.get(chain.deployment.contracts.DmexTimelock.address.toLowerCase())).toBe(true);
    expect(marketLogs(paused, "Paused")).toHaveLength(1);

    await world.passProposal([await unpauseMarketplaceAction(marketplace)], "# Unpause the marketplace");
    await chain.sync();
    const { marketSettings: after } = await chain.query<{
      marketSettings: { contract: { paused: boolean } };
    }>(`{ marketSettings(id: "${market}") { contract { paused } } }`);
    expect(after.contract.paused).toBe(false);
  });

  it("credits a bidder and a seller that refuse payment, and records their withdrawals", async () => {
    const { alice, bob, carol, dave } = marketCast(world);
    const hookToken = await hook.getAddress();
    // A contract bidder and seller whose HookToken receive hook reverts while it refuses payments.
    const receiver = await deployArtifact(
      "HookReceivers.sol/RevertingReceiver.json",
      world.deployer,
      hookToken,
    );
    const receiverAddress = await receiver.getAddress();
    await send(receiver, "setRefusing", false);
    await send(hook, "mint", receiverAddress, HOOK("100"));
    await send(receiver, "setRefusing", true);
    await send(hook, "mint", bob.address, HOOK("100"));
    await chain.provider.send("anvil_setBalance", [receiverAddress, `0x${HOOK("10").toString(16)}`]);
    await chain.provider.send("anvil_impersonateAccount", [receiverAddress]);
    const asReceiver = connect(await chain.provider.getSigner(receiverAddress), 31337, {
      deployment: chain.deployment,
    });

    // Alice auctions #2 in HOOK (secondary); the receiver bids, Bob outbids: the receiver's refund is credited.
    const created = await createAuction(world.as(alice).marketplace, {
      tokenId: certificate(story.market, 2),
      paymentToken: hookToken,
      reserve: HOOK("10"),
      duration: 3_600,
    });
    await placeBid(asReceiver.marketplace, created.auctionId, "minimum");
    const outbid = await placeBid(world.as(bob).marketplace, created.auctionId, "minimum");
    expect(outbid.refund).toMatchObject({ bidder: receiverAddress, credited: true });
    await world.advance(outbid.endTime - (await chainNow()));
    const settled = await settleAuction(world.as(carol).marketplace, created.auctionId);
    expect(settled.outcome).toBe("settled");

    // Dave hands #1 to the receiver, which lists it in HOOK; Bob buys: the seller's proceeds are credited.
    await (
      await world
        .as(dave)
        .hashrateCertificate.transferFrom(dave.address, receiverAddress, certificate(story.market, 1))
    ).wait();
    const listed = await listCertificate(
      asReceiver.marketplace,
      {
        tokenId: certificate(story.market, 1),
        paymentToken: hookToken,
        price: HOOK("20"),
        expiry: (await chainNow()) + 86_400,
      },
      { approveAll: true },
    );
    const sold = await buyListing(world.as(bob).marketplace, listed.listingId);

    // The receiver accepts payments again and withdraws both credits at once.
    await send(receiver, "setRefusing", false);
    const withdrawal = await withdrawCredit(asReceiver.marketplace, hookToken);
    await chain.provider.send("anvil_stopImpersonatingAccount", [receiverAddress]);
    const hookFees = await collectFees(world.as(carol).marketplace, hookToken);

    await chain.sync();
    await checkMarket(chain, reader);

    const creditLogs = [...marketLogs(outbid.receipt, "Credited"), ...marketLogs(sold.receipt, "Credited")];
    expect(creditLogs).toHaveLength(2);
    const [withdrawnLog] = marketLogs(withdrawal.receipt, "CreditWithdrawn");
    const creditId = `${receiverAddress.toLowerCase()}${hookToken.toLowerCase().slice(2)}`;
    const { credit } = await chain.query<{
      credit: {
        balance: string;
        totalCredited: string;
        totalWithdrawn: string;
        movements: { id: string; kind: string; amount: string }[];
      };
    }>(
      `{ credit(id: "${creditId}") { balance totalCredited totalWithdrawn movements(orderBy: blockNumber) { id kind amount } } }`,
    );
    const total = creditLogs.reduce((sum, { log }) => sum + BigInt(log.args.amount), 0n);
    expect(credit).toEqual({
      balance: "0",
      totalCredited: total.toString(),
      totalWithdrawn: withdrawnLog?.log.args.amount.toString(),
      movements: [
        ...creditLogs.map(({ log, entityId }) => ({
          id: entityId,
          kind: "CREDITED",
          amount: log.args.amount.toString(),
        })),
        { id: withdrawnLog?.entityId, kind: "WITHDRAWN", amount: withdrawnLog?.log.args.amount.toString() },
      ],
    });
    expect(total).toBe(withdrawal.amount);

    // The secondary sale's fee is split by the new 25% insurance share; the HOOK fees went to the new recipients.
    const [saleLog] = marketLogs(sold.receipt, "Sale");
    const fee = BigInt(saleLog?.log.args.fee ?? 0n);
    const { sale } = await chain.query<{
      sale: { fee: string; feeToInsurance: string; feeToTreasury: string; primary: boolean };
    }>(`{ sale(id: "${saleLog?.entityId}") { fee feeToInsurance feeToTreasury primary } }`);
    expect(sale).toEqual({
      fee: fee.toString(),
      feeToInsurance: ((fee * 2_500n) / 10_000n).toString(),
      feeToTreasury: (fee - (fee * 2_500n) / 10_000n).toString(),
      primary: false,
    });
    expect(fee).toBe((HOOK("20") * 300n) / 10_000n);
    const [collectedLog] = marketLogs(hookFees.receipt, "FeesCollected");
    expect(String(collectedLog?.log.args.treasury)).toBe(anvilWallet(18, chain.provider).address);
  });

  it("records a cancelled and a voided auction, and keeps open listings, auctions and offers equal to the views", async () => {
    const { alice, carol, dave } = marketCast(world);
    const miner2 = anvilWallet(16, chain.provider);
    const asMiner2 = world.as(miner2);
    const { offeringId } = await createOffering(
      asMiner2.riskControlVault,
      await world.offeringParams({ units: 30n, startDay: await world.today(), termDays: 30 }),
    );
    // Dave buys 10 TiB (b1); lots of 5 TiB go to primary auctions: one cancelled, one voided, one left open.
    await world.mintUsdc(dave.address, USDC("5000"));
    const { tokenId: b1 } = await buyPrimaryUnits(world.as(dave).marketplace, offeringId, 10n);
    const lot = (reserve: bigint, duration: number) =>
      createPrimaryAuction(asMiner2.marketplace, { offeringId, units: 5n, reserve, duration });
    const cancelled = await lot(USDC("100"), 3_600);
    const cancelReceipt = await cancelAuction(asMiner2.marketplace, cancelled.auctionId);
    const doomed = await lot(USDC("500"), 3_600);
    await world.mintUsdc(alice.address, USDC("500"));
    const { endTime } = await placeBid(world.as(alice).marketplace, doomed.auctionId, "minimum");
    // A lot stays in an unbid auction (CREATED); Carol has an open offer on Dave's b1.
    const open = await lot(USDC("300"), 7_200);
    await world.mintUsdc(carol.address, USDC("250"));
    const offer = await makeOffer(world.as(carol).marketplace, b1, {
      paymentToken: story.market.usdc,
      amount: USDC("250"),
      expiry: (await chainNow()) + 30 * 86_400,
    });

    const { riskControlVault } = world.as(world.reserve);
    await world.passProposal(
      [await terminateOfferingAction(riskControlVault, offeringId)],
      `# Terminate offering #${offeringId}`,
    );
    await world.advance(Math.max(1, endTime - (await chainNow())));
    const voided = await settleAuction(world.as(alice).marketplace, doomed.auctionId);
    expect(voided.outcome).toBe("voided");

    // Carol lists her #8, then auctions it (secondary) and Dave bids: a LIVE auction the check compares with the
    // view. The auction took custody of #8, so the listing is VOID for good (its sale nonce moved).
    const carolsListing = await listCertificate(world.as(carol).marketplace, {
      tokenId: certificate(story.market, 8),
      paymentToken: story.market.usdc,
      price: USDC("900"),
      expiry: (await chainNow()) + 86_400,
    });
    const live = await createAuction(world.as(carol).marketplace, {
      tokenId: certificate(story.market, 8),
      paymentToken: story.market.usdc,
      reserve: USDC("700"),
      duration: 86_400,
    });
    await placeBid(world.as(dave).marketplace, live.auctionId, "minimum");
    // buyAvailable of a listing id that never existed skips it without an entity to count on.
    const unknown = await buyAvailableListings(world.as(dave).marketplace, [
      999n,
      listingId(story.secondary, 3),
    ]);
    expect(unknown.skipped).toEqual([999n]);

    await chain.sync();
    await checkMarket(chain, reader);

    const [voidLog] = marketLogs(voided.receipt, "AuctionVoided");
    const {
      auctions,
      offer: openOffer,
      listing,
      voidListing,
    } = await chain.query<{
      auctions: {
        id: string;
        status: string;
        voidable: boolean;
        voidReason: string | null;
        primary: boolean;
        winner: { id: string } | null;
        highestBidder: { id: string } | null;
      }[];
      offer: { status: string; anyOfOffering: boolean; target: string };
      listing: { skippedCount: number; status: string };
      voidListing: { status: string };
    }>(
      `{ auctions(where: { auctionId_in: ["${cancelled.auctionId}", "${doomed.auctionId}", "${open.auctionId}", "${live.auctionId}"] }, orderBy: auctionId) {
           id status voidable voidReason primary winner { id } highestBidder { id } }
         offer(id: "${offer.offerId}") { status anyOfOffering target }
         listing(id: "${listingId(story.secondary, 3)}") { skippedCount status }
         voidListing: listing(id: "${carolsListing.listingId}") { status } }`,
    );
    expect(auctions).toEqual([
      {
        id: cancelled.auctionId.toString(),
        status: "CANCELLED",
        voidable: false,
        voidReason: null,
        primary: true,
        winner: null,
        highestBidder: null,
      },
      {
        id: doomed.auctionId.toString(),
        status: "VOIDED",
        voidable: false,
        voidReason: String(voidLog?.log.args.reason).toLowerCase(),
        primary: true,
        winner: null,
        highestBidder: { id: alice.address.toLowerCase() },
      },
      {
        id: open.auctionId.toString(),
        status: "CREATED",
        // The termination moved the offering's sale nonce: the unbid lot takes no bids and anyone may void it.
        voidable: true,
        voidReason: null,
        primary: true,
        winner: null,
        highestBidder: null,
      },
      {
        id: live.auctionId.toString(),
        status: "LIVE",
        voidable: false,
        voidReason: null,
        primary: false,
        winner: null,
        highestBidder: { id: dave.address.toLowerCase() },
      },
    ]);
    expect(marketLogs(cancelReceipt, "AuctionCancelled")).toHaveLength(1);
    // Carol's offer on b1 was made while the offering ran; its termination voided it (her funds wait for her cancel).
    expect(openOffer).toEqual({ status: "VOID", anyOfOffering: false, target: b1.toString() });
    expect(voidListing).toEqual({ status: "VOID" });
    // Listing 3 (Bob's #5) was bought by Dave's buyAvailable, not skipped.
    expect(listing).toEqual({ skippedCount: 0, status: "SOLD" });

    // The indexer ran every handler without errors, and the marketplace's handlers found every listing,
    // auction, offer and certificate they referred to (they log a warning otherwise).
    const problems = chain.logger.lines.filter(
      (l) => l.startsWith("ERROR") || /Marketplace: |for unknown (listing|auction|offer)/.test(l),
    );
    expect(problems).toEqual([]);
  });

  it("pays the seller the yield accrued before a resale and records it (SellerYieldPaid)", async () => {
    const cast = marketCast(world);
    const { miner } = cast;
    // A day of the story's offering ends and its miner delivers: #1, bought at its primary sale, accrues yield.
    await world.advance(86_400);
    const day = (await world.today()) - 1;
    await world.mintIfil(miner.address, IFIL("1"));
    await depositYield(world.as(miner).riskControlVault, story.market.offeringId, day, IFIL("1"));
    const tokenId = certificate(story.market, 1);
    const { owner, claimableYield: accrued } = await readCertificate(
      world.as(miner).riskControlVault,
      tokenId,
    );
    const holders = [cast.alice, cast.bob, cast.carol, cast.dave, cast.erin];
    const seller = holders.find((h) => h.address === owner);
    const buyer = holders.find((h) => h.address !== owner);
    if (!seller || !buyer) throw new Error(`#1 is held by ${owner}, not by a buyer of the story`);
    expect(accrued).toBeGreaterThan(0n);

    const listed = await listCertificate(world.as(seller).marketplace, {
      tokenId,
      paymentToken: story.market.usdc,
      price: USDC("1000"),
      expiry: (await chainNow()) + 86_400,
    });
    await world.mintUsdc(buyer.address, USDC("1000"));
    const bought = await buyListing(world.as(buyer).marketplace, listed.listingId, {
      maxPrice: USDC("1000"),
    });
    const [paid] = marketLogs(bought.receipt, "SellerYieldPaid");
    if (!paid) throw new Error("the resale paid the seller no yield");
    // The price bought the remaining stream: what #1 had accrued went to its seller, none is left for the buyer.
    expect(paid.log.args.amount).toBe(accrued);
    expect((await readCertificate(world.as(buyer).riskControlVault, tokenId)).claimableYield).toBe(0n);

    await chain.sync();
    await checkMarket(chain, reader);
    const { sellerYieldPayment } = await chain.query<{
      sellerYieldPayment: {
        certificate: { id: string };
        seller: { id: string };
        token: { id: string };
        amount: string;
        transactionHash: string;
      } | null;
    }>(
      `{ sellerYieldPayment(id: "${paid.entityId}") { certificate { id } seller { id } token { id } amount transactionHash } }`,
    );
    expect(sellerYieldPayment).toEqual({
      certificate: { id: tokenId.toString() },
      seller: { id: seller.address.toLowerCase() },
      token: { id: String(paid.log.args.token).toLowerCase() },
      amount: accrued.toString(),
      transactionHash: bought.receipt.hash.toLowerCase(),
    });
  });
});
