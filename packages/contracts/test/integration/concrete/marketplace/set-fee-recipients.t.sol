// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract SetFeeRecipients_Marketplace_Concrete_Test is MarketplaceTestBase {
    function test_RevertWhen_CallerIsNotTheAdmin() external {
        vm.expectRevert(unauthorizedError(stranger, market.DEFAULT_ADMIN_ROLE()));
        vm.prank(stranger);
        market.setFeeRecipients(stranger, stranger);
    }

    function test_RevertWhen_TreasuryIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroAddress.selector));
        vm.prank(timelock);
        market.setFeeRecipients(address(0), insuranceReserve);
    }

    function test_RevertWhen_InsuranceReserveIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroAddress.selector));
        vm.prank(timelock);
        market.setFeeRecipients(timelock, address(0));
    }

    function test_WhenBothAreSet_FeesCollectedLaterGoToThem() external {
        address newTreasury = makeAddr("newTreasury");
        address newInsurance = makeAddr("newInsurance");
        vm.expectEmit(address(market));
        emit IMarketplace.FeeRecipientsSet(newTreasury, newInsurance);
        vm.prank(timelock);
        market.setFeeRecipients(newTreasury, newInsurance);
        assertEq(market.treasury(), newTreasury, "treasury");
        assertEq(market.insuranceReserve(), newInsurance, "insurance reserve");

        uint256 oldTreasury = usdc.balanceOf(timelock);
        buyPrimary(buyer1, first);
        uint256 channel = fee(PRICE, CHANNEL_BPS);
        market.collectFees(address(usdc));
        assertEq(usdc.balanceOf(newInsurance), fee(channel, INSURANCE_SHARE_BPS), "new insurance reserve");
        assertEq(usdc.balanceOf(newTreasury), channel - fee(channel, INSURANCE_SHARE_BPS), "new treasury");
        assertEq(usdc.balanceOf(timelock), oldTreasury, "old treasury gets nothing");
        assertEq(usdc.balanceOf(insuranceReserve), 0, "old insurance reserve gets nothing");
    }
}
