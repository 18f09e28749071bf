// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {OfferingStatus} from "../../../src/types/Offering.sol";

/// @dev One offering as the handler's calls shaped it (packed: handlers and invariants read them all often).
/// @param nextDay The first day not delivered at the threshold, as the vault moved it (read after every deposit,
/// flag, finish and resume; the invariants check it against the yield paid and the oracle).
/// @param releasedDay The day escrow is released up to, as the vault moved it (stays while frozen).
/// @param soldPieces Sold certificates that still carry their escrow's refund: live ones and those burned
/// by their holder after the offering settled (split adds one, merge removes one).
/// @param burnedSold Sold certificates burned by their holder.
/// @param withdrawnAtFreeze `escrowWithdrawn` when the offering was last flagged.
struct OfferingGhost {
    address miner;
    uint32 startDay;
    uint32 endDay;
    OfferingStatus status;
    bool sold;
    address paymentToken;
    uint32 firstSaleDay;
    uint32 nextDay;
    uint32 releasedDay;
    uint32 nextIndex;
    address yieldToken;
    uint96 coinId;
    uint64 reservedUnits;
    uint64 lotUnits;
    uint64 soldUnits;
    uint64 soldPieces;
    uint64 burnedSold;
    uint128 escrowIn;
    uint128 escrowWithdrawn;
    uint128 escrowRefunded;
    uint128 withdrawnAtFreeze;
    uint128 yieldIn;
}

/// @dev Live: exists. Cancelled: unused since certificates are minted at sale (nothing unsold to burn). Merged: burned
/// into another certificate (its units, escrow and yield moved there). Burned: burned by its holder once nothing was
/// left on it.
enum Fate {
    Live,
    Cancelled,
    Merged,
    Burned
}

/// @dev One certificate id as the handler's calls shaped it (packed in three slots).
/// @param refundedAmount What `refund` paid for it (0 until refunded).
struct CertificateGhost {
    uint64 tokenId;
    uint32 offeringId;
    uint128 escrow;
    bool sold;
    bool refunded;
    Fate fate;
    address owner;
    uint64 units;
    uint32 saleDay;
    uint128 refundedAmount;
}

