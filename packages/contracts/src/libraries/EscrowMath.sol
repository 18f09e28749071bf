// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title EscrowMath
/// @notice Escrow streams of hashrate certificates: a primary sale's proceeds are released in equal daily
/// parts over the days from the sale (or the start of the term) to its end, each day only once the miner has
/// delivered it (DESIGN §3.3 item 7).
/// @dev Rounding always favours the vault's solvency: the miner's side is rounded down from scaled daily rates,
/// a holder's refund is rounded down from the certificate's own escrow, so that released + refunded never
/// exceeds what came in (the remainder, at most one unit per certificate plus one, stays in the vault).
library EscrowMath {
    /// @notice Fixed-point scale of daily release rates. With 1e9, a total escrow of up to 3.4e29 token units
    /// (a billion tokens of 18 decimals is 1e27) fits the 128-bit rates, and the rate's rounding loses less
    /// than one billionth of a token unit per certificate and day.
    uint256 internal constant RATE_SCALE = 1e9;

    /// @notice Scaled escrow released per delivered day by a certificate whose `escrow` streams over
    /// `spanDays`. Rounded down. Requires `spanDays > 0`.
    function dailyRate(uint256 escrow, uint256 spanDays) internal pure returns (uint256) {
        return escrow * RATE_SCALE / spanDays;
    }

    /// @notice Token units of a scaled release, rounded down.
    function unscale(uint256 scaled) internal pure returns (uint256) {
        return scaled / RATE_SCALE;
    }

    /// @notice Days of a certificate's stream already delivered: the days in [saleDay, endDay) before
    /// `deliveredUntil` (the offering's first undelivered day).
    function daysDelivered(uint256 saleDay, uint256 endDay, uint256 deliveredUntil) internal pure returns (uint256) {
        if (deliveredUntil <= saleDay) return 0;
        return Math.min(deliveredUntil, endDay) - saleDay;
    }

    /// @notice The part of a certificate's `escrow` owed back to its holder when the offering is terminated:
    /// the escrow of the days of its stream not delivered, pro rata to the remaining time. Rounded down.
    /// Requires `saleDay < endDay`.
    function refundable(uint256 escrow, uint256 saleDay, uint256 endDay, uint256 deliveredUntil)
        internal
        pure
        returns (uint256)
    {
        uint256 span = endDay - saleDay;
        return Math.mulDiv(escrow, span - daysDelivered(saleDay, endDay, deliveredUntil), span);
    }

    /// @notice Splits a certificate's `escrow`, streamed over `spanDays`, between a part of `partUnits` of its
    /// `units` and the rest. The two always add up to `escrow`, and so do their refunds for every number of
    /// days delivered: `refundable(kept, ...) + refundable(part, ...) == refundable(escrow, ...)`.
    /// @dev The part takes a whole number of the escrow's daily amount (`escrow / spanDays`) per day of the
    /// span, pro rata to its units and rounded down; the rest, with the division's remainder, stays. A part
    /// that is a multiple of `spanDays` is refunded `part / spanDays` per undelivered day exactly, so the
    /// refunds' rounding falls on the kept part alone, as it did on the whole. The part's share of escrow is
    /// therefore below its units' exact share by less than `spanDays` token units plus one daily amount; both
    /// parts belong to the same holder at the split. Requires `partUnits <= units`, `units > 0` and
    /// `spanDays > 0`.
    function split(uint256 escrow, uint256 units, uint256 partUnits, uint256 spanDays)
        internal
        pure
        returns (uint256 kept, uint256 part)
    {
        part = Math.mulDiv(escrow / spanDays, partUnits, units) * spanDays;
        kept = escrow - part;
    }
}
