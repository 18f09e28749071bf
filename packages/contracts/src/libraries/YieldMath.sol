// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title YieldMath
/// @notice The yield accumulator: each deposit raises the yield per sold unit; a certificate is owed its
/// units times the rise since its last checkpoint. O(1) per deposit and per certificate, whatever the number
/// of holders.
/// @dev Both steps round down, so the yield owed never exceeds the yield deposited; the difference (dust) is
/// below one token unit per deposit plus one per certificate checkpoint.
library YieldMath {
    /// @notice Fixed-point scale of the accumulator (yield per unit).
    uint256 internal constant YIELD_SCALE = 1e18;

    /// @notice How much a deposit of `amount` raises the accumulator when shared among `soldUnits`.
    /// Requires `soldUnits > 0`.
    function perUnit(uint256 amount, uint256 soldUnits) internal pure returns (uint256) {
        return Math.mulDiv(amount, YIELD_SCALE, soldUnits);
    }

    /// @notice Yield owed to `units` for the accumulator's rise from `checkpoint` to `acc`.
    /// Requires `checkpoint <= acc`.
    function owed(uint256 units, uint256 acc, uint256 checkpoint) internal pure returns (uint256) {
        return Math.mulDiv(units, acc - checkpoint, YIELD_SCALE);
    }
}
