// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ModuleManager} from "@safe-global/safe-smart-account/contracts/base/ModuleManager.sol";
import {OwnerManager} from "@safe-global/safe-smart-account/contracts/base/OwnerManager.sol";
import {Enum} from "@safe-global/safe-smart-account/contracts/libraries/Enum.sol";

import {DmexConfig, DmexContracts, DmexDeployment} from "../../../../script/lib/DmexDeployment.sol";
import {CouncilGuard} from "../../../../src/governance/CouncilGuard.sol";
import {ICouncilGate} from "../../../../src/interfaces/ICouncilGate.sol";
import {ICouncilGuard} from "../../../../src/interfaces/ICouncilGuard.sol";
import {IPauseGuardian} from "../../../../src/interfaces/IPauseGuardian.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

/// @notice Writes the Safe's module list directly: what a delegate call from the council could do.
contract ModuleWiper {
    function wipe() external {
        assembly {
            sstore(0, 0)
        }
    }
}

/// @notice Issue 15's council findings, one test each, with the council's four signers as the attacker.
contract HostileCouncil_Governance_Concrete_Test is GovernanceBase {
    bytes32 private constant SALT = keccak256("hostile");

    function _timelockId(Proposal memory p) private view returns (bytes32) {
        bytes32 salt = bytes20(address(governor)) ^ _descriptionHash(p);
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
    }

    /// Finding: "the council holds the timelock's canceller role, so it can cancel the DAO's proposal that
    /// removes it, forever".
    function test_WhenTheCouncilCancelsTheDaoProposalRemovingIt_ItCannot() external {
        Proposal memory p = _removeCouncil();
        uint256 proposalId = _passAndQueue(p);
        bytes32 id = _timelockId(p);

        // Straight at the timelock: the Safe holds no role.
        _councilExpectRevert(
            address(timelock),
            abi.encodeCall(TimelockController.cancel, (id)),
            Enum.Operation.Call,
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(council), timelock.CANCELLER_ROLE()
            )
        );
        // Through its gate: the gate cancels council operations only.
        _councilExpectRevert(
            address(councilGate),
            abi.encodeCall(ICouncilGate.cancel, (id)),
            Enum.Operation.Call,
            abi.encodeWithSelector(ICouncilGate.CouncilGate_NotPendingCouncilOperation.selector, id)
        );

        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed), "executed");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(councilGate)), "council removed");
    }

    /// Required: "the council cannot delay a DAO proposal that revokes it": scheduling the DAO's batch first,
    /// with a delay of a century, would make the Governor's `queue` revert for ever.
    function test_WhenTheCouncilPreSchedulesTheDaoBatch_TheDaoStillQueues() external {
        Proposal memory p = _removeCouncil();
        uint256 proposalId = _propose(p);
        // The council's batch gets a salt of its own, whatever salt it picks: no collision with the Governor's.
        bytes32 governorSalt = bytes20(address(governor)) ^ _descriptionHash(p);
        bytes memory call = abi.encodeCall(
            ICouncilGate.schedule, (p.targets, p.values, p.calldatas, governorSalt, uint256(100 * 365 days))
        );
        // Its calls are forbidden anyway (the timelock's roles).
        _councilExpectRevert(
            address(councilGate),
            call,
            Enum.Operation.Call,
            abi.encodeWithSelector(
                ICouncilGate.CouncilGate_Forbidden.selector, address(timelock), IAccessControl.revokeRole.selector
            )
        );
        assertTrue(
            councilGate.hashOperation(p.targets, p.values, p.calldatas, governorSalt) != _timelockId(p), "own salt"
        );

        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(whale);
        governor.castVote(proposalId, FOR);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Queued), "queued");
    }

    /// The council cannot reach the governance machinery or any role through the timelock.
    function test_RevertWhen_TheCouncilSchedulesAGovernanceCall() external {
        address[8] memory targets = [
            address(timelock),
            address(governor),
            address(councilGate),
            address(council),
            address(councilGuard),
            address(pauseGuardian),
            address(vault),
            address(token)
        ];
        bytes[8] memory calls = [
            abi.encodeCall(TimelockController.updateDelay, (0)),
            abi.encodeCall(governor.relay, (address(token), 0, "")),
            abi.encodeCall(ICouncilGate.cancel, (bytes32(0))),
            abi.encodeCall(OwnerManager.changeThreshold, (1)),
            abi.encodeCall(ICouncilGuard.execute, (address(council), "")),
            abi.encodeCall(IPauseGuardian.setMaxPauseDuration, (30 days)),
            abi.encodeCall(IAccessControl.renounceRole, (bytes32(0), address(timelock))),
            abi.encodeWithSignature("delegate(address)", address(council))
        ];
        for (uint256 i; i < targets.length; ++i) {
            (address[] memory t, uint256[] memory v, bytes[] memory d) = _one(targets[i], calls[i]);
            _councilExpectRevert(
                address(councilGate),
                abi.encodeCall(ICouncilGate.schedule, (t, v, d, SALT, TIMELOCK_DELAY)),
                Enum.Operation.Call,
                abi.encodeWithSelector(ICouncilGate.CouncilGate_Forbidden.selector, targets[i], bytes4(calls[i]))
            );
        }
        // Nor can anyone but the council use the gate.
        (address[] memory t1, uint256[] memory v1, bytes[] memory d1) = _one(address(token), "");
        vm.expectRevert(abi.encodeWithSelector(ICouncilGate.CouncilGate_NotCouncil.selector, whale));
        vm.prank(whale);
        councilGate.schedule(t1, v1, d1, SALT, TIMELOCK_DELAY);
    }

    /// Finding: "the DAO cannot cancel a council-scheduled operation at any speed". A full proposal takes a
    /// voting delay, a voting period and a timelock delay: the council's operation (the timelock delay alone)
    /// would have executed. The veto cancels it at once.
    function test_WhenTheCouncilSchedulesATreasuryDrain_TheDaoVetoesItBeforeItExecutes() external {
        bytes memory drain = abi.encodeCall(IERC20.transfer, (councilMembers[0], 1_000_000e18));
        bytes32 id = _councilSchedule(address(token), drain, SALT);
        assertEq(councilGate.vetoQuorum(id), QUORUM, "veto quorum: the Governor's");

        // Votes bought after the scheduling count for nothing.
        _giveVotes(recipient, QUORUM);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(ICouncilGate.CouncilGate_NoVotes.selector, id, recipient));
        vm.prank(recipient);
        councilGate.veto(id);

        // Below quorum the operation stays; a second veto by the same voter is refused.
        vm.prank(proposer);
        councilGate.veto(id);
        assertEq(councilGate.vetoVotes(id), PROPOSAL_THRESHOLD, "counted");
        assertTrue(timelock.isOperationPending(id), "still pending");
        vm.expectRevert(abi.encodeWithSelector(ICouncilGate.CouncilGate_AlreadyVetoed.selector, id, proposer));
        vm.prank(proposer);
        councilGate.veto(id);

        // The whale's 5M reach the 4M quorum: cancelled, the same second.
        vm.expectEmit(address(councilGate));
        emit ICouncilGate.CouncilOperationCancelled(id, whale);
        vm.prank(whale);
        councilGate.veto(id);
        assertFalse(timelock.isOperationPending(id), "cancelled");

        (address[] memory t, uint256[] memory v, bytes[] memory d) = _one(address(token), drain);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert();
        timelock.executeBatch(t, v, d, 0, keccak256(abi.encode(address(councilGate), SALT)));
        assertEq(token.balanceOf(councilMembers[0]), 0, "nothing drained");

        vm.expectRevert(abi.encodeWithSelector(ICouncilGate.CouncilGate_NotPendingCouncilOperation.selector, id));
        councilGate.veto(id);
    }

    /// The DAO's slow path: a proposal calling the gate's `cancel`, for council operations with a long delay.
    function test_WhenTheDaoProposesToCancelACouncilOperation_ItIsCancelled() external {
        (address[] memory t, uint256[] memory v, bytes[] memory d) =
            _one(address(token), abi.encodeCall(IERC20.transfer, (recipient, 1e18)));
        bytes memory call = abi.encodeCall(ICouncilGate.schedule, (t, v, d, SALT, uint256(30 days)));
        assertTrue(_councilExec(address(councilGate), call, 4), "scheduled for a month");
        bytes32 id = councilGate.hashOperation(t, v, d, SALT);

        _passAndExecute(_single(address(councilGate), abi.encodeCall(ICouncilGate.cancel, (id)), "Stop it"));
        assertFalse(timelock.isOperationPending(id), "cancelled by the DAO");

        vm.expectRevert(abi.encodeWithSelector(ICouncilGate.CouncilGate_NotTimelockOrCouncil.selector, whale));
        vm.prank(whale);
        councilGate.cancel(id);
    }

    function test_WhenTheCouncilCancelsItsOwnOperation_ItIsCancelled() external {
        bytes32 id = _councilSchedule(address(token), abi.encodeCall(IERC20.transfer, (recipient, 1e18)), SALT);
        assertTrue(_councilExec(address(councilGate), abi.encodeCall(ICouncilGate.cancel, (id)), 4), "cancel");
        assertFalse(timelock.isOperationPending(id), "cancelled");
    }

    /// Finding: "four council signatures can disableModule the timelock from the Safe at once, ending the
    /// DAO's power to change the council". Also every other way out: another module, a new guard, a module
    /// guard, a delegate call rewriting the Safe's storage.
    function test_WhenTheCouncilRemovesTheDaoModule_TheGuardRefuses() external {
        address sentinel = address(0x1);
        bytes[4] memory calls = [
            abi.encodeCall(ModuleManager.disableModule, (sentinel, address(councilGuard))),
            abi.encodeCall(ModuleManager.enableModule, (councilMembers[0])),
            abi.encodeWithSignature("setGuard(address)", address(0)),
            abi.encodeCall(ModuleManager.setModuleGuard, (councilMembers[0]))
        ];
        for (uint256 i; i < calls.length; ++i) {
            _councilExpectRevert(
                address(council),
                calls[i],
                Enum.Operation.Call,
                abi.encodeWithSelector(ICouncilGuard.CouncilGuard_Forbidden.selector, bytes4(calls[i]))
            );
        }
        address wiper = address(new ModuleWiper());
        _councilExpectRevert(
            wiper,
            abi.encodeCall(ModuleWiper.wipe, ()),
            Enum.Operation.DelegateCall,
            abi.encodeWithSelector(ICouncilGuard.CouncilGuard_DelegateCall.selector, wiper)
        );
        assertTrue(council.isModuleEnabled(address(councilGuard)), "the DAO's module stays");

        // The council still manages its own members.
        assertTrue(
            _councilExec(address(council), abi.encodeCall(OwnerManager.changeThreshold, (5)), 4), "own threshold"
        );
        assertEq(council.getThreshold(), 5, "changed");
    }

    /// Finding: "a DAO change of council owners can report Executed while changing nothing".
    function test_WhenTheDaoCouncilChangeFails_TheProposalReverts() external {
        // Removing an owner with the wrong predecessor: the Safe refuses (GS205); so does the proposal.
        address leaver = councilMembers[6];
        bytes memory removal = abi.encodeCall(OwnerManager.removeOwner, (address(0xbeef), leaver, 4));
        Proposal memory p = _single(
            address(councilGuard), abi.encodeCall(CouncilGuard.execute, (address(council), removal)), "Remove 6"
        );
        uint256 proposalId = _passAndQueue(p);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICouncilGuard.CouncilGuard_CallFailed.selector,
                address(council),
                abi.encodeWithSignature("Error(string)", "GS205")
            )
        );
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Queued), "not executed");
        assertTrue(council.isOwner(leaver), "nothing changed, and nothing claims it did");

        vm.expectRevert(abi.encodeWithSelector(ICouncilGuard.CouncilGuard_NotTimelock.selector, whale));
        vm.prank(whale);
        councilGuard.execute(address(council), removal);
    }

    /// Finding: "the council can pause the vault indefinitely and cancel the unpause".
    function test_WhenTheCouncilPausesTheVault_ThePauseEndsAfterTheDaoBound() external {
        // The council has no role on the vault itself.
        _councilExpectRevert(
            address(vault),
            abi.encodeWithSignature("pause()"),
            Enum.Operation.Call,
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(council), vault.PAUSER_ROLE()
            )
        );
        bytes memory pauseVault = abi.encodeCall(IPauseGuardian.pause, (address(vault)));
        assertTrue(_councilExec(address(pauseGuardian), pauseVault, 4), "council pauses");
        assertTrue(vault.paused(), "paused");
        uint64 until = uint64(block.timestamp) + MAX_PAUSE;
        assertEq(pauseGuardian.pausedUntil(address(vault)), until, "until the bound");

        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_NotExpired.selector, address(vault), until));
        pauseGuardian.unpause(address(vault));

        vm.warp(until);
        vm.prank(minnow); // anyone ends it
        pauseGuardian.unpause(address(vault));
        assertFalse(vault.paused(), "unpaused after the bound");

        // And the council cannot chain pauses: as long again must pass first.
        _councilExpectRevert(
            address(pauseGuardian),
            pauseVault,
            Enum.Operation.Call,
            abi.encodeWithSelector(IPauseGuardian.PauseGuardian_CoolingDown.selector, address(vault), until + MAX_PAUSE)
        );
        vm.warp(until + MAX_PAUSE);
        assertTrue(_councilExec(address(pauseGuardian), pauseVault, 4), "pauses again after the cool-down");
    }

    function test_WhenTheDaoUnpausesTheVault_TheCouncilCannotCancelIt() external {
        assertTrue(
            _councilExec(address(pauseGuardian), abi.encodeCall(IPauseGuardian.pause, (address(vault))), 4), "pause"
        );
        Proposal memory p = _single(address(vault), abi.encodeWithSignature("unpause()"), "Unpause the vault");
        _passAndQueue(p);
        _councilExpectRevert(
            address(timelock),
            abi.encodeCall(TimelockController.cancel, (_timelockId(p))),
            Enum.Operation.Call,
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(council), timelock.CANCELLER_ROLE()
            )
        );
        governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertFalse(vault.paused(), "the DAO unpaused");
    }

    function test_WhenTheCouncilPausesTheMarketplace_ThePauseEndsAfterTheBound() external {
        assertTrue(
            _councilExec(address(pauseGuardian), abi.encodeCall(IPauseGuardian.pause, (address(marketplace))), 4),
            "pause"
        );
        assertTrue(marketplace.paused(), "paused");
        vm.warp(block.timestamp + MAX_PAUSE);
        pauseGuardian.unpause(address(marketplace));
        assertFalse(marketplace.paused(), "unpaused");
    }

    /// Finding: "the 50M rewards reserve is a plain address whose delegated votes alone are 12 x quorum".
    function test_WhenTheRewardsReserveIsNotGiven_TheTimelockHoldsItAndItCastsNoVote() external {
        // The deployment's default (a zero reserve) is what a public deployment uses.
        DmexConfig memory cfg = config();
        cfg.allocation.rewardsReserve = address(0);
        DmexContracts memory c = DmexDeployment.deploy(cfg, address(this));
        assertEq(c.token.balanceOf(address(c.timelock)), 90_000_000e18 - 15_000_000e18, "rewards + treasury");
        vm.warp(block.timestamp + 1);
        assertEq(c.token.getVotes(address(c.timelock)), 0, "the reserve casts no vote");
        assertEq(c.token.delegates(address(c.timelock)), address(0), "and delegates none");
    }
}
