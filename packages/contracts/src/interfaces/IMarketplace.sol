// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccruedFees, Auction, Fees, Listing, Offer, SaleChannel} from "../types/Market.sol";
import {IHashrateCertificate} from "./IHashrateCertificate.sol";
import {IRiskControlVault} from "./IRiskControlVault.sol";

/// @title IMarketplace
/// @notice Where hashrate certificates change hands (DESIGN §3.5): fixed-price listings, English auctions and
/// offers, in payment tokens the DAO allowlisted in the vault.
///
/// Rules:
/// - **Primary sales are by the unit and mint at sale** (issue 15 item 4). A buyer buys any number of an offering's
///   units at its price per unit (`buyPrimary`), a miner auctions a lot of units (`createPrimaryAuction`: reserved in
///   the vault at creation, minted to the winner at settlement) or accepts an offer naming units and a price
///   (`acceptPrimaryOffer`). Each mints ONE certificate of the units to the buyer through the vault
///   (`recordPrimarySale`), in the offering's payment token, and the price less the channel fee becomes its escrow:
///   the miner never receives it directly. No certificate exists before its sale, so none can be handed over off
///   the market, bypassing the fee and the escrow. Later sales of a certificate (listings, `buyMany`, auctions,
///   offers) are secondary: the seller gets the price less the trading fee. Fees accrue here per payment token, split
/// at each sale between the treasury and the insurance reserve by the DAO-set share in force; anyone sends them on with
/// `collectFees`. (A
///   recipient that cannot receive, e.g. a blocklisted address, then delays its fees, never a trade.)
/// - **One payment per purchase**: the buyer's price comes in with one transfer; a secondary seller's
///   proceeds are pushed within a gas cap and credited for `withdrawCredit` if the push fails, so a seller
///   that refuses payment cannot make its listing unbuyable for a batch (`buyAvailable`).
/// - **Prices include fees**: the buyer pays exactly the listed price, bid or offer.
/// - **Buyers name their limit** (`maxPrice`): a seller updating a price cannot make a pending purchase pay
///   more than the buyer saw.
/// - **Listings do not hold the certificate**: one stays valid while unexpired and while its seller still
///   owns the certificate and lets the marketplace move it; otherwise buying fails with a clear error.
/// - **A sale delivers what it showed** (issue 15). A listing and an offer on a certificate record the
///   certificate's sale nonce (`IHashrateCertificate.saleNonce`), which every transfer and every change of its
///   content (split, merge, refund) bumps: such a change voids them for good, so a buyer never pays for fewer
///   units or for an escrow already refunded, and a listing whose certificate left the seller does not revive
///   when the seller buys it back (`updateListing` keeps the recorded nonce). An offer on an offering names the
///   units it buys and takes only a certificate of exactly those units that was not refunded. An auction holds
///   the certificate, so nobody can change it before settlement.
/// - **Yield rule**: yield a certificate accrued before its sale (deposited before it, claimed or not) is the
///   seller's. At a secondary sale the marketplace claims it as the certificate's holder and pays it to the
///   seller (`SellerYieldPaid`; pushed within a gas cap, else credited), so the price buys exactly the stream
///   that remains, and a seller claiming before the sale changes nothing for the buyer. O(1): one view and, when
///   something accrued, one claim. (A transfer outside the marketplace keeps the vault's rule: unclaimed yield
///   travels with the certificate.)
/// - **Auctions hold the certificate** from creation to settlement or cancellation. The clock starts at the
///   first bid at or above the reserve; each later bid beats the last by the minimum increment; a bid in the
///   last 10 minutes moves the end to 10 minutes after it. Anyone settles after the end. An outbid bidder is
///   repaid at once when its token transfer succeeds within a gas cap, otherwise credited to withdraw later,
///   so no bidder can block an auction. A primary auction the vault can no longer record (offering frozen,
///   term over, miner suspended, escrow limit reached) is voided at settlement: the lot is released, the
///   bid is repaid. Refusals that pass (the vault paused) make `settle` revert until they pass.
/// - **Offers hold the funds** until accepted or cancelled (the bidder may cancel at any time, also after
///   expiry).
/// - **No self-dealing**: a seller cannot buy its own listing, bid on its own auction or accept its own offer,
///   and a miner cannot buy its own offering's units (nor bid on its lots or offer on them and accept).
/// - **Pausing** (council or timelock) stops listing, buying, auctions, bids, offers and settlements; never
///   cancelling, credit withdrawals or offer refunds.
interface IMarketplace {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    event FeesSet(uint16 channelBps, uint16 tradingBps, uint16 insuranceShareBps);
    event FeeRecipientsSet(address indexed treasury, address indexed insuranceReserve);
    event MinBidIncrementSet(uint16 incrementBps);

