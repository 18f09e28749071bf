// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HashrateCertificate} from "../HashrateCertificate.sol";
import {ICertificateRenderer} from "../interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "../interfaces/IHashrateCertificate.sol";
import {IMinerRegistry} from "../interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "../interfaces/IYieldOracle.sol";
import {CertificateId} from "../libraries/CertificateId.sol";
import {CertificateLedger} from "../libraries/CertificateLedger.sol";
import {EscrowMath} from "../libraries/EscrowMath.sol";
import {OfferingSales} from "../libraries/OfferingSales.sol";
import {YieldMath} from "../libraries/YieldMath.sol";
import {
    CertificateState,
    Certificates,
    DeliveryBook,
    DeliveryRules,
    Offering,
    OfferingStatus
} from "../types/Offering.sol";

/// @title RiskControlVaultStorage
/// @notice The vault's constants, immutables and storage, and the guards and accounting reads every module
/// shares (Sablier's `src/abstracts/` shape).
abstract contract RiskControlVaultStorage is IRiskControlVault {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    bytes32 public constant override MARKETPLACE_ROLE = keccak256("MARKETPLACE_ROLE");
    /// @inheritdoc IRiskControlVault
    bytes32 public constant override PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @inheritdoc IRiskControlVault
    uint32 public constant override MAX_START_DELAY_DAYS = OfferingSales.MAX_START_DELAY_DAYS;
    /// @inheritdoc IRiskControlVault
    uint16 public constant override MAX_FLAG_WINDOW_DAYS = 30;
    /// @inheritdoc IRiskControlVault
    uint32 public constant override MAX_RANGE_DAYS = 366;

    uint16 internal constant BPS = 10_000;
    /// @dev Escrow and yield per offering stay below this, so that scaled rates fit 128 bits.
    uint256 internal constant MAX_AMOUNT = type(uint128).max / EscrowMath.RATE_SCALE;
    /// @dev An offering's escrow fits 96 bits (beside its sale totals in one slot); prices are uint96 anyway.
    uint256 internal constant MAX_ESCROW = type(uint96).max;
    /// @dev Units per offering stay at most `YIELD_SCALE`, so that a deposit's rounding loses less than one
    /// token unit (YieldMath's dust bound) and any certificate's units fit 64 bits.
    uint256 internal constant MAX_OFFERING_UNITS = YieldMath.YIELD_SCALE;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    IHashrateCertificate public immutable override certificate;
    /// @inheritdoc IRiskControlVault
    IMinerRegistry public immutable override registry;
    /// @inheritdoc IRiskControlVault
    IYieldOracle public immutable override oracle;

    /// @inheritdoc IRiskControlVault
    uint16 public override flagWindowDays;
    /// @inheritdoc IRiskControlVault
    uint16 public override shortThresholdBps;
    /// @inheritdoc IRiskControlVault
    uint256 public override offeringCount;

    /// @inheritdoc IRiskControlVault
    mapping(address token => bool allowed) public override isPaymentToken;
    /// @inheritdoc IRiskControlVault
    mapping(address miner => uint256 count) public override frozenOfferingsOf;

    mapping(uint256 offeringId => Offering) internal _offerings;
    /// @dev Sale checkpoints, yield placed per day and yield starts per sale day (see {DeliveryBook}).
    mapping(uint256 offeringId => DeliveryBook) internal _delivery;
    /// @dev Certificates' accounting and yield checkpoints (see {Certificates}).
    Certificates internal _book;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param registry_ The miner registry, which must name this vault its offering manager.
    /// @param oracle_ The yield oracle.
    /// @param renderer The certificate metadata renderer.
    constructor(IMinerRegistry registry_, IYieldOracle oracle_, ICertificateRenderer renderer) {
        if (address(registry_) == address(0) || address(oracle_) == address(0)) {
            revert RiskControlVault_ZeroAddress();
        }
        registry = registry_;
        oracle = oracle_;
        certificate = new HashrateCertificate(address(this), renderer);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL: ACCOUNTING
    //////////////////////////////////////////////////////////////*/

    /// @dev See {CertificateLedger-pendingYield}.
    function _pendingYield(uint256 tokenId, Offering storage o, CertificateState storage c)
        internal
        view
        returns (uint256)
    {
        return CertificateLedger.pendingYield(_book, o, _delivery[CertificateId.offeringOf(tokenId)], tokenId, c);
    }

    function _escrowReleased(Offering storage o) internal view returns (uint256) {
        // Once every day of the term is delivered, all of the escrow is the miner's (rounding dust included).
        if (o.checkpointCount != 0 && _releasedDay(o) >= o.endDay) return o.totalEscrow;
        return EscrowMath.unscale(o.earnedScaled);
    }

    /// @dev After termination, or a finish with days not delivered at the threshold: the escrow of the days not
    /// released.
    function _refundable(Offering storage o, CertificateState storage c) internal view returns (uint256) {
        OfferingStatus status = o.status;
        if ((status != OfferingStatus.Terminated && status != OfferingStatus.Finished) || c.refunded) {
            return 0;
        }
        return EscrowMath.refundable(c.escrow, c.saleDay, o.endDay, _releasedDay(o));
    }

    /// @dev Escrow is released for the days before this one (see {Offering}).
    function _releasedDay(Offering storage o) internal view returns (uint32) {
        uint32 lagging = o.releasedDay;
        return lagging != 0 ? lagging : o.nextDay;
    }

    /// @dev The delivery check's parameters for the linked library.
    function _rules(uint256 offeringId) internal view returns (DeliveryRules memory) {
        return DeliveryRules({
            offeringId: offeringId, oracle: oracle, thresholdBps: shortThresholdBps, windowDays: flagWindowDays
        });
    }

    /*//////////////////////////////////////////////////////////////
                             INTERNAL: GUARDS
    //////////////////////////////////////////////////////////////*/

    function _offering(uint256 offeringId) internal view returns (Offering storage o) {
        o = _offerings[offeringId];
        if (o.status == OfferingStatus.None) revert RiskControlVault_UnknownOffering(offeringId);
    }

    /// @dev An offering whose certificates may be split or merged: known, not terminated, and not finished
    /// with days undelivered (refund accounting is fixed once refunds are open).
    function _changeableOffering(uint256 offeringId) internal view returns (Offering storage o) {
        o = _offering(offeringId);
        OfferingStatus status = o.status;
        if (
            status == OfferingStatus.Terminated
                || (status == OfferingStatus.Finished && o.checkpointCount != 0 && _releasedDay(o) < o.endDay)
        ) revert RiskControlVault_InvalidStatus(offeringId, status);
    }

    /// @dev Units neither sold nor reserved for a lot, while the sale is not closed.
    function _available(Offering storage o) internal view returns (uint256) {
        if (o.saleClosed) return 0;
        return o.reservedUnits - o.soldUnits - o.lotUnits;
    }

    function _requireOwner(uint256 tokenId) internal view {
        address owner = _requireExists(tokenId);
        if (owner != msg.sender) revert RiskControlVault_NotOwner(tokenId, msg.sender);
    }

    function _requireExists(uint256 tokenId) internal view returns (address owner) {
        owner = certificate.holderOf(tokenId);
        if (owner == address(0)) revert RiskControlVault_UnknownCertificate(tokenId);
    }
}
