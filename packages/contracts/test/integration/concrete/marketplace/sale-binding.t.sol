// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {CertificateView} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";
import {RefundingSeller} from "../../../mocks/HookReceivers.sol";

/// @notice Issue 15, "A sale does not bind what it sells": one test per finding, named after it. Each one failed on
/// `main` (the sale went through and delivered less than it showed) and passes now. A listing and an offer on a
/// certificate record its sale nonce, which every transfer, split, merge and refund bumps; an offer on an offering
/// names its units; the yield accrued before a sale is paid to the seller at the sale.
contract SaleBinding_Marketplace_Concrete_Test is MarketplaceTestBase {
    /// @dev buyer1's certificate, bought at its primary sale on day 0; day 0's yield was delivered.
    uint256 internal held;
    uint256 internal accrued;

    function setUp() public override {
        super.setUp();
        held = buyPrimary(buyer1, first);
        buyPrimary(buyer2, second);
        warpToDay(today + 1);
        deliver(offeringId, today, 2 * DAILY_YIELD);
        accrued = vault.claimable(held);
        assertEq(accrued, DAILY_YIELD, "setUp: day 0's yield accrued to the certificate");
    }

    function listingVoid(uint256 listingId, uint48 listed) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IMarketplace.Marketplace_ListingVoid.selector, listingId, listed, certificate.saleNonce(held)
        );
    }

    function splitAs(address holder, uint256 tokenId, uint256 units) internal returns (uint256 part) {
        vm.prank(holder);
        part = vault.split(tokenId, units);
    }

    /*//////////////////////////////////////////////////////////////
                           SPLIT BEFORE SALE
    //////////////////////////////////////////////////////////////*/

    function test_SplitBeforeSale_VoidsTheListing() external {
        uint256 listingId = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(listingId).nonce;
        // The seller keeps 9 of the 10 units listed; the buyer would pay full price for 1.
        splitAs(buyer1, held, UNITS - 1);
        assertFalse(market.isListingValid(listingId), "the listing is void");
        vm.expectRevert(listingVoid(listingId, listed));
        buyAs(buyer3, listingId, RESALE);
        assertEq(certificate.ownerOf(held), buyer1, "nothing was sold");
    }

    function test_SplitBeforeSale_BuyManyRevertsWhole() external {
        uint256 other = listAs(buyer2, second, RESALE);
        uint256 listingId = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(listingId).nonce;
        splitAs(buyer1, held, 1);
        uint256[] memory maxPrices = new uint256[](2);
        (maxPrices[0], maxPrices[1]) = (RESALE, RESALE);
        vm.expectRevert(listingVoid(listingId, listed));
        vm.prank(buyer3);
        market.buyMany(ids(other, listingId), maxPrices);
        assertEq(certificate.ownerOf(second), buyer2, "all or nothing: the valid listing was not bought either");
    }

    function test_SplitBeforeSale_BuyAvailableSkipsTheListing() external {
        uint256 other = listAs(buyer2, second, RESALE);
        uint256 listingId = listAs(buyer1, held, RESALE);
        splitAs(buyer1, held, 1);
        uint256[] memory maxPrices = new uint256[](2);
        (maxPrices[0], maxPrices[1]) = (RESALE, RESALE);
        vm.expectEmit(address(market));
        emit IMarketplace.ListingSkipped(listingId);
        vm.prank(buyer3);
        bool[] memory bought = market.buyAvailable(ids(other, listingId), maxPrices);
        assertTrue(bought[0] && !bought[1], "only the unchanged listing was bought");
        assertEq(certificate.ownerOf(held), buyer1, "the split certificate stays with its seller");
    }

    function test_SplitBeforeSale_VoidsTheOfferOnTheCertificate() external {
        uint256 offerId = offerAs(buyer3, held, address(usdc), RESALE);
        uint48 offered = market.offer(offerId).nonce;
        splitAs(buyer1, held, UNITS - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferVoid.selector, offerId, offered, certificate.saleNonce(held)
            )
        );
        acceptAs(buyer1, offerId, held);
    }

    function test_MergeBeforeSale_VoidsTheListing() external {
        // buyer1 buys the second certificate too (same sale day), lists the first, then merges the second into it.
        uint256 resold = listAs(buyer2, second, RESALE);
        buyAs(buyer1, resold, RESALE);
        uint256 listingId = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(listingId).nonce;
        vm.prank(buyer1);
        vault.merge(held, second);
        vm.expectRevert(listingVoid(listingId, listed));
        buyAs(buyer3, listingId, RESALE);
    }

    /*//////////////////////////////////////////////////////////////
                      OFFERING CHANGED BEFORE SALE
    //////////////////////////////////////////////////////////////*/

    function test_TerminateBeforeSale_VoidsTheListingAndTheOffer() external {
        // Listed as a running certificate; after termination it is a refund claim instead.
        uint256 listingId = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(listingId).nonce;
        uint256 offerId = offerAs(buyer3, held, address(usdc), RESALE);
        terminateOffering(offeringId);
        assertFalse(market.isListingValid(listingId), "the listing is void");
        vm.expectRevert(listingVoid(listingId, listed));
        buyAs(buyer3, listingId, RESALE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferVoid.selector, offerId, listed, certificate.saleNonce(held)
            )
        );
        acceptAs(buyer1, offerId, held);
        assertEq(certificate.ownerOf(held), buyer1, "nothing was sold");
    }

    function test_FlagBeforeSale_VoidsTheListing_GivenTheDaoResumes() external {
        // Listed for a month, so that only the flag can end it within the flag window.
        vm.prank(buyer1);
        uint256 listingId = market.list(held, address(usdc), RESALE, uint64(block.timestamp + 30 days));
        uint48 listed = market.listing(listingId).nonce;
        warpToDay(today + 8); // days 1-7 missed
        vault.flag(offeringId);
        assertFalse(market.isListingValid(listingId), "void while frozen");
        vm.prank(timelock);
        vault.resume(offeringId);
        assertFalse(market.isListingValid(listingId), "resuming does not revive it");
        vm.expectRevert(listingVoid(listingId, listed));
        buyAs(buyer3, listingId, RESALE);
        // The holder lists again, at the price of what the certificate is now.
        uint256 relisted = listAs(buyer1, held, RESALE);
        assertTrue(market.isListingValid(relisted), "a new listing sells");
    }

    /*//////////////////////////////////////////////////////////////
                           CLAIM BEFORE SALE
    //////////////////////////////////////////////////////////////*/

    function test_ClaimBeforeSale_ThePriceBuysTheRemainingStream() external {
        // Without a claim, the yield accrued before the sale is paid to the seller at the sale.
        uint256 listingId = listAs(buyer1, held, RESALE);
        uint256 sellerYield = ifil.balanceOf(buyer1);
        vm.expectEmit(address(market));
        emit IMarketplace.SellerYieldPaid(held, buyer1, address(ifil), accrued);
        buyAs(buyer3, listingId, RESALE);
        assertEq(ifil.balanceOf(buyer1) - sellerYield, accrued, "the seller got the yield accrued before the sale");
        assertEq(vault.claimable(held), 0, "the buyer bought no past yield");
        assertEq(certificate.ownerOf(held), buyer3, "the buyer holds the certificate");
        assertEq(ifil.balanceOf(address(market)), 0, "the marketplace keeps no yield");

        // The buyer gets the stream from the sale on.
        warpToDay(today + 2);
        deliver(offeringId, today + 1, 2 * DAILY_YIELD);
        assertEq(vault.claimable(held), DAILY_YIELD, "the buyer earns the days after the sale");
    }

    function test_ClaimBeforeSale_ChangesNothingForTheBuyer() external {
        uint256 listingId = listAs(buyer1, held, RESALE);
        claimAs(buyer1, ids(held));
        assertTrue(market.isListingValid(listingId), "a claim leaves the listing valid: the buyer loses nothing");
        buyAs(buyer3, listingId, RESALE);
        assertEq(ifil.balanceOf(buyer1), accrued, "the seller has its yield once");
        assertEq(vault.claimable(held), 0, "the buyer gets the same certificate as without the claim");
        assertEq(vault.certificateView(held).units, UNITS, "with all of its units");
    }

    function test_ClaimBeforeSale_AnAcceptedOfferPaysTheSellerItsYield() external {
        uint256 offerId = offerAs(buyer3, held, address(usdc), RESALE);
        acceptAs(buyer1, offerId, held);
        assertEq(ifil.balanceOf(buyer1), accrued, "the seller got the yield accrued before the sale");
        assertEq(vault.claimable(held), 0, "the bidder bought no past yield");
        assertEq(certificate.ownerOf(held), buyer3, "the bidder holds the certificate");
    }

    function test_ClaimBeforeSale_AnAuctionPaysTheSellerTheYieldAccruedInCustody() external {
        uint256 auctionId = auctionAs(buyer1, held, address(usdc), RESALE, 1 hours);
        bidAs(buyer3, auctionId, RESALE);
        // While the marketplace holds the certificate, day 1's yield arrives: still before the sale.
        warpToDay(today + 2);
        deliver(offeringId, today + 1, 2 * DAILY_YIELD);
        market.settle(auctionId);
        assertEq(ifil.balanceOf(buyer1), 2 * DAILY_YIELD, "the seller got days 0 and 1");
        assertEq(vault.claimable(held), 0, "the winner bought no past yield");
        assertEq(certificate.ownerOf(held), buyer3, "the winner holds the certificate");
    }

    function test_ClaimBeforeSale_ASellerRefusingTheYieldIsCredited() external {
        // A seller whose yield transfer fails cannot make its listing unbuyable: the yield is credited.
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, address(reverter), held);
        vm.prank(address(reverter));
        certificate.setApprovalForAll(address(market), true);
        uint256 listingId = listIn(address(reverter), held, address(usdc), RESALE);
        vm.mockCallRevert(
            address(ifil), abi.encodeWithSignature("transfer(address,uint256)", address(reverter), accrued), ""
        );
        buyAs(buyer3, listingId, RESALE);
        vm.clearMockedCalls();
        assertEq(market.creditOf(address(reverter), address(ifil)), accrued, "credited");
        assertEq(certificate.ownerOf(held), buyer3, "sold");
    }

    /*//////////////////////////////////////////////////////////////
                          REFUND BEFORE SALE
    //////////////////////////////////////////////////////////////*/

    function test_RefundBeforeSale_VoidsTheListing() external {
        terminateOffering(offeringId);
        uint256 listingId = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(listingId).nonce;
        refundAs(buyer1, ids(held));
        vm.expectRevert(listingVoid(listingId, listed));
        buyAs(buyer3, listingId, RESALE);
    }

    function test_RefundBeforeSale_VoidsTheOfferOnTheCertificate() external {
        terminateOffering(offeringId);
        uint256 offerId = offerAs(buyer3, held, address(usdc), RESALE);
        uint48 offered = market.offer(offerId).nonce;
        refundAs(buyer1, ids(held));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferVoid.selector, offerId, offered, certificate.saleNonce(held)
            )
        );
        acceptAs(buyer1, offerId, held);
    }

    function test_RefundBeforeSale_AnOfferOnTheOfferingRefusesTheRefundedCertificate() external {
        terminateOffering(offeringId);
        uint256 offerId = offeringOfferAs(buyer3, offeringId, address(usdc), RESALE);
        refundAs(buyer1, ids(held));
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_CertificateMismatch.selector, offerId, held, UNITS, true)
        );
        acceptAs(buyer1, offerId, held);
    }

    function test_RefundBeforeSale_ASellerCannotRefundFromItsPaymentHook() external {
        // A seller paid in a hooked token tries to take the refund while the marketplace pays it: the buyer must
        // already hold the certificate by then.
        RefundingSeller refunder = new RefundingSeller(hook, vault);
        uint256 tokenId = tokenOf(hookOfferingId, 1);
        assertEq(buyUnits(buyer1, hookOfferingId, UNITS, PRICE), tokenId, "bought at its primary sale");
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, address(refunder), tokenId);
        terminateOffering(hookOfferingId);
        vm.startPrank(address(refunder));
        certificate.setApprovalForAll(address(market), true);
        uint256 listingId = market.list(tokenId, address(hook), 100e18, inAWeek());
        vm.stopPrank();
        refunder.arm(tokenId);
        uint256 refundable = vault.refundable(tokenId);
        assertGt(refundable, 0, "the certificate carries a refund");
        buyAs(buyer3, listingId, 100e18);
        assertFalse(refunder.refundedInHook(), "the seller could not refund what it sold");
        assertEq(vault.refundable(tokenId), refundable, "the buyer got the refund the listing showed");
        assertEq(certificate.ownerOf(tokenId), buyer3, "sold");
    }

    /*//////////////////////////////////////////////////////////////
                    REVIVED LISTING AFTER BUY-BACK
    //////////////////////////////////////////////////////////////*/

    function test_RevivedListingAfterBuyBack_StaysDead() external {
        uint256 cheap = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(cheap).nonce;
        // The seller sells through an offer, then buys the certificate back.
        acceptAs(buyer1, offerAs(buyer2, held, address(usdc), RESALE), held);
        acceptAs(buyer2, offerAs(buyer1, held, address(usdc), RESALE * 2), held);
        assertEq(certificate.ownerOf(held), buyer1, "bought back");
        assertFalse(market.isListingValid(cheap), "the old listing did not revive");
        vm.expectRevert(listingVoid(cheap, listed));
        buyAs(buyer3, cheap, RESALE);
    }

    function test_RevivedListingAfterBuyBack_StaysDeadAfterAPlainTransfer() external {
        uint256 cheap = listAs(buyer1, held, RESALE);
        uint48 listed = market.listing(cheap).nonce;
        vm.prank(buyer1);
        certificate.transferFrom(buyer1, buyer2, held);
        vm.prank(buyer2);
        certificate.transferFrom(buyer2, buyer1, held);
        // Updating the price does not revive it either.
        vm.prank(buyer1);
        market.updateListing(cheap, RESALE, inAWeek());
        vm.expectRevert(listingVoid(cheap, listed));
        buyAs(buyer3, cheap, RESALE);
    }

    /*//////////////////////////////////////////////////////////////
             OFFER ON AN OFFERING THAT GETS FEWER UNITS
    //////////////////////////////////////////////////////////////*/

    function test_OfferOnAnOfferingThatGetsFewerUnits_IsRefused() external {
        uint256 offerId = offeringOfferAs(buyer3, offeringId, address(usdc), RESALE);
        assertEq(market.offer(offerId).units, UNITS, "the offer names the units it buys");
        // The holder splits off 9 units and offers the 1-unit remainder.
        splitAs(buyer1, held, UNITS - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_CertificateMismatch.selector, offerId, held, 1, false)
        );
        acceptAs(buyer1, offerId, held);
    }

    function test_OfferOnAnOfferingThatGetsFewerUnits_TakesACertificateOfTheNamedUnits() external {
        uint256 part = splitAs(buyer1, held, 3);
        uint256 offerId = offeringOfferAs(buyer3, offeringId, 3, address(usdc), RESALE);
        acceptAs(buyer1, offerId, part);
        CertificateView memory v = vault.certificateView(part);
        assertEq(certificate.ownerOf(part), buyer3, "the bidder holds it");
        assertEq(v.units, 3, "with exactly the units it named");
        assertFalse(v.refunded, "not refunded");
    }

    /*//////////////////////////////////////////////////////////////
                                AUCTIONS
    //////////////////////////////////////////////////////////////*/

    function test_AnAuctionedCertificateCannotBeChangedBeforeSettlement() external {
        uint256 auctionId = auctionAs(buyer1, held, address(usdc), RESALE, 1 hours);
        bidAs(buyer3, auctionId, RESALE);
        // The seller no longer holds it: no split, merge, claim or refund.
        vm.expectRevert();
        splitAs(buyer1, held, 1);
        vm.warp(block.timestamp + 1 hours);
        market.settle(auctionId);
        assertEq(vault.certificateView(held).units, UNITS, "the winner got every unit shown");
    }
}
