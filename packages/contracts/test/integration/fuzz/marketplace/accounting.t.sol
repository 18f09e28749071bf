// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccruedFees, Auction, Offer} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";
import {HookReceiver} from "../../../mocks/HookReceivers.sol";

/// @notice Random sequences of marketplace actions in {HookToken}, with honest bidders and the two griefing
/// receivers switching between accepting and refusing payment: auctions created, bid on, settled and cancelled,
/// offers made, accepted and cancelled, listings bought, credits withdrawn, time passing. After every step the
/// marketplace holds exactly the live highest bids, the open offers, the credits and the fees accrued for
/// `collectFees`, no more and no less.
contract Accounting_Marketplace_Fuzz_Test is MarketplaceTestBase {
    uint256 internal constant STEPS = 40;
    uint256 internal constant POOL = 6;

    address[] internal actors;
    uint256[] internal auctionIds;
    uint256[] internal offerIds;
    mapping(uint256 auctionId => bool) internal liveAuction;
    mapping(uint256 offerId => bool) internal liveOffer;

    uint256 internal seed;
    uint256 internal salt;
    /// @dev How many actions of each kind ran (not skipped), for the coverage assertion of a run.
    uint256[10] internal done;

    function setUp() public override {
        super.setUp();
        actors.push(buyer1);
        actors.push(buyer2);
        actors.push(buyer3);
        actors.push(address(reverter));
        actors.push(address(burner));
        // The pool: the hook offering's first POOL certificates, minted at their primary sales to the buyers.
        for (uint256 i = 1; i <= POOL; ++i) {
            buyPrimary(actors[i % 3], tokenOf(hookOfferingId, i));
        }
    }

    /*//////////////////////////////////////////////////////////////
                               RANDOMNESS
    //////////////////////////////////////////////////////////////*/

    function random() internal returns (uint256) {
        return uint256(keccak256(abi.encode(seed, ++salt)));
    }

    function randomIn(uint256 min, uint256 max) internal returns (uint256) {
        return bound(random(), min, max);
    }

    function randomActor() internal returns (address) {
        return actors[random() % actors.length];
    }

    function poolToken() internal returns (uint256) {
        return tokenOf(hookOfferingId, randomIn(1, POOL));
    }

    function isRefusing(address account) internal view returns (bool) {
        return (account == address(reverter) || account == address(burner)) && HookReceiver(account).refusing();
    }

    /// @dev A random live auction (0 if none).
    function pickAuction() internal returns (uint256) {
        uint256 n = auctionIds.length;
        if (n == 0) return 0;
        uint256 start = random() % n;
        for (uint256 i; i < n; ++i) {
            uint256 id = auctionIds[(start + i) % n];
            if (liveAuction[id]) return id;
        }
        return 0;
    }

    /// @dev A random open offer (0 if none).
    function pickOffer() internal returns (uint256) {
        uint256 n = offerIds.length;
        if (n == 0) return 0;
        uint256 start = random() % n;
        for (uint256 i; i < n; ++i) {
            uint256 id = offerIds[(start + i) % n];
            if (liveOffer[id]) return id;
        }
        return 0;
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function createAuction() internal {
        uint256 tokenId = poolToken();
        address holder = certificate.ownerOf(tokenId);
        if (holder == address(market)) return;
        uint256 id = auctionAs(holder, tokenId, address(hook), randomIn(1, 100e18), uint32(randomIn(1 hours, 6 hours)));
        auctionIds.push(id);
        liveAuction[id] = true;
        ++done[0];
    }

    function bid() internal {
        uint256 id = pickAuction();
        if (id == 0) return;
        Auction memory a = market.auction(id);
        if (a.endTime != 0 && block.timestamp >= a.endTime) return;
        address bidder = randomActor();
        // The seller (a holder of the pool) cannot bid on its own auction: another actor bids.
        if (bidder == a.seller) bidder = bidder == actors[0] ? actors[1] : actors[0];
        bidAs(bidder, id, market.minimumBid(id) + randomIn(0, 10e18));
        ++done[1];
    }

    function settle() internal {
        uint256 id = pickAuction();
        if (id == 0) return;
        Auction memory a = market.auction(id);
        if (a.highestBidder == address(0) || block.timestamp < a.endTime) return;
        vm.prank(randomActor());
        market.settle(id);
        liveAuction[id] = false;
        assertEq(certificate.ownerOf(a.tokenId), a.highestBidder, "settled to the winner");
        ++done[2];
    }

    function cancelAuction() internal {
        uint256 id = pickAuction();
        if (id == 0) return;
        Auction memory a = market.auction(id);
        if (a.highestBidder != address(0)) return;
        vm.prank(a.seller);
        market.cancelAuction(id);
        liveAuction[id] = false;
        assertEq(certificate.ownerOf(a.tokenId), a.seller, "returned");
        ++done[3];
    }

    function makeOffer() internal {
        address bidder = randomActor();
        uint256 amount = randomIn(1, 100e18);
        uint64 expiry = uint64(block.timestamp + randomIn(1, 2 days));
        uint256 id;
        vm.prank(bidder);
        if (random() % 2 == 0) id = market.makeOfferingOffer(hookOfferingId, UNITS, address(hook), amount, expiry);
        else id = market.makeOffer(poolToken(), address(hook), amount, expiry);
        offerIds.push(id);
        liveOffer[id] = true;
        ++done[4];
    }

    function acceptOffer() internal {
        uint256 id = pickOffer();
        if (id == 0) return;
        Offer memory o = market.offer(id);
        if (o.expiry <= block.timestamp) return;
        uint256 tokenId = o.anyOfOffering ? poolToken() : o.target;
        address holder = certificate.ownerOf(tokenId);
        // The seller of an accepted offer is paid directly (it is the caller): a refusing one cannot accept.
        if (holder == address(market) || holder == o.bidder || isRefusing(holder)) return;
        // An offer on a certificate binds it as it was: a transfer since voids it (the bidder can only cancel).
        if (!o.anyOfOffering && certificate.saleNonce(tokenId) != o.nonce) return;
        acceptAs(holder, id, tokenId);
        liveOffer[id] = false;
        assertEq(certificate.ownerOf(tokenId), o.bidder, "sold to the bidder");
        ++done[5];
    }

    function cancelOffer() internal {
        uint256 id = pickOffer();
        if (id == 0) return;
        Offer memory o = market.offer(id);
        // The bidder is repaid directly (it is the caller): a refusing one cannot cancel.
        if (isRefusing(o.bidder)) return;
        vm.prank(o.bidder);
        market.cancelOffer(id);
        liveOffer[id] = false;
        ++done[6];
    }

    function buyListing() internal {
        uint256 tokenId = poolToken();
        address holder = certificate.ownerOf(tokenId);
        address buyer_ = randomActor();
        if (holder == address(market) || holder == buyer_ || isRefusing(holder)) return;
        uint256 price = randomIn(1, 100e18);
        uint256 listingId = listIn(holder, tokenId, address(hook), price);
        buyAs(buyer_, listingId, price);
        ++done[7];
    }

    function toggle() internal {
        HookReceiver receiver = random() % 2 == 0 ? HookReceiver(reverter) : HookReceiver(burner);
        receiver.setRefusing(!receiver.refusing());
        ++done[8];
    }

    function withdraw() internal {
        // Only the receivers are ever credited (a push to an account without a hook always succeeds).
        address account = random() % 2 == 0 ? address(reverter) : address(burner);
        if (market.creditOf(account, address(hook)) == 0) return;
        // A refusing receiver stops refusing to collect.
        if (isRefusing(account)) HookReceiver(account).setRefusing(false);
        vm.prank(account);
        market.withdrawCredit(address(hook));
        ++done[9];
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANT
    //////////////////////////////////////////////////////////////*/

    function assertBalanceMatches(uint256 step) internal view {
        uint256 bids;
        for (uint256 i; i < auctionIds.length; ++i) {
            if (liveAuction[auctionIds[i]]) bids += market.auction(auctionIds[i]).highestBid;
        }
        uint256 offers;
        for (uint256 i; i < offerIds.length; ++i) {
            if (liveOffer[offerIds[i]]) offers += market.offer(offerIds[i]).amount;
        }
        uint256 credits = market.creditOf(miner, address(hook));
        for (uint256 i; i < actors.length; ++i) {
            credits += market.creditOf(actors[i], address(hook));
        }
        AccruedFees memory accrued = market.accruedFees(address(hook));
        assertEq(
            hook.balanceOf(address(market)),
            bids + offers + credits + accrued.treasury + accrued.insurance,
            string.concat("balance == live bids + open offers + credits + accrued fees, step ", vm.toString(step))
        );
    }

    function testFuzz_BalanceIsLiveBidsPlusOpenOffersPlusCredits(uint256 seed_) external {
        seed = seed_;
        for (uint256 step; step < STEPS; ++step) {
            uint256 action = random() % 11;
            if (action == 0) createAuction();
            else if (action == 1 || action == 2) bid();
            else if (action == 3) settle();
            else if (action == 4) cancelAuction();
            else if (action == 5) makeOffer();
            else if (action == 6) acceptOffer();
            else if (action == 7) cancelOffer();
            else if (action == 8) buyListing();
            else if (action == 9) toggle();
            else withdraw();
            vm.warp(block.timestamp + randomIn(0, 2 hours));
            assertBalanceMatches(step);
        }
    }

    /// @dev The same invariant after a scripted sequence that is sure to hit every kind of action.
    function testFuzz_EveryActionKind_KeepsTheBalance(uint256 seed_) external {
        seed = seed_;
        createAuction();
        for (uint256 i; i < 3; ++i) {
            bid();
            assertBalanceMatches(i);
        }
        makeOffer();
        makeOffer();
        toggle();
        assertBalanceMatches(10);
        vm.warp(block.timestamp + 2 days);
        settle();
        assertBalanceMatches(11);
        acceptOffer();
        cancelOffer();
        assertBalanceMatches(12);
        if (reverter.refusing()) reverter.setRefusing(false);
        if (burner.refusing()) burner.setRefusing(false);
        for (uint256 i; i < actors.length; ++i) {
            address account = actors[i];
            if (market.creditOf(account, address(hook)) != 0) {
                vm.prank(account);
                market.withdrawCredit(address(hook));
            }
        }
        assertBalanceMatches(13);
        assertEq(done[0], 1, "one auction created");
        assertEq(done[2], 1, "settled once");
    }
}
