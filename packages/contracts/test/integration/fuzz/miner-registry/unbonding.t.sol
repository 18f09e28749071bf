// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract Unbonding_MinerRegistry_Fuzz_Test is MinerRegistryBase {
    function testFuzz_Withdraw_OnlyAfterTheUnbondingPeriod(uint64 period, uint256 waited, uint256 amount) external {
        period = uint64(bound(period, 1 days, 365 days));
        vm.prank(timelock);
        registry.setUnbondingPeriod(period);
        activate(miner);
        amount = bound(amount, 1, REQUIRED_STAKE);
        requestUnstakeAs(miner, amount);
        uint64 unlockAt = uint64(block.timestamp) + period;
        assertEq(minerRecord(miner).unlockAt, unlockAt, "unlock = now + period");

        waited = bound(waited, 0, 2 * uint256(period));
        vm.warp(block.timestamp + waited);
        if (waited < period) {
            vm.expectRevert(
                abi.encodeWithSelector(IMinerRegistry.MinerRegistry_StillUnbonding.selector, miner, unlockAt)
            );
        }
        vm.prank(miner);
        registry.withdrawStake();

        if (waited >= period) {
            assertEq(token.balanceOf(miner), MINER_FUNDS - REQUIRED_STAKE + amount, "withdrawn");
            assertEq(minerRecord(miner).pendingWithdrawal, 0, "nothing pending");
        } else {
            assertEq(minerRecord(miner).pendingWithdrawal, amount, "still pending");
        }
    }

    function testFuzz_SecondRequest_RestartsTheWholeBucket(uint256 gap, uint256 first, uint256 second) external {
        activate(miner);
        first = bound(first, 1, REQUIRED_STAKE / 2);
        second = bound(second, 1, REQUIRED_STAKE / 2);
        gap = bound(gap, 0, 3 * uint256(UNBONDING_PERIOD));
        requestUnstakeAs(miner, first);
        vm.warp(block.timestamp + gap);

        if (gap >= UNBONDING_PERIOD) {
            // The first request has matured: withdrawing it first keeps it out of the new bucket.
            vm.prank(miner);
            registry.withdrawStake();
        }
        requestUnstakeAs(miner, second);
        uint64 unlockAt = minerRecord(miner).unlockAt;
        assertEq(unlockAt, block.timestamp + UNBONDING_PERIOD, "unlock restarts");
        uint256 pending = gap >= UNBONDING_PERIOD ? second : first + second;
        assertEq(minerRecord(miner).pendingWithdrawal, pending, "one bucket");

        vm.warp(unlockAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_StillUnbonding.selector, miner, unlockAt));
        vm.prank(miner);
        registry.withdrawStake();

        vm.warp(unlockAt);
        vm.prank(miner);
        registry.withdrawStake();
        assertEq(token.balanceOf(miner), MINER_FUNDS - REQUIRED_STAKE + first + second, "everything requested back");
    }

    function testFuzz_PendingStaysSlashableDuringUnbonding(uint256 elapsed, uint256 amount) external {
        activate(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        elapsed = bound(elapsed, 0, 10 * uint256(UNBONDING_PERIOD));
        amount = bound(amount, 1, REQUIRED_STAKE);
        vm.warp(block.timestamp + elapsed);

        slashMiner(miner, amount);
        assertEq(minerRecord(miner).pendingWithdrawal, REQUIRED_STAKE - amount, "slashed from pending");
        if (amount == REQUIRED_STAKE) return;

        vm.warp(minerRecord(miner).unlockAt);
        vm.prank(miner);
        registry.withdrawStake();
        assertEq(token.balanceOf(miner), MINER_FUNDS - amount, "the rest comes back");
    }

    function testFuzz_ApprovalLapse_AtExpiryWhateverTheWindow(uint64 window, uint256 elapsed) external {
        window = uint64(bound(window, 1 days, 365 days));
        vm.prank(timelock);
        registry.setApprovalWindow(window);
        approved(miner);
        uint64 expiry = uint64(block.timestamp) + window;
        elapsed = bound(elapsed, 0, 2 * uint256(window));
        vm.warp(block.timestamp + elapsed);

        if (elapsed >= window) {
            vm.expectRevert(
                abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ApprovalExpired.selector, miner, expiry)
            );
        }
        stakeAs(miner, REQUIRED_STAKE);
    }
}