    event Listed(
        uint256 indexed listingId,
        uint256 indexed tokenId,
        address indexed seller,
        address paymentToken,
        uint256 price,
        uint64 expiry
    );
    event ListingUpdated(uint256 indexed listingId, uint256 price, uint64 expiry);
    event ListingCancelled(uint256 indexed listingId);
    /// @notice `buyAvailable` skipped a listing that was no longer valid.
    event ListingSkipped(uint256 indexed listingId);

    /// @notice A certificate changed hands.
    /// @param channel Listing, auction, offer or primary purchase; `channelId` is its listing, auction or offer id,
    /// or the offering of a primary purchase.
    /// @param primary Whether this was its primary sale (net proceeds went to the vault as escrow).
    /// @param fee The channel or trading fee taken from `price`, accrued for `collectFees`.
    event Sale(
        uint256 indexed tokenId,
        address indexed seller,
        address indexed buyer,
        SaleChannel channel,
        uint256 channelId,
        address paymentToken,
        uint256 price,
        uint256 fee,
        bool primary
    );

    event AuctionCreated(
        uint256 indexed auctionId,
        uint256 indexed tokenId,
        address indexed seller,
        address paymentToken,
        uint256 reserve,
        uint32 duration
    );
    event BidPlaced(uint256 indexed auctionId, address indexed bidder, uint256 amount, uint64 endTime);
    event AuctionCancelled(uint256 indexed auctionId);
    event AuctionSettled(uint256 indexed auctionId, address indexed winner, uint256 amount);
    /// @notice A primary auction of `units` of an offering (`tokenId` is `offeringId << 32`, index 0).
    event PrimaryAuctionCreated(uint256 indexed auctionId, uint256 indexed offeringId, uint256 units);
    /// @notice An auction that can no longer sell what it showed was voided: the certificate went back to the
    /// seller (a primary lot back to the offering) and the highest bid, if any, to its bidder. `reason` is the
    /// revert data of the refusal: the vault's for a primary sale it no longer records, or `Marketplace_AuctionVoid`
    /// when the offering changed.
    event AuctionVoided(uint256 indexed auctionId, bytes reason);

    /// @param units For an offer on an offering, the units the certificate must carry; 0 for a certificate.
    event OfferMade(
        uint256 indexed offerId,
        address indexed bidder,
        uint256 indexed target,
        bool anyOfOffering,
        uint64 units,
        address paymentToken,
        uint256 amount,
        uint64 expiry
    );
    event OfferCancelled(uint256 indexed offerId);
    /// @notice At a secondary sale, the marketplace claimed the yield the certificate had accrued and paid it to
    /// the seller (pushed, or credited in `token` when the push failed): the price bought the remaining stream.
    event SellerYieldPaid(uint256 indexed tokenId, address indexed seller, address token, uint256 amount);
    event OfferAccepted(uint256 indexed offerId, uint256 indexed tokenId, address indexed seller);

