// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../Base.t.sol";

/// @notice Gas benchmarks of DMC, written to snapshots/dmc_token.json by `vm.snapshotGasLastCall`.
/// @dev One measured call per test: storage touched in setUp is cold again in the test, as in a real
/// transaction, while a second call in the same test would find it warm and read low.
abstract contract DmcTokenGasBase is Base {
    function gasGroup() internal pure override returns (string memory) {
        return "dmc_token";
    }

    function setUp() public virtual override {
        super.setUp();
        fund(alice, 1000e18);
        fund(bob, 1000e18);
        vm.warp(block.timestamp + 1);
    }
}

contract DmcToken_Gas_Test is DmcTokenGasBase {
    function test_Gas_TransferToNewHolder() external {
        vm.prank(alice);
        bool ok = token.transfer(carol, 1e18);
        snapshotGas("transfer_to_new_holder");
        assertTrue(ok, "transfer");
    }

    function test_Gas_TransferToHolder() external {
        vm.prank(alice);
        bool ok = token.transfer(bob, 1e18);
        snapshotGas("transfer");
        assertTrue(ok, "transfer");
    }

    function test_Gas_Approve() external {
        vm.prank(alice);
        token.approve(bob, 1e18);
        snapshotGas("approve");
    }

    function test_Gas_DelegateFirst() external {
        vm.prank(alice);
        token.delegate(alice);
        snapshotGas("delegate_first");
    }
}

contract DmcToken_Delegated_Gas_Test is DmcTokenGasBase {
    function setUp() public override {
        super.setUp();
        vm.prank(alice);
        token.delegate(alice);
        vm.prank(bob);
        token.delegate(bob);
        vm.warp(block.timestamp + 1);
    }

    function test_Gas_TransferBetweenDelegates() external {
        vm.prank(alice);
        bool ok = token.transfer(bob, 1e18);
        snapshotGas("transfer_delegated_both_sides");
        assertTrue(ok, "transfer");
    }

    function test_Gas_DelegateChange() external {
        vm.prank(alice);
        token.delegate(bob);
        snapshotGas("delegate_change");
    }
}
