// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice Batch-minted certificates belong to the miner implicitly until their first transfer; OpenZeppelin's
/// ERC-721 logic (balances, approvals, transfers, burns) works unchanged on them.
contract BatchOwnership_HashrateCertificate_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;
    uint256 internal last;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        last = tokenOf(offeringId, COUNT);
    }

    function nonexistentError(uint256 tokenId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId);
    }

    function test_BatchTokensBelongToTheMiner() external view {
        assertEq(certificate.balanceOf(miner), COUNT, "balance");
        for (uint256 i = 1; i <= COUNT; ++i) {
            assertEq(certificate.ownerOf(tokenOf(offeringId, i)), miner, "owner");
            assertEq(certificate.holderOf(tokenOf(offeringId, i)), miner, "holder");
        }
        assertEq(certificate.getApproved(first), address(0), "no approval");
    }

    function test_TokensOutsideTheBatchDoNotExist() external {
        assertEq(certificate.holderOf(tokenOf(offeringId, 0)), address(0), "index 0");
        assertEq(certificate.holderOf(tokenOf(offeringId, COUNT + 1)), address(0), "past the batch");
        assertEq(certificate.holderOf(tokenOf(offeringId + 1, 1)), address(0), "no such offering");
        assertEq(certificate.holderOf(0), address(0), "id 0");
        vm.expectRevert(nonexistentError(tokenOf(offeringId, COUNT + 1)));
        certificate.ownerOf(tokenOf(offeringId, COUNT + 1));
        vm.expectRevert(nonexistentError(tokenOf(offeringId, 0)));
        certificate.ownerOf(tokenOf(offeringId, 0));
    }

    function test_WhenTheMinerTransfersABatchToken_OwnershipBecomesExplicit() external {
        vm.expectEmit(address(certificate));
        emit IERC721.Transfer(miner, buyer, first);
        transferCert(miner, buyer, first);
        assertEq(certificate.ownerOf(first), buyer, "new owner");
        assertEq(certificate.balanceOf(miner), COUNT - 1, "miner balance");
        assertEq(certificate.balanceOf(buyer), 1, "buyer balance");
        assertEq(certificate.ownerOf(tokenOf(offeringId, 2)), miner, "the others stay implicit");

        // And back: the miner owns it again (explicitly).
        transferCert(buyer, miner, first);
        assertEq(certificate.ownerOf(first), miner, "back");
        assertEq(certificate.balanceOf(miner), COUNT, "miner balance restored");
        assertEq(certificate.balanceOf(buyer), 0, "buyer balance");
    }

    function test_WhenApproved_AnOperatorMovesABatchToken() external {
        vm.prank(miner);
        certificate.approve(seller, last);
        assertEq(certificate.getApproved(last), seller, "approved");
        vm.prank(seller);
        certificate.transferFrom(miner, buyer, last);
        assertEq(certificate.ownerOf(last), buyer, "moved");
        assertEq(certificate.getApproved(last), address(0), "approval cleared");
    }

    function test_WhenApprovedForAll_AnOperatorSafeTransfersBatchTokens() external {
        vm.prank(miner);
        certificate.setApprovalForAll(seller, true);
        vm.startPrank(seller);
        certificate.safeTransferFrom(miner, buyer, first);
        certificate.safeTransferFrom(miner, buyer2, last, "");
        vm.stopPrank();
        assertEq(certificate.ownerOf(first), buyer, "first");
        assertEq(certificate.ownerOf(last), buyer2, "last");
        assertEq(certificate.balanceOf(miner), COUNT - 2, "miner");
    }

    function test_RevertWhen_AStrangerMovesABatchToken() external {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, stranger, first));
        vm.prank(stranger);
        certificate.transferFrom(miner, stranger, first);
    }

    function test_RevertWhen_TheFromAddressIsNotTheImplicitOwner() external {
        vm.prank(miner);
        certificate.setApprovalForAll(seller, true);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, buyer, first, miner));
        vm.prank(seller);
        certificate.transferFrom(buyer, seller, first);
    }

    function test_WhenAnImplicitBatchTokenIsBurned_ItDoesNotFallBackToTheMiner() external {
        vm.prank(miner);
        vault.cancelUnsold(offeringId, ids(first));
        assertEq(certificate.holderOf(first), address(0), "gone");
        assertEq(certificate.balanceOf(miner), COUNT - 1, "balance");
        vm.expectRevert(nonexistentError(first));
        certificate.ownerOf(first);
    }

    function test_WhenATransferredBatchTokenIsBurned_ItDoesNotFallBackToTheMiner() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        claimAs(buyer, ids(first));
        vm.prank(buyer);
        vault.burn(first);
        assertEq(certificate.holderOf(first), address(0), "gone");
        assertEq(certificate.balanceOf(buyer), 0, "buyer balance");
        assertEq(certificate.balanceOf(miner), COUNT - 1, "miner balance unchanged");
    }

    function test_WhenASplitTokenIsBurned_ItIsGone() external {
        uint256 part = splitAs(miner, first, 1);
        assertEq(certificate.ownerOf(part), miner, "explicit owner");
        mergeAs(miner, first, part);
        assertEq(certificate.holderOf(part), address(0), "gone");
        assertEq(certificate.balanceOf(miner), COUNT, "balance");
    }

    function test_BatchesOfSeveralOfferingsStayApart() external {
        activateBtcMiner(alice);
        uint256 btc = createOfferingAs(alice, btcOffering());
        assertEq(certificate.ownerOf(tokenOf(btc, 1)), alice, "alice's batch");
        assertEq(certificate.ownerOf(first), miner, "miner's batch");
        assertEq(certificate.balanceOf(alice), COUNT, "alice's balance");
        assertEq(certificate.balanceOf(miner), COUNT, "miner's balance");
    }
}
