// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {SaleChannel} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract Buy_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal listingId;

    /// @dev buyer1 bought `first` at its primary sale and lists it at RESALE.
    function setUp() public override {
        super.setUp();
        buyPrimary(buyer1, first);
        listingId = listAs(buyer1, first, RESALE);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheListingDoesNotExist() external {
        vm.expectRevert(unknownListingError(listingId + 1));
        buyAs(buyer1, listingId + 1, PRICE);
    }

    function test_RevertGiven_TheListingExpired() external {
        uint64 expiry = market.listing(listingId).expiry;
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingExpired.selector, listingId, expiry));
        buyAs(buyer2, listingId, RESALE);
    }

    function test_RevertWhen_ThePriceIsAboveTheBuyersMax() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceAboveMax.selector, listingId, RESALE, RESALE - 1)
        );
        buyAs(buyer2, listingId, RESALE - 1);
    }

    function test_RevertWhen_TheSellerBuys() external {
        vm.expectRevert(selfDealingError(buyer1));
        buyAs(buyer1, listingId, RESALE);
    }

    function test_RevertGiven_TheSellerNoLongerOwnsTheCertificate() external {
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, alice, first);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, listingId, alice));
        buyAs(buyer2, listingId, RESALE);
    }

    function test_RevertGiven_TheCertificateIsInAnAuction() external {
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, listingId, address(market))
        );
        buyAs(buyer2, listingId, RESALE);
    }

    function test_RevertGiven_TheCertificateWasBurned() external {
        // A certificate is burned by a merge into another of its holder's.
        buyPrimary(buyer1, second);
        vm.prank(buyer1);
        vault.merge(second, first);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, listingId, address(0)));
        buyAs(buyer2, listingId, RESALE);
    }

    function test_RevertGiven_TheSellerRevokedTheMarketplacesApproval() external {
        vm.prank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        // Checked before any payment: a buyer without funds or allowance gets the same error.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, buyer1));
        buyAs(stranger, listingId, RESALE);
        uint256 before = usdc.balanceOf(buyer2);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, buyer1));
        buyAs(buyer2, listingId, RESALE);
        assertEq(usdc.balanceOf(buyer2), before, "nothing paid");
        assertEq(certificate.ownerOf(first), buyer1, "nothing moved");
    }

    function test_RevertGiven_ASecondarySellerRevokedItsSingleTokenApproval() external {
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        uint256 resale = listAs(buyer1, first, RESALE);
        vm.prank(buyer1);
        certificate.approve(address(0), first);
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, buyer1));
        buyAs(buyer2, resale, RESALE);
        assertEq(usdc.balanceOf(buyer1), before, "the seller got nothing");
        assertEq(certificate.ownerOf(first), buyer1, "nothing moved");
    }

    function test_GivenTheOfferingIsFrozen_TheListingIsVoid() external {
        freezeOffering();
        vm.prank(buyer1);
        market.updateListing(listingId, RESALE, inAWeek());
        // The flag voided the listing (a new price does not revive it); the holder lists it again as it now is.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingVoid.selector, listingId, 0, 1));
        buyAs(buyer2, listingId, RESALE);
        buyAs(buyer2, listAs(buyer1, first, RESALE), RESALE);
        assertEq(certificate.ownerOf(first), buyer2, "resold as frozen");
    }

    function test_GivenTheVaultIsPaused_ASecondarySaleGoesThrough() external {
        // The secondary path does not need the vault, except for the seller's yield: it still sells.
        vm.prank(council);
        vault.pause();
        buyAs(buyer2, listingId, RESALE);
        assertEq(certificate.ownerOf(first), buyer2, "sold");
    }

    /*//////////////////////////////////////////////////////////////
                               SECONDARY
    //////////////////////////////////////////////////////////////*/

    function test_WhenSecondary_TheSellerGetsThePriceLessTheTradingFee() external {
        uint256 resale = listingId;
        uint256 trading = fee(RESALE, TRADING_BPS);
        Balances memory b = balancesOf(usdc, buyer2, buyer1);

        vm.expectEmit(address(market));
        emit IMarketplace.Sale(
            first, buyer1, buyer2, SaleChannel.Listing, resale, address(usdc), RESALE, trading, false
        );
        buyAs(buyer2, resale, RESALE);

        Balances memory a = balancesOf(usdc, buyer2, buyer1);
        assertEq(b.buyer - a.buyer, RESALE, "the buyer pays the price");
        assertEq(a.seller - b.seller, RESALE - trading, "the seller gets the rest");
        assertFeesPaid(b, a, trading, "trading fee");
        assertEq(a.vault, b.vault, "the vault is not involved");
        assertEq(a.market, 0, "the marketplace keeps nothing");
        assertEq(vault.certificateView(first).escrow, PRICE - fee(PRICE, CHANNEL_BPS), "escrow unchanged");
        assertEq(certificate.ownerOf(first), buyer2, "the buyer owns it");
    }

    function test_WhenSecondaryInAnotherToken_ItPaysInThatToken() external {
        uint256 resale = listIn(buyer1, first, address(dai), 4000e18);
        Balances memory b = balancesOf(dai, buyer2, buyer1);
        buyAs(buyer2, resale, 4000e18);
        Balances memory a = balancesOf(dai, buyer2, buyer1);
        assertEq(a.seller - b.seller, 4000e18 - 80e18, "2% trading fee");
        assertFeesPaid(b, a, 80e18, "fee in DAI");
    }

    function test_WhenOnlyThisCertificateIsApproved_ItSells() external {
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        buyAs(buyer2, listingId, RESALE);
        assertEq(certificate.ownerOf(first), buyer2, "sold");
    }

    function test_WhenTheInsuranceShareIsZero_TheTreasuryGetsTheWholeFee() external {
        setFees(CHANNEL_BPS, TRADING_BPS, 0);
        uint256 resale = listingId;
        Balances memory b = balancesOf(usdc, buyer2, buyer1);
        buyAs(buyer2, resale, RESALE);
        Balances memory a = balancesOf(usdc, buyer2, buyer1);
        assertEq(a.treasury - b.treasury, fee(RESALE, TRADING_BPS), "all to the treasury");
        assertEq(a.insurance, b.insurance, "none to insurance");
    }

    function test_WhenTheFeeRoundsToZero_NoFeeIsPaid() external {
        uint256 resale = listAs(buyer1, first, 49); // 2% of 49 units rounds down to 0
        Balances memory b = balancesOf(usdc, buyer2, buyer1);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(first, buyer1, buyer2, SaleChannel.Listing, resale, address(usdc), 49, 0, false);
        buyAs(buyer2, resale, 49);
        Balances memory a = balancesOf(usdc, buyer2, buyer1);
        assertEq(a.seller - b.seller, 49, "the seller gets it all");
        assertEq(a.treasury + a.insurance, b.treasury + b.insurance, "no fee");
    }
}
