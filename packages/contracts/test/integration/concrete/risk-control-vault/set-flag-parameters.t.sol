// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract SetFlagParameters_RiskControlVault_Concrete_Test is VaultTestBase {
    function setAs(address caller, uint16 windowDays, uint16 thresholdBps) internal {
        vm.prank(caller);
        vault.setFlagParameters(windowDays, thresholdBps);
    }

    function windowError(uint16 windowDays) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_FlagWindowOutOfBounds.selector, windowDays, 30);
    }

    function thresholdError(uint16 bps) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_ShortThresholdOutOfBounds.selector, bps);
    }

    function test_RevertWhen_CallerIsNotTheAdmin() external {
        vm.expectRevert(unauthorizedError(council, vault.DEFAULT_ADMIN_ROLE()));
        setAs(council, 3, 5000);
    }

    function test_RevertWhen_WindowIsZero() external {
        vm.expectRevert(windowError(0));
        setAs(timelock, 0, 5000);
    }

    function test_RevertWhen_WindowIsAboveTheMaximum() external {
        vm.expectRevert(windowError(31));
        setAs(timelock, 31, 5000);
    }

    function test_RevertWhen_ThresholdIsZero() external {
        vm.expectRevert(thresholdError(0));
        setAs(timelock, 3, 0);
    }

    function test_RevertWhen_ThresholdIsAboveOneHundredPercent() external {
        vm.expectRevert(thresholdError(10_001));
        setAs(timelock, 3, 10_001);
    }

    function test_WhenAtTheLowerBounds_ItSetsThem() external {
        vm.expectEmit(address(vault));
        emit IRiskControlVault.FlagParametersSet(1, 1);
        setAs(timelock, 1, 1);
        assertEq(vault.flagWindowDays(), 1, "window");
        assertEq(vault.shortThresholdBps(), 1, "threshold");
    }

    function test_WhenAtTheUpperBounds_ItSetsThem() external {
        vm.expectEmit(address(vault));
        emit IRiskControlVault.FlagParametersSet(30, 10_000);
        setAs(timelock, 30, 10_000);
        assertEq(vault.flagWindowDays(), 30, "window");
        assertEq(vault.shortThresholdBps(), 10_000, "threshold");
    }

    function test_WhenChanged_FlagAndRatingUseTheNewValues() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        // Day 0 delivered at 90% of the market: Ok under 80%, Short under 95%.
        deliverAndRateDays(offeringId, today, today + 1, DAILY_YIELD * 9 / 10);
        (bool canFlag,,) = vault.flaggable(offeringId);
        assertFalse(canFlag, "one day is not a week");

        setAs(timelock, 1, 9500);
        (bool canFlagNow,,) = vault.flaggable(offeringId);
        assertFalse(canFlagNow, "day 0 was delivered at the threshold in force: it stays delivered");
        assertEq(vault.escrowReleased(offeringId), PRICE / TERM, "day 0 released");
        // Day 1 at 90%: short under 95%, and one day behind is now the window.
        deliverAndRateDays(offeringId, today + 1, today + 2, DAILY_YIELD * 9 / 10);
        (bool canFlagLater, uint32 fromDay, uint32 toDay) = vault.flaggable(offeringId);
        assertTrue(canFlagLater, "one short day is the window");
        assertEq(fromDay, today + 1, "from");
        assertEq(toDay, today + 1, "to");
    }
}
