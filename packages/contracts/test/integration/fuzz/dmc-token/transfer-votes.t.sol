// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../../../Base.t.sol";

contract TransferVotes_DmcToken_Fuzz_Test is Base {
    function testFuzz_WhenTransferring_BalancesMoveExactly(uint256 amount, address to) external {
        vm.assume(to != address(0) && to != treasury);
        amount = bound(amount, 0, token.balanceOf(treasury));
        uint256 treasuryBefore = token.balanceOf(treasury);
        uint256 toBefore = token.balanceOf(to);

        fund(to, amount);

        assertEq(token.balanceOf(treasury), treasuryBefore - amount, "sender balance");
        assertEq(token.balanceOf(to), toBefore + amount, "receiver balance");
        assertEq(token.totalSupply(), SUPPLY, "supply unchanged");
    }

    function testFuzz_WhenDelegatingAndTransferring_VotesMoveExactly(
        uint256 aliceAmount,
        uint256 bobAmount,
        uint256 moved,
        bool aliceToCarol
    ) external {
        aliceAmount = bound(aliceAmount, 0, 1_000_000e18);
        bobAmount = bound(bobAmount, 0, 1_000_000e18);
        moved = bound(moved, 0, aliceAmount);
        fund(alice, aliceAmount);
        fund(bob, bobAmount);

        address aliceDelegate = aliceToCarol ? carol : alice;
        vm.prank(alice);
        token.delegate(aliceDelegate);
        vm.prank(bob);
        token.delegate(bob);

        vm.prank(alice);
        assertTrue(token.transfer(bob, moved), "transfer");

        assertEq(token.getVotes(aliceDelegate), aliceAmount - moved, "alice's delegate keeps the rest");
        assertEq(token.getVotes(bob), bobAmount + moved, "bob's votes include what he received");
        uint256 otherVotes = aliceToCarol ? token.getVotes(alice) : token.getVotes(carol);
        assertEq(otherVotes, 0, "no votes appear anywhere else");
    }

    function testFuzz_WhenRedelegating_PastVotesStayAsTheyWere(uint256 amount, uint32 elapsed) external {
        amount = bound(amount, 1, 1_000_000e18);
        elapsed = uint32(bound(elapsed, 1, 365 days));
        fund(alice, amount);
        vm.prank(alice);
        token.delegate(bob);
        uint256 delegatedAt = block.timestamp;

        vm.warp(delegatedAt + elapsed);
        vm.prank(alice);
        token.delegate(carol);
        vm.warp(block.timestamp + 1);

        assertEq(token.getPastVotes(bob, delegatedAt), amount, "bob's past votes");
        assertEq(token.getPastVotes(carol, delegatedAt), 0, "carol had none then");
        assertEq(token.getVotes(bob), 0, "bob's votes now");
        assertEq(token.getVotes(carol), amount, "carol's votes now");
    }
}
