// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {YieldOracleBase} from "../../../YieldOracleBase.t.sol";

contract Report_YieldOracle_Concrete_Test is YieldOracleBase {
    uint256 internal constant VALUE = 2e15;

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_CallerIsNotAReporter() external {
        vm.expectRevert(notReporterError(stranger));
        reportAs(stranger, FIL, yesterday, VALUE);
    }

    function test_RevertWhen_CallerIsTheOwner() external {
        vm.expectRevert(notReporterError(timelock));
        reportAs(timelock, FIL, yesterday, VALUE);
    }

    function test_RevertWhen_ValueIsZero() external {
        vm.expectRevert(IYieldOracle.YieldOracle_ZeroValue.selector);
        reportAs(reporters[0], FIL, yesterday, 0);
    }

    function test_RevertWhen_DayIsToday() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_DayNotEnded.selector, today, uint256(today)));
        reportAs(reporters[0], FIL, today, VALUE);
    }

    function test_RevertWhen_DayIsTodayAtItsLastSecond() external {
        vm.warp(uint256(today + 1) * 1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_DayNotEnded.selector, today, uint256(today)));
        reportAs(reporters[0], FIL, today, VALUE);
    }

    function test_RevertWhen_DayIsInTheFuture() external {
        vm.expectRevert(
            abi.encodeWithSelector(IYieldOracle.YieldOracle_DayNotEnded.selector, today + 5, uint256(today))
        );
        reportAs(reporters[0], FIL, today + 5, VALUE);
    }

    function test_RevertWhen_DayIsOlderThanMaxReportAge() external {
        uint32 day = today - 31;
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_DayTooOld.selector, day, uint256(today - 30)));
        reportAs(reporters[0], FIL, day, VALUE);
    }

    function test_RevertWhen_DayIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_DayTooOld.selector, 0, uint256(today - 30)));
        reportAs(reporters[0], FIL, 0, VALUE);
    }

    function test_RevertWhen_ReporterAlreadyReportedTheDay() external {
        reportAs(reporters[0], FIL, yesterday, VALUE);
        vm.expectRevert(
            abi.encodeWithSelector(IYieldOracle.YieldOracle_AlreadyReported.selector, reporters[0], FIL, yesterday)
        );
        reportAs(reporters[0], FIL, yesterday, VALUE + 1);
    }

    function test_RevertWhen_DayIsFinal() external {
        reportAll(FIL, yesterday, values3(1, 2, 3));
        vm.expectRevert(dayFinalError(FIL, yesterday));
        reportAs(reporters[3], FIL, yesterday, 100);
        // Also for a reporter that took part.
        vm.expectRevert(dayFinalError(FIL, yesterday));
        reportAs(reporters[0], FIL, yesterday, 100);
        assertFinal(FIL, yesterday, 2, "unchanged");
        assertEq(oracle.reportCount(FIL, yesterday), 3, "count frozen");
    }

    function test_RevertGiven_ReporterWasRemoved() external {
        removeReporterAs(reporters[4]);
        vm.expectRevert(notReporterError(reporters[4]));
        reportAs(reporters[4], FIL, yesterday, VALUE);
    }

    function test_RevertGiven_ReporterWasReappointedAfterReporting() external {
        reportAs(reporters[4], FIL, yesterday, VALUE);
        removeReporterAs(reporters[4]);
        addReporterAs(reporters[4]);
        vm.expectRevert(
            abi.encodeWithSelector(IYieldOracle.YieldOracle_AlreadyReported.selector, reporters[4], FIL, yesterday)
        );
        reportAs(reporters[4], FIL, yesterday, VALUE);
    }

    /*//////////////////////////////////////////////////////////////
                           BELOW THE QUORUM
    //////////////////////////////////////////////////////////////*/

    function test_WhenBelowQuorum_ItRecordsTheReport() external {
        vm.expectEmit(address(oracle));
        emit IYieldOracle.ReportSubmitted(FIL, yesterday, reporters[0], VALUE);
        reportAs(reporters[0], FIL, yesterday, VALUE);

        assertEq(oracle.reportCount(FIL, yesterday), 1, "count");
        assertTrue(oracle.hasReported(FIL, yesterday, reporters[0]), "reported");
        assertFalse(oracle.hasReported(FIL, yesterday, reporters[1]), "others did not");
        assertFalse(oracle.hasReported(BTC, yesterday, reporters[0]), "other coin untouched");
        assertFalse(oracle.hasReported(FIL, yesterday - 1, reporters[0]), "other day untouched");
        assertNotFinal(FIL, yesterday, "one report");
        assertEq(oracle.latestFinalDay(FIL), 0, "nothing final");
    }

    function test_WhenDayIsExactlyMaxReportAgeOld_ItIsAccepted() external {
        uint32 day = today - 30;
        reportAs(reporters[0], FIL, day, VALUE);
        assertEq(oracle.reportCount(FIL, day), 1, "count");
    }

    function test_WhenTheDayEndsAtMidnight_ItBecomesReportable() external {
        vm.warp(uint256(today + 1) * 1 days);
        reportAs(reporters[0], FIL, today, VALUE);
        assertEq(oracle.reportCount(FIL, today), 1, "count");
    }

    function test_WhenDayIsReportedForTwoCoins_TheyAreIndependent() external {
        reportAll(FIL, yesterday, values3(10, 20, 30));
        reportAs(reporters[0], BTC, yesterday, 7);
        assertFinal(FIL, yesterday, 20, "FIL");
        assertNotFinal(BTC, yesterday, "BTC");
        assertEq(oracle.reportCount(BTC, yesterday), 1, "BTC count");
    }

    /*//////////////////////////////////////////////////////////////
                             FINALISATION
    //////////////////////////////////////////////////////////////*/

    function test_WhenQuorumIsReached_OddQuorum_ItFinalizesWithTheMiddleValue() external {
        reportAs(reporters[0], FIL, yesterday, 300);
        reportAs(reporters[1], FIL, yesterday, 100);

        vm.expectEmit(address(oracle));
        emit IYieldOracle.ReportSubmitted(FIL, yesterday, reporters[2], 200);
        vm.expectEmit(address(oracle));
        emit IYieldOracle.DayFinalized(FIL, yesterday, 200, 3);
        reportAs(reporters[2], FIL, yesterday, 200);

        assertFinal(FIL, yesterday, 200, "median of 300, 100, 200");
        assertEq(oracle.reportCount(FIL, yesterday), 3, "count");
        assertEq(oracle.latestFinalDay(FIL), yesterday, "latest final day");
    }

    /// @notice Finding (issue 15): with an even quorum (the default 2 of 3) the "median" was the mean of the two
    /// reports, so the second reporter set the value anywhere it liked. An even quorum is now refused.
    function test_RevertWhen_TheQuorumIsEven() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(2), REPORTERS));
        setQuorumTo(2);
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(4), REPORTERS));
        setQuorumTo(4);
        assertEq(oracle.quorum(), QUORUM, "unchanged");
    }

    /// @notice Finding (issue 15): one hostile report of 1e30 among honest ones. The final value is an honest
    /// report, not pulled towards the hostile one.
    function test_GivenOneHostileReport_TheValueIsAnHonestReport() external {
        reportAs(reporters[0], FIL, yesterday, 100);
        reportAs(reporters[1], FIL, yesterday, 1e30);
        reportAs(reporters[2], FIL, yesterday, 110);
        assertFinal(FIL, yesterday, 110, "the greater honest report, not a mean with 1e30");
    }

    /// @notice Finding (issue 15): 2^250 was accepted and made `flag` revert with an arithmetic panic. A coin
    /// without bounds accepts at most 2^128 - 1; a DAO-set bound rejects 1e30 as well.
    function test_RevertWhen_TheValueIsAboveTheCoinsBounds() external {
        uint256 absurd = 2 ** 250;
        vm.expectRevert(
            abi.encodeWithSelector(
                IYieldOracle.YieldOracle_ValueOutOfBounds.selector, FIL, absurd, 1, uint256(type(uint128).max)
            )
        );
        reportAs(reporters[0], FIL, yesterday, absurd);

        vm.prank(timelock);
        oracle.setValueBounds(FIL, 1e9, 1e24);
        vm.expectRevert(
            abi.encodeWithSelector(IYieldOracle.YieldOracle_ValueOutOfBounds.selector, FIL, 1e30, 1e9, 1e24)
        );
        reportAs(reporters[0], FIL, yesterday, 1e30);
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_ValueOutOfBounds.selector, FIL, 1e8, 1e9, 1e24));
        reportAs(reporters[0], FIL, yesterday, 1e8);
        reportAs(reporters[0], FIL, yesterday, 1e24);
        reportAs(reporters[1], BTC, yesterday, 1e30); // another coin keeps the default bounds
        assertEq(oracle.reportCount(FIL, yesterday), 1, "the value at the bound is accepted");
    }

    function test_WhenHugeValuesAtTheDefaultBound_TheMedianIsExact() external {
        uint256 max = type(uint128).max;
        reportAll(FIL, yesterday, values3(max, max - 1, max));
        assertFinal(FIL, yesterday, max, "middle of max - 1, max, max");
    }

    function test_WhenQuorumIsOne_TheFirstReportFinalizes() external {
        setQuorumTo(1);
        vm.expectEmit(address(oracle));
        emit IYieldOracle.DayFinalized(FIL, yesterday, 42, 1);
        reportAs(reporters[0], FIL, yesterday, 42);
        assertFinal(FIL, yesterday, 42, "single report");
    }

    function test_WhenAllReportsAreEqual_TheMedianIsThatValue() external {
        reportAll(FIL, yesterday, values3(5, 5, 5));
        assertFinal(FIL, yesterday, 5, "equal values");
    }

    function test_WhenReportsArriveSortedDescending_TheMedianIsTheMiddle() external {
        setQuorumTo(5);
        uint256[] memory values = new uint256[](5);
        (values[0], values[1], values[2], values[3], values[4]) = (50, 40, 30, 20, 10);
        reportAll(FIL, yesterday, values);
        assertFinal(FIL, yesterday, 30, "descending");
    }

    function test_WhenQuorumIsMax_ItFinalizesOverFifteenReports() external {
        for (uint256 i = REPORTERS; i < 15; ++i) {
            address reporter = makeAddr(string.concat("reporter", vm.toString(i)));
            reporters.push(reporter);
            addReporterAs(reporter);
        }
        setQuorumTo(15);
        uint256[] memory values = new uint256[](15);
        for (uint256 i; i < 15; ++i) {
            values[i] = ((i * 7) % 15) + 1; // a permutation of 1..15
        }
        reportAll(FIL, yesterday, values);
        assertFinal(FIL, yesterday, 8, "median of 1..15");
        assertEq(oracle.reportCount(FIL, yesterday), 15, "count");
    }

    function test_WhenAnOlderDayFinalizesLater_LatestFinalDayKeepsTheGreatest() external {
        reportAll(FIL, yesterday, values3(1, 2, 3));
        reportAll(FIL, yesterday - 3, values3(4, 5, 6));
        assertEq(oracle.latestFinalDay(FIL), yesterday, "greatest, not the last finalized");
        assertFinal(FIL, yesterday - 3, 5, "older day");
        assertEq(oracle.latestFinalDay(BTC), 0, "other coin");
    }

    /*//////////////////////////////////////////////////////////////
                         QUORUM AND REPORTER CHANGES
    //////////////////////////////////////////////////////////////*/

    function test_GivenQuorumRaisedMidDay_ItWaitsForTheNewQuorum() external {
        reportAs(reporters[0], FIL, yesterday, 10);
        reportAs(reporters[1], FIL, yesterday, 20);
        setQuorumTo(5);
        reportAs(reporters[2], FIL, yesterday, 30);
        assertNotFinal(FIL, yesterday, "3 of 5");
        reportAs(reporters[3], FIL, yesterday, 40);
        assertNotFinal(FIL, yesterday, "4 of 5");
        reportAs(reporters[4], FIL, yesterday, 50);
        assertFinal(FIL, yesterday, 30, "middle of five");
    }

    function test_GivenQuorumLoweredBelowTheCount_TheNextReportFinalizesOverAllReports() external {
        setQuorumTo(5);
        reportAs(reporters[0], FIL, yesterday, 10);
        reportAs(reporters[1], FIL, yesterday, 20);
        reportAs(reporters[2], FIL, yesterday, 90);
        setQuorumTo(3);
        assertNotFinal(FIL, yesterday, "lowering the quorum does not finalize by itself");

        vm.expectEmit(address(oracle));
        emit IYieldOracle.DayFinalized(FIL, yesterday, 20, 4);
        reportAs(reporters[3], FIL, yesterday, 100);
        // Sorted 10, 20, 90, 100 -> the lower of the two middle values, a reported one (never a mean).
        assertFinal(FIL, yesterday, 20, "lower median over the four reports");
        assertEq(oracle.reportCount(FIL, yesterday), 4, "count");
    }

    function test_GivenReporterRemovedAfterReporting_ItsReportStillCounts() external {
        reportAs(reporters[0], FIL, yesterday, 1000);
        reportAs(reporters[1], FIL, yesterday, 999);
        removeReporterAs(reporters[0]);
        assertTrue(oracle.hasReported(FIL, yesterday, reporters[0]), "still recorded");
        assertEq(oracle.reportCount(FIL, yesterday), 2, "still counted");

        reportAs(reporters[2], FIL, yesterday, 1);
        // The removed reporter's 1000 takes part: sorted 1, 999, 1000.
        assertFinal(FIL, yesterday, 999, "median includes the removed reporter's value");
    }
}
