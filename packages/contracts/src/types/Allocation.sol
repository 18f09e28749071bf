// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Where the DMC supply goes at deployment (DESIGN §3.1). Amounts follow from the fixed shares.
/// @param rewardsReserve Receives 50% of the supply, for mining rewards.
/// @param insuranceReserve Receives 10% of the supply, for the insurance pool.
/// @param treasury The DAO treasury (the timelock); receives 40% of the supply less the vesting tranches.
/// @param tranches Team and investor tranches, paid out of the treasury's 40% into vesting wallets.
struct Allocation {
    address rewardsReserve;
    address insuranceReserve;
    address treasury;
    VestingTranche[] tranches;
}

/// @notice A vested part of the treasury's share.
/// @param beneficiary Owner of the vesting wallet; receives the DMC as it vests.
/// @param amount DMC, in wei (18 decimals).
/// @param start Unix timestamp, seconds, when linear vesting starts.
/// @param duration Seconds over which the amount vests linearly from `start`.
/// @param cliff Seconds after `start` before anything can be released (at most `duration`).
struct VestingTranche {
    address beneficiary;
    uint256 amount;
    uint64 start;
    uint64 duration;
    uint64 cliff;
}
