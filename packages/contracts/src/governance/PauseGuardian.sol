// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPausable, IPauseGuardian} from "../interfaces/IPauseGuardian.sol";

/// @title PauseGuardian
/// @notice See {IPauseGuardian}.
contract PauseGuardian is IPauseGuardian {
    /// @inheritdoc IPauseGuardian
    uint64 public constant override MAX_PAUSE_DURATION = 30 days;

    address public immutable timelock;
    address public immutable council;

    /// @inheritdoc IPauseGuardian
    uint64 public override maxPauseDuration;
    /// @inheritdoc IPauseGuardian
    mapping(address target => uint64) public override pausedUntil;
    /// @inheritdoc IPauseGuardian
    mapping(address target => bool) public override isTarget;

    constructor(address timelock_, address council_, uint64 maxPauseDuration_) {
        timelock = timelock_;
        council = council_;
        _setMaxPauseDuration(maxPauseDuration_);
    }

    /// @inheritdoc IPauseGuardian
    function pause(address target) external override {
        if (msg.sender != council) revert PauseGuardian_NotCouncil(msg.sender);
        if (!isTarget[target]) revert PauseGuardian_NotTarget(target);
        uint64 until = pausedUntil[target];
        // As long again as the bound must pass after a council pause before the next one.
        if (until != 0 && block.timestamp < until + maxPauseDuration) {
            revert PauseGuardian_CoolingDown(target, until + maxPauseDuration);
        }
        // A pause the DAO made is the DAO's: the guardian neither takes it over nor would end it.
        if (IPausable(target).paused()) revert PauseGuardian_AlreadyPaused(target);
        until = uint64(block.timestamp) + maxPauseDuration;
        pausedUntil[target] = until;
        emit CouncilPaused(target, until);
        IPausable(target).pause();
    }

    /// @inheritdoc IPauseGuardian
    function unpause(address target) external override {
        uint64 until = pausedUntil[target];
        if (until == 0 || block.timestamp < until) revert PauseGuardian_NotExpired(target, until);
        emit CouncilPauseExpired(target, msg.sender);
        if (IPausable(target).paused()) IPausable(target).unpause();
    }

    /// @inheritdoc IPauseGuardian
    function setTarget(address target, bool allowed) external override {
        _onlyTimelock();
        isTarget[target] = allowed;
        emit TargetSet(target, allowed);
    }

    /// @inheritdoc IPauseGuardian
    function setMaxPauseDuration(uint64 duration) external override {
        _onlyTimelock();
        _setMaxPauseDuration(duration);
    }

    function _setMaxPauseDuration(uint64 duration) private {
        if (duration == 0 || duration > MAX_PAUSE_DURATION) revert PauseGuardian_InvalidDuration(duration);
        maxPauseDuration = duration;
        emit MaxPauseDurationSet(duration);
    }

    function _onlyTimelock() private view {
        if (msg.sender != timelock) revert PauseGuardian_NotTimelock(msg.sender);
    }
}
