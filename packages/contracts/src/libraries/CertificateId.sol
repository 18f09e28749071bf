// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title CertificateId
/// @notice Certificate token ids carry their offering: `offeringId << 32 | index`. Indexes start at 1 and are
/// given in order as certificates are minted (each primary sale, each split); index 0 names no certificate (a
/// primary auction's lot uses it). Reading a certificate's offering
/// therefore costs no storage read, and each offering's ids form one contiguous range (one ERC-4906 batch
/// event covers them all).
library CertificateId {
    uint256 internal constant INDEX_BITS = 32;
    // shifting the literal 1 left by INDEX_BITS is intended: a mask of the low 32 bits
    // forge-lint: disable-next-line(incorrect-shift)
    uint256 internal constant INDEX_MASK = (1 << INDEX_BITS) - 1;

    function encode(uint256 offeringId, uint256 index) internal pure returns (uint256) {
        return offeringId << INDEX_BITS | index;
    }

    function offeringOf(uint256 tokenId) internal pure returns (uint256) {
        return tokenId >> INDEX_BITS;
    }

    function indexOf(uint256 tokenId) internal pure returns (uint256) {
        return tokenId & INDEX_MASK;
    }

    /// @notice The first and last id an offering can ever have (for ERC-4906 batch updates).
    function rangeOf(uint256 offeringId) internal pure returns (uint256 fromTokenId, uint256 toTokenId) {
        fromTokenId = encode(offeringId, 1);
        toTokenId = encode(offeringId, INDEX_MASK);
    }
}
