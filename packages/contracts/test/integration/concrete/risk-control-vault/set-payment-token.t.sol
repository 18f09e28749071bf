// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingParams} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract SetPaymentToken_RiskControlVault_Concrete_Test is VaultTestBase {
    function test_RevertWhen_CallerIsNotTheAdmin() external {
        vm.expectRevert(unauthorizedError(council, vault.DEFAULT_ADMIN_ROLE()));
        vm.prank(council);
        vault.setPaymentToken(address(ifil), true);
    }

    function test_RevertWhen_TokenIsZero() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAddress.selector));
        vm.prank(timelock);
        vault.setPaymentToken(address(0), true);
    }

    function test_WhenAllowed_NewOfferingsMayUseIt() external {
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PaymentTokenSet(address(ifil), true);
        vm.prank(timelock);
        vault.setPaymentToken(address(ifil), true);
        assertTrue(vault.isPaymentToken(address(ifil)), "allowed");

        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.paymentToken = address(ifil);
        uint256 offeringId = createOfferingAs(miner, params);
        assertEq(offeringOf(offeringId).paymentToken, address(ifil), "offering pays in IFIL");
    }

    function test_WhenDisallowed_NewOfferingsRevertButLiveOnesKeepIt() external {
        uint256 offeringId = createDefaultOffering();

        vm.expectEmit(address(vault));
        emit IRiskControlVault.PaymentTokenSet(address(usdc), false);
        vm.prank(timelock);
        vault.setPaymentToken(address(usdc), false);
        assertFalse(vault.isPaymentToken(address(usdc)), "disallowed");

        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_PaymentTokenNotAllowed.selector, address(usdc))
        );
        createOfferingAs(miner, defaultOffering());

        // The live offering still sells in USDC.
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        assertEq(offeringOf(offeringId).totalEscrow, PRICE, "sold");
    }
}
