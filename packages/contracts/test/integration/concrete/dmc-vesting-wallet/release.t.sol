// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmcVestingWallet} from "../../../../src/DmcVestingWallet.sol";
import {Base} from "../../../Base.t.sol";

contract Release_DmcVestingWallet_Concrete_Test is Base {
    DmcVestingWallet internal teamWallet;
    uint256 internal start;

    function setUp() public override {
        super.setUp();
        teamWallet = DmcVestingWallet(payable(token.vestingWallets()[0]));
        start = block.timestamp;
    }

    function test_GivenCliffNotReached_NothingIsReleasable() external {
        vm.warp(start + YEAR - 1);
        assertEq(teamWallet.releasable(address(token)), 0, "nothing before the cliff");
        teamWallet.release(address(token));
        assertEq(token.balanceOf(team), 0, "team received nothing");
    }

    function test_GivenCliffReached_TheVestedShareIsReleasedToTheBeneficiary() external {
        vm.warp(start + YEAR);
        uint256 expected = TEAM_AMOUNT / 4; // one year of four
        assertEq(teamWallet.releasable(address(token)), expected, "a quarter vested at the cliff");
        teamWallet.release(address(token)); // anyone may trigger; the beneficiary receives
        assertEq(token.balanceOf(team), expected, "team received a quarter");
    }

    function test_GivenDurationEnded_EverythingIsReleased() external {
        vm.warp(start + 4 * YEAR);
        teamWallet.release(address(token));
        assertEq(token.balanceOf(team), TEAM_AMOUNT, "team received the whole tranche");
        assertEq(token.balanceOf(address(teamWallet)), 0, "wallet empty");
    }
}
