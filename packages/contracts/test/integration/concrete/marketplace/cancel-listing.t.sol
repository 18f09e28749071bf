// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract CancelListing_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal listingId;

    function setUp() public override {
        super.setUp();
        holdFirst();
        listingId = listAs(holder, first, PRICE);
    }

    function test_RevertWhen_TheListingDoesNotExist() external {
        vm.expectRevert(unknownListingError(listingId + 1));
        vm.prank(holder);
        market.cancelListing(listingId + 1);
    }

    function test_RevertWhen_CallerIsNotTheSeller() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotSeller.selector, listingId, stranger));
        vm.prank(stranger);
        market.cancelListing(listingId);
    }

    function test_RevertGiven_AlreadyCancelled() external {
        vm.prank(holder);
        market.cancelListing(listingId);
        vm.expectRevert(unknownListingError(listingId));
        vm.prank(holder);
        market.cancelListing(listingId);
    }

    function test_RevertGiven_AlreadyBought() external {
        buyAs(buyer1, listingId, PRICE);
        vm.expectRevert(unknownListingError(listingId));
        vm.prank(holder);
        market.cancelListing(listingId);
    }

    function test_WhenCallerIsTheSeller_TheListingIsGone() external {
        vm.expectEmit(address(market));
        emit IMarketplace.ListingCancelled(listingId);
        vm.prank(holder);
        market.cancelListing(listingId);

        vm.expectRevert(unknownListingError(listingId));
        market.listing(listingId);
        vm.expectRevert(unknownListingError(listingId));
        buyAs(buyer1, listingId, PRICE);
        assertEq(market.listingCount(), 1, "ids are not reused");
        assertEq(certificate.ownerOf(first), holder, "the holder still holds it");
    }

    function test_WhenTheSellerNoLongerOwnsTheCertificate_ItStillCancels() external {
        vm.prank(holder);
        certificate.transferFrom(holder, alice, first);
        vm.prank(holder);
        market.cancelListing(listingId);
        vm.expectRevert(unknownListingError(listingId));
        market.listing(listingId);
    }
}
