// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract OpenOffering_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function test_RevertWhen_CallerIsNotTheManager() external {
        activate(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, miner));
        vm.prank(miner);
        registry.openOffering(miner, 1);
    }

    function test_RevertWhen_CallerIsTheOwner() external {
        activate(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, timelock));
        vm.prank(timelock);
        registry.openOffering(miner, 1);
    }

    function test_RevertWhen_UnitsAreZero() external {
        activate(miner);
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroUnits.selector);
        openOffering(miner, 0);
    }

    function test_RevertGiven_MinerIsUnknown() external {
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        openOffering(miner, 1);
    }

    function test_RevertGiven_MinerHasOnlyApplied() external {
        submit(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Applied));
        openOffering(miner, 1);
    }

    function test_RevertGiven_MinerIsApprovedButNotStaked() external {
        approved(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Approved));
        openOffering(miner, 1);
    }

    function test_RevertGiven_ApprovalLapsed() external {
        approved(miner);
        lapse(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.None));
        openOffering(miner, 1);
    }

    function test_RevertGiven_MinerIsSuspended() external {
        activate(miner);
        suspendMiner(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Suspended));
        openOffering(miner, 1);
    }

    function test_RevertGiven_MinerIsRevoked() external {
        activate(miner);
        revokeMiner(miner);
        vm.expectRevert(invalidStatusError(miner, MinerStatus.Revoked));
        openOffering(miner, 1);
    }

    function test_RevertGiven_MinerIsUnderCollateralized() external {
        activate(miner);
        vm.prank(timelock);
        registry.setRequiredStake(miner, REQUIRED_STAKE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_StakeBelowRequired.selector, miner, REQUIRED_STAKE, REQUIRED_STAKE + 1
            )
        );
        openOffering(miner, 1);
    }

    function test_RevertWhen_UnitsExceedCapacity() external {
        activate(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_CapacityExceeded.selector, miner, APPROVED_CAPACITY + 1, APPROVED_CAPACITY
            )
        );
        openOffering(miner, APPROVED_CAPACITY + 1);
    }

    function test_RevertWhen_UnitsExceedWhatIsFree() external {
        activate(miner);
        openOffering(miner, 700);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityExceeded.selector, miner, 101, 100));
        openOffering(miner, 101);
    }

    function test_GivenActive_ItReservesCapacityAndCountsTheOffering() external {
        activate(miner);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingOpened(miner, 300, 300, 1);
        openOffering(miner, 300);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingOpened(miner, 500, 800, 2);
        openOffering(miner, 500);

        assertEq(minerRecord(miner).usedCapacity, APPROVED_CAPACITY, "all capacity used");
        assertEq(minerRecord(miner).liveOfferings, 2, "two live offerings");
        assertEq(registry.freeCapacity(miner), 0, "nothing free");
    }

    function test_GivenActiveWithZeroRequiredStake_ItOpens() external {
        uint256 id = submit(miner);
        vm.prank(timelock);
        registry.approveApplication(id, 10, 0);
        openOffering(miner, 10);
        assertEq(minerRecord(miner).usedCapacity, 10, "used");
    }
}
