// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract BuyMany_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal primaryListing;
    uint256 internal secondPrimaryListing;
    uint256 internal secondaryListing;

    function setUp() public override {
        super.setUp();
        // Secondary listings only (certificates exist once sold): the holder's first and second, buyer2's third.
        buyPrimary(holder, first);
        buyPrimary(holder, second);
        buyPrimary(buyer2, third);
        primaryListing = listAs(holder, first, PRICE);
        secondPrimaryListing = listAs(holder, second, PRICE);
        secondaryListing = listAs(buyer2, third, RESALE);
    }

    function buyManyAs(address account, uint256[] memory listingIds, uint256[] memory maxPrices) internal {
        vm.prank(account);
        market.buyMany(listingIds, maxPrices);
    }

    function allIds() internal view returns (uint256[] memory) {
        return ids(primaryListing, secondPrimaryListing, secondaryListing);
    }

    function test_RevertWhen_TheBatchIsEmpty() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_EmptyBatch.selector));
        buyManyAs(buyer1, new uint256[](0), new uint256[](0));
    }

    function test_RevertWhen_LengthsDiffer() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_LengthMismatch.selector, 3, 2));
        buyManyAs(buyer1, allIds(), ids(PRICE, PRICE));
    }

    function test_RevertGiven_OneListingIsStale_NothingIsBought() external {
        vm.prank(buyer2);
        certificate.transferFrom(buyer2, alice, third);
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, secondaryListing, alice));
        buyManyAs(buyer1, allIds(), ids(PRICE, PRICE, RESALE));
        assertEq(usdc.balanceOf(buyer1), before, "nothing paid");
        assertEq(certificate.ownerOf(first), holder, "first not sold");
        assertEq(vault.offering(offeringId).totalEscrow, 3 * (PRICE - fee(PRICE, CHANNEL_BPS)), "only the setup sales");
        assertTrue(market.isListingValid(primaryListing), "first listing still open");
    }

    function test_RevertGiven_OneSellerRevokedTheMarketplacesApproval_NothingIsBought() external {
        vm.prank(buyer2);
        certificate.setApprovalForAll(address(market), false);
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, third, buyer2));
        buyManyAs(buyer1, allIds(), ids(PRICE, PRICE, RESALE));
        assertEq(usdc.balanceOf(buyer1), before, "nothing paid");
        assertEq(certificate.ownerOf(first), holder, "first not sold");
        assertEq(certificate.ownerOf(third), buyer2, "third not sold");
    }

    function test_RevertWhen_OnePriceIsAboveItsMax_NothingIsBought() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_PriceAboveMax.selector, secondPrimaryListing, PRICE, PRICE - 1
            )
        );
        buyManyAs(buyer1, allIds(), ids(PRICE, PRICE - 1, RESALE));
    }

    function test_RevertGiven_OneListingExpired() external {
        vm.warp(block.timestamp + 1 days);
        vm.prank(holder);
        market.updateListing(primaryListing, PRICE, uint64(block.timestamp + 1));
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_ListingExpired.selector, primaryListing, uint64(block.timestamp)
            )
        );
        buyManyAs(buyer1, allIds(), ids(PRICE, PRICE, RESALE));
    }

    function test_RevertWhen_AListingAppearsTwice() external {
        vm.expectRevert(unknownListingError(primaryListing));
        buyManyAs(buyer1, ids(primaryListing, primaryListing), ids(PRICE, PRICE));
        assertEq(certificate.ownerOf(first), holder, "the first purchase was undone too");
    }

    function test_RevertWhen_TheBuyerOwnsOneOfThem() external {
        vm.expectRevert(selfDealingError(buyer2));
        buyManyAs(buyer2, allIds(), ids(PRICE, PRICE, RESALE));
    }

    function test_WhenEveryListingIsValid_ItBuysThemAll() external {
        Balances memory b = balancesOf(usdc, buyer1, buyer2);
        uint256 holderBefore = usdc.balanceOf(holder);
        buyManyAs(buyer1, allIds(), ids(PRICE, PRICE, RESALE));
        Balances memory a = balancesOf(usdc, buyer1, buyer2);

        assertEq(certificate.ownerOf(first), buyer1, "first");
        assertEq(certificate.ownerOf(second), buyer1, "second");
        assertEq(certificate.ownerOf(third), buyer1, "third");
        assertEq(b.buyer - a.buyer, 2 * PRICE + RESALE, "paid every price");
        uint256 holderFee = fee(PRICE, TRADING_BPS);
        uint256 trading = fee(RESALE, TRADING_BPS);
        assertEq(a.vault, b.vault, "no escrow: all secondary");
        assertEq(a.seller - b.seller, RESALE - trading, "one seller");
        assertEq(usdc.balanceOf(holder) - holderBefore, 2 * (PRICE - holderFee), "the other seller");
        assertEq(
            (a.treasury - b.treasury) + (a.insurance - b.insurance), 2 * holderFee + trading, "fees of all three sales"
        );
        assertEq(a.market, 0, "nothing left in the marketplace");
    }
}
