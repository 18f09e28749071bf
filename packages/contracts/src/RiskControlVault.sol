// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {RiskControlVaultAdmin} from "./abstracts/RiskControlVaultAdmin.sol";
import {RiskControlVaultViews} from "./abstracts/RiskControlVaultViews.sol";
import {ICertificateRenderer} from "./interfaces/ICertificateRenderer.sol";
import {IMinerRegistry} from "./interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "./interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "./interfaces/IYieldOracle.sol";
import {CertificateId} from "./libraries/CertificateId.sol";
import {CertificateLedger} from "./libraries/CertificateLedger.sol";
import {DayMath} from "./libraries/DayMath.sol";
import {DeliveryRecords} from "./libraries/DeliveryRecords.sol";
import {EscrowMath} from "./libraries/EscrowMath.sol";
import {OfferingSales} from "./libraries/OfferingSales.sol";
import {YieldMath} from "./libraries/YieldMath.sol";
import {Miner, MinerStatus} from "./types/Miner.sol";
import {
    CertificateState,
    DeliveryBook,
    DeliveryRules,
    Offering,
    OfferingParams,
    OfferingStatus,
    SaleCheckpoint
} from "./types/Offering.sol";

/// @title RiskControlVault
/// @notice See {IRiskControlVault}.
/// @dev Modules (Sablier's `abstracts/` shape): {RiskControlVaultStorage} (constants, storage, guards),
/// {RiskControlVaultAdmin} (the DAO's functions), {RiskControlVaultViews} (reads; the delivery record and the
/// flag check in the linked library {DeliveryRecords}); this contract holds the flows that move money.
/// How every operation stays O(1) in holders, days and certificates:
/// - Escrow: each primary sale adds its certificate's scaled daily rate to the sale checkpoint of its day (one
///   per sale day). Delivering the next undelivered day adds the rate in force that day to `earnedScaled` and
///   moves a cursor over the checkpoints, so a withdrawal is one subtraction.
/// - Yield: one accumulator per offering over sold units; each certificate keeps a checkpoint of it.
/// - Refunds: a certificate's undelivered days are `endDay - max(saleDay, nextDay)` (delivery is in order).
/// The only loops: over the caller's own token ids, over the DAO-bounded flag window, over a view's bounded
/// day range, and a binary search over sale checkpoints in views and in `flag`.
contract RiskControlVault is RiskControlVaultViews, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

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
    ) RiskControlVaultAdmin(admin, council, registry_, oracle_, renderer) {}

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
        address yieldToken = registry.coin(params.coinId).yieldToken;

        offeringId = ++offeringCount;
        OfferingSales.open(_offerings[offeringId], offeringId, params, miner, yieldToken, record.maxTermDays);
        registry.openOffering(miner, params.units);
    }

    /// @inheritdoc IRiskControlVault
    function closeSale(uint256 offeringId) external override nonReentrant returns (uint256 unsold) {
        Offering storage o = _offering(offeringId);
        OfferingStatus status = o.status;
        if ((status != OfferingStatus.Active && status != OfferingStatus.Frozen) || o.saleClosed) {
            revert RiskControlVault_InvalidStatus(offeringId, status);
        }
        if (msg.sender != o.miner && block.timestamp < o.saleEnd) {
            revert RiskControlVault_SaleNotEnded(offeringId, o.saleEnd);
        }
        uint64 sold = o.soldUnits;
        uint64 lots = o.lotUnits;
        unsold = o.reservedUnits - sold - lots;
        o.saleClosed = true;
        emit SaleClosed(offeringId, unsold, sold, lots);
        _returnUnits(offeringId, o, unsold);
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
        // A finished or terminated offering's days are settled; a late deposit could be shared with burned
        // certificates. A frozen one takes deposits: the yield goes to holders, no escrow moves.
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

        // casting to uint128 is safe: `deposited` was checked against MAX_AMOUNT
        // forge-lint: disable-next-line(unsafe-typecast)
        o.yieldDeposited = uint128(deposited);
        _depositAndAnnounce(offeringId, o, day, amount);
        IERC20(o.yieldToken).safeTransferFrom(msg.sender, address(this), amount);
    }

    /*//////////////////////////////////////////////////////////////
                              MARKETPLACE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function recordPrimarySale(uint256 offeringId, address buyer, uint256 units, uint256 amount, bool fromLot)
        external
        override
        onlyRole(MARKETPLACE_ROLE)
        whenNotPaused
        nonReentrant
        returns (uint256 tokenId)
    {
        Offering storage o = _offering(offeringId);
        if (o.status != OfferingStatus.Active) revert RiskControlVault_InvalidStatus(offeringId, o.status);
        if (amount == 0) revert RiskControlVault_ZeroAmount();
        uint256 totalEscrow = o.totalEscrow + amount;
        if (totalEscrow > MAX_ESCROW) revert RiskControlVault_AmountTooLarge(amount);
        uint32 today = DayMath.today();
        if (today >= o.endDay) revert RiskControlVault_SalesClosed(offeringId, today, o.endDay);
        if (fromLot) {
            uint64 lots = o.lotUnits;
            if (units == 0 || units > lots) revert RiskControlVault_UnitsUnavailable(offeringId, units, lots);
            // casting to uint64 is safe: `units` is at most `lots`, a uint64
            // forge-lint: disable-next-line(unsafe-typecast)
            o.lotUnits = lots - uint64(units);
        } else {
            _requireOnSale(offeringId, o, units);
        }
        _requireMinerActive(o.miner);

        uint32 saleDay = today > o.startDay ? today : o.startDay;
        // casting to uint64 is safe: `units` is at most the units on sale or reserved, uint64 figures
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 soldUnits = o.soldUnits + uint64(units);
        _recordCheckpoint(offeringId, o, saleDay, soldUnits, uint128(EscrowMath.dailyRate(amount, o.endDay - saleDay)));
        uint32 index = o.lastIndex + 1;
        o.soldUnits = soldUnits;
        o.lastIndex = index;
        // casting to uint96 is safe: `totalEscrow` was checked against MAX_ESCROW
        // forge-lint: disable-next-line(unsafe-typecast)
        o.totalEscrow = uint96(totalEscrow);
        tokenId = CertificateId.encode(offeringId, index);
        // Its yield starts with the first yield attributed to its sale day or later (`yieldStart`): yield is
        // attributed to ended days only, and the sale day is today or later.
        // casting to uint128 and uint64 is safe: `amount` is at most MAX_ESCROW, `units` a uint64 (above)
        // forge-lint: disable-start(unsafe-typecast)
        _book.states[tokenId] =
            CertificateState({escrow: uint128(amount), units: uint64(units), saleDay: saleDay, refunded: false});
        // forge-lint: disable-end(unsafe-typecast)
        emit PrimarySaleRecorded(offeringId, tokenId, amount, units, saleDay, soldUnits);
        IERC20(o.paymentToken).safeTransferFrom(msg.sender, address(this), amount);
        certificate.mint(buyer, tokenId);
    }

    /// @inheritdoc IRiskControlVault
    function reserveLot(uint256 offeringId, address miner, uint256 units)
        external
        override
        onlyRole(MARKETPLACE_ROLE)
        whenNotPaused
        nonReentrant
    {
        Offering storage o = _offering(offeringId);
        if (o.status != OfferingStatus.Active) revert RiskControlVault_InvalidStatus(offeringId, o.status);
        if (miner != o.miner) revert RiskControlVault_NotMiner(offeringId, miner);
        _requireOnSale(offeringId, o, units);
        _requireMinerActive(miner);
        // casting to uint64 is safe: `_requireOnSale` bounds `units` by the units on sale, a uint64 figure
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 lots = o.lotUnits + uint64(units);
        o.lotUnits = lots;
        emit LotReserved(offeringId, units, lots);
    }

    /// @inheritdoc IRiskControlVault
    function releaseLot(uint256 offeringId, uint256 units) external override onlyRole(MARKETPLACE_ROLE) nonReentrant {
        Offering storage o = _offering(offeringId);
        uint64 lots = o.lotUnits;
        if (units == 0 || units > lots) revert RiskControlVault_UnitsUnavailable(offeringId, units, lots);
        // casting to uint64 is safe: `units` is at most `lots`, a uint64
        // forge-lint: disable-next-line(unsafe-typecast)
        lots -= uint64(units);
        o.lotUnits = lots;
        emit LotReleased(offeringId, units, lots);
        OfferingStatus status = o.status;
        // A finished or terminated offering gave its whole reservation back already; an open sale sells them again.
        if ((status == OfferingStatus.Active || status == OfferingStatus.Frozen) && o.saleClosed) {
            _returnUnits(offeringId, o, units);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HOLDERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRiskControlVault
    function flag(uint256 offeringId) external override {
        Offering storage o = _offering(offeringId);
        DeliveryBook storage d = _delivery[offeringId];
        DeliveryRules memory rules = _rules(offeringId);
        (bool canFlag, uint32 fromDay, uint32 toDay) = DeliveryRecords.checkFlag(o, d, rules);
        if (!canFlag) revert RiskControlVault_NotFlaggable(offeringId);
        // Days that were waiting for the oracle and reach the threshold count before the offering freezes.
        DeliveryRecords.sync(o, d, rules);
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
        uint32 today = DayMath.today();
        if (today < endDay) revert RiskControlVault_NotSettled(offeringId, endDay, o.nextDay);
        DeliveryRecords.sync(o, _delivery[offeringId], _rules(offeringId));
        // Days still below the threshold a flag window after the term: their escrow becomes refundable.
        uint32 nextDay = o.nextDay;
        if (o.checkpointCount != 0 && nextDay < endDay && today < endDay + flagWindowDays) {
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
            CertificateState storage c = _book.states[tokenId];
            uint256 amount = _pendingYield(tokenId, o, c);
            if (amount == 0) continue;
            // Some yield accrued, so the yield of its sale day has started: an accumulator checkpoint applies.
            _book.yieldCheckpoints[tokenId] = o.accYieldPerUnit;
            if (_book.yieldOwed[tokenId] != 0) delete _book.yieldOwed[tokenId];
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
            CertificateState storage c = _book.states[tokenId];
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
        newTokenId = CertificateLedger.split(o, _delivery[offeringId], _book, tokenId, splitUnits);
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
        CertificateLedger.merge(o, _delivery[offeringId], _book, tokenId, otherTokenId);
        certificate.burn(otherTokenId);
        certificate.announceUpdate(tokenId);
    }

    /// @inheritdoc IRiskControlVault
    function burn(uint256 tokenId) external override nonReentrant {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _offering(offeringId);
        _requireOwner(tokenId);
        CertificateState storage c = _book.states[tokenId];
        OfferingStatus status = o.status;
        if (
            (status != OfferingStatus.Finished && status != OfferingStatus.Terminated)
                || _pendingYield(tokenId, o, c) != 0 || _refundable(o, c) != 0
        ) revert RiskControlVault_NotBurnable(tokenId);
        delete _book.states[tokenId];
        delete _book.yieldCheckpoints[tokenId];
        delete _book.yieldOwed[tokenId];
        emit CertificateBurned(offeringId, tokenId);
        certificate.burn(tokenId);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL: ACCOUNTING
    //////////////////////////////////////////////////////////////*/

    /// @dev `units` leave the offering's reservation for the miner's free capacity; an offering left with nothing
    /// reserved (nothing sold, no lot) is over.
    function _returnUnits(uint256 offeringId, Offering storage o, uint256 units) private {
        // casting to uint64 is safe: callers return part of the reservation, a uint64 figure
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 reserved = o.reservedUnits - uint64(units);
        o.reservedUnits = reserved;
        if (reserved == 0) {
            // Only an active offering gets here: a frozen one has sales.
            o.status = OfferingStatus.Finished;
            emit OfferingFinished(offeringId);
            registry.closeOffering(o.miner, units);
            certificate.announceOfferingUpdate(offeringId);
        } else if (units != 0) {
            registry.releaseCapacity(o.miner, units);
        }
    }

    /// @dev `units` (at least the minimum lot) are on sale now: the window open, the sale not closed, and that many
    /// neither sold nor reserved for a lot.
    function _requireOnSale(uint256 offeringId, Offering storage o, uint256 units) private view {
        uint40 saleEnd = o.saleEnd;
        if (o.saleClosed || block.timestamp < o.saleStart || block.timestamp >= saleEnd) {
            revert RiskControlVault_SaleNotOpen(offeringId, o.saleStart, saleEnd, o.saleClosed);
        }
        uint64 minLot = o.minLot;
        if (units < minLot) revert RiskControlVault_BelowMinLot(offeringId, units, minLot);
        uint256 available = _available(o);
        if (units > available) revert RiskControlVault_UnitsUnavailable(offeringId, units, available);
    }

    /// @dev A miner the DAO suspended or revoked sells nothing more.
    function _requireMinerActive(address miner) private view {
        MinerStatus minerStatus = registry.statusOf(miner);
        if (minerStatus != MinerStatus.Active) revert RiskControlVault_MinerNotActive(miner, minerStatus);
    }

    /// @dev Fills the days from the oldest one not at the threshold, in order (DeliveryRecords.deposit), and
    /// announces where the delivery and the release stand after it.
    function _depositAndAnnounce(uint256 offeringId, Offering storage o, uint32 day, uint256 amount) private {
        uint32 fromDay = o.nextDay;
        uint256 dayTotal = DeliveryRecords.deposit(o, _delivery[offeringId], _rules(offeringId), day, amount);
        emit YieldDeposited(
            offeringId,
            day,
            msg.sender,
            amount,
            dayTotal,
            o.accYieldPerUnit,
            fromDay,
            o.nextDay,
            _releasedDay(o),
            _escrowReleased(o)
        );
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
            SaleCheckpoint storage last = _delivery[offeringId].checkpoints[count - 1];
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
        uint96 unitsSold = uint96(soldUnits);
        _delivery[offeringId].checkpoints[count] = SaleCheckpoint({day: saleDay, soldUnits: unitsSold, rate: rate});
        // Sales happen today or before the start, never before the released day: the release walks from
        // `cursor` over the checkpoints it reaches (DeliveryRecords).
        o.checkpointCount = count + 1;
    }
}
