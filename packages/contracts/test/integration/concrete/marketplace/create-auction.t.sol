// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {CertificateId} from "../../../../src/libraries/CertificateId.sol";
import {Auction} from "../../../../src/types/Market.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

/// @notice `createAuction` (a certificate: buyer1 holds `first`) and `createPrimaryAuction` (a lot of an offering's
/// units, reserved in the vault).
contract CreateAuction_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint32 internal constant MIN = 1 hours;
    uint32 internal constant MAX = 30 days;

    function setUp() public override {
        super.setUp();
        buyPrimary(buyer1, first);
    }

    function durationError(uint32 duration) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_DurationOutOfBounds.selector, duration, MIN, MAX);
    }

    /*//////////////////////////////////////////////////////////////
                          SECONDARY: REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_CallerDoesNotOwnTheCertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, buyer2));
        auctionAs(buyer2, first, address(usdc), PRICE, DAY);
    }

    function test_RevertWhen_TheCertificateIsUnsold() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, second, miner));
        auctionAs(miner, second, address(usdc), PRICE, DAY);
    }

    function test_RevertWhen_TheMarketplaceIsNotApproved() external {
        vm.prank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, buyer1));
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
    }

    function test_RevertWhen_ThePaymentTokenIsNotAllowlisted() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(unlisted))
        );
        auctionAs(buyer1, first, address(unlisted), PRICE, DAY);
    }

    function test_RevertWhen_TheReserveIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        auctionAs(buyer1, first, address(usdc), 0, DAY);
    }

    function test_RevertWhen_TheReserveDoesNotFitNinetySixBits() external {
        uint256 reserve = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, reserve, type(uint96).max)
        );
        auctionAs(buyer1, first, address(usdc), reserve, DAY);
    }

    function test_RevertWhen_TheDurationIsBelowAnHour() external {
        vm.expectRevert(durationError(MIN - 1));
        auctionAs(buyer1, first, address(usdc), PRICE, MIN - 1);
    }

    function test_RevertWhen_TheDurationIsAboveThirtyDays() external {
        vm.expectRevert(durationError(MAX + 1));
        auctionAs(buyer1, first, address(usdc), PRICE, MAX + 1);
    }

    /*//////////////////////////////////////////////////////////////
                          SECONDARY: SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenSecondary_TheMarketplaceTakesCustody() external {
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionCreated(1, first, buyer1, address(dai), 1000e18, DAY);
        uint256 auctionId = auctionAs(buyer1, first, address(dai), 1000e18, DAY);

        assertEq(auctionId, 1, "first id");
        assertEq(market.auctionCount(), 1, "count");
        assertEq(certificate.ownerOf(first), address(market), "held by the marketplace");
        Auction memory a = market.auction(auctionId);
        assertEq(a.seller, buyer1, "seller");
        assertEq(a.endTime, 0, "the clock has not started");
        assertEq(a.duration, DAY, "duration");
        assertEq(a.paymentToken, address(dai), "any allowlisted token");
        assertEq(a.reserve, 1000e18, "reserve");
        assertEq(a.highestBidder, address(0), "no bidder");
        assertEq(a.highestBid, 0, "no bid");
        assertEq(a.tokenId, first, "token id");
        assertEq(a.units, 0, "a certificate, not a lot");
        assertEq(market.minimumBid(auctionId), 1000e18, "the first bid needs the reserve");
    }

    function test_GivenTheMinerIsSuspended_ASecondaryAuctionStillWorks() external {
        suspendMiner(miner);
        uint256 auctionId = auctionAs(buyer1, first, address(usdc), RESALE, DAY);
        assertEq(certificate.ownerOf(first), address(market), "custody");
        assertEq(market.auction(auctionId).seller, buyer1, "seller");
    }

    function test_WhenTheDurationIsAtTheBounds_ItAcceptsThem() external {
        buyPrimary(buyer1, second);
        uint256 shortest = auctionAs(buyer1, first, address(usdc), PRICE, MIN);
        uint256 longest = auctionAs(buyer1, second, address(usdc), PRICE, MAX);
        assertEq(market.auction(shortest).duration, MIN, "one hour");
        assertEq(market.auction(longest).duration, MAX, "thirty days");
    }

    function test_WhenOnlyThisCertificateIsApproved_ItTakesCustody() external {
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
        assertEq(certificate.ownerOf(first), address(market), "custody");
    }

    function test_WhenAuctioned_TheSellerCannotListOrAuctionItAgain() external {
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, buyer1));
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, buyer1));
        listAs(buyer1, first, PRICE);
    }

    /*//////////////////////////////////////////////////////////////
                            PRIMARY: REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_APrimaryAuctionIsNotByTheMiner() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotMiner.selector, offeringId, buyer1)
        );
        primaryAuctionAs(buyer1, offeringId, UNITS, PRICE, DAY);
    }

    function test_RevertWhen_APrimaryLotIsBelowTheMinimumLot() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_BelowMinLot.selector, offeringId, 1, UNITS)
        );
        primaryAuctionAs(miner, offeringId, 1, PRICE, DAY);
    }

    function test_RevertWhen_APrimaryLotExceedsTheUnitsOnSale() external {
        uint256 left = UNITS * (COUNT - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, left + 1, left
            )
        );
        primaryAuctionAs(miner, offeringId, left + 1, PRICE, DAY);
    }

    function test_RevertGiven_ThePrimaryOfferingIsFrozen() external {
        freezeOffering();
        vm.expectRevert(statusError(offeringId, OfferingStatus.Frozen));
        primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
    }

    function test_RevertGiven_TheMinerIsSuspended() external {
        suspendMiner(miner);
        vm.expectRevert(minerNotActiveError(MinerStatus.Suspended));
        primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
    }

    function test_RevertGiven_TheSaleWindowEnded() external {
        vm.warp(vault.offering(offeringId).saleEnd);
        vm.expectRevert();
        primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
    }

    function test_RevertGiven_TheVaultIsPaused() external {
        vm.prank(council);
        vault.pause();
        vm.expectRevert(enforcedPauseError());
        primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
    }

    /*//////////////////////////////////////////////////////////////
                            PRIMARY: SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenPrimary_TheLotIsReservedAndNoCertificateExists() external {
        uint256 lot = 5 * UNITS;
        uint256 onSale = vault.unitsOnSale(offeringId);
        uint256 lotId = CertificateId.encode(offeringId, 0);
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionCreated(1, lotId, miner, address(usdc), PRICE, DAY);
        vm.expectEmit(address(market));
        emit IMarketplace.PrimaryAuctionCreated(1, offeringId, lot);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.LotReserved(offeringId, lot, lot);
        uint256 auctionId = primaryAuctionAs(miner, offeringId, lot, PRICE, DAY);

        Auction memory a = market.auction(auctionId);
        assertEq(a.seller, miner, "the miner sells");
        assertEq(a.paymentToken, address(usdc), "in the offering's token");
        assertEq(a.tokenId, lotId, "index 0: no certificate");
        assertEq(a.units, lot, "the lot");
        assertEq(vault.offering(offeringId).lotUnits, lot, "reserved in the vault");
        assertEq(vault.unitsOnSale(offeringId), onSale - lot, "no longer on sale");
        assertEq(certificate.balanceOf(address(market)), 0, "nothing minted");
    }
}
