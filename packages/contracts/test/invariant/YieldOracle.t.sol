// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {YieldOracleBase} from "../YieldOracleBase.t.sol";
import {InvariantTest} from "../utils/InvariantTest.sol";
import {YieldOracleHandler} from "./handlers/YieldOracleHandler.sol";
import {YieldOracleStore} from "./stores/YieldOracleStore.sol";

/// @notice YieldOracle invariants; see README.md beside this file for each in prose.
contract YieldOracle_Invariant_Test is YieldOracleBase, InvariantTest {
    uint256 internal constant ACTORS = 18;

    YieldOracleHandler internal handler;
    YieldOracleStore internal store;

    function setUp() public override {
        super.setUp();
        store = new YieldOracleStore();

        // The five initial reporters, then accounts the DAO may appoint (enough for the maximum quorum).
        address[] memory actors = new address[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            actors[i] = i < REPORTERS ? reporters[i] : makeAddr(string.concat("actor", vm.toString(i)));
        }
        handler = new YieldOracleHandler(oracle, store, timelock, actors);
        vm.label(address(handler), "YieldOracleHandler");
        targetContract(address(handler));

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = YieldOracleHandler.report.selector;
        selectors[1] = YieldOracleHandler.report.selector;
        selectors[2] = YieldOracleHandler.report.selector;
        selectors[3] = YieldOracleHandler.report.selector;
        selectors[4] = YieldOracleHandler.addReporter.selector;
        selectors[5] = YieldOracleHandler.removeReporter.selector;
        selectors[6] = YieldOracleHandler.setQuorum.selector;
        selectors[7] = YieldOracleHandler.passTime.selector;
        targetSelector(address(handler), selectors);
    }

    /// @dev One campaign checks every invariant of this suite after each call: forge 1.7 runs a separate
    /// campaign per `invariant_` function, which multiplied the handler calls (the bulk of the run time) by
    /// the number of invariants without exploring more states for any of them. Each check below still runs
    /// after every call of every run, and its assertion message names the invariant that broke.
    function invariant_AllHold() external view {
        _assertFinalValueNeverChanges();
        _assertFinalDaysHadQuorumAndValueWithinReports();
        _assertOneHostileReporterStaysWithinTheHonestRange();
        _assertReporterCountAtLeastQuorum();
    }

    /// @dev (1) A final day's value never changes: it equals what the store recorded at finalisation.
    /// Also: a day is final exactly when the handler saw it finalise, and its report count is frozen.
    function _assertFinalValueNeverChanges() internal view {
        uint256 keys = store.keyCount();
        for (uint256 i; i < keys; ++i) {
            (uint256 coinId, uint32 day) = store.key(i);
            YieldOracleStore.Finalization memory f = store.finalization(coinId, day);
            (uint256 value, bool isFinal) = oracle.dayValue(coinId, day);
            assertEq(isFinal, f.recorded, "final <=> finalisation observed");
            assertEq(oracle.reportCount(coinId, day), store.reportedCount(coinId, day), "report count");
            if (!isFinal) {
                assertEq(value, 0, "no value before final");
                continue;
            }
            assertEq(value, f.value, "final value unchanged");
            assertEq(oracle.reportCount(coinId, day), f.reportCount, "report count frozen");
            assertLe(day, oracle.latestFinalDay(coinId), "latestFinalDay is the greatest final day");
        }
    }

    /// @dev (2) A final day had at least the quorum of reports and its value lies within their [min, max].
    /// (3) No day was finalised with fewer reports than the quorum in force at its finalisation.
    function _assertFinalDaysHadQuorumAndValueWithinReports() internal view {
        uint256 keys = store.keyCount();
        for (uint256 i; i < keys; ++i) {
            (uint256 coinId, uint32 day) = store.key(i);
            YieldOracleStore.Finalization memory f = store.finalization(coinId, day);
            if (!f.recorded) continue;
            assertGe(f.reportCount, f.quorum, "count at finalisation >= quorum in force");
            assertLe(f.reportCount, oracle.MAX_QUORUM(), "count <= MAX_QUORUM");
            assertGe(f.value, f.min, "value >= min report");
            assertLe(f.value, f.max, "value <= max report");
        }
    }

    /// @dev (5) One hostile reporter cannot move a day outside the honest range: a day final over three or more
    /// reports, of which at most one came from the hostile reporter, lies within [min honest, max honest].
    function _assertOneHostileReporterStaysWithinTheHonestRange() internal view {
        uint256 keys = store.keyCount();
        for (uint256 i; i < keys; ++i) {
            (uint256 coinId, uint32 day) = store.key(i);
            YieldOracleStore.Finalization memory f = store.finalization(coinId, day);
            if (!f.recorded || f.reportCount < 3) continue;
            assertGe(f.value, f.honestMin, "value >= min honest report");
            assertLe(f.value, f.honestMax, "value <= max honest report");
        }
    }

    /// @dev (4) There are always at least as many reporters as the quorum, and the quorum stays in range.
    function _assertReporterCountAtLeastQuorum() internal view {
        assertGe(oracle.reporterCount(), oracle.quorum(), "reporterCount >= quorum");
        assertGe(oracle.quorum(), 1, "quorum >= 1");
        assertEq(oracle.quorum() % 2, 1, "quorum odd");
        assertLe(oracle.quorum(), oracle.MAX_QUORUM(), "quorum <= MAX_QUORUM");
        assertEq(oracle.owner(), timelock, "owner");
    }

    /// @dev Shows how much of the oracle a run reached (forge prints it with -vv).
    function afterInvariant() external view {
        assertEq(store.reports(), handler.callCount("report"), "every report recorded");
    }
}
