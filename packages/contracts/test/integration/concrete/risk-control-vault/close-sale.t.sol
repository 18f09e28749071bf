// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

/// @notice `closeSale`: the unsold units of an offering go back to the miner's capacity in one call (issue 15 item 4),
/// and the lots of primary auctions (`reserveLot`, `releaseLot`).
contract CloseSale_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    function closeAs(address account, uint256 id) internal returns (uint256) {
        vm.prank(account);
        return vault.closeSale(id);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_AnyoneButTheMinerBeforeTheWindowEnds() external {
        uint40 saleEnd = offeringOf(offeringId).saleEnd;
        vm.warp(saleEnd - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_SaleNotEnded.selector, offeringId, saleEnd)
        );
        closeAs(stranger, offeringId);
    }

    function test_RevertGiven_TheSaleIsClosedAlready() external {
        sell(first, buyer, PRICE);
        closeAs(miner, offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Active));
        closeAs(miner, offeringId);
    }

    function test_RevertGiven_Terminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        closeAs(miner, offeringId);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(9));
        closeAs(miner, 9);
    }

    function test_RevertWhen_ReleasingMoreThanTheLots() external {
        vm.startPrank(seller);
        vault.reserveLot(offeringId, miner, UNITS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, UNITS + 1, UNITS
            )
        );
        vault.releaseLot(offeringId, UNITS + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, 0, UNITS)
        );
        vault.releaseLot(offeringId, 0);
        vm.stopPrank();
    }

    function test_RevertWhen_ALotIsReservedForAnotherMiner() external {
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotMiner.selector, offeringId, alice));
        vm.prank(seller);
        vault.reserveLot(offeringId, alice, UNITS);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    /// @dev Issue 15 item 4: at the end of the sale window the unsold units return to the miner's capacity.
    function test_WhenTheWindowEnded_AnyoneReturnsTheUnsoldUnitsToCapacity() external {
        sell(first, buyer, PRICE);
        sell(tokenOf(offeringId, 2), buyer, PRICE);
        uint256 usedBefore = minerRecord(miner).usedCapacity;
        uint256 unsold = UNITS * (COUNT - 2);
        vm.warp(offeringOf(offeringId).saleEnd);

        vm.expectEmit(address(vault));
        emit IRiskControlVault.SaleClosed(offeringId, unsold, 2 * UNITS, 0);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CapacityReleased(miner, unsold, usedBefore - unsold);
        assertEq(closeAs(stranger, offeringId), unsold, "the unsold units");

        assertEq(minerRecord(miner).usedCapacity, usedBefore - unsold, "back to the miner's capacity");
        assertEq(offeringOf(offeringId).reservedUnits, 2 * UNITS, "only the sold units stay reserved");
        assertTrue(offeringOf(offeringId).saleClosed, "closed");
        assertOfferingStatus(offeringId, OfferingStatus.Active, "the term runs on");
        assertEq(vault.unitsOnSale(offeringId), 0, "nothing on sale");
    }

    function test_WhenTheMinerClosesEarly_NothingMoreSells() external {
        sell(first, buyer, PRICE);
        assertEq(closeAs(miner, offeringId), UNITS * (COUNT - 1), "returned before the window ends");
        assertEq(vault.unitsOnSale(offeringId), 0, "closed: nothing on sale");
        vm.prank(usdcBridge);
        usdc.mint(seller, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SaleNotOpen.selector,
                offeringId,
                offeringOf(offeringId).saleStart,
                offeringOf(offeringId).saleEnd,
                true
            )
        );
        vm.prank(seller);
        vault.recordPrimarySale(offeringId, buyer, UNITS, PRICE, false);
    }

    function test_GivenNothingSold_TheOfferingFinishes() external {
        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingFinished(offeringId);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, UNITS * COUNT, 0, 0);
        closeAs(miner, offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertEq(minerRecord(miner).liveOfferings, 0, "closed in the registry");
    }

    function test_GivenFrozen_TheUnsoldUnitsStillReturn() external {
        uint256 frozen = frozenOffering();
        assertEq(closeAs(miner, frozen), UNITS * (COUNT - 1), "unsold units of a frozen offering");
        assertOfferingStatus(frozen, OfferingStatus.Frozen, "still frozen");
    }

    function test_GivenALotAtAuction_ItStaysReservedThroughTheClose() external {
        vm.prank(seller);
        vault.reserveLot(offeringId, miner, 2 * UNITS);
        assertEq(closeAs(miner, offeringId), UNITS * (COUNT - 2), "the lot is not returned");
        assertEq(offeringOf(offeringId).reservedUnits, 2 * UNITS, "the lot stays reserved");
        assertOfferingStatus(offeringId, OfferingStatus.Active, "open while the lot waits");
        // The lot's auction ended unsold: its units go back to capacity, and the offering is over.
        vm.prank(seller);
        vault.releaseLot(offeringId, 2 * UNITS);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "nothing sold, nothing reserved");
        assertEq(minerRecord(miner).usedCapacity, 0, "all capacity back");
    }

    function test_GivenTheOfferingFinished_ReleasingALotReturnsNothingTwice() external {
        vm.prank(seller);
        vault.reserveLot(offeringId, miner, UNITS);
        warpToDay(today + TERM);
        vault.finish(offeringId);
        assertEq(minerRecord(miner).usedCapacity, 0, "finish returned everything");
        vm.prank(seller);
        vault.releaseLot(offeringId, UNITS);
        assertEq(minerRecord(miner).usedCapacity, 0, "nothing returned twice");
        assertEq(offeringOf(offeringId).lotUnits, 0, "the lot is gone");
    }

    /// @dev Issue 15 item 4: returning the unsold units is O(1): 10 or 100,000 of them cost the same (the gas
    /// snapshots `closeSale_10units` and `closeSale_100000units` hold it against a target; this pins it here).
    function test_WhenTheUnsoldUnitsGrowTenThousandFold_ReturningThemCostsTheSame() external {
        vm.prank(timelock);
        registry.setCapacity(miner, 200_000);
        OfferingParams memory small = defaultOffering();
        (small.units, small.minLot) = (10, 1);
        OfferingParams memory large = defaultOffering();
        (large.units, large.minLot) = (100_000, 1);
        uint256 smallId = createOfferingAs(miner, small);
        uint256 largeId = createOfferingAs(miner, large);
        sellUnits(smallId, buyer, 1, PRICE);
        sellUnits(largeId, buyer, 1, PRICE);
        vm.warp(small.saleEnd);
        // Warm the registry's record alike for both measured calls.
        closeAs(miner, offeringId);

        uint256 before = gasleft();
        closeAs(stranger, smallId);
        uint256 smallGas = before - gasleft();
        before = gasleft();
        closeAs(stranger, largeId);
        uint256 largeGas = before - gasleft();
        assertLe(largeGas, smallGas * 101 / 100, "100,000 unsold units cost at most 1% more than 9");
        assertEq(minerRecord(miner).usedCapacity, 2, "only the two sold units stay reserved");
    }
}
