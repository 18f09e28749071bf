// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title DayMath
/// @notice UTC day numbers (days since 1970-01-01) and their calendar dates.
library DayMath {
    /// @notice Today's UTC day number.
    function today() internal view returns (uint32) {
        return uint32(block.timestamp / 1 days);
    }

    /// @notice The proleptic Gregorian date of a UTC day number (H. Hinnant's `civil_from_days`, for days
    /// on or after 1970-01-01).
    /// @return year Four-digit year.
    /// @return month 1..12.
    /// @return dayOfMonth 1..31.
    function toDate(uint256 dayNumber) internal pure returns (uint256 year, uint256 month, uint256 dayOfMonth) {
        uint256 z = dayNumber + 719_468;
        uint256 era = z / 146_097;
        uint256 dayOfEra = z - era * 146_097;
        uint256 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        uint256 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        uint256 shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
        dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    }
}
