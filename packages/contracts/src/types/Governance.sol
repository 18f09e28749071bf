// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The Governor's parameters, set at deployment and changeable afterwards only by governance
/// (each has an OpenZeppelin setter callable through a proposal). Times are seconds: DMC's EIP-6372
/// clock is the block timestamp.
/// @param votingDelay Seconds from proposal to the start of voting (DESIGN default: 1 day).
/// @param votingPeriod Seconds voting stays open (DESIGN default: 5 days).
/// @param proposalThreshold Votes needed to propose, DMC in wei (DESIGN default: 100,000 DMC).
/// @param quorumNumerator Quorum as a percentage of the DMC supply at the snapshot (DESIGN default: 4).
/// @param lateQuorumVoteExtension Seconds voting stays open after a late quorum is reached, so that a
/// last-minute swing cannot pass a proposal unopposed (default: 1 day).
struct GovernorParams {
    uint48 votingDelay;
    uint32 votingPeriod;
    uint256 proposalThreshold;
    uint256 quorumNumerator;
    uint48 lateQuorumVoteExtension;
}
