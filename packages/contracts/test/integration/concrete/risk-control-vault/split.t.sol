// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {CertificateView, OfferingStatus} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract Split_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    /// @dev `_offerings` is the vault's 5th storage slot (after `flagWindowDays`|`shortThresholdBps`, `offeringCount`,
    /// `isPaymentToken`, `frozenOfferingsOf`); `lastIndex` sits in the offering's fifth slot at bit 128
    /// (`soldUnits`, `lotUnits`, `lastIndex`, `totalEscrow`).
    uint256 internal constant OFFERINGS_SLOT = 4;

    function invalidSplitError(uint256 tokenId, uint256 units, uint256 splitUnits)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            IRiskControlVault.RiskControlVault_InvalidSplit.selector, tokenId, units, splitUnits
        );
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_Paused() external {
        recordSale(first, PRICE); // the miner holds it
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        splitAs(miner, first, 1);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(4));
        splitAs(miner, tokenOf(4, 1), 1);
    }

    function test_RevertGiven_Terminated() external {
        recordSale(first, PRICE); // the miner holds it
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        splitAs(miner, first, 1);
    }

    function test_RevertWhen_TokenDoesNotExist() external {
        vm.expectRevert(unknownCertificateError(first));
        splitAs(miner, first, 1); // unsold units have no certificate
    }

    function test_RevertWhen_CallerIsNotTheOwner() external {
        recordSale(first, PRICE); // the miner holds it
        vm.expectRevert(notOwnerError(first, stranger));
        splitAs(stranger, first, 1);
    }

    function test_RevertWhen_SplitUnitsAreZero() external {
        recordSale(first, PRICE); // the miner holds it
        vm.expectRevert(invalidSplitError(first, UNITS, 0));
        splitAs(miner, first, 0);
    }

    function test_RevertWhen_SplitUnitsAreAllTheUnits() external {
        recordSale(first, PRICE); // the miner holds it
        vm.expectRevert(invalidSplitError(first, UNITS, UNITS));
        splitAs(miner, first, UNITS);
    }

    function test_RevertWhen_SplitUnitsExceedTheUnits() external {
        recordSale(first, PRICE); // the miner holds it
        vm.expectRevert(invalidSplitError(first, UNITS, UNITS + 1));
        splitAs(miner, first, UNITS + 1);
    }

    function test_RevertGiven_TheOfferingsIdsAreExhausted() external {
        recordSale(first, PRICE); // the miner holds it
        // 2^32 - 1 ids per offering: unreachable by splitting (four billion calls), so the counter is set.
        bytes32 slot = bytes32(uint256(keccak256(abi.encode(offeringId, OFFERINGS_SLOT))) + 4);
        bytes32 word = vmx.load(address(vault), slot);
        assertEq(uint32(uint256(word) >> 128), 1, "slot holds lastIndex");
        uint256 cleared = uint256(word) & ~(uint256(type(uint32).max) << 128);
        vmx.store(address(vault), slot, bytes32(cleared | (uint256(type(uint32).max) << 128)));
        assertEq(offeringOf(offeringId).lastIndex, type(uint32).max, "lastIndex");

        vm.expectRevert(invalidSplitError(first, UNITS, 1));
        splitAs(miner, first, 1);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenValid_ItMintsTheNewPartWithTheNextIndex() external {
        sell(first, buyer, PRICE);
        sell(tokenOf(offeringId, 2), buyer2, PRICE);
        uint256 expectedId = tokenOf(offeringId, 3);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.CertificateSplit(offeringId, first, expectedId, 7, 3);
        vm.expectEmit(address(certificate));
        emit IERC721.Transfer(address(0), buyer, expectedId);
        vm.expectEmit(address(certificate));
        emit IERC4906.MetadataUpdate(first);
        uint256 newTokenId = splitAs(buyer, first, 3);

        assertEq(newTokenId, expectedId, "next index");
        assertEq(offeringOf(offeringId).lastIndex, 3, "index moved");
        assertEq(certificate.ownerOf(newTokenId), buyer, "owner");
        assertEq(certificate.balanceOf(buyer), 2, "balance");
        assertEq(vault.certificateView(first).units, 7, "kept");
        assertEq(vault.certificateView(newTokenId).units, 3, "new");
        assertEq(offeringOf(offeringId).soldUnits, 2 * UNITS, "sold units unchanged");
        // The next sale takes the index after the split's.
        assertEq(sellUnits(offeringId, buyer2, UNITS, PRICE), tokenOf(offeringId, 4), "sales and splits share indexes");
    }

    function test_GivenSold_EscrowDividesProRataRoundingTowardTheKeptPart() external {
        uint256 price = 1000e6 + 1;
        sell(first, buyer, price);
        uint256 newTokenId = splitAs(buyer, first, 3);
        CertificateView memory kept = vault.certificateView(first);
        CertificateView memory part = vault.certificateView(newTokenId);
        // The part takes whole daily amounts: floor(1000e6 + 1 / 30 days) = 33,333,333 a day, 3/10 of it rounded
        // down (9,999,999) over 30 days; the rest, with the remainder, stays (see EscrowMath.split).
        assertEq(part.escrow, 9_999_999 * 30, "whole daily amounts, pro rata");
        assertEq(kept.escrow, price - 9_999_999 * 30, "the rest");
        assertEq(kept.saleDay, part.saleDay, "same sale day");
        assertEq(certificate.ownerOf(newTokenId), buyer, "owner");
    }

    function test_GivenAccruedYield_ItStaysWithTheOriginal() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        uint256 newTokenId = splitAs(buyer, first, 4);
        assertEq(vault.claimable(first), 2 * DAILY_YIELD, "accrued yield kept");
        assertEq(vault.claimable(newTokenId), 0, "new part starts at zero");

        deliverDays(offeringId, today + 2, today + 3, DAILY_YIELD);
        assertEq(vault.claimable(first), 2 * DAILY_YIELD + DAILY_YIELD * 6 / 10, "plus 6/10 of day 2");
        assertEq(vault.claimable(newTokenId), DAILY_YIELD * 4 / 10, "4/10 of day 2");
        assertEq(claimAs(buyer, ids(first, newTokenId)), 3 * DAILY_YIELD, "all of it");
    }

    function test_GivenSoldBeforeAnyDeposit_BothPartsEarnFromTheFirst() external {
        sell(first, buyer, PRICE);
        uint256 newTokenId = splitAs(buyer, first, 5);
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        assertEq(vault.claimable(first), DAILY_YIELD / 2, "half");
        assertEq(vault.claimable(newTokenId), DAILY_YIELD / 2, "half");
    }

    function test_GivenSplitTwice_TheNewPartIsSplitAgain() external {
        sell(first, buyer, PRICE);
        uint256 a = splitAs(buyer, first, 5);
        uint256 b = splitAs(buyer, a, 2);
        assertEq(b, tokenOf(offeringId, 3), "id");
        assertEq(vault.certificateView(first).escrow, 1500e6, "first");
        assertEq(vault.certificateView(a).escrow, 900e6, "a");
        assertEq(vault.certificateView(b).escrow, 600e6, "b");
        terminateOffering(offeringId);
        assertEq(refundAs(buyer, ids(first, a)) + refundAs(buyer, ids(b)), PRICE, "refunds add up");
    }

    function test_GivenFrozenOrFinished_SplitsGoOn() external {
        uint256 frozen = frozenOffering();
        splitAs(buyer, tokenOf(frozen, 1), 1);
        sell(first, buyer, PRICE);
        // frozenOffering warped to day 7: this sale's stream starts there.
        deliverDays(offeringId, today + 7, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        splitAs(buyer, first, 1);
        assertEq(vault.certificateView(first).units, UNITS - 1, "split after finishing");
    }
}
