// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {GovernanceBase} from "../GovernanceBase.t.sol";

/// @notice Gas of the proposal lifecycle, written to snapshots/governance.json: one measured call per
/// test, after a setUp that brings the proposal to the state the call needs.
abstract contract GovernanceGasBase is GovernanceBase {
    Proposal internal proposal;
    uint256 internal proposalId;

    function gasGroup() internal pure override returns (string memory) {
        return "governance";
    }

    function setUp() public virtual override {
        super.setUp();
        Proposal memory p = _single(
            address(token), abi.encodeCall(IERC20.transfer, (recipient, 1000e18)), "Pay 1,000 DMC to the recipient"
        );
        proposal = p;
    }
}

contract Propose_Gas_Test is GovernanceGasBase {
    function test_Gas_Propose() external {
        vm.prank(proposer);
        governor.propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description);
        snapshotGas("propose");
    }
}

contract CastVote_Gas_Test is GovernanceGasBase {
    function setUp() public override {
        super.setUp();
        proposalId = _propose(proposal);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
    }

    function test_Gas_CastVote() external {
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        snapshotGas("castVote");
    }
}

contract Queue_Gas_Test is GovernanceGasBase {
    function setUp() public override {
        super.setUp();
        proposalId = _propose(proposal);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
    }

    function test_Gas_Queue() external {
        governor.queue(proposal.targets, proposal.values, proposal.calldatas, _descriptionHash(proposal));
        snapshotGas("queue");
    }
}

contract Execute_Gas_Test is GovernanceGasBase {
    function setUp() public override {
        super.setUp();
        proposalId = _passAndQueue(proposal);
    }

    function test_Gas_Execute() external {
        governor.execute(proposal.targets, proposal.values, proposal.calldatas, _descriptionHash(proposal));
        snapshotGas("execute");
    }
}
