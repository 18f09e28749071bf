// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract CloseOffering_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function close(uint256 units) internal {
        vm.prank(manager);
        registry.closeOffering(miner, units);
    }

    function test_RevertWhen_CallerIsNotTheManager() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NotOfferingManager.selector, miner));
        vm.prank(miner);
        registry.closeOffering(miner, 0);
    }

    function test_RevertGiven_NoLiveOffering() external {
        activate(miner);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NoLiveOfferings.selector, miner));
        close(0);
    }

    function test_RevertGiven_AllOfferingsAlreadyClosed() external {
        activate(miner);
        openOffering(miner, 10);
        close(10);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_NoLiveOfferings.selector, miner));
        close(0);
    }

    function test_RevertWhen_UnitsExceedUsed() external {
        activate(miner);
        openOffering(miner, 10);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ReleaseExceedsUsed.selector, miner, 11, 10));
        close(11);
    }

    function test_GivenLiveOffering_ItReleasesTheUnitsAndDecrementsTheCount() external {
        activate(miner);
        openOffering(miner, 10);
        openOffering(miner, 20);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, 20, 10, 1);
        close(20);
        assertEq(minerRecord(miner).usedCapacity, 10, "used");
        assertEq(minerRecord(miner).liveOfferings, 1, "one left");
    }

    function test_WhenUnitsStillReservedAreZero_ItOnlyDecrementsTheCount() external {
        activate(miner);
        openOffering(miner, 10);
        vm.prank(manager);
        registry.releaseCapacity(miner, 10);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingClosed(miner, 0, 0, 0);
        close(0);
        assertEq(minerRecord(miner).liveOfferings, 0, "none left");
    }

    function test_GivenRevoked_ItClosesAndUnlocksTheStake() external {
        activate(miner);
        openOffering(miner, 10);
        revokeMiner(miner);
        close(10);
        requestUnstakeAs(miner, REQUIRED_STAKE);
        assertEq(minerRecord(miner).pendingWithdrawal, REQUIRED_STAKE, "revoked miner may leave once closed");
    }
}
