// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The parts of Safe's ModuleManager and GuardManager this setup calls.
interface ISafeSetupCalls {
    function enableModule(address module) external;
    function setGuard(address guard) external;
}

/// @title CouncilModuleSetup
/// @notice Delegate-called by the bootstrap council Safe during `setup`, to install the {CouncilGuard} as both
/// the Safe's only module (through it the DAO timelock changes the council's members and threshold, as DESIGN
/// §3.2 requires) and its transaction guard (which forbids the council to remove that module or the guard).
/// @dev Runs in the Safe's context: `address(this)` is the Safe, so the calls below come from the Safe
/// itself and pass Safe's `authorized` check. Must only ever be delegate-called from `Safe.setup`.
contract CouncilModuleSetup {
    function install(address councilGuard) external {
        ISafeSetupCalls(address(this)).enableModule(councilGuard);
        ISafeSetupCalls(address(this)).setGuard(councilGuard);
    }
}
