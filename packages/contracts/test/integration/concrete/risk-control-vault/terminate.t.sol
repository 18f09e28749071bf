// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract Terminate_RiskControlVault_Concrete_Test is VaultTestBase {
    function test_RevertWhen_CallerIsNotTheAdmin() external {
        uint256 offeringId = createDefaultOffering();
        vm.expectRevert(unauthorizedError(council, vault.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        vault.terminate(offeringId);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(3));
        terminateOffering(3);
    }

    function test_RevertGiven_AlreadyTerminated() external {
        uint256 offeringId = createDefaultOffering();
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        terminateOffering(offeringId);
    }

    function test_RevertGiven_Finished() external {
        uint256 offeringId = createDefaultOffering();
        warpToDay(today + TERM);
        vault.finish(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        terminateOffering(offeringId);
    }

    function test_GivenActive_ItTerminatesAndReleasesTheCapacity() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        deliverDays(offeringId, today, today + 3, DAILY_YIELD);
        assertEq(minerRecord(miner).usedCapacity, UNITS * COUNT, "reserved before");

        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingTerminated(offeringId, today + 3, today + 3, PRICE * 3 / 30);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, UNITS * COUNT, 0, 0);
        vm.expectEmit(address(certificate));
        emit IERC4906.BatchMetadataUpdate(tokenOf(offeringId, 1), tokenOf(offeringId, type(uint32).max));
        terminateOffering(offeringId);

        assertOfferingStatus(offeringId, OfferingStatus.Terminated, "terminated");
        assertEq(offeringOf(offeringId).reservedUnits, 0, "nothing reserved");
        assertEq(minerRecord(miner).usedCapacity, 0, "capacity back");
        assertEq(minerRecord(miner).liveOfferings, 0, "no live offering");
        assertEq(vault.frozenOfferingsOf(miner), 0, "not frozen");
        // Escrow of the 27 undelivered days is refundable; the 3 delivered stay the miner's.
        assertEq(vault.refundable(tokenOf(offeringId, 1)), PRICE * 27 / 30, "refundable");
        assertEq(vault.escrowReleased(offeringId), PRICE * 3 / 30, "released");
    }

    function test_GivenFrozen_ItUnfreezesTheMiner() external {
        uint256 offeringId = frozenOffering();
        assertEq(vault.frozenOfferingsOf(miner), 1, "frozen");
        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingTerminated(offeringId, today + 7, today, 0);
        terminateOffering(offeringId);
        assertEq(vault.frozenOfferingsOf(miner), 0, "unfrozen");
        assertEq(vault.refundable(tokenOf(offeringId, 1)), PRICE, "nothing delivered: all refundable");
        createOfferingAs(miner, defaultOffering());
        assertEq(vault.offeringCount(), 2, "the miner opens offerings again");
    }

    function test_GivenTerminated_SalesDepositsSplitsAndMergesStop() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        warpToDay(today + 1);
        terminateOffering(offeringId);

        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        vm.prank(seller);
        vault.recordPrimarySale(offeringId, buyer, UNITS, PRICE, false);

        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        vm.prank(miner);
        vault.depositYield(offeringId, today, 1);

        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        splitAs(buyer, tokenOf(offeringId, 1), 1);

        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        mergeAs(miner, tokenOf(offeringId, 2), tokenOf(offeringId, 3));
    }

    function test_GivenTerminatedAfterEveryDayWasDelivered_NothingIsRefundable() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        terminateOffering(offeringId);
        assertEq(vault.refundable(tokenOf(offeringId, 1)), 0, "nothing to refund");
        assertEq(vault.escrowReleased(offeringId), PRICE, "all released");
        assertEq(withdrawAs(miner, offeringId), PRICE, "the miner takes it all");
    }
}
