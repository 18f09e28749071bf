// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Auction} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract Bid_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint32 internal constant EXTENSION = 10 minutes;
    uint256 internal auctionId;

    function setUp() public override {
        super.setUp();
        // A primary auction of a lot of UNITS, by the miner.
        auctionId = primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
    }

    function bidTooLowError(uint256 amount, uint256 minimum) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_BidTooLow.selector, auctionId, amount, minimum);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheAuctionDoesNotExist() external {
        vm.expectRevert(unknownAuctionError(auctionId + 1));
        bidAs(buyer1, auctionId + 1, PRICE);
    }

    function test_RevertWhen_TheSellerBids() external {
        vm.expectRevert(selfDealingError(miner));
        bidAs(miner, auctionId, PRICE);
    }

    function test_RevertWhen_TheFirstBidIsBelowTheReserve() external {
        vm.expectRevert(bidTooLowError(PRICE - 1, PRICE));
        bidAs(buyer1, auctionId, PRICE - 1);
    }

    function test_RevertWhen_ALaterBidIsBelowTheIncrement() external {
        bidAs(buyer1, auctionId, PRICE);
        uint256 minimum = PRICE + PRICE * 5 / 100;
        vm.expectRevert(bidTooLowError(minimum - 1, minimum));
        bidAs(buyer2, auctionId, minimum - 1);
        vm.expectRevert(bidTooLowError(PRICE, minimum));
        bidAs(buyer2, auctionId, PRICE);
    }

    function test_RevertWhen_TheIncrementHasAFraction_ItRoundsUp() external {
        uint256 small = primaryAuctionAs(miner, offeringId, UNITS, 101, DAY);
        bidAs(buyer1, small, 101);
        // 5% of 101 is 5.05: the next bid needs 101 + 6.
        assertEq(market.minimumBid(small), 107, "rounded up");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_BidTooLow.selector, small, 106, 107));
        bidAs(buyer2, small, 106);
        bidAs(buyer2, small, 107);
    }

    function test_RevertWhen_TheBidDoesNotFitNinetySixBits() external {
        uint256 amount = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, amount, type(uint96).max)
        );
        bidAs(buyer1, auctionId, amount);
    }

    function test_RevertGiven_TheAuctionEnded() external {
        bidAs(buyer1, auctionId, PRICE);
        uint64 endTime = market.auction(auctionId).endTime;
        vm.warp(endTime);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_AuctionEnded.selector, auctionId, endTime));
        bidAs(buyer2, auctionId, PRICE * 2);
        vm.warp(endTime + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_AuctionEnded.selector, auctionId, endTime));
        bidAs(buyer2, auctionId, PRICE * 2);
    }

    /*//////////////////////////////////////////////////////////////
                              FIRST BID
    //////////////////////////////////////////////////////////////*/

    function test_WhenTheFirstBidMeetsTheReserve_ItStartsTheClock() external {
        vm.warp(block.timestamp + 3 days); // no clock before the first bid: the auction waits
        uint64 endTime = uint64(block.timestamp + DAY);
        vm.expectEmit(address(market));
        emit IMarketplace.BidPlaced(auctionId, buyer1, PRICE, endTime);
        uint256 before = usdc.balanceOf(buyer1);
        bidAs(buyer1, auctionId, PRICE);

        Auction memory a = market.auction(auctionId);
        assertEq(a.endTime, endTime, "ends a duration after the first bid");
        assertEq(a.highestBidder, buyer1, "bidder");
        assertEq(a.highestBid, PRICE, "bid");
        assertEq(before - usdc.balanceOf(buyer1), PRICE, "pulled");
        assertEq(usdc.balanceOf(address(market)), PRICE, "held by the marketplace");
        assertEq(market.minimumBid(auctionId), PRICE + 150e6, "next minimum");
    }

    function test_WhenTheFirstBidIsAboveTheReserve_ItIsTaken() external {
        bidAs(buyer1, auctionId, PRICE * 2);
        assertEq(market.auction(auctionId).highestBid, PRICE * 2, "bid");
    }

    /*//////////////////////////////////////////////////////////////
                              LATER BIDS
    //////////////////////////////////////////////////////////////*/

    function test_WhenOutbid_ThePreviousBidderIsRepaidAtOnce() external {
        bidAs(buyer1, auctionId, PRICE);
        uint256 before1 = usdc.balanceOf(buyer1);
        uint256 minimum = market.minimumBid(auctionId);
        vm.expectEmit(address(market));
        emit IMarketplace.BidPlaced(auctionId, buyer2, minimum, uint64(block.timestamp + DAY));
        bidAs(buyer2, auctionId, minimum);

        assertEq(usdc.balanceOf(buyer1) - before1, PRICE, "repaid");
        assertEq(market.creditOf(buyer1, address(usdc)), 0, "no credit");
        assertEq(usdc.balanceOf(address(market)), minimum, "only the highest bid is held");
        assertEq(market.auction(auctionId).highestBidder, buyer2, "new leader");
    }

    function test_WhenTheLeaderRaisesItsOwnBid_ItIsRepaidItsEarlierBid() external {
        bidAs(buyer1, auctionId, PRICE);
        uint256 before = usdc.balanceOf(buyer1);
        bidAs(buyer1, auctionId, PRICE * 2);
        assertEq(before - usdc.balanceOf(buyer1), PRICE, "pays only the difference in the end");
        assertEq(usdc.balanceOf(address(market)), PRICE * 2, "holds the new bid");
    }

    function test_WhenABidComesEarly_TheEndStays() external {
        bidAs(buyer1, auctionId, PRICE);
        uint64 endTime = market.auction(auctionId).endTime;
        vm.warp(endTime - EXTENSION - 1 hours);
        bidAs(buyer2, auctionId, market.minimumBid(auctionId));
        assertEq(market.auction(auctionId).endTime, endTime, "unchanged");
    }

    function test_WhenABidComesWithExactlyTenMinutesLeft_TheEndStays() external {
        bidAs(buyer1, auctionId, PRICE);
        uint64 endTime = market.auction(auctionId).endTime;
        vm.warp(endTime - EXTENSION);
        bidAs(buyer2, auctionId, market.minimumBid(auctionId));
        assertEq(market.auction(auctionId).endTime, endTime, "already ten minutes after the bid");
    }

    function test_WhenABidComesInTheLastTenMinutes_TheEndMovesToTenMinutesAfterIt() external {
        bidAs(buyer1, auctionId, PRICE);
        uint64 endTime = market.auction(auctionId).endTime;
        vm.warp(endTime - EXTENSION + 1);
        uint256 amount = market.minimumBid(auctionId);
        vm.expectEmit(address(market));
        emit IMarketplace.BidPlaced(auctionId, buyer2, amount, endTime + 1);
        bidAs(buyer2, auctionId, amount);
        assertEq(market.auction(auctionId).endTime, endTime + 1, "extended by a second");

        // One second before the (new) end: the end moves to ten minutes after this bid.
        vm.warp(endTime);
        bidAs(buyer3, auctionId, market.minimumBid(auctionId));
        assertEq(market.auction(auctionId).endTime, endTime + EXTENSION, "ten minutes after the last bid");

        vm.warp(endTime + EXTENSION);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_AuctionEnded.selector, auctionId, endTime + EXTENSION)
        );
        bidAs(buyer1, auctionId, PRICE * 2);
    }

    function test_WhenTheIncrementWasChanged_ItUsesTheNewOne() external {
        bidAs(buyer1, auctionId, PRICE);
        vm.prank(timelock);
        market.setMinBidIncrement(1000);
        vm.expectRevert(bidTooLowError(PRICE * 11 / 10 - 1, PRICE * 11 / 10));
        bidAs(buyer2, auctionId, PRICE * 11 / 10 - 1);
        bidAs(buyer2, auctionId, PRICE * 11 / 10);
    }

    /*//////////////////////////////////////////////////////////////
                         THE MINER AND ITS LOTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The miner holds USDC and lets the marketplace pull it, so that only the self-dealing rule stops it.
    function fundMinerUsdc() internal {
        vm.prank(usdcBridge);
        usdc.mint(miner, 1_000_000e6);
        vm.prank(miner);
        usdc.approve(address(market), type(uint256).max);
    }

    function test_RevertWhen_TheMinerBidsOnItsOwnLot_AlsoToOutbid() external {
        fundMinerUsdc();
        vm.expectRevert(selfDealingError(miner));
        bidAs(miner, auctionId, PRICE);
        bidAs(buyer2, auctionId, PRICE);
        uint256 minimum = market.minimumBid(auctionId);
        vm.expectRevert(selfDealingError(miner));
        bidAs(miner, auctionId, minimum);
        bidAs(buyer3, auctionId, minimum);
        assertEq(market.auction(auctionId).highestBidder, buyer3, "others outbid");
    }

    function test_WhenAResaleIsAuctioned_TheMinerMayBid() external {
        buyPrimary(buyer1, first);
        uint256 id = auctionAs(buyer1, first, address(usdc), RESALE, DAY);
        fundMinerUsdc();
        bidAs(miner, id, RESALE);
        assertEq(market.auction(id).highestBidder, miner, "the miner bids on a resale");
    }

    function test_RevertWhen_TheOfferingChangedMeanwhile() external {
        // The auction only awaits `settle` to be voided (see settle.t.sol); no bid is locked into it.
        bidAs(buyer1, auctionId, PRICE);
        terminateOffering(offeringId);
        uint256 minimum = market.minimumBid(auctionId);
        vm.expectRevert(auctionVoidError(auctionId));
        bidAs(buyer2, auctionId, minimum);
        assertEq(market.auction(auctionId).highestBidder, buyer1, "the first bid stands until voided");
    }
}
