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
    function saleTerms(uint256 offeringId)
        external
        view
        override
        returns (address miner, address paymentToken, uint256 pricePerUnit)
    {
        Offering storage o = _offering(offeringId);
        return (o.miner, o.paymentToken, o.pricePerUnit);
    }

    /// @inheritdoc IRiskControlVault
    function unitsOnSale(uint256 offeringId) external view override returns (uint256) {
        Offering storage o = _offerings[offeringId];
        if (
            paused() || o.status != OfferingStatus.Active || block.timestamp < o.saleStart
                || block.timestamp >= o.saleEnd || DayMath.today() >= o.endDay
                || registry.statusOf(o.miner) != MinerStatus.Active
        ) return 0;
        return _available(o);
    }

    /// @inheritdoc IRiskControlVault
    function certificateView(uint256 tokenId) external view override returns (CertificateView memory v) {
        uint256 offeringId = CertificateId.offeringOf(tokenId);
        Offering storage o = _offering(offeringId);
        _requireExists(tokenId);
        CertificateState storage c = _book.states[tokenId];
        v.offeringId = offeringId;
        v.units = c.units;
        v.saleDay = c.saleDay;
        v.escrow = c.escrow;
        v.escrowReleased = c.escrow - EscrowMath.refundable(c.escrow, c.saleDay, o.endDay, _releasedDay(o));
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
