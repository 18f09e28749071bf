// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {DeliveryStatus, OfferingStatus} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract Flag_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    function notFlaggableError() internal view returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotFlaggable.selector, offeringId);
    }

    function assertFlaggable(uint32 fromDay, uint32 toDay, string memory message) internal view {
        (bool canFlag, uint32 from, uint32 to) = vault.flaggable(offeringId);
        assertTrue(canFlag, message);
        assertEq(from, fromDay, string.concat(message, ": from"));
        assertEq(to, toDay, string.concat(message, ": to"));
    }

    function assertNotFlaggable(string memory message) internal {
        (bool canFlag, uint32 from, uint32 to) = vault.flaggable(offeringId);
        assertFalse(canFlag, message);
        assertEq(from, 0, string.concat(message, ": from"));
        assertEq(to, 0, string.concat(message, ": to"));
        vm.expectRevert(notFlaggableError());
        flagAs(stranger, offeringId);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(offeringId + 1));
        flagAs(stranger, offeringId + 1);
    }

    function test_RevertGiven_NothingSold() external {
        warpToDay(today + 20);
        assertNotFlaggable("nothing sold: nothing owed");
    }

    function test_RevertGiven_AlreadyFrozen() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        assertNotFlaggable("frozen");
    }

    function test_RevertGiven_Terminated() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 7);
        terminateOffering(offeringId);
        assertNotFlaggable("terminated");
    }

    function test_RevertGiven_Finished() external {
        warpToDay(today + TERM + 7);
        vault.finish(offeringId);
        assertNotFlaggable("finished");
    }

    function test_RevertGiven_FewerMissedDaysThanTheWindow() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 6);
        assertNotFlaggable("six missed days");
    }

    function test_RevertGiven_DaysBeforeTheFirstSaleAreNotCounted() external {
        warpToDay(today + 3);
        sell(first, buyer, PRICE);
        warpToDay(today + 9);
        assertNotFlaggable("six missed days since the sale");
        warpToDay(today + 10);
        assertFlaggable(today + 3, today + 9, "seven");
    }

    function test_RevertGiven_OneDayInTheWindowIsOk() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + 1, DAILY_YIELD / 2); // short
        deliverAndRateDays(offeringId, today + 1, today + 2, DAILY_YIELD); // ok
        deliverAndRateDays(offeringId, today + 2, today + 7, DAILY_YIELD / 2); // short
        assertNotFlaggable("day 1 was ok");
    }

    function test_GivenADayTheOracleNeverRates_ItIsRatedByTheFallbackAfterAWindow() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        // Day 0, never rated; paid exactly what the fallback will require (the coin's lower bound, 1 per unit,
        // x 10 units x 80%): an excess would carry forward to the days the fallback rates next.
        deliverAs(miner, offeringId, today, 8);
        assertEq(offeringOf(offeringId).nextDay, today, "waiting for the oracle");
        assertEq(vault.escrowReleased(offeringId), 0, "no escrow yet");
        assertDayStatus(offeringId, today, DeliveryStatus.Delivered, "delivered, not rated");
        warpToDay(today + 7);
        // Day 0 is a window old: the fallback (no final day of the coin: its lower bound) rates it delivered, so
        // the miner is six days behind, not seven.
        assertNotFlaggable("day 0 counts once the fallback rates it");
        warpToDay(today + 8);
        assertFlaggable(today + 1, today + 7, "days 1-7 missed");
        vm.expectEmit(address(vault));
        emit IRiskControlVault.DeliveryAdvanced(offeringId, today, today + 1, today + 1, PRICE / TERM);
        flagAs(stranger, offeringId);
        assertEq(offeringOf(offeringId).nextDay, today + 1, "the flag moved the delivery over day 0");
        assertEq(vault.escrowReleased(offeringId), PRICE / TERM, "day 0's escrow released before the freeze");
    }

    /*//////////////////////////////////////////////////////////////
                    CONDITION 1: A WINDOW OF BAD DAYS
    //////////////////////////////////////////////////////////////*/

    function test_GivenAWindowOfMissedDays_ItFreezes() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 7);
        assertFlaggable(today, today + 6, "seven missed days");

        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingFlagged(offeringId, stranger, today, today + 6);
        vm.expectEmit(address(certificate));
        emit IERC4906.BatchMetadataUpdate(first, tokenOf(offeringId, type(uint32).max));
        flagAs(stranger, offeringId);

        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");
        assertEq(vault.frozenOfferingsOf(miner), 1, "frozen count");
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MinerFrozen.selector, miner, 1));
        createOfferingAs(miner, defaultOffering());
    }

    function test_GivenAWindowOfShortDays_ItFreezes() external {
        sell(first, buyer, PRICE);
        // Delivery is cumulative: a tenth of the market each day never brings day 0 to the threshold (80%).
        deliverAndRateDays(offeringId, today, today + 7, DAILY_YIELD / 10);
        assertFlaggable(today, today + 6, "seven short days");
        flagAs(buyer, offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");
    }

    function test_GivenShortThenMissedDays_ItFreezes() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today + 0, today + 4, DAILY_YIELD / 10);
        warpToDay(today + 7);
        assertFlaggable(today, today + 6, "four short, three missed");
    }

    function test_GivenDeliveriesAtTheThreshold_ItIsNotFlaggable() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + 7, DAILY_YIELD * 8 / 10);
        assertNotFlaggable("exactly 80%: ok");
    }

    function test_GivenGoodDaysBeforeTheWindow_OnlyTheLastWindowCounts() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + 10, DAILY_YIELD);
        warpToDay(today + 16);
        assertNotFlaggable("six missed");
        warpToDay(today + 17);
        assertFlaggable(today + 10, today + 16, "seven missed");
    }

    function test_GivenTheTermEndedWithAShortLastWindow_ItFreezes() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + 23, DAILY_YIELD);
        deliverAndRateDays(offeringId, today + 23, today + TERM, DAILY_YIELD / 10);
        warpToDay(today + TERM + 3);
        assertFlaggable(today + 23, today + 29, "the term's last seven days");
    }

    /*//////////////////////////////////////////////////////////////
              CONDITION 2: THE TERM ENDED WITH A DAY UNDELIVERED
    //////////////////////////////////////////////////////////////*/

    function test_GivenTheTermEndedAWindowAgoWithADayUndelivered_ItFreezes() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + TERM - 1, DAILY_YIELD); // day 29 missed
        warpToDay(today + TERM);
        assertNotFlaggable("term just ended: the last window is mostly ok");
        warpToDay(today + TERM + 6);
        assertNotFlaggable("six days after the term");
        warpToDay(today + TERM + 7);
        assertFlaggable(today + TERM - 1, today + TERM - 1, "a window after the term");
        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingFlagged(offeringId, stranger, today + TERM - 1, today + TERM - 1);
        flagAs(stranger, offeringId);
    }

    function test_GivenTheTermEndedFullyDelivered_ItIsNeverFlaggable() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + TERM, DAILY_YIELD);
        warpToDay(today + TERM + 100);
        assertNotFlaggable("all delivered");
    }

    /*//////////////////////////////////////////////////////////////
                            THE RESUMED-DAY RULE
    //////////////////////////////////////////////////////////////*/

    function test_GivenResumed_OnlyDaysFromTheResumeCount() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        warpToDay(today + 10);
        resumeOffering(offeringId); // resumed on day 10, days 0-9 still missed
        assertNotFlaggable("resumed today");
        warpToDay(today + 16);
        assertNotFlaggable("six days since the resume");
        warpToDay(today + 17);
        assertFlaggable(today + 10, today + 16, "seven missed days since the resume");
    }

    function test_GivenResumedAfterTheTerm_TheTermEndRuleWaitsAWindowFromTheResume() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        warpToDay(today + TERM + 10);
        resumeOffering(offeringId);
        warpToDay(today + TERM + 16);
        assertNotFlaggable("six days since the resume");
        warpToDay(today + TERM + 17);
        assertFlaggable(today, today + TERM - 1, "undelivered days of the term");
    }
}
