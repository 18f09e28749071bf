// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IYieldOracle} from "../interfaces/IYieldOracle.sol";
import {DayRecord, DeliveryStatus, FlagCheck, Offering, OfferingStatus, SaleCheckpoint} from "../types/Offering.sol";
import {DayMath} from "./DayMath.sol";
import {DeliveryMath} from "./DeliveryMath.sol";

/// @title DeliveryRecords
/// @notice The vault's delivery record and flag check (DESIGN §3.4), read from the vault's storage.
/// @dev A library with `external` functions: deployed once on its own and called by the vault with
/// DELEGATECALL, so that this code does not count against the vault's EIP-170 size limit. Only views and the
/// (rare) `flag` call it; deposits, withdrawals, claims and sales stay in the vault. Forge links it into the
/// vault's bytecode (`forge script` and `forge test` deploy it first).
library DeliveryRecords {
    /// @notice The delivery records of `fromDay..toDay` (see {IRiskControlVault-dayRecords}, and `dayRecord`
    /// for one day); the caller bounds the range.
    function dayRecords(
        Offering storage o,
        mapping(uint256 index => SaleCheckpoint) storage checkpoints,
        mapping(uint256 dayPair => uint256 packed) storage deliveries,
        IYieldOracle oracle,
        uint256 thresholdBps,
        uint32 fromDay,
        uint32 toDay
    ) external view returns (DayRecord[] memory records) {
        records = new DayRecord[](toDay - fromDay + 1);
        for (uint256 i; i < records.length; ++i) {
            // casting to uint32 is safe: fromDay + i <= toDay, a uint32
            // forge-lint: disable-next-line(unsafe-typecast)
            records[i] = _dayRecord(o, checkpoints, deliveries, oracle, thresholdBps, uint32(fromDay + i));
        }
    }

    /// @notice The flag condition (see {IRiskControlVault-flag}): either the window of the last ended days of
    /// the term is all missed or short, or the term ended a window ago with days undelivered. Days before the
    /// first sale or the last resume are never counted. For `Unrated`, `fromDay` is the day without a final
    /// oracle value. Loops over at most `window` days.
    function checkFlag(
        Offering storage o,
        mapping(uint256 index => SaleCheckpoint) storage checkpoints,
        mapping(uint256 dayPair => uint256 packed) storage deliveries,
        IYieldOracle oracle,
        uint256 thresholdBps,
        uint32 window
    ) external view returns (FlagCheck check, uint32 fromDay, uint32 toDay) {
        if (o.status != OfferingStatus.Active || o.checkpointCount == 0) {
            return (FlagCheck.NotFlaggable, 0, 0);
        }
        uint32 nextDay = o.nextDay;
        {
            uint32 today = DayMath.today();
            uint32 endDay = o.endDay;
            if (nextDay < endDay && today >= endDay + window && today >= o.resumedDay + window) {
                return (FlagCheck.Flaggable, nextDay, endDay - 1);
            }
            uint32 lastEnded = today < endDay ? today : endDay;
            uint32 earliest = o.firstSaleDay > o.resumedDay ? o.firstSaleDay : o.resumedDay;
            if (lastEnded < earliest + window) return (FlagCheck.NotFlaggable, 0, 0);
            fromDay = lastEnded - window;
            toDay = lastEnded - 1;
        }
        for (uint32 day = fromDay; day < nextDay && day <= toDay; ++day) {
            DeliveryStatus status = _dayRecord(o, checkpoints, deliveries, oracle, thresholdBps, day).status;
            if (status == DeliveryStatus.Delivered) return (FlagCheck.Unrated, day, day);
            if (status != DeliveryStatus.Short) return (FlagCheck.NotFlaggable, 0, 0);
        }
        check = FlagCheck.Flaggable;
    }

    function _dayRecord(
        Offering storage o,
        mapping(uint256 index => SaleCheckpoint) storage checkpoints,
        mapping(uint256 dayPair => uint256 packed) storage deliveries,
        IYieldOracle oracle,
        uint256 thresholdBps,
        uint32 day
    ) private view returns (DayRecord memory r) {
        r.day = day;
        if (o.checkpointCount == 0 || day < o.firstSaleDay || day >= o.endDay) return r;
        r.delivered = deliveries[day >> 1] >> ((day & 1) * 128) & type(uint128).max;
        r.soldUnits = _soldUnitsOn(o, checkpoints, day);
        r.deliveredPerUnit = r.delivered / r.soldUnits;
        if (day >= DayMath.today()) {
            r.status = DeliveryStatus.Open;
        } else if (day >= o.nextDay) {
            r.status = DeliveryStatus.Missed;
        } else {
            (uint256 market, bool isFinal) = oracle.dayValue(o.coinId, day);
            if (!isFinal) {
                r.status = DeliveryStatus.Delivered;
            } else {
                r.marketPerUnit = market;
                r.status = DeliveryMath.isShort(r.delivered, r.soldUnits, market, thresholdBps)
                    ? DeliveryStatus.Short
                    : DeliveryStatus.Ok;
            }
        }
    }

    /// @dev Units sold by `day` (inclusive): the last checkpoint on or before it, by binary search.
    function _soldUnitsOn(Offering storage o, mapping(uint256 index => SaleCheckpoint) storage checkpoints, uint32 day)
        private
        view
        returns (uint256)
    {
        uint256 low;
        uint256 high = o.checkpointCount;
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (checkpoints[mid].day > day) high = mid;
            else low = mid + 1;
        }
        return low == 0 ? 0 : checkpoints[low - 1].soldUnits;
    }
}
