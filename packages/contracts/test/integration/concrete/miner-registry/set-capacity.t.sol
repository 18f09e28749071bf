// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetCapacity_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function setCapacity(uint256 capacity) internal {
        vm.prank(timelock);
        registry.setCapacity(miner, capacity);
    }

    function test_RevertGiven_MinerIsUnknown() external {
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        setCapacity(10);
    }

    function test_RevertGiven_MinerHasOnlyApplied() external {
        submit(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Applied));
        setCapacity(10);
    }

    function test_RevertGiven_ApprovalLapsed() external {
        approved(miner);
        lapse(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        setCapacity(10);
    }

    function test_RevertGiven_MinerIsRevoked() external {
        activate(miner);
        revokeMiner(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        setCapacity(10);
    }

    function test_RevertWhen_CapacityIsBelowUsed() external {
        activate(miner);
        openOffering(miner, 300);
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityBelowUsed.selector, miner, 299, 300)
        );
        setCapacity(299);
    }

    function test_WhenCapacityEqualsUsed_ItSetsItAndNothingIsFree() external {
        activate(miner);
        openOffering(miner, 300);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CapacitySet(miner, APPROVED_CAPACITY, 300);
        setCapacity(300);
        assertEq(minerRecord(miner).capacityUnits, 300, "capacity");
        assertEq(registry.freeCapacity(miner), 0, "no free capacity");
    }

    function test_GivenApproved_ItRaisesTheCapacity() external {
        approved(miner);
        setCapacity(5000);
        assertEq(minerRecord(miner).capacityUnits, 5000, "capacity");
        assertStatus(miner, MinerStatus.Approved, "status unchanged");
    }

    function test_GivenSuspendedWithoutOfferings_ItCanSetZero() external {
        activate(miner);
        suspendMiner(miner);
        setCapacity(0);
        assertEq(minerRecord(miner).capacityUnits, 0, "capacity");
        assertStatus(miner, MinerStatus.Suspended, "status unchanged");
    }
}
