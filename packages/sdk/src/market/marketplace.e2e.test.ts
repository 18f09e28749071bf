// DESIGN §3.5 end to end on anvil, through the SDK only: the story of src/testing/marketWorld.ts (a miner
// lists 10 certificates of a new offering; three buyers buy, one with buyMany, one with buyAvailable; one
// certificate is auctioned and a bid in the last 10 minutes extends the end; one is sold through an offer
// on the offering; one bought certificate is resold), with the hand-computed money of every sale
// (USDC, 6 decimals; fees: 5% channel, 2% trading, 20% of fees to the insurance reserve, the rest to the
// treasury = the DAO timelock; fees accrue in the marketplace until anyone calls `collectFees`):
//
// | sale                          | price          | fee        | insurance | treasury   | net            | net goes to |
// |-------------------------------|----------------|------------|-----------|------------|----------------|-------------|
// | 6 primary buys (#1-#6)        | 6 × 1,000      | 6 × 50     | 6 × 10    | 6 × 40     | 6 × 950        | vault       |
// | auction of #11 (primary)      | 840.000002     | 42         | 8.4       | 33.6       | 798.000002     | vault       |
// | offering offer, #12 (primary) | 900            | 45         | 9         | 36         | 855            | vault       |
// | Alice's resale of #1          | 1,234.567891   | 24.691357  | 4.938271  | 19.753086  | 1,209.876534   | Alice       |
// | total                         |                |            | 82.338271 | 329.353086 | 7,353.000002 in the vault    |
//
// Roundings: 5% of 840.000002 is 42.0000001 → 42 (down); 2% of 1,234.567891 is 24.69135782 → 24.691357
// (down); 20% of 24.691357 is 4.9382714 → 4.938271 (down; the treasury gets the rest); the minimum bid over
// 800.000001 is 800.000001 + 40.00000005 → 840.000002 (the increment rounds up).
//
// Final USDC (each buyer started with 5,000): Alice 5,000 - 2,000 + 1,209.876534; Bob 5,000 - 3,000 (his
// offer was refunded); Carol 5,000 - 1,000 - 900; Dave 5,000 - 1,234.567891 (his outbid bid was repaid);
// Erin 5,000 - 840.000002; the miner 0 (primary proceeds are escrow in the vault); the marketplace 0 once the
// fees are collected.
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalChain } from "../../test/localChain.js";
import {
  AUCTION_DURATION,
  type AuctionRun,
  BUYER_FUNDS,
  certificate,
  LATE_BID_LEAD,
  listingId,
  MARKET_PRICES,
  type MarketCast,
  marketCast,
  marketTxGas,
  type OpenMarket,
  openMarket,
  type PrimarySales,
  type Resale,
  resell,
  runAuction,
  runOffers,
  sellPrimary,
} from "../../test/marketWorld.js";
import { anvilWallet, USDC, vaultWorld } from "../../test/vaultWorld.js";
import { ContractRevertError, InsufficientBalanceError, InvalidAddressError } from "../errors.js";
import { readCertificate } from "../vault/certificate.js";
import { readOffering } from "../vault/offering.js";
import { transferCertificate } from "../vault/transfer.js";
import { readAuction } from "./auction.js";
import { auctionEndAfterBid, minimumNextBid } from "./auctionMath.js";
import { placeBid } from "./bid.js";
import { buyListing } from "./buy.js";
import { readCredit, withdrawCredit } from "./credit.js";
import { LAUNCH_MARKET_FEES, saleSplit } from "./feeMath.js";
import { collectFees, readAccruedFees, readMarketFees } from "./fees.js";
import { isListingValid, listCertificate, readListing } from "./listing.js";
import { readOffer } from "./offer.js";
import { readQuote } from "./quote.js";
import { readMarketSettings } from "./settings.js";
import { settleAuction } from "./settle.js";

