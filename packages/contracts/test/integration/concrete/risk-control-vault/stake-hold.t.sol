// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice Stake that backs what it promises (issue 15, item 7): an offering that is flagged, or terminated
/// without a slashing decision, holds its miner's whole stake in the registry; the DAO's decision ("slash" or
/// "no slash") or a resume releases it. And item 8: replacing the registry's offering manager does not strand
/// the offerings the old one runs.
contract StakeHold_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal constant EXTRA = 10_000e18;
    uint256 internal constant SLASH = 5000e18;

    function heldError(uint256 held) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IMinerRegistry.MinerRegistry_StakeHeld.selector, miner, held);
    }

    function noHoldError(uint256 offeringId) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NoStakeHold.selector, address(vault), offeringId);
    }

    function decide(uint256 offeringId, uint256 amount) internal {
        vm.prank(timelock);
        registry.decideSlash(address(vault), offeringId, amount, "missed deliveries");
    }

    /// @notice Finding (issue 15): stake above the required amount could be withdrawn while an offering was
    /// frozen.
    function test_GivenAFlaggedOffering_StakeAboveTheRequiredCannotBeUnstaked() external {
        uint256 offeringId = createDefaultOffering();
        stakeAs(miner, EXTRA);
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        warpToDay(today + 7);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.StakeHeld(miner, address(vault), offeringId, false, 1);
        flagAs(stranger, offeringId);
        assertEq(registry.stakeHolds(miner), 1, "held by the flagged offering");

        vm.expectRevert(heldError(1));
        requestUnstakeAs(miner, EXTRA);

        vm.expectEmit(address(registry));
        emit IMinerRegistry.StakeReleased(miner, address(vault), offeringId, 0, 0);
        resumeOffering(offeringId);
        assertEq(registry.stakeHolds(miner), 0, "released by the resume");
        requestUnstakeAs(miner, EXTRA);
        assertEq(registry.minerOf(miner).pendingWithdrawal, EXTRA, "the excess may leave again");
    }

    /// @notice Finding (issue 15): after `terminate` the miner could unstake everything unless the slash was in
    /// the same batch. Now the stake stays until the DAO records its decision.
    function test_GivenATerminatedOffering_TheStakeStaysUntilTheDaoDecides() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        terminateOffering(offeringId);
        assertEq(registry.minerOf(miner).liveOfferings, 0, "no live offering left");
        assertEq(registry.stakeHolds(miner), 1, "held until the decision");
        vm.expectRevert(heldError(1));
        requestUnstakeAs(miner, REQUIRED_STAKE);

        uint256 insuranceBefore = token.balanceOf(registry.insuranceReserve());
        vm.expectEmit(address(registry));
        emit IMinerRegistry.StakeReleased(miner, address(vault), offeringId, SLASH, 0);
        decide(offeringId, SLASH);
        assertEq(registry.stakeHolds(miner), 0, "released by the decision");
        assertEq(registry.minerOf(miner).stake, REQUIRED_STAKE - SLASH, "slashed");
        assertEq(token.balanceOf(registry.insuranceReserve()) - insuranceBefore, SLASH, "to the insurance reserve");
        requestUnstakeAs(miner, REQUIRED_STAKE - SLASH);

        vm.expectRevert(noHoldError(offeringId));
        decide(offeringId, 0);
    }

    function test_GivenAPendingWithdrawal_ItCannotBeWithdrawnWhileHeld() external {
        uint256 offeringId = createDefaultOffering();
        stakeAs(miner, EXTRA);
        requestUnstakeAs(miner, EXTRA);
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        terminateOffering(offeringId);
        vm.warp(registry.minerOf(miner).unlockAt);
        vm.expectRevert(heldError(1));
        vm.prank(miner);
        registry.withdrawStake();

        decide(offeringId, 0); // "no slash"
        vm.prank(miner);
        registry.withdrawStake();
        assertEq(registry.minerOf(miner).pendingWithdrawal, 0, "withdrawn after the decision");
    }

    function test_GivenAFlaggedThenTerminatedOffering_OneHoldWaitsForTheDecision() external {
        uint256 offeringId = frozenOffering();
        vm.expectRevert(noHoldError(offeringId));
        decide(offeringId, 0); // flagged, not terminated: no decision yet
        vm.expectEmit(address(registry));
        emit IMinerRegistry.StakeHeld(miner, address(vault), offeringId, true, 1);
        terminateOffering(offeringId);
        assertEq(registry.stakeHolds(miner), 1, "one hold, not two");
        decide(offeringId, 0);
        assertEq(registry.stakeHolds(miner), 0, "released");
        assertEq(registry.minerOf(miner).stake, REQUIRED_STAKE, "no slash");
    }

    function test_RevertWhen_AStrangerCallsTheHoldHooks() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, stranger));
        vm.prank(stranger);
        registry.holdStake(miner, 1, true);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, stranger));
        vm.prank(stranger);
        registry.releaseStake(1);
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NoStakeHold.selector, address(vault), uint256(1))
        );
        vm.prank(address(vault));
        registry.releaseStake(1);
    }

    /// @notice Finding (issue 15): changing the registry's offering manager stranded existing offerings (their
    /// terminate, finish and unsold cancellation called hooks only the new manager could call).
    function test_GivenTheOfferingManagerChanged_OldOfferingsStillCloseAndRefund() external {
        uint256 offeringId = createDefaultOffering();
        uint256 first = tokenOf(offeringId, 1);
        sell(first, buyer, PRICE);
        address newManager = makeAddr("vault v2");
        vm.prank(timelock);
        registry.setOfferingManager(newManager);
        assertTrue(registry.isRetiredOfferingManager(address(vault)), "the old vault is retired");
        assertFalse(registry.isRetiredOfferingManager(newManager), "the new one is current");

        uint256 usedBefore = registry.minerOf(miner).usedCapacity;
        vm.prank(miner);
        vault.closeSale(offeringId);
        assertEq(
            usedBefore - registry.minerOf(miner).usedCapacity, UNITS * (COUNT - 1), "capacity released by the old vault"
        );

        terminateOffering(offeringId);
        assertEq(uint8(vault.offering(offeringId).status), uint8(OfferingStatus.Terminated), "terminated");
        assertEq(registry.minerOf(miner).liveOfferings, 0, "closed in the registry");
        assertGt(refundAs(buyer, ids(first)), 0, "refunded");
        decide(offeringId, 0);
        assertEq(registry.stakeHolds(miner), 0, "the old vault's hold is decided");

        // A retired manager closes what it runs but opens nothing new.
        vm.expectRevert(
            abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, address(vault))
        );
        createOfferingAs(miner, defaultOffering());

        // Named again, it is current, not retired.
        vm.prank(timelock);
        registry.setOfferingManager(address(vault));
        assertTrue(registry.isRetiredOfferingManager(newManager), "v2 retired");
        assertFalse(registry.isRetiredOfferingManager(address(vault)), "current again");
    }
}
