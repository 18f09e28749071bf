// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A fixed-price listing. Valid while it has not expired, the seller still owns the certificate and lets
/// the marketplace move it, and the certificate has not changed since it was listed (its sale nonce).
/// @param seller Who listed it (the certificate's owner then).
/// @param expiry Unix timestamp after which it cannot be bought.
/// @param nonce The certificate's `saleNonce` when listed: a transfer, split, merge or refund since then voids the
/// listing for good.
/// @param paymentToken The ERC-20 the price is in (allowlisted by the DAO).
/// @param price Whole price the buyer pays, fees included (token units).
/// @param tokenId The certificate.
struct Listing {
    address seller;
    uint40 expiry;
    uint48 nonce;
    address paymentToken;
    uint96 price;
    uint256 tokenId;
}

/// @notice An English auction of a certificate (held by the marketplace while it runs), or a primary auction of a
/// lot of an offering's units (reserved in the vault at creation, minted to the winner at settlement).
/// @param seller Who created it (for a primary auction, the offering's miner).
/// @param endTime Unix timestamp of the end; 0 until the first bid starts the clock.
/// @param duration Seconds the auction runs from its first bid.
/// @param paymentToken The ERC-20 bids are in.
/// @param reserve Lowest first bid.
/// @param highestBid Current highest bid (held by the marketplace), 0 before the first bid.
/// @param highestBidder Who bid it.
/// @param tokenId The certificate; for a primary auction, `offeringId << 32` (index 0, which no certificate has).
/// Ids are `offeringId << 32 | index` with a counted offering id: 208 bits hold every id that can exist.
/// @param nonce The `saleNonce` of `tokenId` once the auction holds it (for a primary auction, the offering's): the
/// holder can change nothing in custody, but the offering's changes (flag, resume, terminate, finish) move it and
/// void the auction.
/// @param units For a primary auction, the lot's units; 0 for a certificate.
struct Auction {
    address seller;
    uint64 endTime;
    uint32 duration;
    address paymentToken;
    uint96 reserve;
    address highestBidder;
    uint96 highestBid;
    uint208 tokenId;
    uint48 nonce;
    uint64 units;
}

/// @notice An offer to buy one certificate as it is, or a certificate of `units` units of an offering; the funds
/// are held by the marketplace until it is accepted or cancelled.
/// @param bidder Who made it and receives the certificate.
/// @param expiry Unix timestamp after which it cannot be accepted (the bidder can still cancel it).
/// @param anyOfOffering Whether `target` is an offering id (any of its certificates of `units` units, not
/// refunded) or a token id.
/// @param paymentToken The ERC-20 of `amount`.
/// @param amount Whole price, fees included (token units).
/// @param target The certificate, or the offering.
/// @param units For an offer on an offering: the units the certificate must carry; 0 for an offer on a
/// certificate.
/// @param nonce For an offer on a certificate: its `saleNonce` when the offer was made (a transfer, split, merge or
/// refund since then voids the offer); 0 for an offer on an offering.
struct Offer {
    address bidder;
    uint64 expiry;
    bool anyOfOffering;
    address paymentToken;
    uint96 amount;
    uint256 target;
    uint64 units;
    uint48 nonce;
}

/// @notice Fees, DAO-set within the caps in code (DESIGN §3.5).
/// @param channelBps Fee on primary sales, basis points (default 5%, at most 10%).
/// @param tradingBps Fee on secondary sales, basis points (default 2%, at most 5%).
/// @param insuranceShareBps Share of every fee paid to the insurance reserve, basis points; the rest goes
/// to the treasury.
struct Fees {
    uint16 channelBps;
    uint16 tradingBps;
    uint16 insuranceShareBps;
}

/// @notice Fees a payment token has accrued and not yet collected, split as the share in force at each sale.
struct AccruedFees {
    uint128 treasury;
    uint128 insurance;
}

/// @notice Where a sale came from. `Primary`: a fixed-price purchase of units from an offering (`buyPrimary`; the
/// channel id is the offering).
enum SaleChannel {
    Listing,
    Auction,
    Offer,
    Primary
}
