// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Suspend_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function suspendExpectingRevert(MinerStatus status) internal {
        vm.expectRevert(invalidStatusError(miner, status));
        vm.prank(timelock);
        registry.suspend(miner, "why");
    }

    function test_RevertGiven_MinerIsUnknown() external {
        suspendExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_MinerHasOnlyApplied() external {
        submit(miner);
        suspendExpectingRevert(MinerStatus.Applied);
    }

    function test_RevertGiven_ApprovalLapsed() external {
        approved(miner);
        lapse(miner);
        suspendExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_MinerIsAlreadySuspended() external {
        activate(miner);
        suspendMiner(miner);
        suspendExpectingRevert(MinerStatus.Suspended);
    }

    function test_RevertGiven_MinerIsRevoked() external {
        activate(miner);
        revokeMiner(miner);
        suspendExpectingRevert(MinerStatus.Revoked);
    }

    function test_GivenApproved_ItSuspendsAndTheApprovalDoesNotLapseMeanwhile() external {
        approved(miner);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerSuspended(miner, "KYC review");
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Approved, MinerStatus.Suspended);
        vm.prank(timelock);
        registry.suspend(miner, "KYC review");

        assertStatus(miner, MinerStatus.Suspended, "suspended");
        vm.warp(block.timestamp + APPROVAL_WINDOW + 1);
        assertStatus(miner, MinerStatus.Suspended, "a suspended miner does not lapse");
    }

    function test_GivenActive_ItSuspendsAndBlocksNewOfferings() external {
        activate(miner);
        openOffering(miner, 10);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerSuspended(miner, "hashrate audit");
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Active, MinerStatus.Suspended);
        vm.prank(timelock);
        registry.suspend(miner, "hashrate audit");

        assertStatus(miner, MinerStatus.Suspended, "suspended");
        assertEq(minerRecord(miner).liveOfferings, 1, "live offerings kept");
        assertEq(minerRecord(miner).usedCapacity, 10, "used capacity kept");
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Suspended));
        openOffering(miner, 1);
    }
}
