// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IHashrateCertificate} from "../../../../src/interfaces/IHashrateCertificate.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract OnlyVault_HashrateCertificate_Concrete_Test is VaultTestBase {
    function notVaultError(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IHashrateCertificate.HashrateCertificate_NotVault.selector, caller);
    }

    function test_RevertWhen_NotTheVault_Mint() external {
        vm.expectRevert(notVaultError(miner));
        vm.prank(miner);
        certificate.mint(miner, tokenOf(1, 1));
    }

    function test_RevertWhen_NotTheVault_Burn() external {
        uint256 offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), miner, PRICE);
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

/// @notice Minting at sale: the vault mints each certificate once, when its units are sold.
contract Mint_HashrateCertificate_Concrete_Test is VaultTestBase {
    function test_WhenTheVaultMintsOneToken_ItExistsAndCounts() external {
        vm.prank(address(vault));
        certificate.mint(buyer, tokenOf(9, 5));
        assertEq(certificate.ownerOf(tokenOf(9, 5)), buyer, "owner");
        assertEq(certificate.balanceOf(buyer), 1, "balance");
    }

    function test_RevertWhen_TheTokenExists() external {
        vm.startPrank(address(vault));
        certificate.mint(buyer, tokenOf(9, 5));
        vm.expectRevert(abi.encodeWithSignature("TokenAlreadyExists()"));
        certificate.mint(stranger, tokenOf(9, 5));
        vm.stopPrank();
    }

    function test_WhenAnOfferingIsCreated_NoCertificateExists() external {
        uint256 offeringId = createDefaultOffering();
        assertEq(certificate.balanceOf(miner), 0, "nothing minted to the miner");
        assertEq(certificate.holderOf(tokenOf(offeringId, 1)), address(0), "no first certificate");
    }

    function test_WhenUnitsAreSold_OneCertificateIsMintedToTheBuyer() external {
        uint256 offeringId = createDefaultOffering();
        vm.prank(usdcBridge);
        usdc.mint(seller, 7 * PRICE);
        vm.expectEmit(address(certificate));
        emit IERC721.Transfer(address(0), buyer, tokenOf(offeringId, 1));
        vm.prank(seller);
        uint256 tokenId = vault.recordPrimarySale(offeringId, buyer, 7 * UNITS, 7 * PRICE, false);
        assertEq(tokenId, tokenOf(offeringId, 1), "index 1");
        assertEq(certificate.ownerOf(tokenId), buyer, "the buyer owns it");
        assertEq(certificate.balanceOf(buyer), 1, "one certificate");
        assertEq(certificate.saleNonce(tokenId), 0, "fresh");
    }
}
