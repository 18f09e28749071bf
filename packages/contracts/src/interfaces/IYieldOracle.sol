// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IYieldOracle
/// @notice The market's average yield per unit, per coin and per UTC day (DESIGN §3.2, read by the delivery
/// check of §3.4). Reporters appointed by the DAO (its timelock, this contract's owner) each submit one value
/// per coin-day once the day has ended; when a quorum of distinct reporters has reported a day, its value is
/// the median of the reports received up to then, and the day is final: nothing changes it afterwards.
/// @dev Units and conventions:
/// - `coinId` is a MinerRegistry coin id; the oracle does not read the registry and accepts any id.
/// - `day` is a UTC day number: unix timestamp (seconds) / 86,400. Day 0 is 1970-01-01.
/// - A value is in the coin's yield token smallest unit (e.g. wei of IFIL) per unit of hashrate (e.g. per TiB
///   of effective storage power) per day. It is never 0 in a report.
///
/// Finalisation: a report that brings a day's report count to the quorum in force (or above it, after the DAO
/// lowered the quorum) finalises the day in the same call. Lowering the quorum does not finalise days that
/// already have enough reports: the next report for such a day does. A day's count therefore never exceeds
/// `MAX_QUORUM`, and finalisation sorts at most `MAX_QUORUM` values.
///
/// Median: the lower median of the reports, i.e. the middle value of an odd count and the lower of the two
/// middle values of an even count. It is always one of the reported values, never a mean. The quorum is odd
/// (1, 3, 5, ... 15); an even count only occurs when the DAO lowered the quorum below a day's report count.
/// With three or more reports of which at most one is hostile, the final value lies between the smallest and
/// the greatest honest report, whatever the hostile value.
///
/// Bounds: every report must lie in its coin's bounds, set by the DAO with `setValueBounds`; a coin without
/// bounds accepts [1, `DEFAULT_MAX_VALUE`] (2^128 - 1), so that a value times any unit count or basis-point
/// factor used by the vault stays within 256 bits.
///
/// Removed reporters: a report counts from the moment it is made. Removing its reporter later does not withdraw
/// it: it still counts towards the quorum and the median of its day. A removed reporter cannot report again,
/// and a reporter removed and re-appointed cannot report a second time a day it already reported.
interface IYieldOracle {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A reporter reported a coin-day.
    /// @param day UTC day number (unix timestamp / 86,400).
    /// @param value Yield token smallest unit per unit per day.
    event ReportSubmitted(uint256 indexed coinId, uint32 indexed day, address indexed reporter, uint256 value);

    /// @notice A coin-day became final.
    /// @param day UTC day number (unix timestamp / 86,400).
    /// @param value The lower median of the reports, in yield token smallest unit per unit per day.
    /// @param reporters How many reports the median was taken over (at least the quorum in force).
    event DayFinalized(uint256 indexed coinId, uint32 indexed day, uint256 value, uint8 reporters);

    /// @notice The DAO appointed a reporter (also emitted by the constructor).
    event ReporterAdded(address indexed reporter);

    /// @notice The DAO removed a reporter. Its past reports still count.
    event ReporterRemoved(address indexed reporter);

    /// @notice The DAO set the bounds a coin's reports must lie in (inclusive), in yield token smallest unit
    /// per unit per day.
    event ValueBoundsSet(uint256 indexed coinId, uint128 minValue, uint128 maxValue);

    /// @notice The quorum changed (also emitted by the constructor, from 0). Number of distinct reporters.
    event QuorumSet(uint8 previousQuorum, uint8 newQuorum);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The caller is not a reporter (on `report`), or the account is not one (on `removeReporter`).
    error YieldOracle_NotReporter(address account);

    /// @notice The account is already a reporter.
    error YieldOracle_AlreadyReporter(address account);

    /// @notice A reporter cannot be the zero address.
    error YieldOracle_ZeroAddress();

    /// @notice The quorum must be odd and in [1, min(reporterCount, MAX_QUORUM)].
    /// @param quorum The quorum asked for (number of reporters).
    /// @param reporterCount The number of reporters.
    error YieldOracle_InvalidQuorum(uint8 quorum, uint256 reporterCount);

    /// @notice Removing a reporter would leave fewer reporters than the quorum.
    /// @param reporterCount The number of reporters there would be.
    /// @param quorum The quorum in force.
    error YieldOracle_ReporterCountBelowQuorum(uint256 reporterCount, uint8 quorum);

    /// @notice A reported value must be positive.
    error YieldOracle_ZeroValue();

    /// @notice The reported value lies outside the coin's bounds (inclusive).
    error YieldOracle_ValueOutOfBounds(uint256 coinId, uint256 value, uint256 minValue, uint256 maxValue);

    /// @notice Bounds must satisfy 0 < minValue <= maxValue.
    error YieldOracle_InvalidBounds(uint128 minValue, uint128 maxValue);

    /// @notice The day has not ended yet (or is in the future).
    /// @param day The day reported (UTC day number).
    /// @param currentDay The day running now (block.timestamp / 86,400).
    error YieldOracle_DayNotEnded(uint32 day, uint256 currentDay);

