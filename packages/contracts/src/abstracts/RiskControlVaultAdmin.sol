// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ICertificateRenderer} from "../interfaces/ICertificateRenderer.sol";
import {IMinerRegistry} from "../interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "../interfaces/IYieldOracle.sol";
import {DayMath} from "../libraries/DayMath.sol";
import {DeliveryRecords} from "../libraries/DeliveryRecords.sol";
import {Offering, OfferingStatus} from "../types/Offering.sol";
import {RiskControlVaultStorage} from "./RiskControlVaultStorage.sol";

/// @title RiskControlVaultAdmin
/// @notice The DAO's side of the vault: roles, payment tokens, flag parameters, resume and terminate, pause.
abstract contract RiskControlVaultAdmin is RiskControlVaultStorage, AccessControl, Pausable {
    /// @param admin The DAO timelock: administers roles and parameters, resumes and terminates.
    /// @param council The bootstrap council (or its pause guardian), which may pause in an emergency (zero: none).
    constructor(
        address admin,
        address council,
        IMinerRegistry registry_,
        IYieldOracle oracle_,
        ICertificateRenderer renderer
    ) RiskControlVaultStorage(registry_, oracle_, renderer) {
        if (admin == address(0)) revert RiskControlVault_ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        if (council != address(0)) _grantRole(PAUSER_ROLE, council);
        _setFlagParameters(7, 8000);
    }

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
        // Days delivered at the threshold while frozen release their escrow now.
        DeliveryRecords.sync(o, _delivery[offeringId], _rules(offeringId));
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
        emit OfferingTerminated(offeringId, DayMath.today(), _releasedDay(o), _escrowReleased(o));
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

    function _setFlagParameters(uint16 windowDays, uint16 thresholdBps) private {
        if (windowDays == 0 || windowDays > MAX_FLAG_WINDOW_DAYS) {
            revert RiskControlVault_FlagWindowOutOfBounds(windowDays, MAX_FLAG_WINDOW_DAYS);
        }
        if (thresholdBps == 0 || thresholdBps > BPS) revert RiskControlVault_ShortThresholdOutOfBounds(thresholdBps);
        flagWindowDays = windowDays;
        shortThresholdBps = thresholdBps;
        emit FlagParametersSet(windowDays, thresholdBps);
    }
}
