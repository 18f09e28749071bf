// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {GovernanceBase} from "../../../GovernanceBase.t.sol";

contract Voting_Governance_Fuzz_Test is GovernanceBase {
    /// @dev Tallies equal the voters' weights at the snapshot, whatever they hold after it, and the
    /// outcome follows quorum (for + abstain) and majority (for > against).
    function testFuzz_TalliesAndOutcomeFollowSnapshotWeights(
        uint256 forWeight,
        uint256 againstWeight,
        uint256 abstainWeight,
        uint256 movedAfterSnapshot
    ) external {
        forWeight = bound(forWeight, 1, 10_000_000e18);
        againstWeight = bound(againstWeight, 1, 10_000_000e18);
        abstainWeight = bound(abstainWeight, 1, 10_000_000e18);
        address forVoter = makeAddr("forVoter");
        address againstVoter = makeAddr("againstVoter");
        address abstainVoter = makeAddr("abstainVoter");
        _giveVotes(forVoter, forWeight);
        _giveVotes(againstVoter, againstWeight);
        _giveVotes(abstainVoter, abstainWeight);
        vm.warp(block.timestamp + 1);

        uint256 proposalId =
            _propose(_single(address(governor), abi.encodeCall(governor.setVotingDelay, (2 days)), "x"));
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        // Moving DMC after the snapshot changes nothing for this proposal.
        movedAfterSnapshot = bound(movedAfterSnapshot, 0, forWeight);
        vm.prank(forVoter);
        assertTrue(token.transfer(againstVoter, movedAfterSnapshot), "move after snapshot");

        vm.prank(forVoter);
        governor.castVote(proposalId, FOR);
        vm.prank(againstVoter);
        governor.castVote(proposalId, AGAINST);
        vm.prank(abstainVoter);
        governor.castVote(proposalId, ABSTAIN);

        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(forVotes, forWeight, "for");
        assertEq(againstVotes, againstWeight, "against");
        assertEq(abstainVotes, abstainWeight, "abstain");

        vm.warp(governor.proposalDeadline(proposalId) + 1);
        bool passes = forWeight > againstWeight && forWeight + abstainWeight >= QUORUM;
        IGovernor.ProposalState expected = passes ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated;
        assertEq(uint8(governor.state(proposalId)), uint8(expected), "outcome");
    }

    function testFuzz_QuorumIsFourPercentOfTheSupplyAtTheTimepoint(uint256 elapsed) external {
        elapsed = bound(elapsed, 1, 3650 days);
        vm.warp(block.timestamp + elapsed);
        assertEq(
            governor.quorum(block.timestamp - 1), token.getPastTotalSupply(block.timestamp - 1) * 4 / 100, "quorum"
        );
    }
}
