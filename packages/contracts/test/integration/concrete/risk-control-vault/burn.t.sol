// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract Burn_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    function setUp() public override {
        super.setUp();
        sell(first, buyer, PRICE);
    }

    function burnAs(address caller, uint256 tokenId) internal {
        vm.prank(caller);
        vault.burn(tokenId);
    }

    function notBurnableError(uint256 tokenId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotBurnable.selector, tokenId);
    }

    function finishFullyDelivered() internal {
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(2));
        burnAs(buyer, tokenOf(2, 1));
    }

    function test_RevertWhen_TokenDoesNotExist() external {
        finishFullyDelivered();
        vm.expectRevert(unknownCertificateError(tokenOf(offeringId, COUNT + 1)));
        burnAs(buyer, tokenOf(offeringId, COUNT + 1));
    }

    function test_RevertWhen_CallerIsNotTheOwner() external {
        finishFullyDelivered();
        vm.expectRevert(notOwnerError(first, stranger));
        burnAs(stranger, first);
    }

    function test_RevertGiven_Active() external {
        vm.expectRevert(notBurnableError(first));
        burnAs(buyer, first);
    }

    function test_RevertGiven_Frozen() external {
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        vm.expectRevert(notBurnableError(first));
        burnAs(buyer, first);
    }

    function test_RevertGiven_FinishedWithYieldToClaim() external {
        finishFullyDelivered();
        vm.expectRevert(notBurnableError(first));
        burnAs(buyer, first);
    }

    function test_RevertGiven_TerminatedWithARefundDue() external {
        terminateOffering(offeringId);
        vm.expectRevert(notBurnableError(first));
        burnAs(buyer, first);
    }

    function test_RevertGiven_TerminatedAndRefundedWithYieldToClaim() external {
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        terminateOffering(offeringId);
        refundAs(buyer, ids(first));
        vm.expectRevert(notBurnableError(first));
        burnAs(buyer, first);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_GivenFinishedAndClaimed_ItBurns() external {
        finishFullyDelivered();
        claimAs(buyer, ids(first));
        vm.expectEmit(address(vault));
        emit IRiskControlVault.CertificateBurned(offeringId, first);
        vm.expectEmit(address(certificate));
        emit IERC721.Transfer(buyer, address(0), first);
        burnAs(buyer, first);

        assertEq(certificate.balanceOf(buyer), 0, "balance");
        assertEq(certificate.holderOf(first), address(0), "gone, not back to the miner");
        vm.expectRevert(unknownCertificateError(first));
        vault.certificateView(first);
        vm.expectRevert(unknownCertificateError(first));
        vault.claimable(first);
        vm.expectRevert(unknownCertificateError(first));
        vault.refundable(first);
    }

    function test_GivenTerminatedRefundedAndClaimed_ItBurns() external {
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        terminateOffering(offeringId);
        refundAs(buyer, ids(first));
        claimAs(buyer, ids(first));
        burnAs(buyer, first);
        assertEq(certificate.holderOf(first), address(0), "burned");
    }

    function test_GivenTerminatedAfterFullDelivery_ASoldCertificateBurnsOnceClaimed() external {
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        terminateOffering(offeringId);
        claimAs(buyer, ids(first));
        burnAs(buyer, first);
        assertEq(certificate.holderOf(first), address(0), "burned");
    }
}
