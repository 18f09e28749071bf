// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract Resume_RiskControlVault_Concrete_Test is VaultTestBase {
    function test_RevertWhen_CallerIsNotTheAdmin() external {
        uint256 offeringId = frozenOffering();
        vm.expectRevert(unauthorizedError(council, vault.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        vault.resume(offeringId);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(1));
        resumeOffering(1);
    }

    function test_RevertGiven_OfferingIsActive() external {
        uint256 offeringId = createDefaultOffering();
        vm.expectRevert(statusError(offeringId, OfferingStatus.Active));
        resumeOffering(offeringId);
    }

    function test_RevertGiven_OfferingIsTerminated() external {
        uint256 offeringId = frozenOffering();
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        resumeOffering(offeringId);
    }

    function test_RevertGiven_OfferingIsFinished() external {
        uint256 offeringId = createDefaultOffering();
        warpToDay(today + TERM);
        vault.finish(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        resumeOffering(offeringId);
    }

    function test_GivenFrozen_ItUnfreezesAndRecordsTheDay() external {
        uint256 offeringId = frozenOffering();
        assertEq(vault.frozenOfferingsOf(miner), 1, "frozen count before");
        uint32 day = today + 7;

        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingResumed(offeringId, day);
        vm.expectEmit(address(certificate));
        emit IERC4906.BatchMetadataUpdate(tokenOf(offeringId, 1), tokenOf(offeringId, type(uint32).max));
        resumeOffering(offeringId);

        assertOfferingStatus(offeringId, OfferingStatus.Active, "active");
        assertEq(offeringOf(offeringId).resumedDay, day, "resumed day");
        assertEq(vault.frozenOfferingsOf(miner), 0, "frozen count after");

        // Sales, deposits and new offerings work again.
        sell(tokenOf(offeringId, 2), buyer2, PRICE);
        assertEq(offeringOf(offeringId).soldUnits, 2 * UNITS, "sold again");
        createOfferingAs(miner, defaultOffering());
        assertEq(vault.offeringCount(), 2, "new offering");
    }

    function test_GivenFrozenAndDeliveredMeanwhile_TheMinerWithdrawsAgain() external {
        uint256 offeringId = frozenOffering();
        // Days 0-6 delivered late while frozen: delivered at the threshold, but no escrow moves until resumed.
        for (uint32 day = today; day < today + 7; ++day) {
            deliver(offeringId, day, DAILY_YIELD);
        }
        assertEq(offeringOf(offeringId).nextDay, today + 7, "delivered");
        assertEq(vault.escrowReleased(offeringId), 0, "frozen: nothing released");
        assertEq(vault.withdrawable(offeringId), 0, "frozen: nothing withdrawable");

        resumeOffering(offeringId);
        assertEq(vault.escrowReleased(offeringId), 7 * (PRICE / TERM), "released by the resume");
        assertEq(vault.withdrawable(offeringId), 7 * PRICE / TERM, "withdrawable after resume");
        assertEq(withdrawAs(miner, offeringId), 7 * PRICE / TERM, "withdrawn");
    }
}
