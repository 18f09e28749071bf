// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EscrowMath} from "../../src/libraries/EscrowMath.sol";
import {Test} from "../utils/Test.sol";

/// @notice EscrowMath against its definitions, written as inequalities (a rounded-down quotient q of a / b
/// is the one with q·b <= a < (q + 1)·b), and the solvency rule: what the miner is released plus what a
/// holder is refunded never exceeds the certificate's escrow.
contract EscrowMath_Unit_Test is Test {
    uint256 internal constant SCALE = 1e9;
    /// @dev The vault's bound on escrow (so that scaled rates fit 128 bits).
    uint256 internal constant MAX_ESCROW = type(uint128).max / SCALE;
    uint256 internal constant MAX_SPAN = 365 + 540;

    function test_Scale() external pure {
        assertEq(EscrowMath.RATE_SCALE, 1e9, "1e9");
    }

    function test_KnownValues() external pure {
        assertEq(EscrowMath.dailyRate(3000e6, 30), 100e6 * 1e9, "3000 over 30 days");
        assertEq(EscrowMath.dailyRate(1, 3), 333_333_333, "one unit over three days");
        assertEq(EscrowMath.unscale(999_999_999), 0, "below one unit");
        assertEq(EscrowMath.unscale(2e9 + 5), 2, "two units");
        assertEq(EscrowMath.daysDelivered(10, 40, 5), 0, "delivery behind the sale");
        assertEq(EscrowMath.daysDelivered(10, 40, 10), 0, "nothing yet");
        assertEq(EscrowMath.daysDelivered(10, 40, 25), 15, "15 days");
        assertEq(EscrowMath.daysDelivered(10, 40, 99), 30, "capped at the term");
        assertEq(EscrowMath.refundable(3000e6, 0, 30, 27), 300e6, "3 of 30 days");
        assertEq(EscrowMath.refundable(10, 0, 3, 1), 6, "floor(10 * 2 / 3)");
        // 10 over 3 days is 3 a day (remainder 1): a third of the units takes one daily amount per day.
        (uint256 kept, uint256 part) = EscrowMath.split(10, 3, 1, 3);
        assertEq(part, 3, "one a day over 3 days");
        assertEq(kept, 7, "the rest");
        (kept, part) = EscrowMath.split(100, 2, 1, 3);
        assertEq(part, 48, "half of 33 a day, rounded down, over 3 days");
        assertEq(kept, 52, "the rest, with the remainder");
    }

    function testFuzz_DailyRate_RoundsDown(uint256 escrow, uint256 span) external pure {
        escrow = bound(escrow, 0, MAX_ESCROW);
        span = bound(span, 1, MAX_SPAN);
        uint256 rate = EscrowMath.dailyRate(escrow, span);
        assertLe(rate * span, escrow * SCALE, "rate * span <= escrow * scale");
        assertLt(escrow * SCALE, (rate + 1) * span, "escrow * scale < (rate + 1) * span");
        assertLe(rate, type(uint128).max, "fits the 128-bit checkpoints");
    }

    function testFuzz_Unscale_RoundsDown(uint256 scaled) external pure {
        scaled = bound(scaled, 0, type(uint128).max);
        uint256 units = EscrowMath.unscale(scaled);
        assertLe(units * SCALE, scaled, "units * scale <= scaled");
        assertLt(scaled, (units + 1) * SCALE, "scaled < (units + 1) * scale");
    }

    function testFuzz_DaysDelivered_CountsTheDeliveredDaysOfTheStream(
        uint256 saleDay,
        uint256 span,
        uint256 deliveredUntil
    ) external pure {
        saleDay = bound(saleDay, 0, 100_000);
        span = bound(span, 1, MAX_SPAN);
        uint256 endDay = saleDay + span;
        deliveredUntil = bound(deliveredUntil, 0, endDay + 100);
        // Count day by day: days d of [saleDay, endDay) with d < deliveredUntil.
        uint256 expected;
        for (uint256 d = saleDay; d < endDay; ++d) {
            if (d < deliveredUntil) ++expected;
        }
        assertEq(EscrowMath.daysDelivered(saleDay, endDay, deliveredUntil), expected, "delivered days");
    }

    function testFuzz_Refundable_IsTheRoundedDownUndeliveredShare(
        uint256 escrow,
        uint256 saleDay,
        uint256 span,
        uint256 delivered
    ) external pure {
        escrow = bound(escrow, 0, MAX_ESCROW);
        saleDay = bound(saleDay, 0, 100_000);
        span = bound(span, 1, MAX_SPAN);
        delivered = bound(delivered, 0, span);
        uint256 endDay = saleDay + span;
        uint256 refund = EscrowMath.refundable(escrow, saleDay, endDay, saleDay + delivered);
        uint256 undelivered = span - delivered;
        assertLe(refund * span, escrow * undelivered, "refund * span <= escrow * undelivered");
        assertLt(escrow * undelivered, (refund + 1) * span, "escrow * undelivered < (refund + 1) * span");
        assertLe(refund, escrow, "refund <= escrow");

        // Solvency: the certificate's release (rate × delivered days, unscaled) plus its refund fit its escrow.
        uint256 released = EscrowMath.unscale(EscrowMath.dailyRate(escrow, span) * delivered);
        assertLe(released + refund, escrow, "released + refunded <= escrow");
        assertLe(escrow - released - refund, 2, "dust of one certificate <= 2 (one rounding each side)");
    }

    function testFuzz_Refundable_BeforeTheSaleDayIsEverything(uint256 escrow, uint256 span, uint256 gap) external pure {
        escrow = bound(escrow, 0, MAX_ESCROW);
        span = bound(span, 1, MAX_SPAN);
        gap = bound(gap, 0, 1000);
        uint256 saleDay = 2000;
        assertEq(EscrowMath.refundable(escrow, saleDay, saleDay + span, saleDay - gap), escrow, "all of it");
    }

    function testFuzz_Split_DividesProRataAndAddsUp(uint256 escrow, uint256 units, uint256 partUnits, uint256 span)
        external
        pure
    {
        escrow = bound(escrow, 0, MAX_ESCROW);
        units = bound(units, 1, type(uint64).max);
        partUnits = bound(partUnits, 0, units);
        span = bound(span, 1, MAX_SPAN);
        (uint256 kept, uint256 part) = EscrowMath.split(escrow, units, partUnits, span);
        assertEq(kept + part, escrow, "kept + part == escrow");
        assertEq(part % span, 0, "the part is whole daily amounts");
        assertLe(part * units, escrow * partUnits, "part at most its exact share");
        // escrow * p / u - part = span * frac(q * p / u) + r * p / u < 2 * span, with escrow = q * span + r.
        assertLt(escrow * partUnits, (part + 2 * span) * units, "part within two spans of its exact share");
    }

    /// @notice Finding (issue 15): split halves were refunded 1 base unit less than the unsplit certificate.
    /// Now the halves' refunds add up to the whole's for every split and every number of days delivered.
    function testFuzz_Split_RefundsAddUpExactly(
        uint256 escrow,
        uint256 units,
        uint256 partUnits,
        uint256 span,
        uint256 delivered
    ) external pure {
        escrow = bound(escrow, 0, MAX_ESCROW);
        units = bound(units, 1, type(uint64).max);
        partUnits = bound(partUnits, 0, units);
        span = bound(span, 1, MAX_SPAN);
        delivered = bound(delivered, 0, span + 10);
        uint256 saleDay = 1000;
        (uint256 kept, uint256 part) = EscrowMath.split(escrow, units, partUnits, span);
        uint256 deliveredUntil = saleDay + delivered;
        assertEq(
            EscrowMath.refundable(kept, saleDay, saleDay + span, deliveredUntil)
                + EscrowMath.refundable(part, saleDay, saleDay + span, deliveredUntil),
            EscrowMath.refundable(escrow, saleDay, saleDay + span, deliveredUntil),
            "refund(a) + refund(b) == refund(a + b)"
        );
    }

    /// @notice The case that lost a unit on `main`, where the part took its exact share rounded down.
    function test_Split_KnownCaseThatLostAUnit() external pure {
        // 100 over 3 days, half split off, 1 day undelivered: on main the halves held 50 + 50 and were
        // refunded floor(50 / 3) + floor(50 / 3) = 32, one less than floor(100 / 3) = 33.
        (uint256 kept, uint256 part) = EscrowMath.split(100, 2, 1, 3);
        assertEq(EscrowMath.refundable(kept, 0, 3, 2) + EscrowMath.refundable(part, 0, 3, 2), 33, "33, as unsplit");
        assertEq(EscrowMath.refundable(100, 0, 3, 2), 33, "unsplit");
    }
}
