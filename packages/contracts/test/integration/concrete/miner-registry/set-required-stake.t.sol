// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetRequiredStake_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function setRequired(uint256 amount) internal {
        vm.prank(timelock);
        registry.setRequiredStake(miner, amount);
    }

    function test_RevertGiven_MinerIsUnknown() external {
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        setRequired(1);
    }

    function test_RevertGiven_MinerHasOnlyApplied() external {
        submit(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Applied));
        setRequired(1);
    }

    function test_RevertGiven_ApprovalLapsed() external {
        approved(miner);
        stakeAs(miner, 1e18);
        lapse(miner);
        // Lowering the requirement cannot revive a lapsed approval: the miner applies again.
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        setRequired(1e18);
    }

    function test_RevertGiven_MinerIsRevoked() external {
        activate(miner);
        revokeMiner(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        setRequired(1);
    }

    function test_GivenApproved_WhenStakeStillShort_ItStaysApproved() external {
        approved(miner);
        stakeAs(miner, 1e18);
        recordLogs();
        vm.expectEmit(address(registry));
        emit IMinerRegistry.RequiredStakeSet(miner, REQUIRED_STAKE, 2e18);
        setRequired(2e18);
        assertEq(statusChangesRecorded(), 0, "no status change");
        assertStatus(miner, MinerStatus.Approved, "approved");
        assertEq(minerRecord(miner).requiredStake, 2e18, "required stake");
    }

    function test_GivenApproved_WhenStakeNowCovers_ItBecomesActive() external {
        approved(miner);
        stakeAs(miner, 1e18);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.RequiredStakeSet(miner, REQUIRED_STAKE, 1e18);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Approved, MinerStatus.Active);
        setRequired(1e18);
        assertStatus(miner, MinerStatus.Active, "active");
        assertEq(minerRecord(miner).approvalExpiry, 0, "expiry cleared");
    }

    function test_GivenActive_WhenRaisedAboveStake_ItStaysActiveButFlagged() external {
        activate(miner);
        recordLogs();
        setRequired(REQUIRED_STAKE + 1);
        assertEq(statusChangesRecorded(), 0, "no status change");
        assertStatus(miner, MinerStatus.Active, "active");
        assertTrue(registry.isUnderCollateralized(miner), "flagged");
    }

    function test_GivenActive_WhenLowered_ItStaysActive() external {
        activate(miner);
        setRequired(1);
        assertStatus(miner, MinerStatus.Active, "active");
        assertFalse(registry.isUnderCollateralized(miner), "not flagged");
    }

    function test_GivenSuspended_ItSetsTheRequirementForReinstatement() external {
        activate(miner);
        suspendMiner(miner);
        setRequired(REQUIRED_STAKE * 2);
        assertStatus(miner, MinerStatus.Suspended, "still suspended");
        vm.prank(timelock);
        registry.reinstate(miner);
        assertStatus(miner, MinerStatus.Approved, "reinstated short of the new requirement");
    }
}
