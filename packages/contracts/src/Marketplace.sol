// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {MarketplaceFees} from "./abstracts/MarketplaceFees.sol";
import {IHashrateCertificate} from "./interfaces/IHashrateCertificate.sol";
import {IMarketplace} from "./interfaces/IMarketplace.sol";
import {IRiskControlVault} from "./interfaces/IRiskControlVault.sol";
import {CertificateId} from "./libraries/CertificateId.sol";
import {MarketChecks} from "./libraries/MarketChecks.sol";
import {OfferBook} from "./libraries/OfferBook.sol";
import {AccruedFees, Auction, Fees, Listing, Offer, SaleChannel} from "./types/Market.sol";
import {CertificateView} from "./types/Offering.sol";

/// @title Marketplace
/// @notice See {IMarketplace}.
/// @dev Every state change happens before the token and NFT transfers of the same call (checks-effects-
/// interactions), and every mutating entry point is `nonReentrant`. Certificates move with `transferFrom`
/// (no receiver hook runs). A purchase pulls the buyer's price with one transfer; fees accrue per token for
/// `collectFees`. Payments to parties who are not the caller (sellers, outbid bidders) are pushed with a gas
/// cap and credited when the push fails; a bidder cancelling its own offer is paid directly.
contract Marketplace is IMarketplace, AccessControl, Pausable, ReentrancyGuardTransient, MarketplaceFees {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    uint32 public constant override EXTENSION = 10 minutes;
    /// @inheritdoc IMarketplace
    uint32 public constant override MIN_AUCTION_DURATION = 1 hours;
    /// @inheritdoc IMarketplace
    uint32 public constant override MAX_AUCTION_DURATION = 30 days;
    /// @inheritdoc IMarketplace
    bytes32 public constant override PAUSER_ROLE = keccak256("PAUSER_ROLE");

    uint16 private constant MAX_INCREMENT_BPS = 5000;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    IRiskControlVault public immutable override vault;
    /// @inheritdoc IMarketplace
    IHashrateCertificate public immutable override certificate;

    /// @inheritdoc IMarketplace
    uint16 public override minBidIncrementBps;
    /// @inheritdoc IMarketplace
    uint256 public override listingCount;
    /// @inheritdoc IMarketplace
    uint256 public override auctionCount;
    /// @inheritdoc IMarketplace
    uint256 public override offerCount;

    mapping(uint256 listingId => Listing) private _listings;
    mapping(uint256 auctionId => Auction) private _auctions;
    mapping(uint256 offerId => Offer) private _offers;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin The DAO timelock.
    /// @param council The bootstrap council, which may pause (zero: none).
    /// @param vault_ The RiskControlVault, which must grant this contract its marketplace role.
    /// @param treasury_ Receives fees (the timelock).
    /// @param insuranceReserve_ Receives `insuranceShareBps` of fees.
    /// @param fees_ Initial fees (DESIGN: 5% channel, 2% trading).
    constructor(
        address admin,
        address council,
        IRiskControlVault vault_,
        address treasury_,
        address insuranceReserve_,
        Fees memory fees_
    ) {
        if (admin == address(0) || address(vault_) == address(0)) {
            revert Marketplace_ZeroAddress();
        }
        vault = vault_;
        certificate = vault_.certificate();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        if (council != address(0)) _grantRole(PAUSER_ROLE, council);
        _setFees(fees_);
        _setFeeRecipients(treasury_, insuranceReserve_);
        _setMinBidIncrement(500);
    }

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function setFees(Fees calldata fees_) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFees(fees_);
    }

    /// @inheritdoc IMarketplace
    function setFeeRecipients(address treasury_, address insuranceReserve_)
        external
        override
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setFeeRecipients(treasury_, insuranceReserve_);
    }

    /// @inheritdoc IMarketplace
    function setMinBidIncrement(uint16 incrementBps) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinBidIncrement(incrementBps);
    }

    /// @inheritdoc IMarketplace
    function pause() external override onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IMarketplace
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /*//////////////////////////////////////////////////////////////
                                LISTINGS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function list(uint256 tokenId, address paymentToken, uint256 price, uint64 expiry)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 listingId)
    {
        uint48 nonce = _requireSellable(tokenId, msg.sender, paymentToken);
        MarketChecks.checkPrice(price);
        MarketChecks.checkExpiry(expiry);
        listingId = ++listingCount;
        _listings[listingId] = Listing({
            seller: msg.sender,
            // casting to uint40 is safe: `MarketChecks.checkExpiry` bounds the expiry to uint40
            // forge-lint: disable-next-line(unsafe-typecast)
            expiry: uint40(expiry),
            nonce: nonce,
            paymentToken: paymentToken,
            // casting to uint96 is safe: `MarketChecks.checkPrice` bounds the price to uint96
            // forge-lint: disable-next-line(unsafe-typecast)
            price: uint96(price),
            tokenId: tokenId
        });
        emit Listed(listingId, tokenId, msg.sender, paymentToken, price, expiry);
    }

    /// @inheritdoc IMarketplace
    function updateListing(uint256 listingId, uint256 price, uint64 expiry)
        external
        override
        whenNotPaused
        nonReentrant
    {
        Listing storage l = _listing(listingId);
        if (l.seller != msg.sender) revert Marketplace_NotSeller(listingId, msg.sender);
        MarketChecks.checkPrice(price);
        MarketChecks.checkExpiry(expiry);
        // casting to uint96 is safe: `MarketChecks.checkPrice` bounds the price to uint96
        // forge-lint: disable-next-line(unsafe-typecast)
        l.price = uint96(price);
        // casting to uint40 is safe: `MarketChecks.checkExpiry` bounds the expiry to uint40
        // forge-lint: disable-next-line(unsafe-typecast)
        l.expiry = uint40(expiry);
        emit ListingUpdated(listingId, price, expiry);
    }

    /// @inheritdoc IMarketplace
    function cancelListing(uint256 listingId) external override nonReentrant {
        Listing storage l = _listing(listingId);
        if (l.seller != msg.sender) revert Marketplace_NotSeller(listingId, msg.sender);
        delete _listings[listingId];
        emit ListingCancelled(listingId);
    }

    /// @inheritdoc IMarketplace
    function buy(uint256 listingId, uint256 maxPrice) external override whenNotPaused nonReentrant {
        _buy(listingId, maxPrice);
    }

    /// @inheritdoc IMarketplace
    function buyMany(uint256[] calldata listingIds, uint256[] calldata maxPrices)
        external
        override
        whenNotPaused
        nonReentrant
    {
        _checkBatch(listingIds, maxPrices);
        for (uint256 i; i < listingIds.length; ++i) {
            _buy(listingIds[i], maxPrices[i]);
        }
    }

    /// @inheritdoc IMarketplace
    function buyAvailable(uint256[] calldata listingIds, uint256[] calldata maxPrices)
        external
        override
        whenNotPaused
        nonReentrant
        returns (bool[] memory bought)
    {
        _checkBatch(listingIds, maxPrices);
        bought = new bool[](listingIds.length);
        for (uint256 i; i < listingIds.length; ++i) {
            uint256 listingId = listingIds[i];
            Listing storage l = _listings[listingId];
            if (l.price <= maxPrices[i] && _isValid(l, msg.sender)) {
                _buy(listingId, maxPrices[i]);
                bought[i] = true;
            } else {
                emit ListingSkipped(listingId);
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                             PRIMARY SALES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function buyPrimary(uint256 offeringId, uint256 units, uint256 maxPrice)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 tokenId)
    {
        (address miner, address token, uint256 pricePerUnit) = vault.saleTerms(offeringId);
        if (msg.sender == miner) revert Marketplace_SelfDealing(msg.sender);
        uint256 price = units * pricePerUnit;
        if (price > maxPrice) revert Marketplace_PrimaryPriceAboveMax(offeringId, price, maxPrice);
        MarketChecks.checkPrice(price);
        IERC20(token).safeTransferFrom(msg.sender, address(this), price);
        tokenId =
            _sellPrimary(offeringId, miner, msg.sender, units, token, price, SaleChannel.Primary, offeringId, false);
    }

    /// @inheritdoc IMarketplace
    function createPrimaryAuction(uint256 offeringId, uint256 units, uint256 reserve, uint32 duration)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 auctionId)
    {
        (, address token,) = vault.saleTerms(offeringId);
        uint256 lotId = CertificateId.encode(offeringId, 0);
        // casting to uint64 is safe: the vault reserves at most the units on sale, a uint64 figure, or reverts
        // forge-lint: disable-next-line(unsafe-typecast)
        auctionId = _createAuction(lotId, token, reserve, duration, uint64(units), certificate.saleNonce(lotId));
        emit PrimaryAuctionCreated(auctionId, offeringId, units);
        // Reverts unless the caller is the offering's miner and the units are on sale (window, minimum lot).
        vault.reserveLot(offeringId, msg.sender, units);
    }

    /// @inheritdoc IMarketplace
    function acceptPrimaryOffer(uint256 offerId)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 tokenId)
    {
        Offer memory o = _offer(offerId);
        if (o.expiry <= block.timestamp) revert Marketplace_OfferExpired(offerId, o.expiry);
        if (!o.anyOfOffering) revert Marketplace_OfferMismatch(offerId, o.target);
        (address miner, address token,) = vault.saleTerms(o.target);
        if (msg.sender != miner) revert Marketplace_NotOwner(o.target, msg.sender);
        if (o.bidder == miner) revert Marketplace_SelfDealing(miner);
        if (o.paymentToken != token) revert Marketplace_WrongPaymentToken(o.target, o.paymentToken, token);
        delete _offers[offerId];
        tokenId = _sellPrimary(o.target, miner, o.bidder, o.units, token, o.amount, SaleChannel.Offer, offerId, false);
        emit OfferAccepted(offerId, tokenId, miner);
    }

    /*//////////////////////////////////////////////////////////////
                                AUCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function createAuction(uint256 tokenId, address paymentToken, uint256 reserve, uint32 duration)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 auctionId)
    {
        // The marketplace holds the certificate until the auction ends: its holder can change nothing; what its
        // offering changes moves the nonce recorded here and voids the auction. The custody transfer below bumps
        // the nonce exactly once (IHashrateCertificate.saleNonce).
        uint48 nonce = _requireSellable(tokenId, msg.sender, paymentToken);
        auctionId = _createAuction(tokenId, paymentToken, reserve, duration, 0, nonce + 1);
        certificate.transferFrom(msg.sender, address(this), tokenId);
    }

    /// @inheritdoc IMarketplace
    function bid(uint256 auctionId, uint256 amount) external override whenNotPaused nonReentrant {
        Auction storage a = _auction(auctionId);
        // A primary auction's seller is the offering's miner: it cannot bid on its own lot either.
        if (msg.sender == a.seller) revert Marketplace_SelfDealing(msg.sender);
        uint64 endTime = a.endTime;
        if (endTime != 0 && block.timestamp >= endTime) revert Marketplace_AuctionEnded(auctionId, endTime);
        bytes memory voidReason = _auctionVoidReason(auctionId, a.tokenId, a.nonce);
        if (voidReason.length != 0) _revertWith(voidReason);
        uint256 minimum = _minimumBid(a);
        if (amount < minimum) revert Marketplace_BidTooLow(auctionId, amount, minimum);
        MarketChecks.checkPrice(amount);

        address previousBidder = a.highestBidder;
        uint256 previousBid = a.highestBid;
        if (endTime == 0) {
            endTime = uint64(block.timestamp + a.duration);
        } else if (endTime - block.timestamp < EXTENSION) {
            endTime = uint64(block.timestamp + EXTENSION);
        }
        a.endTime = endTime;
        a.highestBidder = msg.sender;
        // casting to uint96 is safe: `MarketChecks.checkPrice` bounds the bid to uint96
        // forge-lint: disable-next-line(unsafe-typecast)
        a.highestBid = uint96(amount);
        emit BidPlaced(auctionId, msg.sender, amount, endTime);

        address token = a.paymentToken;
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        if (previousBidder != address(0)) _pushOrCredit(token, previousBidder, previousBid);
    }

    /// @inheritdoc IMarketplace
    function cancelAuction(uint256 auctionId) external override nonReentrant {
        Auction storage a = _auction(auctionId);
        address seller = a.seller;
        if (seller != msg.sender) revert Marketplace_NotSeller(auctionId, msg.sender);
        if (a.highestBidder != address(0)) revert Marketplace_AuctionStarted(auctionId);
        uint256 tokenId = a.tokenId;
        uint64 units = a.units;
        delete _auctions[auctionId];
        emit AuctionCancelled(auctionId);
        if (units != 0) vault.releaseLot(CertificateId.offeringOf(tokenId), units);
        else certificate.transferFrom(address(this), seller, tokenId);
    }

    /// @inheritdoc IMarketplace
    function settle(uint256 auctionId) external override whenNotPaused nonReentrant {
        Auction memory a = _auction(auctionId);
        bytes memory voidReason = _auctionVoidReason(auctionId, a.tokenId, a.nonce);
        if (voidReason.length == 0) {
            if (a.highestBidder == address(0)) revert Marketplace_AuctionHasNoBid(auctionId);
            if (block.timestamp < a.endTime) revert Marketplace_AuctionNotEnded(auctionId, a.endTime);
        }
        delete _auctions[auctionId];
        if (voidReason.length != 0) return _voidAuction(auctionId, a, voidReason);

        if (a.units != 0) {
            uint256 offeringId = CertificateId.offeringOf(a.tokenId);
            // The vault may refuse a primary sale that was fine when bidding began (term over, miner suspended):
            // void the auction rather than lock the lot and the bid.
            (uint256 fee, uint256 net) = _split(a.highestBid, fees.channelBps);
            _ensureVaultAllowance(a.paymentToken, net);
            try vault.recordPrimarySale(offeringId, a.highestBidder, a.units, net, true) returns (uint256 tokenId) {
                // casting to uint208 is safe: a certificate id is `offeringId << 32 | index` (see `_createAuction`)
                // forge-lint: disable-next-line(unsafe-typecast)
                a.tokenId = uint208(tokenId);
                _auctionSold(auctionId, a, fee, true);
            } catch (bytes memory reason) {
                // Only the vault's lasting refusals void; anything else (its pause, running out of gas on
                // purpose) reverts, so that nobody can void an auction the vault would record later.
                if (!_isLastingRefusal(reason)) _revertWith(reason);
                _voidAuction(auctionId, a, reason);
            }
            return;
        }
        (uint256 tradingFee, uint256 proceeds) = _split(a.highestBid, fees.tradingBps);
        _auctionSold(auctionId, a, tradingFee, false);
        _pushOrCredit(a.paymentToken, a.seller, proceeds);
        _payAccruedYield(a.tokenId, a.seller, true);
        certificate.transferFrom(address(this), a.highestBidder, a.tokenId);
    }

    /// @dev `Marketplace_AuctionVoid` when the certificate's offering changed since the auction was created (its sale
    /// nonce moved; a primary lot's id, index 0, carries the offering's nonce alone), else empty.
    function _auctionVoidReason(uint256 auctionId, uint256 tokenId, uint48 created)
        private
        view
        returns (bytes memory)
    {
        uint48 current = certificate.saleNonce(tokenId);
        if (current == created) return "";
        return abi.encodeWithSelector(Marketplace_AuctionVoid.selector, auctionId, created, current);
    }

    /// @dev Reverts with `reason` as it is (a custom error's encoding).
    function _revertWith(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 0x20), mload(reason))
        }
    }

    /// @dev Ends an auction that cannot sell what it showed: the certificate back to the seller (a primary lot back
    /// to the offering), the bid (if any) back to its bidder.
    function _voidAuction(uint256 auctionId, Auction memory a, bytes memory reason) private {
        emit AuctionVoided(auctionId, reason);
        if (a.units != 0) vault.releaseLot(CertificateId.offeringOf(a.tokenId), a.units);
        else certificate.transferFrom(address(this), a.seller, a.tokenId);
        if (a.highestBidder != address(0)) _pushOrCredit(a.paymentToken, a.highestBidder, a.highestBid);
    }

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function makeOffer(uint256 tokenId, address paymentToken, uint256 amount, uint64 expiry)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 offerId)
    {
        offerId = ++offerCount;
        OfferBook.makeOnCertificate(_offers, vault, certificate, offerId, tokenId, paymentToken, amount, expiry);
    }

    /// @inheritdoc IMarketplace
    function makeOfferingOffer(uint256 offeringId, uint64 units, address paymentToken, uint256 amount, uint64 expiry)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 offerId)
    {
        offerId = ++offerCount;
        OfferBook.makeOnOffering(_offers, vault, offerId, offeringId, units, paymentToken, amount, expiry);
    }

    /// @inheritdoc IMarketplace
    function acceptOffer(uint256 offerId, uint256 tokenId) external override whenNotPaused nonReentrant {
        Offer memory o = _offer(offerId);
        if (o.expiry <= block.timestamp) revert Marketplace_OfferExpired(offerId, o.expiry);
        uint256 target = o.anyOfOffering ? CertificateId.offeringOf(tokenId) : tokenId;
        if (target != o.target) revert Marketplace_OfferMismatch(offerId, tokenId);
        uint48 nonce = _requireSellable(tokenId, msg.sender, o.paymentToken);
        if (o.bidder == msg.sender) revert Marketplace_SelfDealing(msg.sender);
        if (o.anyOfOffering) {
            // The bidder named the units it buys, of a certificate whose escrow was not refunded.
            CertificateView memory c = vault.certificateView(tokenId);
            if (c.units != o.units || c.refunded) {
                revert Marketplace_CertificateMismatch(offerId, tokenId, c.units, c.refunded);
            }
        } else if (nonce != o.nonce) {
            // The certificate was transferred, split, merged or refunded since the offer was made.
            revert Marketplace_OfferVoid(offerId, o.nonce, nonce);
        }
        delete _offers[offerId];
        emit OfferAccepted(offerId, tokenId, msg.sender);
        _trade(tokenId, msg.sender, o.bidder, o.paymentToken, o.amount, SaleChannel.Offer, offerId);
    }

    /// @inheritdoc IMarketplace
    function cancelOffer(uint256 offerId) external override nonReentrant {
        OfferBook.cancel(_offers, offerId);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function listing(uint256 listingId) external view override returns (Listing memory) {
        return _listing(listingId);
    }

    /// @inheritdoc IMarketplace
    function auction(uint256 auctionId) external view override returns (Auction memory) {
        return _auction(auctionId);
    }

    /// @inheritdoc IMarketplace
    function offer(uint256 offerId) external view override returns (Offer memory) {
        return _offer(offerId);
    }

    /// @inheritdoc IMarketplace
    function isListingValid(uint256 listingId) external view override returns (bool) {
        return _isValid(_listing(listingId), address(0));
    }

    /// @inheritdoc IMarketplace
    function minimumBid(uint256 auctionId) external view override returns (uint256) {
        return _minimumBid(_auction(auctionId));
    }

    /// @inheritdoc IMarketplace
    function quote(uint256 price, bool primary) external view override returns (uint256 fee, uint256 net) {
        (fee, net) = _split(price, primary ? fees.channelBps : fees.tradingBps);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _buy(uint256 listingId, uint256 maxPrice) private {
        Listing memory l = _listing(listingId);
        if (l.expiry <= block.timestamp) revert Marketplace_ListingExpired(listingId, l.expiry);
        if (l.price > maxPrice) revert Marketplace_PriceAboveMax(listingId, l.price, maxPrice);
        if (l.seller == msg.sender) revert Marketplace_SelfDealing(msg.sender);
        (address owner, bool approved, uint48 nonce) = certificate.saleState(l.tokenId, address(this));
        if (owner != l.seller) revert Marketplace_ListingStale(listingId, owner);
        // Transferred (and bought back), split, merged or refunded since it was listed: dead for good.
        if (nonce != l.nonce) revert Marketplace_ListingVoid(listingId, l.nonce, nonce);
        if (!approved) revert Marketplace_NotApproved(l.tokenId, owner);
        delete _listings[listingId];
        _trade(l.tokenId, l.seller, msg.sender, l.paymentToken, l.price, SaleChannel.Listing, listingId);
    }

    /// @dev A secondary sale: moves the certificate from `seller` to `buyer` for `price`, pulled from the buyer for a
    /// listing (one transfer, after every check), already held for an offer. The net goes to the seller (pushed or
    /// credited), the trading fee accrues for `collectFees`.
    function _trade(
        uint256 tokenId,
        address seller,
        address buyer,
        address token,
        uint256 price,
        SaleChannel channel,
        uint256 channelId
    ) private {
        if (channel == SaleChannel.Listing) {
            IERC20(token).safeTransferFrom(buyer, address(this), price);
        }
        (uint256 fee, uint256 net) = _split(price, fees.tradingBps);
        _accrueFee(token, fee);
        emit Sale(tokenId, seller, buyer, channel, channelId, token, price, fee, false);
        // The certificate reaches the buyer before the seller is paid: a seller's payment hook runs when the
        // seller no longer holds it, so it cannot refund, split or claim what the buyer paid for.
        certificate.transferFrom(_payAccruedYield(tokenId, seller, false) ? address(this) : seller, buyer, tokenId);
        _pushOrCredit(token, seller, net);
    }

    /// @dev A primary sale of `units` of an offering for `price` (held by the marketplace): the channel fee accrues,
    /// the rest goes into the vault, which mints one certificate of the units to `buyer` with that escrow.
    function _sellPrimary(
        uint256 offeringId,
        address miner,
        address buyer,
        uint256 units,
        address token,
        uint256 price,
        SaleChannel channel,
        uint256 channelId,
        bool fromLot
    ) private returns (uint256 tokenId) {
        (uint256 fee, uint256 net) = _split(price, fees.channelBps);
        _accrueFee(token, fee);
        _ensureVaultAllowance(token, net);
        tokenId = vault.recordPrimarySale(offeringId, buyer, units, net, fromLot);
        emit Sale(tokenId, miner, buyer, channel, channelId, token, price, fee, true);
    }

    /// @dev The yield rule of a sale: what the certificate accrued before it is the seller's, so the price buys
    /// exactly the stream that remains. The marketplace claims it as the certificate's holder (taking it from the
    /// seller first unless it already holds it, as in an auction) and pays it to the seller, pushed or credited.
    /// O(1): one view, and one claim when something accrued.
    /// @return held Whether the marketplace now holds the certificate.
    function _payAccruedYield(uint256 tokenId, address seller, bool custody) private returns (bool held) {
        uint256 accrued = vault.claimable(tokenId);
        if (accrued == 0) return custody;
        if (!custody) certificate.transferFrom(seller, address(this), tokenId);
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vault.claim(ids);
        address yieldToken = vault.offering(CertificateId.offeringOf(tokenId)).yieldToken;
        emit SellerYieldPaid(tokenId, seller, yieldToken, accrued);
        _pushOrCredit(yieldToken, seller, accrued);
        return true;
    }

    /// @dev Accrues a settled auction's fee and announces the sale.
    function _auctionSold(uint256 auctionId, Auction memory a, uint256 fee, bool primary) private {
        _accrueFee(a.paymentToken, fee);
        emit AuctionSettled(auctionId, a.highestBidder, a.highestBid);
        emit Sale(
            a.tokenId,
            a.seller,
            a.highestBidder,
            SaleChannel.Auction,
            auctionId,
            a.paymentToken,
            a.highestBid,
            fee,
            primary
        );
    }

    /// @dev The caller may sell `tokenId` here in `paymentToken`: it owns the certificate and approved the
    /// marketplace, and the token is allowlisted.
    /// @return nonce The certificate's sale nonce now.
    function _requireSellable(uint256 tokenId, address seller, address paymentToken)
        private
        view
        returns (uint48 nonce)
    {
        address owner;
        bool approved;
        (owner, approved, nonce) = certificate.saleState(tokenId, address(this));
        if (owner != seller) revert Marketplace_NotOwner(tokenId, seller);
        if (!approved) revert Marketplace_NotApproved(tokenId, owner);
        if (!vault.isPaymentToken(paymentToken)) revert Marketplace_PaymentTokenNotAllowed(paymentToken);
    }

    /// @dev A new auction of a certificate (`units` 0) or of a primary lot.
    function _createAuction(
        uint256 tokenId,
        address paymentToken,
        uint256 reserve,
        uint32 duration,
        uint64 units,
        uint48 nonce
    ) private returns (uint256 auctionId) {
        MarketChecks.checkPrice(reserve);
        if (duration < MIN_AUCTION_DURATION || duration > MAX_AUCTION_DURATION) {
            revert Marketplace_DurationOutOfBounds(duration, MIN_AUCTION_DURATION, MAX_AUCTION_DURATION);
        }
        auctionId = ++auctionCount;
        _auctions[auctionId] = Auction({
            seller: msg.sender,
            endTime: 0,
            duration: duration,
            paymentToken: paymentToken,
            // casting to uint96 is safe: `MarketChecks.checkPrice` bounds the reserve to uint96
            // forge-lint: disable-next-line(unsafe-typecast)
            reserve: uint96(reserve),
            highestBidder: address(0),
            highestBid: 0,
            // casting to uint208 is safe: the certificate exists (`_requireSellable`) or is a lot id of a counted
            // offering, and every such id is `offeringId << 32 | index` with an offering id far below 2^176
            // forge-lint: disable-next-line(unsafe-typecast)
            tokenId: uint208(tokenId),
            nonce: nonce,
            units: units
        });
        emit AuctionCreated(auctionId, tokenId, msg.sender, paymentToken, reserve, duration);
    }

    /// @dev Whether `buyer` (zero: anyone but the seller and the miner) could buy the listing now.
    function _isValid(Listing memory l, address buyer) private view returns (bool) {
        if (l.seller == address(0) || l.seller == buyer || l.expiry <= block.timestamp) return false;
        (address owner, bool approved, uint48 nonce) = certificate.saleState(l.tokenId, address(this));
        return owner == l.seller && approved && nonce == l.nonce;
    }

    /// @dev The vault's refusals of a primary sale that waiting will not cure: the offering is no longer active,
    /// its term is over, its miner was suspended or revoked, or the sale would overflow the offering's escrow.
    function _isLastingRefusal(bytes memory reason) private pure returns (bool) {
        if (reason.length < 4) return false;
        // casting to bytes4 is intended: the selector is the first four bytes (length checked above)
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = bytes4(reason);
        return selector == IRiskControlVault.RiskControlVault_InvalidStatus.selector
            || selector == IRiskControlVault.RiskControlVault_SalesClosed.selector
            || selector == IRiskControlVault.RiskControlVault_MinerNotActive.selector
            || selector == IRiskControlVault.RiskControlVault_AmountTooLarge.selector;
    }

    function _minimumBid(Auction memory a) private view returns (uint256) {
        uint256 highest = a.highestBid;
        if (highest == 0) return a.reserve;
        return highest + Math.mulDiv(highest, minBidIncrementBps, BPS, Math.Rounding.Ceil);
    }

    /// @dev The vault pulls primary proceeds from this contract; one standing allowance per token.
    function _ensureVaultAllowance(address token, uint256 amount) private {
        if (IERC20(token).allowance(address(this), address(vault)) < amount) {
            IERC20(token).forceApprove(address(vault), type(uint256).max);
        }
    }

    function _checkBatch(uint256[] calldata ids, uint256[] calldata maxPrices) private pure {
        if (ids.length == 0) revert Marketplace_EmptyBatch();
        if (ids.length != maxPrices.length) revert Marketplace_LengthMismatch(ids.length, maxPrices.length);
    }

    function _setMinBidIncrement(uint16 incrementBps) private {
        if (incrementBps == 0 || incrementBps > MAX_INCREMENT_BPS) {
            revert Marketplace_IncrementOutOfBounds(incrementBps, MAX_INCREMENT_BPS);
        }
        minBidIncrementBps = incrementBps;
        emit MinBidIncrementSet(incrementBps);
    }

    function _listing(uint256 listingId) private view returns (Listing storage l) {
        l = _listings[listingId];
        if (l.seller == address(0)) revert Marketplace_UnknownListing(listingId);
    }

    function _auction(uint256 auctionId) private view returns (Auction storage a) {
        a = _auctions[auctionId];
        if (a.seller == address(0)) revert Marketplace_UnknownAuction(auctionId);
    }

    function _offer(uint256 offerId) private view returns (Offer storage o) {
        o = _offers[offerId];
        if (o.bidder == address(0)) revert Marketplace_UnknownOffer(offerId);
    }
}
