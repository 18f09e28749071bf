// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BridgedToken
/// @notice Local stand-in for a mined coin bridged 1:1 to this chain as an ERC-20 (IFIL for Filecoin, a
/// WBTC-like token for Bitcoin; DESIGN §3.1). The real bridge does not exist on a local chain, so this
/// contract plays it honestly: supply appears only when the bridge role mints (coin locked on the other
/// chain) and disappears when it burns (coin released there). Nobody else can create or destroy tokens.
/// @dev For local chains and tests only; on a public network the coin's real bridged token is registered.
contract BridgedToken is ERC20, AccessControl {
    /// @notice The bridge: the only account that mints and burns.
    bytes32 public constant BRIDGE_ROLE = keccak256("BRIDGE_ROLE");

    uint8 private immutable _DECIMALS;

    /// @param name_ ERC-20 name, e.g. "Bridged Filecoin".
    /// @param symbol_ ERC-20 symbol, e.g. "IFIL".
    /// @param decimals_ The bridged coin's decimals (FIL 18, BTC 8).
    /// @param admin Grants and revokes the bridge role (the DAO timelock).
    /// @param bridge The initial bridge operator.
    constructor(string memory name_, string memory symbol_, uint8 decimals_, address admin, address bridge)
        ERC20(name_, symbol_)
    {
        _DECIMALS = decimals_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(BRIDGE_ROLE, bridge);
    }

    function decimals() public view override returns (uint8) {
        return _DECIMALS;
    }

    /// @notice Bridges `amount` in to `to` (the coin was locked on its own chain).
    function mint(address to, uint256 amount) external onlyRole(BRIDGE_ROLE) {
        _mint(to, amount);
    }

    /// @notice Bridges `amount` out of `from`, which must have approved the bridge (the coin is released on
    /// its own chain).
    function burnFrom(address from, uint256 amount) external onlyRole(BRIDGE_ROLE) {
        _spendAllowance(from, msg.sender, amount);
        _burn(from, amount);
    }
}
