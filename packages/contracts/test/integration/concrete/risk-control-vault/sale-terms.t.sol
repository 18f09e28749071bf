// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {VaultBase} from "../../../VaultBase.t.sol";

contract SaleTerms_Concrete_Test is VaultBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
    }

    function test_RevertWhen_OfferingUnknown() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnknownOffering.selector, offeringId + 1)
        );
        vault.saleTerms(offeringId + 1);
    }

    function test_WhenKnown_ItReportsTheMinerTokenAndPricePerUnit() external view {
        (address miner_, address paymentToken, uint256 pricePerUnit) = vault.saleTerms(offeringId);
        assertEq(miner_, miner, "miner");
        assertEq(paymentToken, address(usdc), "payment token");
        assertEq(pricePerUnit, PRICE / UNITS, "price per unit");
    }
}
