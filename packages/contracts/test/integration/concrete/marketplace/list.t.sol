// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Listing} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

/// @notice Listings are secondary: certificates exist only once sold (buyer1 holds `first`).
contract List_Marketplace_Concrete_Test is MarketplaceTestBase {
    function setUp() public override {
        super.setUp();
        buyPrimary(buyer1, first);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_CallerDoesNotOwnTheCertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, stranger));
        listIn(stranger, first, address(usdc), PRICE);
    }

    function test_RevertWhen_TheCertificateDoesNotExist() external {
        // An unsold unit has no certificate: the miner has nothing to list.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, second, miner));
        listIn(miner, second, address(usdc), PRICE);
    }

    function test_RevertWhen_TheMarketplaceIsNotApproved() external {
        vm.prank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, buyer1));
        listIn(buyer1, first, address(usdc), PRICE);
    }

    function test_RevertWhen_ThePaymentTokenIsNotAllowlisted() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(unlisted))
        );
        listIn(buyer1, first, address(unlisted), PRICE);
    }

    function test_GivenTheOfferingIsFrozen_ItListsAsItNowIs() external {
        freezeOffering();
        uint256 listingId = listAs(buyer1, first, PRICE);
        assertEq(market.listing(listingId).nonce, certificate.saleNonce(first), "the nonce after the flag");
        assertTrue(market.isListingValid(listingId), "valid");
    }

    function test_GivenTheMinerIsSuspended_ASecondaryListingStillWorks() external {
        suspendMiner(miner);
        uint256 listingId = listAs(buyer1, first, RESALE);
        assertTrue(market.isListingValid(listingId), "secondary sales go on");
    }

    function test_RevertWhen_PriceIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        listAs(buyer1, first, 0);
    }

    function test_RevertWhen_PriceDoesNotFitNinetySixBits() external {
        uint256 price = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, price, type(uint96).max)
        );
        listAs(buyer1, first, price);
    }

    function test_RevertWhen_ExpiryIsNow() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, block.timestamp, block.timestamp)
        );
        vm.prank(buyer1);
        market.list(first, address(usdc), PRICE, uint64(block.timestamp));
    }

    function test_RevertWhen_ExpiryDoesNotFitFortyBits() external {
        uint64 never = uint64(type(uint40).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, never, block.timestamp));
        vm.prank(buyer1);
        market.list(first, address(usdc), PRICE, never);
    }

    function test_WhenValid_ItRecordsTheCertificatesSaleNonce() external {
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, buyer2, first);
        uint256 listingId = listIn(buyer2, first, address(usdc), PRICE);
        assertEq(market.listing(listingId).nonce, certificate.saleNonce(first), "the nonce now");
        assertEq(market.listing(listingId).nonce, 1, "one transfer since the mint at sale");
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenValid_ItListsWithoutTakingTheCertificate() external {
        uint64 expiry = inAWeek();
        vm.expectEmit(address(market));
        emit IMarketplace.Listed(1, first, buyer1, address(usdc), PRICE, expiry);
        vm.prank(buyer1);
        uint256 listingId = market.list(first, address(usdc), PRICE, expiry);

        assertEq(listingId, 1, "first id");
        assertEq(market.listingCount(), 1, "count");
        Listing memory l = market.listing(listingId);
        assertEq(l.seller, buyer1, "seller");
        assertEq(l.expiry, expiry, "expiry");
        assertEq(l.paymentToken, address(usdc), "token");
        assertEq(l.price, PRICE, "price");
        assertEq(l.tokenId, first, "token id");
        assertEq(certificate.ownerOf(first), buyer1, "the seller keeps the certificate");
        assertTrue(market.isListingValid(listingId), "valid");
    }

    function test_WhenSecondary_ItListsInAnyAllowlistedToken() external {
        uint256 listingId = listIn(buyer1, first, address(dai), 4000e18);
        assertEq(market.listing(listingId).paymentToken, address(dai), "DAI");
        assertTrue(market.isListingValid(listingId), "valid");
    }

    function test_WhenOnlyThisCertificateIsApproved_ItLists() external {
        vm.startPrank(buyer1);
        certificate.setApprovalForAll(address(market), false);
        certificate.approve(address(market), first);
        vm.stopPrank();
        uint256 listingId = listAs(buyer1, first, RESALE);
        assertTrue(market.isListingValid(listingId), "valid with a single-token approval");
    }

    function test_WhenTheLargestPrice_ItLists() external {
        uint256 listingId = listAs(buyer1, first, type(uint96).max);
        assertEq(market.listing(listingId).price, type(uint96).max, "uint96 max");
    }

    function test_WhenListedTwice_BothListingsExist() external {
        uint256 a = listAs(buyer1, first, PRICE);
        uint256 b = listAs(buyer1, first, PRICE + 1);
        assertEq(b, a + 1, "next id");
        assertTrue(market.isListingValid(a) && market.isListingValid(b), "both valid");
        buyAs(buyer2, a, PRICE);
        assertFalse(market.isListingValid(b), "the other is stale");
    }
}
