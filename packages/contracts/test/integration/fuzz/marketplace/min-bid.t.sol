// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

/// @notice Bidding rules at random: the minimum next bid is the reserve, then the highest bid plus the increment
/// rounded up (`h + ceil(h × bps / 10,000)`, computed here without the contract's math library); the first bid
/// starts the clock; a bid in the last ten minutes moves the end to ten minutes after it.
contract MinBid_Marketplace_Fuzz_Test is MarketplaceTestBase {
    uint256 internal constant MAX_PRICE = type(uint96).max;
    uint256 internal constant EXTENSION = 10 minutes;

    function mintUsdc(address account, uint256 amount) internal {
        vm.prank(usdcBridge);
        usdc.mint(account, amount);
    }

    function expectedMinimum(uint256 highest, uint256 bps) internal pure returns (uint256) {
        uint256 product = highest * bps;
        uint256 increment = product / BPS;
        if (increment * BPS != product) increment += 1;
        return highest + increment;
    }

    function testFuzz_MinimumBid_IsTheHighestPlusTheIncrementRoundedUp(
        uint256 reserve,
        uint256 highest,
        uint16 incrementBps
    ) external {
        incrementBps = uint16(bound(incrementBps, 1, 5000));
        reserve = bound(reserve, 1, MAX_PRICE);
        highest = bound(highest, reserve, MAX_PRICE);
        vm.prank(timelock);
        market.setMinBidIncrement(incrementBps);
        uint256 auctionId = primaryAuctionAs(miner, offeringId, UNITS, reserve, DAY);
        assertEq(market.minimumBid(auctionId), reserve, "the reserve before the first bid");

        mintUsdc(buyer1, highest);
        bidAs(buyer1, auctionId, highest);
        uint256 minimum = expectedMinimum(highest, incrementBps);
        assertEq(market.minimumBid(auctionId), minimum, "highest + ceil(increment)");
        assertGt(minimum, highest, "every later bid is strictly higher");
        assertGe((minimum - highest) * BPS, highest * incrementBps, "at least the increment");
        assertLt((minimum - highest - 1) * BPS, highest * incrementBps, "by less than one unit more");

        mintUsdc(buyer2, minimum);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_BidTooLow.selector, auctionId, minimum - 1, minimum)
        );
        bidAs(buyer2, auctionId, minimum - 1);
        uint256 before1 = usdc.balanceOf(buyer1);
        if (minimum > MAX_PRICE) {
            vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_PriceTooLarge.selector, minimum, MAX_PRICE));
            bidAs(buyer2, auctionId, minimum);
        } else {
            bidAs(buyer2, auctionId, minimum);
            assertEq(usdc.balanceOf(buyer1) - before1, highest, "the outbid bidder is repaid");
            assertEq(usdc.balanceOf(address(market)), minimum, "only the highest bid is held");
        }
    }

    function testFuzz_FirstBid_StartsTheClock(uint32 duration, uint256 wait) external {
        duration = uint32(bound(duration, 1 hours, 30 days));
        wait = bound(wait, 0, 365 days);
        uint256 auctionId = primaryAuctionAs(miner, offeringId, UNITS, PRICE, duration);
        vm.warp(block.timestamp + wait);
        bidAs(buyer1, auctionId, PRICE);
        assertEq(market.auction(auctionId).endTime, block.timestamp + duration, "a duration after the first bid");
    }

    function testFuzz_LateBid_ExtendsToTenMinutesAfterIt(uint32 duration, uint256 delay, uint256 secondDelay) external {
        // At most 20 days: the primary sale must settle within the offering's 30-day term.
        duration = uint32(bound(duration, 1 hours, 20 days));
        uint256 auctionId = primaryAuctionAs(miner, offeringId, UNITS, PRICE, duration);
        bidAs(buyer1, auctionId, PRICE);
        uint256 endTime = market.auction(auctionId).endTime;

        // A bid at any time before the end.
        delay = bound(delay, 0, duration - 1);
        vm.warp(block.timestamp + delay);
        bidAs(buyer2, auctionId, market.minimumBid(auctionId));
        uint256 expected = endTime - block.timestamp < EXTENSION ? block.timestamp + EXTENSION : endTime;
        assertEq(market.auction(auctionId).endTime, expected, "end after the second bid");
        assertGe(expected - block.timestamp, EXTENSION, "at least ten minutes left after a bid");
        endTime = expected;

        // Another one before the (possibly moved) end.
        secondDelay = bound(secondDelay, 0, endTime - block.timestamp - 1);
        vm.warp(block.timestamp + secondDelay);
        bidAs(buyer3, auctionId, market.minimumBid(auctionId));
        expected = endTime - block.timestamp < EXTENSION ? block.timestamp + EXTENSION : endTime;
        assertEq(market.auction(auctionId).endTime, expected, "end after the third bid");
        assertGe(expected - block.timestamp, EXTENSION, "at least ten minutes left after the last bid");

        // Nobody bids at or after the end; anyone settles from then on.
        vm.warp(expected);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_AuctionEnded.selector, auctionId, expected));
        bidAs(buyer1, auctionId, PRICE * 10);
        market.settle(auctionId);
        assertEq(certificate.ownerOf(first), buyer3, "the last bidder wins");
    }
}
