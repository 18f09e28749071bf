// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmcToken} from "../src/DmcToken.sol";
import {Allocation, VestingTranche} from "../src/types/Allocation.sol";
import {Test} from "./utils/Test.sol";

/// @notice Users and a deployed DmcToken with the launch allocation, shared by every DMC test.
abstract contract Base is Test {
    uint256 internal constant SUPPLY = 100_000_000e18;
    uint256 internal constant TEAM_AMOUNT = 15_000_000e18;
    uint256 internal constant INVESTOR_AMOUNT = 10_000_000e18;
    uint64 internal constant YEAR = 365 days;

    address internal rewardsReserve;
    address internal insuranceReserve;
    address internal treasury;
    address internal team;
    address internal investor;
    address internal alice;
    uint256 internal alicePk;
    address internal bob;
    address internal carol;

    DmcToken internal token;

    function setUp() public virtual {
        rewardsReserve = makeAddr("rewardsReserve");
        insuranceReserve = makeAddr("insuranceReserve");
        treasury = makeAddr("treasury");
        team = makeAddr("team");
        investor = makeAddr("investor");
        (alice, alicePk) = makeAccount("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");

        token = new DmcToken(defaultAllocation());
        vm.label(address(token), "DmcToken");
    }

    function defaultAllocation() internal view returns (Allocation memory allocation) {
        allocation.rewardsReserve = rewardsReserve;
        allocation.insuranceReserve = insuranceReserve;
        allocation.treasury = treasury;
        allocation.tranches = new VestingTranche[](2);
        allocation.tranches[0] = VestingTranche({
            beneficiary: team, amount: TEAM_AMOUNT, start: uint64(block.timestamp), duration: 4 * YEAR, cliff: YEAR
        });
        allocation.tranches[1] = VestingTranche({
            beneficiary: investor,
            amount: INVESTOR_AMOUNT,
            start: uint64(block.timestamp),
            duration: 2 * YEAR,
            cliff: YEAR / 2
        });
    }

    /// @dev Moves `amount` DMC from the treasury to `to`.
    function fund(address to, uint256 amount) internal {
        vm.prank(treasury);
        assertTrue(token.transfer(to, amount), "fund: transfer");
    }
}
