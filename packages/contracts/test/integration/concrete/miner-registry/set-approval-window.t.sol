// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetApprovalWindow_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_RevertWhen_WindowIsBelowOneDay() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_ApprovalWindowOutOfBounds.selector, 1 days - 1, 1 days, 365 days
            )
        );
        vm.prank(timelock);
        registry.setApprovalWindow(1 days - 1);
    }

    function test_RevertWhen_WindowIsAboveOneYear() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_ApprovalWindowOutOfBounds.selector, 365 days + 1, 1 days, 365 days
            )
        );
        vm.prank(timelock);
        registry.setApprovalWindow(365 days + 1);
    }

    function test_WhenWindowIsWithinBounds_ItSetsItAndEmits() external {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApprovalWindowSet(APPROVAL_WINDOW, 1 days);
        vm.prank(timelock);
        registry.setApprovalWindow(1 days);
        assertEq(registry.approvalWindow(), 1 days, "min window");

        vm.prank(timelock);
        registry.setApprovalWindow(365 days);
        assertEq(registry.approvalWindow(), 365 days, "max window");
    }

    function test_WhenWindowChanges_OnlyLaterApprovalsUseIt() external {
        uint256 earlier = approved(miner);
        uint64 earlierExpiry = minerRecord(miner).approvalExpiry;

        vm.prank(timelock);
        registry.setApprovalWindow(7 days);
        approved(alice);

        assertEq(earlierExpiry, block.timestamp + APPROVAL_WINDOW, "earlier approval: old window");
        assertEq(minerRecord(miner).approvalExpiry, earlierExpiry, "earlier approval keeps its expiry");
        assertEq(minerRecord(alice).approvalExpiry, block.timestamp + 7 days, "later approval: new window");
        assertEq(earlier, 1, "first application");
    }
}
