// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../interfaces/IRiskControlVault.sol";
import {Offering, OfferingParams, OfferingStatus} from "../types/Offering.sol";
import {DayMath} from "./DayMath.sol";
import {YieldMath} from "./YieldMath.sol";

/// @title OfferingSales
/// @notice The vault's linked library (`external`, run by DELEGATECALL on the vault's storage, like
/// {DeliveryRecords}) that checks and stores a new offering's term and sale terms (DESIGN §3.3 item 4). Its code
/// does not count against the vault's size limit. It writes a fixed number of slots whatever the units: an
/// offering's cost does not depend on its size.
library OfferingSales {
    /// @notice How many days ahead a term may start.
    uint32 internal constant MAX_START_DELAY_DAYS = 365;

    /// @notice Checks `params` (see {OfferingParams}) and stores the offering in `o`, Active and on sale; emits
    /// `OfferingCreated` and `SaleOpened`. The vault has checked the miner, its coin and the payment token.
    /// @param maxTermDays The miner's longest approved term.
    function open(
        Offering storage o,
        uint256 offeringId,
        OfferingParams calldata params,
        address miner,
        address yieldToken,
        uint256 maxTermDays
    ) external {
        uint64 units = params.units;
        if (units == 0) revert IRiskControlVault.RiskControlVault_ZeroUnits();
        if (units > YieldMath.YIELD_SCALE) revert IRiskControlVault.RiskControlVault_AmountTooLarge(units);
        uint32 termDays = params.termDays;
        if (termDays == 0 || termDays > maxTermDays) {
            revert IRiskControlVault.RiskControlVault_TermOutOfBounds(termDays, maxTermDays);
        }
        uint32 startDay = params.startDay;
        uint32 today = DayMath.today();
        if (startDay < today || startDay - today > MAX_START_DELAY_DAYS) {
            revert IRiskControlVault.RiskControlVault_StartDayOutOfBounds(startDay, today, today + MAX_START_DELAY_DAYS);
        }
        uint32 endDay = startDay + termDays;
        // Sales stop at the end of the term anyway: a window beyond it would promise what cannot be sold.
        if (
            params.pricePerUnit == 0 || params.minLot == 0 || params.minLot > units
                || params.saleStart >= params.saleEnd || params.saleEnd <= block.timestamp
                || params.saleEnd > uint256(endDay) * 1 days
        ) revert IRiskControlVault.RiskControlVault_InvalidSaleTerms();

        o.miner = miner;
        o.startDay = startDay;
        o.endDay = endDay;
        o.status = OfferingStatus.Active;
        o.paymentToken = params.paymentToken;
        o.pricePerUnit = params.pricePerUnit;
        o.reservedUnits = units;
        o.minLot = params.minLot;
        o.saleStart = params.saleStart;
        o.saleEnd = params.saleEnd;
        o.yieldToken = yieldToken;
        // casting to uint96 is safe: the registry numbers coins from 1, one by one
        // forge-lint: disable-next-line(unsafe-typecast)
        o.coinId = uint96(params.coinId);
        emit IRiskControlVault.OfferingCreated(
            offeringId, miner, params.coinId, params.paymentToken, yieldToken, units, startDay, endDay
        );
        emit IRiskControlVault.SaleOpened(
            offeringId, params.pricePerUnit, params.minLot, params.saleStart, params.saleEnd
        );
    }
}
