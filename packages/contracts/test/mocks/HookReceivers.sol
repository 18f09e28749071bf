// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../src/interfaces/IRiskControlVault.sol";
import {HookToken, ITokenReceivedHook} from "./HookToken.sol";

/// @notice A contract account (a bidder or seller in marketplace tests) that registers for {HookToken}'s
/// receive hook and can be switched between accepting payments and refusing them. Tests act as it with
/// `vm.prank(address(receiver))`.
abstract contract HookReceiver is ITokenReceivedHook {
    /// @notice Whether the hook currently refuses incoming tokens.
    bool public refusing = true;
    /// @notice Payments accepted through the hook.
    uint256 public received;

    constructor(HookToken token) {
        token.registerHook(true);
    }

    /// @notice Switches refusing on or off (a test calls it; no access control: test code).
    function setRefusing(bool on) external {
        refusing = on;
    }

    /// @inheritdoc ITokenReceivedHook
    function onTokenReceived(address, address, uint256 amount) external override {
        if (refusing) _refuse();
        received += amount;
    }

    function _refuse() internal virtual;
}

/// @notice Refuses payments by reverting in the hook: a griefing bidder, or a seller that cannot be paid.
contract RevertingReceiver is HookReceiver {
    error RevertingReceiver_Refused();

    constructor(HookToken token) HookReceiver(token) {}

    function _refuse() internal pure override {
        revert RevertingReceiver_Refused();
    }
}

/// @notice Refuses payments by burning every unit of gas the hook is given: a griefing bidder that tries to make
/// whoever pays it run out of gas.
contract GasBurningReceiver is HookReceiver {
    uint256 private _spins;

    constructor(HookToken token) HookReceiver(token) {}

    function _refuse() internal override {
        // Never returns: each iteration writes storage (so no optimizer can drop the loop) until the gas runs
        // out, which also reverts the writes.
        while (true) {
            ++_spins;
        }
    }
}

/// @notice A seller that, when the marketplace pays it for a sale, tries to take the refund of the certificate it
/// just sold (issue 15: a sale must deliver what it showed). Records whether the refund went through.
contract RefundingSeller is ITokenReceivedHook {
    IRiskControlVault public immutable vault;
    /// @notice The certificate whose refund the hook tries (0: none).
    uint256 public target;
    bool public refundedInHook;

    constructor(HookToken token, IRiskControlVault vault_) {
        token.registerHook(true);
        vault = vault_;
    }

    function arm(uint256 tokenId) external {
        target = tokenId;
    }

    /// @inheritdoc ITokenReceivedHook
    function onTokenReceived(address, address, uint256) external override {
        if (target == 0) return;
        uint256[] memory list = new uint256[](1);
        list[0] = target;
        try vault.refund(list) {
            refundedInHook = true;
        } catch {}
    }
}
