// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {SaleChannel} from "../../../../src/types/Market.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

/// @notice `acceptOffer` (secondary: the holder sells a certificate) and `acceptPrimaryOffer` (the miner sells the
/// offer's units from its offering, minted to the bidder).
contract AcceptOffer_Marketplace_Concrete_Test is MarketplaceTestBase {
    /// @dev buyer1's offer for the first certificate (held by `holder`).
    uint256 internal tokenOffer;
    /// @dev buyer2's offer for UNITS units of the default offering.
    uint256 internal offeringOffer;

    function setUp() public override {
        super.setUp();
        holdFirst();
        tokenOffer = offerAs(buyer1, first, address(usdc), PRICE);
        offeringOffer = offeringOfferAs(buyer2, offeringId, address(usdc), PRICE);
    }

    function acceptPrimaryAs(address account, uint256 offerId) internal returns (uint256) {
        vm.prank(account);
        return market.acceptPrimaryOffer(offerId);
    }

    /*//////////////////////////////////////////////////////////////
                          SECONDARY: REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(unknownOfferError(99));
        acceptAs(holder, 99, first);
    }

    function test_RevertGiven_TheOfferExpired() external {
        uint64 expiry = market.offer(tokenOffer).expiry;
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferExpired.selector, tokenOffer, expiry));
        acceptAs(holder, tokenOffer, first);
    }

    function test_RevertWhen_TheCertificateIsNotTheOffersOne() external {
        buyPrimary(holder, second);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferMismatch.selector, tokenOffer, second));
        acceptAs(holder, tokenOffer, second);
    }

    function test_RevertWhen_TheCertificateIsOfAnotherOffering() external {
        uint256 other = tokenOf(hookOfferingId, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferMismatch.selector, offeringOffer, other));
        acceptAs(holder, offeringOffer, other);
    }

    function test_RevertWhen_CallerDoesNotOwnTheCertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, stranger));
        acceptAs(stranger, tokenOffer, first);
    }

    function test_RevertWhen_TheMarketplaceIsNotApproved() external {
        vm.prank(holder);
        certificate.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotApproved.selector, first, holder));
        acceptAs(holder, tokenOffer, first);
    }

    function test_RevertGiven_TheTokenWasRemovedFromTheAllowlist() external {
        vm.prank(timelock);
        vault.setPaymentToken(address(usdc), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_PaymentTokenNotAllowed.selector, address(usdc)));
        acceptAs(holder, tokenOffer, first);
    }

    function test_RevertWhen_TheCertificateCarriesOtherUnits() external {
        buyUnits(holder, offeringId, 2 * UNITS, 2 * PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_CertificateMismatch.selector, offeringOffer, second, 2 * UNITS, false
            )
        );
        acceptAs(holder, offeringOffer, second);
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

    /*//////////////////////////////////////////////////////////////
                          SECONDARY: SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenSecondary_TheSellerGetsTheAmountLessTheTradingFee() external {
        uint256 trading = fee(PRICE, TRADING_BPS);
        Balances memory b = balancesOf(usdc, buyer1, holder);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferAccepted(tokenOffer, first, holder);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(
            first, holder, buyer1, SaleChannel.Offer, tokenOffer, address(usdc), PRICE, trading, false
        );
        acceptAs(holder, tokenOffer, first);
        Balances memory a = balancesOf(usdc, buyer1, holder);

        assertEq(a.seller - b.seller, PRICE - trading, "seller proceeds");
        assertFeesPaid(b, a, trading, "trading fee");
        assertEq(a.vault, b.vault, "the vault is not involved");
        assertEq(b.market - a.market, PRICE, "the held funds are spent");
        assertEq(certificate.ownerOf(first), buyer1, "the bidder owns it");
        vm.expectRevert(unknownOfferError(tokenOffer));
        market.offer(tokenOffer);
    }

    function test_WhenAcceptedJustBeforeExpiry_ItSells() external {
        vm.warp(market.offer(tokenOffer).expiry - 1);
        acceptAs(holder, tokenOffer, first);
        assertEq(certificate.ownerOf(first), buyer1, "sold");
    }

    function test_WhenSecondaryOfferingOfferInAnotherToken_ItPaysInThatToken() external {
        uint256 daiOffer = offeringOfferAs(buyer1, offeringId, address(dai), 4000e18);
        Balances memory b = balancesOf(dai, buyer1, holder);
        acceptAs(holder, daiOffer, first);
        Balances memory a = balancesOf(dai, buyer1, holder);
        assertEq(a.seller - b.seller, 4000e18 - 80e18, "proceeds in DAI");
        assertFeesPaid(b, a, 80e18, "fee in DAI");
        assertEq(a.market, 0, "nothing held in DAI");
    }

    function test_WhenSecondaryAndTheOfferingWasTerminated_ItStillSells() external {
        terminateOffering(offeringId);
        acceptAs(holder, offeringOffer, first);
        assertEq(certificate.ownerOf(first), buyer2, "sold");
    }

    /*//////////////////////////////////////////////////////////////
                           PRIMARY: REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_APrimaryOfferIsAcceptedByAnyoneButTheMiner() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, offeringId, holder));
        acceptPrimaryAs(holder, offeringOffer);
    }

    function test_RevertWhen_APrimaryOfferIsOnACertificate() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferMismatch.selector, tokenOffer, first));
        acceptPrimaryAs(miner, tokenOffer);
    }

    function test_RevertWhen_APrimaryOfferIsInAnotherToken() external {
        uint256 daiOffer = offeringOfferAs(buyer3, offeringId, address(dai), 3000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_WrongPaymentToken.selector, offeringId, address(dai), address(usdc)
            )
        );
        acceptPrimaryAs(miner, daiOffer);
    }

    function test_RevertWhen_APrimaryOfferIsBelowTheMinimumLot() external {
        uint256 small = offeringOfferAs(buyer3, offeringId, UNITS - 1, address(usdc), PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_BelowMinLot.selector, offeringId, UNITS - 1, UNITS
            )
        );
        acceptPrimaryAs(miner, small);
    }

    function test_RevertGiven_APrimaryOfferExpired() external {
        uint64 expiry = market.offer(offeringOffer).expiry;
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_OfferExpired.selector, offeringOffer, expiry));
        acceptPrimaryAs(miner, offeringOffer);
    }

    function test_RevertGiven_ThePrimaryOfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        acceptPrimaryAs(miner, offeringOffer);
    }

    function test_RevertGiven_TheMinerIsSuspended() external {
        suspendMiner(miner);
        vm.expectRevert(minerNotActiveError(MinerStatus.Suspended));
        acceptPrimaryAs(miner, offeringOffer);
    }

    function test_RevertWhen_TheMinerAcceptsItsOwnOffer() external {
        vm.prank(usdcBridge);
        usdc.mint(miner, PRICE);
        vm.prank(miner);
        usdc.approve(address(market), PRICE);
        uint256 minersOffer = offeringOfferAs(miner, offeringId, address(usdc), PRICE);
        vm.expectRevert(selfDealingError(miner));
        acceptPrimaryAs(miner, minersOffer);
    }

    /*//////////////////////////////////////////////////////////////
                           PRIMARY: SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenTheMinerAcceptsAPrimaryOffer_TheBidderGetsACertificateOfItsUnits() external {
        uint256 units = 3 * UNITS;
        uint256 amount = 2 * PRICE; // below the list price: the miner's choice
        // casting to uint64 is safe: 30 units
        // forge-lint: disable-next-line(unsafe-typecast)
        uint256 offerId = offeringOfferAs(buyer3, offeringId, uint64(units), address(usdc), amount);
        uint256 channel = fee(amount, CHANNEL_BPS);
        Balances memory b = balancesOf(usdc, buyer3, miner);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, second, amount - channel, units, today, UNITS + units);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(second, miner, buyer3, SaleChannel.Offer, offerId, address(usdc), amount, channel, true);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferAccepted(offerId, second, miner);
        uint256 tokenId = acceptPrimaryAs(miner, offerId);
        Balances memory a = balancesOf(usdc, buyer3, miner);

        assertEq(tokenId, second, "the next certificate");
        assertEq(certificate.ownerOf(second), buyer3, "minted to the bidder");
        assertEq(vault.certificateView(second).units, units, "the units offered for");
        assertEq(vault.certificateView(second).escrow, amount - channel, "escrow");
        assertEq(a.vault - b.vault, amount - channel, "net into the vault");
        assertFeesPaid(b, a, channel, "channel fee");
        assertEq(a.miner, b.miner, "the miner receives nothing");
        assertEq(b.market - a.market, amount, "the held funds are spent");
        vm.expectRevert(unknownOfferError(offerId));
        market.offer(offerId);
    }
}
