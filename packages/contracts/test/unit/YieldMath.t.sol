// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {YieldMath} from "../../src/libraries/YieldMath.sol";
import {Test} from "../utils/Test.sol";

/// @notice YieldMath against its definitions as inequalities, and the accumulator's promise: certificates
/// sharing a deposit are owed at most the deposit, with less than one token unit of dust per certificate
/// (plus one for the deposit) when sold units stay below 1e18.
contract YieldMath_Unit_Test is Test {
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant MAX_AMOUNT = type(uint128).max / 1e9;

    function test_Scale() external pure {
        assertEq(YieldMath.YIELD_SCALE, 1e18, "1e18");
    }

    function test_KnownValues() external pure {
        assertEq(YieldMath.perUnit(2e16, 10), 2e33, "0.02 over 10 units");
        assertEq(YieldMath.perUnit(1, 3), 333_333_333_333_333_333, "one unit over three");
        assertEq(YieldMath.owed(10, 2e33, 0), 2e16, "all of it");
        assertEq(YieldMath.owed(1, 333_333_333_333_333_333, 0), 0, "a third of a unit rounds down");
        assertEq(YieldMath.owed(5, 7e18, 3e18), 20, "5 units, 4 per unit");
    }

    function testFuzz_PerUnit_RoundsDown(uint256 amount, uint256 soldUnits) external pure {
        amount = bound(amount, 0, MAX_AMOUNT);
        soldUnits = bound(soldUnits, 1, type(uint128).max);
        uint256 perUnit = YieldMath.perUnit(amount, soldUnits);
        assertLe(perUnit * soldUnits, amount * SCALE, "perUnit * soldUnits <= amount * scale");
        assertLt(amount * SCALE, (perUnit + 1) * soldUnits, "amount * scale < (perUnit + 1) * soldUnits");
    }

    function testFuzz_Owed_RoundsDown(uint256 units, uint256 checkpoint, uint256 rise) external pure {
        units = bound(units, 0, type(uint64).max);
        checkpoint = bound(checkpoint, 0, type(uint128).max);
        rise = bound(rise, 0, MAX_AMOUNT * SCALE);
        uint256 owed = YieldMath.owed(units, checkpoint + rise, checkpoint);
        assertLe(owed * SCALE, units * rise, "owed * scale <= units * rise");
        assertLt(units * rise, (owed + 1) * SCALE, "units * rise < (owed + 1) * scale");
    }

    /// @dev Up to 8 holders with random units share a deposit; what they are owed never exceeds it.
    function testFuzz_SharesNeverExceedTheDeposit(uint256 amount, uint256 seed, uint256 holders) external pure {
        amount = bound(amount, 0, MAX_AMOUNT);
        holders = bound(holders, 1, 8);
        uint256[] memory units = new uint256[](holders);
        uint256 soldUnits;
        for (uint256 i; i < holders; ++i) {
            units[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e12);
            soldUnits += units[i];
        }
        uint256 acc = YieldMath.perUnit(amount, soldUnits);
        uint256 total;
        for (uint256 i; i < holders; ++i) {
            total += YieldMath.owed(units[i], acc, 0);
        }
        assertLe(total, amount, "owed <= deposited");
        assertLe(amount - total, holders + 1, "dust <= holders + 1");
    }

    /// @dev Two deposits settled in two steps pay at most what one settlement of both would.
    function testFuzz_SettlingInStepsNeverPaysMore(uint256 units, uint256 a, uint256 b, uint256 soldUnits)
        external
        pure
    {
        soldUnits = bound(soldUnits, 1, 1e18);
        units = bound(units, 1, soldUnits);
        a = bound(a, 0, MAX_AMOUNT / 2);
        b = bound(b, 0, MAX_AMOUNT / 2);
        uint256 acc1 = YieldMath.perUnit(a, soldUnits);
        uint256 acc2 = acc1 + YieldMath.perUnit(b, soldUnits);
        uint256 inSteps = YieldMath.owed(units, acc1, 0) + YieldMath.owed(units, acc2, acc1);
        uint256 atOnce = YieldMath.owed(units, acc2, 0);
        assertLe(inSteps, atOnce, "steps <= at once");
        assertLe(atOnce - inSteps, 1, "one unit of rounding per extra step");
        assertLe(atOnce, a + b, "never more than deposited");
    }
}
