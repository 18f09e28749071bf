// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VM, Vm} from "./Vm.sol";

/// @notice Our own test base (forge-std is not available here): cheatcodes, assertions with messages,
/// fuzz input bounding, labelled users and gas snapshots.
abstract contract Test {
    Vm internal constant vm = VM;

    /*//////////////////////////////////////////////////////////////
                               ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(address left, address right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(bool left, bool right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(string memory left, string memory right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        vm.assertTrue(condition, message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        vm.assertFalse(condition, message);
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertLe(left, right, message);
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertGe(left, right, message);
    }

    function assertLt(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertLt(left, right, message);
    }

    function assertGt(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertGt(left, right, message);
    }

    /*//////////////////////////////////////////////////////////////
                                 FUZZING
    //////////////////////////////////////////////////////////////*/

    /// @dev Maps any `x` into [min, max] without discarding runs, keeping small values small so that
    /// edge cases near the bounds stay likely.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /*//////////////////////////////////////////////////////////////
                                 USERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A labelled address derived from `name`, with its private key for signatures.
    function makeAccount(string memory name) internal returns (address account, uint256 privateKey) {
        privateKey = keyOf(name);
        account = vm.addr(privateKey);
        vm.label(account, name);
    }

    /// @dev The private key `makeAccount(name)` uses; pure, for use in view helpers.
    function keyOf(string memory name) internal pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked(name))) % SECP256K1_ORDER;
    }

    /// @dev The address `makeAccount(name)` returns, without labelling it (pure).
    function addressOf(string memory name) internal pure returns (address) {
        return vm.addr(keyOf(name));
    }

    function makeAddr(string memory name) internal returns (address account) {
        (account,) = makeAccount(name);
    }

    uint256 private constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    /*//////////////////////////////////////////////////////////////
                              GAS SNAPSHOTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Records the gas of the last external call under `name` in snapshots/<gasGroup()>.json.
    /// The files are committed; the test command fails when a figure changes without being recommitted.
    function snapshotGas(string memory name) internal returns (uint256 gasUsed) {
        gasUsed = vm.snapshotGasLastCall(gasGroup(), name);
    }

    /// @dev The snapshot file a test contract writes to; override per benchmark contract.
    function gasGroup() internal pure virtual returns (string memory) {
        return "default";
    }
}
