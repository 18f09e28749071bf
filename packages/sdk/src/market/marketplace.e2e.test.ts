// DESIGN §3.5 end to end on anvil, through the SDK only: the story of test/marketWorld.ts (buyers buy units of
// a new offering, each purchase minting one certificate; holders list certificates and three are bought, two
// with buyMany and one with buyAvailable; a lot of units is auctioned and a bid in the last 10 minutes extends
// the end; an offer on the offering is accepted as a primary sale; one certificate is resold), with the
// hand-computed money of every sale (USDC, 6 decimals; fees: 5% channel, 2% trading, 20% of fees to the
// insurance reserve, the rest to the treasury = the DAO timelock; fees accrue in the marketplace until anyone
// calls `collectFees`):
//
// | sale                           | price          | fee        | insurance | treasury   | net            | net goes to |
// |--------------------------------|----------------|------------|-----------|------------|----------------|-------------|
// | 6 primary buys of 10 TiB       | 6 × 1,000      | 6 × 50     | 6 × 10    | 6 × 40     | 6 × 950        | vault       |
// | 3 secondary buys (#3, #4, #6)  | 3 × 1,000      | 3 × 20     | 3 × 4     | 3 × 16     | 3 × 980        | Bob, Carol  |
// | auction of a lot (#7, primary) | 840.000002     | 42         | 8.4       | 33.6       | 798.000002     | vault       |
// | offering offer (#8, primary)   | 900            | 45         | 9         | 36         | 855            | vault       |
// | Alice's resale of #1           | 1,234.567891   | 24.691357  | 4.938271  | 19.753086  | 1,209.876534   | Alice       |
// | total                          |                |            | 94.338271 | 377.353086 | 7,353.000002 in the vault    |
//
// Roundings: 5% of 840.000002 is 42.0000001 → 42 (down); 2% of 1,234.567891 is 24.69135782 → 24.691357
// (down); 20% of 24.691357 is 4.9382714 → 4.938271 (down; the treasury gets the rest); the minimum bid over
// 800.000001 is 800.000001 + 40.00000005 → 840.000002 (the increment rounds up).
//
// Final USDC (each buyer started with 5,000): Alice 5,000 - 2,000 + 1,209.876534; Bob 5,000 - 3,000 + 2 × 980
// (his offer was refunded); Carol 5,000 - 1,000 + 980 - 900; Dave 5,000 - 2,000 - 1,234.567891 (his outbid bid
// was repaid); Erin 5,000 - 1,000 - 840.000002; the miner 0 (primary proceeds are escrow in the vault); the
// marketplace 0 once the fees are collected.
import { ZeroAddress } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalChain } from "../../test/localChain.js";
import {
  AUCTION_DURATION,
  type AuctionRun,
  BUYER_FUNDS,
  certificate,
  LATE_BID_LEAD,
  LOT_UNITS,
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
  type SecondarySales,
  sellPrimary,
  sellSecondary,
} from "../../test/marketWorld.js";
import { anvilWallet, USDC, vaultWorld } from "../../test/vaultWorld.js";
import { ContractRevertError, InsufficientBalanceError, InvalidAddressError } from "../errors.js";
import { readCertificate } from "../vault/certificate.js";
import { closeSale, readOffering, readSaleTerms } from "../vault/offering.js";
import { encodeTokenId } from "../vault/tokenId.js";
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
import { buyPrimaryUnits, primaryLotId, readPrimarySale } from "./primary.js";
import { readPrimaryQuote, readQuote } from "./quote.js";
import { readMarketSettings } from "./settings.js";
import { settleAuction } from "./settle.js";

const EXPECTED = {
  insurance: USDC("94.338271"),
  treasury: USDC("377.353086"),
  escrow: USDC("7353.000002"),
  buyers: {
    alice: BUYER_FUNDS - USDC("2000") + USDC("1209.876534"),
    bob: BUYER_FUNDS - USDC("3000") + USDC("1960"),
    carol: BUYER_FUNDS - USDC("1000") + USDC("980") - USDC("900"),
    dave: BUYER_FUNDS - USDC("2000") - USDC("1234.567891"),
    erin: BUYER_FUNDS - USDC("1000") - USDC("840.000002"),
  },
};

