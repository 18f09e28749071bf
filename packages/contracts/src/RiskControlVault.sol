// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {HashrateCertificate} from "./HashrateCertificate.sol";
import {ICertificateRenderer} from "./interfaces/ICertificateRenderer.sol";
import {IHashrateCertificate} from "./interfaces/IHashrateCertificate.sol";
import {IMinerRegistry} from "./interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "./interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "./interfaces/IYieldOracle.sol";
import {CertificateId} from "./libraries/CertificateId.sol";
import {DayMath} from "./libraries/DayMath.sol";
import {DeliveryMath} from "./libraries/DeliveryMath.sol";
import {EscrowMath} from "./libraries/EscrowMath.sol";
import {YieldMath} from "./libraries/YieldMath.sol";
import {Miner, MinerStatus} from "./types/Miner.sol";
import {
    CertificateState,
    CertificateView,
    DayRecord,
    DeliveryStatus,
    Offering,
    OfferingParams,
    OfferingStatus,
    SaleCheckpoint
} from "./types/Offering.sol";

/// @title RiskControlVault
/// @notice See {IRiskControlVault}.
/// @dev How every operation stays O(1) in holders, days and certificates:
/// - Escrow: each primary sale adds its certificate's scaled daily rate to the sale checkpoint of its day (one
///   per sale day). Delivering the next undelivered day adds the rate in force that day to `earnedScaled` and
///   moves a cursor over the checkpoints, so a withdrawal is one subtraction.
/// - Yield: one accumulator per offering over sold units; each certificate keeps a checkpoint of it.
/// - Refunds: a certificate's undelivered days are `endDay - max(saleDay, nextDay)` (delivery is in order).
/// The only loops: over the caller's own token ids, over the DAO-bounded flag window, over a view's bounded
/// day range, and a binary search over sale checkpoints in views and in `flag`.
contract RiskControlVault is IRiskControlVault, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

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

    uint16 private constant BPS = 10_000;
    /// @dev Escrow and yield per offering stay below this, so that scaled rates fit 128 bits.
    uint256 private constant MAX_AMOUNT = type(uint128).max / EscrowMath.RATE_SCALE;
    /// @dev Units per offering stay at most `YIELD_SCALE`, so that a deposit's rounding loses less than one
    /// token unit (YieldMath's dust bound) and any certificate's units fit 64 bits.
    uint256 private constant MAX_OFFERING_UNITS = YieldMath.YIELD_SCALE;

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

    mapping(uint256 offeringId => Offering) private _offerings;
    mapping(uint256 offeringId => mapping(uint256 index => SaleCheckpoint)) private _checkpoints;
    /// @dev Yield delivered per day, two days per slot (even day: low 128 bits, odd day: high 128 bits), so a
    /// miner's daily deposit writes a fresh slot only every other day.
    mapping(uint256 offeringId => mapping(uint256 dayPair => uint256 packed)) private _deliveries;
    mapping(uint256 tokenId => CertificateState) private _certificates;
    /// @dev The offering's accumulator when the certificate's yield was last settled.
    mapping(uint256 tokenId => uint256 acc) private _yieldCheckpoints;
    /// @dev Yield settled for the certificate and not claimed yet (after splits and merges).
    mapping(uint256 tokenId => uint256 amount) private _yieldOwed;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin The DAO timelock: administers roles and parameters, resumes and terminates.
    /// @param council The bootstrap council, which may pause in an emergency (zero: none).
    /// @param registry_ The miner registry, which must name this vault its offering manager.
    /// @param oracle_ The yield oracle.
    /// @param renderer The certificate metadata renderer.
    constructor(
        address admin,
        address council,
        IMinerRegistry registry_,
        IYieldOracle oracle_,
        ICertificateRenderer renderer
    ) {
        if (admin == address(0) || address(registry_) == address(0) || address(oracle_) == address(0)) {
            revert RiskControlVault_ZeroAddress();
        }
        registry = registry_;
        oracle = oracle_;
        certificate = new HashrateCertificate(address(this), renderer);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        if (council != address(0)) _grantRole(PAUSER_ROLE, council);
        _setFlagParameters(7, 8000);
    }

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function setPaymentToken(address token, bool allowed) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(0)) revert RiskControlVault_ZeroAddress();
        isPaymentToken[token] = allowed;
        emit PaymentTokenSet(token, allowed);
    }

    /// @inheritdoc IRiskControlVault
    function setFlagParameters(uint16 windowDays, uint16 thresholdBps) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFlagParameters(windowDays, thresholdBps);
    }

    /// @inheritdoc IRiskControlVault
    function resume(uint256 offeringId) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        Offering storage o = _offering(offeringId);
        if (o.status != OfferingStatus.Frozen) revert RiskControlVault_InvalidStatus(offeringId, o.status);
        uint32 today = DayMath.today();
        o.status = OfferingStatus.Active;
        o.resumedDay = today;
        --frozenOfferingsOf[o.miner];
        emit OfferingResumed(offeringId, today);
        registry.releaseStake(offeringId);
        certificate.announceOfferingUpdate(offeringId);
    }

    /// @inheritdoc IRiskControlVault
    function terminate(uint256 offeringId) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        Offering storage o = _offering(offeringId);
        OfferingStatus status = o.status;
        if (status != OfferingStatus.Active && status != OfferingStatus.Frozen) {
            revert RiskControlVault_InvalidStatus(offeringId, status);
        }
        address miner = o.miner;
        if (status == OfferingStatus.Frozen) --frozenOfferingsOf[miner];
        uint128 reserved = o.reservedUnits;
        o.status = OfferingStatus.Terminated;
        o.reservedUnits = 0;
        emit OfferingTerminated(offeringId, DayMath.today(), o.nextDay);
        registry.closeOffering(miner, reserved);
        // The stake stays until the DAO records its slashing decision (MinerRegistry.decideSlash).
        registry.holdStake(miner, offeringId, true);
        certificate.announceOfferingUpdate(offeringId);
    }

    /// @inheritdoc IRiskControlVault
    function pause() external override onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IRiskControlVault
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function createOffering(OfferingParams calldata params)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 offeringId)
    {
        address miner = msg.sender;
        Miner memory record = registry.minerOf(miner);
        if (record.status != MinerStatus.Active) revert RiskControlVault_MinerNotActive(miner, record.status);
        uint256 frozen = frozenOfferingsOf[miner];
        if (frozen != 0) revert RiskControlVault_MinerFrozen(miner, frozen);
        if (params.coinId != record.coinId) revert RiskControlVault_CoinMismatch(miner, params.coinId, record.coinId);
        if (!registry.isCoinActive(params.coinId)) revert RiskControlVault_CoinInactive(params.coinId);
        if (!isPaymentToken[params.paymentToken]) revert RiskControlVault_PaymentTokenNotAllowed(params.paymentToken);
        if (params.unitsPerCertificate == 0) revert RiskControlVault_ZeroUnits();
        uint32 count = params.certificateCount;
        if (count == 0 || count > MAX_CERTIFICATES) {
            revert RiskControlVault_CertificateCountOutOfBounds(count, MAX_CERTIFICATES);
        }
        if (params.termDays == 0 || params.termDays > record.maxTermDays) {
            revert RiskControlVault_TermOutOfBounds(params.termDays, record.maxTermDays);
        }
        uint32 today = DayMath.today();
        if (params.startDay < today || params.startDay - today > MAX_START_DELAY_DAYS) {
            revert RiskControlVault_StartDayOutOfBounds(params.startDay, today, today + MAX_START_DELAY_DAYS);
        }
        uint256 units = uint256(params.unitsPerCertificate) * count;
        if (units > MAX_OFFERING_UNITS) revert RiskControlVault_AmountTooLarge(units);
        address yieldToken = registry.coin(params.coinId).yieldToken;

        offeringId = _storeOffering(params, miner, yieldToken, units);
        registry.openOffering(miner, units);
        certificate.mintBatch(offeringId, miner, count);
    }

    /// @inheritdoc IRiskControlVault
    function cancelUnsold(uint256 offeringId, uint256[] calldata tokenIds) external override nonReentrant {
        Offering storage o = _offering(offeringId);
        OfferingStatus status = o.status;
        if (status != OfferingStatus.Active && status != OfferingStatus.Frozen) {
            revert RiskControlVault_InvalidStatus(offeringId, status);
        }
        address miner = o.miner;
        if (msg.sender != miner) revert RiskControlVault_NotMiner(offeringId, msg.sender);
        if (tokenIds.length == 0) revert RiskControlVault_NoTokens();

        uint256 released;
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            if (CertificateId.offeringOf(tokenId) != offeringId) {
                revert RiskControlVault_OfferingMismatch(tokenId, offeringId);
            }
            _requireOwner(tokenId);
            CertificateState storage c = _certificates[tokenId];
            if (c.sold) revert RiskControlVault_AlreadySold(tokenId);
            uint256 units = _unitsOf(c, o);
            released += units;
            delete _certificates[tokenId];
            emit UnsoldCancelled(offeringId, tokenId, units);
            certificate.burn(tokenId);
        }

        // casting to uint128 is safe: `released` sums units of this offering, at most MAX_OFFERING_UNITS
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 reserved = o.reservedUnits - uint128(released);
        o.reservedUnits = reserved;
        if (reserved == 0) {
            // Nothing sold and nothing left to sell: the offering is over.
            // (A frozen offering has sales, so only an active one gets here.)
            o.status = OfferingStatus.Finished;
            emit OfferingFinished(offeringId);
            registry.closeOffering(miner, released);
        } else {
            registry.releaseCapacity(miner, released);
        }
    }

    /// @inheritdoc IRiskControlVault
    function withdrawEscrow(uint256 offeringId) external override whenNotPaused nonReentrant returns (uint256 amount) {
        Offering storage o = _offering(offeringId);
        address miner = o.miner;
        if (msg.sender != miner) revert RiskControlVault_NotMiner(offeringId, msg.sender);
        if (o.status == OfferingStatus.Frozen) {
            revert RiskControlVault_InvalidStatus(offeringId, OfferingStatus.Frozen);
        }
        uint256 released = _escrowReleased(o);
        uint256 withdrawn = o.escrowWithdrawn;
        if (released <= withdrawn) revert RiskControlVault_NothingToWithdraw(offeringId);
        amount = released - withdrawn;
        // casting to uint128 is safe: released escrow is at most totalEscrow, a uint128
        // forge-lint: disable-next-line(unsafe-typecast)
        o.escrowWithdrawn = uint128(released);
        emit EscrowWithdrawn(offeringId, miner, amount, released);
        IERC20(o.paymentToken).safeTransfer(miner, amount);
    }

    /// @inheritdoc IRiskControlVault
    function depositYield(uint256 offeringId, uint32 day, uint256 amount) external override nonReentrant {
        Offering storage o = _offering(offeringId);
        OfferingStatus status = o.status;
        // A finished offering has every day delivered; a top-up then could be shared with burned certificates.
        if (status == OfferingStatus.Terminated || status == OfferingStatus.Finished) {
            revert RiskControlVault_InvalidStatus(offeringId, status);
        }
        if (amount == 0) revert RiskControlVault_ZeroAmount();
        uint256 deposited = o.yieldDeposited + amount;
        if (deposited > MAX_AMOUNT) revert RiskControlVault_AmountTooLarge(amount);
        uint32 today = DayMath.today();
        if (day >= today) revert RiskControlVault_DayNotEnded(day, today);
        if (o.checkpointCount == 0) revert RiskControlVault_NothingSold(offeringId);
        uint32 firstDay = o.firstSaleDay;
        uint32 endDay = o.endDay;
        if (day < firstDay || day >= endDay) revert RiskControlVault_DayOutsideTerm(offeringId, day, firstDay, endDay);
        uint32 nextDay = o.nextDay;
        if (day > nextDay) revert RiskControlVault_DayNotDue(offeringId, day, nextDay);

        uint256 acc = o.accYieldPerUnit + YieldMath.perUnit(amount, o.soldUnits);
        o.accYieldPerUnit = acc;
        // casting to uint128 is safe: `deposited` was checked against MAX_AMOUNT
        // forge-lint: disable-next-line(unsafe-typecast)
        o.yieldDeposited = uint128(deposited);
        uint256 dayTotal = _addDelivery(offeringId, day, amount);
        if (day == nextDay) {
            // The next undelivered day arrived: its escrow is released at the rate in force that day.
            uint32 cursor = o.cursor;
            o.earnedScaled += _checkpoints[offeringId][cursor].rate;
            ++nextDay;
            o.nextDay = nextDay;
            if (cursor + 1 < o.checkpointCount && _checkpoints[offeringId][cursor + 1].day == nextDay) {
                o.cursor = cursor + 1;
            }
        }
        emit YieldDeposited(offeringId, day, msg.sender, amount, dayTotal, acc, nextDay);
        IERC20(o.yieldToken).safeTransferFrom(msg.sender, address(this), amount);
    }

    /*//////////////////////////////////////////////////////////////
                              MARKETPLACE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function recordPrimarySale(uint256 tokenId, uint256 amount)
        external
        override
        onlyRole(MARKETPLACE_ROLE)
        whenNotPaused
        nonReentrant
    {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _offering(offeringId);
        if (o.status != OfferingStatus.Active) revert RiskControlVault_InvalidStatus(offeringId, o.status);
        _requireExists(tokenId);
        CertificateState storage c = _certificates[tokenId];
        if (c.sold) revert RiskControlVault_AlreadySold(tokenId);
        if (amount == 0) revert RiskControlVault_ZeroAmount();
        uint256 totalEscrow = o.totalEscrow + amount;
        if (totalEscrow > MAX_AMOUNT) revert RiskControlVault_AmountTooLarge(amount);
        uint32 today = DayMath.today();
        if (today >= o.endDay) revert RiskControlVault_SalesClosed(offeringId, today, o.endDay);
        // A miner the DAO suspended or revoked sells nothing more.
        MinerStatus minerStatus = registry.statusOf(o.miner);
        if (minerStatus != MinerStatus.Active) revert RiskControlVault_MinerNotActive(o.miner, minerStatus);

        (uint64 units, uint32 saleDay) =
            _recordSale(offeringId, o, tokenId, amount, today > o.startDay ? today : o.startDay);
        // casting to uint128 is safe: `totalEscrow` was checked against MAX_AMOUNT
        // forge-lint: disable-next-line(unsafe-typecast)
        o.totalEscrow = uint128(totalEscrow);
        emit PrimarySaleRecorded(offeringId, tokenId, amount, units, saleDay);
        IERC20(o.paymentToken).safeTransferFrom(msg.sender, address(this), amount);
        certificate.announceUpdate(tokenId);
    }

    /*//////////////////////////////////////////////////////////////
                                HOLDERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function flag(uint256 offeringId) external override {
        Offering storage o = _offering(offeringId);
        (FlagCheck check, uint32 fromDay, uint32 toDay) = _checkFlag(offeringId, o);
        if (check == FlagCheck.Unrated) revert RiskControlVault_DayNotRated(offeringId, fromDay);
        if (check != FlagCheck.Flaggable) revert RiskControlVault_NotFlaggable(offeringId);
        o.status = OfferingStatus.Frozen;
        ++frozenOfferingsOf[o.miner];
        emit OfferingFlagged(offeringId, msg.sender, fromDay, toDay);
        registry.holdStake(o.miner, offeringId, false);
        certificate.announceOfferingUpdate(offeringId);
    }

    /// @inheritdoc IRiskControlVault
    function finish(uint256 offeringId) external override {
        Offering storage o = _offering(offeringId);
        if (o.status != OfferingStatus.Active) revert RiskControlVault_InvalidStatus(offeringId, o.status);
        uint32 endDay = o.endDay;
        uint32 nextDay = o.nextDay;
        if (DayMath.today() < endDay || (o.checkpointCount != 0 && nextDay < endDay)) {
            revert RiskControlVault_NotSettled(offeringId, endDay, nextDay);
        }
        uint128 reserved = o.reservedUnits;
        o.status = OfferingStatus.Finished;
        o.reservedUnits = 0;
        emit OfferingFinished(offeringId);
        registry.closeOffering(o.miner, reserved);
        certificate.announceOfferingUpdate(offeringId);
    }

    /// @inheritdoc IRiskControlVault
    function claim(uint256[] calldata tokenIds) external override nonReentrant returns (uint256 total) {
        uint256 count = tokenIds.length;
        if (count == 0) revert RiskControlVault_NoTokens();
        address payToken;
        uint256 payAmount;
        for (uint256 i; i < count; ++i) {
            uint256 tokenId = tokenIds[i];
            _requireOwner(tokenId);
            uint256 offeringId = CertificateId.offeringOf(tokenId);
            Offering storage o = _offerings[offeringId];
            CertificateState storage c = _certificates[tokenId];
            uint256 acc = o.accYieldPerUnit;
            uint256 amount = _pendingYield(tokenId, c.sold, c.units, acc);
            if (amount == 0) continue;
            _yieldCheckpoints[tokenId] = acc;
            if (_yieldOwed[tokenId] != 0) delete _yieldOwed[tokenId];
            emit YieldClaimed(offeringId, tokenId, msg.sender, amount);
            address token = o.yieldToken;
            if (token != payToken) {
                if (payAmount != 0) IERC20(payToken).safeTransfer(msg.sender, payAmount);
                (payToken, payAmount) = (token, 0);
            }
            payAmount += amount;
            total += amount;
        }
        if (total == 0) revert RiskControlVault_NothingToClaim();
        IERC20(payToken).safeTransfer(msg.sender, payAmount);
    }

    /// @inheritdoc IRiskControlVault
    function refund(uint256[] calldata tokenIds) external override nonReentrant returns (uint256 total) {
        uint256 count = tokenIds.length;
        if (count == 0) revert RiskControlVault_NoTokens();
        address payToken;
        uint256 payAmount;
        for (uint256 i; i < count; ++i) {
            uint256 tokenId = tokenIds[i];
            _requireOwner(tokenId);
            uint256 offeringId = CertificateId.offeringOf(tokenId);
            Offering storage o = _offerings[offeringId];
            CertificateState storage c = _certificates[tokenId];
            uint256 amount = _refundable(o, c);
            if (amount == 0) revert RiskControlVault_NothingToRefund(tokenId);
            c.refunded = true;
            // casting to uint128 is safe: a refund is at most its certificate's escrow, a uint128
            // forge-lint: disable-next-line(unsafe-typecast)
            o.escrowRefunded += uint128(amount);
            emit Refunded(offeringId, tokenId, msg.sender, amount);
            certificate.announceUpdate(tokenId);
            address token = o.paymentToken;
            if (token != payToken) {
                if (payAmount != 0) IERC20(payToken).safeTransfer(msg.sender, payAmount);
                (payToken, payAmount) = (token, 0);
            }
            payAmount += amount;
            total += amount;
        }
        IERC20(payToken).safeTransfer(msg.sender, payAmount);
    }

    /// @inheritdoc IRiskControlVault
    function split(uint256 tokenId, uint256 splitUnits)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 newTokenId)
    {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _changeableOffering(offeringId);
        _requireOwner(tokenId);
        CertificateState storage c = _certificates[tokenId];
        uint64 units = _unitsOf(c, o);
        uint32 index = o.nextIndex;
        if (splitUnits == 0 || splitUnits >= units || index == CertificateId.INDEX_MASK) {
            revert RiskControlVault_InvalidSplit(tokenId, units, splitUnits);
        }
        bool sold = c.sold;
        uint256 acc = o.accYieldPerUnit;
        if (sold) {
            _yieldOwed[tokenId] = _pendingYield(tokenId, true, units, acc);
            _yieldCheckpoints[tokenId] = acc;
        }
        // A certificate's escrow streams from its sale day to the end of the term; unsold ones hold none.
        (uint256 keptEscrow, uint256 newEscrow) =
            sold ? EscrowMath.split(c.escrow, units, splitUnits, o.endDay - c.saleDay) : (0, 0);
        // casting to uint64 is safe: `splitUnits` is below the certificate's units, a uint64
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 newUnits = uint64(splitUnits);
        uint64 keptUnits = units - newUnits;

        o.nextIndex = index + 1;
        newTokenId = CertificateId.encode(offeringId, index);
        c.units = keptUnits;
        // casting to uint128 is safe: both parts are at most the certificate's escrow, a uint128
        // forge-lint: disable-next-line(unsafe-typecast)
        c.escrow = uint128(keptEscrow);
        _certificates[newTokenId] = CertificateState({
            // casting to uint128 is safe: both parts are at most the certificate's escrow, a uint128
            // forge-lint: disable-next-line(unsafe-typecast)
            escrow: uint128(newEscrow),
            units: newUnits,
            saleDay: c.saleDay,
            sold: sold,
            refunded: false
        });
        if (sold && acc != 0) _yieldCheckpoints[newTokenId] = acc;
        emit CertificateSplit(offeringId, tokenId, newTokenId, keptUnits, newUnits);
        certificate.mint(msg.sender, newTokenId);
        certificate.announceUpdate(tokenId);
    }

    /// @inheritdoc IRiskControlVault
    function merge(uint256 tokenId, uint256 otherTokenId) external override whenNotPaused nonReentrant {
        if (tokenId == otherTokenId) revert RiskControlVault_SameToken(tokenId);
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        if (CertificateId.offeringOf(otherTokenId) != offeringId) {
            revert RiskControlVault_MergeMismatch(tokenId, otherTokenId);
        }
        Offering storage o = _changeableOffering(offeringId);
        _requireOwner(tokenId);
        _requireOwner(otherTokenId);
        CertificateState storage c = _certificates[tokenId];
        CertificateState memory other = _certificates[otherTokenId];
        bool sold = c.sold;
        if (sold != other.sold || c.saleDay != other.saleDay) {
            revert RiskControlVault_MergeMismatch(tokenId, otherTokenId);
        }

        uint64 units = _unitsOf(c, o) + (other.units != 0 ? other.units : o.unitsPerCertificate);
        if (sold) {
            uint256 acc = o.accYieldPerUnit;
            _yieldOwed[tokenId] =
                _pendingYield(tokenId, true, c.units, acc) + _pendingYield(otherTokenId, true, other.units, acc);
            _yieldCheckpoints[tokenId] = acc;
            delete _yieldOwed[otherTokenId];
            delete _yieldCheckpoints[otherTokenId];
        }
        c.units = units;
        c.escrow += other.escrow;
        delete _certificates[otherTokenId];
        emit CertificatesMerged(offeringId, tokenId, otherTokenId, units);
        certificate.burn(otherTokenId);
        certificate.announceUpdate(tokenId);
    }

    /// @inheritdoc IRiskControlVault
    function burn(uint256 tokenId) external override nonReentrant {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _offering(offeringId);
        _requireOwner(tokenId);
        CertificateState storage c = _certificates[tokenId];
        OfferingStatus status = o.status;
        if (
            (status != OfferingStatus.Finished && status != OfferingStatus.Terminated)
                || _pendingYield(tokenId, c.sold, c.units, o.accYieldPerUnit) != 0 || _refundable(o, c) != 0
        ) revert RiskControlVault_NotBurnable(tokenId);
        delete _certificates[tokenId];
        delete _yieldCheckpoints[tokenId];
        delete _yieldOwed[tokenId];
        emit CertificateBurned(offeringId, tokenId);
        certificate.burn(tokenId);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function offering(uint256 offeringId) external view override returns (Offering memory) {
        return _offering(offeringId);
    }

    /// @inheritdoc IRiskControlVault
    function saleCheckpoint(uint256 offeringId, uint256 index) external view override returns (SaleCheckpoint memory) {
        _offering(offeringId);
        return _checkpoints[offeringId][index];
    }

    /// @inheritdoc IRiskControlVault
    function escrowReleased(uint256 offeringId) external view override returns (uint256) {
        return _escrowReleased(_offering(offeringId));
    }

    /// @inheritdoc IRiskControlVault
    function withdrawable(uint256 offeringId) external view override returns (uint256) {
        Offering storage o = _offering(offeringId);
        if (o.status == OfferingStatus.Frozen) return 0;
        return _escrowReleased(o) - o.escrowWithdrawn;
    }

    /// @inheritdoc IRiskControlVault
    function saleTerms(uint256 tokenId)
        external
        view
        override
        returns (bool sold, address miner, address paymentToken, OfferingStatus status)
    {
        Offering storage o = _offering(CertificateId.offeringOf(tokenId));
        return (_certificates[tokenId].sold, o.miner, o.paymentToken, o.status);
    }

    /// @inheritdoc IRiskControlVault
    function isOnSale(uint256 tokenId) external view override returns (bool) {
        Offering storage o = _offerings[CertificateId.offeringOf(tokenId)];
        return !paused() && o.status == OfferingStatus.Active && DayMath.today() < o.endDay
            && !_certificates[tokenId].sold && certificate.holderOf(tokenId) != address(0)
            && registry.statusOf(o.miner) == MinerStatus.Active;
    }

    /// @inheritdoc IRiskControlVault
    function certificateView(uint256 tokenId) external view override returns (CertificateView memory v) {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _offering(offeringId);
        _requireExists(tokenId);
        CertificateState storage c = _certificates[tokenId];
        v.offeringId = offeringId;
        v.units = _unitsOf(c, o);
        v.sold = c.sold;
        v.saleDay = c.saleDay;
        v.escrow = c.escrow;
        if (c.sold) {
            v.escrowReleased = c.escrow - EscrowMath.refundable(c.escrow, c.saleDay, o.endDay, o.nextDay);
        }
        v.refundable = _refundable(o, c);
        v.refunded = c.refunded;
        v.claimableYield = _pendingYield(tokenId, c.sold, c.units, o.accYieldPerUnit);
    }

    /// @inheritdoc IRiskControlVault
    function claimable(uint256 tokenId) external view override returns (uint256) {
        Offering storage o = _offering(CertificateId.offeringOf(tokenId));
        _requireExists(tokenId);
        CertificateState storage c = _certificates[tokenId];
        return _pendingYield(tokenId, c.sold, c.units, o.accYieldPerUnit);
    }

    /// @inheritdoc IRiskControlVault
    function refundable(uint256 tokenId) external view override returns (uint256) {
        Offering storage o = _offering(CertificateId.offeringOf(tokenId));
        _requireExists(tokenId);
        return _refundable(o, _certificates[tokenId]);
    }

    /// @inheritdoc IRiskControlVault
    function dayRecord(uint256 offeringId, uint32 day) external view override returns (DayRecord memory) {
        return _dayRecord(offeringId, _offering(offeringId), day);
    }

    /// @inheritdoc IRiskControlVault
    function dayRecords(uint256 offeringId, uint32 fromDay, uint32 toDay)
        external
        view
        override
        returns (DayRecord[] memory records)
    {
        Offering storage o = _offering(offeringId);
        if (toDay < fromDay) revert RiskControlVault_InvalidRange(fromDay, toDay);
        if (toDay - fromDay >= MAX_RANGE_DAYS) revert RiskControlVault_RangeTooLong(fromDay, toDay);
        records = new DayRecord[](toDay - fromDay + 1);
        for (uint256 i; i < records.length; ++i) {
            // casting to uint32 is safe: fromDay + i <= toDay, a uint32
            // forge-lint: disable-next-line(unsafe-typecast)
            records[i] = _dayRecord(offeringId, o, uint32(fromDay + i));
        }
    }

    /// @inheritdoc IRiskControlVault
    function flaggable(uint256 offeringId) external view override returns (bool canFlag, uint32 fromDay, uint32 toDay) {
        FlagCheck check;
        (check, fromDay, toDay) = _checkFlag(offeringId, _offering(offeringId));
        canFlag = check == FlagCheck.Flaggable;
        if (!canFlag) (fromDay, toDay) = (0, 0);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL: ACCOUNTING
    //////////////////////////////////////////////////////////////*/

    enum FlagCheck {
        NotFlaggable,
        Unrated,
        Flaggable
    }

    function _setFlagParameters(uint16 windowDays, uint16 thresholdBps) private {
        if (windowDays == 0 || windowDays > MAX_FLAG_WINDOW_DAYS) {
            revert RiskControlVault_FlagWindowOutOfBounds(windowDays, MAX_FLAG_WINDOW_DAYS);
        }
        if (thresholdBps == 0 || thresholdBps > BPS) revert RiskControlVault_ShortThresholdOutOfBounds(thresholdBps);
        flagWindowDays = windowDays;
        shortThresholdBps = thresholdBps;
        emit FlagParametersSet(windowDays, thresholdBps);
    }

    function _storeOffering(OfferingParams calldata params, address miner, address yieldToken, uint256 units)
        private
        returns (uint256 offeringId)
    {
        offeringId = ++offeringCount;
        Offering storage o = _offerings[offeringId];
        o.miner = miner;
        o.startDay = params.startDay;
        o.endDay = params.startDay + params.termDays;
        o.status = OfferingStatus.Active;
        o.paymentToken = params.paymentToken;
        o.certificateCount = params.certificateCount;
        o.nextIndex = params.certificateCount + 1;
        o.yieldToken = yieldToken;
        o.unitsPerCertificate = params.unitsPerCertificate;
        // casting to uint128 is safe: `units` was checked against MAX_OFFERING_UNITS
        // forge-lint: disable-next-line(unsafe-typecast)
        o.reservedUnits = uint128(units);
        o.coinId = uint128(params.coinId);
        emit OfferingCreated(
            offeringId,
            miner,
            params.coinId,
            params.paymentToken,
            yieldToken,
            params.unitsPerCertificate,
            params.certificateCount,
            params.startDay,
            o.endDay
        );
    }

    /// @dev Writes a primary sale into the certificate's record, the offering's sold units and its checkpoints.
    function _recordSale(uint256 offeringId, Offering storage o, uint256 tokenId, uint256 amount, uint32 saleDay)
        private
        returns (uint64 units, uint32)
    {
        CertificateState storage c = _certificates[tokenId];
        units = _unitsOf(c, o);
        uint128 soldUnits = o.soldUnits + units;
        _recordCheckpoint(offeringId, o, saleDay, soldUnits, uint128(EscrowMath.dailyRate(amount, o.endDay - saleDay)));
        o.soldUnits = soldUnits;
        // casting to uint128 is safe: the caller checked `amount` against MAX_AMOUNT
        // forge-lint: disable-next-line(unsafe-typecast)
        c.escrow = uint128(amount);
        c.units = units;
        c.saleDay = saleDay;
        c.sold = true;
        uint256 acc = o.accYieldPerUnit;
        if (acc != 0) _yieldCheckpoints[tokenId] = acc;
        return (units, saleDay);
    }

    /// @dev Adds a sale of `rate` on `saleDay` to the checkpoints; the first sale starts the delivery record.
    function _recordCheckpoint(uint256 offeringId, Offering storage o, uint32 saleDay, uint128 soldUnits, uint128 rate)
        private
    {
        uint32 count = o.checkpointCount;
        if (count == 0) {
            o.firstSaleDay = saleDay;
            o.nextDay = saleDay;
        } else {
            SaleCheckpoint storage last = _checkpoints[offeringId][count - 1];
            if (last.day == saleDay) {
                // casting to uint96 is safe: sold units are at most MAX_OFFERING_UNITS (1e18 < 2^96)
                // forge-lint: disable-next-line(unsafe-typecast)
                last.soldUnits = uint96(soldUnits);
                last.rate += rate;
                return;
            }
            rate += last.rate;
        }
        // casting to uint96 is safe: sold units are at most MAX_OFFERING_UNITS (1e18 < 2^96)
        // forge-lint: disable-next-line(unsafe-typecast)
        _checkpoints[offeringId][count] = SaleCheckpoint({day: saleDay, soldUnits: uint96(soldUnits), rate: rate});
        o.checkpointCount = count + 1;
        // Sales happen today or before the start, never before the first undelivered day.
        if (saleDay == o.nextDay) o.cursor = count;
    }

    function _addDelivery(uint256 offeringId, uint32 day, uint256 amount) private returns (uint256 dayTotal) {
        uint256 shift = (day & 1) * 128;
        uint256 packed = _deliveries[offeringId][day >> 1];
        dayTotal = (packed >> shift & type(uint128).max) + amount;
        _deliveries[offeringId][day >> 1] = packed + (amount << shift);
    }

    function _deliveryOf(uint256 offeringId, uint32 day) private view returns (uint256) {
        return _deliveries[offeringId][day >> 1] >> ((day & 1) * 128) & type(uint128).max;
    }

    /// @dev Yield a certificate is owed: settled and not claimed, plus its units' share of the accumulator's
    /// rise since its checkpoint. Unsold certificates earn nothing.
    function _pendingYield(uint256 tokenId, bool sold, uint256 units, uint256 acc) private view returns (uint256) {
        if (!sold) return 0;
        return _yieldOwed[tokenId] + YieldMath.owed(units, acc, _yieldCheckpoints[tokenId]);
    }

    function _escrowReleased(Offering storage o) private view returns (uint256) {
        // Once every day of the term is delivered, all of the escrow is the miner's (rounding dust included).
        if (o.checkpointCount != 0 && o.nextDay >= o.endDay) return o.totalEscrow;
        return EscrowMath.unscale(o.earnedScaled);
    }

    function _refundable(Offering storage o, CertificateState storage c) private view returns (uint256) {
        if (o.status != OfferingStatus.Terminated || !c.sold || c.refunded) return 0;
        return EscrowMath.refundable(c.escrow, c.saleDay, o.endDay, o.nextDay);
    }

    /// @dev Units sold by `day` (inclusive): the last checkpoint on or before it, by binary search.
    function _soldUnitsOn(uint256 offeringId, Offering storage o, uint32 day) private view returns (uint256) {
        uint256 low;
        uint256 high = o.checkpointCount;
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (_checkpoints[offeringId][mid].day > day) high = mid;
            else low = mid + 1;
        }
        return low == 0 ? 0 : _checkpoints[offeringId][low - 1].soldUnits;
    }

    function _dayRecord(uint256 offeringId, Offering storage o, uint32 day) private view returns (DayRecord memory r) {
        r.day = day;
        if (o.checkpointCount == 0 || day < o.firstSaleDay || day >= o.endDay) return r;
        r.delivered = _deliveryOf(offeringId, day);
        r.soldUnits = _soldUnitsOn(offeringId, o, day);
        r.deliveredPerUnit = r.delivered / r.soldUnits;
        if (day >= DayMath.today()) {
            r.status = DeliveryStatus.Open;
        } else if (day >= o.nextDay) {
            r.status = DeliveryStatus.Missed;
        } else {
            (uint256 market, bool isFinal) = oracle.dayValue(o.coinId, day);
            if (!isFinal) {
                r.status = DeliveryStatus.Delivered;
            } else {
                r.marketPerUnit = market;
                r.status = DeliveryMath.isShort(r.delivered, r.soldUnits, market, shortThresholdBps)
                    ? DeliveryStatus.Short
                    : DeliveryStatus.Ok;
            }
        }
    }

    /// @dev The flag condition (see `flag`): either the window of the last ended days of the term is all
    /// missed or short, or the term ended a window ago with days undelivered. Days before the first sale or the
    /// last resume are never counted. For `Unrated`, `fromDay` is the day without a final oracle value.
    function _checkFlag(uint256 offeringId, Offering storage o)
        private
        view
        returns (FlagCheck check, uint32 fromDay, uint32 toDay)
    {
        if (o.status != OfferingStatus.Active || o.checkpointCount == 0) return (FlagCheck.NotFlaggable, 0, 0);
        uint32 window = flagWindowDays;
        uint32 today = DayMath.today();
        uint32 endDay = o.endDay;
        uint32 nextDay = o.nextDay;
        uint32 earliest = o.firstSaleDay > o.resumedDay ? o.firstSaleDay : o.resumedDay;
        if (nextDay < endDay && today >= endDay + window && today >= o.resumedDay + window) {
            return (FlagCheck.Flaggable, nextDay, endDay - 1);
        }
        uint32 lastEnded = today < endDay ? today : endDay;
        if (lastEnded < earliest + window) return (FlagCheck.NotFlaggable, 0, 0);
        fromDay = lastEnded - window;
        toDay = lastEnded - 1;
        for (uint32 day = fromDay; day < nextDay && day <= toDay; ++day) {
            DeliveryStatus status = _dayRecord(offeringId, o, day).status;
            if (status == DeliveryStatus.Delivered) return (FlagCheck.Unrated, day, day);
            if (status != DeliveryStatus.Short) return (FlagCheck.NotFlaggable, 0, 0);
        }
        check = FlagCheck.Flaggable;
    }

    /*//////////////////////////////////////////////////////////////
                             INTERNAL: GUARDS
    //////////////////////////////////////////////////////////////*/

    function _offering(uint256 offeringId) private view returns (Offering storage o) {
        o = _offerings[offeringId];
        if (o.status == OfferingStatus.None) revert RiskControlVault_UnknownOffering(offeringId);
    }

    /// @dev An offering whose certificates may be split or merged: known and not terminated (refund
    /// accounting is fixed at termination).
    function _changeableOffering(uint256 offeringId) private view returns (Offering storage o) {
        o = _offering(offeringId);
        if (o.status == OfferingStatus.Terminated) revert RiskControlVault_InvalidStatus(offeringId, o.status);
    }

    function _unitsOf(CertificateState storage c, Offering storage o) private view returns (uint64) {
        uint64 units = c.units;
        return units != 0 ? units : o.unitsPerCertificate;
    }

    function _requireOwner(uint256 tokenId) private view {
        address owner = _requireExists(tokenId);
        if (owner != msg.sender) revert RiskControlVault_NotOwner(tokenId, msg.sender);
    }

    function _requireExists(uint256 tokenId) private view returns (address owner) {
        owner = certificate.holderOf(tokenId);
        if (owner == address(0)) revert RiskControlVault_UnknownCertificate(tokenId);
    }
}
