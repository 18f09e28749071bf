// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Listing} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract UpdateListing_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal listingId;

    function setUp() public override {
        super.setUp();
        holdFirst();
        listingId = listAs(holder, first, PRICE);
    }

    function update(uint256 price, uint64 expiry) internal {
        vm.prank(holder);
        market.updateListing(listingId, price, expiry);
    }

    function test_RevertWhen_TheListingDoesNotExist() external {
        vm.expectRevert(unknownListingError(2));
        vm.prank(holder);
        market.updateListing(2, PRICE, inAWeek());
    }

    function test_RevertWhen_CallerIsNotTheSeller() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotSeller.selector, listingId, buyer1));
        vm.prank(buyer1);
        market.updateListing(listingId, 1, inAWeek());
    }

    function test_RevertWhen_PriceIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        update(0, inAWeek());
    }

    function test_RevertWhen_PriceDoesNotFitNinetySixBits() external {
        uint256 price = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, price, type(uint96).max)
        );
        update(price, inAWeek());
    }

    function test_RevertWhen_ExpiryIsInThePast() external {
        uint64 past = uint64(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, past, block.timestamp));
        update(PRICE, past);
    }

    function test_RevertGiven_TheMarketplaceIsPaused_ButTheSellerCanStillCancel() external {
        uint64 expiry = market.listing(listingId).expiry;
        pauseMarket();
        vm.expectRevert(enforcedPauseError());
        update(2500e6, inAWeek());
        Listing memory l = market.listing(listingId);
        assertEq(l.price, PRICE, "price unchanged");
        assertEq(l.expiry, expiry, "expiry unchanged");

        vm.expectEmit(address(market));
        emit IMarketplace.ListingCancelled(listingId);
        vm.prank(holder);
        market.cancelListing(listingId);
        vm.expectRevert(unknownListingError(listingId));
        market.listing(listingId);
    }

    function test_WhenValid_ItChangesPriceAndExpiry() external {
        uint64 expiry = uint64(block.timestamp + 2 * WEEK);
        vm.expectEmit(address(market));
        emit IMarketplace.ListingUpdated(listingId, 2500e6, expiry);
        update(2500e6, expiry);
        Listing memory l = market.listing(listingId);
        assertEq(l.price, 2500e6, "price");
        assertEq(l.expiry, expiry, "expiry");
        assertEq(l.seller, holder, "seller unchanged");
        assertEq(l.tokenId, first, "token unchanged");

        uint256 before = usdc.balanceOf(buyer1);
        buyAs(buyer1, listingId, PRICE);
        assertEq(before - usdc.balanceOf(buyer1), 2500e6, "the buyer pays the lower price");
    }

    function test_WhenExpired_ItRenewsTheListing() external {
        vm.warp(block.timestamp + WEEK);
        assertFalse(market.isListingValid(listingId), "expired");
        update(PRICE, inAWeek());
        assertTrue(market.isListingValid(listingId), "renewed");
    }

    function test_WhenThePriceRises_APendingPurchaseAtTheOldPriceFails() external {
        update(PRICE * 2, inAWeek());
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceAboveMax.selector, listingId, PRICE * 2, PRICE)
        );
        buyAs(buyer1, listingId, PRICE);
    }
}