    /// @notice The day is more than `MAX_REPORT_AGE` days in the past.
    /// @param day The day reported (UTC day number).
    /// @param oldestDay The oldest day that can still be reported now.
    error YieldOracle_DayTooOld(uint32 day, uint256 oldestDay);

    /// @notice The coin-day is final: no report is accepted for it any more.
    error YieldOracle_DayFinal(uint256 coinId, uint32 day);

    /// @notice The reporter already reported this coin-day.
    error YieldOracle_AlreadyReported(address reporter, uint256 coinId, uint32 day);

    /// @notice `fromDay` is after `toDay`.
    error YieldOracle_InvalidRange(uint32 fromDay, uint32 toDay);

    /// @notice The range spans more than `MAX_RANGE_DAYS` days.
    error YieldOracle_RangeTooLong(uint32 fromDay, uint32 toDay);

    /// @notice Disabled: the oracle must always have an admin to appoint reporters.
    error YieldOracle_RenounceOwnershipDisabled();

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The greatest quorum (number of reporters); bounds the sort at finalisation.
    function MAX_QUORUM() external view returns (uint8);

    /// @notice How far back a day can be reported, in days: a day is reportable while
    /// `currentDay - MAX_REPORT_AGE <= day < currentDay`.
    function MAX_REPORT_AGE() external view returns (uint32);

    /// @notice The longest range `valuesInRange` returns, in days.
    function MAX_RANGE_DAYS() external view returns (uint32);

    /// @notice The greatest value a coin without DAO-set bounds accepts: 2^128 - 1.
    function DEFAULT_MAX_VALUE() external view returns (uint128);

    /*//////////////////////////////////////////////////////////////
                               REPORTERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reports a coin's market average yield per unit for an ended UTC day. Reporters only, once per
    /// coin-day each. Finalises the day if the report count reaches the quorum.
    /// @param coinId A MinerRegistry coin id.
    /// @param day The UTC day number (unix timestamp / 86,400); it must have ended and be at most
    /// `MAX_REPORT_AGE` days old.
    /// @param value Yield token smallest unit per unit per day; positive and within the coin's `valueBounds`.
    function report(uint256 coinId, uint32 day, uint256 value) external;

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Appoints a reporter. Owner only.
    function addReporter(address reporter) external;

    /// @notice Removes a reporter; the count must stay at or above the quorum. Owner only. Its past reports
    /// still count.
    function removeReporter(address reporter) external;

    /// @notice Sets the quorum (number of distinct reporters that finalises a day): odd, in
    /// [1, min(reporterCount, MAX_QUORUM)]. Owner only. Applies to days not final yet.
    function setQuorum(uint8 newQuorum) external;

    /// @notice Sets the inclusive bounds of a coin's reports (0 < minValue <= maxValue). Owner only. Applies
    /// to reports made afterwards; reports already made and final values are kept.
    function setValueBounds(uint256 coinId, uint128 minValue, uint128 maxValue) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @dev Not called `valueOf`: JavaScript objects inherit a `valueOf`, which hides a contract function of
    /// that name from ethers and most other clients.
    /// @notice A coin-day's value and whether it is final.
    /// @return value Yield token smallest unit per unit per day; 0 while the day is not final.
    /// @return isFinal_ True once the day is final.
    function dayValue(uint256 coinId, uint32 day) external view returns (uint256 value, bool isFinal_);

    /// @notice Whether a coin-day is final.
    function isFinal(uint256 coinId, uint32 day) external view returns (bool);

    /// @notice How many reports a coin-day has received (frozen once final).
    function reportCount(uint256 coinId, uint32 day) external view returns (uint256);

    /// @notice The values of the days `fromDay..toDay` (inclusive), for charts; 0 where a day is not final.
    /// @dev Reverts if fromDay > toDay or if the range spans more than `MAX_RANGE_DAYS` days.
    /// @return values Yield token smallest unit per unit per day; `values[i]` is the day `fromDay + i`.
    function valuesInRange(uint256 coinId, uint32 fromDay, uint32 toDay) external view returns (uint256[] memory values);

    /// @notice The greatest final day of a coin (UTC day number); 0 if none is final.
    function latestFinalDay(uint256 coinId) external view returns (uint32);

    /// @notice The inclusive bounds a coin's reports must lie in: the DAO-set ones, or [1, DEFAULT_MAX_VALUE].
    function valueBounds(uint256 coinId) external view returns (uint256 minValue, uint256 maxValue);

    /// @notice Whether `account` is a reporter now.
    function isReporter(address account) external view returns (bool);

    /// @notice The number of reporters now.
    function reporterCount() external view returns (uint256);

    /// @notice The number of distinct reporters that finalises a day.
    function quorum() external view returns (uint8);

    /// @notice Whether `reporter` reported the coin-day (also if it was removed since).
    function hasReported(uint256 coinId, uint32 day, address reporter) external view returns (bool);
}
