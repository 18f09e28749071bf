// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ModuleManager} from "@safe-global/safe-smart-account/contracts/base/ModuleManager.sol";
import {OwnerManager} from "@safe-global/safe-smart-account/contracts/base/OwnerManager.sol";
import {Enum} from "@safe-global/safe-smart-account/contracts/libraries/Enum.sol";

import {CouncilGate} from "../../../../src/governance/CouncilGate.sol";
import {CouncilGuard} from "../../../../src/governance/CouncilGuard.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

contract Council_Governance_Concrete_Test is GovernanceBase {
    bytes32 private constant SALT = keccak256("council operation");

    function _scheduleTransfer() internal view returns (bytes memory) {
        (address[] memory targets, uint256[] memory values, bytes[] memory payloads) =
            _one(address(token), abi.encodeCall(IERC20.transfer, (recipient, 500e18)));
        return abi.encodeCall(CouncilGate.schedule, (targets, values, payloads, SALT, TIMELOCK_DELAY));
    }

    function test_WhenFourMembersSign_TheCouncilSchedulesAndAnyoneExecutesAfterTheDelay() external {
        bytes32 id = _councilSchedule(address(token), abi.encodeCall(IERC20.transfer, (recipient, 500e18)), SALT);
        assertTrue(timelock.isOperationPending(id), "scheduled");
        assertEq(councilGate.scheduledAt(id), block.timestamp, "recorded as the council's");

        (address[] memory targets, uint256[] memory values, bytes[] memory payloads) =
            _one(address(token), abi.encodeCall(IERC20.transfer, (recipient, 500e18)));
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.prank(minnow); // executing is open to anyone
        timelock.executeBatch(targets, values, payloads, 0, keccak256(abi.encode(address(councilGate), SALT)));
        assertEq(token.balanceOf(recipient), 500e18, "executed");
    }

    function test_RevertWhen_OnlyThreeMembersSign() external {
        bytes memory data = _scheduleTransfer();
        bytes memory signatures = _councilSignatures(address(councilGate), data, 3);
        vm.expectRevert(bytes("GS020")); // Safe: signatures data too short for the threshold
        council.execTransaction(
            address(councilGate), 0, data, Enum.Operation.Call, 0, 0, 0, address(0), payable(address(0)), signatures
        );
    }

    function test_WhenTheDaoRevokesTheCouncil_ItCanNoLongerPropose() external {
        _passAndExecute(_removeCouncil());

        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(councilGate)), "proposer role revoked");
        assertFalse(timelock.hasRole(timelock.CANCELLER_ROLE(), address(councilGate)), "canceller role revoked");

        // The timelock rejects the gate's schedule call; Safe 1.5 passes the revert reason on.
        _councilExpectRevert(
            address(councilGate),
            _scheduleTransfer(),
            Enum.Operation.Call,
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(councilGate), timelock.PROPOSER_ROLE()
            )
        );
    }

    function test_WhenTheDaoChangesCouncilMembers_TheCouncilFollows() external {
        address newcomer = makeAddr("newcomer");
        address leaver = councilMembers[6];
        address prevOfLeaver = _previousOwner(leaver);

        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(councilGuard);
        p.targets[1] = address(councilGuard);
        p.calldatas[0] = _viaModule(abi.encodeCall(OwnerManager.addOwnerWithThreshold, (newcomer, 4)));
        p.calldatas[1] = _viaModule(abi.encodeCall(OwnerManager.removeOwner, (prevOfLeaver, leaver, 4)));
        p.description = "Re-elect the council: newcomer in, member 6 out";
        _passAndExecute(p);

        assertTrue(council.isOwner(newcomer), "newcomer joined");
        assertFalse(council.isOwner(leaver), "member left");
        assertEq(council.getOwners().length, 7, "still seven members");
        assertEq(council.getThreshold(), 4, "still four signatures");
    }

    function test_RevertWhen_SomeoneElseUsesTheModulePath() external {
        vm.expectRevert(bytes("GS104")); // Safe: method can only be called from an enabled module
        vm.prank(whale);
        council.execTransactionFromModule(
            address(council), 0, abi.encodeCall(OwnerManager.addOwnerWithThreshold, (whale, 1)), Enum.Operation.Call
        );
    }

    function _viaModule(bytes memory call) private view returns (bytes memory) {
        return abi.encodeCall(CouncilGuard.execute, (address(council), call));
    }

    /// @dev Safe keeps owners in a linked list; removal names the owner that points at the one removed.
    function _previousOwner(address owner) private view returns (address) {
        address[] memory owners = council.getOwners();
        for (uint256 i; i < owners.length; ++i) {
            if (owners[i] == owner) return i == 0 ? address(0x1) : owners[i - 1];
        }
        revert("not an owner");
    }
}
