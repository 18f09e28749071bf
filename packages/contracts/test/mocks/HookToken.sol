// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice What a contract implements to hear of every {HookToken} it receives.
interface ITokenReceivedHook {
    /// @param operator Who called the token (`transfer` or `transferFrom`).
    /// @param from Whose balance paid.
    /// @param amount Token units received.
    function onTokenReceived(address operator, address from, uint256 amount) external;
}

/// @title HookToken
/// @notice Test-only ERC-20 that calls a hook on its recipients on every transfer, as ERC-777 (`tokensReceived`
/// through the ERC-1820 registry) and ERC-1363 receivers do: a recipient contract registers once, and from then
/// on every transfer to it calls {ITokenReceivedHook.onTokenReceived} with all remaining gas and fails when the
/// hook fails. That hands the recipient a veto over being paid, which is what a griefing bidder or seller needs
/// to try to block a marketplace that pushes payments.
/// @dev Registration stands in for ERC-1820: contracts that never registered (the marketplace, the vault) are
/// paid like with any ERC-20. Anyone may mint; for tests only.
contract HookToken is ERC20 {
    /// @notice Whether transfers to `account` call its hook.
    mapping(address account => bool) public hooked;

    event HookRegistered(address indexed account, bool hooked);

    constructor() ERC20("Hook Token", "HOOK") {}

    /// @notice Mints `amount` to `to` (open: test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The caller asks (or stops asking) to be called on every transfer it receives.
    function registerHook(bool on) external {
        hooked[msg.sender] = on;
        emit HookRegistered(msg.sender, on);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to != address(0) && hooked[to]) ITokenReceivedHook(to).onTokenReceived(msg.sender, from, value);
    }
}
