// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract ReleaseCapacity_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function release(uint256 units) internal {
        vm.prank(manager);
        registry.releaseCapacity(miner, units);
    }

    function test_RevertWhen_CallerIsNotTheManager() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, stranger));
        vm.prank(stranger);
        registry.releaseCapacity(miner, 1);
    }

    function test_RevertWhen_UnitsAreZero() external {
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroUnits.selector);
        release(0);
    }

    function test_RevertWhen_UnitsExceedUsed() external {
        activate(miner);
        openOffering(miner, 100);
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ReleaseExceedsUsed.selector, miner, 101, 100)
        );
        release(101);
    }

    function test_RevertGiven_NothingIsUsed() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ReleaseExceedsUsed.selector, miner, 1, 0));
        release(1);
    }

    function test_GivenReservedUnits_ItReleasesThemAndKeepsTheOfferingLive() external {
        activate(miner);
        openOffering(miner, 100);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CapacityReleased(miner, 40, 60);
        release(40);
        assertEq(minerRecord(miner).usedCapacity, 60, "used");
        assertEq(minerRecord(miner).liveOfferings, 1, "offering still live");
        assertEq(registry.freeCapacity(miner), APPROVED_CAPACITY - 60, "free");
    }

    function test_GivenSuspendedOrRevoked_ItStillReleases() external {
        activate(miner);
        openOffering(miner, 100);
        suspendMiner(miner);
        release(10);
        revokeMiner(miner);
        release(90);
        assertEq(minerRecord(miner).usedCapacity, 0, "all released");
    }
}
