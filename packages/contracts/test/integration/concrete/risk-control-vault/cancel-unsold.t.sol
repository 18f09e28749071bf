// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract CancelUnsold_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
    }

    function cancelAs(address caller, uint256 id, uint256[] memory tokenIds) internal {
        vm.prank(caller);
        vault.cancelUnsold(id, tokenIds);
    }

    /// @dev Every certificate of the default offering, 1..COUNT.
    function allTokens() internal view returns (uint256[] memory list) {
        list = new uint256[](COUNT);
        for (uint256 i; i < COUNT; ++i) {
            list[i] = tokenOf(offeringId, i + 1);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(2));
        cancelAs(miner, 2, ids(tokenOf(2, 1)));
    }

    function test_RevertGiven_OfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        cancelAs(miner, offeringId, ids(tokenOf(offeringId, 1)));
    }

    function test_RevertGiven_OfferingIsFinished() external {
        warpToDay(today + TERM);
        vault.finish(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        cancelAs(miner, offeringId, ids(tokenOf(offeringId, 1)));
    }

    function test_RevertWhen_CallerIsNotTheMiner() external {
        vm.expectRevert(notMinerError(offeringId, stranger));
        cancelAs(stranger, offeringId, ids(tokenOf(offeringId, 1)));
    }

    function test_RevertWhen_NoTokens() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_NoTokens.selector));
        cancelAs(miner, offeringId, new uint256[](0));
    }

    function test_RevertWhen_TokenIsOfAnotherOffering() external {
        uint256 other = createOfferingAs(miner, defaultOffering());
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_OfferingMismatch.selector, tokenOf(other, 1), offeringId
            )
        );
        cancelAs(miner, offeringId, ids(tokenOf(offeringId, 1), tokenOf(other, 1)));
    }

    function test_RevertWhen_TokenDoesNotExist() external {
        vm.expectRevert(unknownCertificateError(tokenOf(offeringId, COUNT + 1)));
        cancelAs(miner, offeringId, ids(tokenOf(offeringId, COUNT + 1)));
    }

    function test_RevertWhen_TokenIsListedTwice() external {
        uint256 tokenId = tokenOf(offeringId, 3);
        vm.expectRevert(unknownCertificateError(tokenId));
        cancelAs(miner, offeringId, ids(tokenId, tokenId));
    }

    function test_RevertWhen_MinerNoLongerHoldsTheToken() external {
        uint256 tokenId = tokenOf(offeringId, 1);
        transferCert(miner, seller, tokenId);
        vm.expectRevert(notOwnerError(tokenId, miner));
        cancelAs(miner, offeringId, ids(tokenId));
    }

    function test_RevertWhen_TokenIsSold() external {
        uint256 tokenId = tokenOf(offeringId, 1);
        recordSale(tokenId, PRICE); // recorded while the miner still holds it
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AlreadySold.selector, tokenId));
        cancelAs(miner, offeringId, ids(tokenId));
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenSomeAreCancelled_ItBurnsThemAndReleasesTheirUnits() external {
        uint256 first = tokenOf(offeringId, 19);
        uint256 second = tokenOf(offeringId, 20);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.UnsoldCancelled(offeringId, first, UNITS);
        vm.expectEmit(address(certificate));
        emit IERC721.Transfer(miner, address(0), first);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.UnsoldCancelled(offeringId, second, UNITS);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CapacityReleased(miner, 2 * UNITS, (COUNT - 2) * UNITS);
        cancelAs(miner, offeringId, ids(first, second));

        assertEq(offeringOf(offeringId).reservedUnits, (COUNT - 2) * UNITS, "reserved");
        assertEq(minerRecord(miner).usedCapacity, (COUNT - 2) * UNITS, "registry");
        assertEq(minerRecord(miner).liveOfferings, 1, "still live");
        assertOfferingStatus(offeringId, OfferingStatus.Active, "active");
        assertEq(certificate.balanceOf(miner), COUNT - 2, "balance");
        assertEq(certificate.holderOf(first), address(0), "burned: no fallback to the miner");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, first));
        certificate.ownerOf(first);
    }

    function test_WhenAllAreCancelledAndNothingSold_TheOfferingFinishes() external {
        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingFinished(offeringId);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, COUNT * UNITS, 0, 0);
        cancelAs(miner, offeringId, allTokens());

        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertEq(offeringOf(offeringId).reservedUnits, 0, "reserved");
        assertEq(minerRecord(miner).usedCapacity, 0, "capacity back");
        assertEq(minerRecord(miner).liveOfferings, 0, "closed");
        assertEq(certificate.balanceOf(miner), 0, "balance");
    }

    function test_WhenAllUnsoldAreCancelledButOneIsSold_TheOfferingRuns() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        uint256[] memory unsold = new uint256[](COUNT - 1);
        for (uint256 i; i < unsold.length; ++i) {
            unsold[i] = tokenOf(offeringId, i + 2);
        }
        cancelAs(miner, offeringId, unsold);
        assertOfferingStatus(offeringId, OfferingStatus.Active, "active");
        assertEq(offeringOf(offeringId).reservedUnits, UNITS, "the sold units stay reserved");
        assertEq(minerRecord(miner).usedCapacity, UNITS, "registry");
    }

    function test_GivenFrozen_TheMinerStillCancels() external {
        uint256 frozen = frozenOffering();
        assertEq(frozen, 2, "second offering");
        cancelAs(miner, frozen, ids(tokenOf(frozen, 2)));
        assertOfferingStatus(frozen, OfferingStatus.Frozen, "still frozen");
        assertEq(offeringOf(frozen).reservedUnits, (COUNT - 1) * UNITS, "reserved");
    }

    function test_WhenTheTokenCameFromASplit_ItReleasesItsOwnUnits() external {
        uint256 newTokenId = splitAs(miner, tokenOf(offeringId, 1), 4);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.UnsoldCancelled(offeringId, newTokenId, 4);
        cancelAs(miner, offeringId, ids(newTokenId));
        assertEq(offeringOf(offeringId).reservedUnits, COUNT * UNITS - 4, "reserved");
        assertEq(vault.certificateView(tokenOf(offeringId, 1)).units, UNITS - 4, "kept part");
    }
}
