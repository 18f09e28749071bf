// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {SaleChannel} from "../../../../src/types/Market.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract AcceptOffer_Marketplace_Concrete_Test is MarketplaceTestBase {
    /// @dev buyer1's offer for the first certificate.
    uint256 internal tokenOffer;
    /// @dev buyer2's offer for any certificate of the default offering.
    uint256 internal offeringOffer;

    function setUp() public override {
        super.setUp();
        tokenOffer = offerAs(buyer1, first, address(usdc), PRICE);
        offeringOffer = offeringOfferAs(buyer2, offeringId, address(usdc), PRICE);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(unknownOfferError(99));
        acceptAs(miner, 99, first);
    }

    function test_RevertGiven_TheOfferExpired() external {
        uint64 expiry = market.offer(tokenOffer).expiry;
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferExpired.selector, tokenOffer, expiry));
        acceptAs(miner, tokenOffer, first);
    }

    function test_RevertWhen_TheCertificateIsNotTheOffersOne() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferMismatch.selector, tokenOffer, second));
        acceptAs(miner, tokenOffer, second);
    }

    function test_RevertWhen_TheCertificateIsOfAnotherOffering() external {
        uint256 other = tokenOf(hookOfferingId, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferMismatch.selector, offeringOffer, other));
        acceptAs(miner, offeringOffer, other);
    }

    function test_RevertWhen_CallerDoesNotOwnTheCertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, stranger));
        acceptAs(stranger, tokenOffer, first);
    }

    function test_RevertWhen_TheMarketplaceIsNotApproved() external {
        vm.prank(miner);
        certificate.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, miner));
        acceptAs(miner, tokenOffer, first);
    }

    function test_RevertGiven_TheTokenWasRemovedFromTheAllowlist() external {
        vm.prank(timelock);
        vault.setPaymentToken(address(usdc), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(usdc)));
        acceptAs(miner, tokenOffer, first);
    }

    function test_RevertWhen_APrimarySaleIsOfferedInAnotherToken() external {
        uint256 daiOffer = offerAs(buyer3, second, address(dai), 3000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_WrongPaymentToken.selector, second, address(dai), address(usdc)
            )
        );
        acceptAs(miner, daiOffer, second);
    }

    function test_RevertGiven_ThePrimaryOfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Terminated
            )
        );
        acceptAs(miner, tokenOffer, first);
    }

    function test_RevertWhen_TheBidderAcceptsItsOwnOffer() external {
        buyPrimary(buyer1, second);
        uint256 own = offerAs(buyer1, second, address(usdc), RESALE);
        vm.expectRevert(selfDealingError(buyer1));
        acceptAs(buyer1, own, second);
    }

    function test_RevertWhen_TheBidderAcceptsItsOwnOfferingOffer() external {
        buyPrimary(buyer2, second);
        vm.expectRevert(selfDealingError(buyer2));
        acceptAs(buyer2, offeringOffer, second);
    }

    function test_RevertWhen_TheMinerWouldBuyItsOwnCertificatesPrimarySale() external {
        vm.prank(usdcBridge);
        usdc.mint(miner, PRICE);
        vm.prank(miner);
        usdc.approve(address(market), PRICE);
        // A reseller holds the still unsold certificate.
        vm.prank(miner);
        certificate.transferFrom(miner, buyer3, second);
        uint256 minersOffer = offerAs(miner, second, address(usdc), PRICE);
        vm.expectRevert(selfDealingError(miner));
        acceptAs(buyer3, minersOffer, second);
    }

    function test_RevertGiven_TheMinerIsSuspended_TheCertificateIsNotOnSale() external {
        suspendMiner(miner);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.Marketplace_OfferingNotOnSale.selector, first, OfferingStatus.Active)
        );
        acceptAs(miner, tokenOffer, first);
    }

    /*//////////////////////////////////////////////////////////////
                                PRIMARY
    //////////////////////////////////////////////////////////////*/

    function test_WhenAnOfferForTheCertificateIsAcceptedByTheMiner_ThePriceBecomesEscrow() external {
        uint256 channel = fee(PRICE, CHANNEL_BPS);
        Balances memory b = balancesOf(usdc, buyer1, miner);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferAccepted(tokenOffer, first, miner);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(first, miner, buyer1, SaleChannel.Offer, tokenOffer, address(usdc), PRICE, channel, true);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, first, PRICE - channel, UNITS, today, UNITS);
        acceptAs(miner, tokenOffer, first);
        Balances memory a = balancesOf(usdc, buyer1, miner);

        assertEq(certificate.ownerOf(first), buyer1, "the bidder owns it");
        assertEq(a.vault - b.vault, PRICE - channel, "net into the vault");
        assertFeesPaid(b, a, channel, "channel fee");
        assertEq(a.miner, b.miner, "the miner receives nothing");
        assertEq(b.market - a.market, PRICE, "the held funds are spent");
        assertEq(a.buyer, b.buyer, "the bidder paid when offering");
        vm.expectRevert(unknownOfferError(tokenOffer));
        market.offer(tokenOffer);
    }

    function test_WhenAnOfferingOfferIsAcceptedWithAnyCertificate_ItSells() external {
        vm.expectEmit(address(market));
        emit IMarketplace.OfferAccepted(offeringOffer, third, miner);
        acceptAs(miner, offeringOffer, third);
        assertEq(certificate.ownerOf(third), buyer2, "any of the offering");
        assertEq(vault.certificateView(third).escrow, PRICE - fee(PRICE, CHANNEL_BPS), "escrow");
        assertEq(balancesOf(usdc, buyer2, miner).market, PRICE, "only the other offer is still held");
    }

    function test_WhenAcceptedJustBeforeExpiry_ItSells() external {
        vm.warp(market.offer(tokenOffer).expiry - 1);
        acceptAs(miner, tokenOffer, first);
        assertEq(certificate.ownerOf(first), buyer1, "sold");
    }

    /*//////////////////////////////////////////////////////////////
                               SECONDARY
    //////////////////////////////////////////////////////////////*/

    function test_WhenSecondary_TheSellerGetsTheAmountLessTheTradingFee() external {
        buyPrimary(buyer3, second);
        uint256 resaleOffer = offerAs(buyer1, second, address(usdc), RESALE);
        uint256 trading = fee(RESALE, TRADING_BPS);
        Balances memory b = balancesOf(usdc, buyer1, buyer3);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(
            second, buyer3, buyer1, SaleChannel.Offer, resaleOffer, address(usdc), RESALE, trading, false
        );
        acceptAs(buyer3, resaleOffer, second);
        Balances memory a = balancesOf(usdc, buyer1, buyer3);

        assertEq(a.seller - b.seller, RESALE - trading, "seller proceeds");
        assertFeesPaid(b, a, trading, "trading fee");
        assertEq(a.vault, b.vault, "the vault is not involved");
        assertEq(b.market - a.market, RESALE, "the held funds are spent");
        assertEq(certificate.ownerOf(second), buyer1, "the bidder owns it");
    }

    function test_WhenSecondaryOfferingOfferInAnotherToken_ItPaysInThatToken() external {
        buyPrimary(buyer3, second);
        uint256 daiOffer = offeringOfferAs(buyer1, offeringId, address(dai), 4000e18);
        Balances memory b = balancesOf(dai, buyer1, buyer3);
        acceptAs(buyer3, daiOffer, second);
        Balances memory a = balancesOf(dai, buyer1, buyer3);
        assertEq(a.seller - b.seller, 4000e18 - 80e18, "proceeds in DAI");
        assertFeesPaid(b, a, 80e18, "fee in DAI");
        assertEq(a.market, 0, "nothing held in DAI");
    }

    function test_WhenSecondaryAndTheOfferingWasTerminated_ItStillSells() external {
        buyPrimary(buyer3, second);
        terminateOffering(offeringId);
        acceptAs(buyer3, offeringOffer, second);
        assertEq(certificate.ownerOf(second), buyer2, "sold");
    }
}
