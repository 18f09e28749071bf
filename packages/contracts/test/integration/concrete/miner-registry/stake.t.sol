// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Stake_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_RevertWhen_AmountIsZero() external {
        approved(miner);
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroAmount.selector);
        stakeAs(miner, 0);
    }

    function test_RevertGiven_MinerNeverApplied() external {
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        stakeAs(miner, 1e18);
    }

    function test_RevertGiven_MinerHasOnlyApplied() external {
        submit(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Applied));
        stakeAs(miner, 1e18);
    }

    function test_RevertGiven_ApplicationWasRejected() external {
        uint256 id = submit(miner);
        vm.prank(timelock);
        registry.rejectApplication(id, "no");
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        stakeAs(miner, 1e18);
    }

    function test_RevertGiven_MinerIsRevoked() external {
        activate(miner);
        revokeMiner(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        stakeAs(miner, 1e18);
    }

    function test_RevertGiven_ApprovalExpiredAtThisSecond() external {
        approved(miner);
        uint64 expiry = minerRecord(miner).approvalExpiry;
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ApprovalExpired.selector, miner, expiry));
        stakeAs(miner, REQUIRED_STAKE);
    }

    function test_RevertGiven_ApprovalExpiredLongAgo() external {
        approved(miner);
        stakeAs(miner, 1e18);
        uint64 expiry = minerRecord(miner).approvalExpiry;
        vm.warp(expiry + 200 days);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ApprovalExpired.selector, miner, expiry));
        stakeAs(miner, REQUIRED_STAKE);
    }

    function test_RevertWhen_AllowanceIsTooLow() external {
        approved(miner);
        vm.prank(miner);
        token.approve(address(registry), 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(registry), 1e18, REQUIRED_STAKE
            )
        );
        stakeAs(miner, REQUIRED_STAKE);
    }

    function test_RevertWhen_BalanceIsTooLow() external {
        approved(miner);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, miner, MINER_FUNDS, MINER_FUNDS + 1)
        );
        stakeAs(miner, MINER_FUNDS + 1);
    }

    function test_GivenApproved_WhenStakeStaysBelowRequired_ItStaysApproved() external {
        approved(miner);
        uint64 expiry = minerRecord(miner).approvalExpiry;

        recordLogs();
        vm.expectEmit(address(registry));
        emit IMinerRegistry.Staked(miner, REQUIRED_STAKE - 1, REQUIRED_STAKE - 1);
        stakeAs(miner, REQUIRED_STAKE - 1);
        assertEq(statusChangesRecorded(), 0, "no status change");

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Approved), "still approved");
        assertEq(record.stake, REQUIRED_STAKE - 1, "stake");
        assertEq(record.approvalExpiry, expiry, "expiry kept");
        assertEq(registry.totalStaked(), REQUIRED_STAKE - 1, "total staked");
        assertEq(token.balanceOf(miner), MINER_FUNDS - (REQUIRED_STAKE - 1), "miner paid");
        assertBalancesMatch();
    }

    function test_GivenApproved_WhenStakeReachesRequired_ItBecomesActive() external {
        approved(miner);
        stakeAs(miner, REQUIRED_STAKE / 4);
        vm.warp(minerRecord(miner).approvalExpiry - 1);

        vm.expectEmit(address(registry));
        emit IMinerRegistry.Staked(miner, REQUIRED_STAKE - REQUIRED_STAKE / 4, REQUIRED_STAKE);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.MinerStatusChanged(miner, MinerStatus.Approved, MinerStatus.Active);
        stakeAs(miner, REQUIRED_STAKE - REQUIRED_STAKE / 4);

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Active), "active");
        assertEq(record.stake, REQUIRED_STAKE, "stake");
        assertEq(record.approvalExpiry, 0, "an active approval never lapses");
        assertEq(token.balanceOf(address(registry)), REQUIRED_STAKE, "registry holds the stake");
        assertBalancesMatch();

        vm.warp(block.timestamp + 10 * 365 days);
        assertStatus(miner, MinerStatus.Active, "still active years later");
    }

    function test_GivenApproved_WhenStakeExceedsRequired_ItBecomesActive() external {
        approved(miner);
        stakeAs(miner, REQUIRED_STAKE * 3);
        assertStatus(miner, MinerStatus.Active, "active");
        assertEq(minerRecord(miner).stake, REQUIRED_STAKE * 3, "stake");
    }

    function test_GivenActive_ItAddsToTheStake() external {
        activate(miner);
        recordLogs();
        vm.expectEmit(address(registry));
        emit IMinerRegistry.Staked(miner, 7e18, REQUIRED_STAKE + 7e18);
        stakeAs(miner, 7e18);
        assertEq(statusChangesRecorded(), 0, "no status change");
        assertStatus(miner, MinerStatus.Active, "still active");
        assertEq(registry.totalStaked(), REQUIRED_STAKE + 7e18, "total staked");
    }

    function test_GivenSuspended_ItAddsToTheStakeAndStaysSuspended() external {
        approved(miner);
        suspendMiner(miner);
        stakeAs(miner, REQUIRED_STAKE);
        assertStatus(miner, MinerStatus.Suspended, "still suspended");
        assertEq(minerRecord(miner).stake, REQUIRED_STAKE, "stake");
    }

    function test_GivenApprovedAfterUnstaking_RestakingReactivates() external {
        activate(miner);
        requestUnstakeAs(miner, 1);
        assertStatus(miner, MinerStatus.Approved, "stepped back");
        vm.warp(block.timestamp + 400 days);
        assertStatus(miner, MinerStatus.Approved, "no expiry after having been active");

        stakeAs(miner, 1);
        assertStatus(miner, MinerStatus.Active, "active again");
    }

    function test_GivenUnderCollateralizedActive_TopUpClearsTheFlag() external {
        activate(miner);
        slashMiner(miner, 10e18);
        assertTrue(registry.isUnderCollateralized(miner), "flagged");
        stakeAs(miner, 10e18);
        assertFalse(registry.isUnderCollateralized(miner), "flag cleared");
        assertStatus(miner, MinerStatus.Active, "active throughout");
    }

    function test_GivenSeveralMiners_TotalsAddUp() external {
        activate(miner);
        activate(alice);
        approved(bob);
        stakeAs(bob, 1e18);
        assertEq(registry.totalStaked(), 2 * REQUIRED_STAKE + 1e18, "total staked");
        assertBalancesMatch();
    }
}
