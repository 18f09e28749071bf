// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

/// @notice The vault announces every metadata change it causes with ERC-4906 events on the certificate:
/// offering-wide changes (flag, resume, terminate, finish) as one batch update over the offering's id range,
/// one certificate's changes (refund, split, merge) as a single update.
contract MetadataUpdate_HashrateCertificate_Concrete_Test is DefaultOfferingTestBase {
    function setUp() public override {
        super.setUp();
        sell(first, buyer, PRICE);
    }

    function expectBatchUpdate() internal {
        vm.expectEmit(address(certificate));
        emit IERC4906.BatchMetadataUpdate(offeringId << 32 | 1, offeringId << 32 | type(uint32).max);
    }

    function expectUpdate(uint256 tokenId) internal {
        vm.expectEmit(address(certificate));
        emit IERC4906.MetadataUpdate(tokenId);
    }

    function test_WhenFlagged_ItAnnouncesTheOffering() external {
        warpToDay(today + 7);
        expectBatchUpdate();
        flagAs(stranger, offeringId);
    }

    function test_WhenResumed_ItAnnouncesTheOffering() external {
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        expectBatchUpdate();
        resumeOffering(offeringId);
    }

    function test_WhenTerminated_ItAnnouncesTheOffering() external {
        expectBatchUpdate();
        terminateOffering(offeringId);
    }

    function test_WhenFinished_ItAnnouncesTheOffering() external {
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        expectBatchUpdate();
        vault.finish(offeringId);
    }

    function test_WhenRefunded_ItAnnouncesTheCertificate() external {
        terminateOffering(offeringId);
        expectUpdate(first);
        refundAs(buyer, ids(first));
    }

    function test_WhenSplit_ItAnnouncesTheKeptPart() external {
        expectUpdate(first);
        splitAs(buyer, first, 1);
    }

    function test_WhenMerged_ItAnnouncesTheMergedCertificate() external {
        uint256 part = splitAs(buyer, first, 1);
        expectUpdate(first);
        mergeAs(buyer, first, part);
    }

    function test_TheBatchRangeCoversSplitParts() external {
        uint256 part = splitAs(buyer, first, 1);
        assertGe(part, offeringId << 32 | 1, "from");
        assertLe(part, offeringId << 32 | type(uint32).max, "to");
    }
}
