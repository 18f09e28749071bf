// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {YieldOracleBase} from "../../../YieldOracleBase.t.sol";

contract Views_YieldOracle_Concrete_Test is YieldOracleBase {
    function test_GivenNothingReported_ViewsAreEmpty() external view {
        assertNotFinal(FIL, yesterday, "nothing reported");
        assertEq(oracle.reportCount(FIL, yesterday), 0, "no reports");
        assertFalse(oracle.hasReported(FIL, yesterday, reporters[0]), "not reported");
        assertEq(oracle.latestFinalDay(FIL), 0, "no final day");
        assertEq(oracle.reporterCount(), REPORTERS, "reporters");
        assertEq(oracle.quorum(), QUORUM, "quorum");
        for (uint256 i; i < REPORTERS; ++i) {
            assertTrue(oracle.isReporter(reporters[i]), "reporter");
        }
        assertFalse(oracle.isReporter(stranger), "stranger");
    }

    function test_RevertWhen_RangeIsReversed() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidRange.selector, today, yesterday));
        oracle.valuesInRange(FIL, today, yesterday);
    }

    function test_RevertWhen_RangeSpansMoreThan366Days() external {
        uint32 from = today - 366;
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_RangeTooLong.selector, from, today));
        oracle.valuesInRange(FIL, from, today);
    }

    function test_RevertWhen_RangeEndsAtTheLastDay() external {
        uint32 max = type(uint32).max;
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_RangeTooLong.selector, 0, max));
        oracle.valuesInRange(FIL, 0, max);
        // A range up to the last uint32 day works (no overflow in the length).
        uint256[] memory values = oracle.valuesInRange(FIL, max - 365, max);
        assertEq(values.length, 366, "366 days up to the last uint32 day");
    }

    function test_WhenRangeIs366Days_ItReturnsEveryDay() external view {
        uint256[] memory values = oracle.valuesInRange(FIL, today - 365, today);
        assertEq(values.length, 366, "length");
    }

    function test_WhenRangeIsOneDay_ItReturnsThatDay() external {
        reportAll(FIL, yesterday, values3(3, 1, 2));
        uint256[] memory values = oracle.valuesInRange(FIL, yesterday, yesterday);
        assertEq(values.length, 1, "length");
        assertEq(values[0], 2, "value");
    }

    function test_WhenSomeDaysAreFinal_ItReturnsZeroElsewhere() external {
        reportAll(FIL, yesterday - 4, values3(10, 30, 20));
        reportAll(FIL, yesterday - 1, values3(7, 7, 9));
        reportAs(reporters[0], FIL, yesterday - 2, 500); // not final: 0
        reportAll(BTC, yesterday - 3, values3(1, 1, 1)); // other coin

        uint256[] memory values = oracle.valuesInRange(FIL, yesterday - 5, today);
        assertEq(values.length, 7, "length");
        uint256[7] memory expected = [uint256(0), 20, 0, 0, 7, 0, 0];
        for (uint256 i; i < 7; ++i) {
            assertEq(values[i], expected[i], string.concat("day offset ", vm.toString(i)));
        }
    }
}
