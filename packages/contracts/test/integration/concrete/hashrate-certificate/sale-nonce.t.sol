// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

/// @notice The certificate's sale nonce (issue 15): every transfer and every content change the vault announces
/// bumps it, mints (at the sale) and burns do not; `saleState` reads owner, approval and nonce in one call.
contract SaleNonce_HashrateCertificate_Concrete_Test is DefaultOfferingTestBase {
    function setUp() public override {
        super.setUp();
        sell(first, buyer, PRICE); // minted to the buyer at its primary sale
    }

    function test_GivenACertificateMintedAtItsSale_ItStartsAtZero() external view {
        assertEq(certificate.saleNonce(first), 0, "nothing happened to it since");
        (address owner, bool approved, uint48 nonce) = certificate.saleState(first, stranger);
        assertEq(owner, buyer, "the buyer");
        assertFalse(approved, "nobody approved");
        assertEq(nonce, 0, "nonce");
    }

    function test_WhenTransferred_ItBumps() external {
        vm.prank(buyer);
        certificate.transferFrom(buyer, alice, first);
        assertEq(certificate.saleNonce(first), 1, "one transfer");
        vm.prank(alice);
        certificate.transferFrom(alice, buyer, first);
        assertEq(certificate.saleNonce(first), 2, "a transfer back does not restore it");
    }

    function test_WhenSplit_Merged_Or_Refunded_ItBumps() external {
        vm.prank(buyer);
        uint256 part = vault.split(first, 1);
        assertEq(certificate.saleNonce(first), 1, "split");
        assertEq(certificate.saleNonce(part), 0, "a new part starts at zero (minted)");
        vm.prank(buyer);
        vault.merge(first, part);
        assertEq(certificate.saleNonce(first), 2, "merge");
        vm.prank(timelock);
        vault.terminate(offeringId);
        assertEq(certificate.saleNonce(first), 3, "the offering's termination");
        vm.prank(buyer);
        vault.refund(ids(first));
        assertEq(certificate.saleNonce(first), 4, "refund");
    }

    function test_WhenClaimed_ItDoesNotBump() external {
        warpToDay(today + 1);
        deliver(offeringId, today, DAILY_YIELD);
        uint48 before = certificate.saleNonce(first);
        claimAs(buyer, ids(first));
        assertEq(certificate.saleNonce(first), before, "a claim changes nothing a sale delivers (the yield rule)");
    }

    function test_SaleState_ReportsEitherApproval() external {
        vm.prank(buyer);
        certificate.approve(stranger, first);
        (, bool approved,) = certificate.saleState(first, stranger);
        assertTrue(approved, "approved for the token");
        vm.prank(buyer);
        certificate.approve(address(0), first);
        vm.prank(buyer);
        certificate.setApprovalForAll(stranger, true);
        (, approved,) = certificate.saleState(first, stranger);
        assertTrue(approved, "approved for all");
        (address owner,,) = certificate.saleState(tokenOf(offeringId, 2), stranger);
        assertEq(owner, address(0), "no such certificate (not sold)");
    }
}
