// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {DayRecord, DeliveryStatus, Offering, OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract DepositYield_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal constant MAX_AMOUNT = type(uint128).max / 1e9;

    uint256 internal offeringId;
    uint256 internal first;
    uint256 internal second;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        second = tokenOf(offeringId, 2);
    }

    function depositAs(address payer, uint32 day, uint256 amount) internal {
        vm.prank(payer);
        vault.depositYield(offeringId, day, amount);
    }

    function outsideTermError(uint32 day, uint32 firstDay) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IRiskControlVault.RiskControlVault_DayOutsideTerm.selector, offeringId, day, firstDay, today + TERM
        );
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(5));
        vm.prank(miner);
        vault.depositYield(5, today, 1);
    }

    function test_RevertGiven_Terminated() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        depositAs(miner, today, DAILY_YIELD);
    }

    function test_RevertWhen_AmountIsZero() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAmount.selector));
        depositAs(miner, today, 0);
    }

    function test_RevertWhen_AmountExceedsTheAccountingLimit() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AmountTooLarge.selector, MAX_AMOUNT + 1)
        );
        depositAs(miner, today, MAX_AMOUNT + 1);
    }

    function test_RevertWhen_TheTotalWouldExceedTheAccountingLimit() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        deliver(offeringId, today, MAX_AMOUNT); // exactly the limit is fine
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AmountTooLarge.selector, 1));
        depositAs(miner, today, 1);
    }

    function test_RevertWhen_DayIsToday() external {
        sell(first, buyer, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_DayNotEnded.selector, today, today));
        depositAs(miner, today, DAILY_YIELD);
    }

    function test_RevertWhen_DayIsInTheFuture() external {
        sell(first, buyer, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_DayNotEnded.selector, today + 3, today)
        );
        depositAs(miner, today + 3, DAILY_YIELD);
    }

    function test_RevertGiven_NothingSold() external {
        warpToDay(today + 1);
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NothingSold.selector, offeringId));
        depositAs(miner, today, DAILY_YIELD);
    }

    function test_RevertWhen_DayIsBeforeTheFirstSale() external {
        warpToDay(today + 3);
        sell(first, buyer, PRICE);
        warpToDay(today + 4);
        vm.expectRevert(outsideTermError(today + 2, today + 3));
        depositAs(miner, today + 2, DAILY_YIELD);
    }

    function test_RevertWhen_DayIsAfterTheTerm() external {
        sell(first, buyer, PRICE);
        warpToDay(today + TERM + 1);
        vm.expectRevert(outsideTermError(today + TERM, today));
        depositAs(miner, today + TERM, DAILY_YIELD);
    }

    /*//////////////////////////////////////////////////////////////
                      IN ORDER, UP TO THE THRESHOLD
    //////////////////////////////////////////////////////////////*/

    function test_WhenALaterDayIsNamed_TheOldestDaysAreFilledFirst() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 2);
        rate(today, MARKET_PER_UNIT);
        rate(today + 1, MARKET_PER_UNIT);
        deliver(offeringId, today + 1, 2 * DAILY_YIELD);
        // 80% of the market for 10 units is 1.6e16 a day: day 0 takes that, day 1 the rest.
        uint256 required = MARKET_PER_UNIT * UNITS * 8 / 10;
        assertEq(vault.dayRecord(offeringId, today).delivered, required, "day 0 filled to the threshold");
        assertEq(vault.dayRecord(offeringId, today + 1).delivered, 2 * DAILY_YIELD - required, "day 1: the rest");
        assertEq(offeringOf(offeringId).nextDay, today + 2, "both delivered");
        assertEq(vault.escrowReleased(offeringId), 2 * (PRICE / TERM), "two days released");
        assertEq(vault.claimable(first), 2 * DAILY_YIELD, "the holder gets it all");
    }

    function test_WhenDustIsNamedForALaterDay_ItFillsTheOldestDayAndReleasesNothing() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 3, DAILY_YIELD);
        uint256 released = vault.escrowReleased(offeringId);
        warpToDay(today + 10);
        rate(today + 4, MARKET_PER_UNIT);
        deliver(offeringId, today + 4, 1);
        assertEq(vault.dayRecord(offeringId, today + 3).delivered, 1, "the oldest day below the threshold");
        assertEq(vault.dayRecord(offeringId, today + 4).delivered, 0, "not the day named");
        assertEq(offeringOf(offeringId).nextDay, today + 3, "still behind");
        assertEq(vault.escrowReleased(offeringId), released, "nothing more released");
    }

    /*//////////////////////////////////////////////////////////////
                          THE NEXT UNDELIVERED DAY
    //////////////////////////////////////////////////////////////*/

    function test_WhenTheNextDay_ItReleasesItsEscrowAndRaisesTheAccumulator() external {
        sell(first, buyer, PRICE);
        sell(second, buyer2, PRICE);
        warpToDay(today + 1);
        vm.prank(ifilBridge);
        ifil.mint(miner, 2 * DAILY_YIELD);
        vm.prank(miner);
        ifil.approve(address(vault), 2 * DAILY_YIELD);
        rate(today, MARKET_PER_UNIT);

        uint256 acc = 2 * DAILY_YIELD * 1e18 / (2 * UNITS);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldDeposited(
            offeringId,
            today,
            miner,
            2 * DAILY_YIELD,
            2 * DAILY_YIELD,
            acc,
            today,
            today + 1,
            today + 1,
            2 * PRICE / TERM
        );
        depositAs(miner, today, 2 * DAILY_YIELD);

        Offering memory o = offeringOf(offeringId);
        assertEq(o.nextDay, today + 1, "next day");
        assertEq(o.accYieldPerUnit, acc, "accumulator");
        assertEq(o.yieldDeposited, 2 * DAILY_YIELD, "deposited");
        assertEq(o.earnedScaled, 2 * PRICE * 1e9 / TERM, "one day's rate");
        assertEq(vault.escrowReleased(offeringId), 2 * PRICE / TERM, "released");
        assertEq(ifil.balanceOf(address(vault)), 2 * DAILY_YIELD, "vault holds the yield");
        assertEq(ifil.balanceOf(miner), 0, "pulled from the payer");
        assertEq(vault.claimable(first), DAILY_YIELD, "first's share");
        assertEq(vault.claimable(second), DAILY_YIELD, "second's share");
    }

    function test_WhenAThirdPartyPays_ItCountsForTheMiner() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        rate(today, MARKET_PER_UNIT);
        deliverAs(stranger, offeringId, today, DAILY_YIELD);
        assertEq(offeringOf(offeringId).nextDay, today + 1, "delivered");
        assertEq(vault.claimable(first), DAILY_YIELD, "holder's yield");
    }

    function test_WhenPaidLate_TheDayStillCounts() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 5);
        for (uint32 day = today; day < today + 5; ++day) {
            deliver(offeringId, day, DAILY_YIELD);
        }
        assertEq(offeringOf(offeringId).nextDay, today + 5, "all five days");
        assertEq(vault.escrowReleased(offeringId), 5 * PRICE / TERM, "released");
        assertDayStatus(offeringId, today, DeliveryStatus.Ok, "late day 0");
    }

    function test_WhenDaysAlternate_EvenAndOddDaysAreKeptApart() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 4, DAILY_YIELD);
        deliver(offeringId, today + 1, 2);
        deliver(offeringId, today + 2, 3);
        assertEq(vault.dayRecord(offeringId, today).delivered, DAILY_YIELD, "day 0");
        assertEq(vault.dayRecord(offeringId, today + 1).delivered, DAILY_YIELD + 2, "day 1");
        assertEq(vault.dayRecord(offeringId, today + 2).delivered, DAILY_YIELD + 3, "day 2");
        assertEq(vault.dayRecord(offeringId, today + 3).delivered, DAILY_YIELD, "day 3");
    }

    /*//////////////////////////////////////////////////////////////
                                 TOP-UPS
    //////////////////////////////////////////////////////////////*/

    function test_WhenADeliveredDay_ItTopsUpWithoutReleasingMore() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        uint256 released = vault.escrowReleased(offeringId);
        uint256 acc = offeringOf(offeringId).accYieldPerUnit + DAILY_YIELD / 2 * 1e18 / UNITS;

        vm.prank(ifilBridge);
        ifil.mint(miner, DAILY_YIELD / 2);
        vm.prank(miner);
        ifil.approve(address(vault), DAILY_YIELD / 2);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldDeposited(
            offeringId,
            today,
            miner,
            DAILY_YIELD / 2,
            3 * DAILY_YIELD / 2,
            acc,
            today + 2,
            today + 2,
            today + 2,
            released
        );
        depositAs(miner, today, DAILY_YIELD / 2);

        assertEq(offeringOf(offeringId).nextDay, today + 2, "next day unchanged");
        assertEq(vault.escrowReleased(offeringId), released, "nothing more released");
        assertEq(vault.dayRecord(offeringId, today).delivered, 3 * DAILY_YIELD / 2, "day total");
        assertEq(vault.claimable(first), 5 * DAILY_YIELD / 2, "holder gets the top-up");
    }

    function test_WhenAShortDayIsToppedUp_ItBecomesOk() external {
        sell(first, buyer, PRICE);
        deliverAndRateDays(offeringId, today, today + 1, DAILY_YIELD / 2);
        assertDayStatus(offeringId, today, DeliveryStatus.Short, "short");
        deliver(offeringId, today, DAILY_YIELD / 2);
        assertDayStatus(offeringId, today, DeliveryStatus.Ok, "topped up");
    }

    /*//////////////////////////////////////////////////////////////
                   SHARED BY THE UNITS SOLD BY THE DAY
    //////////////////////////////////////////////////////////////*/

    function test_WhenLateForADayBeforeALaterSale_OnlyTheUnitsSoldByThatDayShareIt() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 2);
        sell(second, buyer2, PRICE); // sold on day 2
        deliver(offeringId, today, DAILY_YIELD); // day 0, paid on day 2

        // Yield of a day goes to the units sold on or before that day, also when it is paid late.
        assertEq(vault.claimable(first), DAILY_YIELD, "first");
        assertEq(vault.claimable(second), 0, "second, sold after day 0");
        // The delivery record still rates the day against the units sold by that day.
        DayRecord memory r = vault.dayRecord(offeringId, today);
        assertEq(r.soldUnits, UNITS, "units sold by day 0");
        assertEq(r.delivered, DAILY_YIELD, "delivered");
        assertEq(r.deliveredPerUnit, DAILY_YIELD / UNITS, "per unit");
        // Only the first certificate's escrow is released for day 0.
        assertEq(vault.escrowReleased(offeringId), PRICE / TERM, "day 0 rate: first only");
    }

    function test_WhenOnTimeBeforeALaterSale_TheLaterCertificateGetsNothingOfIt() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        sell(second, buyer2, PRICE);
        assertEq(vault.claimable(first), 2 * DAILY_YIELD, "first");
        assertEq(vault.claimable(second), 0, "second: nothing before its sale");
        deliverDays(offeringId, today + 2, today + 3, 2 * DAILY_YIELD);
        assertEq(vault.claimable(second), DAILY_YIELD, "second: day 2");
    }

    /*//////////////////////////////////////////////////////////////
                        CHECKPOINTS AND THE CURSOR
    //////////////////////////////////////////////////////////////*/

    function test_WhenSalesOnSeveralDays_EachDayReleasesTheRateInForce() external {
        sell(first, buyer, PRICE); // day 0: 100 USDC/day
        warpToDay(today + 2);
        sell(second, buyer2, 2800e6); // day 2: 2800 / 28 = 100 USDC/day more
        warpToDay(today + 4);
        sell(tokenOf(offeringId, 3), buyer2, 1300e6); // day 4: 1300 / 26 = 50 USDC/day more
        assertEq(offeringOf(offeringId).checkpointCount, 3, "three sale days");

        // Rates in force: days 0-1 100, days 2-3 200, days 4-5 250 USDC.
        uint256[5] memory expected = [uint256(100e6), 200e6, 400e6, 600e6, 850e6];
        warpToDay(today + 5);
        // Three certificates' full day covers the units sold by any day.
        for (uint32 i; i < 5; ++i) {
            deliver(offeringId, today + i, 3 * DAILY_YIELD);
            assertEq(vault.escrowReleased(offeringId), expected[i], "released");
        }
        warpToDay(today + 6);
        deliver(offeringId, today + 5, 3 * DAILY_YIELD);
        assertEq(vault.escrowReleased(offeringId), 1100e6, "day 5 at 250 USDC");
    }

    /*//////////////////////////////////////////////////////////////
                             OTHER STATUSES
    //////////////////////////////////////////////////////////////*/

    function test_GivenFrozen_DepositsGoOn() external {
        uint256 frozen = frozenOffering();
        deliver(frozen, today, DAILY_YIELD);
        assertEq(offeringOf(frozen).nextDay, today + 1, "delivered while frozen");
        assertEq(vault.claimable(tokenOf(frozen, 1)), DAILY_YIELD, "claimable");
    }

    /// @dev A finished offering's certificates may be burned; a top-up shared over their units would be stuck.
    function test_RevertGiven_Finished() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        vm.prank(ifilBridge);
        ifil.mint(miner, 7);
        vm.startPrank(miner);
        ifil.approve(address(vault), 7);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId, OfferingStatus.Finished
            )
        );
        vault.depositYield(offeringId, today + TERM - 1, 7);
        vm.stopPrank();
    }

    function test_GivenSoldBeforeTheStart_DeliveryIsOwedFromTheStart() external {
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 10;
        uint256 later = createOfferingAs(miner, params);
        sell(tokenOf(later, 1), buyer, PRICE);
        assertEq(offeringOf(later).firstSaleDay, today + 10, "first sale day is the start");
        warpToDay(today + 11);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_DayOutsideTerm.selector, later, today + 9, today + 10, today + 40
            )
        );
        vm.prank(miner);
        vault.depositYield(later, today + 9, 1);
        deliver(later, today + 10, DAILY_YIELD);
        assertEq(vault.escrowReleased(later), PRICE / TERM, "first day of the term");
    }
}
