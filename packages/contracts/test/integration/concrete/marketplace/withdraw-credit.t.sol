// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";
import {RevertingReceiver} from "../../../mocks/HookReceivers.sol";

contract WithdrawCredit_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal auctionId;

    /// @dev A secondary HookToken auction by buyer1 in which the reverting receiver bid 100 and was outbid.
    function setUp() public override {
        super.setUp();
        buyPrimary(buyer1, first);
        auctionId = auctionAs(buyer1, first, address(hook), 100e18, DAY);
        bidAs(address(reverter), auctionId, 100e18);
        bidAs(buyer2, auctionId, 105e18);
    }

    function withdrawAs(address account, address token) internal returns (uint256) {
        vm.prank(account);
        return market.withdrawCredit(token);
    }

    function test_RevertWhen_NothingIsCredited() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_NothingToWithdraw.selector, buyer1, address(hook))
        );
        withdrawAs(buyer1, address(hook));
    }

    function test_RevertWhen_NothingIsCreditedInThatToken() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_NothingToWithdraw.selector, address(reverter), address(usdc)
            )
        );
        withdrawAs(address(reverter), address(usdc));
    }

    function test_RevertGiven_TheAccountStillRefusesPayment_TheCreditStays() external {
        vm.expectRevert(abi.encodeWithSelector(RevertingReceiver.RevertingReceiver_Refused.selector));
        withdrawAs(address(reverter), address(hook));
        assertEq(market.creditOf(address(reverter), address(hook)), 100e18, "still credited");
    }

    function test_WhenCredited_ItPaysTheCreditOnce() external {
        reverter.setRefusing(false);
        uint256 before = hook.balanceOf(address(reverter));
        vm.expectEmit(address(market));
        emit IMarketplace.CreditWithdrawn(address(reverter), address(hook), 100e18);
        assertEq(withdrawAs(address(reverter), address(hook)), 100e18, "returned amount");

        assertEq(hook.balanceOf(address(reverter)) - before, 100e18, "paid");
        assertEq(market.creditOf(address(reverter), address(hook)), 0, "spent");
        assertEq(hook.balanceOf(address(market)), 105e18, "only the live bid is held");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_NothingToWithdraw.selector, address(reverter), address(hook)
            )
        );
        withdrawAs(address(reverter), address(hook));
    }

    function test_WhenCreditedSeveralTimes_ItPaysTheSum() external {
        bidAs(address(reverter), auctionId, 120e18);
        bidAs(buyer3, auctionId, 130e18);
        assertEq(market.creditOf(address(reverter), address(hook)), 220e18, "two credits");
        reverter.setRefusing(false);
        assertEq(withdrawAs(address(reverter), address(hook)), 220e18, "the sum");
    }
}
