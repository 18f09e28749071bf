// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../../../Base.t.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";

contract Votes_DmcToken_Concrete_Test is Base {
    bytes32 private constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    function setUp() public override {
        super.setUp();
        fund(alice, 1000e18);
        fund(bob, 300e18);
    }

    function test_GivenNoDelegation_BalancesDoNotVote() external view {
        assertEq(token.getVotes(alice), 0, "undelegated balance has no votes");
        assertEq(token.delegates(alice), address(0), "no delegate");
    }

    function test_WhenDelegatingToSelf_VotesEqualBalance() external {
        vm.prank(alice);
        token.delegate(alice);
        assertEq(token.getVotes(alice), 1000e18, "self-delegated votes");
        assertEq(token.delegates(alice), alice, "delegate");
    }

    function test_WhenRedelegating_VotesMoveExactly() external {
        vm.prank(alice);
        token.delegate(carol);
        vm.prank(bob);
        token.delegate(carol);
        assertEq(token.getVotes(carol), 1300e18, "carol holds both delegations");

        vm.prank(alice);
        token.delegate(bob);
        assertEq(token.getVotes(carol), 300e18, "alice's votes left carol");
        assertEq(token.getVotes(bob), 1000e18, "and arrived at bob");
    }

    function test_WhenDelegatorTransfers_VotesFollowTheBalance() external {
        vm.prank(alice);
        token.delegate(carol);
        vm.prank(bob);
        token.delegate(bob);

        vm.prank(alice);
        assertTrue(token.transfer(bob, 250e18), "transfer");
        assertEq(token.getVotes(carol), 750e18, "sender's delegate loses");
        assertEq(token.getVotes(bob), 550e18, "receiver's delegate gains");
    }

    function test_WhenTimePasses_PastVotesAreCheckpointedByTimestamp() external {
        vm.prank(alice);
        token.delegate(alice);
        uint256 first = block.timestamp;

        vm.warp(first + 1 hours);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 400e18), "transfer");

        vm.warp(first + 2 hours);
        assertEq(token.getPastVotes(alice, first), 1000e18, "votes at the first timestamp");
        assertEq(token.getPastVotes(alice, first + 1 hours - 1), 1000e18, "just before the transfer");
        assertEq(token.getPastVotes(alice, first + 1 hours), 600e18, "at the transfer");
        assertEq(token.getPastTotalSupply(first + 1 hours), SUPPLY, "past total supply");
    }

    function test_RevertWhen_PastVotesAskedForTheFuture() external {
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, block.timestamp, block.timestamp));
        token.getPastVotes(alice, block.timestamp);
    }

    function test_WhenDelegatingBySignature_TheSignerDelegates() external {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(carol, 0, expiry);
        vm.prank(bob); // anyone may relay the signature
        token.delegateBySig(carol, 0, expiry, v, r, s);
        assertEq(token.delegates(alice), carol, "delegate set from the signature");
        assertEq(token.getVotes(carol), 1000e18, "votes moved");
        assertEq(token.nonces(alice), 1, "nonce used");
    }

    function test_RevertWhen_DelegationSignatureExpired() external {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(carol, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(carol, 0, expiry, v, r, s);
    }

    function test_RevertWhen_DelegationSignatureReplayed() external {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(carol, 0, expiry);
        token.delegateBySig(carol, 0, expiry, v, r, s);
        vm.expectRevert(); // the recovered nonce no longer matches: InvalidAccountNonce
        token.delegateBySig(carol, 0, expiry, v, r, s);
        assertEq(token.nonces(alice), 1, "the replay did not use a nonce");
    }

    function _signDelegation(address delegatee, uint256 nonce, uint256 expiry)
        private
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(alicePk, digest);
    }
}
