// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IYieldOracle} from "./interfaces/IYieldOracle.sol";

/// @title YieldOracle
/// @notice See {IYieldOracle}.
/// @dev The owner is the DAO timelock (Ownable2Step). Per coin-day the oracle stores the report count, the
/// final flag and value, who reported, and the reported values until finalisation (at most `MAX_QUORUM` of
/// them; their slots are cleared when the day becomes final). The only loops run over at most `MAX_QUORUM`
/// reports, over a view range of at most `MAX_RANGE_DAYS` days, and over the constructor's reporter list.
contract YieldOracle is IYieldOracle, Ownable2Step {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IYieldOracle
    uint8 public constant override MAX_QUORUM = 15;
    /// @inheritdoc IYieldOracle
    uint32 public constant override MAX_REPORT_AGE = 30;
    /// @inheritdoc IYieldOracle
    uint32 public constant override MAX_RANGE_DAYS = 366;
    /// @inheritdoc IYieldOracle
    uint128 public constant override DEFAULT_MAX_VALUE = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev One coin-day: `value` is set (non-zero) exactly when `finalized`.
    struct DayRecord {
        uint256 value;
        uint8 reportCount;
        bool finalized;
    }

    /// @dev A coin's report bounds, inclusive; both 0 until the DAO sets them.
    struct ValueBounds {
        uint128 min;
        uint128 max;
    }

    /// @inheritdoc IYieldOracle
    uint8 public override quorum;
    /// @inheritdoc IYieldOracle
    uint256 public override reporterCount;

    mapping(address account => bool) private _isReporter;
    mapping(uint256 coinId => mapping(uint32 day => DayRecord)) private _days;
    /// @dev The values reported for a day not final yet, in arrival order; cleared at finalisation.
    mapping(uint256 coinId => mapping(uint32 day => uint256[MAX_QUORUM])) private _pending;
    mapping(uint256 coinId => mapping(uint32 day => mapping(address reporter => bool))) private _hasReported;
    mapping(uint256 coinId => uint32 day) private _latestFinalDay;
    /// @dev DAO-set bounds per coin; `max == 0` means never set (the defaults apply, see `valueBounds`).
    mapping(uint256 coinId => ValueBounds) private _bounds;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param owner_ The admin: the DAO timelock.
    /// @param initialReporters The first reporters (distinct, non-zero).
    /// @param quorum_ The first quorum, in [1, min(initialReporters.length, MAX_QUORUM)].
    constructor(address owner_, address[] memory initialReporters, uint8 quorum_) Ownable(owner_) {
        for (uint256 i; i < initialReporters.length; ++i) {
            _addReporter(initialReporters[i]);
        }
        _setQuorum(quorum_);
    }

    /*//////////////////////////////////////////////////////////////
                               REPORTERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IYieldOracle
    function report(uint256 coinId, uint32 day, uint256 value) external override {
        if (!_isReporter[msg.sender]) revert YieldOracle_NotReporter(msg.sender);
        if (value == 0) revert YieldOracle_ZeroValue();
        (uint256 minValue, uint256 maxValue) = _valueBounds(coinId);
        if (value < minValue || value > maxValue) {
            revert YieldOracle_ValueOutOfBounds(coinId, value, minValue, maxValue);
        }
        uint256 currentDay = block.timestamp / 1 days;
        if (day >= currentDay) revert YieldOracle_DayNotEnded(day, currentDay);
        if (currentDay - day > MAX_REPORT_AGE) revert YieldOracle_DayTooOld(day, currentDay - MAX_REPORT_AGE);

        DayRecord storage record = _days[coinId][day];
        if (record.finalized) revert YieldOracle_DayFinal(coinId, day);
        mapping(address => bool) storage reported = _hasReported[coinId][day];
        if (reported[msg.sender]) revert YieldOracle_AlreadyReported(msg.sender, coinId, day);

        // A non-final day has fewer reports than a quorum that was at most MAX_QUORUM, so `count` fits.
        uint8 count = record.reportCount;
        reported[msg.sender] = true;
        uint256[MAX_QUORUM] storage pending = _pending[coinId][day];
        pending[count] = value;
        record.reportCount = ++count;
        emit ReportSubmitted(coinId, day, msg.sender, value);

        if (count >= quorum) _finalize(coinId, day, record, pending, count);
    }

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IYieldOracle
    function addReporter(address reporter) external override onlyOwner {
        _addReporter(reporter);
    }

    /// @inheritdoc IYieldOracle
    function removeReporter(address reporter) external override onlyOwner {
        if (!_isReporter[reporter]) revert YieldOracle_NotReporter(reporter);
        uint256 remaining = reporterCount - 1;
        if (remaining < quorum) revert YieldOracle_ReporterCountBelowQuorum(remaining, quorum);
        _isReporter[reporter] = false;
        reporterCount = remaining;
        emit ReporterRemoved(reporter);
    }

    /// @inheritdoc IYieldOracle
    function setQuorum(uint8 newQuorum) external override onlyOwner {
        _setQuorum(newQuorum);
    }

    /// @inheritdoc IYieldOracle
    function setValueBounds(uint256 coinId, uint128 minValue, uint128 maxValue) external override onlyOwner {
        if (minValue == 0 || minValue > maxValue) revert YieldOracle_InvalidBounds(minValue, maxValue);
        _bounds[coinId] = ValueBounds({min: minValue, max: maxValue});
        emit ValueBoundsSet(coinId, minValue, maxValue);
    }

    /// @notice Disabled: the oracle must always have an admin to appoint reporters.
    function renounceOwnership() public view override onlyOwner {
        revert YieldOracle_RenounceOwnershipDisabled();
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IYieldOracle
    function dayValue(uint256 coinId, uint32 day) external view override returns (uint256 value, bool isFinal_) {
        DayRecord storage record = _days[coinId][day];
        return (record.value, record.finalized);
    }

    /// @inheritdoc IYieldOracle
    function isFinal(uint256 coinId, uint32 day) external view override returns (bool) {
        return _days[coinId][day].finalized;
    }

    /// @inheritdoc IYieldOracle
    function reportCount(uint256 coinId, uint32 day) external view override returns (uint256) {
        return _days[coinId][day].reportCount;
    }

    /// @inheritdoc IYieldOracle
    function valuesInRange(uint256 coinId, uint32 fromDay, uint32 toDay)
        external
        view
        override
        returns (uint256[] memory values)
    {
        if (fromDay > toDay) revert YieldOracle_InvalidRange(fromDay, toDay);
        uint256 length = uint256(toDay) - fromDay + 1;
        if (length > MAX_RANGE_DAYS) revert YieldOracle_RangeTooLong(fromDay, toDay);
        mapping(uint32 => DayRecord) storage coinDays = _days[coinId];
        values = new uint256[](length);
        for (uint256 i; i < length; ++i) {
            // A day's value is 0 until it is final.
            // casting to 'uint32' is safe because fromDay + i <= toDay, a uint32
            // forge-lint: disable-next-line(unsafe-typecast)
            values[i] = coinDays[uint32(fromDay + i)].value;
        }
    }

    /// @inheritdoc IYieldOracle
    function latestFinalDay(uint256 coinId) external view override returns (uint32) {
        return _latestFinalDay[coinId];
    }

    /// @inheritdoc IYieldOracle
    function valueBounds(uint256 coinId) external view override returns (uint256 minValue, uint256 maxValue) {
        return _valueBounds(coinId);
    }

    /// @inheritdoc IYieldOracle
    function isReporter(address account) external view override returns (bool) {
        return _isReporter[account];
    }

    /// @inheritdoc IYieldOracle
    function hasReported(uint256 coinId, uint32 day, address reporter) external view override returns (bool) {
        return _hasReported[coinId][day][reporter];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _addReporter(address reporter) private {
        if (reporter == address(0)) revert YieldOracle_ZeroAddress();
        if (_isReporter[reporter]) revert YieldOracle_AlreadyReporter(reporter);
        _isReporter[reporter] = true;
        ++reporterCount;
        emit ReporterAdded(reporter);
    }

    function _valueBounds(uint256 coinId) private view returns (uint256 minValue, uint256 maxValue) {
        ValueBounds memory bounds = _bounds[coinId];
        if (bounds.max == 0) return (1, DEFAULT_MAX_VALUE);
        return (bounds.min, bounds.max);
    }

    /// @dev An even quorum would let the report that completes it pull the value half-way to itself (the mean
    /// of two middles) or, with a lower median, to itself outright: only odd quorums are accepted.
    function _setQuorum(uint8 newQuorum) private {
        if (newQuorum % 2 == 0 || newQuorum > MAX_QUORUM || newQuorum > reporterCount) {
            revert YieldOracle_InvalidQuorum(newQuorum, reporterCount);
        }
        emit QuorumSet(quorum, newQuorum);
        quorum = newQuorum;
    }

    /// @dev Sorts the `count` pending values (insertion sort, count <= MAX_QUORUM), stores their lower median
    /// (always one of the reported values, never a mean), marks the day final and clears the pending slots.
    /// The quorum is odd, but a day can reach an even count after the DAO lowered the quorum; the lower median
    /// then still lies between two honest reports whenever at most one of three or more reports is hostile.
    function _finalize(
        uint256 coinId,
        uint32 day,
        DayRecord storage record,
        uint256[MAX_QUORUM] storage pending,
        uint8 count
    ) private {
        uint256[] memory sorted = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 v = pending[i];
            uint256 j = i;
            while (j > 0 && sorted[j - 1] > v) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = v;
            delete pending[i];
        }
        uint256 median = sorted[(count - 1) / 2];

        record.value = median;
        record.finalized = true;
        if (day > _latestFinalDay[coinId]) _latestFinalDay[coinId] = day;
        emit DayFinalized(coinId, day, median, count);
    }
}
