// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract CancelAuction_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal auctionId;

    function setUp() public override {
        super.setUp();
        buyPrimary(buyer1, first);
        auctionId = auctionAs(buyer1, first, address(usdc), PRICE, DAY);
    }

    function cancelAs(address account) internal {
        vm.prank(account);
        market.cancelAuction(auctionId);
    }

    function test_RevertWhen_TheAuctionDoesNotExist() external {
        vm.expectRevert(unknownAuctionError(auctionId + 1));
        vm.prank(buyer1);
        market.cancelAuction(auctionId + 1);
    }

    function test_RevertWhen_CallerIsNotTheSeller() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotSeller.selector, auctionId, stranger));
        cancelAs(stranger);
    }

    function test_RevertGiven_ABidWasPlaced() external {
        bidAs(buyer2, auctionId, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_AuctionStarted.selector, auctionId));
        cancelAs(buyer1);
    }

    function test_RevertGiven_AlreadyCancelled() external {
        cancelAs(buyer1);
        vm.expectRevert(unknownAuctionError(auctionId));
        cancelAs(buyer1);
    }

    function test_WhenNoBidYet_TheCertificateGoesBack() external {
        vm.warp(block.timestamp + 20 days); // no clock runs before the first bid (the term still runs)
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionCancelled(auctionId);
        cancelAs(buyer1);
        assertEq(certificate.ownerOf(first), buyer1, "returned");
        vm.expectRevert(unknownAuctionError(auctionId));
        market.auction(auctionId);
        vm.expectRevert(unknownAuctionError(auctionId));
        bidAs(buyer2, auctionId, PRICE);
        assertEq(market.auctionCount(), 1, "ids are not reused");
        // Listable again.
        listAs(buyer1, first, PRICE);
    }

    function test_WhenTheOfferingWasTerminated_TheSellerStillGetsItBack() external {
        terminateOffering(offeringId);
        cancelAs(buyer1);
        assertEq(certificate.ownerOf(first), buyer1, "returned");
    }

    /*//////////////////////////////////////////////////////////////
                            PRIMARY LOTS
    //////////////////////////////////////////////////////////////*/

    function test_WhenAPrimaryLotIsCancelled_ItsUnitsAreOnSaleAgain() external {
        uint256 onSale = vault.unitsOnSale(offeringId);
        uint256 lot = primaryAuctionAs(miner, offeringId, 3 * UNITS, PRICE, DAY);
        assertEq(vault.unitsOnSale(offeringId), onSale - 3 * UNITS, "reserved");
        vm.expectEmit(address(vault));
        emit IRiskControlVault.LotReleased(offeringId, 3 * UNITS, 0);
        vm.prank(miner);
        market.cancelAuction(lot);
        assertEq(vault.unitsOnSale(offeringId), onSale, "on sale again");
        assertEq(vault.offering(offeringId).lotUnits, 0, "no lot");
    }

    function test_WhenAPrimaryLotIsCancelledAfterTheSaleClosed_ItsUnitsReturnToCapacity() external {
        uint256 lot = primaryAuctionAs(miner, offeringId, 3 * UNITS, PRICE, DAY);
        uint256 usedBefore = registry.minerOf(miner).usedCapacity;
        vm.warp(vault.offering(offeringId).saleEnd);
        vault.closeSale(offeringId);
        // The lot stays reserved through the close; the other unsold units went back.
        uint256 unsold = UNITS * COUNT - UNITS - 3 * UNITS;
        assertEq(registry.minerOf(miner).usedCapacity, usedBefore - unsold, "unsold units returned");
        vm.prank(miner);
        market.cancelAuction(lot);
        assertEq(registry.minerOf(miner).usedCapacity, usedBefore - unsold - 3 * UNITS, "the lot returned");
        assertEq(vault.offering(offeringId).reservedUnits, UNITS, "only the sold units stay reserved");
    }

    function test_WhenTheOnlyReservationIsACancelledLotAfterTheSaleClosed_TheOfferingFinishes() external {
        uint256 other = createDefaultOffering();
        uint256 lot = primaryAuctionAs(miner, other, UNITS, PRICE, DAY);
        vm.warp(vault.offering(other).saleEnd);
        vault.closeSale(other);
        assertOfferingStatus(other, OfferingStatus.Active, "the lot keeps it open");
        vm.prank(miner);
        market.cancelAuction(lot);
        assertOfferingStatus(other, OfferingStatus.Finished, "nothing sold, nothing reserved");
        assertEq(vault.offering(other).reservedUnits, 0, "nothing reserved");
    }
}
