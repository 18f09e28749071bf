// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Capacity_MinerRegistry_Fuzz_Test is MinerRegistryBase {
    function setUp() public override {
        super.setUp();
        activate(miner);
    }

    function testFuzz_OpenOffering_ReservesUpToTheCapacity(uint256 first, uint256 second) external {
        first = bound(first, 1, APPROVED_CAPACITY);
        second = bound(second, 1, APPROVED_CAPACITY);
        openOffering(miner, first);
        uint256 free = APPROVED_CAPACITY - first;
        assertEq(registry.freeCapacity(miner), free, "free after first");

        if (second > free) {
            vm.expectRevert(
                abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityExceeded.selector, miner, second, free)
            );
        }
        openOffering(miner, second);

        Miner memory record = minerRecord(miner);
        uint256 used = second > free ? first : first + second;
        assertEq(record.usedCapacity, used, "used");
        assertEq(record.liveOfferings, second > free ? 1 : 2, "live offerings");
        assertLe(record.usedCapacity, record.capacityUnits, "used <= capacity");
    }

    function testFuzz_ReleaseAndClose_GiveBackExactlyWhatWasReserved(uint256 units, uint256 released, uint256 extra)
        external
    {
        units = bound(units, 1, APPROVED_CAPACITY);
        released = bound(released, 0, units);
        openOffering(miner, units);
        if (released != 0) {
            vm.prank(manager);
            registry.releaseCapacity(miner, released);
        }
        assertEq(registry.freeCapacity(miner), APPROVED_CAPACITY - units + released, "free after release");

        extra = bound(extra, 1, type(uint128).max);
        uint256 still = units - released;
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_ReleaseExceedsUsed.selector, miner, still + extra, still
            )
        );
        vm.prank(manager);
        registry.closeOffering(miner, still + extra);

        vm.prank(manager);
        registry.closeOffering(miner, still);
        assertEq(minerRecord(miner).usedCapacity, 0, "all released");
        assertEq(minerRecord(miner).liveOfferings, 0, "closed");
        assertEq(registry.freeCapacity(miner), APPROVED_CAPACITY, "all free");
    }

    function testFuzz_SetCapacity_NeverBelowUsed(uint256 used, uint256 capacity) external {
        used = bound(used, 1, APPROVED_CAPACITY);
        capacity = bound(capacity, 0, 10 * APPROVED_CAPACITY);
        openOffering(miner, used);

        if (capacity < used) {
            vm.expectRevert(
                abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityBelowUsed.selector, miner, capacity, used)
            );
        }
        vm.prank(timelock);
        registry.setCapacity(miner, capacity);

        Miner memory record = minerRecord(miner);
        assertEq(record.capacityUnits, capacity < used ? APPROVED_CAPACITY : capacity, "capacity");
        assertLe(record.usedCapacity, record.capacityUnits, "used <= capacity");
    }

    function testFuzz_Hooks_RejectEveryCallerButTheManager(address caller) external {
        vm.assume(caller != manager);
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, caller));
        registry.openOffering(miner, 1);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, caller));
        registry.releaseCapacity(miner, 1);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, caller));
        registry.closeOffering(miner, 0);
        vm.stopPrank();
    }
}
