// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";
import {RevertingReceiver} from "../../../mocks/HookReceivers.sol";

/// @notice No bidder or seller can block an auction by refusing payment. The auctions here are in {HookToken},
/// which the DAO allowlisted and which calls a hook on registered contract recipients on every transfer (as
/// ERC-777 and ERC-1363 receivers). The reverting receiver's hook reverts; the gas-burning receiver's hook
/// burns all the gas it is given. Payments they refuse are credited for `withdrawCredit`.
contract Griefing_Marketplace_Concrete_Test is MarketplaceTestBase {
    /// @dev An honest bid that repays a griefer: the griefer's push may take PUSH_GAS, the rest is the bid itself.
    uint256 internal constant BID_GAS_BOUND = 400_000;

    function creditOfHook(address account) internal view returns (uint256) {
        return market.creditOf(account, address(hook));
    }

    function expectCredited(address account, uint256 amount) internal {
        vm.expectEmit(address(market));
        emit IMarketplace.Credited(account, address(hook), amount);
    }

    function test_TheHookTokenIsAllowlistedAndCallsItsReceivers() external {
        assertTrue(vault.isPaymentToken(address(hook)), "allowlisted by the timelock");
        assertTrue(hook.hooked(address(reverter)) && hook.hooked(address(burner)), "griefers registered");
        reverter.setRefusing(false);
        hook.mint(address(reverter), 1);
        assertEq(reverter.received(), 1, "the hook ran");
        reverter.setRefusing(true);
        vm.expectRevert(abi.encodeWithSelector(RevertingReceiver.RevertingReceiver_Refused.selector));
        hook.mint(address(reverter), 1);
    }

    /*//////////////////////////////////////////////////////////////
                          GRIEFING BIDDERS
    //////////////////////////////////////////////////////////////*/

    function test_GivenGriefingBidders_ASecondaryAuctionCompletes() external {
        buyPrimary(buyer1, first);
        uint256 auctionId = auctionAs(buyer1, first, address(hook), 100e18, DAY);

        // The reverting receiver leads; an honest bid outbids it and its refund is credited.
        bidAs(address(reverter), auctionId, 100e18);
        expectCredited(address(reverter), 100e18);
        bidAs(buyer2, auctionId, 105e18);
        assertEq(creditOfHook(address(reverter)), 100e18, "reverter credited");
        assertEq(market.auction(auctionId).highestBidder, buyer2, "the honest bid stands");

        // The gas burner outbids the honest bidder, who is repaid at once.
        uint256 buyer2Before = hook.balanceOf(buyer2);
        bidAs(address(burner), auctionId, 111e18); // 105 + 5.25, rounded up
        assertEq(hook.balanceOf(buyer2) - buyer2Before, 105e18, "honest bidder repaid");
        assertEq(creditOfHook(buyer2), 0, "not credited");

        // A later honest bid repays the burner: its hook burns the capped gas and the refund is credited.
        expectCredited(address(burner), 111e18);
        uint256 gasBefore = gasleft();
        bidAs(buyer3, auctionId, 117e18); // 111 + 5.55, rounded up
        uint256 bidGas = gasBefore - gasleft();
        assertLt(bidGas, BID_GAS_BOUND, "the honest bid's cost is bounded");
        assertGt(bidGas, market.PUSH_GAS(), "the burner's hook took the capped gas");
        assertEq(creditOfHook(address(burner)), 111e18, "burner credited");

        // Settlement: the seller and the fees are paid, the winner gets the certificate.
        vm.warp(market.auction(auctionId).endTime);
        Balances memory b = balancesOf(hook, buyer3, buyer1);
        market.settle(auctionId);
        Balances memory a = balancesOf(hook, buyer3, buyer1);
        uint256 trading = fee(117e18, TRADING_BPS);
        assertEq(a.seller - b.seller, 117e18 - trading, "seller paid");
        assertFeesPaid(b, a, trading, "fees paid");
        assertEq(certificate.ownerOf(first), buyer3, "winner owns it");
        assertEq(a.market, 211e18, "the marketplace holds exactly the credits");

        // The griefers collect once they accept payment.
        reverter.setRefusing(false);
        burner.setRefusing(false);
        vm.prank(address(reverter));
        market.withdrawCredit(address(hook));
        vm.prank(address(burner));
        market.withdrawCredit(address(hook));
        assertEq(reverter.received(), 100e18, "reverter paid");
        assertEq(burner.received(), 111e18, "burner paid");
        assertEq(balancesOf(hook, buyer1, buyer1).market, 0, "nothing left but fees");
    }

    function test_GivenGriefingBidders_APrimaryAuctionCompletes() external {
        uint256 tokenId = tokenOf(hookOfferingId, 1);
        uint256 auctionId = primaryAuctionAs(miner, hookOfferingId, UNITS, 1000e18, DAY);
        bidAs(address(burner), auctionId, 1000e18);
        expectCredited(address(burner), 1000e18);
        bidAs(buyer1, auctionId, 1050e18);
        bidAs(address(reverter), auctionId, 1103e18); // buyer1 repaid
        expectCredited(address(reverter), 1103e18);
        bidAs(buyer2, auctionId, 1200e18);

        vm.warp(market.auction(auctionId).endTime);
        Balances memory b = balancesOf(hook, buyer2, miner);
        market.settle(auctionId);
        Balances memory a = balancesOf(hook, buyer2, miner);
        uint256 channel = fee(1200e18, CHANNEL_BPS);
        assertEq(a.vault - b.vault, 1200e18 - channel, "escrow into the vault");
        assertEq(vault.offering(hookOfferingId).totalEscrow, 1200e18 - channel, "offering escrow");
        assertFeesPaid(b, a, channel, "fees paid");
        assertEq(a.miner, b.miner, "the miner receives nothing");
        assertEq(certificate.ownerOf(tokenId), buyer2, "winner owns it");
        assertEq(a.market, 1000e18 + 1103e18, "the marketplace holds exactly the credits");
    }

    function test_GivenAGriefingWinner_AVoidedPrimaryAuctionCreditsItsBid() external {
        uint256 tokenId = tokenOf(hookOfferingId, 1);
        uint256 auctionId = primaryAuctionAs(miner, hookOfferingId, UNITS, 1000e18, DAY);
        bidAs(address(reverter), auctionId, 1000e18);
        terminateOffering(hookOfferingId);
        vm.warp(market.auction(auctionId).endTime);

        vm.expectEmit(address(market));
        emit IMarketplace.AuctionVoided(auctionId, auctionVoidError(auctionId));
        expectCredited(address(reverter), 1000e18);
        market.settle(auctionId);
        assertEq(certificate.holderOf(tokenId), address(0), "no certificate minted");
        assertEq(vault.offering(hookOfferingId).lotUnits, 0, "the lot released");
        assertEq(creditOfHook(address(reverter)), 1000e18, "bid credited");
        assertEq(hook.balanceOf(address(market)), 1000e18, "held for the griefer");
    }

    function test_GivenAGriefingWinner_ItStillGetsTheCertificate() external {
        buyPrimary(buyer1, first);
        uint256 auctionId = auctionAs(buyer1, first, address(hook), 100e18, DAY);
        bidAs(address(burner), auctionId, 100e18);
        vm.warp(market.auction(auctionId).endTime);
        uint256 before = hook.balanceOf(buyer1);
        market.settle(auctionId);
        assertEq(certificate.ownerOf(first), address(burner), "certificates move without a hook");
        assertEq(hook.balanceOf(buyer1) - before, 98e18, "seller paid");
    }

    /*//////////////////////////////////////////////////////////////
                       GRIEFING LISTING SELLERS
    //////////////////////////////////////////////////////////////*/

    /// @dev `first`, sold, then given to `seller_` who lists it at 100 HookToken: a secondary listing.
    function listByGriefer(address seller_, uint256 tokenId) internal returns (uint256 listingId) {
        buyPrimary(buyer1, tokenId);
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, seller_, tokenId);
        listingId = listIn(seller_, tokenId, address(hook), 100e18);
    }

    function test_GivenAListingSellerThatRevertsOnReceive_TheBuyCreditsItsProceeds() external {
        uint256 listingId = listByGriefer(address(reverter), first);
        uint256 trading = fee(100e18, TRADING_BPS);
        Balances memory b = balancesOf(hook, buyer2, address(reverter));
        expectCredited(address(reverter), 100e18 - trading);
        buyAs(buyer2, listingId, 100e18);
        Balances memory a = balancesOf(hook, buyer2, address(reverter));

        assertEq(certificate.ownerOf(first), buyer2, "the buyer owns it");
        assertEq(b.buyer - a.buyer, 100e18, "the buyer paid the price");
        assertEq(a.seller, b.seller, "the seller refused the push");
        assertEq(creditOfHook(address(reverter)), 100e18 - trading, "proceeds credited");
        assertFeesPaid(b, a, trading, "fees");
        assertEq(a.market, 100e18 - trading, "held for the seller");
    }

    function test_GivenRefusingSellersInABatch_BuyAvailableBuysEveryListing() external {
        uint256 fromReverter = listByGriefer(address(reverter), first);
        uint256 fromBurner = listByGriefer(address(burner), second);
        buyPrimary(buyer1, third);
        uint256 honest = listIn(buyer1, third, address(hook), 100e18);
        uint256 net = 100e18 - fee(100e18, TRADING_BPS);
        uint256 honestBefore = hook.balanceOf(buyer1);

        vm.prank(buyer2);
        bool[] memory bought = market.buyAvailable(ids(fromReverter, fromBurner, honest), prices3(100e18));

        assertTrue(bought[0] && bought[1] && bought[2], "every listing was bought");
        assertEq(certificate.ownerOf(first), buyer2, "first bought");
        assertEq(certificate.ownerOf(second), buyer2, "second bought");
        assertEq(certificate.ownerOf(third), buyer2, "third bought");
        assertEq(creditOfHook(address(reverter)), net, "reverter credited");
        assertEq(creditOfHook(address(burner)), net, "burner credited");
        assertEq(hook.balanceOf(buyer1) - honestBefore, net, "the honest seller paid at once");
    }

    function prices3(uint256 price) internal pure returns (uint256[] memory list) {
        list = new uint256[](3);
        (list[0], list[1], list[2]) = (price, price, price);
    }

    /*//////////////////////////////////////////////////////////////
                          GRIEFING SELLERS
    //////////////////////////////////////////////////////////////*/

    function test_GivenASellerThatRevertsOnReceive_SettlementCreditsItsProceeds() external {
        buyPrimary(buyer1, first);
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, address(reverter), first);
        uint256 auctionId = auctionAs(address(reverter), first, address(hook), 100e18, DAY);
        bidAs(buyer2, auctionId, 100e18);
        bidAs(buyer3, auctionId, 200e18);
        vm.warp(market.auction(auctionId).endTime);

        uint256 trading = fee(200e18, TRADING_BPS);
        Balances memory b = balancesOf(hook, buyer3, address(reverter));
        vm.expectEmit(address(market));
        emit IMarketplace.AuctionSettled(auctionId, buyer3, 200e18);
        expectCredited(address(reverter), 200e18 - trading);
        vm.prank(stranger);
        market.settle(auctionId);
        Balances memory a = balancesOf(hook, buyer3, address(reverter));

        assertEq(certificate.ownerOf(first), buyer3, "the winner owns it");
        assertFeesPaid(b, a, trading, "fees paid");
        assertEq(a.seller, b.seller, "the seller refused the push");
        assertEq(creditOfHook(address(reverter)), 200e18 - trading, "proceeds credited");
        assertEq(a.market, 200e18 - trading, "held for the seller");

        reverter.setRefusing(false);
        vm.prank(address(reverter));
        assertEq(market.withdrawCredit(address(hook)), 200e18 - trading, "withdrawn later");
        assertEq(balancesOf(hook, buyer1, buyer1).market, 0, "nothing left but fees");
    }

    function test_GivenASellerThatBurnsAllGas_SettlementCreditsItsProceeds() external {
        buyPrimary(buyer1, first);
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, address(burner), first);
        uint256 auctionId = auctionAs(address(burner), first, address(hook), 100e18, DAY);
        bidAs(buyer2, auctionId, 100e18);
        vm.warp(market.auction(auctionId).endTime);

        expectCredited(address(burner), 98e18);
        uint256 gasBefore = gasleft();
        market.settle(auctionId);
        assertLt(gasBefore - gasleft(), BID_GAS_BOUND, "settlement cost is bounded");
        assertEq(certificate.ownerOf(first), buyer2, "the winner owns it");
        assertEq(creditOfHook(address(burner)), 98e18, "proceeds credited");
    }
}
