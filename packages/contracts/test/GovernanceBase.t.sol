// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeL2} from "@safe-global/safe-smart-account/contracts/SafeL2.sol";
import {Enum} from "@safe-global/safe-smart-account/contracts/libraries/Enum.sol";

import {DmexConfig, DmexContracts, DmexDeployment} from "../script/lib/DmexDeployment.sol";
import {DmcToken} from "../src/DmcToken.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {DmexGovernor} from "../src/governance/DmexGovernor.sol";
import {DmexTimelock} from "../src/governance/DmexTimelock.sol";
import {Allocation, VestingTranche} from "../src/types/Allocation.sol";
import {GovernorParams} from "../src/types/Governance.sol";
import {Fees} from "../src/types/Market.sol";
import {Test} from "./utils/Test.sol";

/// @notice DMEX governance deployed exactly as the deploy script wires it (through DmexDeployment), with
/// DESIGN §3.2's production parameters, voters funded from the rewards reserve, and proposal helpers.
abstract contract GovernanceBase is Test {
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 100_000e18;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint48 internal constant LATE_QUORUM_EXTENSION = 1 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant QUORUM = 4_000_000e18; // 4% of 100,000,000 DMC

    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    address internal rewardsReserve;
    address internal insuranceReserve;
    address internal proposer; // holds just above the threshold
    address internal whale; // can reach quorum alone
    uint256 internal whalePk;
    address internal minnow;
    address internal recipient;

    address[] internal councilMembers;
    uint256[] internal councilKeys;

    DmcToken internal token;
    DmexTimelock internal timelock;
    DmexGovernor internal governor;
    SafeL2 internal council;
    MinerRegistry internal registry;

    function setUp() public virtual {
        rewardsReserve = makeAddr("rewardsReserve");
        insuranceReserve = makeAddr("insuranceReserve");
        proposer = makeAddr("proposer");
        (whale, whalePk) = makeAccount("whale");
        minnow = makeAddr("minnow");
        recipient = makeAddr("recipient");
        for (uint256 i; i < 7; ++i) {
            (address member, uint256 key) = makeAccount(string.concat("council", vm.toString(i)));
            councilMembers.push(member);
            councilKeys.push(key);
        }

        DmexContracts memory c = DmexDeployment.deploy(config(), address(this));
        token = c.token;
        timelock = c.timelock;
        governor = c.governor;
        council = c.council;
        registry = c.registry;

        _giveVotes(proposer, PROPOSAL_THRESHOLD);
        _giveVotes(whale, 5_000_000e18);
        _giveVotes(minnow, 1000e18);
        // Votes count from the block after delegation: move past it so proposals made now see them.
        vm.warp(block.timestamp + 1);
    }

    function config() internal view returns (DmexConfig memory cfg) {
        Allocation memory allocation;
        allocation.rewardsReserve = rewardsReserve;
        allocation.insuranceReserve = insuranceReserve;
        allocation.tranches = new VestingTranche[](1);
        allocation.tranches[0] = VestingTranche({
            beneficiary: addressOf("team"),
            amount: 15_000_000e18,
            start: uint64(block.timestamp),
            duration: 4 * 365 days,
            cliff: 365 days
        });
        cfg.allocation = allocation;
        cfg.governor = GovernorParams({
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            proposalThreshold: PROPOSAL_THRESHOLD,
            quorumNumerator: QUORUM_PERCENT,
            lateQuorumVoteExtension: LATE_QUORUM_EXTENSION
        });
        cfg.timelockDelay = TIMELOCK_DELAY;
        cfg.councilOwners = councilMembers;
        cfg.councilThreshold = 4;
        cfg.approvalWindow = 30 days;
        cfg.unbondingPeriod = 14 days;
        cfg.oracleReporters = new address[](3);
        cfg.oracleReporters[0] = addressOf("reporter0");
        cfg.oracleReporters[1] = addressOf("reporter1");
        cfg.oracleReporters[2] = addressOf("reporter2");
        cfg.oracleQuorum = 3;
        cfg.marketFees = Fees({channelBps: 500, tradingBps: 200, insuranceShareBps: 2000});
    }

    function _giveVotes(address account, uint256 amount) internal {
        vm.prank(rewardsReserve);
        assertTrue(token.transfer(account, amount), "fund voter");
        vm.prank(account);
        token.delegate(account);
    }

    /*//////////////////////////////////////////////////////////////
                               PROPOSALS
    //////////////////////////////////////////////////////////////*/

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _single(address target, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    function _propose(Proposal memory p) internal returns (uint256 proposalId) {
        vm.prank(proposer);
        proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _descriptionHash(Proposal memory p) internal pure returns (bytes32) {
        return keccak256(bytes(p.description));
    }

    /// @dev Proposes, lets the whale vote for it, queues it and waits out the timelock.
    function _passAndQueue(Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _propose(p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
        vm.warp(governor.proposalEta(proposalId));
    }

    function _passAndExecute(Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _passAndQueue(p);
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    /*//////////////////////////////////////////////////////////////
                                COUNCIL
    //////////////////////////////////////////////////////////////*/

    /// @dev Signatures of the first `signers` council members over a council call, sorted by signer address
    /// as Safe requires.
    function _councilSignatures(address to, bytes memory data, uint256 signers)
        internal
        view
        returns (bytes memory signatures)
    {
        bytes32 txHash = council.getTransactionHash(
            to, 0, data, Enum.Operation.Call, 0, 0, 0, address(0), payable(address(0)), council.nonce()
        );
        address[] memory addrs = new address[](signers);
        uint256[] memory keys = new uint256[](signers);
        for (uint256 i; i < signers; ++i) {
            addrs[i] = councilMembers[i];
            keys[i] = councilKeys[i];
        }
        for (uint256 i; i < signers; ++i) {
            for (uint256 j = i + 1; j < signers; ++j) {
                if (addrs[j] < addrs[i]) {
                    (addrs[i], addrs[j]) = (addrs[j], addrs[i]);
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                }
            }
        }
        for (uint256 i; i < signers; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[i], txHash);
            signatures = abi.encodePacked(signatures, r, s, v);
        }
    }

    function _councilExec(address to, bytes memory data, uint256 signers) internal returns (bool) {
        bytes memory signatures = _councilSignatures(to, data, signers);
        return
            council.execTransaction(
                to, 0, data, Enum.Operation.Call, 0, 0, 0, address(0), payable(address(0)), signatures
            );
    }
}
