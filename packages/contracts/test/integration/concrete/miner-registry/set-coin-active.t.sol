// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract SetCoinActive_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function setActive(uint256 coinId, bool active) internal {
        vm.prank(timelock);
        registry.setCoinActive(coinId, active);
    }

    function test_RevertWhen_CoinIdIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 0));
        setActive(0, false);
    }

    function test_RevertWhen_CoinIsNotRegistered() external {
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_UnknownCoin.selector, 2));
        setActive(2, false);
    }

    function test_WhenDeactivating_ItEmitsAndStoresIt() external {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CoinActiveSet(filCoinId, false);
        setActive(filCoinId, false);
        assertFalse(registry.isCoinActive(filCoinId), "inactive");
    }

    function test_WhenReactivating_ItEmitsAndStoresIt() external {
        setActive(filCoinId, false);
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CoinActiveSet(filCoinId, true);
        setActive(filCoinId, true);
        assertTrue(registry.isCoinActive(filCoinId), "active again");
        submit(miner);
        assertStatus(miner, MinerStatus.Applied, "applications accepted again");
    }

    function test_WhenDeactivated_ApprovedMinersKeepTheirApproval() external {
        activate(miner);
        setActive(filCoinId, false);
        assertStatus(miner, MinerStatus.Active, "active miner unaffected");
        openOffering(miner, 1);
        assertEq(minerRecord(miner).usedCapacity, 1, "offering manager decides about coins");
    }
}
