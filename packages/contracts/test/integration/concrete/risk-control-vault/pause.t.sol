// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract Pause_RiskControlVault_Concrete_Test is VaultTestBase {
    function test_RevertWhen_CallerIsNotAPauser() external {
        vm.expectRevert(unauthorizedError(stranger, vault.PAUSER_ROLE()));
        vm.prank(stranger);
        vault.pause();
    }

    function test_RevertGiven_AlreadyPaused() external {
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        pauseVault();
    }

    function test_WhenCallerIsTheCouncil_ItPauses() external {
        vm.expectEmit(address(vault));
        emit Pausable.Paused(council);
        pauseVault();
        assertTrue(vault.paused(), "paused");
    }

    function test_WhenCallerIsTheTimelock_ItPauses() external {
        vm.prank(timelock);
        vault.pause();
        assertTrue(vault.paused(), "paused");
    }
}

contract Unpause_RiskControlVault_Concrete_Test is VaultTestBase {
    function test_RevertWhen_CallerIsTheCouncil() external {
        pauseVault();
        vm.expectRevert(unauthorizedError(council, vault.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        vault.unpause();
    }

    function test_RevertGiven_NotPaused() external {
        vm.expectRevert(abi.encodeWithSignature("ExpectedPause()"));
        vm.prank(timelock);
        vault.unpause();
    }

    function test_WhenCallerIsTheAdmin_ItUnpauses() external {
        pauseVault();
        vm.expectEmit(address(vault));
        emit Pausable.Unpaused(timelock);
        vm.prank(timelock);
        vault.unpause();
        assertFalse(vault.paused(), "unpaused");
        createDefaultOffering();
        assertEq(vault.offeringCount(), 1, "offerings again");
    }
}

/// @notice What a pause stops (offerings, sales, withdrawals, splits, merges) and what it never stops (claims,
/// refunds, deposits, flags; also closing the sale, finishing, burning and the DAO's decisions).
contract WhenPaused_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal sold;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        sold = tokenOf(offeringId, 1);
        sell(sold, buyer, PRICE);
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        pauseVault();
    }

    function test_RevertWhen_CreatingAnOffering() external {
        vm.expectRevert(enforcedPauseError());
        createOfferingAs(miner, defaultOffering());
    }

    function test_RevertWhen_RecordingASale() external {
        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
        vm.expectRevert(enforcedPauseError());
        vm.prank(seller);
        vault.recordPrimarySale(offeringId, buyer, UNITS, PRICE, false);
    }

    function test_RevertWhen_WithdrawingEscrow() external {
        vm.expectRevert(enforcedPauseError());
        withdrawAs(miner, offeringId);
    }

    function test_RevertWhen_Splitting() external {
        vm.expectRevert(enforcedPauseError());
        splitAs(buyer, sold, 1);
    }

    function test_RevertWhen_Merging() external {
        vm.expectRevert(enforcedPauseError());
        mergeAs(buyer, sold, tokenOf(offeringId, 2));
    }

    function test_WhenClaiming_ItPays() external {
        assertEq(claimAs(buyer, ids(sold)), 2 * DAILY_YIELD, "claimed");
    }

    function test_WhenDepositing_ItAccepts() external {
        warpToDay(today + 3);
        deliver(offeringId, today + 2, DAILY_YIELD);
        assertEq(offeringOf(offeringId).nextDay, today + 3, "delivered");
    }

    function test_WhenFlagging_ItFreezes() external {
        warpToDay(today + 9);
        flagAs(stranger, offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");
    }

    function test_WhenRefunding_ItPays() external {
        terminateOffering(offeringId);
        assertEq(refundAs(buyer, ids(sold)), PRICE * 28 / 30, "refunded");
    }

    function test_WhenCancellingFinishingOrBurning_ItWorks() external {
        vm.prank(miner);
        assertEq(vault.closeSale(offeringId), UNITS * (COUNT - 1), "the unsold units returned");

        deliverDays(offeringId, today + 2, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        claimAs(buyer, ids(sold));
        vm.prank(buyer);
        vault.burn(sold);
        assertEq(certificate.balanceOf(buyer), 0, "burned");
    }
}
