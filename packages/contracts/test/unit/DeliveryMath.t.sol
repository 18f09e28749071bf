// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DeliveryMath} from "../../src/libraries/DeliveryMath.sol";
import {Test} from "../utils/Test.sol";

/// @notice DeliveryMath.isShort against the direct formula where it fits 256 bits, and total (no revert, no
/// panic) over the whole uint range of every argument.
contract DeliveryMath_Unit_Test is Test {
    function test_KnownValues() external pure {
        // 10 units, market 100 per unit, threshold 80%: 800 is the least that is not short.
        assertTrue(DeliveryMath.isShort(799, 10, 100, 8000), "799 < 800");
        assertFalse(DeliveryMath.isShort(800, 10, 100, 8000), "800 is enough");
        assertFalse(DeliveryMath.isShort(0, 0, 100, 8000), "nothing sold");
        assertTrue(DeliveryMath.isShort(type(uint256).max, 1, 2 ** 250, 8000), "2^250 * 8000 is never met");
        assertFalse(DeliveryMath.isShort(type(uint256).max, 1, 1, 10_000), "more than enough");
    }

    function testFuzz_MatchesTheFormulaWhereItFits(
        uint128 delivered,
        uint64 soldUnits,
        uint112 market,
        uint16 thresholdBps
    ) external pure {
        uint256 thr = bound(thresholdBps, 1, 10_000);
        bool expected = uint256(delivered) * 10_000 < uint256(market) * thr * soldUnits;
        assertEq(DeliveryMath.isShort(delivered, soldUnits, market, thr), expected, "== formula");
    }

    /// @dev The whole uint range: never reverts, and more delivered is never shorter.
    function testFuzz_TotalAndMonotonic(uint256 delivered, uint256 soldUnits, uint256 market, uint256 thresholdBps)
        external
        pure
    {
        thresholdBps = bound(thresholdBps, 1, 10_000);
        bool short = DeliveryMath.isShort(delivered, soldUnits, market, thresholdBps);
        if (!short && delivered < type(uint256).max) {
            assertFalse(DeliveryMath.isShort(delivered + 1, soldUnits, market, thresholdBps), "monotonic");
        }
        if (soldUnits == 0) assertFalse(short, "nothing sold is never short");
    }

    function test_RequiredDelivery_KnownValues() external pure {
        assertEq(DeliveryMath.requiredDelivery(100, 10, 8000), 800, "80% of 10 x 100");
        assertEq(DeliveryMath.requiredDelivery(1, 1, 8000), 1, "0.8 rounds up");
        assertEq(DeliveryMath.requiredDelivery(100, 0, 8000), 0, "nothing sold");
        assertEq(DeliveryMath.requiredDelivery(2 ** 250, 1, 8000), type(uint256).max, "saturates");
        assertEq(DeliveryMath.requiredDelivery(type(uint256).max, 0, 8000), 0, "nothing sold, any market");
    }

    /// @dev The requirement is exactly the least delivery that is not short, over the whole uint range.
    function testFuzz_RequiredDelivery_IsTheLeastDeliveryNotShort(
        uint256 soldUnits,
        uint256 market,
        uint256 thresholdBps,
        uint256 delivered
    ) external pure {
        thresholdBps = bound(thresholdBps, 1, 10_000);
        uint256 required = DeliveryMath.requiredDelivery(market, soldUnits, thresholdBps);
        if (required < type(uint256).max) {
            assertFalse(DeliveryMath.isShort(required, soldUnits, market, thresholdBps), "the requirement is enough");
        }
        if (required > 0) {
            assertTrue(DeliveryMath.isShort(required - 1, soldUnits, market, thresholdBps), "one less is short");
        }
        if (delivered < type(uint256).max) {
            assertEq(
                DeliveryMath.isShort(delivered, soldUnits, market, thresholdBps),
                delivered < required,
                "short exactly below the requirement"
            );
        }
    }
}
