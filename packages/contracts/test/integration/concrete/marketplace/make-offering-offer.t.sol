// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {Offer} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract MakeOfferingOffer_Marketplace_Concrete_Test is MarketplaceTestBase {
    function test_RevertWhen_TheOfferingDoesNotExist() external {
        uint256 unknown = hookOfferingId + 1;
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnknownOffering.selector, unknown));
        offeringOfferAs(buyer1, unknown, address(usdc), PRICE);
    }

    function test_RevertWhen_ThePaymentTokenIsNotAllowlisted() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(unlisted))
        );
        offeringOfferAs(buyer1, offeringId, address(unlisted), PRICE);
    }

    function test_RevertWhen_TheAmountIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroPrice.selector));
        offeringOfferAs(buyer1, offeringId, address(usdc), 0);
    }

    function test_RevertWhen_TheAmountDoesNotFitNinetySixBits() external {
        uint256 amount = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, amount, type(uint96).max)
        );
        offeringOfferAs(buyer1, offeringId, address(usdc), amount);
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroUnits.selector));
        offeringOfferAs(buyer1, offeringId, 0, address(usdc), PRICE);
    }

    function test_RevertWhen_TheExpiryIsInThePast() external {
        uint64 past = uint64(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InvalidExpiry.selector, past, block.timestamp));
        vm.prank(buyer1);
        market.makeOfferingOffer(offeringId, UNITS, address(usdc), PRICE, past);
    }

    function test_WhenValid_ItTargetsTheOffering() external {
        uint64 expiry = inAWeek();
        vm.expectEmit(address(market));
        emit IMarketplace.OfferMade(1, buyer1, offeringId, true, UNITS, address(usdc), PRICE, expiry);
        uint256 offerId = offeringOfferAs(buyer1, offeringId, address(usdc), PRICE);

        Offer memory o = market.offer(offerId);
        assertTrue(o.anyOfOffering, "any certificate");
        assertEq(o.target, offeringId, "target is the offering");
        assertEq(o.bidder, buyer1, "bidder");
        assertEq(o.amount, PRICE, "amount");
        assertEq(o.units, UNITS, "names the units it buys");
        assertEq(usdc.balanceOf(address(market)), PRICE, "held");
    }

    function test_WhenTheOfferingIsTerminated_ItStillTakesTheOffer() external {
        // Its sold certificates still trade on the secondary market.
        terminateOffering(offeringId);
        uint256 offerId = offeringOfferAs(buyer1, offeringId, address(usdc), PRICE);
        assertEq(market.offer(offerId).target, offeringId, "taken");
    }
}
