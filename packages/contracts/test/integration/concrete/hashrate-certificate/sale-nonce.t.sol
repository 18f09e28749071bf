// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

/// @notice The certificate's sale nonce (issue 15): every transfer and every content change the vault announces
/// bumps it, mints and burns do not; `saleState` reads owner, approval and nonce in one call.
contract SaleNonce_HashrateCertificate_Concrete_Test is DefaultOfferingTestBase {
    function test_GivenABatchMintedCertificate_ItStartsAtZero() external view {
        assertEq(certificate.saleNonce(first), 0, "nothing happened to it yet");
        (address owner, bool approved, uint48 nonce) = certificate.saleState(first, stranger);
        assertEq(owner, miner, "its implicit owner");
        assertFalse(approved, "nobody approved");
        assertEq(nonce, 0, "nonce");
    }

    function test_WhenTransferred_ItBumps() external {
        vm.prank(miner);
        certificate.transferFrom(miner, buyer, first);
        assertEq(certificate.saleNonce(first), 1, "one transfer");
        vm.prank(buyer);
        certificate.transferFrom(buyer, miner, first);
        assertEq(certificate.saleNonce(first), 2, "a transfer back does not restore it");
    }

    function test_WhenSold_Split_Merged_Or_Refunded_ItBumps() external {
        sell(first, buyer, PRICE); // a transfer and the vault's announcement of the primary sale
        assertEq(certificate.saleNonce(first), 2, "primary sale");
        vm.prank(buyer);
        uint256 part = vault.split(first, 1);
        assertEq(certificate.saleNonce(first), 3, "split");
        assertEq(certificate.saleNonce(part), 0, "a new part starts at zero (minted)");
        vm.prank(buyer);
        vault.merge(first, part);
        assertEq(certificate.saleNonce(first), 4, "merge");
        vm.prank(timelock);
        vault.terminate(offeringId);
        assertEq(certificate.saleNonce(first), 5, "the offering's termination");
        vm.prank(buyer);
        vault.refund(ids(first));
        assertEq(certificate.saleNonce(first), 6, "refund");
    }

    function test_WhenClaimed_ItDoesNotBump() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 1);
        deliver(offeringId, today, DAILY_YIELD);
        uint48 before = certificate.saleNonce(first);
        claimAs(buyer, ids(first));
        assertEq(certificate.saleNonce(first), before, "a claim changes nothing a sale delivers (the yield rule)");
    }

    function test_SaleState_ReportsEitherApproval() external {
        vm.prank(miner);
        certificate.approve(stranger, first);
        (, bool approved,) = certificate.saleState(first, stranger);
        assertTrue(approved, "approved for the token");
        vm.prank(miner);
        certificate.approve(address(0), first);
        vm.prank(miner);
        certificate.setApprovalForAll(stranger, true);
        (, approved,) = certificate.saleState(first, stranger);
        assertTrue(approved, "approved for all");
        (address owner,,) = certificate.saleState(tokenOf(offeringId, COUNT + 1), stranger);
        assertEq(owner, address(0), "no such certificate");
    }
}
