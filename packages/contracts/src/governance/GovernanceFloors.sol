// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The lowest values governance may set its own parameters to (see {GovernanceProfile}).
/// @param timelockDelay Seconds a queued operation waits before it can execute.
/// @param votingDelay Seconds from a proposal to the start of its vote.
/// @param votingPeriod Seconds a vote stays open.
/// @param lateQuorumVoteExtension Seconds a vote stays open after a late quorum.
/// @param proposalThreshold Votes (DMC in wei) needed to propose.
/// @param quorumNumerator Quorum in percent of the DMC supply.
struct GovernanceFloors {
    uint256 timelockDelay;
    uint48 votingDelay;
    uint32 votingPeriod;
    uint48 lateQuorumVoteExtension;
    uint256 proposalThreshold;
    uint256 quorumNumerator;
}

/// @title GovernanceProfile
/// @notice The floors the Governor and the timelock enforce on every change of their parameters, so that no
/// proposal can make the next one instant (a zero delay, quorum and threshold would let a 1,000 DMC holder
/// propose, pass and execute a treasury drain alone, unseen).
/// @dev Two profiles. Production (any chain): a proposal takes at least 12 h + 3 days to pass and waits 1 day
/// more in the timelock; 10,000 DMC to propose, 2% quorum. Local (chain 31337 only, refused elsewhere): the
/// minute-scale demo timings, still non-zero, with the same threshold and quorum floors.
library GovernanceProfile {
    /// @notice anvil's and forge's default chain id: the only chain the local profile may run on.
    uint256 internal constant LOCAL_CHAIN_ID = 31_337;

    /// @notice The local profile was asked for on a chain other than the local one.
    error GovernanceProfile_LocalProfileOnPublicChain(uint256 chainId);

    function floors(bool local) internal view returns (GovernanceFloors memory) {
        if (!local) {
            return GovernanceFloors({
                timelockDelay: 1 days,
                votingDelay: 12 hours,
                votingPeriod: 3 days,
                lateQuorumVoteExtension: 12 hours,
                proposalThreshold: 10_000e18,
                quorumNumerator: 2
            });
        }
        if (block.chainid != LOCAL_CHAIN_ID) revert GovernanceProfile_LocalProfileOnPublicChain(block.chainid);
        return GovernanceFloors({
            timelockDelay: 1 minutes,
            votingDelay: 1 minutes,
            votingPeriod: 1 minutes,
            lateQuorumVoteExtension: 1 minutes,
            proposalThreshold: 10_000e18,
            quorumNumerator: 2
        });
    }
}
