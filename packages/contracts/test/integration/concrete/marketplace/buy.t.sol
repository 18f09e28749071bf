// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {SaleChannel} from "../../../../src/types/Market.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract Buy_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal listingId;

    function setUp() public override {
        super.setUp();
        listingId = listAs(miner, first, PRICE);
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
        buyAs(buyer1, listingId, PRICE);
    }

    function test_RevertWhen_ThePriceIsAboveTheBuyersMax() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceAboveMax.selector, listingId, PRICE, PRICE - 1)
        );
        buyAs(buyer1, listingId, PRICE - 1);
    }

    function test_RevertWhen_TheSellerBuys() external {
        vm.expectRevert(selfDealingError(miner));
        buyAs(miner, listingId, PRICE);
    }

    function test_RevertWhen_TheMinerBuysItsOwnCertificatesPrimarySale() external {
        // The miner hands an unsold certificate to a reseller, who lists it: still a primary sale.
        vm.startPrank(miner);
        certificate.transferFrom(miner, buyer1, second);
        vm.stopPrank();
        uint256 resold = listAs(buyer1, second, PRICE);
        vm.expectRevert(selfDealingError(miner));
        buyAs(miner, resold, PRICE);
    }

    function test_RevertGiven_TheSellerNoLongerOwnsTheCertificate() external {
        vm.prank(miner);
        certificate.transferFrom(miner, alice, first);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, listingId, alice));
        buyAs(buyer1, listingId, PRICE);
    }

    function test_RevertGiven_TheCertificateIsInAnAuction() external {
        auctionAs(miner, first, address(usdc), PRICE, DAY);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, listingId, address(market))
        );
        buyAs(buyer1, listingId, PRICE);
    }

    function test_RevertGiven_TheCertificateWasBurned() external {
        vm.prank(miner);
        vault.cancelUnsold(offeringId, ids(first));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingStale.selector, listingId, address(0)));
        buyAs(buyer1, listingId, PRICE);
    }

    function test_RevertGiven_TheSellerRevokedTheMarketplacesApproval() external {
        vm.prank(miner);
        certificate.setApprovalForAll(address(market), false);
        // Checked before any payment: a buyer without funds or allowance gets the same error.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, miner));
        buyAs(stranger, listingId, PRICE);
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, miner));
        buyAs(buyer1, listingId, PRICE);
        assertEq(usdc.balanceOf(buyer1), before, "nothing paid");
        assertEq(certificate.ownerOf(first), miner, "nothing moved");
        assertEq(vault.offering(offeringId).totalEscrow, 0, "nothing recorded");
    }

    function test_RevertGiven_ASecondarySellerRevokedItsSingleTokenApproval() external {
        buyAs(buyer1, listingId, PRICE);
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

    function test_RevertGiven_ThePrimaryOfferingIsFrozen() external {
        freezeOffering();
        vm.prank(miner);
        market.updateListing(listingId, PRICE, inAWeek());
        // The flag voided the listing (a new price does not revive it), and no new one can be made.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingVoid.selector, listingId, 0, 1));
        buyAs(buyer1, listingId, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Frozen)
        );
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_ThePrimaryOfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ListingVoid.selector, listingId, 0, 1));
        buyAs(buyer1, listingId, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Terminated
            )
        );
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_TheMinerIsSuspended_TheVaultRefusesTheSale() external {
        suspendMiner(miner);
        vm.expectRevert(minerNotActiveError(MinerStatus.Suspended));
        buyAs(buyer1, listingId, PRICE);
        assertEq(certificate.ownerOf(first), miner, "nothing moved");
    }

    function test_RevertGiven_TheVaultIsPaused() external {
        vm.prank(council);
        vault.pause();
        vm.expectRevert(enforcedPauseError());
        buyAs(buyer1, listingId, PRICE);
    }

    /*//////////////////////////////////////////////////////////////
                                PRIMARY
    //////////////////////////////////////////////////////////////*/

    function test_WhenPrimary_TheNetBecomesTheCertificatesEscrow() external {
        uint256 channel = fee(PRICE, CHANNEL_BPS);
        uint256 net = PRICE - channel;
        Balances memory b = balancesOf(usdc, buyer1, miner);

        vm.expectEmit(address(market));
        emit IMarketplace.Sale(
            first, miner, buyer1, SaleChannel.Listing, listingId, address(usdc), PRICE, channel, true
        );
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, first, net, UNITS, today, UNITS);
        buyAs(buyer1, listingId, PRICE);

        Balances memory a = balancesOf(usdc, buyer1, miner);
        assertEq(b.buyer - a.buyer, PRICE, "the buyer pays the price");
        assertEq(a.vault - b.vault, net, "the vault holds the net");
        assertEq(vault.offering(offeringId).totalEscrow, net, "offering escrow");
        assertEq(vault.certificateView(first).escrow, net, "certificate escrow");
        assertFeesPaid(b, a, channel, "channel fee");
        assertEq(a.miner, b.miner, "the miner receives nothing");
        assertEq(a.market, 0, "the marketplace keeps nothing");
        assertEq(certificate.ownerOf(first), buyer1, "the buyer owns it");
        vm.expectRevert(unknownListingError(listingId));
        market.listing(listingId);
        (bool primary,,) = market.quote(first, PRICE);
        assertFalse(primary, "its next sale is secondary");
    }

    function test_WhenPrimaryFromAReseller_TheResellerReceivesNothing() external {
        vm.prank(miner);
        certificate.transferFrom(miner, alice, second);
        vm.prank(alice);
        certificate.setApprovalForAll(address(market), true);
        uint256 resold = listAs(alice, second, PRICE);

        Balances memory b = balancesOf(usdc, buyer1, alice);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(
            second, alice, buyer1, SaleChannel.Listing, resold, address(usdc), PRICE, fee(PRICE, CHANNEL_BPS), true
        );
        buyAs(buyer1, resold, PRICE);
        Balances memory a = balancesOf(usdc, buyer1, alice);
        assertEq(a.seller, b.seller, "the reseller gets nothing");
        assertEq(a.vault - b.vault, PRICE - fee(PRICE, CHANNEL_BPS), "escrow");
    }

    function test_WhenTheMaxIsAboveThePrice_TheBuyerPaysOnlyThePrice() external {
        uint256 before = usdc.balanceOf(buyer1);
        buyAs(buyer1, listingId, PRICE * 2);
        assertEq(before - usdc.balanceOf(buyer1), PRICE, "price, not max");
    }

    function test_WhenASecondPrimarySale_TheStandingVaultAllowanceIsReused() external {
        buyAs(buyer1, listingId, PRICE);
        uint256 allowance = usdc.allowance(address(market), address(vault));
        buyPrimary(buyer2, second);
        assertEq(usdc.allowance(address(market), address(vault)), allowance, "allowance not renewed");
        assertEq(vault.offering(offeringId).totalEscrow, 2 * (PRICE - fee(PRICE, CHANNEL_BPS)), "both escrowed");
    }

    function test_WhenPrimaryInHookToken_TheNetGoesIntoTheHookOffering() external {
        uint256 tokenId = tokenOf(hookOfferingId, 1);
        uint256 hookListing = listIn(miner, tokenId, address(hook), 1000e18);
        Balances memory b = balancesOf(hook, buyer1, miner);
        buyAs(buyer1, hookListing, 1000e18);
        Balances memory a = balancesOf(hook, buyer1, miner);
        assertEq(a.vault - b.vault, 950e18, "net escrow");
        assertEq(vault.offering(hookOfferingId).totalEscrow, 950e18, "offering escrow");
        assertFeesPaid(b, a, 50e18, "channel fee");
    }

    /*//////////////////////////////////////////////////////////////
                               SECONDARY
    //////////////////////////////////////////////////////////////*/

    function test_WhenSecondary_TheSellerGetsThePriceLessTheTradingFee() external {
        buyAs(buyer1, listingId, PRICE);
        uint256 resale = listAs(buyer1, first, RESALE);
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
        buyAs(buyer1, listingId, PRICE);
        uint256 resale = listIn(buyer1, first, address(dai), 4000e18);
        Balances memory b = balancesOf(dai, buyer2, buyer1);
        buyAs(buyer2, resale, 4000e18);
        Balances memory a = balancesOf(dai, buyer2, buyer1);
        assertEq(a.seller - b.seller, 4000e18 - 80e18, "2% trading fee");
        assertFeesPaid(b, a, 80e18, "fee in DAI");
    }

    function test_WhenOnlyThisCertificateIsApproved_ItSells() external {
        buyAs(buyer1, listingId, PRICE);
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        uint256 resale = listAs(buyer1, first, RESALE);
        buyAs(buyer2, resale, RESALE);
        assertEq(certificate.ownerOf(first), buyer2, "sold");
    }

    function test_WhenTheInsuranceShareIsZero_TheTreasuryGetsTheWholeFee() external {
        setFees(CHANNEL_BPS, TRADING_BPS, 0);
        buyAs(buyer1, listingId, PRICE);
        uint256 resale = listAs(buyer1, first, RESALE);
        Balances memory b = balancesOf(usdc, buyer2, buyer1);
        buyAs(buyer2, resale, RESALE);
        Balances memory a = balancesOf(usdc, buyer2, buyer1);
        assertEq(a.treasury - b.treasury, fee(RESALE, TRADING_BPS), "all to the treasury");
        assertEq(a.insurance, b.insurance, "none to insurance");
    }

    function test_WhenTheFeeRoundsToZero_NoFeeIsPaid() external {
        buyAs(buyer1, listingId, PRICE);
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
