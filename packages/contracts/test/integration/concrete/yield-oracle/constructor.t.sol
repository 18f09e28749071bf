// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {YieldOracle} from "../../../../src/YieldOracle.sol";
import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {YieldOracleBase} from "../../../YieldOracleBase.t.sol";

contract Constructor_YieldOracle_Concrete_Test is YieldOracleBase {
    function twoReporters() internal view returns (address[] memory list) {
        list = new address[](2);
        (list[0], list[1]) = (reporters[0], reporters[1]);
    }

    function test_RevertWhen_OwnerIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new YieldOracle(address(0), twoReporters(), 1);
    }

    function test_RevertWhen_AReporterIsZero() external {
        address[] memory list = twoReporters();
        list[1] = address(0);
        vm.expectRevert(IYieldOracle.YieldOracle_ZeroAddress.selector);
        new YieldOracle(timelock, list, 1);
    }

    function test_RevertWhen_AReporterIsListedTwice() external {
        address[] memory list = twoReporters();
        list[1] = list[0];
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_AlreadyReporter.selector, list[0]));
        new YieldOracle(timelock, list, 1);
    }

    function test_RevertWhen_QuorumIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(0), 2));
        new YieldOracle(timelock, twoReporters(), 0);
    }

    function test_RevertWhen_QuorumExceedsTheReporters() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(3), 2));
        new YieldOracle(timelock, twoReporters(), 3);
    }

    function test_RevertWhen_ThereAreNoReporters() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(1), 0));
        new YieldOracle(timelock, new address[](0), 1);
    }

    /// @notice Finding (issue 15): an even quorum makes the median a mean of two reports; refused from the start.
    function test_RevertWhen_QuorumIsEven() external {
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(2), 2));
        new YieldOracle(timelock, twoReporters(), 2);
    }

    function test_WhenArgumentsAreValid_ItSetsOwnerReportersAndQuorum() external {
        address[] memory list = twoReporters();
        vm.expectEmit();
        emit IYieldOracle.ReporterAdded(list[0]);
        vm.expectEmit();
        emit IYieldOracle.ReporterAdded(list[1]);
        vm.expectEmit();
        emit IYieldOracle.QuorumSet(0, 1);
        YieldOracle deployed = new YieldOracle(timelock, list, 1);

        assertEq(deployed.owner(), timelock, "owner");
        assertEq(deployed.pendingOwner(), address(0), "no pending owner");
        assertEq(deployed.reporterCount(), 2, "reporter count");
        assertTrue(deployed.isReporter(list[0]), "reporter 0");
        assertTrue(deployed.isReporter(list[1]), "reporter 1");
        assertFalse(deployed.isReporter(reporters[2]), "not listed");
        assertEq(deployed.quorum(), 1, "quorum");
        assertEq(deployed.MAX_QUORUM(), 15, "MAX_QUORUM");
        assertEq(deployed.MAX_REPORT_AGE(), 30, "MAX_REPORT_AGE");
        assertEq(deployed.MAX_RANGE_DAYS(), 366, "MAX_RANGE_DAYS");
    }

    function test_WhenQuorumIsTheMaximum_ItDeploys() external {
        address[] memory list = new address[](16);
        for (uint256 i; i < list.length; ++i) {
            list[i] = makeAddr(string.concat("r", vm.toString(i)));
        }
        YieldOracle deployed = new YieldOracle(timelock, list, 15);
        assertEq(deployed.quorum(), 15, "quorum");
        vm.expectRevert(abi.encodeWithSelector(IYieldOracle.YieldOracle_InvalidQuorum.selector, uint8(16), 16));
        new YieldOracle(timelock, list, 16);
    }
}
