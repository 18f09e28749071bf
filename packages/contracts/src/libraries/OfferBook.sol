// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IHashrateCertificate} from "../interfaces/IHashrateCertificate.sol";
import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {Offer} from "../types/Market.sol";
import {MarketChecks} from "./MarketChecks.sol";

/// @title OfferBook
/// @notice The marketplace's linked library (`external`, run by DELEGATECALL on the marketplace's storage and
/// balances, like the vault's {OfferingSales}) that makes and cancels offers. Its code does not count against the
/// marketplace's size limit. Accepting an offer stays in the marketplace, beside the sales it shares code with.
library OfferBook {
    using SafeERC20 for IERC20;

    /// @notice Offer `offerId` of the caller: `amount` of `paymentToken` until `expiry` for certificate `tokenId` as
    /// it is now (its sale nonce is recorded; see `IMarketplace.makeOffer`).
    function makeOnCertificate(
        mapping(uint256 offerId => Offer) storage offers,
        IRiskControlVault vault,
        IHashrateCertificate certificate,
        uint256 offerId,
        uint256 tokenId,
        address paymentToken,
        uint256 amount,
        uint64 expiry
    ) external {
        (address owner,, uint48 nonce) = certificate.saleState(tokenId, address(this));
        if (owner == address(0)) revert IMarketplace.Marketplace_UnknownCertificate(tokenId);
        _make(offers, vault, offerId, _offer(tokenId, false, 0, nonce, paymentToken, expiry), amount);
    }

    /// @notice Offer `offerId` of the caller: `amount` of `paymentToken` until `expiry` for `units` of offering
    /// `offeringId` (see `IMarketplace.makeOfferingOffer`).
    function makeOnOffering(
        mapping(uint256 offerId => Offer) storage offers,
        IRiskControlVault vault,
        uint256 offerId,
        uint256 offeringId,
        uint64 units,
        address paymentToken,
        uint256 amount,
        uint64 expiry
    ) external {
        vault.offering(offeringId); // reverts for an unknown offering
        if (units == 0) revert IMarketplace.Marketplace_ZeroUnits();
        _make(offers, vault, offerId, _offer(offeringId, true, units, 0, paymentToken, expiry), amount);
    }

    function _offer(uint256 target, bool anyOfOffering, uint64 units, uint48 nonce, address paymentToken, uint64 expiry)
        private
        view
        returns (Offer memory)
    {
        return Offer({
            bidder: msg.sender,
            expiry: expiry,
            anyOfOffering: anyOfOffering,
            paymentToken: paymentToken,
            amount: 0, // set by `_make` once checked
            target: target,
            units: units,
            nonce: nonce
        });
    }

    /// @dev Checks and stores offer `offerId` of `o.bidder` (the caller) for `amount` of `o.paymentToken`, emits
    /// `OfferMade` and pulls the amount from the bidder into the marketplace, which holds it until the offer is
    /// accepted or cancelled.
    function _make(
        mapping(uint256 offerId => Offer) storage offers,
        IRiskControlVault vault,
        uint256 offerId,
        Offer memory o,
        uint256 amount
    ) private {
        if (!vault.isPaymentToken(o.paymentToken)) {
            revert IMarketplace.Marketplace_PaymentTokenNotAllowed(o.paymentToken);
        }
        MarketChecks.checkPrice(amount);
        MarketChecks.checkExpiry(o.expiry);
        // casting to uint96 is safe: `checkPrice` bounds the amount to uint96
        // forge-lint: disable-next-line(unsafe-typecast)
        o.amount = uint96(amount);
        offers[offerId] = o;
        emit IMarketplace.OfferMade(
            offerId, o.bidder, o.target, o.anyOfOffering, o.units, o.paymentToken, amount, o.expiry
        );
        IERC20(o.paymentToken).safeTransferFrom(o.bidder, address(this), amount);
    }

    /// @notice The caller, the offer's bidder, withdraws offer `offerId` and gets its amount back (also after
    /// its expiry, also while the marketplace is paused).
    function cancel(mapping(uint256 offerId => Offer) storage offers, uint256 offerId) external {
        Offer memory o = offers[offerId];
        if (o.bidder == address(0)) revert IMarketplace.Marketplace_UnknownOffer(offerId);
        if (o.bidder != msg.sender) revert IMarketplace.Marketplace_NotBidder(offerId, msg.sender);
        delete offers[offerId];
        emit IMarketplace.OfferCancelled(offerId);
        IERC20(o.paymentToken).safeTransfer(msg.sender, o.amount);
    }
}
