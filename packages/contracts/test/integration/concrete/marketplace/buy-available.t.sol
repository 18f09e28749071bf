// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract BuyAvailable_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal listingA;
    uint256 internal listingB;
    uint256 internal listingC;

    function setUp() public override {
        super.setUp();
        // The holder bought the first three certificates and lists them.
        buyPrimary(holder, first);
        buyPrimary(holder, second);
        buyPrimary(holder, third);
        listingA = listAs(holder, first, PRICE);
        listingB = listAs(holder, second, PRICE);
        listingC = listAs(holder, third, PRICE);
    }

    function buyAvailableAs(address account, uint256[] memory listingIds, uint256[] memory maxPrices)
        internal
        returns (bool[] memory bought)
    {
        vm.prank(account);
        bought = market.buyAvailable(listingIds, maxPrices);
    }

    function prices(uint256 n) internal pure returns (uint256[] memory list) {
        list = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = PRICE;
        }
    }

    /// @dev Expects `listingId` to be reported as skipped (expectations hold in call order).
    function expectSkipped(uint256 listingId) internal {
        vm.expectEmit(address(market));
        emit IMarketplace.ListingSkipped(listingId);
    }

    function test_RevertWhen_TheBatchIsEmpty() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_EmptyBatch.selector));
        buyAvailableAs(buyer1, new uint256[](0), new uint256[](0));
    }

    function test_RevertWhen_LengthsDiffer() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_LengthMismatch.selector, 1, 3));
        buyAvailableAs(buyer1, ids(listingA), prices(3));
    }

    function test_WhenEveryListingIsValid_ItBuysThemAll() external {
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0x7, "all three");
        assertEq(bought.length, 3, "one flag per listing");
        assertEq(certificate.balanceOf(buyer1), 3, "three certificates");
    }

    function test_GivenAStaleListing_ItSkipsIt() external {
        vm.prank(holder);
        certificate.transferFrom(holder, alice, second);
        expectSkipped(listingB);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0x5, "first and third");
        assertEq(certificate.ownerOf(second), alice, "untouched");
        assertEq(certificate.ownerOf(third), buyer1, "bought after the skip");
    }

    function test_GivenAnExpiredListing_ItSkipsIt() external {
        vm.prank(holder);
        market.updateListing(listingA, PRICE, uint64(block.timestamp + 1));
        vm.warp(block.timestamp + 1);
        expectSkipped(listingA);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0x6, "second and third");
    }

    function test_GivenTheSellerRevokedApproval_ItSkipsEveryListingOfTheSeller() external {
        buyPrimary(buyer2, tokenOf(offeringId, 4));
        uint256 resale = listAs(buyer2, tokenOf(offeringId, 4), RESALE);
        vm.prank(buyer2);
        certificate.setApprovalForAll(address(market), false);
        expectSkipped(resale);
        bool[] memory bought = buyAvailableAs(buyer1, ids(resale, listingA), ids(RESALE, PRICE));
        assertEq(flags(bought), 0x2, "only the holder's");
        assertEq(certificate.ownerOf(tokenOf(offeringId, 4)), buyer2, "kept");
    }

    function test_GivenAPriceAboveTheMax_ItSkipsIt() external {
        vm.prank(holder);
        market.updateListing(listingC, PRICE + 1, inAWeek());
        expectSkipped(listingC);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0x3, "first two");
        assertTrue(market.isListingValid(listingC), "still listed");
    }

    function test_GivenTheBuyersOwnListing_ItSkipsIt() external {
        buyPrimary(buyer1, tokenOf(offeringId, 4));
        uint256 own = listAs(buyer1, tokenOf(offeringId, 4), RESALE);
        expectSkipped(own);
        bool[] memory bought = buyAvailableAs(buyer1, ids(own, listingA), ids(RESALE, PRICE));
        assertEq(flags(bought), 0x2, "not its own");
    }

    function test_GivenACancelledOrUnknownListing_ItSkipsIt() external {
        vm.prank(holder);
        market.cancelListing(listingA);
        expectSkipped(listingA);
        expectSkipped(99);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, 99, listingB), prices(3));
        assertEq(flags(bought), 0x4, "only the third entry");
    }

    function test_GivenTheSameListingTwice_ItBuysItOnce() external {
        expectSkipped(listingA);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingA), prices(2));
        assertEq(flags(bought), 0x1, "first occurrence");
        assertEq(certificate.ownerOf(first), buyer1, "bought");
    }

    function test_GivenNothingIsValid_ItBuysNothingAndDoesNotRevert() external {
        vm.prank(holder);
        certificate.setApprovalForAll(address(market), false);
        uint256 before = usdc.balanceOf(buyer1);
        expectSkipped(listingA);
        expectSkipped(listingB);
        expectSkipped(listingC);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0, "none");
        assertEq(usdc.balanceOf(buyer1), before, "nothing paid");
    }
}
