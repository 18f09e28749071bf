// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICouncilGuard
/// @notice Keeps the DAO in control of the bootstrap council's Safe. It is both the Safe's transaction guard
/// and its only module:
/// - As guard, it refuses any council transaction that would loosen the DAO's hold: delegate calls (which can
///   rewrite the Safe's storage, modules and guard included) and the Safe's own `enableModule`,
///   `disableModule`, `setGuard` and `setModuleGuard`. The council keeps managing its own owners.
/// - As module, it runs the DAO's changes to the council (`execute`, timelock only) and reverts when the Safe
///   reports failure, so a DAO proposal changing the council either changes it or fails; it never reports
///   Executed with nothing changed, which the Safe's `execTransactionFromModule` returning `false` allowed.
interface ICouncilGuard {
    /// @notice The caller is not the DAO timelock.
    error CouncilGuard_NotTimelock(address caller);
    /// @notice The council may not delegate-call from its Safe.
    error CouncilGuard_DelegateCall(address to);
    /// @notice The council may not call this function of its own Safe.
    error CouncilGuard_Forbidden(bytes4 selector);
    /// @notice The Safe reported that the DAO's call failed; `reason` is what it returned.
    error CouncilGuard_CallFailed(address safe, bytes reason);

    /// @notice Has `safe` call itself with `data` (e.g. `addOwnerWithThreshold`, `removeOwner`,
    /// `swapOwner`, `changeThreshold`) through the module path. DAO timelock only. Reverts if the call fails.
    function execute(address safe, bytes calldata data) external;

    /// @notice The DAO timelock, the only caller of `execute`.
    function timelock() external view returns (address);
}
