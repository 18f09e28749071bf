// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnbondingMath} from "../../src/libraries/UnbondingMath.sol";
import {Test} from "../utils/Test.sol";

/// @dev An offering manager answering `flagWindowDays()` with `days_`.
contract FlagWindowManager {
    uint256 public immutable days_;

    constructor(uint256 windowDays) {
        days_ = windowDays;
    }

    function flagWindowDays() external view returns (uint256) {
        return days_;
    }
}

/// @dev A contract whose `flagWindowDays()` reverts.
contract RevertingManager {
    function flagWindowDays() external pure returns (uint256) {
        revert("no window");
    }
}

/// @dev A contract that answers every call with fewer than 32 bytes.
contract ShortAnswerManager {
    fallback() external {
        assembly {
            mstore(0, 0x07)
            return(31, 1)
        }
    }
}

/// @dev A governor (timestamp clock) and its own timelock in one contract.
contract Timings {
    function votingDelay() external pure returns (uint256) {
        return 1 days;
    }

    function votingPeriod() external pure returns (uint256) {
        return 5 days;
    }

    function timelock() external view returns (address) {
        return address(this);
    }

    function getMinDelay() external pure returns (uint256) {
        return 2 days;
    }
}

/// @notice UnbondingMath: flag window + DAO cycle + margin, with every way a manager may fail to answer counted
/// as no window (the registry must not be bricked by a manager that is not a vault).
contract UnbondingMath_Unit_Test is Test {
    function test_WhenTheManagerAnswers_ItCountsItsWindowInSeconds() external {
        assertEq(UnbondingMath.flagWindow(address(new FlagWindowManager(7))), 7 days, "7 days");
    }

    function test_WhenTheManagerHasNoCode_ItCountsNoWindow() external view {
        assertEq(UnbondingMath.flagWindow(address(0xBEEF)), 0, "an account");
    }

    function test_WhenTheManagerReverts_ItCountsNoWindow() external {
        assertEq(UnbondingMath.flagWindow(address(new RevertingManager())), 0, "a revert");
    }

    function test_WhenTheManagerAnswersShort_ItCountsNoWindow() external {
        assertEq(UnbondingMath.flagWindow(address(new ShortAnswerManager())), 0, "fewer than 32 bytes");
    }

    function test_DaoCycle_IsDelayPlusPeriodPlusTimelockDelay() external {
        assertEq(UnbondingMath.daoCycle(address(new Timings())), 8 days, "1 + 5 + 2 days");
        assertEq(UnbondingMath.daoCycle(address(0)), 0, "no governor");
    }

    function testFuzz_Period_IsTheSumOfItsParts(uint8 windowDays, uint32 margin) external {
        address manager = address(new FlagWindowManager(windowDays));
        uint256 expected = uint256(windowDays) * 1 days + 8 days + margin;
        assertEq(UnbondingMath.period(manager, address(new Timings()), margin), expected, "window + cycle + margin");
    }
}
