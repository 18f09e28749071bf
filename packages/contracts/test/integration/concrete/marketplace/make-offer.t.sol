// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Offer} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract MakeOffer_Marketplace_Concrete_Test is MarketplaceTestBase {
    function setUp() public override {
        super.setUp();
        holdFirst();
    }

    function test_RevertWhen_TheCertificateDoesNotExist() external {
        uint256 missing = tokenOf(offeringId, COUNT + 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_UnknownCertificate.selector, missing));
        offerAs(buyer1, missing, address(usdc), PRICE);
    }

    function test_RevertWhen_TheCertificateWasBurned() external {
        // A merge burns the certificate merged into another.
        buyPrimary(holder, second);
        vm.prank(holder);
        vault.merge(second, first);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_UnknownCertificate.selector, first));
        offerAs(buyer1, first, address(usdc), PRICE);
    }

    function test_RevertWhen_ThePaymentTokenIsNotAllowlisted() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(unlisted))
        );
        offerAs(buyer1, first, address(unlisted), PRICE);
    }

    function test_RevertWhen_TheAmountIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        offerAs(buyer1, first, address(usdc), 0);
    }

    function test_RevertWhen_TheAmountDoesNotFitNinetySixBits() external {
        uint256 amount = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, amount, type(uint96).max)
        );
        offerAs(buyer1, first, address(usdc), amount);
    }

    function test_RevertWhen_TheExpiryIsNotInTheFuture() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, block.timestamp, block.timestamp)
        );
        vm.prank(buyer1);
        market.makeOffer(first, address(usdc), PRICE, uint64(block.timestamp));
    }

    function test_WhenValid_TheMarketplaceHoldsTheFunds() external {
        uint64 expiry = inAWeek();
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferMade(1, buyer1, first, false, 0, address(usdc), PRICE, expiry);
        uint256 offerId = offerAs(buyer1, first, address(usdc), PRICE);

        assertEq(offerId, 1, "first id");
        assertEq(market.offerCount(), 1, "count");
        Offer memory o = market.offer(offerId);
        assertEq(o.bidder, buyer1, "bidder");
        assertEq(o.expiry, expiry, "expiry");
        assertFalse(o.anyOfOffering, "one certificate");
        assertEq(o.paymentToken, address(usdc), "token");
        assertEq(o.amount, PRICE, "amount");
        assertEq(o.target, first, "target");
        assertEq(before - usdc.balanceOf(buyer1), PRICE, "pulled");
        assertEq(usdc.balanceOf(address(market)), PRICE + fee(PRICE, CHANNEL_BPS), "held (beside the accrued fee)");
    }

    function test_WhenTheCertificateIsInAnAuction_ItTakesTheOffer() external {
        auctionAs(holder, first, address(usdc), PRICE, DAY);
        uint256 offerId = offerAs(buyer1, first, address(usdc), PRICE);
        assertEq(market.offer(offerId).target, first, "offer on a certificate in custody");
    }

    function test_WhenOfferingInAnyAllowlistedToken_ItTakesTheOffer() external {
        // Whether the token suits a primary sale is checked on acceptance (see accept-offer.t.sol).
        uint256 offerId = offerAs(buyer1, first, address(dai), 3000e18);
        assertEq(market.offer(offerId).paymentToken, address(dai), "DAI");
        assertEq(dai.balanceOf(address(market)), 3000e18, "held");
    }
}
