// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Reinstate_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function reinstate() internal {
        vm.prank(timelock);
        registry.reinstate(miner);
    }

    function reinstateExpectingRevert(MinerStatus status) internal {
        vm.expectRevert(invalidStatusError(miner, status));
        reinstate();
    }

    function test_RevertGiven_MinerIsUnknown() external {
        reinstateExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_MinerHasOnlyApplied() external {
        submit(miner);
        reinstateExpectingRevert(MinerStatus.Applied);
    }

    function test_RevertGiven_MinerIsApproved() external {
        approved(miner);
        reinstateExpectingRevert(MinerStatus.Approved);
    }

    function test_RevertGiven_ApprovalLapsed() external {
        approved(miner);
        lapse(miner);
        reinstateExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_MinerIsActive() external {
        activate(miner);
        reinstateExpectingRevert(MinerStatus.Active);
    }

    function test_RevertGiven_MinerIsRevoked() external {
        activate(miner);
        suspendMiner(miner);
        revokeMiner(miner);
        reinstateExpectingRevert(MinerStatus.Revoked);
    }

    function test_GivenStakeCoversRequired_ItBecomesActive() external {
        activate(miner);
        suspendMiner(miner);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerReinstated(miner, MinerStatus.Active, 0);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Suspended, MinerStatus.Active);
        reinstate();
        assertStatus(miner, MinerStatus.Active, "active");
        assertEq(minerRecord(miner).approvalExpiry, 0, "no expiry");
    }

    function test_GivenSuspendedBeforeStaking_WhenStakedWhileSuspended_ItBecomesActive() external {
        approved(miner);
        suspendMiner(miner);
        stakeAs(miner, REQUIRED_STAKE);
        vm.warp(block.timestamp + APPROVAL_WINDOW * 2);
        reinstate();
        assertStatus(miner, MinerStatus.Active, "active");
        assertEq(minerRecord(miner).approvalExpiry, 0, "no expiry once active");
    }

    function test_GivenWasActiveAndStakeIsShort_ItBecomesApprovedWithoutExpiry() external {
        activate(miner);
        suspendMiner(miner);
        requestUnstakeAs(miner, 1);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerReinstated(miner, MinerStatus.Approved, 0);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Suspended, MinerStatus.Approved);
        reinstate();
        assertStatus(miner, MinerStatus.Approved, "approved");
        vm.warp(block.timestamp + 365 days);
        assertStatus(miner, MinerStatus.Approved, "does not lapse");
    }

    function test_GivenNeverStaked_ItBecomesApprovedWithAFreshWindow() external {
        approved(miner);
        suspendMiner(miner);
        vm.warp(block.timestamp + APPROVAL_WINDOW + 10 days);
        uint64 expiry = uint64(block.timestamp) + APPROVAL_WINDOW;

        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerReinstated(miner, MinerStatus.Approved, expiry);
        reinstate();

        assertStatus(miner, MinerStatus.Approved, "approved");
        assertEq(minerRecord(miner).approvalExpiry, expiry, "fresh window");
        vm.warp(expiry);
        assertStatus(miner, MinerStatus.None, "lapses at the new expiry");
    }

    function test_GivenUnderCollateralizedActiveWasSuspended_ItComesBackApproved() external {
        activate(miner);
        slashMiner(miner, 1);
        suspendMiner(miner);
        reinstate();
        assertStatus(miner, MinerStatus.Approved, "stake short: approved");
        assertFalse(registry.isUnderCollateralized(miner), "not flagged when approved");
    }
}
