// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract Views_Marketplace_Concrete_Test is MarketplaceTestBase {
    /// @dev The holder owns `first` (certificates exist once sold).
    function setUp() public override {
        super.setUp();
        holdFirst();
    }

    function test_Constants() external view {
        assertEq(market.MAX_CHANNEL_FEE_BPS(), 1000, "channel cap 10%");
        assertEq(market.MAX_TRADING_FEE_BPS(), 500, "trading cap 5%");
        assertEq(market.EXTENSION(), 10 minutes, "anti-sniping window");
        assertEq(market.MIN_AUCTION_DURATION(), 1 hours, "shortest auction");
        assertEq(market.MAX_AUCTION_DURATION(), 30 days, "longest auction");
        assertEq(market.PUSH_GAS(), 100_000, "push gas cap");
        assertEq(market.PAUSER_ROLE(), keccak256("PAUSER_ROLE"), "pauser role");
    }

    /*//////////////////////////////////////////////////////////////
                            UNKNOWN IDS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheIdIsUnknown() external {
        vm.expectRevert(unknownListingError(1));
        market.listing(1);
        vm.expectRevert(unknownListingError(1));
        market.isListingValid(1);
        vm.expectRevert(unknownAuctionError(1));
        market.auction(1);
        vm.expectRevert(unknownAuctionError(1));
        market.minimumBid(1);
        vm.expectRevert(unknownOfferError(1));
        market.offer(1);
    }

    /*//////////////////////////////////////////////////////////////
                             VALIDITY
    //////////////////////////////////////////////////////////////*/

    function test_IsListingValid_WhenOpen() external {
        uint256 listingId = listAs(holder, first, PRICE);
        assertTrue(market.isListingValid(listingId), "valid");
    }

    function test_IsListingValid_GivenExpired() external {
        uint256 listingId = listAs(holder, first, PRICE);
        vm.warp(market.listing(listingId).expiry);
        assertFalse(market.isListingValid(listingId), "expired at its expiry");
    }

    function test_IsListingValid_GivenTheSellerNoLongerOwnsIt() external {
        uint256 listingId = listAs(holder, first, PRICE);
        vm.prank(holder);
        certificate.transferFrom(holder, alice, first);
        assertFalse(market.isListingValid(listingId), "stale");
    }

    function test_IsListingValid_GivenTheApprovalWasRevoked() external {
        uint256 listingId = listAs(holder, first, PRICE);
        vm.prank(holder);
        certificate.setApprovalForAll(address(market), false);
        assertFalse(market.isListingValid(listingId), "not approved");
        vm.prank(holder);
        certificate.approve(address(market), first);
        assertTrue(market.isListingValid(listingId), "approved for this certificate");
    }

    function test_IsListingValid_GivenTheMinerIsSuspended_ASecondaryListingStaysValid() external {
        uint256 listingId = listAs(holder, first, PRICE);
        suspendMiner(miner);
        assertTrue(market.isListingValid(listingId), "secondary sales do not need the miner");
    }

    function test_IsListingValid_GivenSecondary_ListedBeforeTheOfferingChanged() external {
        buyPrimary(buyer1, second);
        uint256 listingId = listAs(buyer1, second, RESALE);
        terminateOffering(offeringId);
        assertFalse(market.isListingValid(listingId), "what was listed (a running certificate) is gone");
        // A terminated offering's certificate (a refund claim and its yield) still trades, listed as such.
        assertTrue(market.isListingValid(listAs(buyer1, second, RESALE)), "secondary sales go on");
    }

    /*//////////////////////////////////////////////////////////////
                               OTHERS
    //////////////////////////////////////////////////////////////*/

    function test_MinimumBid_IsTheReserveThenTheIncrement() external {
        uint256 auctionId = primaryAuctionAs(miner, offeringId, UNITS, 1000e6, DAY);
        assertEq(market.minimumBid(auctionId), 1000e6, "reserve");
        bidAs(buyer1, auctionId, 1234e6);
        assertEq(market.minimumBid(auctionId), 1234e6 + 61.7e6, "5% more");
        bidAs(buyer2, auctionId, 1e9 + 333_333_333);
        // 5% of 1,333,333,333 is 66,666,666.65: rounded up.
        assertEq(market.minimumBid(auctionId), 1e9 + 333_333_333 + 66_666_667, "rounded up");
    }

    function test_CreditOf_IsZeroByDefault() external view {
        assertEq(market.creditOf(buyer1, address(usdc)), 0, "none");
    }

    function test_Quote_WhenPrimary_UsesTheChannelFee() external view {
        (uint256 f, uint256 net) = market.quote(PRICE, true);
        assertEq(f, 150e6, "5%");
        assertEq(net, PRICE - 150e6, "escrow");
    }

    function test_Quote_WhenSecondary_UsesTheTradingFee() external view {
        (uint256 f, uint256 net) = market.quote(RESALE, false);
        assertEq(f, 80e6, "2%");
        assertEq(net, RESALE - 80e6, "proceeds");
    }

    function test_UnitsOnSale_FollowSalesLotsAndTheWindow() external {
        assertEq(vault.unitsOnSale(offeringId), UNITS * COUNT - UNITS, "all but the holder's lot");
        primaryAuctionAs(miner, offeringId, 2 * UNITS, PRICE, DAY);
        assertEq(vault.unitsOnSale(offeringId), UNITS * COUNT - 3 * UNITS, "less the lot");
        assertEq(vault.unitsOnSale(99), 0, "unknown offering");
        suspendMiner(miner);
        assertEq(vault.unitsOnSale(offeringId), 0, "a suspended miner sells nothing");
        vm.prank(timelock);
        registry.reinstate(miner);
        vm.prank(council);
        vault.pause();
        assertEq(vault.unitsOnSale(offeringId), 0, "paused");
        vm.prank(timelock);
        vault.unpause();
        vm.warp(vault.offering(offeringId).saleEnd);
        assertEq(vault.unitsOnSale(offeringId), 0, "the window ended");
    }

    function test_Counts_OnlyGrow() external {
        buyPrimary(holder, second);
        buyPrimary(holder, third);
        uint256 listingId = listAs(holder, first, PRICE);
        uint256 auctionId = auctionAs(holder, second, address(usdc), PRICE, DAY);
        uint256 offerId = offerAs(buyer1, third, address(usdc), PRICE);
        vm.startPrank(holder);
        market.cancelListing(listingId);
        market.cancelAuction(auctionId);
        vm.stopPrank();
        vm.prank(buyer1);
        market.cancelOffer(offerId);
        assertEq(market.listingCount(), 1, "listings");
        assertEq(market.auctionCount(), 1, "auctions");
        assertEq(market.offerCount(), 1, "offers");
        assertEq(listAs(holder, first, PRICE), 2, "next listing id");
    }
}
