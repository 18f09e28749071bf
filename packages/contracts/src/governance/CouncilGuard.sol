// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITransactionGuard} from "@safe-global/safe-smart-account/contracts/base/GuardManager.sol";
import {IERC165} from "@safe-global/safe-smart-account/contracts/interfaces/IERC165.sol";
import {IGuardManager} from "@safe-global/safe-smart-account/contracts/interfaces/IGuardManager.sol";
import {IModuleManager} from "@safe-global/safe-smart-account/contracts/interfaces/IModuleManager.sol";
import {Enum} from "@safe-global/safe-smart-account/contracts/libraries/Enum.sol";

import {ICouncilGuard} from "../interfaces/ICouncilGuard.sol";

/// @title CouncilGuard
/// @notice See {ICouncilGuard}.
/// @dev Stateless but for the timelock's address, so one guard serves any Safe it is installed on: the Safe
/// calling `checkTransaction` is `msg.sender`. Installed, with itself as module, by {CouncilModuleSetup}
/// during `Safe.setup`.
contract CouncilGuard is ICouncilGuard, ITransactionGuard {
    /// @inheritdoc ICouncilGuard
    address public immutable override timelock;

    constructor(address timelock_) {
        timelock = timelock_;
    }

    /// @inheritdoc ICouncilGuard
    function execute(address safe, bytes calldata data) external override {
        if (msg.sender != timelock) revert CouncilGuard_NotTimelock(msg.sender);
        (bool success, bytes memory reason) =
            IModuleManager(safe).execTransactionFromModuleReturnData(safe, 0, data, Enum.Operation.Call);
        if (!success) revert CouncilGuard_CallFailed(safe, reason);
    }

    /// @inheritdoc ITransactionGuard
    function checkTransaction(
        address to,
        uint256,
        bytes memory data,
        Enum.Operation operation,
        uint256,
        uint256,
        uint256,
        address,
        address payable,
        bytes memory,
        address
    ) external view override {
        if (operation == Enum.Operation.DelegateCall) revert CouncilGuard_DelegateCall(to);
        if (to != msg.sender || data.length < 4) return;
        // casting to 'bytes4' is safe because only the first four bytes are wanted: the selector
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = bytes4(data);
        if (
            selector == IModuleManager.enableModule.selector || selector == IModuleManager.disableModule.selector
                || selector == IGuardManager.setGuard.selector || selector == IModuleManager.setModuleGuard.selector
        ) revert CouncilGuard_Forbidden(selector);
    }

    /// @inheritdoc ITransactionGuard
    function checkAfterExecution(bytes32, bool) external pure override {}

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(ITransactionGuard).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}
