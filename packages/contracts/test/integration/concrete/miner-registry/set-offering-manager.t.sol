// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetOfferingManager_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_WhenManagerIsSet_ItEmitsAndOnlyTheNewManagerCallsHooks() external {
        address vault = makeAddr("vault");
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingManagerSet(manager, vault);
        vm.prank(timelock);
        registry.setOfferingManager(vault);
        assertEq(registry.offeringManager(), vault, "offering manager");

        activate(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, manager));
        vm.prank(manager);
        registry.openOffering(miner, 1);

        vm.prank(vault);
        registry.openOffering(miner, 1);
        assertEq(minerRecord(miner).usedCapacity, 1, "new manager reserved capacity");
    }

    function test_WhenManagerIsZero_NobodyCallsHooks() external {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingManagerSet(manager, address(0));
        vm.prank(timelock);
        registry.setOfferingManager(address(0));
        assertEq(registry.offeringManager(), address(0), "no offering manager");

        activate(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, manager));
        vm.prank(manager);
        registry.openOffering(miner, 1);
    }
}