    /// @notice A payment could not be pushed to `account` and was credited for `withdrawCredit`.
    event Credited(address indexed account, address indexed token, uint256 amount);
    event CreditWithdrawn(address indexed account, address indexed token, uint256 amount);
    /// @notice Accrued fees in `token` were sent to the treasury and the insurance reserve. A recipient that
    /// refused its transfer shows 0 here and keeps its share accrued.
    event FeesCollected(
        address indexed token, address treasury, uint256 toTreasury, address insuranceReserve, uint256 toInsurance
    );

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    error Marketplace_ZeroAddress();
    error Marketplace_FeeAboveCap(uint16 bps, uint16 cap);
    error Marketplace_InsuranceShareOutOfBounds(uint16 bps);
    error Marketplace_IncrementOutOfBounds(uint16 bps, uint16 max);
    error Marketplace_PaymentTokenNotAllowed(address token);
    /// @notice A primary sale must be paid in the offering's payment token.
    error Marketplace_WrongPaymentToken(uint256 offeringId, address token, address required);
    error Marketplace_NotOwner(uint256 tokenId, address caller);
    error Marketplace_UnknownCertificate(uint256 tokenId);
    /// @notice The owner has not approved the marketplace to move the certificate.
    error Marketplace_NotApproved(uint256 tokenId, address owner);
    error Marketplace_ZeroPrice();
    error Marketplace_PriceTooLarge(uint256 price, uint256 max);
    error Marketplace_InvalidExpiry(uint64 expiry, uint256 now_);
    error Marketplace_UnknownListing(uint256 listingId);
    error Marketplace_NotSeller(uint256 id, address caller);
    error Marketplace_ListingExpired(uint256 listingId, uint64 expiry);
    /// @notice The seller no longer owns the certificate.
    error Marketplace_ListingStale(uint256 listingId, address owner);
    /// @notice The certificate changed since it was listed (transferred, even if bought back, split, merged or
    /// refunded: its sale nonce moved from `listed` to `current`). The listing is dead for good.
    error Marketplace_ListingVoid(uint256 listingId, uint48 listed, uint48 current);
    /// @notice The certificate changed hands or content since the offer on it was made (its sale nonce moved).
    error Marketplace_OfferVoid(uint256 offerId, uint48 offered, uint48 current);
    /// @notice The certificate does not carry the units an offer on its offering named, or was refunded.
    error Marketplace_CertificateMismatch(uint256 offerId, uint256 tokenId, uint256 units, bool refunded);
    /// @notice An offer on an offering must name a nonzero number of units.
    error Marketplace_ZeroUnits();
    error Marketplace_PriceAboveMax(uint256 listingId, uint256 price, uint256 maxPrice);
    error Marketplace_SelfDealing(address account);
    /// @notice A primary purchase costs more than the buyer's limit.
    error Marketplace_PrimaryPriceAboveMax(uint256 offeringId, uint256 price, uint256 maxPrice);
    error Marketplace_LengthMismatch(uint256 ids, uint256 maxPrices);
    error Marketplace_EmptyBatch();
    error Marketplace_UnknownAuction(uint256 auctionId);
    error Marketplace_AuctionStarted(uint256 auctionId);
    error Marketplace_AuctionEnded(uint256 auctionId, uint64 endTime);
    error Marketplace_AuctionNotEnded(uint256 auctionId, uint64 endTime);
    error Marketplace_AuctionHasNoBid(uint256 auctionId);
    /// @notice The auctioned certificate's offering changed (flag, resume, terminate, finish) since the auction
    /// was created: it no longer sells what it showed.
    error Marketplace_AuctionVoid(uint256 auctionId, uint48 created, uint48 current);
    error Marketplace_BidTooLow(uint256 auctionId, uint256 amount, uint256 minimum);
    error Marketplace_DurationOutOfBounds(uint32 duration, uint32 min, uint32 max);
    error Marketplace_UnknownOffer(uint256 offerId);
    error Marketplace_NotBidder(uint256 offerId, address caller);
    error Marketplace_OfferExpired(uint256 offerId, uint64 expiry);
    error Marketplace_OfferMismatch(uint256 offerId, uint256 tokenId);
    error Marketplace_NothingToWithdraw(address account, address token);
    error Marketplace_NoFeesAccrued(address token);
    /// @notice Every recipient with fees accrued in `token` refused its transfer; the fees stay accrued.
    error Marketplace_FeesRefused(address token);

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Cap of the channel fee: 10% (1,000 basis points).
    function MAX_CHANNEL_FEE_BPS() external view returns (uint16);
    /// @notice Cap of the trading fee: 5% (500 basis points).
    function MAX_TRADING_FEE_BPS() external view returns (uint16);
    /// @notice A bid in the last `EXTENSION` seconds (10 minutes) moves the end to `EXTENSION` after it.
    function EXTENSION() external view returns (uint32);
    function MIN_AUCTION_DURATION() external view returns (uint32);
    function MAX_AUCTION_DURATION() external view returns (uint32);
    /// @notice Gas an outbid bidder's (or an auction seller's) token transfer may use before it is credited
    /// instead.
    function PUSH_GAS() external view returns (uint256);
    function PAUSER_ROLE() external view returns (bytes32);

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the fees (timelock only), within the caps.
    function setFees(Fees calldata fees_) external;
    /// @notice Sets where fees go (timelock only).
    function setFeeRecipients(address treasury_, address insuranceReserve_) external;
    /// @notice Sets the minimum increment between bids, basis points (1..5,000; default 500). Timelock only.
    function setMinBidIncrement(uint16 incrementBps) external;
    /// @notice Pauser role (council, timelock).
    function pause() external;
    /// @notice Timelock only.
    function unpause() external;

