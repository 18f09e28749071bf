// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICouncilGate
/// @notice The bootstrap council's only route to the DAO timelock, and the DAO's way to stop what the council
/// scheduled before it executes.
/// @dev The gate holds the timelock's proposer and canceller roles; the council's Safe holds none. What the
/// gate guarantees:
/// - The council schedules only under salts of its own (`keccak256(gate, salt)`), so it can never schedule an
///   operation the Governor is about to queue and block that queue (a pre-scheduled identical operation with
///   a long delay would make the Governor's `queue` revert forever).
/// - The council can call neither the governance machinery (timelock, Governor, gate, the Safe guard, the
///   pause guardian, the council Safe) nor any role or ownership function (`grantRole`, `revokeRole`,
///   `renounceRole`, `transferOwnership`, `renounceOwnership`) nor DMC's `delegate` (the treasury's votes).
/// - It cannot cancel anything but its own operations.
/// - The DAO cancels a council operation either by a full proposal (`cancel`, from the timelock) or, fast, by
///   a veto: DMC votes held when the operation was scheduled, adding up to the Governor's quorum at that time,
///   cancel it at once, with no voting delay and no timelock in the way. A proposal that must itself wait a
///   voting period and a timelock delay would arrive after a council operation scheduled with the minimum
///   delay has executed; the veto does not.
interface ICouncilGate {
    /// @notice Emitted when the council schedules a batch; `id` is its timelock operation id.
    event CouncilOperationScheduled(bytes32 indexed id, bytes32 salt, uint256 delay);
    /// @notice Emitted for each veto vote; `total` is the operation's veto votes so far.
    event Vetoed(bytes32 indexed id, address indexed voter, uint256 votes, uint256 total);
    /// @notice Emitted when a council operation is cancelled, by veto, by the DAO or by the council.
    event CouncilOperationCancelled(bytes32 indexed id, address indexed by);

    /// @notice The caller is not the council.
    error CouncilGate_NotCouncil(address caller);
    /// @notice The caller is neither the timelock nor the council.
    error CouncilGate_NotTimelockOrCouncil(address caller);
    /// @notice The council may not call `target` with `selector`.
    error CouncilGate_Forbidden(address target, bytes4 selector);
    /// @notice `id` is not a pending operation of the council.
    error CouncilGate_NotPendingCouncilOperation(bytes32 id);
    /// @notice `voter` already vetoed `id`.
    error CouncilGate_AlreadyVetoed(bytes32 id, address voter);
    /// @notice `voter` held no votes when `id` was scheduled.
    error CouncilGate_NoVotes(bytes32 id, address voter);

    /// @notice Schedules a batch on the timelock for the council; executable by anyone after `delay`
    /// (at least the timelock's minimum). Council only.
    /// @return id The timelock operation id.
    function schedule(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 salt,
        uint256 delay
    ) external returns (bytes32 id);

    /// @notice Adds the caller's votes, as of the operation's scheduling, to the veto of council operation
    /// `id`; cancels it once the veto reaches the Governor's quorum of that time.
    function veto(bytes32 id) external;

    /// @notice Cancels council operation `id`. The timelock (a DAO proposal) or the council itself.
    function cancel(bytes32 id) external;

    /// @notice The timelock operation id the council's batch gets under `salt`.
    function hashOperation(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 salt
    ) external view returns (bytes32);

    /// @notice When council operation `id` was scheduled (zero: not a council operation).
    function scheduledAt(bytes32 id) external view returns (uint48);

    /// @notice Veto votes counted for `id`.
    function vetoVotes(bytes32 id) external view returns (uint256);

    /// @notice Veto votes needed to cancel `id`: the Governor's quorum when it was scheduled.
    function vetoQuorum(bytes32 id) external view returns (uint256);
}
