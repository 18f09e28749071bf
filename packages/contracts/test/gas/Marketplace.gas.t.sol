// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingParams} from "../../src/types/Offering.sol";
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

    /// @dev `account` buys `count` lots of UNITS of the default offering, one certificate each.
    function buyLots(address account, uint256 count) internal returns (uint256[] memory tokenIds) {
        tokenIds = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            vm.prank(account);
            tokenIds[i] = market.buyPrimary(offeringId, UNITS, PRICE);
        }
    }
}

contract Marketplace_Buy_Gas_Test is MarketplaceGasBase {
    uint256 internal secondaryListing;
    /// @dev An offering selling single units (minimum lot 1) at PRICE / UNITS each.
    uint256 internal unitOffering;

    function setUp() public override {
        super.setUp();
        // buyer3 bought five certificates earlier and lists them again.
        uint256[] memory held = buyLots(buyer3, 5);
        for (uint256 i; i < 5; ++i) {
            listingIds.push(listAs(buyer3, held[i], 4000e6));
        }
        secondaryListing = listingIds[0];
        // Another primary sale happened today already (the sale checkpoint of the day exists).
        buyLots(buyer2, 1);

        vm.prank(timelock);
        registry.setCapacity(miner, 100_000);
        OfferingParams memory params = withLots(defaultOffering(), 1, 20_000);
        unitOffering = createOfferingAs(miner, params);
        vm.prank(buyer2);
        market.buyPrimary(unitOffering, 1, PRICE);
        vm.prank(usdcBridge);
        usdc.mint(buyer1, 10_000 * PRICE);
    }

    /// @dev buyer1, who holds no certificate yet, buys one lot (not the day's first sale).
    function test_Gas_Buy_Primary() external {
        vm.prank(buyer1);
        market.buyPrimary(offeringId, UNITS, PRICE);
        snapshotGas("buy_primary");
    }

    function test_Gas_Buy_Primary_1unit() external {
        vm.prank(buyer1);
        market.buyPrimary(unitOffering, 1, PRICE);
        snapshotGas("buy_primary_1unit");
    }

    function test_Gas_Buy_Primary_10000units() external {
        vm.prank(buyer1);
        market.buyPrimary(unitOffering, 10_000, type(uint256).max);
        snapshotGas("buy_primary_10000units");
    }

    function test_Gas_Buy_Secondary() external {
        buyAs(buyer1, secondaryListing, 4000e6);
        snapshotGas("buy_secondary_fee");
    }

    function test_Gas_BuyMany_5() external {
        uint256[] memory ids_ = new uint256[](5);
        uint256[] memory maxPrices = new uint256[](5);
        for (uint256 i; i < 5; ++i) {
            (ids_[i], maxPrices[i]) = (listingIds[i], 4000e6);
        }
        vm.prank(buyer1);
        market.buyMany(ids_, maxPrices);
        snapshotGas("buyMany_5");
    }

    function test_Gas_List() external {
        vm.prank(buyer2);
        market.list(tokenOf(offeringId, 6), address(usdc), PRICE, uint64(block.timestamp + WEEK));
        snapshotGas("list");
    }
}

contract Marketplace_Auction_Gas_Test is MarketplaceGasBase {
    uint256 internal auctionId;
    uint256 internal biddedAuction;
    uint256 internal held;

    function setUp() public override {
        super.setUp();
        vm.startPrank(miner);
        auctionId = market.createPrimaryAuction(offeringId, UNITS, PRICE, 1 days);
        biddedAuction = market.createPrimaryAuction(offeringId, UNITS, PRICE, 1 days);
        vm.stopPrank();
        vm.prank(buyer2);
        market.bid(biddedAuction, PRICE);
        held = buyLots(buyer3, 1)[0];
    }

    /// @dev A secondary auction: the certificate goes into the marketplace's custody.
    function test_Gas_Auction_Create() external {
        vm.prank(buyer3);
        market.createAuction(held, address(usdc), PRICE, 1 days);
        snapshotGas("auction_create");
    }

    /// @dev A primary auction of a lot of units: reserved in the vault, nothing minted.
    function test_Gas_Auction_CreatePrimary() external {
        vm.prank(miner);
        market.createPrimaryAuction(offeringId, UNITS, PRICE, 1 days);
        snapshotGas("auction_create_primary");
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

    /// @dev A primary lot's settlement: the lot is minted to the winner as one certificate.
    function test_Gas_Auction_Settle() external {
        vm.warp(block.timestamp + 1 days);
        market.settle(biddedAuction);
        snapshotGas("auction_settle");
    }
}

contract Marketplace_Offer_Gas_Test is MarketplaceGasBase {
    uint256 internal offerId;
    uint256 internal primaryOfferId;
    uint256 internal held;

    function setUp() public override {
        super.setUp();
        uint256[] memory tokenIds = buyLots(buyer3, 2);
        held = tokenIds[0];
        vm.startPrank(buyer2);
        offerId = market.makeOffer(held, address(usdc), PRICE, uint64(block.timestamp + WEEK));
        primaryOfferId =
            market.makeOfferingOffer(offeringId, UNITS, address(usdc), PRICE, uint64(block.timestamp + WEEK));
        vm.stopPrank();
    }

    function test_Gas_Offer_Make() external {
        vm.prank(buyer1);
        market.makeOffer(tokenOf(offeringId, 2), address(usdc), PRICE, uint64(block.timestamp + WEEK));
        snapshotGas("offer_make");
    }

    function test_Gas_Offer_Accept() external {
        vm.prank(buyer3);
        market.acceptOffer(offerId, held);
        snapshotGas("offer_accept");
    }

    function test_Gas_Offer_AcceptPrimary() external {
        vm.prank(miner);
        market.acceptPrimaryOffer(primaryOfferId);
        snapshotGas("offer_accept_primary");
    }
}
