// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";

import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract SupportsInterface_HashrateCertificate_Concrete_Test is VaultTestBase {
    function test_SupportsERC721ItsMetadataERC165AndERC4906() external view {
        assertEq(type(IERC721).interfaceId, bytes4(0x80ac58cd), "ERC-721 id");
        assertTrue(certificate.supportsInterface(0x80ac58cd), "ERC-721");
        assertTrue(certificate.supportsInterface(type(IERC721Metadata).interfaceId), "ERC-721 metadata");
        assertTrue(certificate.supportsInterface(0x5b5e139f), "ERC-721 metadata id");
        assertTrue(certificate.supportsInterface(type(IERC165).interfaceId), "ERC-165");
        assertTrue(certificate.supportsInterface(0x49064906), "ERC-4906");
    }

    function test_SupportsNothingElse() external view {
        assertFalse(certificate.supportsInterface(0xffffffff), "ERC-165 invalid id");
        assertFalse(certificate.supportsInterface(0x780e9d63), "not enumerable");
        assertFalse(certificate.supportsInterface(0x00000000), "zero");
    }
}
