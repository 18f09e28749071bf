// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PauseGuardian} from "../../../../src/governance/PauseGuardian.sol";
import {IPauseGuardian} from "../../../../src/interfaces/IPauseGuardian.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

contract PauseGuardian_Governance_Concrete_Test is GovernanceBase {
    function test_RevertWhen_SomeoneButTheCouncilPauses() external {
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_NotCouncil.selector, whale));
        vm.prank(whale);
        pauseGuardian.pause(address(vault));
    }

    function test_RevertWhen_TheCouncilPausesAContractOffTheList() external {
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_NotTarget.selector, address(registry)));
        vm.prank(address(council));
        pauseGuardian.pause(address(registry));
    }

    function test_RevertWhen_TheDaoPausedFirst() external {
        vm.prank(address(timelock));
        vault.pause();
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_AlreadyPaused.selector, address(vault)));
        vm.prank(address(council));
        pauseGuardian.pause(address(vault));
    }

    function test_RevertWhen_NothingWasPausedByTheCouncil() external {
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_NotExpired.selector, address(vault), 0));
        pauseGuardian.unpause(address(vault));
    }

    function test_WhenTheDaoUnpausedEarly_TheExpiryIsANoOp() external {
        vm.prank(address(council));
        pauseGuardian.pause(address(vault));
        vm.prank(address(timelock));
        vault.unpause();
        vm.warp(block.timestamp + MAX_PAUSE);
        pauseGuardian.unpause(address(vault));
        assertFalse(vault.paused(), "still unpaused");
    }

    function test_WhenTheDaoRevokesTheGuardiansAdminRole_ThePauseOutlivesTheBound() external {
        vm.prank(address(council));
        pauseGuardian.pause(address(vault));
        bytes32 admin = vault.DEFAULT_ADMIN_ROLE();
        vm.prank(address(timelock));
        vault.revokeRole(admin, address(pauseGuardian));
        vm.warp(block.timestamp + MAX_PAUSE);
        vm.expectRevert();
        pauseGuardian.unpause(address(vault));
        assertTrue(vault.paused(), "the DAO keeps it paused");
    }

    function test_WhenTheDaoSetsTheBoundAndTheList_TheyApply() external {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(pauseGuardian));
        emit IPauseGuardian.MaxPauseDurationSet(1 days);
        pauseGuardian.setMaxPauseDuration(1 days);
        pauseGuardian.setTarget(address(marketplace), false);
        vm.stopPrank();
        assertEq(pauseGuardian.maxPauseDuration(), 1 days, "bound");
        assertFalse(pauseGuardian.isTarget(address(marketplace)), "delisted");
    }

    function test_RevertWhen_SomeoneButTheDaoSetsTheBoundOrTheList() external {
        vm.startPrank(address(council));
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_NotTimelock.selector, address(council)));
        pauseGuardian.setMaxPauseDuration(30 days);
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_NotTimelock.selector, address(council)));
        pauseGuardian.setTarget(address(registry), true);
        vm.stopPrank();
    }

    function test_RevertWhen_TheBoundIsZeroOrOverThirtyDays() external {
        uint64 max = pauseGuardian.MAX_PAUSE_DURATION();
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_InvalidDuration.selector, 0));
        pauseGuardian.setMaxPauseDuration(0);
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_InvalidDuration.selector, max + 1));
        pauseGuardian.setMaxPauseDuration(max + 1);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.PauseGuardian_InvalidDuration.selector, 0));
        new PauseGuardian(address(timelock), address(council), 0);
    }

    function test_TheGuardSupportsTheSafeGuardInterface() external view {
        assertTrue(councilGuard.supportsInterface(0xe6d7a83a), "ITransactionGuard");
        assertTrue(councilGuard.supportsInterface(0x01ffc9a7), "IERC165");
        assertFalse(councilGuard.supportsInterface(0xffffffff), "nothing else");
    }
}
