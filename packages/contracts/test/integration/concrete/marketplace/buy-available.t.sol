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
        listingA = listAs(miner, first, PRICE);
        listingB = listAs(miner, second, PRICE);
        listingC = listAs(miner, third, PRICE);
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
        vm.prank(miner);
        certificate.transferFrom(miner, alice, second);
        expectSkipped(listingB);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0x5, "first and third");
        assertEq(certificate.ownerOf(second), alice, "untouched");
        assertEq(certificate.ownerOf(third), buyer1, "bought after the skip");
    }

    function test_GivenAnExpiredListing_ItSkipsIt() external {
        vm.prank(miner);
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
        assertEq(flags(bought), 0x2, "only the miner's");
        assertEq(certificate.ownerOf(tokenOf(offeringId, 4)), buyer2, "kept");
    }

    function test_GivenAPriceAboveTheMax_ItSkipsIt() external {
        vm.prank(miner);
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
        vm.prank(miner);
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

    function test_GivenAPrimaryOfferingNoLongerOnSale_ItSkipsIt() external {
        uint256 hookToken1 = tokenOf(hookOfferingId, 1);
        uint256 hookListing = listIn(miner, hookToken1, address(hook), 1000e18);
        terminateOffering(hookOfferingId);
        expectSkipped(hookListing);
        bool[] memory bought = buyAvailableAs(buyer1, ids(hookListing, listingA), ids(1000e18, PRICE));
        assertEq(flags(bought), 0x2, "only the active offering's");
    }

    /*//////////////////////////////////////////////////////////////
                 PRIMARY LISTINGS THE VAULT WOULD REFUSE
    //////////////////////////////////////////////////////////////*/

    /// @dev buyer2 buys the 4th certificate (primary) and lists it for resale until `expiry`.
    function resaleUntil(uint64 expiry) internal returns (uint256 resale, uint256 tokenId) {
        tokenId = buyPrimary(buyer2, tokenOf(offeringId, 4));
        vm.prank(buyer2);
        resale = market.list(tokenId, address(usdc), RESALE, expiry);
    }

    /// @dev buyer1 asks for [primary, resale]: the primary is skipped and stays listed, the resale is bought.
    function assertBuysOnlyTheResale(uint256 primary, uint256 primaryToken, uint256 resale, uint256 resaleToken)
        internal
    {
        assertFalse(market.isListingValid(primary), "the primary listing is invalid");
        assertTrue(market.isListingValid(resale), "the resale is valid");
        Balances memory b = balancesOf(usdc, buyer1, buyer2);
        expectSkipped(primary);
        bool[] memory bought = buyAvailableAs(buyer1, ids(primary, resale), ids(PRICE, RESALE));
        Balances memory a = balancesOf(usdc, buyer1, buyer2);
        assertEq(bought.length, 2, "one flag per listing");
        assertEq(flags(bought), 0x2, "only the resale");
        assertEq(b.buyer - a.buyer, RESALE, "paid the resale only");
        assertEq(a.seller - b.seller, RESALE - fee(RESALE, TRADING_BPS), "the reseller is paid");
        assertEq(a.vault, b.vault, "no escrow");
        assertEq(certificate.ownerOf(resaleToken), buyer1, "resale bought");
        assertEq(certificate.ownerOf(primaryToken), miner, "primary untouched");
        assertEq(market.listing(primary).seller, miner, "the primary listing stays");
    }

    function test_GivenTheMinerIsSuspended_ItSkipsThePrimaryAndBuysTheSecondary() external {
        (uint256 resale, uint256 resaleToken) = resaleUntil(inAWeek());
        suspendMiner(miner);
        assertBuysOnlyTheResale(listingA, first, resale, resaleToken);
    }

    function test_GivenTheMinerIsRevoked_ItSkipsThePrimaryAndBuysTheSecondary() external {
        (uint256 resale, uint256 resaleToken) = resaleUntil(inAWeek());
        revokeMiner(miner);
        assertBuysOnlyTheResale(listingB, second, resale, resaleToken);
    }

    function test_GivenTheTermIsOver_ItSkipsThePrimaryAndBuysTheSecondary() external {
        warpToDay(today + TERM - 1);
        uint256 late = listAs(miner, tokenOf(offeringId, 5), PRICE);
        (uint256 resale, uint256 resaleToken) = resaleUntil(inAWeek());
        warpToDay(today + TERM);
        assertBuysOnlyTheResale(late, tokenOf(offeringId, 5), resale, resaleToken);
    }

    function test_GivenTheVaultIsPaused_ItSkipsThePrimaryAndBuysTheSecondary() external {
        (uint256 resale, uint256 resaleToken) = resaleUntil(inAWeek());
        vm.prank(council);
        vault.pause();
        assertBuysOnlyTheResale(listingC, third, resale, resaleToken);
    }

    function test_GivenTheOfferingIsFrozen_ItSkipsThePrimaryAndBuysTheSecondary() external {
        uint64 later = uint64(block.timestamp + 30 days);
        vm.prank(miner);
        market.updateListing(listingA, PRICE, later);
        (, uint256 resaleToken) = resaleUntil(later);
        freezeOffering(); // day 7; the 4th certificate, sold on day 0, owes the missed days
        // The flag voided the resale listed before it; the reseller lists the frozen certificate again.
        vm.prank(buyer2);
        uint256 resale = market.list(resaleToken, address(usdc), RESALE, later);
        assertBuysOnlyTheResale(listingA, first, resale, resaleToken);
    }

    function test_WhenTheMinerBuysAResellersPrimaryListingOfItsCertificate_ItSkipsIt() external {
        // The miner hands its unsold 4th certificate to buyer2, who lists it: still its primary sale.
        uint256 resoldToken = tokenOf(offeringId, 4);
        vm.prank(miner);
        certificate.transferFrom(miner, buyer2, resoldToken);
        uint256 resold = listAs(buyer2, resoldToken, PRICE);
        // A real resale the miner may buy.
        uint256 resaleToken = buyPrimary(buyer3, tokenOf(offeringId, 5));
        uint256 resale = listAs(buyer3, resaleToken, RESALE);
        vm.prank(usdcBridge);
        usdc.mint(miner, RESALE);
        vm.prank(miner);
        usdc.approve(address(market), type(uint256).max);
        uint256 before = usdc.balanceOf(miner);

        expectSkipped(resold);
        bool[] memory bought = buyAvailableAs(miner, ids(resold, resale), ids(PRICE, RESALE));
        assertEq(flags(bought), 0x2, "only the resale");
        assertEq(certificate.ownerOf(resoldToken), buyer2, "the primary listing is untouched");
        assertEq(certificate.ownerOf(resaleToken), miner, "the miner bought the resale");
        assertEq(before - usdc.balanceOf(miner), RESALE, "paid the resale only");
        // Valid for anyone else, who buys it.
        assertTrue(market.isListingValid(resold), "valid for others");
        bought = buyAvailableAs(buyer1, ids(resold), ids(PRICE));
        assertEq(flags(bought), 0x1, "bought by another buyer");
        assertTrue(vault.certificateView(resoldToken).sold, "primary sale recorded");
    }

    function test_GivenNothingIsValid_ItBuysNothingAndDoesNotRevert() external {
        terminateOffering(offeringId);
        uint256 before = usdc.balanceOf(buyer1);
        expectSkipped(listingA);
        expectSkipped(listingB);
        expectSkipped(listingC);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, listingB, listingC), prices(3));
        assertEq(flags(bought), 0, "none");
        assertEq(usdc.balanceOf(buyer1), before, "nothing paid");
    }

    function test_WhenMixingPrimaryAndSecondary_ItSettlesEachSaleByItsKind() external {
        buyPrimary(buyer2, tokenOf(offeringId, 4));
        uint256 resale = listAs(buyer2, tokenOf(offeringId, 4), RESALE);
        Balances memory b = balancesOf(usdc, buyer1, buyer2);
        bool[] memory bought = buyAvailableAs(buyer1, ids(listingA, resale), ids(PRICE, RESALE));
        Balances memory a = balancesOf(usdc, buyer1, buyer2);
        assertEq(flags(bought), 0x3, "both");
        assertEq(a.vault - b.vault, PRICE - fee(PRICE, CHANNEL_BPS), "primary into the vault");
        assertEq(a.seller - b.seller, RESALE - fee(RESALE, TRADING_BPS), "secondary to the seller");
    }
}
