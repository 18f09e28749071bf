// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CertificateId} from "../../src/libraries/CertificateId.sol";
import {Test} from "../utils/Test.sol";

/// @notice Token ids `offeringId << 32 | index`, against arithmetic (offeringId × 2^32 + index).
contract CertificateId_Unit_Test is Test {
    uint256 internal constant TWO_32 = 4_294_967_296;

    function test_Constants() external pure {
        assertEq(CertificateId.INDEX_BITS, 32, "bits");
        assertEq(CertificateId.INDEX_MASK, TWO_32 - 1, "mask");
    }

    function test_KnownIds() external pure {
        assertEq(CertificateId.encode(1, 1), TWO_32 + 1, "first certificate");
        assertEq(CertificateId.encode(3, 20), 3 * TWO_32 + 20, "offering 3, index 20");
        assertEq(CertificateId.offeringOf(TWO_32 - 1), 0, "below offering 1");
        assertEq(CertificateId.indexOf(TWO_32), 0, "index 0 of offering 1");
        (uint256 fromTokenId, uint256 toTokenId) = CertificateId.rangeOf(1);
        assertEq(fromTokenId, TWO_32 + 1, "from");
        assertEq(toTokenId, 2 * TWO_32 - 1, "to");
    }

    function testFuzz_EncodeIsArithmetic(uint256 offeringId, uint256 index) external pure {
        offeringId = bound(offeringId, 0, type(uint224).max);
        index = bound(index, 0, TWO_32 - 1);
        uint256 tokenId = CertificateId.encode(offeringId, index);
        assertEq(tokenId, offeringId * TWO_32 + index, "offeringId * 2^32 + index");
        assertEq(CertificateId.offeringOf(tokenId), offeringId, "offering round trip");
        assertEq(CertificateId.indexOf(tokenId), index, "index round trip");
    }

    function testFuzz_DecodeIsDivisionAndRemainder(uint256 tokenId) external pure {
        assertEq(CertificateId.offeringOf(tokenId), tokenId / TWO_32, "quotient");
        assertEq(CertificateId.indexOf(tokenId), tokenId % TWO_32, "remainder");
        assertEq(
            CertificateId.encode(CertificateId.offeringOf(tokenId), CertificateId.indexOf(tokenId)), tokenId, "both"
        );
    }

    function testFuzz_RangeHoldsExactlyTheOfferingsIds(uint256 offeringId, uint256 index) external pure {
        offeringId = bound(offeringId, 1, type(uint224).max - 1);
        index = bound(index, 1, TWO_32 - 1);
        (uint256 fromTokenId, uint256 toTokenId) = CertificateId.rangeOf(offeringId);
        uint256 tokenId = CertificateId.encode(offeringId, index);
        assertGe(tokenId, fromTokenId, "inside: from");
        assertLe(tokenId, toTokenId, "inside: to");
        (uint256 nextFrom,) = CertificateId.rangeOf(offeringId + 1);
        assertGt(nextFrom, toTokenId, "ranges do not overlap");
        assertEq(nextFrom - toTokenId, 2, "only index 0 of the next offering between");
    }
}
