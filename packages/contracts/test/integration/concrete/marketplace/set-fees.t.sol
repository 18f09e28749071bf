// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {Fees, SaleChannel} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract SetFees_Marketplace_Concrete_Test is MarketplaceTestBase {
    function test_RevertWhen_CallerIsNotTheAdmin() external {
        vm.expectRevert(unauthorizedError(council, market.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        market.setFees(Fees({channelBps: 100, tradingBps: 100, insuranceShareBps: 0}));
    }

    function test_RevertWhen_ChannelFeeAboveTen_Percent() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeeAboveCap.selector, 1001, 1000));
        setFees(1001, TRADING_BPS, INSURANCE_SHARE_BPS);
    }

    function test_RevertWhen_TradingFeeAboveFive_Percent() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeeAboveCap.selector, 501, 500));
        setFees(CHANNEL_BPS, 501, INSURANCE_SHARE_BPS);
    }

    function test_RevertWhen_InsuranceShareAboveTheWhole() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InsuranceShareOutOfBounds.selector, 10_001));
        setFees(CHANNEL_BPS, TRADING_BPS, 10_001);
    }

    function test_WhenAtTheCaps_ItSetsThem() external {
        vm.expectEmit(address(market));
        emit IMarketplace.FeesSet(1000, 500, 10_000);
        setFees(1000, 500, 10_000);
        (uint16 channelBps, uint16 tradingBps, uint16 share) = market.fees();
        assertEq(channelBps, 1000, "channel");
        assertEq(tradingBps, 500, "trading");
        assertEq(share, 10_000, "share");

        // A primary sale now pays 10%, all of it to the insurance reserve (the treasury's part is zero).
        Balances memory b = balancesOf(usdc, buyer1, miner);
        buyPrimary(buyer1, first);
        Balances memory a = balancesOf(usdc, buyer1, miner);
        assertEq(a.insurance - b.insurance, PRICE / 10, "insurance gets the whole fee");
        assertEq(a.treasury, b.treasury, "treasury gets nothing");
        assertEq(a.vault - b.vault, PRICE - PRICE / 10, "net escrow");
    }

    function test_WhenZero_SalesPayNoFee() external {
        setFees(0, 0, INSURANCE_SHARE_BPS);
        buyPrimary(buyer1, first);
        assertEq(vault.offering(offeringId).totalEscrow, PRICE, "whole price is escrow");

        uint256 listingId = listAs(buyer1, first, RESALE);
        Balances memory b = balancesOf(usdc, buyer2, buyer1);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(first, buyer1, buyer2, SaleChannel.Listing, listingId, address(usdc), RESALE, 0, false);
        buyAs(buyer2, listingId, RESALE);
        Balances memory a = balancesOf(usdc, buyer2, buyer1);
        assertEq(a.seller - b.seller, RESALE, "seller gets the whole price");
        assertEq(a.treasury + a.insurance, b.treasury + b.insurance, "no fee");
    }

    function test_WhenChanged_ExistingListingsKeepTheirPrice() external {
        holdFirst();
        uint256 listingId = listAs(holder, first, RESALE);
        setFees(CHANNEL_BPS, 500, 0);
        Balances memory b = balancesOf(usdc, buyer1, holder);
        buyAs(buyer1, listingId, RESALE);
        Balances memory a = balancesOf(usdc, buyer1, holder);
        assertEq(b.buyer - a.buyer, RESALE, "buyer pays the listed price");
        assertEq(a.treasury - b.treasury, RESALE / 20, "the new fee, all to the treasury");
        assertEq(a.insurance, b.insurance, "no insurance share");
        assertEq(a.seller - b.seller, RESALE - RESALE / 20, "the seller gets the price less the new fee");
    }
}
