// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ApplicationParams} from "../../src/types/Miner.sol";
import {MinerRegistryBase} from "../MinerRegistryBase.t.sol";

/// @notice Gas benchmarks of the MinerRegistry, written to snapshots/miner_registry.json by
/// `vm.snapshotGasLastCall`.
/// @dev One measured call per test: storage touched in setUp is cold again in the test, as in a real
/// transaction, while a second call in the same test would find it warm and read low.
abstract contract MinerRegistryGasBase is MinerRegistryBase {
    function gasGroup() internal pure override returns (string memory) {
        return "miner_registry";
    }
}

contract MinerRegistry_New_Gas_Test is MinerRegistryGasBase {
    /// @dev A first application with a typical IPFS profile URI (66 bytes).
    function test_Gas_SubmitApplication() external {
        ApplicationParams memory params = defaultParams();
        vm.prank(miner);
        registry.submitApplication(params);
        snapshotGas("apply");
    }
}

contract MinerRegistry_Applied_Gas_Test is MinerRegistryGasBase {
    uint256 internal applicationId;

    function setUp() public override {
        super.setUp();
        applicationId = submit(miner);
    }

    function test_Gas_ApproveApplication() external {
        vm.prank(timelock);
        registry.approveApplication(applicationId, APPROVED_CAPACITY, REQUIRED_STAKE);
        snapshotGas("approve");
    }
}

contract MinerRegistry_Approved_Gas_Test is MinerRegistryGasBase {
    function setUp() public override {
        super.setUp();
        approved(miner);
    }

    /// @dev The stake that activates an approved miner (its first, with the registry holding no DMC yet).
    function test_Gas_StakeThatActivates() external {
        vm.prank(miner);
        registry.stake(REQUIRED_STAKE);
        snapshotGas("stake");
    }
}

contract MinerRegistry_Active_Gas_Test is MinerRegistryGasBase {
    function setUp() public override {
        super.setUp();
        activate(miner);
        stakeAs(miner, 10_000e18);
    }

    function test_Gas_Slash() external {
        vm.prank(timelock);
        registry.slash(miner, 5000e18, "missed deliveries");
        snapshotGas("slash");
    }

    function test_Gas_StakeMore() external {
        vm.prank(miner);
        registry.stake(1000e18);
        snapshotGas("stake_more");
    }

    function test_Gas_RequestUnstake() external {
        vm.prank(miner);
        registry.requestUnstake(10_000e18);
        snapshotGas("request_unstake");
    }

    function test_Gas_OpenOffering() external {
        vm.prank(manager);
        registry.openOffering(miner, 100);
        snapshotGas("open_offering");
    }
}

contract MinerRegistry_Unbonding_Gas_Test is MinerRegistryGasBase {
    function setUp() public override {
        super.setUp();
        activate(miner);
        stakeAs(miner, 10_000e18);
        requestUnstakeAs(miner, 10_000e18);
        openOffering(miner, 100);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
    }

    function test_Gas_WithdrawStake() external {
        vm.prank(miner);
        registry.withdrawStake();
        snapshotGas("withdraw_stake");
    }

    function test_Gas_CloseOffering() external {
        vm.prank(manager);
        registry.closeOffering(miner, 100);
        snapshotGas("close_offering");
    }
}
