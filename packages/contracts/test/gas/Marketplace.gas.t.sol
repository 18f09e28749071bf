// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketplaceBase} from "../MarketplaceBase.t.sol";

/// @notice Gas benchmarks of the Marketplace, written to snapshots/marketplace.json. One measured call per
/// test, everything else in setUp (cold storage in the measured call, as in a real transaction). Buyers and
/// fee recipients already hold USDC (balance slots exist), as on a live market.
abstract contract MarketplaceGasBase is MarketplaceBase {
    uint256[] internal listingIds;

    function gasGroup() internal pure override returns (string memory) {
        return "marketplace";
    }

    function setUp() public virtual override {
        super.setUp();
        vm.startPrank(usdcBridge);
        usdc.mint(timelock, 1);
        usdc.mint(insuranceReserve, 1);
        usdc.mint(miner, 1);
        vm.stopPrank();
    }

    /// @dev Primary listings of certificates first..first+count-1 by the miner.
    function listPrimary(uint256 first, uint256 count) internal {
        for (uint256 i = first; i < first + count; ++i) {
            listingIds.push(listAs(miner, tokenOf(offeringId, i), PRICE));
        }
    }
}

contract Marketplace_Buy_Gas_Test is MarketplaceGasBase {
    uint256 internal secondaryListing;

    function setUp() public override {
        super.setUp();
        listPrimary(1, 7);
        // Certificate 7 was bought by buyer3 earlier and is listed again.
        buyAs(buyer3, listingIds[6], PRICE);
        secondaryListing = listAs(buyer3, tokenOf(offeringId, 7), 4000e6);
        // Another primary sale happened today already (the sale checkpoint of the day exists).
        buyAs(buyer2, listingIds[5], PRICE);
    }

    function test_Gas_Buy_Primary() external {
        buyAs(buyer1, listingIds[0], PRICE);
        snapshotGas("buy_primary");
    }

    function test_Gas_Buy_Secondary() external {
        buyAs(buyer1, secondaryListing, 4000e6);
        snapshotGas("buy_secondary_fee");
    }

    function test_Gas_BuyMany_5() external {
        uint256[] memory ids_ = new uint256[](5);
        uint256[] memory maxPrices = new uint256[](5);
        for (uint256 i; i < 5; ++i) {
            (ids_[i], maxPrices[i]) = (listingIds[i], PRICE);
        }
        vm.prank(buyer1);
        market.buyMany(ids_, maxPrices);
        snapshotGas("buyMany_5");
    }

    function test_Gas_List() external {
        vm.prank(miner);
        market.list(tokenOf(offeringId, 10), address(usdc), PRICE, uint64(block.timestamp + WEEK));
        snapshotGas("list");
    }
}

contract Marketplace_Auction_Gas_Test is MarketplaceGasBase {
    uint256 internal auctionId;
    uint256 internal biddedAuction;

    function setUp() public override {
        super.setUp();
        vm.startPrank(miner);
        auctionId = market.createAuction(tokenOf(offeringId, 1), address(usdc), PRICE, 1 days);
        biddedAuction = market.createAuction(tokenOf(offeringId, 2), address(usdc), PRICE, 1 days);
        vm.stopPrank();
        vm.prank(buyer2);
        market.bid(biddedAuction, PRICE);
    }

    function test_Gas_Auction_Create() external {
        vm.prank(miner);
        market.createAuction(tokenOf(offeringId, 3), address(usdc), PRICE, 1 days);
        snapshotGas("auction_create");
    }

    function test_Gas_Auction_BidFirst() external {
        vm.prank(buyer1);
        market.bid(auctionId, PRICE);
        snapshotGas("auction_bid_first");
    }

    function test_Gas_Auction_BidOutbid() external {
        vm.prank(buyer1);
        market.bid(biddedAuction, PRICE * 2);
        snapshotGas("auction_bid_outbid");
    }

    function test_Gas_Auction_Settle() external {
        vm.warp(block.timestamp + 1 days);
        market.settle(biddedAuction);
        snapshotGas("auction_settle");
    }
}

contract Marketplace_Offer_Gas_Test is MarketplaceGasBase {
    uint256 internal offerId;

    function setUp() public override {
        super.setUp();
        vm.prank(buyer2);
        offerId = market.makeOffer(tokenOf(offeringId, 1), address(usdc), PRICE, uint64(block.timestamp + WEEK));
    }

    function test_Gas_Offer_Make() external {
        vm.prank(buyer1);
        market.makeOffer(tokenOf(offeringId, 2), address(usdc), PRICE, uint64(block.timestamp + WEEK));
        snapshotGas("offer_make");
    }

    function test_Gas_Offer_Accept() external {
        vm.prank(miner);
        market.acceptOffer(offerId, tokenOf(offeringId, 1));
        snapshotGas("offer_accept");
    }
}
