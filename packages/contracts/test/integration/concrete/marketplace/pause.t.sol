// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract Pause_Marketplace_Concrete_Test is MarketplaceTestBase {
    function test_RevertWhen_CallerIsNotAPauser() external {
        vm.expectRevert(unauthorizedError(stranger, market.PAUSER_ROLE()));
        vm.prank(stranger);
        market.pause();
    }

    function test_RevertGiven_AlreadyPaused() external {
        pauseMarket();
        vm.expectRevert(enforcedPauseError());
        pauseMarket();
    }

    function test_WhenCallerIsTheCouncil_ItPauses() external {
        vm.expectEmit(address(market));
        emit Pausable.Paused(council);
        pauseMarket();
        assertTrue(market.paused(), "paused");
    }

    function test_WhenCallerIsTheTimelock_ItPauses() external {
        vm.prank(timelock);
        market.pause();
        assertTrue(market.paused(), "paused");
    }
}

contract Unpause_Marketplace_Concrete_Test is MarketplaceTestBase {
    function test_RevertWhen_CallerIsTheCouncil() external {
        pauseMarket();
        vm.expectRevert(unauthorizedError(council, market.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        market.unpause();
    }

    function test_RevertGiven_NotPaused() external {
        vm.expectRevert(expectedPauseError());
        vm.prank(timelock);
        market.unpause();
    }

    function test_WhenCallerIsTheAdmin_TradingResumes() external {
        holdFirst();
        uint256 listingId = listAs(holder, first, PRICE);
        pauseMarket();
        vm.expectEmit(address(market));
        emit Pausable.Unpaused(timelock);
        vm.prank(timelock);
        market.unpause();
        assertFalse(market.paused(), "unpaused");
        buyAs(buyer1, listingId, PRICE);
        assertEq(certificate.ownerOf(first), buyer1, "bought");
    }
}

/// @notice What a pause stops (listing, buying, auctions, bids, settlements, offers) and what it never stops
/// (cancelling listings, auctions and offers, withdrawing credits, reading).
contract WhenPaused_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal listingId;
    uint256 internal idleAuction;
    uint256 internal endedAuction;
    uint256 internal offerId;
    uint256 internal sold;

    function setUp() public override {
        super.setUp();
        buyPrimary(holder, first);
        buyPrimary(holder, second);
        listingId = listAs(holder, first, PRICE);
        idleAuction = auctionAs(holder, second, address(usdc), PRICE, DAY);
        offerId = offerAs(buyer2, first, address(usdc), PRICE);

        // A secondary auction in HookToken: the reverting receiver's bid is outbid and credited.
        sold = buyPrimary(buyer1, third);
        endedAuction = auctionAs(buyer1, sold, address(hook), 100e18, DAY);
        bidAs(address(reverter), endedAuction, 100e18);
        bidAs(buyer2, endedAuction, 105e18);
        vm.warp(block.timestamp + DAY);

        pauseMarket();
    }

    /*//////////////////////////////////////////////////////////////
                                BLOCKED
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_Listing() external {
        vm.expectRevert(enforcedPauseError());
        listAs(holder, tokenOf(offeringId, 4), PRICE);
    }

    function test_RevertWhen_UpdatingAListing() external {
        vm.expectRevert(enforcedPauseError());
        vm.prank(holder);
        market.updateListing(listingId, PRICE * 2, inAWeek());
    }

    function test_RevertWhen_Buying() external {
        vm.expectRevert(enforcedPauseError());
        buyAs(buyer1, listingId, PRICE);
    }

    function test_RevertWhen_BuyingMany() external {
        vm.expectRevert(enforcedPauseError());
        vm.prank(buyer1);
        market.buyMany(ids(listingId), ids(PRICE));
    }

    function test_RevertWhen_BuyingAvailable() external {
        vm.expectRevert(enforcedPauseError());
        vm.prank(buyer1);
        market.buyAvailable(ids(listingId), ids(PRICE));
    }

    function test_RevertWhen_CreatingAnAuction() external {
        vm.expectRevert(enforcedPauseError());
        auctionAs(holder, tokenOf(offeringId, 4), address(usdc), PRICE, DAY);
    }

    function test_RevertWhen_Bidding() external {
        vm.expectRevert(enforcedPauseError());
        bidAs(buyer1, idleAuction, PRICE);
    }

    function test_RevertWhen_Settling() external {
        vm.expectRevert(enforcedPauseError());
        market.settle(endedAuction);
    }

    function test_RevertWhen_MakingAnOffer() external {
        vm.expectRevert(enforcedPauseError());
        offerAs(buyer3, second, address(usdc), PRICE);
    }

    function test_RevertWhen_MakingAnOfferingOffer() external {
        vm.expectRevert(enforcedPauseError());
        offeringOfferAs(buyer3, offeringId, address(usdc), PRICE);
    }

    function test_RevertWhen_BuyingPrimaryUnits() external {
        vm.expectRevert(enforcedPauseError());
        buyUnits(buyer1, offeringId, UNITS, PRICE);
    }

    function test_RevertWhen_CreatingAPrimaryAuction() external {
        vm.expectRevert(enforcedPauseError());
        primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
    }

    function test_RevertWhen_AcceptingAPrimaryOffer() external {
        vm.expectRevert(enforcedPauseError());
        vm.prank(miner);
        market.acceptPrimaryOffer(offerId);
    }

    function test_RevertWhen_AcceptingAnOffer() external {
        vm.expectRevert(enforcedPauseError());
        acceptAs(holder, offerId, first);
    }

    /*//////////////////////////////////////////////////////////////
                             STILL WORKING
    //////////////////////////////////////////////////////////////*/

    function test_WhenCancellingAListing_ItCancels() external {
        vm.expectEmit(address(market));
        emit IMarketplace.ListingCancelled(listingId);
        vm.prank(holder);
        market.cancelListing(listingId);
        vm.expectRevert(unknownListingError(listingId));
        market.listing(listingId);
    }

    function test_WhenCancellingAnAuction_TheCertificateGoesBack() external {
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionCancelled(idleAuction);
        vm.prank(holder);
        market.cancelAuction(idleAuction);
        assertEq(certificate.ownerOf(second), holder, "returned");
    }

    function test_WhenCancellingAnOffer_TheFundsGoBack() external {
        uint256 before = usdc.balanceOf(buyer2);
        vm.prank(buyer2);
        market.cancelOffer(offerId);
        assertEq(usdc.balanceOf(buyer2) - before, PRICE, "refunded");
    }

    function test_WhenWithdrawingACredit_ItPays() external {
        assertEq(market.creditOf(address(reverter), address(hook)), 100e18, "credited");
        reverter.setRefusing(false);
        vm.prank(address(reverter));
        assertEq(market.withdrawCredit(address(hook)), 100e18, "withdrawn");
        assertEq(market.creditOf(address(reverter), address(hook)), 0, "credit spent");
        assertEq(reverter.received(), 100e18, "received through the hook");
    }

    function test_WhenReading_ViewsAnswer() external view {
        assertEq(market.listing(listingId).price, PRICE, "listing");
        assertTrue(market.isListingValid(listingId), "listing still valid (for after the pause)");
        assertEq(market.auction(endedAuction).highestBidder, buyer2, "auction");
        assertEq(market.minimumBid(idleAuction), PRICE, "minimum bid");
        assertEq(market.offer(offerId).amount, PRICE, "offer");
        (uint256 f, uint256 net) = market.quote(PRICE, true);
        assertEq(f + net, PRICE, "quote");
    }
}
