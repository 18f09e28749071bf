// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Application, ApplicationStatus, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Revoke_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function revokeExpectingRevert(MinerStatus status) internal {
        vm.expectRevert(invalidStatusError(miner, status));
        revokeMiner(miner);
    }

    function expectRevokeEvents(MinerStatus from) internal {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerRevoked(miner, "fraud");
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, from, MinerStatus.Revoked);
    }

    function test_RevertGiven_MinerIsUnknown() external {
        revokeExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_ApplicationWasWithdrawn() external {
        uint256 id = submit(miner);
        vm.prank(miner);
        registry.withdrawApplication(id);
        revokeExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_ApprovalLapsed() external {
        approved(miner);
        lapse(miner);
        revokeExpectingRevert(MinerStatus.None);
    }

    function test_RevertGiven_MinerIsAlreadyRevoked() external {
        activate(miner);
        revokeMiner(miner);
        revokeExpectingRevert(MinerStatus.Revoked);
    }

    function test_GivenApplied_ItRevokesAndRejectsTheApplication() external {
        uint256 id = submit(miner);
        vm.warp(block.timestamp + 1 days);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApplicationRejected(id, miner, "fraud");
        expectRevokeEvents(MinerStatus.Applied);
        revokeMiner(miner);

        assertStatus(miner, MinerStatus.Revoked, "revoked");
        Application memory app = registry.application(id);
        assertEq(uint256(app.status), uint256(ApplicationStatus.Rejected), "application closed");
        assertEq(app.decidedAt, block.timestamp, "decided at");
    }

    function test_GivenApproved_ItRevokes() external {
        approved(miner);
        expectRevokeEvents(MinerStatus.Approved);
        revokeMiner(miner);
        assertStatus(miner, MinerStatus.Revoked, "revoked");
        assertEq(minerRecord(miner).approvalExpiry, 0, "expiry cleared");
        vm.warp(block.timestamp + APPROVAL_WINDOW + 1);
        assertStatus(miner, MinerStatus.Revoked, "revocation is terminal, it does not lapse");
    }

    function test_GivenActive_ItRevokesAndKeepsTheStakeSlashable() external {
        activate(miner);
        openOffering(miner, 10);
        expectRevokeEvents(MinerStatus.Active);
        revokeMiner(miner);

        assertStatus(miner, MinerStatus.Revoked, "revoked");
        assertEq(minerRecord(miner).stake, REQUIRED_STAKE, "stake kept");
        assertEq(minerRecord(miner).liveOfferings, 1, "offerings are the manager's to close");
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        openOffering(miner, 1);

        slashMiner(miner, REQUIRED_STAKE);
        assertEq(minerRecord(miner).stake, 0, "slashed after revocation");
    }

    function test_GivenSuspended_ItRevokes() external {
        activate(miner);
        suspendMiner(miner);
        expectRevokeEvents(MinerStatus.Suspended);
        revokeMiner(miner);
        assertStatus(miner, MinerStatus.Revoked, "revoked");
    }

    function test_GivenRevoked_NothingBringsItBack() external {
        activate(miner);
        revokeMiner(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        vm.prank(miner);
        registry.submitApplication(defaultParams());
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        vm.prank(timelock);
        registry.reinstate(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        vm.prank(timelock);
        registry.setCapacity(miner, 1);
    }
}
