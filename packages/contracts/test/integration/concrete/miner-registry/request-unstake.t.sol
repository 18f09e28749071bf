// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract RequestUnstake_MinerRegistry_Concrete_Test is MinerRegistryBase {
    uint256 internal constant EXTRA = 20_000e18;

    /// @dev Active with REQUIRED_STAKE + EXTRA staked.
    function activeWithExtra(address account) internal {
        activate(account);
        stakeAs(account, EXTRA);
    }

    function test_RevertWhen_AmountIsZero() external {
        activate(miner);
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroAmount.selector);
        requestUnstakeAs(miner, 0);
    }

    function test_RevertGiven_NothingStaked() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InsufficientStake.selector, miner, 1, 0));
        requestUnstakeAs(miner, 1);
    }

    function test_RevertWhen_AmountExceedsTheStake() external {
        activate(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_InsufficientStake.selector, miner, REQUIRED_STAKE + 1, REQUIRED_STAKE
            )
        );
        requestUnstakeAs(miner, REQUIRED_STAKE + 1);
    }

    function test_RevertGiven_LiveOfferings_WhenRemainingFallsBelowRequired() external {
        activeWithExtra(miner);
        openOffering(miner, 10);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_StakeBelowRequired.selector, miner, REQUIRED_STAKE - 1, REQUIRED_STAKE
            )
        );
        requestUnstakeAs(miner, EXTRA + 1);
    }

    function test_RevertGiven_LiveOfferingsAndUnderCollateralized_WhenUnstakingAnything() external {
        activate(miner);
        openOffering(miner, 10);
        slashMiner(miner, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_StakeBelowRequired.selector,
                miner,
                REQUIRED_STAKE - 1e18 - 1,
                REQUIRED_STAKE
            )
        );
        requestUnstakeAs(miner, 1);
    }

    function test_RevertGiven_SuspendedWithLiveOfferings_WhenRemainingFallsBelowRequired() external {
        activeWithExtra(miner);
        openOffering(miner, 10);
        suspendMiner(miner);
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_StakeBelowRequired.selector, miner, 0, REQUIRED_STAKE)
        );
        requestUnstakeAs(miner, REQUIRED_STAKE + EXTRA);
    }

    function test_RevertGiven_RevokedWithLiveOfferings() external {
        activeWithExtra(miner);
        openOffering(miner, 10);
        openOffering(miner, 5);
        revokeMiner(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_LiveOfferings.selector, miner, 2));
        requestUnstakeAs(miner, 1);
    }

    function test_GivenLiveOfferings_WhenRemainingEqualsRequired_ItStaysActive() external {
        activeWithExtra(miner);
        openOffering(miner, 10);
        uint64 unlockAt = uint64(block.timestamp) + UNBONDING_PERIOD;

        recordLogs();
        vm.expectEmit(address(registry));
        emit IMinerRegistry.UnstakeRequested(miner, EXTRA, REQUIRED_STAKE, EXTRA, unlockAt);
        requestUnstakeAs(miner, EXTRA);
        assertEq(statusChangesRecorded(), 0, "no status change");

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Active), "still active");
        assertEq(record.stake, REQUIRED_STAKE, "stake");
        assertEq(record.pendingWithdrawal, EXTRA, "pending");
        assertEq(record.unlockAt, unlockAt, "unlock at");
        assertEq(registry.totalStaked(), REQUIRED_STAKE, "total staked");
        assertEq(registry.totalPendingWithdrawals(), EXTRA, "total pending");
        assertEq(token.balanceOf(address(registry)), REQUIRED_STAKE + EXTRA, "DMC stays in the registry");
        assertBalancesMatch();
    }

    function test_GivenActiveWithoutOfferings_WhenGoingBelowRequired_ItBecomesApprovedWithoutExpiry() external {
        activate(miner);
        uint64 unlockAt = uint64(block.timestamp) + UNBONDING_PERIOD;

        vm.expectEmit(address(registry));
        emit IMinerRegistry.UnstakeRequested(miner, REQUIRED_STAKE, 0, REQUIRED_STAKE, unlockAt);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Active, MinerStatus.Approved);
        requestUnstakeAs(miner, REQUIRED_STAKE);

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Approved), "approved");
        assertEq(record.approvalExpiry, 0, "no expiry");
        assertEq(record.stake, 0, "stake");
        assertEq(record.pendingWithdrawal, REQUIRED_STAKE, "pending");
    }

    function test_GivenActiveAfterOfferingsClosed_ItMayGoBelowRequired() external {
        activate(miner);
        openOffering(miner, 10);
        vm.prank(manager);
        registry.closeOffering(miner, 10);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        assertStatus(miner, MinerStatus.Approved, "approved");
    }

    function test_GivenActive_WhenStayingAboveRequired_ItStaysActive() external {
        activeWithExtra(miner);
        requestUnstakeAs(miner, EXTRA - 1);
        assertStatus(miner, MinerStatus.Active, "active");
    }

    function test_GivenPendingWithdrawal_ASecondRequestAddsAndResetsTheUnlock() external {
        activeWithExtra(miner);
        requestUnstakeAs(miner, 1e18);
        vm.warp(block.timestamp + 10 days);
        uint64 unlockAt = uint64(block.timestamp) + UNBONDING_PERIOD;

        vm.expectEmit(address(registry));
        emit IMinerRegistry.UnstakeRequested(miner, 2e18, REQUIRED_STAKE + EXTRA - 3e18, 3e18, unlockAt);
        requestUnstakeAs(miner, 2e18);

        Miner memory record = minerRecord(miner);
        assertEq(record.pendingWithdrawal, 3e18, "one bucket");
        assertEq(record.unlockAt, unlockAt, "the whole bucket waits again");
        assertEq(registry.totalPendingWithdrawals(), 3e18, "total pending");
    }

    function test_GivenApprovedBeforeActivation_ItStaysApprovedWithItsExpiry() external {
        approved(miner);
        stakeAs(miner, 10e18);
        uint64 expiry = minerRecord(miner).approvalExpiry;
        requestUnstakeAs(miner, 4e18);
        assertStatus(miner, MinerStatus.Approved, "approved");
        assertEq(minerRecord(miner).approvalExpiry, expiry, "expiry kept");
        assertEq(minerRecord(miner).stake, 6e18, "stake");
    }

    function test_GivenSuspendedWithoutOfferings_ItMayGoBelowRequiredAndStaysSuspended() external {
        activate(miner);
        suspendMiner(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        assertStatus(miner, MinerStatus.Suspended, "suspended");
        assertEq(minerRecord(miner).stake, 0, "stake");
    }

    function test_GivenRevokedWithoutOfferings_ItMayUnstakeEverything() external {
        activeWithExtra(miner);
        revokeMiner(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE + EXTRA);
        assertStatus(miner, MinerStatus.Revoked, "revoked");
        assertEq(minerRecord(miner).pendingWithdrawal, REQUIRED_STAKE + EXTRA, "pending");
    }

    function test_GivenRevokedAfterOfferingsClosed_ItMayUnstake() external {
        activate(miner);
        openOffering(miner, 10);
        revokeMiner(miner);
        vm.prank(manager);
        registry.closeOffering(miner, 10);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        assertEq(minerRecord(miner).pendingWithdrawal, REQUIRED_STAKE, "pending");
    }

    function test_GivenLapsedApproval_ItMayUnstakeWhatItStaked() external {
        approved(miner);
        stakeAs(miner, 10e18);
        lapse(miner);
        requestUnstakeAs(miner, 10e18);
        assertStatus(miner, MinerStatus.None, "still lapsed");
        assertEq(minerRecord(miner).pendingWithdrawal, 10e18, "pending");
    }
}
