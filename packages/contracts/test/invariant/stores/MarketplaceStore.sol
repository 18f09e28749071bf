// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev One certificate as the handler's calls moved it.
/// @param owner Owner of record: the actor the handler last moved it to, or the marketplace while it is in a live
/// auction.
/// @param auctionId The live auction holding it (0: none).
/// @param sold Whether its primary sale happened.
/// A certificate merged into another has no owner of record (and no holder).
struct CertificateGhost {
    uint256 tokenId;
    uint256 offeringId;
    address miner;
    address offeringToken;
    address owner;
    uint256 auctionId;
    bool sold;
}

/// @dev A listing as made and updated; `open` until bought or cancelled (a stale or expired listing stays open).
/// @param nonce The certificate's sale nonce when listed. @param units, refunded What the listing showed.
struct ListingGhost {
    address seller;
    uint64 expiry;
    address token;
    uint96 price;
    uint256 tokenId;
    bool open;
    uint48 nonce;
    uint256 units;
    bool refunded;
}

/// @dev An auction as created and bid on; `live` until settled, voided or cancelled.
/// @param primaryMiner The miner of a certificate auctioned unsold (who may not bid), 0 for a resale.
struct AuctionGhost {
    address seller;
    uint64 endTime;
    uint32 duration;
    address token;
    uint96 reserve;
    address highestBidder;
    uint96 highestBid;
    uint256 tokenId;
    address primaryMiner;
    bool live;
    uint256 units;
    bool refunded;
    uint48 nonce;
}

/// @dev What a sale delivered against what its listing, offer or auction named (invariant (d)).
/// @param namedUnits, namedRefunded The certificate's units and refund state the listing, offer or auction showed
/// (for an offer on an offering, the units it named and "not refunded").
/// @param units, refunded What the buyer holds right after the sale.
/// @param buyerPastYield Yield the buyer could claim right after the sale (the yield rule: none).
/// @param sellerYieldOwed What the certificate had accrued before the sale (the seller's).
/// @param sellerYieldPaid What the seller received in yield tokens, pushed or credited, by the sale.
struct DeliveryGhost {
    uint256 tokenId;
    uint256 namedUnits;
    bool namedRefunded;
    uint256 units;
    bool refunded;
    uint256 buyerPastYield;
    uint256 sellerYieldOwed;
    uint256 sellerYieldPaid;
}

/// @dev An offer as made; `open` until accepted or cancelled (an expired offer stays open until cancelled).
/// @param units The units named (an offer on an offering) or shown (an offer on a certificate) when it was made.
/// @param nonce The certificate's sale nonce when an offer on it was made. @param refunded What it showed.
struct OfferGhost {
    address bidder;
    uint64 expiry;
    bool anyOfOffering;
    address token;
    uint96 amount;
    uint256 target;
    bool open;
    uint256 units;
    uint48 nonce;
    bool refunded;
}

/// @dev A `Sale` event as the marketplace emitted it, with the miner of the certificate's offering.
struct SaleGhost {
    uint256 tokenId;
    address seller;
    address buyer;
    address token;
    uint256 price;
    uint256 fee;
    bool primary;
    address miner;
}

