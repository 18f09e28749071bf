// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {YieldOracleBase} from "../YieldOracleBase.t.sol";

/// @notice Gas benchmarks of the YieldOracle, written to snapshots/yield_oracle.json by
/// `vm.snapshotGasLastCall`.
/// @dev One measured call per test: storage touched in setUp is cold again in the test, as in a real
/// transaction, while a second call in the same test would find it warm and read low.
abstract contract YieldOracleGasBase is YieldOracleBase {
    function gasGroup() internal pure override returns (string memory) {
        return "yield_oracle";
    }
}

contract YieldOracle_Report_Gas_Test is YieldOracleGasBase {
    function setUp() public override {
        super.setUp();
        reportAs(reporters[0], FIL, yesterday, 2e15);
    }

    /// @dev The second of three reports (quorum 3): not final yet.
    function test_Gas_Report() external {
        vm.prank(reporters[1]);
        oracle.report(FIL, yesterday, 2.1e15);
        snapshotGas("report");
    }

    /// @dev The third report with quorum 3: sorts three values, stores the median, clears the pending slots.
    function test_Gas_ReportThatFinalizes() external {
        reportAs(reporters[1], FIL, yesterday, 2.1e15);
        vm.prank(reporters[2]);
        oracle.report(FIL, yesterday, 1.9e15);
        snapshotGas("report_finalize");
    }
}

contract YieldOracle_Views_Gas_Test is YieldOracleGasBase {
    function setUp() public override {
        super.setUp();
        for (uint32 age = 1; age <= 30; ++age) {
            reportAll(FIL, today - age, values3(2e15, 2.1e15, 1.9e15));
        }
    }

    /// @dev Thirty final days, for a monthly chart.
    function test_Gas_ValuesInRange30Days() external {
        oracle.valuesInRange(FIL, today - 30, today - 1);
        snapshotGas("valuesInRange_30days");
    }
}
