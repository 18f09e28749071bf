// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract Finish_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    function notSettledError(uint32 nextDay) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IRiskControlVault.RiskControlVault_NotSettled.selector, offeringId, today + TERM, nextDay
        );
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(0));
        vault.finish(0);
    }

    function test_RevertGiven_Frozen() external {
        uint256 frozen = frozenOffering();
        warpToDay(today + 100);
        vm.expectRevert(statusError(frozen, OfferingStatus.Frozen));
        vault.finish(frozen);
    }

    function test_RevertGiven_Terminated() external {
        terminateOffering(offeringId);
        warpToDay(today + TERM);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        vault.finish(offeringId);
    }

    function test_RevertGiven_AlreadyFinished() external {
        warpToDay(today + TERM);
        vault.finish(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        vault.finish(offeringId);
    }

    function test_RevertGiven_TheTermIsRunningAndNothingIsSold() external {
        warpToDay(today + TERM - 1);
        vm.expectRevert(notSettledError(0));
        vault.finish(offeringId);
    }

    function test_RevertGiven_TheTermIsRunningAndEverythingDueIsDelivered() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM - 1, DAILY_YIELD);
        vm.expectRevert(notSettledError(today + TERM - 1));
        vault.finish(offeringId);
    }

    function test_RevertGiven_TheTermEndedWithADayUndelivered() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM - 1, DAILY_YIELD);
        // The miner may still deliver the last day during a flag window after the term.
        warpToDay(today + TERM + 6);
        vm.expectRevert(notSettledError(today + TERM - 1));
        vault.finish(offeringId);
    }

    function test_GivenAWindowAfterTheTermWithADayUndelivered_ItFinishesAndTheDayIsRefundable() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM - 1, DAILY_YIELD);
        warpToDay(today + TERM + 7);
        vault.finish(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertEq(vault.refundable(first), PRICE / TERM, "the undelivered last day");
        assertEq(vault.escrowReleased(offeringId), (TERM - 1) * (PRICE / TERM), "29 days released");
        assertEq(refundAs(buyer, ids(first)), PRICE / TERM, "refunded");
    }

    function test_GivenTheTermEndedWithNothingSold_ItFinishes() external {
        warpToDay(today + TERM);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingFinished(offeringId);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, COUNT * UNITS, 0, 0);
        vm.expectEmit(address(certificate));
        emit IERC4906.BatchMetadataUpdate(first, tokenOf(offeringId, type(uint32).max));
        vm.prank(stranger);
        vault.finish(offeringId);

        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertEq(offeringOf(offeringId).reservedUnits, 0, "nothing reserved");
        assertEq(minerRecord(miner).usedCapacity, 0, "capacity back");
        assertEq(minerRecord(miner).liveOfferings, 0, "closed");
    }

    function test_GivenEveryDayDelivered_ItFinishesAndTheUnsoldUnitsAreBack() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vm.prank(buyer);
        vault.finish(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertEq(minerRecord(miner).usedCapacity, 0, "the sold and unsold units are back");
        assertEq(vault.unitsOnSale(offeringId), 0, "nothing more sells");
        assertEq(withdrawAs(miner, offeringId), PRICE, "all escrow");
    }

    function test_GivenTheSaleClosedEarlier_ItReleasesOnlyWhatIsReserved() external {
        sell(first, buyer, PRICE);
        vm.prank(miner);
        vault.closeSale(offeringId);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, UNITS, 0, 0);
        vault.finish(offeringId);
    }
}
