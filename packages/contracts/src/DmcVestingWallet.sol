// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {VestingWalletCliff} from "@openzeppelin/contracts/finance/VestingWalletCliff.sol";

/// @title DmcVestingWallet
/// @notice A team or investor tranche of DMC, vesting linearly after a cliff (OpenZeppelin
/// VestingWalletCliff). The beneficiary owns the wallet and calls `release(token)` to collect what vested.
/// @dev Unvested DMC does not vote: the wallet never delegates.
contract DmcVestingWallet is VestingWalletCliff {
    /// @param beneficiary Owner of the wallet.
    /// @param start Unix timestamp, seconds.
    /// @param duration Seconds.
    /// @param cliff Seconds after `start`; at most `duration`.
    constructor(address beneficiary, uint64 start, uint64 duration, uint64 cliff)
        VestingWallet(beneficiary, start, duration)
        VestingWalletCliff(cliff)
    {}
}
