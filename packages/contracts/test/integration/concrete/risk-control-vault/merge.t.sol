// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {CertificateView, OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract Merge_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;
    uint256 internal second;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        second = tokenOf(offeringId, 2);
    }

    /// @dev The miner holds `first` and `second`, both bought by it on day 0.
    function minerHoldsTwo() internal {
        recordSale(first, PRICE);
        recordSale(second, PRICE);
    }

    function mismatchError(uint256 a, uint256 b) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MergeMismatch.selector, a, b);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_SameToken() external {
        minerHoldsTwo();
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_SameToken.selector, first));
        mergeAs(miner, first, first);
    }

    function test_RevertWhen_DifferentOfferings() external {
        minerHoldsTwo();
        uint256 other = createOfferingAs(miner, defaultOffering());
        recordSale(tokenOf(other, 1), PRICE);
        vm.expectRevert(mismatchError(first, tokenOf(other, 1)));
        mergeAs(miner, first, tokenOf(other, 1));
    }

    function test_RevertWhen_Paused() external {
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        mergeAs(miner, first, second);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(9));
        mergeAs(miner, tokenOf(9, 1), tokenOf(9, 2));
    }

    function test_RevertGiven_Terminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        mergeAs(miner, first, second);
    }

    function test_RevertWhen_CallerDoesNotOwnTheFirst() external {
        minerHoldsTwo();
        transferCert(miner, buyer, first);
        vm.expectRevert(notOwnerError(first, miner));
        mergeAs(miner, first, second);
    }

    function test_RevertWhen_CallerDoesNotOwnTheOther() external {
        minerHoldsTwo();
        transferCert(miner, buyer, second);
        vm.expectRevert(notOwnerError(second, miner));
        mergeAs(miner, first, second);
    }

    function test_RevertWhen_TheOtherDoesNotExist() external {
        recordSale(first, PRICE);
        // `second` is unsold: it has no certificate.
        vm.expectRevert(unknownCertificateError(second));
        mergeAs(miner, first, second);
    }

    function test_RevertWhen_DifferentSaleDays() external {
        recordSale(first, PRICE);
        warpToDay(today + 1);
        recordSale(second, PRICE);
        vm.expectRevert(mismatchError(first, second));
        mergeAs(miner, first, second);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_GivenBothHeld_UnitsAddUpAndTheOtherIsBurned() external {
        minerHoldsTwo();
        vm.expectEmit(address(vault));
        emit IRiskControlVault.CertificatesMerged(offeringId, first, second, 2 * UNITS);
        vm.expectEmit(address(certificate));
        emit IERC721.Transfer(miner, address(0), second);
        vm.expectEmit(address(certificate));
        emit IERC4906.MetadataUpdate(first);
        mergeAs(miner, first, second);

        assertEq(vault.certificateView(first).units, 2 * UNITS, "units");
        assertEq(certificate.holderOf(second), address(0), "burned");
        assertEq(certificate.balanceOf(miner), 1, "balance");
        vm.expectRevert(unknownCertificateError(second));
        vault.certificateView(second);
    }

    function test_GivenBothSoldOnOneDay_EscrowAndYieldAddUp() external {
        sell(first, buyer, PRICE);
        sell(second, buyer, 2 * PRICE);
        deliverDays(offeringId, today, today + 2, 2 * DAILY_YIELD);
        claimAs(buyer, ids(second)); // the other's yield is partly claimed
        deliverDays(offeringId, today + 2, today + 3, 2 * DAILY_YIELD);

        uint256 expectedYield = vault.claimable(first) + vault.claimable(second);
        assertEq(expectedYield, 3 * DAILY_YIELD + DAILY_YIELD, "before");
        mergeAs(buyer, first, second);

        CertificateView memory v = vault.certificateView(first);
        assertEq(v.units, 2 * UNITS, "units");
        assertEq(v.escrow, 3 * PRICE, "escrow");
        assertEq(v.claimableYield, expectedYield, "yield");
        deliverDays(offeringId, today + 3, today + 4, 2 * DAILY_YIELD);
        assertEq(claimAs(buyer, ids(first)), expectedYield + 2 * DAILY_YIELD, "claims everything");
        terminateOffering(offeringId);
        assertEq(refundAs(buyer, ids(first)), 3 * PRICE * 26 / 30, "refund of the merged escrow");
    }

    function test_GivenSoldOnDifferentDaysBeforeTheStart_TheyShareTheStartDay() external {
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 5;
        uint256 later = createOfferingAs(miner, params);
        recordSale(tokenOf(later, 1), PRICE);
        warpToDay(today + 2);
        recordSale(tokenOf(later, 2), PRICE);
        mergeAs(miner, tokenOf(later, 1), tokenOf(later, 2));
        assertEq(vault.certificateView(tokenOf(later, 1)).escrow, 2 * PRICE, "merged");
    }

    function test_GivenASplitPart_MergingBackRestoresTheCertificate() external {
        sell(first, buyer, PRICE + 1);
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        CertificateView memory before = vault.certificateView(first);
        uint256 part = splitAs(buyer, first, 3);
        mergeAs(buyer, first, part);
        CertificateView memory afterwards = vault.certificateView(first);
        assertEq(afterwards.units, before.units, "units");
        assertEq(afterwards.escrow, before.escrow, "escrow");
        assertEq(afterwards.claimableYield, before.claimableYield, "yield");
        assertEq(afterwards.escrowReleased, before.escrowReleased, "released");
    }

    function test_GivenFrozen_MergesGoOn() external {
        uint256 frozen = frozenOffering(); // `first` of it sold to the buyer on day 0
        uint256 part = splitAs(buyer, tokenOf(frozen, 1), 4);
        mergeAs(buyer, tokenOf(frozen, 1), part);
        assertEq(vault.certificateView(tokenOf(frozen, 1)).units, UNITS, "merged");
    }

    function test_GivenASplitPart_ItMergesIntoAnotherCertificateOfTheSameDay() external {
        minerHoldsTwo();
        uint256 part = splitAs(miner, first, 4);
        mergeAs(miner, second, part);
        assertEq(vault.certificateView(second).units, UNITS + 4, "other + part");
        assertEq(vault.certificateView(first).units, UNITS - 4, "rest");
    }
}
