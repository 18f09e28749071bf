// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Slash_MinerRegistry_Concrete_Test is MinerRegistryBase {
    uint256 internal reserveBefore;

    function setUp() public override {
        super.setUp();
        reserveBefore = token.balanceOf(insuranceReserve);
    }

    function test_RevertWhen_AmountIsZero() external {
        activate(miner);
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroAmount.selector);
        slashMiner(miner, 0);
    }

    function test_RevertGiven_MinerHasNothing() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_SlashExceedsStake.selector, miner, 1, 0));
        slashMiner(miner, 1);
    }

    function test_RevertWhen_AmountExceedsStakePlusPending() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_SlashExceedsStake.selector, miner, REQUIRED_STAKE + 1, REQUIRED_STAKE
            )
        );
        slashMiner(miner, REQUIRED_STAKE + 1);
    }

    function test_WhenAmountIsWithinTheStake_ItTakesFromTheStakeOnly() external {
        activate(miner);
        stakeAs(miner, 10e18);
        requestUnstakeAs(miner, 10e18);
        uint64 unlockAt = minerRecord(miner).unlockAt;

        vm.expectEmit(address(registry));
        emit IMinerRegistry.Slashed(miner, insuranceReserve, 5e18, 5e18, 0, "short deliveries");
        vm.prank(timelock);
        registry.slash(miner, 5e18, "short deliveries");

        Miner memory record = minerRecord(miner);
        assertEq(record.stake, REQUIRED_STAKE - 5e18, "stake");
        assertEq(record.pendingWithdrawal, 10e18, "pending untouched");
        assertEq(record.unlockAt, unlockAt, "unlock untouched");
        assertEq(token.balanceOf(insuranceReserve), reserveBefore + 5e18, "reserve received");
        assertEq(registry.totalStaked(), REQUIRED_STAKE - 5e18, "total staked");
        assertBalancesMatch();
    }

    function test_WhenAmountExceedsTheStake_ItTakesTheRestFromPending() external {
        activate(miner);
        requestUnstakeAs(miner, 30_000e18);
        uint64 unlockAt = minerRecord(miner).unlockAt;

        vm.expectEmit(address(registry));
        emit IMinerRegistry.Slashed(miner, insuranceReserve, 25_000e18, 20_000e18, 5000e18, "default");
        vm.prank(timelock);
        registry.slash(miner, 25_000e18, "default");

        Miner memory record = minerRecord(miner);
        assertEq(record.stake, 0, "stake emptied first");
        assertEq(record.pendingWithdrawal, 25_000e18, "rest from pending");
        assertEq(record.unlockAt, unlockAt, "unlock kept while something is pending");
        assertEq(registry.totalStaked(), 0, "total staked");
        assertEq(registry.totalPendingWithdrawals(), 25_000e18, "total pending");
        assertEq(token.balanceOf(insuranceReserve), reserveBefore + 25_000e18, "reserve received");
        assertBalancesMatch();
    }

    function test_WhenOnlyPendingIsLeft_ItTakesFromPending() external {
        activate(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.Slashed(miner, insuranceReserve, 1e18, 0, 1e18, "escape attempt");
        vm.prank(timelock);
        registry.slash(miner, 1e18, "escape attempt");
        assertEq(minerRecord(miner).pendingWithdrawal, REQUIRED_STAKE - 1e18, "pending");
    }

    function test_WhenAmountIsEverything_ItEmptiesStakeAndPending() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        slashMiner(miner, REQUIRED_STAKE);

        Miner memory record = minerRecord(miner);
        assertEq(record.stake, 0, "stake");
        assertEq(record.pendingWithdrawal, 0, "pending");
        assertEq(record.unlockAt, 0, "unlock reset with nothing pending");
        assertEq(token.balanceOf(address(registry)), 0, "registry empty");
        assertEq(token.balanceOf(insuranceReserve), reserveBefore + REQUIRED_STAKE, "reserve received all");
    }

    function test_GivenActive_WhenSlashedBelowRequired_ItStaysActiveButFlagged() external {
        activate(miner);
        openOffering(miner, 10);
        recordLogs();
        slashMiner(miner, 1);
        assertEq(statusChangesRecorded(), 0, "no status change");

        assertStatus(miner, MinerStatus.Active, "still active");
        assertTrue(registry.isUnderCollateralized(miner), "flagged");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_StakeBelowRequired.selector, miner, REQUIRED_STAKE - 1, REQUIRED_STAKE
            )
        );
        openOffering(miner, 1);
    }

    function test_GivenApproved_ItSlashesWithoutStatusChange() external {
        approved(miner);
        stakeAs(miner, 10e18);
        slashMiner(miner, 10e18);
        assertStatus(miner, MinerStatus.Approved, "approved");
        assertFalse(registry.isUnderCollateralized(miner), "only active miners are flagged");
    }

    function test_GivenLapsedApproval_ItCanStillSlash() external {
        approved(miner);
        stakeAs(miner, 10e18);
        lapse(miner);
        slashMiner(miner, 4e18);
        assertEq(minerRecord(miner).stake, 6e18, "stake");
    }

    function test_GivenSuspended_ItSlashes() external {
        activate(miner);
        suspendMiner(miner);
        slashMiner(miner, 3e18);
        assertStatus(miner, MinerStatus.Suspended, "suspended");
        assertEq(minerRecord(miner).stake, REQUIRED_STAKE - 3e18, "stake");
    }

    function test_GivenRevokedWithPending_ItSlashesThePending() external {
        activate(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        revokeMiner(miner);
        slashMiner(miner, REQUIRED_STAKE);
        assertEq(minerRecord(miner).pendingWithdrawal, 0, "pending slashed");
        assertEq(token.balanceOf(insuranceReserve), reserveBefore + REQUIRED_STAKE, "reserve received");
    }
}
