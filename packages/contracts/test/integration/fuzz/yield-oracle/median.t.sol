// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {YieldOracleBase} from "../../../YieldOracleBase.t.sol";

contract Median_YieldOracle_Fuzz_Test is YieldOracleBase {
    uint256 internal constant MAX_QUORUM = 15;

    function setUp() public override {
        super.setUp();
        for (uint256 i = REPORTERS; i < MAX_QUORUM; ++i) {
            address reporter = makeAddr(string.concat("reporter", vm.toString(i)));
            reporters.push(reporter);
            addReporterAs(reporter);
        }
    }

    /// @dev `count` values from `seed`, within [1, maxValue]; small maxima make ties likely.
    function randomValues(uint256 seed, uint256 count, uint256 maxValue) internal pure returns (uint256[] memory v) {
        v = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            v[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, maxValue);
        }
    }

    function assertMedianOf(uint256[] memory values, uint32 day) internal view {
        (uint256 value, bool isFinal) = oracle.dayValue(FIL, day);
        assertTrue(isFinal, "final");
        assertEq(value, referenceMedian(values), "median == reference median");
        uint256 min = type(uint256).max;
        uint256 max;
        for (uint256 i; i < values.length; ++i) {
            if (values[i] < min) min = values[i];
            if (values[i] > max) max = values[i];
        }
        assertGe(value, min, "median >= min");
        assertLe(value, max, "median <= max");
        assertEq(oracle.reportCount(FIL, day), values.length, "count");
    }

    function testFuzz_FinalValueIsTheMedian(uint8 quorum, uint256 seed, uint256 maxValue, uint8 age) external {
        uint8 q = oddQuorum(quorum, 1, MAX_QUORUM);
        maxValue = bound(maxValue, 1, oracle.DEFAULT_MAX_VALUE());
        uint32 day = today - uint32(bound(age, 1, 30));
        setQuorumTo(q);
        uint256[] memory values = randomValues(seed, q, maxValue);

        for (uint256 i; i + 1 < q; ++i) {
            reportAs(reporters[i], FIL, day, values[i]);
            assertFalse(oracle.isFinal(FIL, day), "not final below quorum");
        }
        reportAs(reporters[q - 1], FIL, day, values[q - 1]);
        assertMedianOf(values, day);
        assertEq(oracle.latestFinalDay(FIL), day, "latest final day");
    }

    function testFuzz_FinalValueIsTheMedian_SmallValuesWithTies(uint8 quorum, uint256 seed) external {
        uint8 q = oddQuorum(quorum, 1, MAX_QUORUM);
        setQuorumTo(q);
        uint256[] memory values = randomValues(seed, q, 4);
        reportAll(FIL, yesterday, values);
        assertMedianOf(values, yesterday);
    }

    /// @dev The quorum is lowered after some reports: the next report finalises over every report received.
    function testFuzz_QuorumLowered_MedianOverAllReports(uint8 first, uint8 second, uint256 seed) external {
        uint8 q1 = oddQuorum(first, 3, MAX_QUORUM);
        setQuorumTo(q1);
        uint256 before = bound(second, 1, q1 - 1); // reports made under q1
        uint256[] memory values = randomValues(seed, before + 1, 1e30);
        for (uint256 i; i < before; ++i) {
            reportAs(reporters[i], FIL, yesterday, values[i]);
        }
        setQuorumTo(oddQuorum(seed, 1, before));
        reportAs(reporters[before], FIL, yesterday, values[before]);
        assertMedianOf(values, yesterday);
    }

    /// @notice Finding (issue 15): with the default even quorum the "median" was a mean, so one reporter moved
    /// the market value at will. Now, with one hostile reporter among honest ones (odd quorum >= 3, the hostile
    /// report anywhere in the order and anywhere in the accepted range), the final value lies within
    /// [min honest, max honest].
    function testFuzz_OneHostileReporter_CannotMoveTheValueOutsideTheHonestRange(
        uint256 quorum,
        uint256 seed,
        uint256 hostileValue,
        uint256 hostilePosition
    ) external {
        uint8 q = oddQuorum(quorum, 3, MAX_QUORUM);
        setQuorumTo(q);
        hostileValue = bound(hostileValue, 1, oracle.DEFAULT_MAX_VALUE());
        uint256 position = bound(hostilePosition, 0, q - 1);
        uint256[] memory values = randomValues(seed, q, 1e30);
        values[position] = hostileValue;
        uint256 minHonest = type(uint256).max;
        uint256 maxHonest;
        for (uint256 i; i < q; ++i) {
            if (i == position) continue;
            if (values[i] < minHonest) minHonest = values[i];
            if (values[i] > maxHonest) maxHonest = values[i];
        }
        reportAll(FIL, yesterday, values);
        (uint256 value, bool isFinal) = oracle.dayValue(FIL, yesterday);
        assertTrue(isFinal, "final");
        assertGe(value, minHonest, "value >= min honest");
        assertLe(value, maxHonest, "value <= max honest");
    }

    /// @notice Finding (issue 15): an absurd value (1e30, 2^250) could be reported. Now every value of the whole
    /// uint range is either within the coin's bounds or rejected with a typed error (never a panic).
    function testFuzz_ReportOutsideTheBounds_Reverts(uint256 value, uint128 minValue, uint128 maxValue) external {
        minValue = uint128(bound(minValue, 1, type(uint128).max));
        maxValue = uint128(bound(maxValue, minValue, type(uint128).max));
        vm.prank(timelock);
        oracle.setValueBounds(FIL, minValue, maxValue);
        if (value >= minValue && value <= maxValue) {
            reportAs(reporters[0], FIL, yesterday, value);
            assertEq(oracle.reportCount(FIL, yesterday), 1, "accepted within the bounds");
        } else {
            if (value == 0) {
                vm.expectRevert(IYieldOracle.YieldOracle_ZeroValue.selector);
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IYieldOracle.YieldOracle_ValueOutOfBounds.selector, FIL, value, minValue, maxValue
                    )
                );
            }
            vm.prank(reporters[0]);
            oracle.report(FIL, yesterday, value);
        }
    }

    /// @dev `valuesInRange` agrees with `dayValue` day by day, over a range where random days are final.
    function testFuzz_ValuesInRangeMatchesPerDayReads(uint256 seed, uint32 fromOffset, uint32 length) external {
        // Finalise a random subset of the last 30 days (three reports), leave others with one report.
        for (uint32 age = 1; age <= 30; ++age) {
            uint256 r = uint256(keccak256(abi.encode(seed, age)));
            if (r % 3 == 0) continue;
            uint32 day = today - age;
            reportAs(reporters[0], FIL, day, bound(r >> 8, 1, 1e24));
            if (r % 3 == 1) {
                reportAs(reporters[1], FIL, day, bound(r >> 128, 1, 1e24));
                reportAs(reporters[2], FIL, day, bound(r >> 64, 1, 1e24));
            }
        }
        uint32 from = today - uint32(bound(fromOffset, 0, 40));
        uint32 to = from + uint32(bound(length, 0, 365));
        uint256[] memory values = oracle.valuesInRange(FIL, from, to);
        assertEq(values.length, uint256(to) - from + 1, "length");
        for (uint256 i; i < values.length; ++i) {
            // casting to 'uint32' is safe because from + i <= to, a uint32
            // forge-lint: disable-next-line(unsafe-typecast)
            (uint256 value, bool isFinal) = oracle.dayValue(FIL, uint32(from + i));
            assertEq(values[i], value, "valuesInRange[i] == dayValue(from + i)");
            if (!isFinal) assertEq(values[i], 0, "0 where not final");
        }
    }
}
