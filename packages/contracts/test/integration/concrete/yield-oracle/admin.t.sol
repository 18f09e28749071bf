// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {YieldOracleBase} from "../../../YieldOracleBase.t.sol";

contract AddReporter_YieldOracle_Concrete_Test is YieldOracleBase {
    function test_RevertWhen_ReporterIsZero() external {
        vm.expectRevert(IYieldOracle.YieldOracle_ZeroAddress.selector);
        addReporterAs(address(0));
    }

    function test_RevertWhen_AlreadyAReporter() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_AlreadyReporter.selector, reporters[2]));
        addReporterAs(reporters[2]);
    }

    function test_WhenNew_ItAppointsTheReporter() external {
        vm.expectEmit(address(oracle));
        emit IYieldOracle.ReporterAdded(stranger);
        addReporterAs(stranger);
        assertTrue(oracle.isReporter(stranger), "reporter");
        assertEq(oracle.reporterCount(), REPORTERS + 1, "count");
        reportAs(stranger, FIL, yesterday, 1);
        assertEq(oracle.reportCount(FIL, yesterday), 1, "can report");
    }
}

contract RemoveReporter_YieldOracle_Concrete_Test is YieldOracleBase {
    function test_RevertWhen_NotAReporter() external {
        vm.expectRevert(notReporterError(stranger));
        removeReporterAs(stranger);
    }

    function test_RevertWhen_AlreadyRemoved() external {
        removeReporterAs(reporters[0]);
        vm.expectRevert(notReporterError(reporters[0]));
        removeReporterAs(reporters[0]);
    }

    function test_RevertWhen_CountWouldDropBelowQuorum() external {
        removeReporterAs(reporters[0]);
        removeReporterAs(reporters[1]);
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_ReporterCountBelowQuorum.selector, 2, QUORUM));
        removeReporterAs(reporters[2]);
        assertTrue(oracle.isReporter(reporters[2]), "kept");
        assertEq(oracle.reporterCount(), QUORUM, "count == quorum");
    }

    function test_WhenAboveQuorum_ItRemovesTheReporter() external {
        vm.expectEmit(address(oracle));
        emit IYieldOracle.ReporterRemoved(reporters[3]);
        removeReporterAs(reporters[3]);
        assertFalse(oracle.isReporter(reporters[3]), "removed");
        assertEq(oracle.reporterCount(), REPORTERS - 1, "count");
    }

    function test_WhenRemovedThenReadded_ItCountsOnce() external {
        removeReporterAs(reporters[3]);
        addReporterAs(reporters[3]);
        assertTrue(oracle.isReporter(reporters[3]), "reporter again");
        assertEq(oracle.reporterCount(), REPORTERS, "count");
    }
}

contract SetValueBounds_YieldOracle_Concrete_Test is YieldOracleBase {
    function test_WhenNotSet_TheDefaultBoundsApply() external view {
        (uint256 minValue, uint256 maxValue) = oracle.valueBounds(FIL);
        assertEq(minValue, 1, "min 1");
        assertEq(maxValue, type(uint128).max, "max 2^128 - 1");
    }

    function test_RevertWhen_TheBoundsAreInvalid() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidBounds.selector, uint128(0), uint128(5)));
        vm.prank(timelock);
        oracle.setValueBounds(FIL, 0, 5);
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidBounds.selector, uint128(6), uint128(5)));
        vm.prank(timelock);
        oracle.setValueBounds(FIL, 6, 5);
    }

    function test_WhenValid_ItSetsTheCoinsBounds() external {
        vm.expectEmit(address(oracle));
        emit IYieldOracle.ValueBoundsSet(FIL, 10, 20);
        vm.prank(timelock);
        oracle.setValueBounds(FIL, 10, 20);
        (uint256 minValue, uint256 maxValue) = oracle.valueBounds(FIL);
        assertEq(minValue, 10, "min");
        assertEq(maxValue, 20, "max");
        (minValue, maxValue) = oracle.valueBounds(BTC);
        assertEq(maxValue, type(uint128).max, "other coins keep the default");
    }
}

contract SetQuorum_YieldOracle_Concrete_Test is YieldOracleBase {
    function test_RevertWhen_QuorumIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(0), REPORTERS));
        setQuorumTo(0);
    }

    function test_RevertWhen_QuorumExceedsReporterCount() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(7), REPORTERS));
        setQuorumTo(7);
    }

    function test_RevertWhen_QuorumExceedsMaxQuorum() external {
        for (uint256 i; i < 12; ++i) {
            addReporterAs(makeAddr(string.concat("extra", vm.toString(i))));
        }
        assertEq(oracle.reporterCount(), 17, "17 reporters");
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(17), 17));
        setQuorumTo(17);
        setQuorumTo(15);
        assertEq(oracle.quorum(), 15, "max quorum accepted");
    }

    function test_WhenValid_ItSetsTheQuorum() external {
        vm.expectEmit(address(oracle));
        emit IYieldOracle.QuorumSet(QUORUM, 5);
        setQuorumTo(5);
        assertEq(oracle.quorum(), 5, "raised to the reporter count");

        vm.expectEmit(address(oracle));
        emit IYieldOracle.QuorumSet(5, 1);
        setQuorumTo(1);
        assertEq(oracle.quorum(), 1, "lowered to 1");
    }
}
