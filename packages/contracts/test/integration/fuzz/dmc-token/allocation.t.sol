// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmcToken} from "../../../../src/DmcToken.sol";
import {IDmcToken} from "../../../../src/interfaces/IDmcToken.sol";
import {Allocation, VestingTranche} from "../../../../src/types/Allocation.sol";
import {Base} from "../../../Base.t.sol";

contract Allocation_DmcToken_Fuzz_Test is Base {
    uint256 private constant TREASURY_SHARE = 40_000_000e18;

    /// @dev Any set of up to five tranches within the treasury's share: every wei is allocated exactly once.
    function testFuzz_WhenTranchesFitTheTreasuryShare_SharesAddUpExactly(uint256[5] memory amounts, uint8 count)
        external
    {
        count = uint8(bound(count, 0, 5));
        Allocation memory allocation = defaultAllocation();
        allocation.tranches = new VestingTranche[](count);
        uint256 remaining = TREASURY_SHARE;
        uint256 vested;
        for (uint256 i; i < count; ++i) {
            uint256 amount = bound(amounts[i], 1, remaining > 1 ? remaining - (count - 1 - i) : 1);
            remaining -= amount;
            vested += amount;
            allocation.tranches[i] = VestingTranche({
                beneficiary: vm.addr(0x1000 + i),
                amount: amount,
                start: uint64(block.timestamp),
                duration: 365 days,
                cliff: 0
            });
        }

        DmcToken fuzzed = new DmcToken(allocation);

        address[] memory wallets = fuzzed.vestingWallets();
        uint256 sum = fuzzed.balanceOf(rewardsReserve) + fuzzed.balanceOf(insuranceReserve) + fuzzed.balanceOf(treasury);
        for (uint256 i; i < wallets.length; ++i) {
            assertEq(fuzzed.balanceOf(wallets[i]), allocation.tranches[i].amount, "tranche balance");
            sum += fuzzed.balanceOf(wallets[i]);
        }
        assertEq(sum, SUPPLY, "every wei allocated once");
        assertEq(fuzzed.totalSupply(), SUPPLY, "total supply");
        assertEq(fuzzed.balanceOf(treasury), TREASURY_SHARE - vested, "treasury keeps the unvested rest");
    }

    function testFuzz_RevertWhen_TranchesExceedTheTreasuryShare(uint256 first, uint256 second) external {
        first = bound(first, 1, TREASURY_SHARE);
        second = bound(second, TREASURY_SHARE - first + 1, type(uint128).max);
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[0].amount = first;
        allocation.tranches[1].amount = second;
        vm.expectRevert(
            abi.encodeWithSelector(IDmcToken.DmcToken_TranchesExceedTreasury.selector, first + second, TREASURY_SHARE)
        );
        new DmcToken(allocation);
    }
}
