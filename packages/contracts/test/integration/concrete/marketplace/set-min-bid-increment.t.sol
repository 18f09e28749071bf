// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract SetMinBidIncrement_Marketplace_Concrete_Test is MarketplaceTestBase {
    function test_RevertWhen_CallerIsNotTheAdmin() external {
        vm.expectRevert(unauthorizedError(council, market.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        market.setMinBidIncrement(100);
    }

    function test_RevertWhen_Zero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_IncrementOutOfBounds.selector, 0, 5000));
        vm.prank(timelock);
        market.setMinBidIncrement(0);
    }

    function test_RevertWhen_AboveFifty_Percent() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_IncrementOutOfBounds.selector, 5001, 5000));
        vm.prank(timelock);
        market.setMinBidIncrement(5001);
    }

    function test_WhenOneBasisPoint_TheNextBidNeedsOnlyThat() external {
        uint256 auctionId = primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
        bidAs(buyer1, auctionId, PRICE);

        vm.expectEmit(address(market));
        emit IMarketplace.MinBidIncrementSet(1);
        vm.prank(timelock);
        market.setMinBidIncrement(1);
        assertEq(market.minBidIncrementBps(), 1, "stored");
        // 3000e6 × 0.01% = 0.3e6 exactly.
        assertEq(market.minimumBid(auctionId), PRICE + 0.3e6, "applies to a running auction");
        bidAs(buyer2, auctionId, PRICE + 0.3e6);
    }

    function test_WhenFifty_Percent_TheNextBidNeedsHalfMore() external {
        uint256 auctionId = primaryAuctionAs(miner, offeringId, UNITS, PRICE, DAY);
        bidAs(buyer1, auctionId, PRICE);
        vm.prank(timelock);
        market.setMinBidIncrement(5000);
        assertEq(market.minimumBid(auctionId), PRICE * 3 / 2, "half more");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_BidTooLow.selector, auctionId, PRICE * 3 / 2 - 1, PRICE * 3 / 2
            )
        );
        bidAs(buyer2, auctionId, PRICE * 3 / 2 - 1);
    }
}
