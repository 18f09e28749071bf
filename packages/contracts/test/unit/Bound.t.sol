// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

/// @notice The test base's own math: `bound` must keep every fuzz input inside its range.
contract Bound_Unit_Test is Test {
    function testFuzz_BoundStaysInRange(uint256 x, uint256 min, uint256 max) external pure {
        if (min > max) (min, max) = (max, min);
        uint256 result = bound(x, min, max);
        assertGe(result, min, "result >= min");
        assertLe(result, max, "result <= max");
        if (x >= min && x <= max) assertEq(result, x, "in-range input is kept");
    }

    function test_BoundWrapsOutOfRangeValues() external pure {
        assertEq(bound(11, 0, 9), 1, "11 into [0, 9]");
        assertEq(bound(0, 5, 5), 5, "single-value range");
        assertEq(bound(type(uint256).max, 0, type(uint256).max), type(uint256).max, "full range");
    }
}
