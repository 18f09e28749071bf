// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HashrateCertificate} from "../HashrateCertificate.sol";
import {ICertificateRenderer} from "../interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "../interfaces/IHashrateCertificate.sol";
import {IMinerRegistry} from "../interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "../interfaces/IYieldOracle.sol";
import {CertificateLedger} from "../libraries/CertificateLedger.sol";
import {EscrowMath} from "../libraries/EscrowMath.sol";
import {YieldMath} from "../libraries/YieldMath.sol";
import {CertificateState, Certificates, Offering, OfferingStatus, SaleCheckpoint} from "../types/Offering.sol";

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
    uint32 public constant override MAX_CERTIFICATES = 10_000;
    /// @inheritdoc IRiskControlVault
    uint32 public constant override MAX_START_DELAY_DAYS = 365;
    /// @inheritdoc IRiskControlVault
    uint16 public constant override MAX_FLAG_WINDOW_DAYS = 30;
    /// @inheritdoc IRiskControlVault
    uint32 public constant override MAX_RANGE_DAYS = 366;

    uint16 internal constant BPS = 10_000;
    /// @dev Escrow and yield per offering stay below this, so that scaled rates fit 128 bits.
    uint256 internal constant MAX_AMOUNT = type(uint128).max / EscrowMath.RATE_SCALE;
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
    mapping(uint256 offeringId => mapping(uint256 index => SaleCheckpoint)) internal _checkpoints;
    /// @dev Yield delivered per day, two days per slot (even day: low 128 bits, odd day: high 128 bits), so a
    /// miner's daily deposit writes a fresh slot only every other day.
    mapping(uint256 offeringId => mapping(uint256 dayPair => uint256 packed)) internal _deliveries;
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
    function _pendingYield(uint256 tokenId, bool sold, uint256 units, uint256 acc) internal view returns (uint256) {
        return CertificateLedger.pendingYield(_book, tokenId, sold, units, acc);
    }

    function _escrowReleased(Offering storage o) internal view returns (uint256) {
        // Once every day of the term is delivered, all of the escrow is the miner's (rounding dust included).
        if (o.checkpointCount != 0 && o.nextDay >= o.endDay) return o.totalEscrow;
        return EscrowMath.unscale(o.earnedScaled);
    }

    function _refundable(Offering storage o, CertificateState storage c) internal view returns (uint256) {
        if (o.status != OfferingStatus.Terminated || !c.sold || c.refunded) return 0;
        return EscrowMath.refundable(c.escrow, c.saleDay, o.endDay, o.nextDay);
    }

    /*//////////////////////////////////////////////////////////////
                             INTERNAL: GUARDS
    //////////////////////////////////////////////////////////////*/

    function _offering(uint256 offeringId) internal view returns (Offering storage o) {
        o = _offerings[offeringId];
        if (o.status == OfferingStatus.None) revert RiskControlVault_UnknownOffering(offeringId);
    }

    /// @dev An offering whose certificates may be split or merged: known and not terminated (refund
    /// accounting is fixed at termination).
    function _changeableOffering(uint256 offeringId) internal view returns (Offering storage o) {
        o = _offering(offeringId);
        if (o.status == OfferingStatus.Terminated) revert RiskControlVault_InvalidStatus(offeringId, o.status);
    }

    function _unitsOf(CertificateState storage c, Offering storage o) internal view returns (uint64) {
        uint64 units = c.units;
        return units != 0 ? units : o.unitsPerCertificate;
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
