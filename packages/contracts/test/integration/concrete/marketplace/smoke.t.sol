// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketplaceBase} from "../../../MarketplaceBase.t.sol";

contract Smoke_Marketplace_Concrete_Test is MarketplaceBase {
    function test_PrimaryThenSecondary() external {
        vm.prank(buyer1);
        uint256 tokenId = market.buyPrimary(offeringId, UNITS, PRICE);
        assertEq(tokenId, tokenOf(offeringId, 1), "the offering's first certificate");
        assertEq(certificate.ownerOf(tokenId), buyer1, "buyer owns it");
        uint256 channelFee = fee(PRICE, CHANNEL_BPS);
        assertEq(vault.offering(offeringId).totalEscrow, PRICE - channelFee, "escrow in the vault");
        assertEq(usdc.balanceOf(address(vault)), PRICE - channelFee, "vault holds it");
        assertEq(usdc.balanceOf(miner), 0, "miner gets nothing directly");
        assertEq(usdc.balanceOf(address(market)), channelFee, "the marketplace holds the fee until collected");
        market.collectFees(address(usdc));
        assertEq(usdc.balanceOf(insuranceReserve), fee(channelFee, INSURANCE_SHARE_BPS), "insurance share");
        assertEq(usdc.balanceOf(timelock), channelFee - fee(channelFee, INSURANCE_SHARE_BPS), "treasury");

        uint256 resale = 4000e6;
        uint256 relisting = listAs(buyer1, tokenId, resale);
        uint256 before = usdc.balanceOf(buyer1);
        buyAs(buyer2, relisting, resale);
        assertEq(usdc.balanceOf(buyer1) - before, resale - fee(resale, TRADING_BPS), "seller proceeds");
        assertEq(usdc.balanceOf(address(market)), fee(resale, TRADING_BPS), "only the trading fee stays");
        market.collectFees(address(usdc));
        assertEq(usdc.balanceOf(address(market)), 0, "marketplace holds nothing once collected");
    }
}
