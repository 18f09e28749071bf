// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {GovernanceBase} from "../../../GovernanceBase.t.sol";

contract Lifecycle_Governance_Concrete_Test is GovernanceBase {
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);
    event VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod);

    function _payRecipient() internal view returns (Proposal memory) {
        return _single(
            address(token), abi.encodeCall(IERC20.transfer, (recipient, 1000e18)), "Pay 1,000 DMC to the recipient"
        );
    }

    function test_RevertWhen_ProposerIsBelowTheThreshold() external {
        Proposal memory p = _payRecipient();
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, minnow, 1000e18, PROPOSAL_THRESHOLD
            )
        );
        vm.prank(minnow);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_WhenProposerMeetsTheThreshold_ItCreatesAPendingProposal() external {
        uint256 proposalId = _propose(_payRecipient());
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Pending), "pending");
        assertEq(governor.proposalSnapshot(proposalId), block.timestamp + VOTING_DELAY, "snapshot");
        assertEq(governor.proposalDeadline(proposalId), block.timestamp + VOTING_DELAY + VOTING_PERIOD, "deadline");
        assertEq(governor.proposalProposer(proposalId), proposer, "proposer");
    }

    function test_WhenProposalPasses_ItQueuesAndExecutesThroughTheTimelock() external {
        Proposal memory p = _payRecipient();
        uint256 proposalId = _propose(p);

        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active), "active");
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        assertTrue(governor.hasVoted(proposalId, whale), "whale voted");

        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded), "succeeded");
        governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Queued), "queued");
        assertEq(governor.proposalEta(proposalId), block.timestamp + TIMELOCK_DELAY, "eta");

        vm.warp(governor.proposalEta(proposalId));
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed), "executed");
        assertEq(token.balanceOf(recipient), 1000e18, "the treasury paid");
    }

    function test_WhenProposed_ItNeedsQueuingOnTheTimelock() external {
        uint256 proposalId = _propose(_payRecipient());
        assertTrue(governor.proposalNeedsQueuing(proposalId), "every proposal goes through the timelock");
    }

    function test_RevertWhen_ExecutedBeforeTheTimelockDelay() external {
        Proposal memory p = _payRecipient();
        uint256 proposalId = _propose(p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));

        bytes32 salt = bytes20(address(governor)) ^ _descriptionHash(p);
        bytes32 operationId = timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
        vm.warp(governor.proposalEta(proposalId) - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                operationId,
                bytes32(2 ** uint256(TimelockController.OperationState.Ready))
            )
        );
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function test_WhenMajorityVotesAgainst_ProposalIsDefeated() external {
        Proposal memory p = _payRecipient();
        uint256 proposalId = _propose(p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(whale);
        governor.castVote(proposalId, AGAINST);
        vm.prank(proposer);
        governor.castVote(proposalId, FOR);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "defeated");

        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Defeated,
                bytes32(2 ** uint256(IGovernor.ProposalState.Succeeded))
            )
        );
        governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function test_WhenQuorumIsNotReached_ProposalIsDefeated() external {
        uint256 proposalId = _propose(_payRecipient());
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(proposer); // 100,000 DMC: far below the 4,000,000 DMC quorum
        governor.castVote(proposalId, FOR);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "defeated");
    }

    function test_WhenProposerCancelsWhilePending_ProposalIsCanceled() external {
        Proposal memory p = _payRecipient();
        uint256 proposalId = _propose(p);
        vm.prank(proposer);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Canceled), "canceled");
    }

    function test_WhenTheProposalIsNotExecutedBeforeAVote_ItExpiresAfterTheDeadlineWithoutVotes() external {
        uint256 proposalId = _propose(_payRecipient());
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "no votes: defeated");
    }

    function test_WhenQuorumIsReachedInTheLastMoment_TheDeadlineExtends() external {
        uint256 proposalId = _propose(_payRecipient());
        uint256 deadline = governor.proposalDeadline(proposalId);
        vm.warp(deadline - 10);
        vm.expectEmit(address(governor));
        emit ProposalExtended(proposalId, uint64(block.timestamp + LATE_QUORUM_EXTENSION));
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        assertEq(governor.proposalDeadline(proposalId), block.timestamp + LATE_QUORUM_EXTENSION, "extended");

        vm.warp(deadline + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active), "still open");
    }

    function test_WhenVotingBySignature_TheSignersVoteCounts() external {
        uint256 proposalId = _propose(_payRecipient());
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        bytes32 structHash =
            keccak256(abi.encode(governor.BALLOT_TYPEHASH(), proposalId, FOR, whale, governor.nonces(whale)));
        (, string memory name, string memory version,,,,) = governor.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                block.chainid,
                address(governor)
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(whalePk, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));

        vm.prank(minnow); // a relayer
        governor.castVoteBySig(proposalId, FOR, whale, abi.encodePacked(r, s, v));
        (, uint256 forVotes,) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 5_000_000e18, "the whale's votes counted");
        assertTrue(governor.hasVoted(proposalId, whale), "recorded for the signer");
    }

    function test_RevertWhen_ParametersChangeOutsideGovernance() external {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, whale));
        vm.prank(whale);
        governor.setVotingPeriod(1 days);
    }

    function test_WhenGovernanceChangesAParameter_ItApplies() external {
        Proposal memory p =
            _single(address(governor), abi.encodeCall(governor.setVotingPeriod, (3 days)), "Shorter votes");
        uint256 proposalId = _passAndQueue(p);
        vm.expectEmit(address(governor));
        emit VotingPeriodSet(VOTING_PERIOD, 3 days);
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(governor.votingPeriod(), 3 days, "new voting period");
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed), "executed");
    }
}