describe("the marketplace: primary sales into the vault, an auction extended by a late bid, a resale", () => {
  const local = useLocalChain();
  const world = vaultWorld(local);
  let cast: MarketCast;
  let market: OpenMarket;
  let primary: PrimarySales;
  let secondary: SecondarySales;
  let auction: AuctionRun;
  let resale: Resale;
  let start: Record<"treasury" | "insurance" | "vault", bigint>;
  let treasury: string;
  let insuranceReserve: string;

  const usdcOf = (address: string) => world.usdc().balanceOf(address);
  const latestTime = async () => {
    const block = await local.provider.getBlock("latest");
    if (!block) throw new Error("no latest block");
    return block.timestamp;
  };
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

  it("lets an onboarded miner put 120 TiB on sale at 100 USDC per TiB, minting nothing", async () => {
    market = await openMarket(world, cast);
    expect(market.created).toMatchObject({
      units: 120n,
      pricePerUnit: MARKET_PRICES.pricePerUnit,
      minLot: 1n,
      saleEnd: market.expiry,
    });
    const { marketplace, hashrateCertificate } = world.as(cast.alice);
    expect(await readPrimarySale(marketplace, market.offeringId)).toMatchObject({
      miner: cast.miner.address,
      paymentToken: market.usdc,
      pricePerUnit: MARKET_PRICES.pricePerUnit,
      unitsOnSale: 120n,
      soldUnits: 0n,
      lotUnits: 0n,
      saleClosed: false,
      status: "Active",
    });
    expect(await hashrateCertificate.holderOf(certificate(market, 1))).toBe(ZeroAddress);
    expect(await readPrimaryQuote(marketplace, MARKET_PRICES.listing)).toEqual({
      ...saleSplit(MARKET_PRICES.listing, true, LAUNCH_MARKET_FEES),
      sellerYield: 0n,
    });
  });

  it("sells units to three buyers, one certificate per purchase, escrow into the vault", async () => {
    primary = await sellPrimary(world, cast, market);
    const [first, second] = primary.alice;
    for (const [i, result] of [first, second].entries()) {
      expect(result).toMatchObject({
        offeringId: market.offeringId,
        tokenId: certificate(market, i + 1),
        units: LOT_UNITS,
        escrow: USDC("950"),
      });
      expect(result.sale).toEqual({
        tokenId: certificate(market, i + 1),
        channel: "primary",
        channelId: market.offeringId,
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
    expect(primary.bob.map((p) => [p.tokenId, p.sale.buyer])).toEqual(
      [3, 4, 5].map((i) => [certificate(market, i), cast.bob.address]),
    );
    expect(primary.carol).toMatchObject({ tokenId: certificate(market, 6), sale: { net: USDC("950") } });

    const { riskControlVault: vault, marketplace, hashrateCertificate } = world.as(cast.carol);
    expect(await readOffering(vault, market.offeringId)).toMatchObject({
      totalEscrow: USDC("5700"),
      soldUnits: 60n,
      lastIndex: 6,
      unitsOnSale: 60n,
    });
    for (const i of [1, 2, 3, 4, 5, 6]) {
      expect(await readCertificate(vault, certificate(market, i))).toMatchObject({
        units: LOT_UNITS,
        escrow: USDC("950"),
      });
    }
    await expect(readCertificate(vault, certificate(market, 7))).rejects.toMatchObject({
      errorName: "RiskControlVault_UnknownCertificate",
    });
    expect(await hashrateCertificate.ownerOf(certificate(market, 6))).toBe(cast.carol.address);
    expect(await usdcOf(cast.miner.address)).toBe(0n);

    // Refused before any approval or transaction: a limit below the price, a buyer without the money, the miner.
    const low = await buyPrimaryUnits(marketplace, market.offeringId, 10n, { maxPrice: USDC("999") }).catch(
      (error: unknown) => error,
    );
    expect(low).toBeInstanceOf(ContractRevertError);
    expect(low).toMatchObject({
      errorName: "Marketplace_PrimaryPriceAboveMax",
      message: `Those units of offering #${market.offeringId} cost 1,000 USDC, more than your limit of 999 USDC`,
    });
    const broke = anvilWallet(16, local.provider);
    await world.fund(broke);
    const poor = await buyPrimaryUnits(world.as(broke).marketplace, market.offeringId, 10n).catch(
      (error: unknown) => error,
    );
    expect(poor).toBeInstanceOf(InsufficientBalanceError);
    expect((poor as InsufficientBalanceError).message).toBe(
      `${broke.address} has 0 USDC; this purchase needs 1,000 USDC`,
    );
    const own = await buyPrimaryUnits(world.as(cast.miner).marketplace, market.offeringId, 10n).catch(
      (e: unknown) => e,
    );
    expect(own).toMatchObject({ errorName: "Marketplace_SelfDealing" });
    const tooMany = await buyPrimaryUnits(marketplace, market.offeringId, 61n).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({
      errorName: "RiskControlVault_UnitsUnavailable",
      args: [market.offeringId, 61n, 60n],
    });
  });

  it("sells listed certificates (buy, buyMany, buyAvailable), the price less 2% to their holders", async () => {
    secondary = await sellSecondary(world, cast, market);
    const id = (i: number) => listingId(secondary, i);
    expect(secondary.listings.map((l) => l.listingId)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(secondary.listings[0]?.approval).toBeDefined(); // Bob's setApprovalForAll, once
    expect(secondary.listings.slice(1, 3).every((l) => l.approval === undefined)).toBe(true);
    expect(secondary.dave.purchases.map((p) => [p.listingId, p.sale.tokenId, p.sale.buyer])).toEqual([
      [1n, certificate(market, 3), cast.dave.address],
      [2n, certificate(market, 4), cast.dave.address],
    ]);
    expect(secondary.dave.purchases[0]?.sale).toMatchObject({
      channel: "listing",
      seller: cast.bob.address,
      fee: USDC("20"),
      net: USDC("980"),
      primary: false,
    });
    expect(secondary.dave.approvals).toHaveLength(1); // one approval of 2,000 USDC
    expect(secondary.raised).toMatchObject({ listingId: 3n, price: MARKET_PRICES.raised });
    // [1 (bought by Dave), 5 (#6), 4 (cancelled)]: only #6.
    expect(secondary.erin.bought).toEqual([false, true, false]);
    expect(secondary.erin.skipped).toEqual([1n, 4n]);
    expect(secondary.erin.purchases[0]).toMatchObject({
      listingId: 5n,
      sale: { tokenId: certificate(market, 6), seller: cast.carol.address, buyer: cast.erin.address },
    });

    const { marketplace, riskControlVault: vault } = world.as(cast.carol);
    const listing = await readListing(marketplace, id(3));
    expect(listing).toEqual({
      listingId: 3n,
      seller: cast.bob.address,
      tokenId: certificate(market, 5),
      paymentToken: market.usdc,
      price: MARKET_PRICES.raised,
      expiry: market.expiry,
      // Minted to Bob and never moved since: the listing binds sale nonce 0, 10 units, not refunded.
      nonce: 0n,
      valid: true,
      units: LOT_UNITS,
      refunded: false,
      sellerYield: 0n,
    });
    const quote = await readQuote(marketplace, certificate(market, 5), MARKET_PRICES.listing);
    expect(quote).toEqual({
      ...saleSplit(MARKET_PRICES.listing, false, LAUNCH_MARKET_FEES),
      sellerYield: 0n,
    });
    // A secondary sale adds no escrow: #3 keeps its primary sale's.
    expect(await readCertificate(vault, certificate(market, 3))).toMatchObject({
      owner: cast.dave.address,
      escrow: USDC("950"),
    });
    expect(await isListingValid(marketplace, id(1))).toBe(false); // sold: the listing is gone

    // Bob raised #5: a buyer who saw 1,000 USDC is protected by its limit.
    const raised = await buyListing(marketplace, id(3), { maxPrice: USDC("1000") }).catch(
      (error: unknown) => error,
    );
    expect(raised).toBeInstanceOf(ContractRevertError);
    expect(raised).toMatchObject({
      errorName: "Marketplace_PriceAboveMax",
      contract: "Marketplace",
      message:
        "Listing #3 now costs 1,100 USDC, more than your limit of 1,000 USDC (its seller changed the price)",
    });
    const gone = await buyListing(marketplace, id(1)).catch((error: unknown) => error);
    expect(gone).toMatchObject({ errorName: "Marketplace_UnknownListing" });
    const broke = anvilWallet(16, local.provider);
    const poor = await buyListing(world.as(broke).marketplace, id(3)).catch((error: unknown) => error);
    expect(poor).toBeInstanceOf(InsufficientBalanceError);
    expect((poor as InsufficientBalanceError).message).toBe(
      `${broke.address} has 0 USDC; this purchase needs 1,100 USDC`,
    );
    const own = await buyListing(world.as(cast.bob).marketplace, id(3)).catch((e: unknown) => e);
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
      offeringId: market.offeringId,
      units: LOT_UNITS,
      lotId: primaryLotId(market.offeringId),
      paymentToken: market.usdc,
      reserve: MARKET_PRICES.reserve,
      duration: AUCTION_DURATION,
    });
    expect(created.lotId).toBe(encodeTokenId(market.offeringId, 0n)); // index 0: no certificate

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

    // Settled after the end: a primary sale, #7 minted to Erin, its net into the vault as its escrow.
    expect(settled.outcome).toBe("settled");
    if (settled.outcome !== "settled") throw new Error("voided");
    expect(settled.winner).toBe(cast.erin.address);
    expect(settled.sale).toEqual({
      tokenId: certificate(market, 7),
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
    expect(await hashrateCertificate.ownerOf(certificate(market, 7))).toBe(cast.erin.address);
    expect(await readCertificate(vault, certificate(market, 7))).toMatchObject({
      units: LOT_UNITS,
      escrow: USDC("798.000002"),
    });
    expect(await readSaleTerms(vault, market.offeringId)).toMatchObject({ soldUnits: 70n, lotUnits: 0n });
    const after = await readAuction(marketplace, 1n).catch((error: unknown) => error);
    expect(after).toMatchObject({ errorName: "Marketplace_UnknownAuction" }); // settled auctions are deleted
  });

  it("sells 10 TiB through an offer on the offering (#8, primary), and refunds a withdrawn offer", async () => {
    const offers = await runOffers(world, cast, market);
    expect(offers.offeringOffer).toMatchObject({
      anyOfOffering: true,
      target: market.offeringId,
      units: 10n,
    });
    expect(offers.accepted).toMatchObject({
      tokenId: certificate(market, 8),
      units: 10n,
      escrow: USDC("855"),
    });
    expect(offers.accepted.sale).toMatchObject({
      tokenId: certificate(market, 8),
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
      [1, 2, 3, 4, 5, 6, 7, 8].map(
        async (i) => (await readCertificate(riskControlVault, certificate(market, i))).escrow,
      ),
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
    const tokenId = certificate(market, 2); // Alice's second primary purchase (her listing of it was cancelled)
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

  it("closes the sale: anyone after the window, the unsold units back to the miner's capacity", async () => {
    const { riskControlVault } = world.as(cast.alice);
    const early = await closeSale(riskControlVault, market.offeringId).catch((error: unknown) => error);
    expect(early).toMatchObject({
      errorName: "RiskControlVault_SaleNotEnded",
      args: [market.offeringId, BigInt(market.expiry)],
    });
    await world.advance(market.expiry - (await latestTime()) + 1);
    expect(await readSaleTerms(riskControlVault, market.offeringId)).toMatchObject({ unitsOnSale: 0n });
    const late = await buyPrimaryUnits(world.as(cast.bob).marketplace, market.offeringId, 10n).catch(
      (error: unknown) => error,
    );
    expect(late).toMatchObject({ errorName: "RiskControlVault_SaleNotOpen", contract: "RiskControlVault" });
    const closed = await closeSale(riskControlVault, market.offeringId);
    expect(closed).toMatchObject({ unsoldUnits: 40n, soldUnits: 80n, lotUnits: 0n, finished: false });
    expect(await readOffering(riskControlVault, market.offeringId)).toMatchObject({
      saleClosed: true,
      reservedUnits: 80n,
    });
  });
});