/// @notice Ghost state of the Marketplace invariant run: every certificate, listing, auction and offer as the
/// handler's calls shaped them, every `Sale` the marketplace emitted, the credits it owes, the fees as the DAO
/// last set them, the fees and primary proceeds per payment token, and the credit withdrawals that failed.
contract MarketplaceStore {
    /*//////////////////////////////////////////////////////////////
                              CERTIFICATES
    //////////////////////////////////////////////////////////////*/

    CertificateGhost[] internal _certificates;
    mapping(uint256 tokenId => uint256 position) internal _positionOf;

    function addCertificate(CertificateGhost memory ghost) external {
        require(_positionOf[ghost.tokenId] == 0, "store: certificate known");
        _certificates.push(ghost);
        _positionOf[ghost.tokenId] = _certificates.length;
    }

    function setCertificate(CertificateGhost memory ghost) external {
        _certificates[_positionOf[ghost.tokenId] - 1] = ghost;
    }

    function certificate(uint256 tokenId) external view returns (CertificateGhost memory) {
        return _certificates[_positionOf[tokenId] - 1];
    }

    function certificates() external view returns (CertificateGhost[] memory) {
        return _certificates;
    }

    /*//////////////////////////////////////////////////////////////
                               DELIVERIES
    //////////////////////////////////////////////////////////////*/

    DeliveryGhost[] internal _deliveries;
    /// @dev Calls of the adversarial holders that changed a certificate: splits, merges, claims, refunds.
    mapping(string action => uint256) public changes;

    function addDelivery(DeliveryGhost memory ghost) external {
        _deliveries.push(ghost);
    }

    function deliveries() external view returns (DeliveryGhost[] memory) {
        return _deliveries;
    }

    function recordChange(string memory action) external {
        ++changes[action];
    }

    /*//////////////////////////////////////////////////////////////
                       LISTINGS, AUCTIONS, OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Id `id` is at index `id - 1` (the marketplace numbers each kind from 1).
    ListingGhost[] internal _listings;
    AuctionGhost[] internal _auctions;
    OfferGhost[] internal _offers;

    function addListing(uint256 id, ListingGhost memory ghost) external {
        require(id == _listings.length + 1, "store: listing ids are sequential");
        _listings.push(ghost);
    }

    function setListing(uint256 id, ListingGhost memory ghost) external {
        _listings[id - 1] = ghost;
    }

    function listing(uint256 id) external view returns (ListingGhost memory) {
        return _listings[id - 1];
    }

    function listings() external view returns (ListingGhost[] memory) {
        return _listings;
    }

    function listingCount() external view returns (uint256) {
        return _listings.length;
    }

    function addAuction(uint256 id, AuctionGhost memory ghost) external {
        require(id == _auctions.length + 1, "store: auction ids are sequential");
        _auctions.push(ghost);
    }

    function setAuction(uint256 id, AuctionGhost memory ghost) external {
        _auctions[id - 1] = ghost;
    }

    function auction(uint256 id) external view returns (AuctionGhost memory) {
        return _auctions[id - 1];
    }

    function auctions() external view returns (AuctionGhost[] memory) {
        return _auctions;
    }

    function auctionCount() external view returns (uint256) {
        return _auctions.length;
    }

    function addOffer(uint256 id, OfferGhost memory ghost) external {
        require(id == _offers.length + 1, "store: offer ids are sequential");
        _offers.push(ghost);
    }

    function setOffer(uint256 id, OfferGhost memory ghost) external {
        _offers[id - 1] = ghost;
    }

    function offer(uint256 id) external view returns (OfferGhost memory) {
        return _offers[id - 1];
    }

    function offers() external view returns (OfferGhost[] memory) {
        return _offers;
    }

    function offerCount() external view returns (uint256) {
        return _offers.length;
    }

    /*//////////////////////////////////////////////////////////////
                                 SALES
    //////////////////////////////////////////////////////////////*/

    SaleGhost[] internal _sales;
    /// @dev Per payment token: Σ fee of every sale; Σ of the insurance reserve's share of each fee at the share
    /// in force; Σ (price − fee) of primary sales (the escrow the vault should have received).
    mapping(address token => uint256) public feesCharged;
    mapping(address token => uint256) public insuranceShare;
    mapping(address token => uint256) public primaryNet;
    /// @dev Escrow refunded to holders of terminated offerings, per payment token.
    mapping(address token => uint256) public refunded;

    function addRefund(address token, uint256 amount) external {
        refunded[token] += amount;
    }
    uint256 public primarySales;
    uint256 public secondarySales;

    function addSale(SaleGhost memory sale, uint256 toInsurance) external {
        _sales.push(sale);
        feesCharged[sale.token] += sale.fee;
        insuranceShare[sale.token] += toInsurance;
        if (sale.primary) {
            primaryNet[sale.token] += sale.price - sale.fee;
            ++primarySales;
        } else {
            ++secondarySales;
        }
    }

    function sales() external view returns (SaleGhost[] memory) {
        return _sales;
    }

    /*//////////////////////////////////////////////////////////////
                              FEES (DAO)
    //////////////////////////////////////////////////////////////*/

    uint16 public channelBps;
    uint16 public tradingBps;
    uint16 public insuranceShareBps;

    function setFees(uint16 channel, uint16 trading, uint16 share) external {
        (channelBps, tradingBps, insuranceShareBps) = (channel, trading, share);
    }

    function fees() external view returns (uint16, uint16, uint16) {
        return (channelBps, tradingBps, insuranceShareBps);
    }

    /*//////////////////////////////////////////////////////////////
                                CREDITS
    //////////////////////////////////////////////////////////////*/

    /// @dev A pair that was ever credited, with what it is owed now.
    struct CreditGhost {
        address account;
        address token;
        uint256 amount;
    }

    mapping(address account => mapping(address token => uint256)) public credit;
    CreditGhost[] internal _credited;
    mapping(address account => mapping(address token => bool)) internal _everCredited;
    uint256 public credits;
    uint256 public creditWithdrawals;
    uint256 public creditWithdrawalFailures;
    bytes public lastFailure;

    function addCredit(address account, address token, uint256 amount) external {
        credit[account][token] += amount;
        ++credits;
        if (!_everCredited[account][token]) {
            _everCredited[account][token] = true;
            _credited.push(CreditGhost({account: account, token: token, amount: 0}));
        }
    }

    /// @dev Every pair ever credited, with what the handler expects it to be owed now.
    function credited() external view returns (CreditGhost[] memory pairs) {
        pairs = _credited;
        for (uint256 i; i < pairs.length; ++i) {
            pairs[i].amount = credit[pairs[i].account][pairs[i].token];
        }
    }

    function recordWithdrawal(address account, address token, bool ok, bytes memory reason) external {
        if (ok) {
            delete credit[account][token];
            ++creditWithdrawals;
        } else {
            ++creditWithdrawalFailures;
            lastFailure = reason;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                OUTCOMES
    //////////////////////////////////////////////////////////////*/

    uint256 public auctionsSettled;
    uint256 public auctionsVoided;
    /// @dev Calls the marketplace refused with the exact error predicted, and the self-dealing ones among them.
    uint256 public refusals;
    uint256 public selfDealingRefusals;

    function recordSettlement(bool voided) external {
        if (voided) ++auctionsVoided;
        else ++auctionsSettled;
    }

    function recordRefusal(bool selfDealing) external {
        ++refusals;
        if (selfDealing) ++selfDealingRefusals;
    }
}
