// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Staking_MinerRegistry_Fuzz_Test is MinerRegistryBase {
    function testFuzz_Stake_ActivatesExactlyWhenTheRequirementIsMet(uint256 required, uint256 first, uint256 second)
        external
    {
        required = bound(required, 0, MINER_FUNDS);
        first = bound(first, 1, MINER_FUNDS / 2);
        second = bound(second, 1, MINER_FUNDS / 2);
        uint256 id = submit(miner);
        vm.prank(timelock);
        registry.approveApplication(id, CAPACITY, required);
        bool activeAtApproval = required == 0;
        assertStatus(miner, activeAtApproval ? MinerStatus.Active : MinerStatus.Approved, "after approval");

        stakeAs(miner, first);
        bool activeAfterFirst = activeAtApproval || first >= required;
        assertStatus(miner, activeAfterFirst ? MinerStatus.Active : MinerStatus.Approved, "after first stake");

        stakeAs(miner, second);
        assertStatus(
            miner, activeAfterFirst || first + second >= required ? MinerStatus.Active : MinerStatus.Approved, "after"
        );
        assertEq(minerRecord(miner).stake, first + second, "stake");
        assertEq(registry.totalStaked(), first + second, "total staked");
        assertEq(token.balanceOf(miner), MINER_FUNDS - first - second, "miner paid");
        assertBalancesMatch();
    }

    function testFuzz_RequestUnstake_MovesStakeToPendingAndStepsBackBelowRequired(uint256 extra, uint256 amount)
        external
    {
        extra = bound(extra, 0, MINER_FUNDS - REQUIRED_STAKE);
        activate(miner);
        if (extra != 0) stakeAs(miner, extra);
        uint256 staked = REQUIRED_STAKE + extra;
        amount = bound(amount, 1, staked);

        requestUnstakeAs(miner, amount);

        Miner memory record = minerRecord(miner);
        assertEq(record.stake, staked - amount, "stake");
        assertEq(record.pendingWithdrawal, amount, "pending");
        assertEq(registry.totalStaked() + registry.totalPendingWithdrawals(), staked, "nothing left the registry");
        MinerStatus expected = staked - amount >= REQUIRED_STAKE ? MinerStatus.Active : MinerStatus.Approved;
        assertStatus(miner, expected, "status");
        assertBalancesMatch();
    }

    function testFuzz_RequestUnstake_WithLiveOfferingsKeepsTheRequirement(uint256 extra, uint256 amount) external {
        extra = bound(extra, 0, MINER_FUNDS - REQUIRED_STAKE);
        activate(miner);
        if (extra != 0) stakeAs(miner, extra);
        openOffering(miner, 1);
        uint256 staked = REQUIRED_STAKE + extra;
        amount = bound(amount, 1, staked);

        if (amount > extra) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IMinerRegistry.MinerRegistry_StakeBelowRequired.selector, miner, staked - amount, REQUIRED_STAKE
                )
            );
        }
        requestUnstakeAs(miner, amount);

        assertStatus(miner, MinerStatus.Active, "an active miner with offerings stays active");
        assertGe(minerRecord(miner).stake, REQUIRED_STAKE, "requirement kept");
    }

    function testFuzz_Slash_TakesFromStakeFirstThenPending(uint256 staked, uint256 unstaked, uint256 amount) external {
        staked = bound(staked, REQUIRED_STAKE, MINER_FUNDS);
        activate(miner);
        if (staked > REQUIRED_STAKE) stakeAs(miner, staked - REQUIRED_STAKE);
        unstaked = bound(unstaked, 0, staked);
        if (unstaked != 0) requestUnstakeAs(miner, unstaked);
        uint256 stakeBefore = staked - unstaked;
        amount = bound(amount, 1, staked);
        uint256 reserveBefore = token.balanceOf(insuranceReserve);
        MinerStatus statusBefore = registry.statusOf(miner);

        slashMiner(miner, amount);

        uint256 fromStake = amount < stakeBefore ? amount : stakeBefore;
        Miner memory record = minerRecord(miner);
        assertEq(record.stake, stakeBefore - fromStake, "stake first");
        assertEq(record.pendingWithdrawal, unstaked - (amount - fromStake), "then pending");
        assertEq(token.balanceOf(insuranceReserve), reserveBefore + amount, "reserve received the amount");
        assertEq(registry.totalStaked() + registry.totalPendingWithdrawals(), staked - amount, "totals");
        assertEq(uint256(registry.statusOf(miner)), uint256(statusBefore), "a slash never changes the status");
        if (record.pendingWithdrawal == 0) assertEq(record.unlockAt, 0, "unlock reset with nothing pending");
        assertBalancesMatch();
    }

    function testFuzz_Slash_RevertsAboveStakePlusPending(uint256 staked, uint256 unstaked, uint256 excess) external {
        staked = bound(staked, REQUIRED_STAKE, MINER_FUNDS);
        activate(miner);
        if (staked > REQUIRED_STAKE) stakeAs(miner, staked - REQUIRED_STAKE);
        unstaked = bound(unstaked, 0, staked);
        if (unstaked != 0) requestUnstakeAs(miner, unstaked);
        excess = bound(excess, 1, type(uint128).max);

        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_SlashExceedsStake.selector, miner, staked + excess, staked
            )
        );
        slashMiner(miner, staked + excess);
    }

    function testFuzz_StakeUnstakeWithdraw_ReturnsEveryWei(uint256 amount, uint256 unstaked, uint256 slashed) external {
        amount = bound(amount, REQUIRED_STAKE, MINER_FUNDS);
        approved(miner);
        stakeAs(miner, amount);
        slashed = bound(slashed, 0, amount);
        if (slashed != 0) slashMiner(miner, slashed);
        unstaked = bound(unstaked, 0, amount - slashed);
        if (unstaked == 0) return;
        requestUnstakeAs(miner, unstaked);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(miner);
        registry.withdrawStake();

        assertEq(
            token.balanceOf(miner) + minerRecord(miner).stake + slashed, MINER_FUNDS, "withdrawn + staked + slashed"
        );
        assertBalancesMatch();
    }
}
