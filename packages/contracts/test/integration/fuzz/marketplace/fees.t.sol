// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {OfferingParams} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

/// @notice Fee settings and sale prices at random, through every channel (listing, auction, offer; primary and
/// secondary). Expected figures come from the definitions: `fee = floor(price × bps / 10,000)` with bps the
/// channel fee (primary) or trading fee (secondary), the insurance reserve gets `floor(fee × share / 10,000)`
/// and the treasury the rest; the buyer pays exactly `price`, the seller (or the vault) gets `price − fee`.
contract Fees_Marketplace_Fuzz_Test is MarketplaceTestBase {
    uint256 internal constant MAX_PRICE = type(uint96).max;

    struct Setting {
        uint16 channelBps;
        uint16 tradingBps;
        uint16 share;
    }

    /// @dev Random fees within the caps.
    function randomFees(Setting memory s) internal returns (Setting memory) {
        s.channelBps = uint16(bound(s.channelBps, 0, 1000));
        s.tradingBps = uint16(bound(s.tradingBps, 0, 500));
        s.share = uint16(bound(s.share, 0, 10_000));
        setFees(s.channelBps, s.tradingBps, s.share);
        return s;
    }

    function mintUsdc(address account, uint256 amount) internal {
        vm.prank(usdcBridge);
        usdc.mint(account, amount);
    }

    /// @dev The whole split of one sale: the fee under its cap, fee + net == price, treasury + insurance == fee,
    /// the payee got the net, the marketplace keeps nothing of it.
    struct Quote {
        bool primary;
        uint256 fee;
        uint256 net;
    }

    /// @dev What `quote` says before the sale; the sale must match it.
    function quoteOf(bool primary, uint256 price) internal view returns (Quote memory q) {
        q.primary = primary;
        (q.fee, q.net) = market.quote(price, primary);
    }

    function assertSplit(
        Balances memory b,
        Balances memory a,
        uint256 price,
        uint16 bps,
        uint16 capBps,
        Quote memory quoted,
        string memory message
    ) internal view {
        bool primary = quoted.primary;
        uint256 expectedFee = price * bps / BPS;
        uint256 feePaid = (a.treasury - b.treasury) + (a.insurance - b.insurance);
        uint256 net = primary ? a.vault - b.vault : a.seller - b.seller;
        assertEq(feePaid, expectedFee, string.concat(message, ": fee"));
        assertLe(feePaid, price * capBps / BPS, string.concat(message, ": fee under the cap"));
        assertEq(feePaid + net, price, string.concat(message, ": fee + net == price"));
        assertFeesPaid(b, a, expectedFee, message);
        (,, uint16 share) = market.fees();
        assertEq(a.insurance - b.insurance, expectedFee * share / BPS, string.concat(message, ": insurance"));
        if (primary) assertEq(a.miner, b.miner, string.concat(message, ": the miner gets nothing"));
        assertEq(quoted.fee, feePaid, string.concat(message, ": as quoted (fee)"));
        assertEq(quoted.net, net, string.concat(message, ": as quoted (net)"));
    }

    /*//////////////////////////////////////////////////////////////
                                SETTINGS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_SetFees_AcceptsExactlyTheSettingsWithinTheCaps(uint16 channelBps, uint16 tradingBps, uint16 share)
        external
    {
        if (channelBps > 1000) {
            vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeeAboveCap.selector, channelBps, 1000));
        } else if (tradingBps > 500) {
            vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeeAboveCap.selector, tradingBps, 500));
        } else if (share > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InsuranceShareOutOfBounds.selector, share));
        }
        setFees(channelBps, tradingBps, share);
        (uint16 c, uint16 t, uint16 s) = market.fees();
        assertLe(c, market.MAX_CHANNEL_FEE_BPS(), "channel fee never above 10%");
        assertLe(t, market.MAX_TRADING_FEE_BPS(), "trading fee never above 5%");
        assertLe(s, 10_000, "share never above the whole");
        if (channelBps <= 1000 && tradingBps <= 500 && share <= 10_000) {
            assertEq(c, channelBps, "channel set");
            assertEq(t, tradingBps, "trading set");
            assertEq(s, share, "share set");
        } else {
            assertEq(c, CHANNEL_BPS, "unchanged channel");
            assertEq(t, TRADING_BPS, "unchanged trading");
            assertEq(s, INSURANCE_SHARE_BPS, "unchanged share");
        }
    }

    function testFuzz_Quote_SplitsExactly(uint256 price, Setting memory s, bool sold) external {
        s = randomFees(s);
        price = bound(price, 0, MAX_PRICE);
        (uint256 f, uint256 net) = market.quote(price, !sold);
        uint16 bps = sold ? s.tradingBps : s.channelBps;
        assertEq(f, price * bps / BPS, "fee");
        assertEq(f + net, price, "fee + net == price");
        assertLe(f, price * (sold ? 500 : 1000) / BPS, "under the cap");
    }

    /*//////////////////////////////////////////////////////////////
                                LISTINGS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_BuyPrimary_SplitsExactly(uint256 price, Setting memory s) external {
        s = randomFees(s);
        price = bound(price, 1, MAX_PRICE);
        mintUsdc(buyer1, price);
        // An offering selling single units at `price` each.
        OfferingParams memory params = defaultOffering();
        // casting to uint96 is safe: `price` is bounded by MAX_PRICE, the uint96 maximum
        // forge-lint: disable-next-line(unsafe-typecast)
        (params.units, params.minLot, params.pricePerUnit) = (1, 1, uint96(price));
        uint256 single = createOfferingAs(miner, params);

        Quote memory q = quoteOf(true, price);
        Balances memory b = balancesOf(usdc, buyer1, miner);
        uint256 tokenId = buyUnits(buyer1, single, 1, price);
        Balances memory a = balancesOf(usdc, buyer1, miner);

        assertEq(b.buyer - a.buyer, price, "the buyer pays exactly the price");
        assertSplit(b, a, price, s.channelBps, 1000, q, "primary");
        assertEq(vault.certificateView(tokenId).escrow, price - price * s.channelBps / BPS, "escrow is the net");
        assertEq(a.market, 0, "nothing stays in the marketplace");
    }

    function testFuzz_BuySecondary_SplitsExactly(uint256 price, Setting memory s) external {
        buyPrimary(buyer2, first);
        s = randomFees(s);
        price = bound(price, 1, MAX_PRICE);
        mintUsdc(buyer1, price);
        uint256 listingId = listAs(buyer2, first, price);

        Quote memory q = quoteOf(false, price);
        Balances memory b = balancesOf(usdc, buyer1, buyer2);
        buyAs(buyer1, listingId, price);
        Balances memory a = balancesOf(usdc, buyer1, buyer2);

        assertEq(b.buyer - a.buyer, price, "the buyer pays exactly the price");
        assertSplit(b, a, price, s.tradingBps, 500, q, "secondary");
        assertEq(a.vault, b.vault, "the vault is not involved");
        assertEq(a.market, 0, "nothing stays in the marketplace");
    }

    /*//////////////////////////////////////////////////////////////
                                AUCTIONS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_SettleAuction_SplitsExactly(uint256 reserve, uint256 amount, Setting memory s, bool primary)
        external
    {
        if (!primary) buyPrimary(buyer2, first);
        address auctionSeller = primary ? miner : buyer2;
        s = randomFees(s);
        reserve = bound(reserve, 1, MAX_PRICE);
        amount = bound(amount, reserve, MAX_PRICE);
        mintUsdc(buyer1, amount);
        uint256 auctionId = primary
            ? primaryAuctionAs(miner, offeringId, UNITS, reserve, DAY)
            : auctionAs(auctionSeller, first, address(usdc), reserve, DAY);
        bidAs(buyer1, auctionId, amount);
        vm.warp(block.timestamp + DAY);

        Quote memory q = quoteOf(primary, amount);
        Balances memory b = balancesOf(usdc, buyer1, auctionSeller);
        market.settle(auctionId);
        Balances memory a = balancesOf(usdc, buyer1, auctionSeller);

        assertSplit(b, a, amount, primary ? s.channelBps : s.tradingBps, primary ? 1000 : 500, q, "auction");
        assertEq(b.market - a.market, amount, "the whole bid leaves the marketplace");
        assertEq(a.market, 0, "nothing stays");
        assertEq(certificate.ownerOf(first), buyer1, "winner owns it");
    }

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_AcceptOffer_SplitsExactly(uint256 amount, Setting memory s, bool primary, bool anyOfOffering)
        external
    {
        if (!primary) buyPrimary(buyer2, first);
        address offerSeller = primary ? miner : buyer2;
        s = randomFees(s);
        amount = bound(amount, 1, MAX_PRICE);
        mintUsdc(buyer1, amount);
        // A primary offer names units of the offering; the miner accepts it.
        uint256 offerId = anyOfOffering || primary
            ? offeringOfferAs(buyer1, offeringId, address(usdc), amount)
            : offerAs(buyer1, first, address(usdc), amount);

        Quote memory q = quoteOf(primary, amount);
        Balances memory b = balancesOf(usdc, buyer1, offerSeller);
        if (primary) {
            vm.prank(miner);
            market.acceptPrimaryOffer(offerId);
        } else {
            acceptAs(offerSeller, offerId, first);
        }
        Balances memory a = balancesOf(usdc, buyer1, offerSeller);

        assertSplit(b, a, amount, primary ? s.channelBps : s.tradingBps, primary ? 1000 : 500, q, "offer");
        assertEq(b.market - a.market, amount, "the whole offer leaves the marketplace");
        assertEq(certificate.ownerOf(first), buyer1, "bidder owns it");
    }
}
