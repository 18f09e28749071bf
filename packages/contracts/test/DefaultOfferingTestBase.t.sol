// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VaultTestBase} from "./VaultTestBase.t.sol";

/// @notice A vault test on the default offering (`createDefaultOffering`) and its first certificate, unsold.
abstract contract DefaultOfferingTestBase is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;

    function setUp() public virtual override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
    }
}
