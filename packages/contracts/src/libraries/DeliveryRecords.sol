// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {
    DayRecord,
    DeliveryBook,
    DeliveryRules,
    DeliveryStatus,
    Offering,
    OfferingStatus,
    SaleCheckpoint
} from "../types/Offering.sol";
import {DayMath} from "./DayMath.sol";
import {DeliveryMath} from "./DeliveryMath.sol";
import {EscrowMath} from "./EscrowMath.sol";
import {YieldMath} from "./YieldMath.sol";

/// @title DeliveryRecords
/// @notice The vault's delivery check (DESIGN §3.4, issue 15 item 1): deposits fill the days in order, each up to
/// the threshold share of the oracle's market yield per sold unit; escrow is released only for the days so
/// delivered; the delivery record and the flag check read the same rules.
/// @dev A library with `external` functions: deployed once on its own and called by the vault with
/// DELEGATECALL, so that this code does not count against the vault's EIP-170 size limit. Forge links it into
/// the vault's bytecode (`forge script` and `forge test` deploy it first).
///
/// Bounds: every loop here runs over days, at most `MAX_CATCH_UP_DAYS` per call (a longer catch-up takes
/// several deposits, each moving the delivery on by that many days), plus a binary search over the sale
/// checkpoints (one per sale day) per day rated. Nothing loops over holders or certificates.
library DeliveryRecords {
    /// @notice Days one call rates and fills at most (each day costs an oracle read).
    uint32 internal constant MAX_CATCH_UP_DAYS = 120;
    /// @dev No day: `sync` announces every day whose delivery it changes.
    uint32 private constant NO_DAY = type(uint32).max;

    /// @dev A deposit filling the days in order: the day it is at, the day it names, what is left of it and the
    /// excess carried into `c` by the rated days before it.
    struct Fill {
        uint32 c;
        uint32 day;
        uint256 amount;
        uint256 carry;
    }

    /// @notice Records a deposit of `amount` covering the days through `day` (see
    /// {IRiskControlVault-depositYield}): fills the oldest days not at the threshold in order, each up to its
    /// requirement (a rated day's excess first moves on to the next day, see `_rate`), and places what is left on
    /// the day the filling stopped at (one waiting for the oracle, or the catch-up bound) or, when every day
    /// through `day` is delivered, on `day` (a top-up). Releases the escrow of newly delivered days unless the
    /// offering is frozen. The caller checked `day`, `amount` and the status.
    /// @return dayTotal Everything placed on `day` so far.
    function deposit(Offering storage o, DeliveryBook storage b, DeliveryRules memory r, uint32 day, uint256 amount)
        external
        returns (uint256 dayTotal)
    {
        Fill memory f = Fill({c: o.nextDay, day: day, amount: amount, carry: 0});
        for (uint256 steps; f.c <= day && steps < MAX_CATCH_UP_DAYS && _step(o, b, r, f); ++steps) {
            ++f.c;
        }
        // What is left stays on the day the filling stopped at, or tops up `day`. The new part of it is shared by
        // the units sold by `day`, the day the deposit is for: during an oracle outage a deposit for a later day
        // waits on the oldest unrated day, and its yield belongs to that later day's holders.
        if (f.carry + f.amount != 0) _addDelivery(b, r, f.c <= day ? f.c : day, f.carry + f.amount, day);
        if (f.amount != 0) _attribute(o, b, r, day, f.amount);
        _advance(o, b, f.c);
        dayTotal = _deliveryOf(b, day);
    }

    /// @notice Moves the delivery on over the days whose yield already reaches the threshold (a day that was
    /// waiting for the oracle), and releases the escrow of the delivered days unless the offering is frozen.
    /// Called by `flag`, `finish` and `resume`.
    function sync(Offering storage o, DeliveryBook storage b, DeliveryRules memory r) external {
        if (o.checkpointCount == 0) return;
        uint32 c = o.nextDay;
        uint32 lastEnded = _lastEnded(o);
        uint256 carry;
        for (uint256 steps; c < lastEnded && steps < MAX_CATCH_UP_DAYS; ++steps) {
            (bool known, uint256 requirement, uint256 have) = _rate(o, b, r, c, carry);
            if (!known || have < requirement) break;
            carry = _passWithExcess(b, r, c, requirement, have, carry, NO_DAY);
            ++c;
        }
        // The excess that reached no day below the threshold stays on the day it stopped at (a top-up of the last
        // ended day when every day is delivered).
        if (carry != 0) _addDelivery(b, r, c < lastEnded ? c : lastEnded - 1, carry, NO_DAY);
        uint32 fromDay = o.nextDay;
        uint256 released = o.earnedScaled;
        _advance(o, b, c);
        if (c != fromDay || o.earnedScaled != released) _announce(o, r, fromDay);
    }

    /// @notice The delivery records of `fromDay..toDay` (see {IRiskControlVault-dayRecords}, and `dayRecord`
    /// for one day); the caller bounds the range.
    function dayRecords(
        Offering storage o,
        DeliveryBook storage b,
        DeliveryRules memory r,
        uint32 fromDay,
        uint32 toDay
    ) external view returns (DayRecord[] memory records) {
        records = new DayRecord[](toDay - fromDay + 1);
        // The delivery as stored, which events announce (so an indexer equals this view): a day waiting for the
        // oracle that reached the threshold shows Ok once rated, and its excess moves on to the next days at the
        // next deposit, flag, finish or resume (`flaggable` already counts them).
        uint32 today = DayMath.today();
        for (uint256 i; i < records.length; ++i) {
            // casting to uint32 is safe: fromDay + i <= toDay, a uint32
            // forge-lint: disable-next-line(unsafe-typecast)
            uint32 day = uint32(fromDay + i);
            DayRecord memory rec = records[i];
            rec.day = day;
            if (o.checkpointCount == 0 || day < o.firstSaleDay || day >= o.endDay) continue;
            rec.delivered = _deliveryOf(b, day);
            rec.soldUnits = _soldUnitsOn(o, b, day);
            rec.deliveredPerUnit = rec.delivered / rec.soldUnits;
            if (day >= today) {
                rec.status = DeliveryStatus.Open;
                continue;
            }
            bool known;
            (rec.marketPerUnit, known) = _marketValue(o, r, day, today);
            if (day < o.nextDay) {
                rec.status = DeliveryStatus.Ok;
            } else if (rec.delivered == 0) {
                rec.status = DeliveryStatus.Missed;
            } else if (!known) {
                rec.status = DeliveryStatus.Delivered;
            } else if (DeliveryMath.isShort(rec.delivered, rec.soldUnits, rec.marketPerUnit, r.thresholdBps)) {
                rec.status = DeliveryStatus.Short;
            } else {
                rec.status = DeliveryStatus.Ok;
            }
        }
    }

    /// @notice Whether the offering can be flagged now, and for which days: the miner is `windowDays` ended days
    /// behind (days not delivered at the threshold, counted from the last resume), or the term ended
    /// `windowDays` ago with a day not delivered at the threshold. A day waiting for the oracle is never
    /// behind only because of the oracle: its fallback applies once it is `windowDays` old.
    /// @return canFlag Whether `flag` would freeze it.
    /// @return fromDay First day behind (0 unless `canFlag`).
    /// @return toDay Last ended day counted (0 unless `canFlag`).
    function checkFlag(Offering storage o, DeliveryBook storage b, DeliveryRules memory r)
        external
        view
        returns (bool canFlag, uint32 fromDay, uint32 toDay)
    {
        if (o.status != OfferingStatus.Active || o.checkpointCount == 0) return (false, 0, 0);
        uint32 today = DayMath.today();
        uint32 lastEnded = _lastEnded(o);
        // The delivery as `sync` would leave it: days already filled that were waiting for the oracle.
        (uint32 c,) = _deliveredThrough(o, b, r);
        uint32 endDay = o.endDay;
        uint32 resumed = o.resumedDay;
        if (c < endDay && today >= endDay + r.windowDays && today >= resumed + r.windowDays) {
            return (true, c, endDay - 1);
        }
        fromDay = c > resumed ? c : resumed;
        if (lastEnded < fromDay + r.windowDays) return (false, 0, 0);
        return (true, fromDay, lastEnded - 1);
    }

    /*//////////////////////////////////////////////////////////////
                                PRIVATE
    //////////////////////////////////////////////////////////////*/

    /// @dev Where `sync` would leave the delivery: the first day from `nextDay` on that has not reached the
    /// threshold with the yield already placed and the excess of the days before it (at most `MAX_CATCH_UP_DAYS`
    /// days on, and not past the last ended day), and the excess carried into that day.
    function _deliveredThrough(Offering storage o, DeliveryBook storage b, DeliveryRules memory r)
        private
        view
        returns (uint32 c, uint256 carry)
    {
        c = o.nextDay;
        uint32 lastEnded = _lastEnded(o);
        for (uint256 steps; c < lastEnded && steps < MAX_CATCH_UP_DAYS; ++steps) {
            (bool known, uint256 requirement, uint256 have) = _rate(o, b, r, c, carry);
            if (!known || have < requirement) break;
            carry = have - requirement;
            ++c;
        }
    }

    /// @dev The first day that has not ended, or the end of the term.
    function _lastEnded(Offering storage o) private view returns (uint32) {
        uint32 today = DayMath.today();
        return today < o.endDay ? today : o.endDay;
    }

    /// @dev Day `c` (ended) as rated now: its requirement and what it has, the yield placed on it plus `carry`,
    /// the excess of the day before. `known` is false while it waits for the oracle. The carry-forward rule: once a
    /// day is rated (the oracle's final value arrives, or the fallback rates it), what it has beyond its
    /// requirement counts toward the next days in order, as deposits made in order would have. Deposits made
    /// while the oldest undelivered day waited pile up on it; without the carry, a miner who paid every day of an
    /// oracle outage would have to pay those days again.
    function _rate(Offering storage o, DeliveryBook storage b, DeliveryRules memory r, uint32 c, uint256 carry)
        private
        view
        returns (bool known, uint256 requirement, uint256 have)
    {
        have = _deliveryOf(b, c) + carry;
        uint256 market;
        (market, known) = _marketValue(o, r, c, DayMath.today());
        if (known) requirement = DeliveryMath.requiredDelivery(market, _soldUnitsOn(o, b, c), r.thresholdBps);
    }

    /// @dev One day of a deposit's filling (see `deposit`): day `f.c`, once rated, gets what it still needs of
    /// the excess carried into it and of the deposit (that part attributed to it), or passes its own excess on.
    /// Returns whether the filling goes on to the next day.
    function _step(Offering storage o, DeliveryBook storage b, DeliveryRules memory r, Fill memory f)
        private
        returns (bool)
    {
        (bool known, uint256 requirement, uint256 have) = _rate(o, b, r, f.c, f.carry);
        if (!known) return false;
        if (have >= requirement) {
            f.carry = _passWithExcess(b, r, f.c, requirement, have, f.carry, f.day);
            return true;
        }
        uint256 put = Math.min(requirement - have, f.amount);
        if (put != 0) _attribute(o, b, r, f.c, put);
        f.amount -= put;
        f.carry = 0;
        _setDelivery(b, r, f.c, have + put, f.day);
        return have + put == requirement;
    }

    /// @dev Moves delivery past day `c`, which has `have` (its yield plus `carryIn`) at or above `requirement`: its
    /// excess leaves it for the next day. Returns that excess. Writes only when yield moves.
    function _passWithExcess(
        DeliveryBook storage b,
        DeliveryRules memory r,
        uint32 c,
        uint256 requirement,
        uint256 have,
        uint256 carryIn,
        uint32 quiet
    ) private returns (uint256 carryOut) {
        carryOut = have - requirement;
        if (carryIn != 0 || carryOut != 0) _setDelivery(b, r, c, requirement, quiet);
    }

    /// @dev The market yield per unit day `day` is rated against: the oracle's final value; once the day is
    /// `windowDays` old without one, the latest final value of the coin, or the coin's lower bound when the
    /// oracle never finalized a day of it (the fallback, packages/contracts/README.md).
    function _marketValue(Offering storage o, DeliveryRules memory r, uint32 day, uint32 today)
        private
        view
        returns (uint256 market, bool known)
    {
        uint256 coinId = o.coinId;
        (market, known) = r.oracle.dayValue(coinId, day);
        if (known || today - day < r.windowDays) return (market, known);
        (market, known) = r.oracle.dayValue(coinId, r.oracle.latestFinalDay(coinId));
        if (!known) (market,) = r.oracle.valueBounds(coinId);
        known = true;
    }

    /// @dev Shares `amount` among the units sold by the day it is attributed to: `t`, or the latest day yield was
    /// attributed to when that is later (a top-up of a past day: the rule O(1) claims force, see
    /// {IRiskControlVault}). Records where the yield of each sale day crossed starts. Yield carried from one day
    /// to the next (`_rate`) keeps the attribution it got when it was deposited.
    function _attribute(Offering storage o, DeliveryBook storage b, DeliveryRules memory r, uint32 t, uint256 amount)
        private
    {
        uint32 yieldDay = o.yieldDay;
        uint256 acc = o.accYieldPerUnit;
        uint32 cursor = o.yieldCursor;
        if (t > yieldDay || cursor == 0) {
            uint32 count = o.checkpointCount;
            while (cursor < count && b.checkpoints[cursor].day <= t) {
                // + 1: a recorded start of 0 stays distinguishable from none.
                uint32 saleDay = b.checkpoints[cursor].day;
                b.yieldStart[saleDay] = acc + 1;
                emit IRiskControlVault.YieldStarted(r.offeringId, saleDay, acc);
                ++cursor;
            }
            o.yieldCursor = cursor;
            o.yieldDay = t;
        }
        o.accYieldPerUnit = acc + YieldMath.perUnit(amount, b.checkpoints[cursor - 1].soldUnits);
    }

    /// @dev Adds `amount` to the yield placed on day `t`; see `_setDelivery` for the event.
    function _addDelivery(DeliveryBook storage b, DeliveryRules memory r, uint32 t, uint256 amount, uint32 quiet)
        private
    {
        _setDelivery(b, r, t, _deliveryOf(b, t) + amount, quiet);
    }

    /// @dev Sets the yield placed on day `t` and, unless `t` is `quiet` (the day a deposit names, whose total its
    /// {IRiskControlVault-YieldDeposited} carries), announces it: an indexer then stores every day's delivery
    /// as the vault keeps it (filled on the way to a later day, or moved on by the carry-forward).
    function _setDelivery(DeliveryBook storage b, DeliveryRules memory r, uint32 t, uint256 amount, uint32 quiet)
        private
    {
        uint256 shift = (t & 1) * 128;
        uint256 slot = b.deliveries[t >> 1];
        uint256 updated = slot & ~(uint256(type(uint128).max) << shift) | amount << shift;
        if (updated == slot) return;
        b.deliveries[t >> 1] = updated;
        if (t != quiet) emit IRiskControlVault.DayDelivery(r.offeringId, t, amount);
    }

    /// @dev Moves `nextDay` to `c` and, unless the offering is frozen, releases the escrow of the days before it.
    /// While frozen, the first move records where the release stopped (`releasedDay`); the next release (at the
    /// resume) starts there and clears it.
    function _advance(Offering storage o, DeliveryBook storage b, uint32 c) private {
        uint32 lagging = o.releasedDay;
        uint32 from = lagging != 0 ? lagging : o.nextDay;
        if (c != o.nextDay) o.nextDay = c;
        if (o.status == OfferingStatus.Frozen) {
            if (lagging == 0 && c != from) o.releasedDay = from;
            return;
        }
        if (lagging != 0) o.releasedDay = 0;
        if (c <= from) return;
        uint32 cursor = o.cursor;
        uint32 count = o.checkpointCount;
        uint256 earned = o.earnedScaled;
        while (from < c) {
            uint32 until = c;
            if (cursor + 1 < count) {
                uint32 nextSale = b.checkpoints[cursor + 1].day;
                if (nextSale <= from) {
                    ++cursor;
                    continue;
                }
                if (nextSale < until) until = nextSale;
            }
            earned += uint256(b.checkpoints[cursor].rate) * (until - from);
            from = until;
        }
        o.cursor = cursor;
        // casting to uint128 is safe: the rates released add up to at most the escrow (< 2^96) scaled by 1e9
        // forge-lint: disable-next-line(unsafe-typecast)
        o.earnedScaled = uint128(earned);
    }

    /// @dev {IRiskControlVault-DeliveryAdvanced} after `sync` moved the delivery from `fromDay` or released escrow.
    function _announce(Offering storage o, DeliveryRules memory r, uint32 fromDay) private {
        uint32 nextDay = o.nextDay;
        uint32 lagging = o.releasedDay;
        uint32 releasedDay = lagging != 0 ? lagging : nextDay;
        emit IRiskControlVault.DeliveryAdvanced(
            r.offeringId,
            fromDay,
            nextDay,
            releasedDay,
            releasedDay >= o.endDay ? o.totalEscrow : EscrowMath.unscale(o.earnedScaled)
        );
    }

    function _deliveryOf(DeliveryBook storage b, uint32 day) private view returns (uint256) {
        return b.deliveries[day >> 1] >> ((day & 1) * 128) & type(uint128).max;
    }

    /// @dev Units sold by `day` (inclusive): the last checkpoint on or before it, by binary search.
    function _soldUnitsOn(Offering storage o, DeliveryBook storage b, uint32 day) private view returns (uint256) {
        uint256 low;
        uint256 high = o.checkpointCount;
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (b.checkpoints[mid].day > day) high = mid;
            else low = mid + 1;
        }
        return low == 0 ? 0 : b.checkpoints[low - 1].soldUnits;
    }
}
