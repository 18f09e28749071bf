// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {CertificateId} from "../libraries/CertificateId.sol";
import {DayMath} from "../libraries/DayMath.sol";
import {DeliveryRecords} from "../libraries/DeliveryRecords.sol";
import {EscrowMath} from "../libraries/EscrowMath.sol";
import {MinerStatus} from "../types/Miner.sol";
import {
    CertificateState,
    CertificateView,
    DayRecord,
    Offering,
    OfferingStatus,
    SaleCheckpoint
} from "../types/Offering.sol";
import {RiskControlVaultAdmin} from "./RiskControlVaultAdmin.sol";

/// @title RiskControlVaultViews
/// @notice What a UI, an indexer or the marketplace reads from the vault. The delivery record and the flag
/// check live in the linked library {DeliveryRecords}.
abstract contract RiskControlVaultViews is RiskControlVaultAdmin {
    /// @inheritdoc IRiskControlVault
    function offering(uint256 offeringId) external view override returns (Offering memory) {
        return _offering(offeringId);
    }

    /// @inheritdoc IRiskControlVault
    function saleCheckpoint(uint256 offeringId, uint256 index) external view override returns (SaleCheckpoint memory) {
        _offering(offeringId);
        return _delivery[offeringId].checkpoints[index];
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
        return (_book.states[tokenId].sold, o.miner, o.paymentToken, o.status);
    }

    /// @inheritdoc IRiskControlVault
    function isOnSale(uint256 tokenId) external view override returns (bool) {
        Offering storage o = _offerings[CertificateId.offeringOf(tokenId)];
        return !paused() && o.status == OfferingStatus.Active && DayMath.today() < o.endDay
            && !_book.states[tokenId].sold && certificate.holderOf(tokenId) != address(0)
            && registry.statusOf(o.miner) == MinerStatus.Active;
    }

    /// @inheritdoc IRiskControlVault
    function certificateView(uint256 tokenId) external view override returns (CertificateView memory v) {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _offering(offeringId);
        _requireExists(tokenId);
        CertificateState storage c = _book.states[tokenId];
        v.offeringId = offeringId;
        v.units = _unitsOf(c, o);
        v.sold = c.sold;
        v.saleDay = c.saleDay;
        v.escrow = c.escrow;
        if (c.sold) {
            v.escrowReleased = c.escrow - EscrowMath.refundable(c.escrow, c.saleDay, o.endDay, _releasedDay(o));
        }
        v.refundable = _refundable(o, c);
        v.refunded = c.refunded;
        v.claimableYield = _pendingYield(tokenId, o, c);
    }

    /// @inheritdoc IRiskControlVault
    function claimable(uint256 tokenId) external view override returns (uint256) {
        Offering storage o = _offering(CertificateId.offeringOf(tokenId));
        _requireExists(tokenId);
        return _pendingYield(tokenId, o, _book.states[tokenId]);
    }

    /// @inheritdoc IRiskControlVault
    function refundable(uint256 tokenId) external view override returns (uint256) {
        Offering storage o = _offering(CertificateId.offeringOf(tokenId));
        _requireExists(tokenId);
        return _refundable(o, _book.states[tokenId]);
    }

    /// @inheritdoc IRiskControlVault
    function dayRecord(uint256 offeringId, uint32 day) external view override returns (DayRecord memory) {
        return DeliveryRecords.dayRecords(_offering(offeringId), _delivery[offeringId], _rules(offeringId), day, day)[0];
    }

    /// @inheritdoc IRiskControlVault
    function dayRecords(uint256 offeringId, uint32 fromDay, uint32 toDay)
        external
        view
        override
        returns (DayRecord[] memory)
    {
        Offering storage o = _offering(offeringId);
        if (toDay < fromDay) revert RiskControlVault_InvalidRange(fromDay, toDay);
        if (toDay - fromDay >= MAX_RANGE_DAYS) revert RiskControlVault_RangeTooLong(fromDay, toDay);
        return DeliveryRecords.dayRecords(o, _delivery[offeringId], _rules(offeringId), fromDay, toDay);
    }

    /// @inheritdoc IRiskControlVault
    function flaggable(uint256 offeringId) external view override returns (bool canFlag, uint32 fromDay, uint32 toDay) {
        return DeliveryRecords.checkFlag(_offering(offeringId), _delivery[offeringId], _rules(offeringId));
    }
}
