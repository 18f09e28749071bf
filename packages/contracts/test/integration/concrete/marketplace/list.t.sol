// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Listing} from "../../../../src/types/Market.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract List_Marketplace_Concrete_Test is MarketplaceTestBase {
    function notOnSaleError(uint256 tokenId, OfferingStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_OfferingNotOnSale.selector, tokenId, status);
    }
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_CallerDoesNotOwnTheCertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, stranger));
        listIn(stranger, first, address(usdc), PRICE);
    }

    function test_RevertWhen_TheCertificateDoesNotExist() external {
        uint256 missing = tokenOf(offeringId, COUNT + 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, missing, miner));
        listIn(miner, missing, address(usdc), PRICE);
    }

    function test_RevertWhen_TheMarketplaceIsNotApproved() external {
        vm.prank(miner);
        certificate.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, miner));
        listIn(miner, first, address(usdc), PRICE);
    }

    function test_RevertWhen_ThePaymentTokenIsNotAllowlisted() external {
        buyPrimary(buyer1, first);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(unlisted))
        );
        listIn(buyer1, first, address(unlisted), PRICE);
    }

    function test_RevertWhen_APrimaryListingIsNotInTheOfferingsToken() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_WrongPaymentToken.selector, first, address(dai), address(usdc)
            )
        );
        listIn(miner, first, address(dai), PRICE);
    }

    function test_RevertGiven_ThePrimaryOfferingIsFrozen() external {
        freezeOffering();
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Frozen)
        );
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_ThePrimaryOfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Terminated
            )
        );
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_TheMinerIsSuspended() external {
        suspendMiner(miner);
        // The offering is still Active: the vault's `isOnSale` refuses, and the error says which status it has.
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_TheMinerIsRevoked() external {
        revokeMiner(miner);
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_AResellerListsAnUnsoldCertificateOfASuspendedMiner() external {
        vm.prank(miner);
        certificate.transferFrom(miner, buyer1, first);
        suspendMiner(miner);
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        listAs(buyer1, first, PRICE);
    }

    function test_RevertGiven_TheTermIsOver() external {
        warpToDay(today + TERM - 1);
        listAs(miner, second, PRICE); // the last day still lists
        warpToDay(today + TERM);
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        listAs(miner, first, PRICE);
    }

    function test_RevertGiven_TheVaultIsPaused() external {
        vm.prank(council);
        vault.pause();
        vm.expectRevert(notOnSaleError(first, OfferingStatus.Active));
        listAs(miner, first, PRICE);
    }

    function test_GivenTheMinerIsSuspended_ASecondaryListingStillWorks() external {
        buyPrimary(buyer1, first);
        suspendMiner(miner);
        uint256 listingId = listAs(buyer1, first, RESALE);
        assertTrue(market.isListingValid(listingId), "secondary sales go on");
    }

    function test_RevertWhen_PriceIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        listAs(miner, first, 0);
    }

    function test_RevertWhen_PriceDoesNotFitNinetySixBits() external {
        uint256 price = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, price, type(uint96).max)
        );
        listAs(miner, first, price);
    }

    function test_RevertWhen_ExpiryIsNow() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, block.timestamp, block.timestamp)
        );
        vm.prank(miner);
        market.list(first, address(usdc), PRICE, uint64(block.timestamp));
    }

    function test_RevertWhen_ExpiryDoesNotFitFortyBits() external {
        uint64 never = uint64(type(uint40).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, never, block.timestamp));
        vm.prank(miner);
        market.list(first, address(usdc), PRICE, never);
    }

    function test_WhenValid_ItRecordsTheCertificatesSaleNonceAndWhetherItIsUnsold() external {
        vm.prank(miner);
        certificate.transferFrom(miner, buyer1, second);
        uint256 listingId = listIn(buyer1, second, address(usdc), PRICE);
        assertEq(market.listing(listingId).nonce, certificate.saleNonce(second), "the nonce now");
        assertEq(market.listing(listingId).nonce, 1, "one transfer since the batch mint");
        assertTrue(market.listing(listingId).primary, "an unsold certificate: a primary listing");
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenPrimary_ItListsWithoutTakingTheCertificate() external {
        uint64 expiry = inAWeek();
        vm.expectEmit(address(market));
        emit IMarketplace.Listed(1, first, miner, address(usdc), PRICE, expiry);
        vm.prank(miner);
        uint256 listingId = market.list(first, address(usdc), PRICE, expiry);

        assertEq(listingId, 1, "first id");
        assertEq(market.listingCount(), 1, "count");
        Listing memory l = market.listing(listingId);
        assertEq(l.seller, miner, "seller");
        assertEq(l.expiry, expiry, "expiry");
        assertEq(l.paymentToken, address(usdc), "token");
        assertEq(l.price, PRICE, "price");
        assertEq(l.tokenId, first, "token id");
        assertEq(certificate.ownerOf(first), miner, "the miner keeps the certificate");
        assertTrue(market.isListingValid(listingId), "valid");
    }

    function test_WhenSecondary_ItListsInAnyAllowlistedToken() external {
        buyPrimary(buyer1, first);
        uint256 listingId = listIn(buyer1, first, address(dai), 4000e18);
        assertEq(market.listing(listingId).paymentToken, address(dai), "DAI");
        assertTrue(market.isListingValid(listingId), "valid");
    }

    function test_WhenOnlyThisCertificateIsApproved_ItLists() external {
        buyPrimary(buyer1, first);
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        uint256 listingId = listAs(buyer1, first, RESALE);
        assertTrue(market.isListingValid(listingId), "valid with a single-token approval");
    }

    function test_WhenTheLargestPrice_ItLists() external {
        uint256 listingId = listAs(miner, first, type(uint96).max);
        assertEq(market.listing(listingId).price, type(uint96).max, "uint96 max");
    }

    function test_WhenListedTwice_BothListingsExist() external {
        uint256 a = listAs(miner, first, PRICE);
        uint256 b = listAs(miner, first, PRICE + 1);
        assertEq(b, a + 1, "next id");
        assertTrue(market.isListingValid(a) && market.isListingValid(b), "both valid");
        buyAs(buyer1, a, PRICE);
        assertFalse(market.isListingValid(b), "the other is stale");
    }
}
