// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Auction} from "../../../../src/types/Market.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract CreateAuction_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint32 internal constant MIN = 1 hours;
    uint32 internal constant MAX = 30 days;

    function notOnSaleError(uint256 tokenId, OfferingStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_OfferingNotOnSale.selector, tokenId, status);
    }

    function durationError(uint32 duration) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_DurationOutOfBounds.selector, duration, MIN, MAX);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_CallerDoesNotOwnTheCertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, buyer1));
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
    }

    function test_RevertWhen_TheMarketplaceIsNotApproved() external {
        vm.prank(miner);
        certificate.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, miner));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function test_RevertWhen_ThePaymentTokenIsNotAllowlisted() external {
        buyPrimary(buyer1, first);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(unlisted))
        );
        auctionAs(buyer1, first, address(unlisted), PRICE, DAY);
    }

    function test_RevertWhen_APrimaryAuctionIsNotInTheOfferingsToken() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_WrongPaymentToken.selector, first, address(hook), address(usdc)
            )
        );
        auctionAs(miner, first, address(hook), PRICE, DAY);
    }

    function test_RevertGiven_ThePrimaryOfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Terminated
            )
        );
        auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function test_RevertGiven_ThePrimaryOfferingIsFrozen() external {
        freezeOffering();
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Frozen));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function test_RevertGiven_TheMinerIsSuspended() external {
        suspendMiner(miner);
        // The offering is still Active: the vault's `isOnSale` refuses, and the error says which status it has.
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
        assertEq(certificate.ownerOf(first), miner, "kept");
    }

    function test_RevertGiven_TheMinerIsRevoked() external {
        revokeMiner(miner);
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function test_RevertGiven_TheTermIsOver() external {
        warpToDay(today + TERM - 1);
        auctionAs(miner, second, address(usdc), PRICE, DAY); // the last day still auctions
        warpToDay(today + TERM);
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function test_RevertGiven_TheVaultIsPaused() external {
        vm.prank(council);
        vault.pause();
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function test_GivenTheMinerIsSuspended_ASecondaryAuctionStillWorks() external {
        buyPrimary(buyer1, first);
        suspendMiner(miner);
        uint256 auctionId = auctionAs(buyer1, first, address(usdc), RESALE, DAY);
        assertEq(certificate.ownerOf(first), address(market), "custody");
        assertEq(market.auction(auctionId).seller, buyer1, "seller");
    }

    function test_RevertWhen_TheReserveIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        auctionAs(miner, first, address(usdc), 0, DAY);
    }

    function test_RevertWhen_TheReserveDoesNotFitNinetySixBits() external {
        uint256 reserve = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, reserve, type(uint96).max)
        );
        auctionAs(miner, first, address(usdc), reserve, DAY);
    }

    function test_RevertWhen_TheDurationIsBelowAnHour() external {
        vm.expectRevert(durationError(MIN - 1));
        auctionAs(miner, first, address(usdc), PRICE, MIN - 1);
    }

    function test_RevertWhen_TheDurationIsAboveThirtyDays() external {
        vm.expectRevert(durationError(MAX + 1));
        auctionAs(miner, first, address(usdc), PRICE, MAX + 1);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenPrimary_TheMarketplaceTakesCustody() external {
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionCreated(1, first, miner, address(usdc), PRICE, DAY);
        uint256 auctionId = auctionAs(miner, first, address(usdc), PRICE, DAY);

        assertEq(auctionId, 1, "first id");
        assertEq(market.auctionCount(), 1, "count");
        assertEq(certificate.ownerOf(first), address(market), "held by the marketplace");
        Auction memory a = market.auction(auctionId);
        assertEq(a.seller, miner, "seller");
        assertEq(a.endTime, 0, "the clock has not started");
        assertEq(a.duration, DAY, "duration");
        assertEq(a.paymentToken, address(usdc), "token");
        assertEq(a.reserve, PRICE, "reserve");
        assertEq(a.highestBidder, address(0), "no bidder");
        assertEq(a.highestBid, 0, "no bid");
        assertEq(a.tokenId, first, "token id");
        assertEq(market.minimumBid(auctionId), PRICE, "the first bid needs the reserve");
    }

    function test_WhenSecondary_ItAuctionsInAnyAllowlistedToken() external {
        buyPrimary(buyer1, first);
        uint256 auctionId = auctionAs(buyer1, first, address(dai), 1000e18, DAY);
        assertEq(market.auction(auctionId).paymentToken, address(dai), "DAI");
        assertEq(certificate.ownerOf(first), address(market), "custody");
    }

    function test_WhenTheDurationIsAtTheBounds_ItAcceptsThem() external {
        uint256 shortest = auctionAs(miner, first, address(usdc), PRICE, MIN);
        uint256 longest = auctionAs(miner, second, address(usdc), PRICE, MAX);
        assertEq(market.auction(shortest).duration, MIN, "one hour");
        assertEq(market.auction(longest).duration, MAX, "thirty days");
    }

    function test_WhenOnlyThisCertificateIsApproved_ItTakesCustody() external {
        buyPrimary(buyer1, first);
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        auctionAs(buyer1, first, address(usdc), PRICE, DAY);
        assertEq(certificate.ownerOf(first), address(market), "custody");
    }

    function test_WhenAuctioned_TheSellerCannotListOrAuctionItAgain() external {
        auctionAs(miner, first, address(usdc), PRICE, DAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, miner));
        auctionAs(miner, first, address(usdc), PRICE, DAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, miner));
        listAs(miner, first, PRICE);
    }
}
