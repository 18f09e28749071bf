// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../Base.t.sol";
import {InvariantTest} from "../utils/InvariantTest.sol";
import {DmcTokenHandler} from "./handlers/DmcTokenHandler.sol";
import {DmcTokenStore} from "./stores/DmcTokenStore.sol";

/// @notice DMC invariants; see README.md beside this file for each in prose.
contract DmcToken_Invariant_Test is Base, InvariantTest {
    DmcTokenHandler internal handler;
    DmcTokenStore internal store;

    function setUp() public override {
        super.setUp();
        store = new DmcTokenStore();

        address[] memory actors = new address[](5);
        actors[0] = alice;
        actors[1] = bob;
        actors[2] = carol;
        actors[3] = treasury;
        actors[4] = makeAddr("dave");
        fund(alice, 1_000_000e18);
        fund(bob, 250_000e18);
        fund(carol, 1e18);

        // Every account that holds DMC, so that the sums below cover the whole supply.
        store.addAccount(rewardsReserve);
        store.addAccount(insuranceReserve);
        address[] memory wallets = token.vestingWallets();
        for (uint256 i; i < wallets.length; ++i) {
            store.addAccount(wallets[i]);
        }
        for (uint256 i; i < actors.length; ++i) {
            store.addAccount(actors[i]);
        }

        handler = new DmcTokenHandler(token, store, actors);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](4);
        selectors[0] = DmcTokenHandler.transfer.selector;
        selectors[1] = DmcTokenHandler.approveAndTransferFrom.selector;
        selectors[2] = DmcTokenHandler.delegate.selector;
        selectors[3] = DmcTokenHandler.passTime.selector;
        targetSelector(address(handler), selectors);
    }

    /// @dev One campaign checks every invariant of this suite after each call: forge 1.7 runs a separate
    /// campaign per `invariant_` function, which multiplied the handler calls (the bulk of the run time) by
    /// the number of invariants without exploring more states for any of them. Each check below still runs
    /// after every call of every run, and its assertion message names the invariant that broke.
    function invariant_AllHold() external view {
        _assertSumOfBalancesEqualsTotalSupply();
        _assertSumOfVotesAtMostTotalSupply();
        _assertVotesEqualDelegatedBalances();
        _assertPastVotesNeverChange();
    }

    function _assertSumOfBalancesEqualsTotalSupply() internal view {
        uint256 sum;
        uint256 count = store.accountCount();
        for (uint256 i; i < count; ++i) {
            sum += token.balanceOf(store.accounts(i));
        }
        assertEq(sum, token.totalSupply(), "sum of balances");
        assertEq(token.totalSupply(), SUPPLY, "supply is fixed");
    }

    function _assertSumOfVotesAtMostTotalSupply() internal view {
        uint256 votes;
        uint256 count = store.accountCount();
        for (uint256 i; i < count; ++i) {
            votes += token.getVotes(store.accounts(i));
        }
        assertLe(votes, token.totalSupply(), "sum of voting power");
    }

    /// @dev Delegation moves votes exactly: each delegatee's votes are the balances delegated to it.
    function _assertVotesEqualDelegatedBalances() internal view {
        uint256 count = store.accountCount();
        for (uint256 d; d < count; ++d) {
            address delegatee = store.accounts(d);
            uint256 delegated;
            for (uint256 a; a < count; ++a) {
                address account = store.accounts(a);
                if (token.delegates(account) == delegatee) delegated += token.balanceOf(account);
            }
            assertEq(token.getVotes(delegatee), delegated, "votes == balances delegated to the delegatee");
        }
    }

    function _assertPastVotesNeverChange() internal view {
        uint256 count = store.voteRecordCount();
        for (uint256 i; i < count; ++i) {
            DmcTokenStore.VoteRecord memory record = store.voteRecord(i);
            assertEq(token.getPastVotes(record.delegatee, record.timepoint), record.votes, "past votes changed");
        }
    }
}
