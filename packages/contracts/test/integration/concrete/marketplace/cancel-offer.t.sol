// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract CancelOffer_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal offerId;

    function setUp() public override {
        super.setUp();
        holdFirst();
        offerId = offerAs(buyer1, first, address(usdc), PRICE);
    }

    function cancelAs(address account, uint256 id) internal {
        vm.prank(account);
        market.cancelOffer(id);
    }

    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(unknownOfferError(offerId + 1));
        cancelAs(buyer1, offerId + 1);
    }

    function test_RevertWhen_CallerIsNotTheBidder() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotBidder.selector, offerId, holder));
        cancelAs(holder, offerId);
    }

    function test_RevertGiven_AlreadyCancelled() external {
        cancelAs(buyer1, offerId);
        vm.expectRevert(unknownOfferError(offerId));
        cancelAs(buyer1, offerId);
    }

    function test_RevertGiven_AlreadyAccepted() external {
        acceptAs(holder, offerId, first);
        vm.expectRevert(unknownOfferError(offerId));
        cancelAs(buyer1, offerId);
    }

    function test_WhenCallerIsTheBidder_TheFundsGoBack() external {
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferCancelled(offerId);
        cancelAs(buyer1, offerId);
        assertEq(usdc.balanceOf(buyer1) - before, PRICE, "refunded");
        assertEq(usdc.balanceOf(address(market)), fee(PRICE, CHANNEL_BPS), "nothing held but the accrued fee");
        vm.expectRevert(unknownOfferError(offerId));
        market.offer(offerId);
        vm.expectRevert(unknownOfferError(offerId));
        acceptAs(holder, offerId, first);
    }

    function test_WhenExpired_TheBidderStillCancels() external {
        vm.warp(block.timestamp + 365 days);
        uint256 before = usdc.balanceOf(buyer1);
        cancelAs(buyer1, offerId);
        assertEq(usdc.balanceOf(buyer1) - before, PRICE, "refunded after expiry");
    }

    function test_WhenAnOfferingOffer_TheFundsGoBack() external {
        uint256 anyOffer = offeringOfferAs(buyer2, offeringId, address(dai), 1000e18);
        uint256 before = dai.balanceOf(buyer2);
        cancelAs(buyer2, anyOffer);
        assertEq(dai.balanceOf(buyer2) - before, 1000e18, "refunded in DAI");
        assertEq(market.offer(offerId).amount, PRICE, "the other offer stays");
    }
}
