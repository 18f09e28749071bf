// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../interfaces/IMarketplace.sol";

/// @title MarketChecks
/// @notice The marketplace's bounds on prices and expiries, shared by the marketplace and its linked
/// {OfferBook} (internal: inlined into each).
library MarketChecks {
    /// @notice A price, reserve, bid or offer amount must be above zero and fit in 96 bits (how it is stored).
    function checkPrice(uint256 price) internal pure {
        if (price == 0) revert IMarketplace.Marketplace_ZeroPrice();
        if (price > type(uint96).max) revert IMarketplace.Marketplace_PriceTooLarge(price, type(uint96).max);
    }

    /// @notice An expiry must be in the future and fit in 40 bits: beyond uint40 (the year 36,812) it would mean
    /// "never", which is refused so that listings store it in 40 bits.
    function checkExpiry(uint64 expiry) internal view {
        if (expiry <= block.timestamp || expiry > type(uint40).max) {
            revert IMarketplace.Marketplace_InvalidExpiry(expiry, block.timestamp);
        }
    }
}
