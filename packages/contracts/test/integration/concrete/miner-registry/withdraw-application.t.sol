// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Application, ApplicationStatus, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract WithdrawApplication_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function withdrawAs(address account, uint256 id) internal {
        vm.prank(account);
        registry.withdrawApplication(id);
    }

    function test_RevertWhen_IdIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 0));
        withdrawAs(miner, 0);
    }

    function test_RevertWhen_IdWasNeverIssued() external {
        submit(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 2));
        withdrawAs(miner, 2);
    }

    function test_RevertWhen_CallerIsNotTheApplicant() external {
        uint256 id = submit(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotApplicant.selector, id, stranger));
        withdrawAs(stranger, id);
    }

    function test_RevertGiven_ApplicationWasApproved() external {
        uint256 id = approved(miner);
        vm.expectRevert(notPendingError(id));
        withdrawAs(miner, id);
    }

    function test_RevertGiven_ApplicationWasRejected() external {
        uint256 id = submit(miner);
        vm.prank(timelock);
        registry.rejectApplication(id, "no");
        vm.expectRevert(notPendingError(id));
        withdrawAs(miner, id);
    }

    function test_RevertGiven_ApplicationWasAlreadyWithdrawn() external {
        uint256 id = submit(miner);
        withdrawAs(miner, id);
        vm.expectRevert(notPendingError(id));
        withdrawAs(miner, id);
    }

    function test_RevertGiven_MinerWasRevoked() external {
        uint256 id = submit(miner);
        revokeMiner(miner);
        vm.expectRevert(notPendingError(id));
        withdrawAs(miner, id);
    }

    function test_GivenPendingApplication_ItWithdrawsIt() external {
        uint256 id = submit(miner);
        vm.warp(block.timestamp + 3 days);

        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApplicationWithdrawn(id, miner);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Applied, MinerStatus.None);
        withdrawAs(miner, id);

        Application memory app = registry.application(id);
        assertEq(uint256(app.status), uint256(ApplicationStatus.Withdrawn), "withdrawn");
        assertEq(app.decidedAt, block.timestamp, "decided at");
        assertStatus(miner, MinerStatus.None, "miner back to None");
        assertEq(minerRecord(miner).applicationId, id, "latest application kept for history");
    }
}
