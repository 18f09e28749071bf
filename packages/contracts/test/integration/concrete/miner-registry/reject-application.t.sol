// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Application, ApplicationStatus, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract RejectApplication_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function reject(uint256 id, string memory reason) internal {
        vm.prank(timelock);
        registry.rejectApplication(id, reason);
    }

    function test_RevertWhen_IdIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 0));
        reject(0, "no");
    }

    function test_RevertWhen_IdWasNeverIssued() external {
        submit(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 2));
        reject(2, "no");
    }

    function test_RevertGiven_ApplicationWasApproved() external {
        uint256 id = approved(miner);
        vm.expectRevert(notPendingError(id));
        reject(id, "too late");
    }

    function test_RevertGiven_ApplicationWasAlreadyRejected() external {
        uint256 id = submit(miner);
        reject(id, "no");
        vm.expectRevert(notPendingError(id));
        reject(id, "no again");
    }

    function test_RevertGiven_ApplicationWasWithdrawn() external {
        uint256 id = submit(miner);
        vm.prank(miner);
        registry.withdrawApplication(id);
        vm.expectRevert(notPendingError(id));
        reject(id, "no");
    }

    function test_GivenPendingApplication_ItRejectsItWithTheReason() external {
        uint256 id = submit(miner);
        vm.warp(block.timestamp + 6 days);

        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApplicationRejected(id, miner, "proof of location missing");
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Applied, MinerStatus.None);
        reject(id, "proof of location missing");

        Application memory app = registry.application(id);
        assertEq(uint256(app.status), uint256(ApplicationStatus.Rejected), "rejected");
        assertEq(app.decidedAt, block.timestamp, "decided at");
        assertStatus(miner, MinerStatus.None, "miner back to None");
    }

    function test_WhenReasonIsEmpty_ItStillRejects() external {
        uint256 id = submit(miner);
        reject(id, "");
        assertApplicationStatus(id, ApplicationStatus.Rejected, "rejected");
    }

    function test_GivenOtherMinersApplications_OnlyThisOneChanges() external {
        uint256 mine = submit(miner);
        uint256 alices = submit(alice);
        reject(mine, "no");
        assertApplicationStatus(alices, ApplicationStatus.Pending, "alice still pending");
        assertStatus(alice, MinerStatus.Applied, "alice still applied");
    }
}
