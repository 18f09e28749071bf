// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title DeliveryMath
/// @notice The delivery check of DESIGN §3.4: a day is short when the yield delivered per sold unit is below
/// the threshold share of the oracle's market value per unit.
/// @dev Total for every input: the oracle bounds its values, but the vault does not rely on that bound (a
/// panic in this check would make `flag` revert and shield the miner), so nothing here can overflow.
library DeliveryMath {
    /// @notice Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /// @notice Whether `delivered` token units for `soldUnits` units fall below `thresholdBps` of
    /// `marketPerUnit` per unit: `delivered * BPS < marketPerUnit * thresholdBps * soldUnits`, exactly, for every
    /// input. Compared per unit as `floor(delivered * BPS / soldUnits) < marketPerUnit * thresholdBps`, which is
    /// equivalent for integers. A requirement per unit beyond 256 bits is never met (no token has that supply).
    /// Nothing sold is never short.
    function isShort(uint256 delivered, uint256 soldUnits, uint256 marketPerUnit, uint256 thresholdBps)
        internal
        pure
        returns (bool)
    {
        if (soldUnits == 0) return false;
        (bool requiredFits, uint256 required) = Math.tryMul(marketPerUnit, thresholdBps);
        if (!requiredFits) return true;
        // floor(delivered * BPS / soldUnits) = (delivered / soldUnits) * BPS + floor((delivered % soldUnits) * BPS
        // / soldUnits); the second term is below BPS, and mulDiv keeps its product in 512 bits.
        (bool wholeFits, uint256 whole) = Math.tryMul(delivered / soldUnits, BPS);
        if (!wholeFits) return false;
        (bool sumFits, uint256 deliveredPerUnitBps) =
            Math.tryAdd(whole, Math.mulDiv(delivered % soldUnits, BPS, soldUnits));
        return sumFits && deliveredPerUnitBps < required;
    }

    /// @notice The least delivery for `soldUnits` units that is not short against `marketPerUnit` at
    /// `thresholdBps`: `ceil(marketPerUnit * thresholdBps * soldUnits / BPS)`, so that
    /// `isShort(delivered, ...) == (delivered < requiredDelivery(...))` for every input. Saturates at
    /// `type(uint256).max` (a requirement no token supply can meet) instead of overflowing.
    function requiredDelivery(uint256 marketPerUnit, uint256 soldUnits, uint256 thresholdBps)
        internal
        pure
        returns (uint256)
    {
        if (soldUnits == 0) return 0;
        (bool fits, uint256 perUnitBps) = Math.tryMul(marketPerUnit, thresholdBps);
        if (!fits) return type(uint256).max;
        // The 512-bit product divided by BPS: saturate when the quotient does not fit 256 bits.
        (uint256 high,) = Math.mul512(perUnitBps, soldUnits);
        if (high >= BPS) return type(uint256).max;
        uint256 quotient = Math.mulDiv(perUnitBps, soldUnits, BPS);
        if (mulmod(perUnitBps, soldUnits, BPS) != 0 && quotient < type(uint256).max) ++quotient;
        return quotient;
    }
}
