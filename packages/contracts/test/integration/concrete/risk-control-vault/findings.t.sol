// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {DeliveryStatus, OfferingStatus} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

/// @notice The findings of issue 15 ("Why") on delivery, each replayed as the attacker played it. Both fail on
/// the vault before issue 15 item 1 (any deposit released its day; the flag needed 7 consecutive bad days) and
/// pass now. Self-contained: only `rate` and `deliverAs`, so they run unchanged against the old vault.
contract Findings_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    function setUp() public override {
        super.setUp();
        sell(first, buyer, PRICE); // day 0, 10 units, PRICE over 30 days
    }

    /// @notice "Dust delivery": 80% of the market one day in seven and 1 wei on the others. Before: every day
    /// counted as delivered (14 days of escrow released, never flaggable) while holders got about 13% of the
    /// yield. Now only the days the yield actually reaches are released, and the miner is flaggable.
    function test_DustDelivery() external {
        uint256 atThreshold = DAILY_YIELD * 8 / 10;
        for (uint32 day = today; day < today + 14; ++day) {
            warpToDay(day + 1);
            rate(day, MARKET_PER_UNIT);
            deliverAs(miner, offeringId, day, (day - today) % 7 == 0 ? atThreshold : 1);
        }
        // Two threshold payments and twelve wei: day 0 and day 1 reach the threshold, nothing after.
        assertEq(vault.offering(offeringId).nextDay, today + 2, "two days delivered at the threshold");
        assertEq(vault.escrowReleased(offeringId), 2 * (PRICE / TERM), "escrow of two days, not fourteen");
        assertEq(vault.claimable(first), 2 * atThreshold + 12, "what the holder received");
        (bool canFlag, uint32 fromDay, uint32 toDay) = vault.flaggable(offeringId);
        assertTrue(canFlag, "twelve days behind");
        assertEq(fromDay, today + 2, "from the first day below the threshold");
        assertEq(toDay, today + 13, "to the last ended day");
    }

    /// @notice "Catch-up while frozen": flagged after 7 missed days, the miner deposits 1 wei for each of them
    /// while the DAO's termination is voted. Before: those days counted as delivered and 7 of the 30 days'
    /// escrow became the miner's instead of the holders' refund. Now a frozen offering moves no escrow.
    function test_CatchUpWhileFrozen() external {
        warpToDay(today + 7);
        for (uint32 day = today; day < today + 7; ++day) {
            rate(day, MARKET_PER_UNIT);
        }
        flagAs(stranger, offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");

        for (uint32 day = today; day < today + 7; ++day) {
            deliverAs(miner, offeringId, day, 1);
        }
        assertEq(vault.escrowReleased(offeringId), 0, "no escrow released while frozen");

        terminateOffering(offeringId);
        assertEq(vault.refundable(first), PRICE, "the holder's whole escrow is refundable");
        assertEq(refundAs(buyer, ids(first)), PRICE, "refunded");
        assertEq(vault.claimable(first), 7, "and the dust is the holder's yield");
    }

    /// @notice Even a full catch-up while frozen releases nothing until the DAO resumes; a termination instead
    /// refunds those days too (the holders keep the yield).
    function test_CatchUpWhileFrozen_FullDeliveryMovesNoEscrowBeforeTheDaoDecides() external {
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        for (uint32 day = today; day < today + 7; ++day) {
            rate(day, MARKET_PER_UNIT);
            deliverAs(miner, offeringId, day, DAILY_YIELD);
        }
        assertEq(vault.offering(offeringId).nextDay, today + 7, "delivered at the threshold");
        assertEq(vault.escrowReleased(offeringId), 0, "frozen: no escrow moved");
        terminateOffering(offeringId);
        assertEq(vault.refundable(first), PRICE, "terminated before a resume: all refundable");
        assertEq(vault.claimable(first), 7 * DAILY_YIELD, "the yield is the holder's");
    }

    /// @notice "Oracle outage" (review of issue 15 item 1): the oracle finalizes nothing for days 1 and 2 while the
    /// miner pays every day in full. Before: the deposits for days 1, 2 and 3 all waited on day 1 and, once the
    /// values arrived, day 1's excess stayed on day 1, so days 2 and 3 were undelivered and the miner had to pay
    /// them again. Now a day's excess counts toward the next days when it is rated, as in-order deposits would.
    function test_OracleOutage_HonestMinerPaysOnce() external {
        warpToDay(today + 1);
        rate(today, MARKET_PER_UNIT);
        deliverAs(miner, offeringId, today, DAILY_YIELD);
        // Days 1 and 2: no oracle value; the miner pays each in full the next day, and day 3 once it is rated.
        for (uint32 day = today + 1; day < today + 4; ++day) {
            warpToDay(day + 1);
            if (day == today + 3) rate(day, MARKET_PER_UNIT);
            deliverAs(miner, offeringId, day, DAILY_YIELD);
        }
        assertEq(vault.offering(offeringId).nextDay, today + 1, "day 1 waits for the oracle");
        // The values of days 1 and 2 arrive late (within the flag window), then the miner pays day 4.
        warpToDay(today + 5);
        rate(today + 1, MARKET_PER_UNIT);
        rate(today + 2, MARKET_PER_UNIT);
        (bool canFlag,,) = vault.flaggable(offeringId);
        assertFalse(canFlag, "paid in full: not behind");
        // The records show the delivery as stored until something moves it on: day 1 reached (with everything
        // paid during the outage on it), days 2 and 3 empty; the flag check already counts the excess.
        uint256 requirement = DAILY_YIELD * 8 / 10;
        assertEq(
            vault.dayRecord(offeringId, today + 1).delivered, 3 * DAILY_YIELD, "the outage's deposits wait on day 1"
        );
        assertDayStatus(offeringId, today + 1, DeliveryStatus.Ok, "day 1 reached the threshold once rated");
        assertEq(vault.dayRecord(offeringId, today + 2).delivered, 0, "moved on at the next deposit");
        rate(today + 4, MARKET_PER_UNIT);
        // The deposit's event says which days it delivered (1-4, by day 1's excess and its own yield), what day 4
        // now holds (the carried excess and all of this deposit) and what was released.
        uint256 acc = offeringOf(offeringId).accYieldPerUnit + DAILY_YIELD * 1e18 / UNITS;
        vm.prank(ifilBridge);
        ifil.mint(miner, DAILY_YIELD);
        vm.prank(miner);
        ifil.approve(address(vault), DAILY_YIELD);
        for (uint32 day = today + 1; day < today + 4; ++day) {
            vm.expectEmit(address(vault));
            emit IRiskControlVault.DayDelivery(offeringId, day, requirement); // the excess moved on
        }
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldDeposited(
            offeringId,
            today + 4,
            miner,
            DAILY_YIELD,
            DAILY_YIELD + 3 * (DAILY_YIELD - requirement),
            acc,
            today + 1,
            today + 5,
            today + 5,
            5 * (PRICE / TERM)
        );
        vm.prank(miner);
        vault.depositYield(offeringId, today + 4, DAILY_YIELD);

        assertEq(vault.offering(offeringId).nextDay, today + 5, "five days paid once, five days delivered");
        assertEq(vault.escrowReleased(offeringId), 5 * (PRICE / TERM), "the escrow of five days");
        assertEq(vault.claimable(first), 5 * DAILY_YIELD, "what the holder received");
        for (uint32 day = today; day < today + 5; ++day) {
            assertDayStatus(offeringId, day, DeliveryStatus.Ok, "every day at the threshold");
        }
    }

    /// @notice During the outage a certificate sold on day 2 shares the deposit that names day 2 (the units sold
    /// by the named day), although that deposit waited on day 1.
    function test_OracleOutage_YieldOfTheNamedDayGoesToItsHolders() external {
        warpToDay(today + 1);
        rate(today, MARKET_PER_UNIT);
        deliverAs(miner, offeringId, today, DAILY_YIELD);
        warpToDay(today + 2);
        deliverAs(miner, offeringId, today + 1, DAILY_YIELD); // waits: day 1 has no value
        uint256 second = tokenOf(offeringId, 2);
        sell(second, buyer, PRICE); // sold on day 2
        warpToDay(today + 3);
        deliverAs(miner, offeringId, today + 2, 2 * DAILY_YIELD); // waits on day 1 too
        assertEq(vault.claimable(second), DAILY_YIELD, "day 2's yield shared by the units sold by day 2");
        assertEq(vault.claimable(first), 3 * DAILY_YIELD, "days 0 and 1 alone, day 2 shared");

        rate(today + 1, MARKET_PER_UNIT);
        rate(today + 2, MARKET_PER_UNIT);
        (bool canFlag,,) = vault.flaggable(offeringId);
        assertFalse(canFlag, "paid in full: not behind");
        warpToDay(today + 4);
        rate(today + 3, MARKET_PER_UNIT);
        deliverAs(miner, offeringId, today + 3, 2 * DAILY_YIELD);
        assertEq(vault.offering(offeringId).nextDay, today + 4, "days 0-3 delivered");
    }
}