const EXPECTED = {
  insurance: USDC("82.338271"),
  treasury: USDC("329.353086"),
  escrow: USDC("7353.000002"),
  buyers: {
    alice: BUYER_FUNDS - USDC("2000") + USDC("1209.876534"),
    bob: BUYER_FUNDS - USDC("3000"),
    carol: BUYER_FUNDS - USDC("1900"),
    dave: BUYER_FUNDS - USDC("1234.567891"),
    erin: BUYER_FUNDS - USDC("840.000002"),
  },
};

describe("the marketplace: primary sales into the vault, an auction extended by a late bid, a resale", () => {
  const local = useLocalChain();
  const world = vaultWorld(local);
  let cast: MarketCast;
  let market: OpenMarket;
  let primary: PrimarySales;
  let auction: AuctionRun;
  let resale: Resale;
  let start: Record<"treasury" | "insurance" | "vault", bigint>;
  let treasury: string;
  let insuranceReserve: string;

  const usdcOf = (address: string) => world.usdc().balanceOf(address);
  const vaultAddress = () => world.as(world.deployer).riskControlVault.getAddress();

  beforeAll(() => {
    cast = marketCast(world);
  });

  it("sends fees to the timelock (treasury) and the insurance reserve, at 5% / 2% / 20%", async () => {
    const { marketplace } = world.as(world.deployer);
    const fees = await readMarketFees(marketplace);
    treasury = fees.treasury;
    insuranceReserve = fees.insuranceReserve;
    expect(fees).toEqual({
      ...LAUNCH_MARKET_FEES,
      treasury: local.deployment.contracts.DmexTimelock.address,
      insuranceReserve: anvilWallet(2, local.provider).address,
    });
    expect(await readMarketSettings(marketplace)).toMatchObject({
      minBidIncrementBps: 500,
      extension: 600,
      minAuctionDuration: 3_600,
      maxAuctionDuration: 30 * 86_400,
      maxChannelFeeBps: 1_000,
      maxTradingFeeBps: 500,
      listingCount: 0n,
      paused: false,
    });
    start = {
      treasury: await usdcOf(treasury),
      insurance: await usdcOf(insuranceReserve),
      vault: await usdcOf(await vaultAddress()),
    };
  });

  it("lets an onboarded miner list 10 certificates of a new offering with one approval", async () => {
    market = await openMarket(world, cast);
    expect(market.listings.map((l) => l.listingId)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]);
    expect(market.listings[0]?.approval).toBeDefined(); // setApprovalForAll, once
    expect(market.listings.slice(1).every((l) => l.approval === undefined)).toBe(true);
    const listing = await readListing(world.as(cast.alice).marketplace, listingId(market, 7));
    expect(listing).toEqual({
      listingId: 7n,
      seller: cast.miner.address,
      tokenId: certificate(market, 7),
      paymentToken: market.usdc,
      price: MARKET_PRICES.listing,
      expiry: market.expiry,
      // Batch-minted and never moved: the listing binds sale nonce 0, the offering's 10 units, not refunded.
      nonce: 0n,
      valid: true,
      units: 10n,
      refunded: false,
      sellerYield: 0n,
    });
    const quote = await readQuote(
      world.as(cast.alice).marketplace,
      certificate(market, 7),
      MARKET_PRICES.listing,
    );
    expect(quote).toEqual({ ...saleSplit(MARKET_PRICES.listing, true, LAUNCH_MARKET_FEES), sellerYield: 0n });
  });

  it("sells primary certificates to three buyers (buy, buyMany, buyAvailable), escrow into the vault", async () => {
    primary = await sellPrimary(world, cast, market);
    const [first, second] = primary.alice;
    for (const [i, result] of [first, second].entries()) {
      expect(result.sale).toEqual({
        tokenId: certificate(market, i + 1),
        channel: "listing",
        channelId: listingId(market, i + 1),
        seller: cast.miner.address,
        buyer: cast.alice.address,
        paymentToken: market.usdc,
        price: USDC("1000"),
        fee: USDC("50"),
        net: USDC("950"),
        primary: true,
      });
    }
    expect(first.approval).toBeDefined(); // Alice approves 1,000 USDC for each purchase
    expect(primary.bob.purchases.map((p) => [p.listingId, p.sale.tokenId, p.sale.buyer])).toEqual(
      [3, 4, 5].map((i) => [BigInt(i), certificate(market, i), cast.bob.address]),
    );
    expect(primary.bob.approvals).toHaveLength(1); // one approval of 3,000 USDC
    expect(primary.raised).toMatchObject({ listingId: 9n, price: MARKET_PRICES.raised });
    // [#3 (bought by Bob), #6, #10 (cancelled)]: only #6.
    expect(primary.carol.bought).toEqual([false, true, false]);
    expect(primary.carol.skipped).toEqual([3n, 10n]);
    expect(primary.carol.purchases).toHaveLength(1);
    expect(primary.carol.purchases[0]).toMatchObject({
      listingId: 6n,
      sale: { tokenId: certificate(market, 6), buyer: cast.carol.address, net: USDC("950") },
    });

    const { riskControlVault: vault, marketplace, hashrateCertificate } = world.as(cast.carol);
    expect((await readOffering(vault, market.offeringId)).totalEscrow).toBe(USDC("5700"));
    for (const i of [1, 2, 3, 4, 5, 6]) {
      expect(await readCertificate(vault, certificate(market, i))).toMatchObject({
        sold: true,
        escrow: USDC("950"),
      });
    }
    expect(await readCertificate(vault, certificate(market, 7))).toMatchObject({ sold: false, escrow: 0n });
    expect(await hashrateCertificate.ownerOf(certificate(market, 6))).toBe(cast.carol.address);
    expect(await isListingValid(marketplace, 1n)).toBe(false); // sold: the listing is gone
    expect(await usdcOf(cast.miner.address)).toBe(0n);

    // The miner raised #9: a buyer who saw 1,000 USDC is protected by its limit.
    const raised = await buyListing(marketplace, listingId(market, 9), { maxPrice: USDC("1000") }).catch(
      (error: unknown) => error,
    );
    expect(raised).toBeInstanceOf(ContractRevertError);
    expect(raised).toMatchObject({
      errorName: "Marketplace_PriceAboveMax",
      contract: "Marketplace",
      message:
        "Listing #9 now costs 1,100 USDC, more than your limit of 1,000 USDC (its seller changed the price)",
    });
    const gone = await buyListing(marketplace, listingId(market, 1)).catch((error: unknown) => error);
    expect(gone).toMatchObject({ errorName: "Marketplace_UnknownListing" });
    const broke = anvilWallet(16, local.provider);
    await world.fund(broke);
    const poor = await buyListing(world.as(broke).marketplace, listingId(market, 7)).catch(
      (error: unknown) => error,
    );
    expect(poor).toBeInstanceOf(InsufficientBalanceError);
    expect((poor as InsufficientBalanceError).message).toBe(
      `${broke.address} has 0 USDC; this purchase needs 1,000 USDC`,
    );
    const own = await buyListing(world.as(cast.miner).marketplace, listingId(market, 7)).catch(
      (e: unknown) => e,
    );
    expect(own).toMatchObject({ errorName: "Marketplace_SelfDealing" });
  });

  it("runs an auction whose last-minute bid moves the end to 10 minutes after it, then settles it", async () => {
    auction = await runAuction(world, cast, market, {
      afterFirstBid: async () => {
        const asMiner = world.as(cast.miner).marketplace;
        const own = await placeBid(asMiner, 1n, USDC("900")).catch((error: unknown) => error);
        expect(own).toMatchObject({ errorName: "Marketplace_SelfDealing" });
        const low = await placeBid(world.as(cast.erin).marketplace, 1n, MARKET_PRICES.reserve + 1n).catch(
          (error: unknown) => error,
        );
        expect(low).toMatchObject({
          errorName: "Marketplace_BidTooLow",
          message: "A bid of 800.000002 USDC is too low for auction #1: bid at least 840.000002 USDC",
        });
      },
      afterLateBid: async () => {
        const early = await settleAuction(world.as(cast.carol).marketplace, 1n).catch(
          (error: unknown) => error,
        );
        expect(early).toMatchObject({ errorName: "Marketplace_AuctionNotEnded" });
      },
    });
    const { created, firstBid, outbid, outbidTime, settled } = auction;
    expect(created).toMatchObject({
      auctionId: 1n,
      tokenId: certificate(market, 11),
      reserve: MARKET_PRICES.reserve,
      duration: AUCTION_DURATION,
      approval: undefined, // the miner approved all its certificates when listing
    });

    // Dave's bid of the reserve starts the clock: one hour from his bid.
    const firstBidTime = (await firstBid.receipt.getBlock()).timestamp;
    expect(firstBid).toMatchObject({
      bidder: cast.dave.address,
      amount: MARKET_PRICES.reserve,
      started: true,
      extended: false,
      previousEndTime: 0,
      endTime: firstBidTime + AUCTION_DURATION,
      refund: undefined,
    });

    // Erin bids the minimum 5 minutes (and the seconds of her approval) before the end: 5% more rounded up,
    // and the end moves to 10 minutes after her bid.
    const firstEnd = firstBid.endTime;
    expect(outbidTime).toBeGreaterThan(firstEnd - 600);
    expect(outbidTime).toBeLessThanOrEqual(firstEnd - LATE_BID_LEAD + 5);
    expect(outbid.amount).toBe(USDC("840.000002"));
    expect(outbid.amount).toBe(
      minimumNextBid({ reserve: MARKET_PRICES.reserve, highestBid: firstBid.amount }, 500),
    );
    expect(outbid).toMatchObject({ started: false, extended: true, previousEndTime: firstEnd });
    expect(outbid.endTime).toBe(outbidTime + 600);
    expect(outbid.endTime).toBeGreaterThan(firstEnd);
    expect(outbid.endTime).toBe(
      auctionEndAfterBid({ endTime: firstEnd, duration: AUCTION_DURATION }, outbidTime),
    );
    // Dave was repaid at once, not credited.
    expect(outbid.refund).toEqual({
      bidder: cast.dave.address,
      amount: MARKET_PRICES.reserve,
      credited: false,
    });
    expect(await readCredit(world.as(cast.dave).marketplace, cast.dave.address, market.usdc)).toBe(0n);
    const nothing = await withdrawCredit(world.as(cast.dave).marketplace, market.usdc).catch(
      (e: unknown) => e,
    );
    expect(nothing).toMatchObject({
      errorName: "Marketplace_NothingToWithdraw",
      message: `${cast.dave.address} has no credit in ${market.usdc} to withdraw`,
    });

    // Settled after the end: a primary sale, its net into the vault as #11's escrow.
    expect(settled.outcome).toBe("settled");
    if (settled.outcome !== "settled") throw new Error("voided");
    expect(settled.winner).toBe(cast.erin.address);
    expect(settled.sale).toEqual({
      tokenId: certificate(market, 11),
      channel: "auction",
      channelId: created.auctionId,
      seller: cast.miner.address,
      buyer: cast.erin.address,
      paymentToken: market.usdc,
      price: USDC("840.000002"),
      fee: USDC("42"),
      net: USDC("798.000002"),
      primary: true,
    });
    const { riskControlVault: vault, hashrateCertificate, marketplace } = world.as(cast.carol);
    expect(await hashrateCertificate.ownerOf(certificate(market, 11))).toBe(cast.erin.address);
    expect(await readCertificate(vault, certificate(market, 11))).toMatchObject({
      escrow: USDC("798.000002"),
    });
    const after = await readAuction(marketplace, 1n).catch((error: unknown) => error);
    expect(after).toMatchObject({ errorName: "Marketplace_UnknownAuction" }); // settled auctions are deleted
  });

  it("sells #12 through an offer on the offering, and refunds a withdrawn offer", async () => {
    const offers = await runOffers(world, cast, market);
    expect(offers.offeringOffer).toMatchObject({
      anyOfOffering: true,
      target: market.offeringId,
      units: 10n,
    });
    expect(offers.accepted.sale).toMatchObject({
      tokenId: certificate(market, 12),
      channel: "offer",
      channelId: offers.offeringOffer.offerId,
      seller: cast.miner.address,
      buyer: cast.carol.address,
      price: USDC("900"),
      fee: USDC("45"),
      net: USDC("855"),
      primary: true,
    });
    expect(offers.cancelled).toMatchObject({ refunded: MARKET_PRICES.tokenOffer, paymentToken: market.usdc });
    const gone = await readOffer(world.as(cast.bob).marketplace, offers.tokenOffer.offerId).catch(
      (e: unknown) => e,
    );
    expect(gone).toMatchObject({ errorName: "Marketplace_UnknownOffer" });
  });

  it("resells a bought certificate: the seller gets the price less 2%", async () => {
    const aliceBefore = await usdcOf(cast.alice.address);
    resale = await resell(world, cast, market);
    expect(resale.listed.approval).toBeDefined(); // Alice approves the marketplace for #1 only
    expect(resale.bought.sale).toEqual({
      tokenId: certificate(market, 1),
      channel: "listing",
      channelId: resale.listed.listingId,
      seller: cast.alice.address,
      buyer: cast.dave.address,
      paymentToken: market.usdc,
      price: MARKET_PRICES.resale,
      fee: USDC("24.691357"),
      net: USDC("1209.876534"),
      primary: false,
    });
    const { fee, net, toInsurance, toTreasury } = saleSplit(MARKET_PRICES.resale, false, LAUNCH_MARKET_FEES);
    expect(resale.bought.sale).toMatchObject({ fee, net });
    expect([toInsurance, toTreasury]).toEqual([USDC("4.938271"), USDC("19.753086")]);
    expect((await usdcOf(cast.alice.address)) - aliceBefore).toBe(MARKET_PRICES.resale - USDC("24.691357"));
    // A secondary sale adds no escrow: #1 keeps its primary sale's.
    const { riskControlVault: vault } = world.as(cast.dave);
    expect(await readCertificate(vault, certificate(market, 1))).toMatchObject({
      owner: cast.dave.address,
      escrow: USDC("950"),
    });
  });

  it("lands every fee and every escrow where specified, and nothing with the miner", async () => {
    const vault = await vaultAddress();
    // Fees accrue in the marketplace until anyone collects them for the treasury and the insurance reserve.
    const keeper = world.as(cast.bob).marketplace;
    expect(await readAccruedFees(keeper, market.usdc)).toEqual({
      treasury: EXPECTED.treasury,
      insurance: EXPECTED.insurance,
    });
    expect((await usdcOf(treasury)) - start.treasury).toBe(0n);
    const collected = await collectFees(keeper, market.usdc);
    expect(collected).toMatchObject({
      token: market.usdc,
      treasury,
      toTreasury: EXPECTED.treasury,
      insuranceReserve,
      toInsurance: EXPECTED.insurance,
    });
    expect(await readAccruedFees(keeper, market.usdc)).toEqual({ treasury: 0n, insurance: 0n });
    await expect(collectFees(keeper, market.usdc)).rejects.toMatchObject({
      errorName: "Marketplace_NoFeesAccrued",
    });
    expect((await usdcOf(insuranceReserve)) - start.insurance).toBe(EXPECTED.insurance);
    expect((await usdcOf(treasury)) - start.treasury).toBe(EXPECTED.treasury);
    expect((await usdcOf(vault)) - start.vault).toBe(EXPECTED.escrow);
    const { riskControlVault, marketplace } = world.as(world.deployer);
    expect((await readOffering(riskControlVault, market.offeringId)).totalEscrow).toBe(EXPECTED.escrow);
    const escrows = await Promise.all(
      market.tokenIds.map(async (tokenId) => (await readCertificate(riskControlVault, tokenId)).escrow),
    );
    expect(escrows.reduce((sum, escrow) => sum + escrow, 0n)).toBe(EXPECTED.escrow);
    expect(await usdcOf(cast.miner.address)).toBe(0n);
    expect(await usdcOf(await marketplace.getAddress())).toBe(0n);
    for (const [name, expected] of Object.entries(EXPECTED.buyers)) {
      expect(await usdcOf(cast[name as keyof typeof EXPECTED.buyers].address), name).toBe(expected);
    }
  });

  it("records whole-transaction gas of the benchmark transactions", () => {
    const gas = marketTxGas({ primary, auction, resale });
    for (const [name, used] of Object.entries(gas)) {
      // Receipts' gasUsed: the 21,000 intrinsic gas included, refunds deducted.
      expect(used, name).toBeGreaterThan(21_000);
      expect(used, name).toBeLessThan(500_000);
    }
    expect(gas.primaryBuy).toBe(Number(primary.alice[1].receipt.gasUsed));
    // The first sale of the marketplace pays for first writes (fee recipients' and the vault's USDC, the
    // marketplace's allowance to the vault, the offering's first checkpoint) that later sales reuse.
    expect(gas.firstPrimaryBuy).toBeGreaterThan(gas.primaryBuy);
  });

  it("gives a listed certificate away with transferCertificate: its listing dies, also once it comes back", async () => {
    const tokenId = certificate(market, 2); // Alice's second primary purchase
    const listed = await listCertificate(world.as(cast.alice).marketplace, {
      tokenId,
      paymentToken: market.usdc,
      price: MARKET_PRICES.resale,
      expiry: market.expiry,
    });
    expect(await isListingValid(world.as(cast.bob).marketplace, listed.listingId)).toBe(true);
    const aliceCertificate = world.as(cast.alice).hashrateCertificate;
    const nonceBefore = await aliceCertificate.saleNonce(tokenId);

    await expect(transferCertificate(aliceCertificate, tokenId, "0x1234")).rejects.toBeInstanceOf(
      InvalidAddressError,
    );
    await expect(
      transferCertificate(aliceCertificate, tokenId, "0x0000000000000000000000000000000000000000"),
    ).rejects.toMatchObject({ code: "INVALID_ADDRESS" });
    await expect(
      transferCertificate(world.as(cast.bob).hashrateCertificate, tokenId, cast.bob.address),
    ).rejects.toBeInstanceOf(ContractRevertError);

    const given = await transferCertificate(aliceCertificate, tokenId, cast.erin.address.toLowerCase());
    expect(given).toMatchObject({ tokenId, from: cast.alice.address, to: cast.erin.address });
    expect(given.saleNonce).toBeGreaterThan(nonceBefore);
    expect(await readCertificate(world.as(cast.erin).riskControlVault, tokenId)).toMatchObject({
      owner: cast.erin.address,
      units: 10n,
    });
    expect(await isListingValid(world.as(cast.bob).marketplace, listed.listingId)).toBe(false);
    await expect(
      buyListing(world.as(cast.bob).marketplace, listed.listingId, { maxPrice: MARKET_PRICES.resale }),
    ).rejects.toBeInstanceOf(ContractRevertError);

    await transferCertificate(world.as(cast.erin).hashrateCertificate, tokenId, cast.alice.address);
    expect(await isListingValid(world.as(cast.bob).marketplace, listed.listingId)).toBe(false);
  });
});