    /*//////////////////////////////////////////////////////////////
                                LISTINGS
    //////////////////////////////////////////////////////////////*/

    /// @notice Lists the caller's certificate at `price` (fees included) until `expiry`, in any allowlisted token.
    /// The caller must have approved the marketplace for it.
    function list(uint256 tokenId, address paymentToken, uint256 price, uint64 expiry)
        external
        returns (uint256 listingId);
    /// @notice Changes a listing's price and expiry. Seller only.
    function updateListing(uint256 listingId, uint256 price, uint64 expiry) external;
    /// @notice Removes a listing. Seller only; works while paused.
    function cancelListing(uint256 listingId) external;
    /// @notice Buys a listing for its price, at most `maxPrice`. Pulls the price from the caller. The buyer receives
    /// the certificate exactly as it was listed (or the call reverts); the seller receives the yield it accrued.
    function buy(uint256 listingId, uint256 maxPrice) external;
    /// @notice Buys every listing, or none (reverts on the first invalid one).
    function buyMany(uint256[] calldata listingIds, uint256[] calldata maxPrices) external;
    /// @notice Buys the listings that are still valid and skips the others (`ListingSkipped`).
    /// @return bought One flag per listing.
    function buyAvailable(uint256[] calldata listingIds, uint256[] calldata maxPrices)
        external
        returns (bool[] memory bought);

    /*//////////////////////////////////////////////////////////////
                             PRIMARY SALES
    //////////////////////////////////////////////////////////////*/

    /// @notice Buys `units` of an offering at its price per unit, paying `units × pricePerUnit` (at most `maxPrice`)
    /// in its payment token, pulled from the caller in one transfer. The vault mints ONE certificate of those units
    /// to the caller and keeps the price less the channel fee as its escrow. Within the sale window, at least the
    /// minimum lot, at most the units on sale; not the offering's miner.
    /// @return tokenId The certificate minted.
    function buyPrimary(uint256 offeringId, uint256 units, uint256 maxPrice) external returns (uint256 tokenId);

    /// @notice The caller, the offering's miner, auctions a lot of `units` (at least the minimum lot) in the
    /// offering's payment token: the units are reserved in the vault now and minted to the winner at settlement.
    /// @param duration Seconds from the first bid, within [MIN_AUCTION_DURATION, MAX_AUCTION_DURATION].
    function createPrimaryAuction(uint256 offeringId, uint256 units, uint256 reserve, uint32 duration)
        external
        returns (uint256 auctionId);

    /// @notice The caller, the offering's miner, accepts an offer on its offering (`makeOfferingOffer`): the vault
    /// mints a certificate of the offer's units to the bidder from the units on sale (window, minimum lot), and the
    /// offer's amount less the channel fee becomes its escrow. The offer must be in the offering's payment token.
    /// @return tokenId The certificate minted.
    function acceptPrimaryOffer(uint256 offerId) external returns (uint256 tokenId);

