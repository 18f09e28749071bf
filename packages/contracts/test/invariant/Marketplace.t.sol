// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {CertificateId} from "../../src/libraries/CertificateId.sol";
import {AccruedFees, Auction, Offer} from "../../src/types/Market.sol";
import {Offering, OfferingParams} from "../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../MarketplaceTestBase.t.sol";
import {InvariantTest} from "../utils/InvariantTest.sol";
import {MarketplaceHandler} from "./handlers/MarketplaceHandler.sol";
import {
    AuctionGhost,
    CertificateGhost,
    DeliveryGhost,
    MarketplaceStore,
    OfferGhost,
    SaleGhost
} from "./stores/MarketplaceStore.sol";

/// @notice Marketplace invariants; see README.md beside this file for each in prose.
contract Marketplace_Invariant_Test is MarketplaceTestBase, InvariantTest {
    uint32 internal constant SHORT_TERM = 3;
    /// @dev Certificates of each offering the store knows (the handler moves only those).
    uint32 internal constant TRACKED = 8;

    MarketplaceHandler internal handler;
    MarketplaceStore internal store;
    address internal miner2;
    uint256 internal shortOfferingId;
    address[] internal miners;
    address[] internal holders;
    address[] internal actors;
    address[] internal paymentTokens;
    uint256[] internal offeringIds;
    /// @dev Balances before the first call: the fee recipients' (per token) and the miners' (per miner, token).
    mapping(address account => mapping(address token => uint256)) internal initialBalance;

    function setUp() public override {
        super.setUp();
        store = new MarketplaceStore();

        // A second miner, with a three-day offering paid in DAI: its sales close within a run.
        miner2 = makeAddr("miner2");
        fundMiner(miner2);
        activate(miner2);
        OfferingParams memory params = defaultOffering();
        params = withLots(params, UNITS, TRACKED);
        (params.paymentToken, params.termDays) = (address(dai), SHORT_TERM);
        params.saleEnd = uint40((uint256(params.startDay) + SHORT_TERM) * 1 days);
        shortOfferingId = createOfferingAs(miner2, params);
        vm.prank(miner2);
        certificate.setApprovalForAll(address(market), true);

        // The hook receivers pay in USDC too.
        address[2] memory receivers = [address(reverter), address(burner)];
        for (uint256 i; i < 2; ++i) {
            vm.prank(usdcBridge);
            usdc.mint(receivers[i], 1_000_000e6);
            vm.prank(receivers[i]);
            usdc.approve(address(market), type(uint256).max);
        }

        miners.push(miner);
        miners.push(miner2);
        holders.push(buyer1);
        holders.push(buyer2);
        holders.push(buyer3);
        holders.push(address(reverter));
        holders.push(address(burner));
        paymentTokens.push(address(usdc));
        paymentTokens.push(address(dai));
        paymentTokens.push(address(hook));
        offeringIds.push(offeringId);
        offeringIds.push(hookOfferingId);
        offeringIds.push(shortOfferingId);

        MarketplaceHandler.Config memory config;
        config.market = market;
        config.store = store;
        config.hook = address(hook);
        config.unlisted = address(unlisted);
        config.timelock = timelock;
        config.council = council;
        config.stranger = stranger;
        config.miners = miners;
        config.holders = holders;
        config.receivers = new address[](2);
        (config.receivers[0], config.receivers[1]) = (address(reverter), address(burner));
        config.paymentTokens = paymentTokens;
        config.offeringIds = offeringIds;
        config.certificatesPerOffering = TRACKED;
        handler = new MarketplaceHandler(config);
        actors = handler.actors();
        vm.label(address(handler), "MarketplaceHandler");

        address[4] memory recorded = [market.treasury(), market.insuranceReserve(), miner, miner2];
        for (uint256 t; t < paymentTokens.length; ++t) {
            for (uint256 i; i < recorded.length; ++i) {
                initialBalance[recorded[i]][paymentTokens[t]] = IERC20(paymentTokens[t]).balanceOf(recorded[i]);
            }
        }

        targetContract(address(handler));
        targetSelector(address(handler), _selectors());
        _seedWorld();
    }

    /// @dev The handler's actions, weighted by repetition: trading most, admin least (pauses and suspensions end
    /// faster than they begin).
    function _selectors() internal pure returns (bytes4[] memory s) {
        bytes4[68] memory list = [
            // Primary purchases of units (each mints one certificate), and any seller
            MarketplaceHandler.buyPrimary.selector,
            MarketplaceHandler.buyPrimary.selector,
            MarketplaceHandler.buyPrimary.selector,
            MarketplaceHandler.buyPrimary.selector,
            MarketplaceHandler.holderList.selector,
            MarketplaceHandler.minerCreateAuction.selector,
            MarketplaceHandler.minerAcceptOffer.selector,
            MarketplaceHandler.updateListing.selector,
            MarketplaceHandler.cancelListing.selector,
            MarketplaceHandler.cancelAuction.selector,
            // Holders
            MarketplaceHandler.holderList.selector,
            MarketplaceHandler.holderList.selector,
            MarketplaceHandler.holderList.selector,
            MarketplaceHandler.holderCreateAuction.selector,
            MarketplaceHandler.holderCreateAuction.selector,
            MarketplaceHandler.buy.selector,
            MarketplaceHandler.buy.selector,
            MarketplaceHandler.buy.selector,
            MarketplaceHandler.buyMany.selector,
            MarketplaceHandler.buyMany.selector,
            MarketplaceHandler.buyAvailable.selector,
            MarketplaceHandler.buyAvailable.selector,
            MarketplaceHandler.bid.selector,
            MarketplaceHandler.bid.selector,
            MarketplaceHandler.bid.selector,
            MarketplaceHandler.makeOffer.selector,
            MarketplaceHandler.makeOffer.selector,
            MarketplaceHandler.makeOfferingOffer.selector,
            MarketplaceHandler.holderAcceptOffer.selector,
            MarketplaceHandler.holderAcceptOffer.selector,
            MarketplaceHandler.cancelOffer.selector,
            MarketplaceHandler.withdrawCredit.selector,
            MarketplaceHandler.withdrawCredit.selector,
            MarketplaceHandler.transfer.selector,
            MarketplaceHandler.setApproval.selector,
            MarketplaceHandler.setRefusing.selector,
            // Adversarial holders: change what they listed, auctioned or put under offer
            MarketplaceHandler.holderSplit.selector,
            MarketplaceHandler.holderSplit.selector,
            MarketplaceHandler.holderMerge.selector,
            MarketplaceHandler.holderSplitsUnderOfferingOffer.selector,
            MarketplaceHandler.holderClaim.selector,
            MarketplaceHandler.holderClaim.selector,
            MarketplaceHandler.holderRefund.selector,
            MarketplaceHandler.minerDepositYield.selector,
            MarketplaceHandler.minerDepositYield.selector,
            MarketplaceHandler.buyChanged.selector,
            MarketplaceHandler.buyChanged.selector,
            // Anyone
            MarketplaceHandler.collectFees.selector,
            MarketplaceHandler.settle.selector,
            MarketplaceHandler.settle.selector,
            MarketplaceHandler.settle.selector,
            MarketplaceHandler.refusedCall.selector,
            MarketplaceHandler.refusedCall.selector,
            // DAO and council
            MarketplaceHandler.setFees.selector,
            MarketplaceHandler.setMinBidIncrement.selector,
            MarketplaceHandler.pauseMarket.selector,
            MarketplaceHandler.unpauseMarket.selector,
            MarketplaceHandler.unpauseMarket.selector,
            MarketplaceHandler.pauseVault.selector,
            MarketplaceHandler.unpauseVault.selector,
            MarketplaceHandler.unpauseVault.selector,
            MarketplaceHandler.suspendMiner.selector,
            MarketplaceHandler.reinstateMiner.selector,
            MarketplaceHandler.reinstateMiner.selector,
            MarketplaceHandler.terminate.selector,
            // Time
            MarketplaceHandler.passTime.selector,
            MarketplaceHandler.passTime.selector,
            MarketplaceHandler.passTime.selector
        ];
        s = new bytes4[](list.length);
        for (uint256 i; i < list.length; ++i) {
            s[i] = list[i];
        }
    }

    /// @dev Every run starts, through the handler so that the store records it, with three primary purchases of
    /// units (one per offering and payment token, to three different holders, two of them the hook receivers),
    /// each minting one certificate.
    function _seedWorld() internal {
        handler.buyPrimary(0, 0, 0); // buyer1: one lot of the default offering, USDC (#1)
        handler.buyPrimary(1, 3, 0); // the reverter: one lot of the hook offering, HOOK (#1)
        handler.buyPrimary(2, 4, 0); // the gas burner: one lot of the short offering, DAI (#1)
        assertEq(store.primarySales(), 3, "seed: three primary sales");
        assertEq(certificate.holderOf(tokenOf(hookOfferingId, 1)), address(reverter), "seed: the reverter bought");
        assertEq(certificate.balanceOf(miner), 0, "seed: the miner holds no certificate");
    }

    /// @dev One campaign checks every invariant of this suite after each call: forge 1.7 runs a separate
    /// campaign per `invariant_` function, which multiplied the handler calls (the bulk of the run time) by
    /// the number of invariants without exploring more states for any of them. Each check below still runs
    /// after every call of every run, and its assertion message names the invariant that broke.
    function invariant_AllHold() external view {
        _assertBalanceIsExactlyBidsPlusOffersPlusCredits();
        _assertCertificatesAreWithTheirOwnerOrInALiveAuction();
        _assertFeesNeverExceedTheCaps();
        _assertPrimaryProceedsBecomeEscrow();
        _assertNoSelfDealing();
        _assertCreditsCanAlwaysBeWithdrawn();
        _assertABuyerReceivesExactlyWhatTheSaleNamed();
    }

    /*//////////////////////////////////////////////////////////////
              (1) THE MARKETPLACE HOLDS EXACTLY WHAT IT OWES
    //////////////////////////////////////////////////////////////*/

    /// @dev Per payment token: the marketplace's balance == Σ highest bids of live auctions + Σ amounts of open
    /// offers + Σ credits of every actor (anyone it ever paid or credited) + the fees accrued and not yet
    /// collected, exactly. The bids and amounts are read
    /// from the marketplace for every auction and offer the handler's record says is live, and agree with it; the
    /// counts of listings, auctions and offers are the handler's. (An auction or offer the marketplace kept while
    /// the record closed it would hold funds the sum misses.)
    function _assertBalanceIsExactlyBidsPlusOffersPlusCredits() internal view {
        uint256 t = paymentTokens.length;
        uint256[] memory owed = new uint256[](t);
        AuctionGhost[] memory auctions = store.auctions();
        _checkEq(market.auctionCount(), auctions.length, "auctionCount == auctions created");
        for (uint256 id = 1; id <= auctions.length; ++id) {
            AuctionGhost memory g = auctions[id - 1];
            if (!g.live) continue;
            Auction memory a = market.auction(id);
            _checkEq(a.highestBid, g.highestBid, "auction: highest bid");
            _checkEq(a.highestBidder, g.highestBidder, "auction: highest bidder");
            _checkEq(a.endTime, g.endTime, "auction: end time");
            _checkEq(a.tokenId, g.tokenId, "auction: certificate");
            owed[_tokenIndex(a.paymentToken)] += a.highestBid;
        }
        OfferGhost[] memory offers = store.offers();
        _checkEq(market.offerCount(), offers.length, "offerCount == offers made");
        for (uint256 id = 1; id <= offers.length; ++id) {
            if (!offers[id - 1].open) continue;
            Offer memory o = market.offer(id);
            _checkEq(o.amount, offers[id - 1].amount, "offer: amount");
            _checkEq(o.bidder, offers[id - 1].bidder, "offer: bidder");
            owed[_tokenIndex(o.paymentToken)] += o.amount;
        }
        _checkEq(market.listingCount(), store.listingCount(), "listingCount == listings made");
        address[] memory everyone = actors;
        for (uint256 i; i < t; ++i) {
            address token = paymentTokens[i];
            uint256 credits;
            for (uint256 a; a < everyone.length; ++a) {
                credits += market.creditOf(everyone[a], token);
            }
            AccruedFees memory accrued = market.accruedFees(token);
            _checkEq(
                IERC20(token).balanceOf(address(market)),
                owed[i] + credits + accrued.treasury + accrued.insurance,
                "marketplace balance == live highest bids + open offers + credits + accrued fees, per token"
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                  (2) CERTIFICATES ARE NEVER LOST
    //////////////////////////////////////////////////////////////*/

    /// @dev Every certificate is with its owner of record — an actor — or with the marketplace exactly while it
    /// is in a live auction (listings never take it). No other custodian exists yet: the loan contract, which
    /// will hold pledged certificates, is not written.
    function _assertCertificatesAreWithTheirOwnerOrInALiveAuction() internal view {
        CertificateGhost[] memory all = store.certificates();
        AuctionGhost[] memory auctions = store.auctions();
        address[] memory everyone = actors;
        uint256 inAuction;
        for (uint256 i; i < all.length; ++i) {
            CertificateGhost memory c = all[i];
            address holder = certificate.holderOf(c.tokenId);
            if (c.owner == address(0)) {
                _checkEq(holder, address(0), "a certificate merged into another is burned");
                continue;
            }
            _check(holder != address(0), "a certificate is never lost");
            _checkEq(holder, c.owner, "holder == the owner of record");
            if (c.auctionId != 0) {
                _checkEq(holder, address(market), "an auctioned certificate is with the marketplace");
                AuctionGhost memory g = auctions[c.auctionId - 1];
                _check(g.live && g.tokenId == c.tokenId, "...in a live auction of it");
                ++inAuction;
            } else {
                _check(_isIn(everyone, holder), "otherwise an actor holds it, never the marketplace");
            }
        }
        uint256 live;
        for (uint256 id = 1; id <= auctions.length; ++id) {
            // A primary auction sells a lot of units, reserved in the vault: no certificate exists until it settles.
            if (auctions[id - 1].live && CertificateId.indexOf(auctions[id - 1].tokenId) != 0) ++live;
        }
        _checkEq(inAuction, live, "one certificate per live auction of a certificate");
        _checkEq(certificate.balanceOf(address(market)), live, "the marketplace holds exactly the auctioned ones");
    }

    /*//////////////////////////////////////////////////////////////
                         (3) FEES WITHIN THE CAPS
    //////////////////////////////////////////////////////////////*/

    /// @dev Every sale's fee is at most price × its cap (10% primary, 5% resale); per token, what the treasury and
    /// the insurance reserve received plus what is accrued for them is exactly Σ fees, the reserve's part its share
    /// at the share in force at each sale; the fees set are
    /// within the caps and are what the DAO last set.
    function _assertFeesNeverExceedTheCaps() internal view {
        (uint16 channel, uint16 trading, uint16 share) = market.fees();
        uint16 channelCap = market.MAX_CHANNEL_FEE_BPS();
        uint16 tradingCap = market.MAX_TRADING_FEE_BPS();
        _checkEq(channelCap, 1000, "channel fee cap is 10%");
        _checkEq(tradingCap, 500, "trading fee cap is 5%");
        _checkLe(channel, channelCap, "channel fee <= MAX_CHANNEL_FEE_BPS");
        _checkLe(trading, tradingCap, "trading fee <= MAX_TRADING_FEE_BPS");
        _checkLe(share, 10_000, "insurance share <= 100%");
        (uint16 daoChannel, uint16 daoTrading, uint16 daoShare) = store.fees();
        _checkEq(channel, daoChannel, "channel fee == the DAO's");
        _checkEq(trading, daoTrading, "trading fee == the DAO's");
        _checkEq(share, daoShare, "insurance share == the DAO's");

        SaleGhost[] memory sales = store.sales();
        for (uint256 i; i < sales.length; ++i) {
            SaleGhost memory s = sales[i];
            uint256 cap = s.primary ? channelCap : tradingCap;
            _checkLe(s.fee * BPS, s.price * cap, "a sale's fee <= price x its cap");
        }
        address treasuryAccount = market.treasury();
        address insuranceAccount = market.insuranceReserve();
        for (uint256 t; t < paymentTokens.length; ++t) {
            IERC20 token = IERC20(paymentTokens[t]);
            AccruedFees memory accrued = market.accruedFees(address(token));
            uint256 toTreasury =
                token.balanceOf(treasuryAccount) - initialBalance[treasuryAccount][address(token)] + accrued.treasury;
            uint256 toInsurance = token.balanceOf(insuranceAccount) - initialBalance[insuranceAccount][address(token)]
                + accrued.insurance;
            _checkEq(toTreasury + toInsurance, store.feesCharged(address(token)), "treasury + insurance == sum of fees");
            _checkEq(toInsurance, store.insuranceShare(address(token)), "insurance == its share of each fee");
        }
    }

    /*//////////////////////////////////////////////////////////////
                 (4) PRIMARY PROCEEDS BECOME ESCROW ONLY
    //////////////////////////////////////////////////////////////*/

    /// @dev Per payment token: Σ totalEscrow over the offerings == Σ (price − channel fee) of primary sales, and
    /// is what the vault holds (miners withdraw no escrow in this suite, nothing is refunded); per offering, its
    /// totalEscrow is the net of its own certificates' primary sales. No miner's payment-token balance or credit
    /// ever moves: a miner receives primary proceeds only through vault withdrawals (none here).
    function _assertPrimaryProceedsBecomeEscrow() internal view {
        SaleGhost[] memory sales = store.sales();
        uint256[] memory netOf = new uint256[](offeringIds.length);
        for (uint256 i; i < sales.length; ++i) {
            if (!sales[i].primary) continue;
            netOf[_offeringIndex(CertificateId.offeringOf(sales[i].tokenId))] += sales[i].price - sales[i].fee;
        }
        uint256[] memory escrow = new uint256[](paymentTokens.length);
        for (uint256 i; i < offeringIds.length; ++i) {
            Offering memory o = vault.offering(offeringIds[i]);
            _checkEq(o.totalEscrow, netOf[i], "an offering's escrow == net of its primary sales");
            _checkEq(o.escrowWithdrawn, 0, "no escrow went to the miner");
            escrow[_tokenIndex(o.paymentToken)] += o.totalEscrow - o.escrowRefunded;
        }
        for (uint256 t; t < paymentTokens.length; ++t) {
            address token = paymentTokens[t];
            _checkEq(
                escrow[t] + store.refunded(token),
                store.primaryNet(token),
                "sum of totalEscrow == sum of (price - fee) of primary sales; refunds went to holders"
            );
            _checkEq(IERC20(token).balanceOf(address(vault)), escrow[t], "the vault holds the escrow");
            for (uint256 m; m < miners.length; ++m) {
                _checkEq(
                    IERC20(token).balanceOf(miners[m]),
                    initialBalance[miners[m]][token],
                    "a miner's payment tokens only move by vault withdrawals (none)"
                );
                _checkEq(market.creditOf(miners[m], token), 0, "no miner is ever credited");
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                           (5) NO SELF-DEALING
    //////////////////////////////////////////////////////////////*/

    /// @dev No sale recorded has its seller as buyer, no primary sale has the certificate's miner as buyer, and
    /// no live auction's highest bidder is its seller or (primary) the miner. The handler also tries self-dealing
    /// (`refusedCall`), which must be refused with `Marketplace_SelfDealing`.
    function _assertNoSelfDealing() internal view {
        SaleGhost[] memory sales = store.sales();
        for (uint256 i; i < sales.length; ++i) {
            SaleGhost memory s = sales[i];
            _check(s.buyer != s.seller, "no sale to its seller");
            _check(!s.primary || s.buyer != s.miner, "no primary sale to the certificate's miner");
        }
        AuctionGhost[] memory auctions = store.auctions();
        for (uint256 id = 1; id <= auctions.length; ++id) {
            if (!auctions[id - 1].live || auctions[id - 1].highestBidder == address(0)) continue;
            Auction memory a = market.auction(id);
            _check(a.highestBidder != a.seller, "no bid by the auction's seller");
            _check(a.highestBidder != auctions[id - 1].primaryMiner, "no bid by the miner of a primary auction");
        }
    }

    /*//////////////////////////////////////////////////////////////
                  (6) CREDITS CAN ALWAYS BE WITHDRAWN
    //////////////////////////////////////////////////////////////*/

    /// @dev The handler tries to withdraw credits for accounts that accept payment, paused or not, and records the
    /// failures: there are none. Every credit is one the handler predicted (a payment pushed to a receiver that
    /// refused it), not yet withdrawn; (1) shows no other account is owed anything.
    function _assertCreditsCanAlwaysBeWithdrawn() internal view {
        if (store.creditWithdrawalFailures() != 0) {
            vm.assertEq(store.lastFailure(), bytes(""), "a credit withdrawal failed (revert data of the last one)");
        }
        MarketplaceStore.CreditGhost[] memory pairs = store.credited();
        for (uint256 i; i < pairs.length; ++i) {
            _checkEq(
                market.creditOf(pairs[i].account, pairs[i].token),
                pairs[i].amount,
                "creditOf == payments pushed to a refusing receiver, not withdrawn"
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
           (7) A BUYER RECEIVES EXACTLY WHAT THE SALE NAMED (d)
    //////////////////////////////////////////////////////////////*/

    /// @dev Issue 15's invariant (d), while holders split, merge, claim, refund and transfer certificates that are
    /// listed, auctioned or under offer: every sale delivered the units and refund state its listing, offer or
    /// auction named (an offer on an offering: its units, not refunded), the buyer got no yield accrued before the
    /// sale, and the seller received exactly that yield (pushed or credited). The marketplace keeps no yield but
    /// what it credited.
    function _assertABuyerReceivesExactlyWhatTheSaleNamed() internal view {
        DeliveryGhost[] memory all = store.deliveries();
        _checkEq(all.length, store.primarySales() + store.secondarySales(), "one delivery checked per sale");
        for (uint256 i; i < all.length; ++i) {
            DeliveryGhost memory g = all[i];
            _checkEq(g.units, g.namedUnits, "(d) units delivered == units named");
            _check(g.refunded == g.namedRefunded, "(d) refund state delivered == refund state named");
            _checkEq(g.buyerPastYield, 0, "(d) the buyer bought no yield accrued before the sale");
            _checkEq(g.sellerYieldPaid, g.sellerYieldOwed, "(d) the seller received the yield accrued before it");
        }
        IERC20 yieldToken = IERC20(vault.offering(offeringId).yieldToken);
        uint256 credits;
        for (uint256 a; a < actors.length; ++a) {
            credits += market.creditOf(actors[a], address(yieldToken));
        }
        _checkEq(yieldToken.balanceOf(address(market)), credits, "the marketplace holds only credited yield");
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _isIn(address[] memory list, address account) internal pure returns (bool) {
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == account) return true;
        }
        return false;
    }

    function _tokenIndex(address token) internal view returns (uint256 index) {
        while (paymentTokens[index] != token) ++index;
    }

    function _offeringIndex(uint256 id) internal view returns (uint256 index) {
        while (offeringIds[index] != id) ++index;
    }

    /// @dev Assertions that call the cheatcode only when they fail: the invariants run after every call.
    function _checkEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) assertEq(left, right, message);
    }

    function _checkEq(address left, address right, string memory message) internal pure {
        if (left != right) assertEq(left, right, message);
    }

    function _checkEq(bool left, bool right, string memory message) internal pure {
        if (left != right) assertEq(left, right, message);
    }

    function _checkLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) assertLe(left, right, message);
    }

    function _check(bool condition, string memory message) internal pure {
        if (!condition) assertTrue(condition, message);
    }
}
