// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Marketplace} from "../src/Marketplace.sol";
import {Fees} from "../src/types/Market.sol";
import {VaultBase} from "./VaultBase.t.sol";

/// @notice The marketplace wired into the vault as deployed: it holds the vault's marketplace role, fees are
/// DESIGN's (5% channel, 2% trading) with 20% of fees to the insurance reserve and the rest to the treasury
/// (the stand-in timelock). The miner has an active offering of 20 certificates and has approved the
/// marketplace for all of them; buyers hold USDC and approved the marketplace.
abstract contract MarketplaceBase is VaultBase {
    uint16 internal constant CHANNEL_BPS = 500;
    uint16 internal constant TRADING_BPS = 200;
    uint16 internal constant INSURANCE_SHARE_BPS = 2000;
    uint64 internal constant WEEK = 7 days;

    Marketplace internal market;
    uint256 internal offeringId;
    address internal buyer1;
    address internal buyer2;
    address internal buyer3;

    function setUp() public virtual override {
        super.setUp();
        market = new Marketplace(
            timelock,
            council,
            vault,
            timelock,
            insuranceReserve,
            Fees({channelBps: CHANNEL_BPS, tradingBps: TRADING_BPS, insuranceShareBps: INSURANCE_SHARE_BPS})
        );
        vm.label(address(market), "Marketplace");
        vm.startPrank(timelock);
        vault.grantRole(vault.MARKETPLACE_ROLE(), address(market));
        vm.stopPrank();

        offeringId = createDefaultOffering();
        vm.prank(miner);
        certificate.setApprovalForAll(address(market), true);
        buyer1 = fundedBuyer("buyer1");
        buyer2 = fundedBuyer("buyer2");
        buyer3 = fundedBuyer("buyer3");
    }

    function fundedBuyer(string memory name) internal returns (address account) {
        account = makeAddr(name);
        vm.prank(usdcBridge);
        usdc.mint(account, 1_000_000e6);
        vm.startPrank(account);
        usdc.approve(address(market), type(uint256).max);
        certificate.setApprovalForAll(address(market), true);
        vm.stopPrank();
    }

    function listAs(address seller_, uint256 tokenId, uint256 price) internal returns (uint256 listingId) {
        vm.prank(seller_);
        listingId = market.list(tokenId, address(usdc), price, uint64(block.timestamp + WEEK));
    }

    function buyAs(address buyer, uint256 listingId, uint256 maxPrice) internal {
        vm.prank(buyer);
        market.buy(listingId, maxPrice);
    }

    function fee(uint256 price, uint16 bps) internal pure returns (uint256) {
        return price * bps / 10_000;
    }
}
