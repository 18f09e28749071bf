// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmcToken} from "../../../../src/DmcToken.sol";
import {DmcVestingWallet} from "../../../../src/DmcVestingWallet.sol";
import {IDmcToken} from "../../../../src/interfaces/IDmcToken.sol";
import {Allocation, VestingTranche} from "../../../../src/types/Allocation.sol";
import {Base} from "../../../Base.t.sol";

contract Constructor_DmcToken_Concrete_Test is Base {
    event GenesisAllocation(address indexed recipient, uint256 amount, IDmcToken.AllocationKind kind);
    event VestingTrancheCreated(
        address indexed wallet, address indexed beneficiary, uint256 amount, uint64 start, uint64 duration, uint64 cliff
    );

    function test_WhenAllocationIsValid_ItMintsTheFixedSupplyBySharesOfDesign() external view {
        assertEq(token.totalSupply(), SUPPLY, "total supply");
        assertEq(token.MAX_SUPPLY(), SUPPLY, "MAX_SUPPLY");
        assertEq(token.balanceOf(rewardsReserve), 50_000_000e18, "rewards reserve: 50%");
        assertEq(token.balanceOf(insuranceReserve), 10_000_000e18, "insurance reserve: 10%");

        address[] memory wallets = token.vestingWallets();
        assertEq(wallets.length, 2, "one vesting wallet per tranche");
        assertEq(token.balanceOf(wallets[0]), TEAM_AMOUNT, "team tranche");
        assertEq(token.balanceOf(wallets[1]), INVESTOR_AMOUNT, "investor tranche");
        assertEq(
            token.balanceOf(treasury),
            40_000_000e18 - TEAM_AMOUNT - INVESTOR_AMOUNT,
            "treasury: 40% less the vesting tranches"
        );
    }

    function test_WhenAllocationIsValid_ItSetsMetadataAndTimestampClock() external {
        assertEq(token.name(), "DMEX Coin", "name");
        assertEq(token.symbol(), "DMC", "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "EIP-6372 clock mode");
        assertEq(token.clock(), block.timestamp, "clock is the block timestamp");
        vm.warp(block.timestamp + 1 days);
        assertEq(token.clock(), block.timestamp, "clock follows the timestamp");
    }

    function test_WhenAllocationIsValid_ItDeploysVestingWalletsOwnedByBeneficiaries() external view {
        DmcVestingWallet teamWallet = DmcVestingWallet(payable(token.vestingWallets()[0]));
        assertEq(teamWallet.owner(), team, "team wallet owner");
        assertEq(teamWallet.start(), block.timestamp, "team vesting start");
        assertEq(teamWallet.duration(), 4 * YEAR, "team vesting duration");
        assertEq(teamWallet.cliff(), block.timestamp + YEAR, "team cliff");
    }

    function test_WhenAllocationIsValid_ItEmitsOneEventPerRecipient() external {
        address predictedTokenAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        address firstWallet = vm.computeCreateAddress(predictedTokenAddress, 1);

        vm.expectEmit(address(predictedTokenAddress));
        emit GenesisAllocation(rewardsReserve, 50_000_000e18, IDmcToken.AllocationKind.Rewards);
        vm.expectEmit(address(predictedTokenAddress));
        emit GenesisAllocation(insuranceReserve, 10_000_000e18, IDmcToken.AllocationKind.Insurance);
        vm.expectEmit(address(predictedTokenAddress));
        emit VestingTrancheCreated(firstWallet, team, TEAM_AMOUNT, uint64(block.timestamp), 4 * YEAR, YEAR);
        new DmcToken(defaultAllocation());
    }

    function test_WhenTranchesTakeTheWholeTreasuryShare_ItGivesTheTreasuryNothing() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[1].amount = 40_000_000e18 - TEAM_AMOUNT;
        DmcToken fullyVested = new DmcToken(allocation);
        assertEq(fullyVested.balanceOf(treasury), 0, "treasury balance");
        assertEq(fullyVested.totalSupply(), SUPPLY, "total supply");
    }

    function test_WhenThereAreNoTranches_TheTreasuryGetsFortyPercent() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches = new VestingTranche[](0);
        DmcToken unvested = new DmcToken(allocation);
        assertEq(unvested.balanceOf(treasury), 40_000_000e18, "treasury balance");
        assertEq(unvested.vestingWallets().length, 0, "no vesting wallets");
    }

    function test_RevertWhen_RewardsReserveIsZero() external {
        Allocation memory allocation = defaultAllocation();
        allocation.rewardsReserve = address(0);
        vm.expectRevert(
            abi.encodeWithSelector(IDmcToken.DmcToken_ZeroRecipient.selector, IDmcToken.AllocationKind.Rewards)
        );
        new DmcToken(allocation);
    }

    function test_RevertWhen_InsuranceReserveIsZero() external {
        Allocation memory allocation = defaultAllocation();
        allocation.insuranceReserve = address(0);
        vm.expectRevert(
            abi.encodeWithSelector(IDmcToken.DmcToken_ZeroRecipient.selector, IDmcToken.AllocationKind.Insurance)
        );
        new DmcToken(allocation);
    }

    function test_RevertWhen_TreasuryIsZero() external {
        Allocation memory allocation = defaultAllocation();
        allocation.treasury = address(0);
        vm.expectRevert(
            abi.encodeWithSelector(IDmcToken.DmcToken_ZeroRecipient.selector, IDmcToken.AllocationKind.Treasury)
        );
        new DmcToken(allocation);
    }

    function test_RevertWhen_TrancheBeneficiaryIsZero() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[1].beneficiary = address(0);
        vm.expectRevert(abi.encodeWithSelector(IDmcToken.DmcToken_InvalidTranche.selector, 1));
        new DmcToken(allocation);
    }

    function test_RevertWhen_TrancheAmountIsZero() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[0].amount = 0;
        vm.expectRevert(abi.encodeWithSelector(IDmcToken.DmcToken_InvalidTranche.selector, 0));
        new DmcToken(allocation);
    }

    function test_RevertWhen_TrancheDurationIsZero() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[0].duration = 0;
        allocation.tranches[0].cliff = 0;
        vm.expectRevert(abi.encodeWithSelector(IDmcToken.DmcToken_InvalidTranche.selector, 0));
        new DmcToken(allocation);
    }

    function test_RevertWhen_TrancheCliffExceedsDuration() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[1].cliff = allocation.tranches[1].duration + 1;
        vm.expectRevert(abi.encodeWithSelector(IDmcToken.DmcToken_InvalidTranche.selector, 1));
        new DmcToken(allocation);
    }

    function test_RevertWhen_TranchesExceedTheTreasuryShare() external {
        Allocation memory allocation = defaultAllocation();
        allocation.tranches[1].amount = 40_000_000e18 - TEAM_AMOUNT + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IDmcToken.DmcToken_TranchesExceedTreasury.selector, 40_000_000e18 + 1, 40_000_000e18)
        );
        new DmcToken(allocation);
    }

    function test_GivenDeployment_NothingCanMintOrBurn() external {
        // No mint or burn entry point exists: the supply is fixed for ever.
        string[4] memory signatures =
            ["mint(address,uint256)", "burn(uint256)", "burnFrom(address,uint256)", "mint(uint256)"];
        for (uint256 i; i < signatures.length; ++i) {
            (bool success,) = address(token).call(abi.encodeWithSignature(signatures[i], address(this), uint256(1)));
            assertFalse(success, signatures[i]);
        }
        assertEq(token.totalSupply(), SUPPLY, "supply unchanged");
    }
}
