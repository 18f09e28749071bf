// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {ICouncilGate} from "../interfaces/ICouncilGate.sol";

/// @notice The Ownable functions the council may not call (ownership of the registry and the oracle).
interface IOwnableCalls {
    function transferOwnership(address newOwner) external;
    function renounceOwnership() external;
}

/// @title CouncilGate
/// @notice See {ICouncilGate}.
/// @dev Holds no funds. The forbidden targets are fixed at deployment: they are the contracts through which
/// the council could change governance itself.
contract CouncilGate is ICouncilGate {
    TimelockController public immutable timelock;
    IGovernor public immutable governor;
    IVotes public immutable token;
    /// @notice The bootstrap council's Safe.
    address public immutable council;
    /// @notice The council Safe's guard and the DAO's module on it.
    address public immutable councilGuard;
    /// @notice The contract through which the council pauses, for a bounded time.
    address public immutable pauseGuardian;

    /// @inheritdoc ICouncilGate
    mapping(bytes32 id => uint48) public override scheduledAt;
    /// @inheritdoc ICouncilGate
    mapping(bytes32 id => uint256) public override vetoVotes;
    mapping(bytes32 id => mapping(address voter => bool)) private _vetoed;

    constructor(
        TimelockController timelock_,
        IGovernor governor_,
        IVotes token_,
        address council_,
        address councilGuard_,
        address pauseGuardian_
    ) {
        timelock = timelock_;
        governor = governor_;
        token = token_;
        council = council_;
        councilGuard = councilGuard_;
        pauseGuardian = pauseGuardian_;
    }

    /// @inheritdoc ICouncilGate
    function schedule(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 salt,
        uint256 delay
    ) external override returns (bytes32 id) {
        if (msg.sender != council) revert CouncilGate_NotCouncil(msg.sender);
        uint256 count = targets.length;
        for (uint256 i; i < count; ++i) {
            _checkCall(targets[i], payloads[i]);
        }
        bytes32 gateSalt = _salt(salt);
        id = timelock.hashOperationBatch(targets, values, payloads, bytes32(0), gateSalt);
        scheduledAt[id] = uint48(block.timestamp);
        emit CouncilOperationScheduled(id, salt, delay);
        timelock.scheduleBatch(targets, values, payloads, bytes32(0), gateSalt, delay);
    }

    /// @inheritdoc ICouncilGate
    function veto(bytes32 id) external override {
        uint48 at = _pendingScheduledAt(id);
        if (_vetoed[id][msg.sender]) revert CouncilGate_AlreadyVetoed(id, msg.sender);
        // Votes as of the second before scheduling: buying or borrowing DMC afterwards adds nothing.
        uint256 votes = token.getPastVotes(msg.sender, at - 1);
        if (votes == 0) revert CouncilGate_NoVotes(id, msg.sender);
        _vetoed[id][msg.sender] = true;
        uint256 total = vetoVotes[id] + votes;
        vetoVotes[id] = total;
        emit Vetoed(id, msg.sender, votes, total);
        if (total >= governor.quorum(at - 1)) _cancel(id);
    }

    /// @inheritdoc ICouncilGate
    function cancel(bytes32 id) external override {
        if (msg.sender != address(timelock) && msg.sender != council) {
            revert CouncilGate_NotTimelockOrCouncil(msg.sender);
        }
        _pendingScheduledAt(id);
        _cancel(id);
    }

    /// @inheritdoc ICouncilGate
    function hashOperation(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 salt
    ) external view override returns (bytes32) {
        return timelock.hashOperationBatch(targets, values, payloads, bytes32(0), _salt(salt));
    }

    /// @inheritdoc ICouncilGate
    function vetoQuorum(bytes32 id) external view override returns (uint256) {
        return governor.quorum(_pendingScheduledAt(id) - 1);
    }

    function _cancel(bytes32 id) private {
        emit CouncilOperationCancelled(id, msg.sender);
        timelock.cancel(id);
    }

    function _pendingScheduledAt(bytes32 id) private view returns (uint48 at) {
        at = scheduledAt[id];
        if (at == 0 || !timelock.isOperationPending(id)) revert CouncilGate_NotPendingCouncilOperation(id);
    }

    function _salt(bytes32 salt) private view returns (bytes32) {
        return keccak256(abi.encode(address(this), salt));
    }

    function _checkCall(address target, bytes calldata payload) private view {
        bytes4 selector = payload.length >= 4 ? bytes4(payload[:4]) : bytes4(0);
        if (
            target == address(timelock) || target == address(governor) || target == address(this) || target == council
                || target == councilGuard || target == pauseGuardian || selector == IAccessControl.grantRole.selector
                || selector == IAccessControl.revokeRole.selector || selector == IAccessControl.renounceRole.selector
                || selector == IOwnableCalls.transferOwnership.selector
                || selector == IOwnableCalls.renounceOwnership.selector
                || (target == address(token) && selector == IVotes.delegate.selector)
        ) revert CouncilGate_Forbidden(target, selector);
    }
}
