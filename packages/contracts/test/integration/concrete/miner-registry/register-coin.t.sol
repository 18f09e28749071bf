// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {BridgedToken} from "../../../../src/mocks/BridgedToken.sol";
import {Coin} from "../../../../src/types/Miner.sol";
import {MinerRegistryBase} from "../../../MinerRegistryBase.t.sol";

contract RegisterCoin_MinerRegistry_Concrete_Test is MinerRegistryBase {
    function bitcoin() internal returns (Coin memory) {
        BridgedToken wbtc = new BridgedToken("Bridged Bitcoin", "XBTC", 8, timelock, makeAddr("bridge"));
        return Coin({name: "Bitcoin", unitName: "TH/s", unitSize: 1, yieldToken: address(wbtc), displayDecimals: 8});
    }

    function register(Coin memory coin_) internal returns (uint256) {
        vm.prank(timelock);
        return registry.registerCoin(coin_);
    }

    function test_RevertWhen_NameIsEmpty() external {
        Coin memory coin_ = bitcoin();
        coin_.name = "";
        vm.expectRevert(IMinerRegistry.MinerRegistry_EmptyCoinName.selector);
        register(coin_);
    }

    function test_RevertWhen_UnitNameIsEmpty() external {
        Coin memory coin_ = bitcoin();
        coin_.unitName = "";
        vm.expectRevert(IMinerRegistry.MinerRegistry_EmptyUnitName.selector);
        register(coin_);
    }

    function test_RevertWhen_UnitSizeIsZero() external {
        Coin memory coin_ = bitcoin();
        coin_.unitSize = 0;
        vm.expectRevert(IMinerRegistry.MinerRegistry_ZeroUnitSize.selector);
        register(coin_);
    }

    function test_RevertWhen_YieldTokenIsZero() external {
        Coin memory coin_ = bitcoin();
        coin_.yieldToken = address(0);
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidToken.selector, address(0)));
        register(coin_);
    }

    function test_RevertWhen_YieldTokenHasNoCode() external {
        Coin memory coin_ = bitcoin();
        coin_.yieldToken = alice;
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidToken.selector, alice));
        register(coin_);
    }

    function test_WhenCoinIsValid_ItStoresItActiveWithTheNextId() external {
        Coin memory coin_ = bitcoin();
        uint256 coinId = register(coin_);

        assertEq(coinId, 2, "second coin (the base registered Filecoin)");
        assertEq(registry.coinCount(), 2, "coin count");
        assertTrue(registry.isCoinActive(coinId), "new coin is active");
        Coin memory stored = registry.coin(coinId);
        assertEq(stored.name, "Bitcoin", "name");
        assertEq(stored.unitName, "TH/s", "unit name");
        assertEq(stored.unitSize, 1, "unit size");
        assertEq(stored.yieldToken, coin_.yieldToken, "yield token");
        assertEq(uint256(stored.displayDecimals), 8, "display decimals");

        Coin memory fil = registry.coin(filCoinId);
        assertEq(filCoinId, 1, "ids start at 1");
        assertEq(fil.unitName, "TiB", "first coin kept");
    }

    function test_WhenCoinIsValid_ItEmitsCoinRegistered() external {
        Coin memory coin_ = bitcoin();
        vm.expectEmit(address(registry));
        emit IMinerRegistry.CoinRegistered(2, coin_.yieldToken, "Bitcoin", "TH/s", 1, 8);
        register(coin_);
    }

    function test_WhenYieldTokenIsShared_ItRegistersAnotherCoin() external {
        // Two coins may pay in the same token (e.g. the same coin sold in two unit sizes).
        Coin memory coin_ = filecoin();
        coin_.unitName = "PiB";
        coin_.unitSize = 1024;
        uint256 coinId = register(coin_);
        assertEq(registry.coin(coinId).yieldToken, address(ifil), "shared yield token");
        assertEq(registry.coin(coinId).unitSize, 1024, "unit size");
    }
}
