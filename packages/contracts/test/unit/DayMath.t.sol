// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DayMath} from "../../src/libraries/DayMath.sol";
import {Test} from "../utils/Test.sol";

/// @notice DayMath against known dates, a day-by-day calendar walk and an independent inverse (days from a
/// civil date by counting whole years, leap days and month lengths).
contract DayMath_Unit_Test is Test {
    /// @dev Far enough for any term the protocol can have (year 9999 is day 2,932,896).
    uint256 internal constant MAX_DAY = 10_000_000;

    function assertDate(uint256 dayNumber, uint256 y, uint256 m, uint256 d) internal pure {
        (uint256 year, uint256 month, uint256 dayOfMonth) = DayMath.toDate(dayNumber);
        string memory label = vm.toString(dayNumber);
        assertEq(year, y, string.concat("year of day ", label));
        assertEq(month, m, string.concat("month of day ", label));
        assertEq(dayOfMonth, d, string.concat("day of month of day ", label));
    }

    function isLeap(uint256 year) internal pure returns (bool) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    function monthLength(uint256 year, uint256 month) internal pure returns (uint256) {
        if (month == 2) return isLeap(year) ? 29 : 28;
        if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
        return 31;
    }

    /// @dev Leap years in [1, year].
    function leapsThrough(uint256 year) internal pure returns (uint256) {
        return year / 4 - year / 100 + year / 400;
    }

    /// @dev Days since 1970-01-01 of a civil date: whole years, then whole months, then days.
    function daysFromCivil(uint256 year, uint256 month, uint256 dayOfMonth) internal pure returns (uint256 n) {
        n = 365 * (year - 1970) + leapsThrough(year - 1) - leapsThrough(1969);
        for (uint256 m = 1; m < month; ++m) {
            n += monthLength(year, m);
        }
        n += dayOfMonth - 1;
    }

    function test_KnownDates() external pure {
        assertDate(0, 1970, 1, 1);
        assertDate(59, 1970, 3, 1);
        assertDate(789, 1972, 2, 29);
        assertDate(11_016, 2000, 2, 29);
        assertDate(11_017, 2000, 3, 1);
        assertDate(19_782, 2024, 2, 29);
        assertDate(19_783, 2024, 3, 1);
        assertDate(20_454, 2026, 1, 1);
        assertDate(20_818, 2026, 12, 31);
        assertDate(20_878, 2027, 3, 1);
        assertDate(47_540, 2100, 2, 28); // 2100 is no leap year
        assertDate(47_541, 2100, 3, 1);
        assertDate(2_932_896, 9999, 12, 31);
    }

    function test_Today_IsTheUtcDayNumber() external {
        assertEq(DayMath.today(), 20_454, "the test clock starts on 2026-01-01");
        vm.warp(20_454 days + 1 days - 1);
        assertEq(DayMath.today(), 20_454, "last second of the day");
        vm.warp(20_455 days);
        assertEq(DayMath.today(), 20_455, "midnight starts the next day");
        vm.warp(0);
        assertEq(DayMath.today(), 0, "epoch");
    }

    function testFuzz_Today(uint256 timestamp) external {
        timestamp = bound(timestamp, 0, uint256(type(uint32).max) * 1 days);
        vm.warp(timestamp);
        assertEq(DayMath.today(), timestamp / 86_400, "timestamp / 1 days");
    }

    function testFuzz_ToDate_MatchesTheIndependentInverse(uint256 dayNumber) external pure {
        dayNumber = bound(dayNumber, 0, MAX_DAY);
        (uint256 year, uint256 month, uint256 dayOfMonth) = DayMath.toDate(dayNumber);
        assertGe(year, 1970, "year >= 1970");
        assertGe(month, 1, "month >= 1");
        assertLe(month, 12, "month <= 12");
        assertGe(dayOfMonth, 1, "day >= 1");
        assertLe(dayOfMonth, monthLength(year, month), "day <= month length");
        assertEq(daysFromCivil(year, month, dayOfMonth), dayNumber, "round trip");
    }

    /// @dev From a random day, the next 35 days (always across a month's end) follow the calendar one step at
    /// a time.
    function testFuzz_ToDate_WalksTheCalendarDayByDay(uint256 start) external pure {
        start = bound(start, 0, MAX_DAY);
        (uint256 y, uint256 m, uint256 d) = DayMath.toDate(start);
        for (uint256 n = start + 1; n <= start + 35; ++n) {
            if (d < monthLength(y, m)) {
                ++d;
            } else if (m < 12) {
                (m, d) = (m + 1, 1);
            } else {
                (y, m, d) = (y + 1, 1, 1);
            }
            assertDate(n, y, m, d);
        }
    }

    /// @dev Every New Year's day and every leap day (or March 1st) from 1970 to 2400, which includes a full
    /// 400-year cycle (2000 and 2400 are leap years, 2100, 2200 and 2300 are not).
    function test_ToDate_EveryNewYearAndLeapDayUntil2400() external pure {
        uint256 n;
        for (uint256 year = 1970; year <= 2400; ++year) {
            assertDate(n, year, 1, 1);
            if (isLeap(year)) assertDate(n + 59, year, 2, 29);
            else assertDate(n + 59, year, 3, 1);
            n += isLeap(year) ? 366 : 365;
        }
    }
}
