// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

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
        uint8 q = uint8(bound(quorum, 1, MAX_QUORUM));
        maxValue = bound(maxValue, 1, type(uint256).max);
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
        uint8 q = uint8(bound(quorum, 1, MAX_QUORUM));
        setQuorumTo(q);
        uint256[] memory values = randomValues(seed, q, 4);
        reportAll(FIL, yesterday, values);
        assertMedianOf(values, yesterday);
    }

    /// @dev The quorum is lowered after some reports: the next report finalises over every report received.
    function testFuzz_QuorumLowered_MedianOverAllReports(uint8 first, uint8 second, uint256 seed) external {
        uint8 q1 = uint8(bound(first, 2, MAX_QUORUM));
        setQuorumTo(q1);
        uint256 before = bound(second, 1, q1 - 1); // reports made under q1
        uint256[] memory values = randomValues(seed, before + 1, 1e30);
        for (uint256 i; i < before; ++i) {
            reportAs(reporters[i], FIL, yesterday, values[i]);
        }
        setQuorumTo(uint8(bound(seed, 1, before)));
        reportAs(reporters[before], FIL, yesterday, values[before]);
        assertMedianOf(values, yesterday);
    }

    /// @dev `valuesInRange` agrees with `dayValue` day by day, over a range where random days are final.
    function testFuzz_ValuesInRangeMatchesPerDayReads(uint256 seed, uint32 fromOffset, uint32 length) external {
        setQuorumTo(2);
        // Finalise a random subset of the last 30 days, with random values.
        for (uint32 age = 1; age <= 30; ++age) {
            uint256 r = uint256(keccak256(abi.encode(seed, age)));
            if (r % 3 == 0) continue;
            uint32 day = today - age;
            reportAs(reporters[0], FIL, day, bound(r >> 8, 1, 1e24));
            if (r % 3 == 1) reportAs(reporters[1], FIL, day, bound(r >> 128, 1, 1e24));
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
