// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Application, ApplicationStatus, Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract ApproveApplication_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function approveWith(uint256 id, uint256 capacity, uint256 required) internal {
        vm.prank(timelock);
        registry.approveApplication(id, capacity, required);
    }

    function test_RevertWhen_IdIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 0));
        approveWith(0, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    function test_RevertWhen_IdWasNeverIssued() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 1));
        approveWith(1, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    function test_RevertGiven_ApplicationWasAlreadyApproved() external {
        uint256 id = approved(miner);
        vm.expectRevert(notPendingError(id));
        approveWith(id, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    function test_RevertGiven_ApplicationWasRejected() external {
        uint256 id = submit(miner);
        vm.prank(timelock);
        registry.rejectApplication(id, "no");
        vm.expectRevert(notPendingError(id));
        approveWith(id, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    function test_RevertGiven_ApplicationWasWithdrawn() external {
        uint256 id = submit(miner);
        vm.prank(miner);
        registry.withdrawApplication(id);
        vm.expectRevert(notPendingError(id));
        approveWith(id, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    function test_RevertWhen_CapacityIsZero() external {
        uint256 id = submit(miner);
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroCapacity.selector);
        approveWith(id, 0, REQUIRED_STAKE);
    }

    function test_RevertGiven_CoinWasDeactivatedSinceSubmission() external {
        uint256 id = submit(miner);
        vm.prank(timelock);
        registry.setCoinActive(filCoinId, false);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CoinInactive.selector, filCoinId));
        approveWith(id, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    function test_GivenMinerHasNoStake_ItApprovesWithAnExpiry() external {
        uint256 id = submit(miner);
        vm.warp(block.timestamp + 5 days);
        uint64 expiry = uint64(block.timestamp) + APPROVAL_WINDOW;

        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApplicationApproved(
            id, miner, filCoinId, APPROVED_CAPACITY, REQUIRED_STAKE, MAX_TERM, expiry
        );
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Applied, MinerStatus.Approved);
        approveWith(id, APPROVED_CAPACITY, REQUIRED_STAKE);

        Application memory app = registry.application(id);
        assertEq(uint256(app.status), uint256(ApplicationStatus.Approved), "application approved");
        assertEq(app.decidedAt, block.timestamp, "decided at");
        assertEq(app.capacityUnits, CAPACITY, "application keeps the capacity applied for");

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Approved), "miner approved");
        assertEq(record.coinId, filCoinId, "coin");
        assertEq(uint256(record.maxTermDays), MAX_TERM, "max term");
        assertEq(record.capacityUnits, APPROVED_CAPACITY, "approved capacity (DAO's figure)");
        assertEq(record.usedCapacity, 0, "nothing used");
        assertEq(record.requiredStake, REQUIRED_STAKE, "required stake");
        assertEq(record.approvalExpiry, expiry, "expiry = now + approval window");
        assertEq(record.applicationId, id, "application id");
        assertFalse(registry.isUnderCollateralized(miner), "an approved miner is not flagged");
    }

    function test_GivenRequiredStakeIsZero_TheMinerIsActiveAtOnce() external {
        uint256 id = submit(miner);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.ApplicationApproved(id, miner, filCoinId, APPROVED_CAPACITY, 0, MAX_TERM, 0);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Applied, MinerStatus.Active);
        approveWith(id, APPROVED_CAPACITY, 0);

        assertStatus(miner, MinerStatus.Active, "active without stake");
        assertEq(minerRecord(miner).approvalExpiry, 0, "no expiry");
    }

    function test_GivenMinerReappliesWithEnoughStake_TheMinerIsActiveAtOnce() external {
        // A first approval lapses with the stake short of the requirement; the second asks for less.
        approved(miner);
        stakeAs(miner, REQUIRED_STAKE / 2);
        lapse(miner);
        uint256 second = submit(miner);

        approveWith(second, APPROVED_CAPACITY, REQUIRED_STAKE / 2);
        assertStatus(miner, MinerStatus.Active, "existing stake covers the new requirement");
        assertEq(minerRecord(miner).approvalExpiry, 0, "no expiry");
    }

    function test_GivenMinerReappliesWithTooLittleStake_ItIsApproved() external {
        approved(miner);
        stakeAs(miner, REQUIRED_STAKE / 2);
        lapse(miner);
        uint256 second = submit(miner);

        approveWith(second, APPROVED_CAPACITY, REQUIRED_STAKE);
        assertStatus(miner, MinerStatus.Approved, "stake short");
        assertEq(minerRecord(miner).approvalExpiry, block.timestamp + APPROVAL_WINDOW, "fresh expiry");
    }
}
