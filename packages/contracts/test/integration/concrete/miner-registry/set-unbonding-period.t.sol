// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetUnbondingPeriod_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_RevertWhen_PeriodIsBelowOneDay() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_UnbondingPeriodOutOfBounds.selector, 1 days - 1, 1 days, 365 days
            )
        );
        vm.prank(timelock);
        registry.setUnbondingPeriod(1 days - 1);
    }

    function test_RevertWhen_PeriodIsAboveOneYear() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_UnbondingPeriodOutOfBounds.selector, 365 days + 1, 1 days, 365 days
            )
        );
        vm.prank(timelock);
        registry.setUnbondingPeriod(365 days + 1);
    }

    function test_WhenPeriodIsWithinBounds_ItSetsItAndEmits() external {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.UnbondingPeriodSet(UNBONDING_PERIOD, 365 days);
        vm.prank(timelock);
        registry.setUnbondingPeriod(365 days);
        assertEq(registry.unbondingPeriod(), 365 days, "max period");

        vm.prank(timelock);
        registry.setUnbondingPeriod(1 days);
        assertEq(registry.unbondingPeriod(), 1 days, "min period");
    }

    function test_WhenPeriodChanges_LaterRequestsUseIt() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        assertEq(minerRecord(miner).unlockAt, block.timestamp + UNBONDING_PERIOD, "old period");

        vm.prank(timelock);
        registry.setUnbondingPeriod(3 days);
        assertEq(minerRecord(miner).unlockAt, block.timestamp + UNBONDING_PERIOD, "pending request unchanged");

        requestUnstakeAs(miner, 1e18);
        assertEq(minerRecord(miner).unlockAt, block.timestamp + 3 days, "new request: new period");
    }
}
