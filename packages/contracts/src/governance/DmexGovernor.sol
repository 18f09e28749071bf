// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {GovernorParams} from "../types/Governance.sol";
import {GovernanceFloors, GovernanceProfile} from "./GovernanceFloors.sol";

/// @title DmexGovernor
/// @notice The DMEX DAO: DMC holders propose, vote and, through the timelock, run every admin function of
/// the protocol. OpenZeppelin's Governor with Settings, CountingSimple, Votes (DMC, timestamp clock),
/// QuorumFraction, TimelockControl and PreventLateQuorum: the combination Tally reads natively.
/// @dev Proposals execute on the timelock, which holds the treasury and every admin role; the Governor
/// itself holds nothing. All parameters change only through proposals (OpenZeppelin's `onlyGovernance`), and
/// never below the floors of the governance profile chosen at deployment ({GovernanceProfile}).
contract DmexGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum
{
    /// @notice A parameter was set under its floor; `parameter` names the setting.
    error DmexGovernor_BelowFloor(string parameter, uint256 value, uint256 floor);

    // In storage, not immutables: the base constructors already call the setters below, at a time when
    // immutables cannot be read. Only the setters read them.
    GovernanceFloors private _floors;

    /// @param token DMC: votes are DMC delegated at the proposal's snapshot.
    /// @param timelock The DAO timelock, where queued proposals wait and execute.
    /// @param params Delays, threshold and quorum; see {GovernorParams}. Each must be at least its floor.
    /// @param local The local profile's floors (chain 31337 only) instead of production's.
    constructor(IVotes token, TimelockController timelock, GovernorParams memory params, bool local)
        Governor("DMEX Governor")
        GovernorSettings(params.votingDelay, params.votingPeriod, params.proposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(params.quorumNumerator)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(params.lateQuorumVoteExtension)
    {
        GovernanceFloors memory f = GovernanceProfile.floors(local);
        _floors = f;
        // The base constructors ran the setters before the floors were known: check their values now.
        _checkFloor("votingDelay", params.votingDelay, f.votingDelay);
        _checkFloor("votingPeriod", params.votingPeriod, f.votingPeriod);
        _checkFloor("lateQuorumVoteExtension", params.lateQuorumVoteExtension, f.lateQuorumVoteExtension);
        _checkFloor("proposalThreshold", params.proposalThreshold, f.proposalThreshold);
        _checkFloor("quorumNumerator", params.quorumNumerator, f.quorumNumerator);
    }

    /// @notice The floors this Governor and its timelock enforce.
    function floors() external view returns (GovernanceFloors memory) {
        return _floors;
    }

    function _checkFloor(string memory parameter, uint256 value, uint256 floor) private pure {
        if (value < floor) revert DmexGovernor_BelowFloor(parameter, value, floor);
    }

    /*//////////////////////////////////////////////////////////////
                                FLOORS
    //////////////////////////////////////////////////////////////*/

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        _checkFloor("votingDelay", newVotingDelay, _floors.votingDelay);
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        _checkFloor("votingPeriod", newVotingPeriod, _floors.votingPeriod);
        super._setVotingPeriod(newVotingPeriod);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        _checkFloor("proposalThreshold", newProposalThreshold, _floors.proposalThreshold);
        super._setProposalThreshold(newProposalThreshold);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        _checkFloor("quorumNumerator", newQuorumNumerator, _floors.quorumNumerator);
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        _checkFloor("lateQuorumVoteExtension", newVoteExtension, _floors.lateQuorumVoteExtension);
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    /*//////////////////////////////////////////////////////////////
                  OVERRIDES REQUIRED BY SOLIDITY
    //////////////////////////////////////////////////////////////*/

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorPreventLateQuorum)
        returns (uint256)
    {
        return super.proposalDeadline(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