    /*//////////////////////////////////////////////////////////////
                                AUCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Starts an English auction of the caller's certificate, which the marketplace takes into custody
    /// (secondary: proceeds less the trading fee go to the seller).
    /// @param duration Seconds from the first bid, within [MIN_AUCTION_DURATION, MAX_AUCTION_DURATION].
    function createAuction(uint256 tokenId, address paymentToken, uint256 reserve, uint32 duration)
        external
        returns (uint256 auctionId);
    /// @notice Bids `amount` (pulled from the caller): at least the reserve for the first bid, then at least the
    /// highest bid plus the minimum increment. Repays (or credits) the previous bidder.
    /// @dev Reverts with `Marketplace_AuctionVoid` once the certificate's offering changed: such an auction only
    /// awaits `settle` to be voided.
    function bid(uint256 auctionId, uint256 amount) external;
    /// @notice Ends an auction without bids and returns the certificate (a primary lot goes back to the offering).
    /// Seller only; works while paused.
    function cancelAuction(uint256 auctionId) external;
    /// @notice After the end, anyone settles: the certificate goes to the highest bidder (a primary lot is minted to
    /// it as one certificate, the bid less the channel fee its escrow), the bid is paid out. At any time, anyone
    /// voids an auction whose offering changed since its creation (the `saleNonce` it recorded moved;
    /// `AuctionVoided` with `Marketplace_AuctionVoid`): the certificate goes back to the seller, who may need it to
    /// take a refund (a primary lot back to the offering), and the highest bid to its bidder.
    function settle(uint256 auctionId) external;

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Offers `amount` (pulled from the caller and held) for one certificate as it is now, until `expiry`.
    /// The offer records the certificate's sale nonce: a transfer, split, merge or refund of it voids the offer.
    function makeOffer(uint256 tokenId, address paymentToken, uint256 amount, uint64 expiry)
        external
        returns (uint256 offerId);
    /// @notice Offers `amount` for `units` of an offering, until `expiry`: the miner may accept it as a primary sale
    /// (`acceptPrimaryOffer`, a new certificate of those units), or a holder of a certificate of exactly `units`
    /// units, not refunded, as a secondary one (`acceptOffer`).
    function makeOfferingOffer(uint256 offeringId, uint64 units, address paymentToken, uint256 amount, uint64 expiry)
        external
        returns (uint256 offerId);
    /// @notice The caller sells `tokenId` to the offer's bidder. The caller must own it and have approved the
    /// marketplace; the certificate must be the one offered for, unchanged since (offer on a certificate), or carry
    /// the offer's units and not be refunded (offer on an offering). The seller receives the yield it accrued.
    function acceptOffer(uint256 offerId, uint256 tokenId) external;
    /// @notice Withdraws an offer and repays its funds. Bidder only; works while paused and after expiry.
    function cancelOffer(uint256 offerId) external;

    /// @notice Sends the caller its credited payments in `token`. Works while paused.
    function withdrawCredit(address token) external returns (uint256 amount);
    /// @notice Sends the fees accrued in `token` to the treasury and the insurance reserve (the recipients set
    /// now). Anyone may call; works while paused. Each recipient is paid on its own: a recipient whose
    /// transfer fails keeps its share accrued and the other is still paid; reverts only when nothing is accrued
    /// or every transfer failed.
    /// @return toTreasury What the treasury received (0 if it refused).
    /// @return toInsurance What the insurance reserve received (0 if it refused).
    function collectFees(address token) external returns (uint256 toTreasury, uint256 toInsurance);

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function vault() external view returns (IRiskControlVault);
    function certificate() external view returns (IHashrateCertificate);
    function fees() external view returns (uint16 channelBps, uint16 tradingBps, uint16 insuranceShareBps);
    function treasury() external view returns (address);
    function insuranceReserve() external view returns (address);
    function minBidIncrementBps() external view returns (uint16);
    function listing(uint256 listingId) external view returns (Listing memory);
    function auction(uint256 auctionId) external view returns (Auction memory);
    function offer(uint256 offerId) external view returns (Offer memory);
    /// @notice Whether a listing can be bought now (unexpired, seller still owns and approved, certificate unchanged
    /// since listed).
    function isListingValid(uint256 listingId) external view returns (bool);
    /// @notice The lowest amount the next bid may be.
    function minimumBid(uint256 auctionId) external view returns (uint256);
    /// @notice Payments credited to `account` in `token`.
    function creditOf(address account, address token) external view returns (uint256);
    /// @notice Fees accrued in `token` and not yet collected, by recipient.
    function accruedFees(address token) external view returns (AccruedFees memory);
    /// @notice The split of `price` under the fees now, for a primary sale (channel fee; `net` is the escrow) or a
    /// secondary one (trading fee; `net` is the seller's).
    function quote(uint256 price, bool primary) external view returns (uint256 fee, uint256 net);
    function listingCount() external view returns (uint256);
    function auctionCount() external view returns (uint256);
    function offerCount() external view returns (uint256);
}
