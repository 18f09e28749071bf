// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultBase} from "../../../VaultBase.t.sol";

contract SaleTerms_Concrete_Test is VaultBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
    }

    function test_RevertWhen_OfferingUnknown() external {
        uint256 tokenId = tokenOf(offeringId + 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnknownOffering.selector, offeringId + 1)
        );
        vault.saleTerms(tokenId);
    }

    function test_WhenUnsold_ItReportsThePrimarySaleTerms() external view {
        (bool sold, address seller_, address paymentToken, OfferingStatus status) =
            vault.saleTerms(tokenOf(offeringId, 1));
        assertFalse(sold, "unsold");
        assertEq(seller_, miner, "miner");
        assertEq(paymentToken, address(usdc), "payment token");
        assertEq(uint256(status), uint256(OfferingStatus.Active), "active");
    }

    function test_WhenSold_ItSaysSo() external {
        sell(tokenOf(offeringId, 1), makeAddr("buyer"), PRICE);
        (bool sold,,,) = vault.saleTerms(tokenOf(offeringId, 1));
        assertTrue(sold, "sold");
        (bool otherSold,,,) = vault.saleTerms(tokenOf(offeringId, 2));
        assertFalse(otherSold, "the others are not");
    }
}
