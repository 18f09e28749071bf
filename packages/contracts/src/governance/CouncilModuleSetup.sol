// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The part of Safe's ModuleManager this setup calls.
interface ISafeModuleManager {
    function enableModule(address module) external;
}

/// @title CouncilModuleSetup
/// @notice Delegate-called by the bootstrap council Safe during `setup`, to enable the DAO timelock as a
/// module of the council. Through it the DAO can change the council's members and threshold (a timelock
/// operation calling `execTransactionFromModule` on the Safe), as DESIGN §3.2 requires.
/// @dev Runs in the Safe's context: `address(this)` is the Safe, so the call below comes from the Safe
/// itself and passes Safe's `authorized` check. Must only ever be delegate-called from `Safe.setup`.
contract CouncilModuleSetup {
    function enableModule(address module) external {
        ISafeModuleManager(address(this)).enableModule(module);
    }
}
