// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DmexGovernor} from "../../../../src/governance/DmexGovernor.sol";
import {DmexTimelock} from "../../../../src/governance/DmexTimelock.sol";
import {GovernanceFloors, GovernanceProfile} from "../../../../src/governance/GovernanceFloors.sol";
import {GovernorParams} from "../../../../src/types/Governance.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

/// @notice Issue 15's "governance floors" finding: one proposal could set the timelock delay, voting delay,
/// quorum and proposal threshold to 0, after which a 1,000-DMC holder drains the treasury alone.
contract Floors_Governance_Concrete_Test is GovernanceBase {
    function _zeroEverything() private view returns (Proposal memory p) {
        p.targets = new address[](6);
        p.values = new uint256[](6);
        p.calldatas = new bytes[](6);
        (p.targets[0], p.targets[1], p.targets[2]) = (address(governor), address(governor), address(governor));
        (p.targets[3], p.targets[4], p.targets[5]) = (address(governor), address(governor), address(timelock));
        p.calldatas[0] = abi.encodeCall(governor.setVotingDelay, (0));
        p.calldatas[1] = abi.encodeCall(governor.setVotingPeriod, (1));
        p.calldatas[2] = abi.encodeCall(governor.setProposalThreshold, (0));
        p.calldatas[3] = abi.encodeCall(governor.updateQuorumNumerator, (0));
        p.calldatas[4] = abi.encodeCall(governor.setLateQuorumVoteExtension, (0));
        p.calldatas[5] = abi.encodeCall(TimelockController.updateDelay, (0));
        p.description = "Make governance instant";
    }

    function test_WhenOneProposalZeroesEveryParameter_ItRevertsAndAMinnowCannotDrain() external {
        Proposal memory p = _zeroEverything();
        _passAndQueue(p);
        vm.expectRevert(); // the timelock reports the first failing call of the batch
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));

        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay kept");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold kept");
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY, "delay kept");

        // The 1,000-DMC minnow cannot even propose the drain.
        Proposal memory drain = _single(address(token), abi.encodeCall(IERC20.transfer, (minnow, 1e24)), "Drain");
        vm.expectRevert();
        vm.prank(minnow);
        governor.propose(drain.targets, drain.values, drain.calldatas, drain.description);
    }

    function test_RevertWhen_AParameterGoesBelowItsFloor() external {
        GovernanceFloors memory f = governor.floors();
        bytes[6] memory calls = [
            abi.encodeCall(governor.setVotingDelay, (f.votingDelay - 1)),
            abi.encodeCall(governor.setVotingPeriod, (f.votingPeriod - 1)),
            abi.encodeCall(governor.setProposalThreshold, (f.proposalThreshold - 1)),
            abi.encodeCall(governor.updateQuorumNumerator, (f.quorumNumerator - 1)),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (f.lateQuorumVoteExtension - 1)),
            abi.encodeCall(governor.setVotingDelay, (f.votingDelay))
        ];
        string[5] memory names =
            ["votingDelay", "votingPeriod", "proposalThreshold", "quorumNumerator", "lateQuorumVoteExtension"];
        uint256[5] memory floorValues =
            [uint256(f.votingDelay), f.votingPeriod, f.proposalThreshold, f.quorumNumerator, f.lateQuorumVoteExtension];
        // The timelock passes the Governor's refusal on, so the proposal fails to execute.
        for (uint256 i; i < 5; ++i) {
            Proposal memory p = _single(address(governor), calls[i], names[i]);
            _passAndQueue(p);
            vm.expectRevert(
                abi.encodeWithSelector(
                    DmexGovernor.DmexGovernor_BelowFloor.selector, names[i], floorValues[i] - 1, floorValues[i]
                )
            );
            governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
        }
        // At the floor is fine.
        _passAndExecute(_single(address(governor), calls[5], "At the floor"));
        assertEq(governor.votingDelay(), f.votingDelay, "voting delay at its floor");
    }

    function test_RevertWhen_TheTimelockDelayGoesBelowItsFloor() external {
        uint256 floor = timelock.minDelayFloor();
        assertEq(floor, 1 days, "production floor");
        vm.expectRevert(abi.encodeWithSelector(DmexTimelock.DmexTimelock_DelayBelowFloor.selector, floor - 1, floor));
        vm.prank(address(timelock));
        timelock.updateDelay(floor - 1);
        vm.prank(address(timelock));
        timelock.updateDelay(floor);
        assertEq(timelock.getMinDelay(), floor, "at the floor");
    }

    function testFuzz_RevertWhen_TheGovernorIsDeployedBelowAFloor(uint256 which, uint256 value) external {
        GovernorParams memory params = GovernorParams({
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            proposalThreshold: PROPOSAL_THRESHOLD,
            quorumNumerator: QUORUM_PERCENT,
            lateQuorumVoteExtension: LATE_QUORUM_EXTENSION
        });
        GovernanceFloors memory f = GovernanceProfile.floors(false);
        which = bound(which, 0, 4);
        string memory name;
        uint256 floor;
        if (which == 0) {
            // casting to 'uint48' is safe because the value is below the floor, itself a uint48
            // forge-lint: disable-next-line(unsafe-typecast)
            (name, floor, params.votingDelay) = ("votingDelay", f.votingDelay, uint48(value % f.votingDelay));
        }
        if (which == 1) {
            // OpenZeppelin refuses a voting period shorter than the late-quorum extension itself.
            (name, floor, params.votingPeriod) =
            ("votingPeriod", f.votingPeriod, uint32(bound(value, LATE_QUORUM_EXTENSION, f.votingPeriod - 1)));
        }
        if (which == 2) {
            (name, floor, params.proposalThreshold) =
            ("proposalThreshold", f.proposalThreshold, value % f.proposalThreshold);
        }
        if (which == 3) {
            (name, floor, params.quorumNumerator) = ("quorumNumerator", f.quorumNumerator, value % f.quorumNumerator);
        }
        if (which == 4) {
            (name, floor, params.lateQuorumVoteExtension) =
            // casting to 'uint48' is safe because the value is below the floor, itself a uint48
            // forge-lint: disable-next-line(unsafe-typecast)
            ("lateQuorumVoteExtension", f.lateQuorumVoteExtension, uint48(value % f.lateQuorumVoteExtension));
        }
        uint256 below = which == 0
            ? params.votingDelay
            : which == 1
                ? params.votingPeriod
                : which == 2
                    ? params.proposalThreshold
                    : which == 3 ? params.quorumNumerator : params.lateQuorumVoteExtension;
        vm.expectRevert(abi.encodeWithSelector(DmexGovernor.DmexGovernor_BelowFloor.selector, name, below, floor));
        new DmexGovernor(token, timelock, params, false);
    }

    /// @dev The local deploy's minute-scale parameters.
    function _localParams() private pure returns (GovernorParams memory) {
        return GovernorParams({
            votingDelay: 1 minutes,
            votingPeriod: 5 minutes,
            proposalThreshold: PROPOSAL_THRESHOLD,
            quorumNumerator: QUORUM_PERCENT,
            lateQuorumVoteExtension: 1 minutes
        });
    }

    function test_WhenTheLocalProfileIsUsedOnTheLocalChain_ItsFloorsAreMinutes() external {
        GovernorParams memory params = _localParams();
        DmexGovernor local = new DmexGovernor(token, timelock, params, true);
        assertEq(local.floors().votingDelay, 1 minutes, "minute-scale floor");
        assertEq(local.floors().quorumNumerator, 2, "same quorum floor");
        DmexTimelock localTimelock = new DmexTimelock(0, new address[](0), new address[](0), address(this), true);
        assertEq(localTimelock.minDelayFloor(), 1 minutes, "timelock floor");
    }

    function test_RevertWhen_TheLocalProfileIsUsedOnAPublicChain() external {
        GovernorParams memory params = _localParams();
        vm.chainId(1);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceProfile.GovernanceProfile_LocalProfileOnPublicChain.selector, 1)
        );
        new DmexGovernor(token, timelock, params, true);
        vm.expectRevert(
            abi.encodeWithSelector(GovernanceProfile.GovernanceProfile_LocalProfileOnPublicChain.selector, 1)
        );
        new DmexTimelock(0, new address[](0), new address[](0), address(this), true);
    }
}
