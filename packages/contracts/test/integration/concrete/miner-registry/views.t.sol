// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {Miner, MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract StatusOf_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_GivenUnknownMiner_ItIsNone() external view {
        assertStatus(stranger, MinerStatus.None, "unknown");
    }

    function test_GivenApproval_ItLapsesExactlyAtExpiry() external {
        approved(miner);
        uint64 expiry = minerRecord(miner).approvalExpiry;
        assertEq(expiry, block.timestamp + APPROVAL_WINDOW, "expiry");

        vm.warp(expiry - 1);
        assertStatus(miner, MinerStatus.Approved, "valid until the last second");
        vm.warp(expiry);
        assertStatus(miner, MinerStatus.None, "lapsed at expiry");
    }

    function test_GivenLapsedApproval_MinerOfShowsNoneAndKeepsTheRecord() external {
        uint256 id = approved(miner);
        stakeAs(miner, 3e18);
        lapse(miner);
        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.None), "none");
        assertEq(record.stake, 3e18, "stake still there to unstake");
        assertEq(record.applicationId, id, "last application");
        assertFalse(registry.isUnderCollateralized(miner), "not flagged");
    }

    function test_GivenApprovalWithRequiredStakeMet_ItNeverLapses() external {
        activate(miner);
        vm.warp(block.timestamp + 3650 days);
        assertStatus(miner, MinerStatus.Active, "active");
    }
}

contract Views_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_RevertWhen_ApplicationIdIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 0));
        registry.application(0);
    }

    function test_RevertWhen_ApplicationIdWasNeverIssued() external {
        submit(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownApplication.selector, 2));
        registry.application(2);
    }

    function test_RevertWhen_CoinIdIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 0));
        registry.coin(0);
    }

    function test_RevertWhen_CoinIdWasNeverIssued() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 2));
        registry.coin(2);
    }

    function test_RevertWhen_CoinActiveIsAskedForAnUnknownCoin() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 2));
        registry.isCoinActive(2);
    }

    function test_GivenUnknownMiner_EverythingIsZero() external view {
        Miner memory record = minerRecord(stranger);
        assertEq(uint256(record.status), 0, "status");
        assertEq(record.capacityUnits + record.usedCapacity + record.stake + record.pendingWithdrawal, 0, "zeros");
        assertEq(registry.freeCapacity(stranger), 0, "no free capacity");
        assertFalse(registry.isUnderCollateralized(stranger), "not flagged");
    }

    function test_GivenActiveMinerWithEverything_MinerOfReturnsTheWholeRecord() external {
        uint256 id = approved(miner);
        stakeAs(miner, REQUIRED_STAKE + 9e18);
        openOffering(miner, 120);
        requestUnstakeAs(miner, 4e18);

        Miner memory record = minerRecord(miner);
        assertEq(uint256(record.status), uint256(MinerStatus.Active), "status");
        assertEq(record.coinId, filCoinId, "coin");
        assertEq(uint256(record.maxTermDays), MAX_TERM, "max term");
        assertEq(record.capacityUnits, APPROVED_CAPACITY, "capacity");
        assertEq(record.usedCapacity, 120, "used");
        assertEq(record.requiredStake, REQUIRED_STAKE, "required");
        assertEq(record.stake, REQUIRED_STAKE + 5e18, "stake");
        assertEq(record.pendingWithdrawal, 4e18, "pending");
        assertEq(record.unlockAt, block.timestamp + UNBONDING_PERIOD, "unlock");
        assertEq(record.approvalExpiry, 0, "no expiry");
        assertEq(record.liveOfferings, 1, "live offerings");
        assertEq(record.applicationId, id, "application");
        assertEq(registry.freeCapacity(miner), APPROVED_CAPACITY - 120, "free capacity");
        assertFalse(registry.isUnderCollateralized(miner), "collateralized");
    }
}
