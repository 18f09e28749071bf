// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract WithdrawStake_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function withdrawAs(address account) internal {
        vm.prank(account);
        registry.withdrawStake();
    }

    function test_RevertGiven_NothingWasRequested() external {
        activate(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NothingToWithdraw.selector, miner));
        withdrawAs(miner);
    }

    function test_RevertGiven_AlreadyWithdrawn() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        withdrawAs(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NothingToWithdraw.selector, miner));
        withdrawAs(miner);
    }

    function test_RevertGiven_OneSecondBeforeUnlock() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        uint64 unlockAt = minerRecord(miner).unlockAt;
        vm.warp(unlockAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_StillUnbonding.selector, miner, unlockAt));
        withdrawAs(miner);
    }

    function test_RevertGiven_ASecondRequestResetTheUnlock() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        vm.warp(block.timestamp + UNBONDING_PERIOD - 1);
        requestUnstakeAs(miner, 1e18);
        uint64 unlockAt = minerRecord(miner).unlockAt;
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_StillUnbonding.selector, miner, unlockAt));
        withdrawAs(miner);
    }

    function test_RevertGiven_RevokedWithLiveOfferings() external {
        activate(miner);
        stakeAs(miner, 5e18);
        openOffering(miner, 10);
        requestUnstakeAs(miner, 5e18);
        revokeMiner(miner);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_LiveOfferings.selector, miner, 1));
        withdrawAs(miner);
    }

    function test_RevertGiven_PendingWasSlashedAway() external {
        activate(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        slashMiner(miner, REQUIRED_STAKE);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NothingToWithdraw.selector, miner));
        withdrawAs(miner);
    }

    function test_GivenUnlocked_ItSendsTheWholePendingAmount() external {
        activate(miner);
        requestUnstakeAs(miner, 1e18);
        requestUnstakeAs(miner, 2e18);
        vm.warp(minerRecord(miner).unlockAt);
        uint256 balanceBefore = token.balanceOf(miner);

        vm.expectEmit(address(registry));
        emit IMinerRegistry.StakeWithdrawn(miner, 3e18);
        withdrawAs(miner);

        Miner memory record = minerRecord(miner);
        assertEq(token.balanceOf(miner), balanceBefore + 3e18, "miner received its DMC");
        assertEq(record.pendingWithdrawal, 0, "nothing pending");
        assertEq(record.unlockAt, 0, "no unlock time");
        assertEq(record.stake, REQUIRED_STAKE - 3e18, "stake untouched");
        assertEq(registry.totalPendingWithdrawals(), 0, "total pending");
        assertBalancesMatch();
    }

    function test_GivenActiveWithLiveOfferings_ItMayWithdraw() external {
        activate(miner);
        stakeAs(miner, 5e18);
        openOffering(miner, 10);
        requestUnstakeAs(miner, 5e18);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        withdrawAs(miner);
        assertEq(token.balanceOf(miner), MINER_FUNDS - REQUIRED_STAKE, "withdrew the excess");
    }

    function test_GivenRevokedWithoutLiveOfferings_ItMayWithdrawEverything() external {
        activate(miner);
        revokeMiner(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        withdrawAs(miner);
        assertEq(token.balanceOf(miner), MINER_FUNDS, "all DMC back");
        assertEq(token.balanceOf(address(registry)), 0, "registry empty");
    }

    function test_GivenPartlySlashedPending_ItSendsTheRest() external {
        activate(miner);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        slashMiner(miner, REQUIRED_STAKE / 5);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        withdrawAs(miner);
        assertEq(token.balanceOf(miner), MINER_FUNDS - REQUIRED_STAKE / 5, "slashed part kept by the reserve");
        assertBalancesMatch();
    }
}