/// @notice Ghost state of the RiskControlVault invariant run: every offering and every certificate id the
/// handler created, as the handler's own calls shaped them (owner, units, escrow, sale day, refund, fate), the
/// first undelivered day of each offering counted from the deposits made, and the money that went in and out
/// per token and per account, with the rounding events (deposits, settlements) that bound the dust.
contract RiskControlVaultStore {
    /*//////////////////////////////////////////////////////////////
                               OFFERINGS
    //////////////////////////////////////////////////////////////*/

    /// @dev Offering `id` is at index `id - 1`.
    OfferingGhost[] internal _offerings;

    function addOffering(uint256 offeringId, OfferingGhost memory ghost) external {
        require(offeringId == _offerings.length + 1, "store: offering ids are sequential");
        _offerings.push(ghost);
    }

    function setOffering(uint256 offeringId, OfferingGhost memory ghost) external {
        _offerings[offeringId - 1] = ghost;
    }

    function offeringCount() external view returns (uint256) {
        return _offerings.length;
    }

    function offering(uint256 offeringId) external view returns (OfferingGhost memory) {
        return _offerings[offeringId - 1];
    }

    /// @dev All offerings in one call (index `id - 1`), so that handlers and invariants read the store once.
    function offerings() external view returns (OfferingGhost[] memory) {
        return _offerings;
    }

    /// @dev A primary sale: `amount` of escrow streams from `saleDay` to the end of the offering's term.
    struct Sale {
        uint32 offeringId;
        uint32 saleDay;
        uint128 amount;
        uint64 units;
    }

    /// @dev Every primary sale, in order.
    Sale[] internal _sales;

    function addSale(uint256 offeringId, uint32 saleDay, uint256 amount, uint256 units) external {
        _sales.push(
            Sale({
                offeringId: SafeCast.toUint32(offeringId),
                saleDay: saleDay,
                amount: SafeCast.toUint128(amount),
                units: SafeCast.toUint64(units)
            })
        );
    }

    function sales() external view returns (Sale[] memory) {
        return _sales;
    }

    /*//////////////////////////////////////////////////////////////
                              CERTIFICATES
    //////////////////////////////////////////////////////////////*/

    /// @dev Every certificate id ever created, in creation order; `_positionOf` is its index + 1.
    CertificateGhost[] internal _certificates;
    mapping(uint256 tokenId => uint256 position) internal _positionOf;
    uint256 public liveCertificates;

    function addCertificate(CertificateGhost memory ghost) external {
        require(_positionOf[ghost.tokenId] == 0, "store: certificate id reused");
        _certificates.push(ghost);
        _positionOf[ghost.tokenId] = _certificates.length;
        ++liveCertificates;
    }

    function setCertificate(CertificateGhost memory ghost) external {
        CertificateGhost storage stored = _certificates[_positionOf[ghost.tokenId] - 1];
        if (stored.fate == Fate.Live && ghost.fate != Fate.Live) --liveCertificates;
        _certificates[_positionOf[ghost.tokenId] - 1] = ghost;
    }

    function certificateCount() external view returns (uint256) {
        return _certificates.length;
    }

    function certificate(uint256 tokenId) external view returns (CertificateGhost memory) {
        return _certificates[_positionOf[tokenId] - 1];
    }

    /// @dev All certificates in one call, in creation order.
    function certificates() external view returns (CertificateGhost[] memory) {
        return _certificates;
    }

    /*//////////////////////////////////////////////////////////////
                              MONEY FLOWS
    //////////////////////////////////////////////////////////////*/

    /// @dev Payment tokens: paid in by primary sales, out to miners (withdrawn) and holders (refunded).
    mapping(address token => uint256) public escrowIn;
    mapping(address token => uint256) public escrowWithdrawn;
    mapping(address token => uint256) public escrowRefunded;
    /// @dev Yield tokens: deposited, claimed; the rounding events that may leave dust behind (deposits,
    /// settlements of a certificate's accrued yield, and certificates that ever accrued yield).
    mapping(address token => uint256) public yieldIn;
    mapping(address token => uint256) public yieldClaimed;
    mapping(address token => uint256) public deposits;
    mapping(address token => uint256) public settlements;
    mapping(address token => uint256) public soldIds;
    /// @dev What the vault sent each account, per token (escrow to miners, refunds and yield to holders).
    mapping(address account => mapping(address token => uint256)) public received;

    function addEscrowIn(address token, uint256 amount) external {
        escrowIn[token] += amount;
    }

    function addWithdrawal(address token, address miner, uint256 amount) external {
        escrowWithdrawn[token] += amount;
        received[miner][token] += amount;
    }

    function addRefund(address token, address holder, uint256 amount) external {
        escrowRefunded[token] += amount;
        received[holder][token] += amount;
    }

    /// @dev The lowest short threshold the vault has had (basis points): a day's requirement is at least the
    /// one at this threshold, whenever the vault rated it.
    uint256 public minThresholdBps = 8000;

    function noteThreshold(uint256 thresholdBps) external {
        if (thresholdBps < minThresholdBps) minThresholdBps = thresholdBps;
    }

    function addYieldIn(address token, uint256 amount) external {
        yieldIn[token] += amount;
        ++deposits[token];
    }

    function addClaim(address token, address holder, uint256 amount, uint256 settled) external {
        yieldClaimed[token] += amount;
        received[holder][token] += amount;
        settlements[token] += settled;
    }

    function addSettlements(address token, uint256 count) external {
        settlements[token] += count;
    }

    function addSoldId(address token) external {
        ++soldIds[token];
    }

    /*//////////////////////////////////////////////////////////////
                        CLAIMS AND REFUNDS THAT FAILED
    //////////////////////////////////////////////////////////////*/

    uint256 public claimFailures;
    uint256 public refundFailures;
    bytes public lastFailure;
    uint256 public claimsWhilePaused;
    uint256 public refundsWhilePaused;

    function recordClaim(bool ok, bool paused, bytes memory reason) external {
        if (!ok) {
            ++claimFailures;
            lastFailure = reason;
        } else if (paused) {
            ++claimsWhilePaused;
        }
    }

    function recordRefund(bool ok, bool paused, bytes memory reason) external {
        if (!ok) {
            ++refundFailures;
            lastFailure = reason;
        } else if (paused) {
            ++refundsWhilePaused;
        }
    }
}
