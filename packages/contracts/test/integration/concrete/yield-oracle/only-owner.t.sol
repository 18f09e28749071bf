// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {YieldOracleBase} from "../../../YieldOracleBase.t.sol";

/// @notice Every admin function belongs to the owner (the DAO timelock) and nobody else, reporters included.
contract OnlyOwner_YieldOracle_Concrete_Test is YieldOracleBase {
    /// @dev Calldata of every owner-only function, with arguments that would succeed for the owner.
    function adminCalls() internal view returns (bytes[] memory calls) {
        calls = new bytes[](6);
        calls[0] = abi.encodeCall(IYieldOracle.addReporter, (stranger));
        calls[1] = abi.encodeCall(IYieldOracle.removeReporter, (reporters[4]));
        calls[2] = abi.encodeCall(IYieldOracle.setQuorum, (uint8(5)));
        calls[5] = abi.encodeCall(IYieldOracle.setValueBounds, (FIL, 1, 2));
        calls[3] = abi.encodeCall(Ownable.transferOwnership, (stranger));
        calls[4] = abi.encodeCall(Ownable.renounceOwnership, ());
    }

    function assertEveryAdminCallReverts(address caller) internal {
        bytes[] memory calls = adminCalls();
        bytes memory expected = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(caller);
            (bool success, bytes memory returnData) = address(oracle).call(calls[i]);
            assertFalse(success, string.concat("admin call #", vm.toString(i), " succeeded"));
            assertEq(
                keccak256(returnData),
                keccak256(expected),
                string.concat("admin call #", vm.toString(i), ": OwnableUnauthorizedAccount(caller)")
            );
        }
        assertEq(oracle.owner(), timelock, "owner unchanged");
        assertEq(oracle.pendingOwner(), address(0), "no pending owner");
        assertEq(oracle.reporterCount(), REPORTERS, "reporters unchanged");
        assertEq(oracle.quorum(), QUORUM, "quorum unchanged");
    }

    function test_RevertWhen_CallerIsAStranger() external {
        assertEveryAdminCallReverts(stranger);
    }

    function test_RevertWhen_CallerIsAReporter() external {
        assertEveryAdminCallReverts(reporters[0]);
    }

    function test_WhenCallerIsTheOwner_TheSameCallsSucceed() external {
        bytes[] memory calls = adminCalls();
        // renounceOwnership (4) is disabled even for the owner.
        for (uint256 i; i < 4; ++i) {
            vm.prank(timelock);
            (bool success,) = address(oracle).call(calls[i]);
            assertTrue(success, string.concat("owner call #", vm.toString(i)));
        }
        assertEq(oracle.pendingOwner(), stranger, "transfer started");
    }
}

contract Ownership_YieldOracle_Concrete_Test is YieldOracleBase {
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    function test_RevertWhen_OwnerRenounces() external {
        vm.expectRevert(IYieldOracle.YieldOracle_RenounceOwnershipDisabled.selector);
        vm.prank(timelock);
        oracle.renounceOwnership();
        assertEq(oracle.owner(), timelock, "owner kept");
    }

    function test_WhenOwnerTransfers_TheNewOwnerMustAccept() external {
        address newTimelock = makeAddr("newTimelock");
        vm.expectEmit(address(oracle));
        emit OwnershipTransferStarted(timelock, newTimelock);
        vm.prank(timelock);
        oracle.transferOwnership(newTimelock);
        assertEq(oracle.owner(), timelock, "owner until accepted");

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        oracle.acceptOwnership();

        vm.expectEmit(address(oracle));
        emit OwnershipTransferred(timelock, newTimelock);
        vm.prank(newTimelock);
        oracle.acceptOwnership();
        assertEq(oracle.owner(), newTimelock, "new owner");

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, timelock));
        vm.prank(timelock);
        oracle.setQuorum(5);

        vm.prank(newTimelock);
        oracle.setQuorum(5);
        assertEq(oracle.quorum(), 5, "new owner administers");
    }
}
