// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract CancelAuction_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal auctionId;

    function setUp() public override {
        super.setUp();
        auctionId = auctionAs(miner, first, address(usdc), PRICE, DAY);
    }

    function cancelAs(address account) internal {
        vm.prank(account);
        market.cancelAuction(auctionId);
    }

    function test_RevertWhen_TheAuctionDoesNotExist() external {
        vm.expectRevert(unknownAuctionError(auctionId + 1));
        vm.prank(miner);
        market.cancelAuction(auctionId + 1);
    }

    function test_RevertWhen_CallerIsNotTheSeller() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotSeller.selector, auctionId, stranger));
        cancelAs(stranger);
    }

    function test_RevertGiven_ABidWasPlaced() external {
        bidAs(buyer1, auctionId, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_AuctionStarted.selector, auctionId));
        cancelAs(miner);
    }

    function test_RevertGiven_AlreadyCancelled() external {
        cancelAs(miner);
        vm.expectRevert(unknownAuctionError(auctionId));
        cancelAs(miner);
    }

    function test_WhenNoBidYet_TheCertificateGoesBack() external {
        vm.warp(block.timestamp + 20 days); // no clock runs before the first bid (the term still runs)
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionCancelled(auctionId);
        cancelAs(miner);
        assertEq(certificate.ownerOf(first), miner, "returned");
        vm.expectRevert(unknownAuctionError(auctionId));
        market.auction(auctionId);
        vm.expectRevert(unknownAuctionError(auctionId));
        bidAs(buyer1, auctionId, PRICE);
        assertEq(market.auctionCount(), 1, "ids are not reused");
        // Listable again.
        listAs(miner, first, PRICE);
    }

    function test_WhenTheOfferingWasTerminated_TheSellerStillGetsItBack() external {
        terminateOffering(offeringId);
        cancelAs(miner);
        assertEq(certificate.ownerOf(first), miner, "returned");
    }
}
