// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeL2} from "@safe-global/safe-smart-account/contracts/SafeL2.sol";
import {Enum} from "@safe-global/safe-smart-account/contracts/libraries/Enum.sol";

import {DmexConfig, DmexContracts, DmexDeployment} from "../script/lib/DmexDeployment.sol";
import {DmcToken} from "../src/DmcToken.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {RiskControlVault} from "../src/RiskControlVault.sol";
import {CouncilGate} from "../src/governance/CouncilGate.sol";
import {CouncilGuard} from "../src/governance/CouncilGuard.sol";
import {DmexGovernor} from "../src/governance/DmexGovernor.sol";
import {DmexTimelock} from "../src/governance/DmexTimelock.sol";
import {PauseGuardian} from "../src/governance/PauseGuardian.sol";
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
    uint64 internal constant MAX_PAUSE = 3 days;

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
    CouncilGate internal councilGate;
    CouncilGuard internal councilGuard;
    PauseGuardian internal pauseGuardian;
    MinerRegistry internal registry;
    RiskControlVault internal vault;
    Marketplace internal marketplace;

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
        councilGate = c.councilGate;
        councilGuard = c.councilGuard;
        pauseGuardian = c.pauseGuardian;
        registry = c.registry;
        vault = c.vault;
        marketplace = c.marketplace;

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
        cfg.maxPauseDuration = MAX_PAUSE;
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

    /// @dev The DAO's proposal that ends the council's access to the timelock.
    function _removeCouncil() internal view returns (Proposal memory p) {
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(timelock);
        p.targets[1] = address(timelock);
        p.calldatas[0] = abi.encodeCall(IAccessControl.revokeRole, (timelock.PROPOSER_ROLE(), address(councilGate)));
        p.calldatas[1] = abi.encodeCall(IAccessControl.revokeRole, (timelock.CANCELLER_ROLE(), address(councilGate)));
        p.description = "End the bootstrap council's powers";
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
        return _councilSignatures(to, data, Enum.Operation.Call, signers);
    }

    function _councilSignatures(address to, bytes memory data, Enum.Operation operation, uint256 signers)
        internal
        view
        returns (bytes memory signatures)
    {
        bytes32 txHash = council.getTransactionHash(
            to, 0, data, operation, 0, 0, 0, address(0), payable(address(0)), council.nonce()
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

    /// @dev The four-member council's transaction, expected to revert with `reason` (Safe 1.5 passes a guard's
    /// or a callee's revert on).
    function _councilExpectRevert(address to, bytes memory data, Enum.Operation operation, bytes memory reason)
        internal
    {
        bytes memory signatures = _councilSignatures(to, data, operation, 4);
        vm.expectRevert(reason);
        council.execTransaction(to, 0, data, operation, 0, 0, 0, address(0), payable(address(0)), signatures);
    }

    /// @dev The council's one-call operation through its gate, with the minimum delay; returns its id.
    function _councilSchedule(address target, bytes memory data, bytes32 salt) internal returns (bytes32 id) {
        (address[] memory targets, uint256[] memory values, bytes[] memory payloads) = _one(target, data);
        id = councilGate.hashOperation(targets, values, payloads, salt);
        bytes memory call =
            abi.encodeCall(CouncilGate.schedule, (targets, values, payloads, salt, timelock.getMinDelay()));
        assertTrue(_councilExec(address(councilGate), call, 4), "council schedules");
    }

    function _one(address target, bytes memory data)
        internal
        pure
        returns (address[] memory targets, uint256[] memory values, bytes[] memory payloads)
    {
        targets = new address[](1);
        targets[0] = target;
        values = new uint256[](1);
        payloads = new bytes[](1);
        payloads[0] = data;
    }
}
