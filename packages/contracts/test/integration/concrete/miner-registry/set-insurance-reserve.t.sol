// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetInsuranceReserve_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_RevertWhen_ReserveIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidInsuranceReserve.selector, address(0))
        );
        vm.prank(timelock);
        registry.setInsuranceReserve(address(0));
    }

    function test_RevertWhen_ReserveIsTheRegistry() external {
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidInsuranceReserve.selector, address(registry))
        );
        vm.prank(timelock);
        registry.setInsuranceReserve(address(registry));
    }

    function test_WhenReserveIsValid_ItSetsItAndEmits() external {
        address newReserve = makeAddr("newReserve");
        vm.expectEmit(address(registry));
        emit IMinerRegistry.InsuranceReserveSet(insuranceReserve, newReserve);
        vm.prank(timelock);
        registry.setInsuranceReserve(newReserve);
        assertEq(registry.insuranceReserve(), newReserve, "insurance reserve");
    }

    function test_WhenReserveChanged_SlashesGoToTheNewReserve() external {
        address newReserve = makeAddr("newReserve");
        vm.prank(timelock);
        registry.setInsuranceReserve(newReserve);
        activate(miner);
        slashMiner(miner, 1e18);
        assertEq(token.balanceOf(newReserve), 1e18, "new reserve received the slash");
    }
}
