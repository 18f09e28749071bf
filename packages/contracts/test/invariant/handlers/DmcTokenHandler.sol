// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmcToken} from "../../../src/DmcToken.sol";
import {Test} from "../../utils/Test.sol";
import {DmcTokenStore} from "../stores/DmcTokenStore.sol";

/// @notice The fuzzer's way into DmcToken: transfers, approvals, delegation and the passing of time,
/// between a small fixed set of actors so that balances and delegations collide often.
contract DmcTokenHandler is Test {
    DmcToken public immutable token;
    DmcTokenStore public immutable store;
    address[] internal _actors;

    uint256 public calls;

    constructor(DmcToken token_, DmcTokenStore store_, address[] memory actors_) {
        token = token_;
        store = store_;
        _actors = actors_;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        assertTrue(token.transfer(to, amount), "handler: transfer");
        ++calls;
    }

    function approveAndTransferFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 toSeed, uint256 amount) external {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, token.balanceOf(owner));
        vm.prank(owner);
        token.approve(spender, amount);
        vm.prank(spender);
        assertTrue(token.transferFrom(owner, to, amount), "handler: transferFrom");
        ++calls;
    }

    function delegate(uint256 delegatorSeed, uint256 delegateeSeed, bool toNobody) external {
        address delegator = _actor(delegatorSeed);
        // Delegating to the zero address takes the votes away without giving them to anyone.
        address delegatee = toNobody ? address(0) : _actor(delegateeSeed);
        vm.prank(delegator);
        token.delegate(delegatee);
        ++calls;
    }

    /// @dev Moves time forward and records each actor's votes at the last timestamp, which must never change.
    function passTime(uint256 seconds_) external {
        uint48 past = token.clock();
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
        for (uint256 i; i < _actors.length; ++i) {
            store.recordVotes(_actors[i], past, token.getPastVotes(_actors[i], past));
        }
        ++calls;
    }
}
