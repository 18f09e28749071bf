// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {YieldOracle} from "../src/YieldOracle.sol";
import {IYieldOracle} from "../src/interfaces/IYieldOracle.sol";
import {Test} from "./utils/Test.sol";

/// @notice A YieldOracle owned by a stand-in timelock, with five reporters and a quorum of 3, and helpers.
/// Time starts on a UTC midnight (foundry.toml), so `yesterday` is the latest day that can be reported.
abstract contract YieldOracleBase is Test {
    uint256 internal constant REPORTERS = 5;
    uint8 internal constant QUORUM = 3;
    uint256 internal constant FIL = 1;
    uint256 internal constant BTC = 2;

    address internal timelock;
    address internal stranger;
    address[] internal reporters;

    YieldOracle internal oracle;
    uint32 internal today;
    uint32 internal yesterday;

    function setUp() public virtual {
        timelock = makeAddr("timelock");
        stranger = makeAddr("stranger");
        for (uint256 i; i < REPORTERS; ++i) {
            reporters.push(makeAddr(string.concat("reporter", vm.toString(i))));
        }
        oracle = new YieldOracle(timelock, reporters, QUORUM);
        vm.label(address(oracle), "YieldOracle");
        today = uint32(block.timestamp / 1 days);
        yesterday = today - 1;
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function reportAs(address reporter, uint256 coinId, uint32 day, uint256 value) internal {
        vm.prank(reporter);
        oracle.report(coinId, day, value);
    }

    /// @dev Reporters 0..values.length-1 report `values` in order.
    function reportAll(uint256 coinId, uint32 day, uint256[] memory values) internal {
        for (uint256 i; i < values.length; ++i) {
            reportAs(reporters[i], coinId, day, values[i]);
        }
    }

    /// @dev An odd quorum in [1, 15] from a seed.
    function oddQuorum(uint256 seed, uint256 min, uint256 max) internal pure returns (uint8) {
        return uint8(bound(seed, (min - 1) / 2, (max - 1) / 2) * 2 + 1);
    }

    function setQuorumTo(uint8 newQuorum) internal {
        vm.prank(timelock);
        oracle.setQuorum(newQuorum);
    }

    function addReporterAs(address reporter) internal {
        vm.prank(timelock);
        oracle.addReporter(reporter);
    }

    function removeReporterAs(address reporter) internal {
        vm.prank(timelock);
        oracle.removeReporter(reporter);
    }

    function values3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory values) {
        values = new uint256[](3);
        (values[0], values[1], values[2]) = (a, b, c);
    }

    /// @dev The median as the oracle defines it, computed independently: sort a copy (selection sort) and take
    /// the lower median (the middle value, or the lower of the two middle values for an even count).
    function referenceMedian(uint256[] memory values) internal pure returns (uint256) {
        uint256 n = values.length;
        uint256[] memory copy = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            copy[i] = values[i];
        }
        for (uint256 i; i < n; ++i) {
            uint256 minIndex = i;
            for (uint256 j = i + 1; j < n; ++j) {
                if (copy[j] < copy[minIndex]) minIndex = j;
            }
            (copy[i], copy[minIndex]) = (copy[minIndex], copy[i]);
        }
        return copy[(n - 1) / 2];
    }

    function assertFinal(uint256 coinId, uint32 day, uint256 expected, string memory message) internal view {
        (uint256 value, bool isFinal) = oracle.dayValue(coinId, day);
        assertTrue(isFinal, string.concat(message, ": final"));
        assertTrue(oracle.isFinal(coinId, day), string.concat(message, ": isFinal"));
        assertEq(value, expected, string.concat(message, ": value"));
    }

    function assertNotFinal(uint256 coinId, uint32 day, string memory message) internal view {
        (uint256 value, bool isFinal) = oracle.dayValue(coinId, day);
        assertFalse(isFinal, string.concat(message, ": not final"));
        assertFalse(oracle.isFinal(coinId, day), string.concat(message, ": isFinal"));
        assertEq(value, 0, string.concat(message, ": no value"));
    }

    function notReporterError(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IYieldOracle.YieldOracle_NotReporter.selector, account);
    }

    function dayFinalError(uint256 coinId, uint32 day) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IYieldOracle.YieldOracle_DayFinal.selector, coinId, day);
    }
}
