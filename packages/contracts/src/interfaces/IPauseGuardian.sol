// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What the guardian calls on a pausable DMEX contract (the vault, the marketplace).
interface IPausable {
    function pause() external;
    function unpause() external;
    function paused() external view returns (bool);
}

/// @title IPauseGuardian
/// @notice The council's emergency brake, bounded by the DAO: the council pauses a DAO-listed contract for at
/// most `maxPauseDuration` seconds; after that anyone ends the pause, and the council may pause the same
/// contract again only after as long again has passed, so it never holds a contract paused for more than half
/// of any period. The DAO (timelock) sets the bound and the list, unpauses whenever it wants, and keeps a
/// pause beyond the bound by pausing itself or by revoking the guardian's roles on that contract.
/// @dev The guardian holds a pausable contract's pauser role and its admin role (the role `unpause` needs);
/// its code calls nothing but `pause` and `unpause`. The council holds no role on the contracts themselves.
interface IPauseGuardian {
    /// @notice Emitted when the council pauses `target` until `until`.
    event CouncilPaused(address indexed target, uint64 until);
    /// @notice Emitted when a council pause of `target` is ended after its bound.
    event CouncilPauseExpired(address indexed target, address indexed by);
    /// @notice Emitted when the DAO lists or delists a pausable contract.
    event TargetSet(address indexed target, bool allowed);
    /// @notice Emitted when the DAO changes the bound.
    event MaxPauseDurationSet(uint64 maxPauseDuration);

    /// @notice The caller is not the council.
    error PauseGuardian_NotCouncil(address caller);
    /// @notice The caller is not the DAO timelock.
    error PauseGuardian_NotTimelock(address caller);
    /// @notice `target` is not on the DAO's list.
    error PauseGuardian_NotTarget(address target);
    /// @notice The council may pause `target` again from `from` on.
    error PauseGuardian_CoolingDown(address target, uint64 from);
    /// @notice The council's pause of `target` runs until `until`.
    error PauseGuardian_NotExpired(address target, uint64 until);
    /// @notice `target` is already paused (by the DAO).
    error PauseGuardian_AlreadyPaused(address target);
    /// @notice The bound must lie in (0, `MAX_PAUSE_DURATION`].
    error PauseGuardian_InvalidDuration(uint64 duration);

    /// @notice Pauses `target` for `maxPauseDuration`. Council only; not when `target` is already paused.
    function pause(address target) external;

    /// @notice Ends the council's pause of `target` once its bound has passed. Anyone.
    function unpause(address target) external;

    /// @notice Lists or delists a contract the council may pause. Timelock only.
    function setTarget(address target, bool allowed) external;

    /// @notice Sets the bound of a council pause, at most `MAX_PAUSE_DURATION`. Timelock only.
    function setMaxPauseDuration(uint64 duration) external;

    /// @notice The longest bound the DAO may set (30 days).
    function MAX_PAUSE_DURATION() external view returns (uint64);

    /// @notice Seconds a council pause lasts at most.
    function maxPauseDuration() external view returns (uint64);

    /// @notice When the council's latest pause of `target` ends (zero: never paused by the council).
    function pausedUntil(address target) external view returns (uint64);

    /// @notice Whether the council may pause `target`.
    function isTarget(address target) external view returns (bool);
}
