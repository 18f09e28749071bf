// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHashrateCertificate} from "../../../../src/interfaces/IHashrateCertificate.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract OnlyVault_HashrateCertificate_Concrete_Test is VaultTestBase {
    function notVaultError(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_NotVault.selector, caller);
    }

    function test_RevertWhen_NotTheVault_MintBatch() external {
        vm.expectRevert(notVaultError(timelock));
        vm.prank(timelock);
        certificate.mintBatch(1, stranger, 1);
    }

    function test_RevertWhen_NotTheVault_Mint() external {
        vm.expectRevert(notVaultError(miner));
        vm.prank(miner);
        certificate.mint(miner, tokenOf(1, 1));
    }

    function test_RevertWhen_NotTheVault_Burn() external {
        uint256 offeringId = createDefaultOffering();
        vm.expectRevert(notVaultError(miner));
        vm.prank(miner);
        certificate.burn(tokenOf(offeringId, 1));
    }

    function test_RevertWhen_NotTheVault_AnnounceUpdate() external {
        vm.expectRevert(notVaultError(stranger));
        vm.prank(stranger);
        certificate.announceUpdate(1);
    }

    function test_RevertWhen_NotTheVault_AnnounceOfferingUpdate() external {
        vm.expectRevert(notVaultError(stranger));
        vm.prank(stranger);
        certificate.announceOfferingUpdate(1);
    }
}

/// @notice Guards of `mintBatch` the vault never trips (it mints each offering once, with 1..10,000
/// certificates); exercised by calling as the vault.
contract MintBatch_HashrateCertificate_Concrete_Test is VaultTestBase {
    function invalidBatchError(uint256 offeringId, uint256 count) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_InvalidBatch.selector, offeringId, count);
    }

    function test_RevertWhen_CountIsZero() external {
        vm.expectRevert(invalidBatchError(7, 0));
        vm.prank(address(vault));
        certificate.mintBatch(7, stranger, 0);
    }

    function test_RevertWhen_CountDoesNotFit32Bits() external {
        uint256 count = uint256(type(uint32).max) + 1;
        vm.expectRevert(invalidBatchError(7, count));
        vm.prank(address(vault));
        certificate.mintBatch(7, stranger, count);
    }

    function test_RevertWhen_TheOfferingHasItsBatch() external {
        uint256 offeringId = createDefaultOffering();
        vm.expectRevert(invalidBatchError(offeringId, 1));
        vm.prank(address(vault));
        certificate.mintBatch(offeringId, stranger, 1);
    }

    function test_WhenTheVaultMintsOneToken_ItExistsAndCounts() external {
        vm.prank(address(vault));
        certificate.mint(buyer, tokenOf(9, 5));
        assertEq(certificate.ownerOf(tokenOf(9, 5)), buyer, "owner");
        assertEq(certificate.balanceOf(buyer), 1, "balance");
    }
}
