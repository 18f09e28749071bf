// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {BridgedToken} from "../../../../src/mocks/BridgedToken.sol";
import {Test} from "../../../utils/Test.sol";

contract Bridge_BridgedToken_Concrete_Test is Test {
    BridgedToken internal token;
    address internal admin;
    address internal bridge;
    address internal miner;

    function setUp() public {
        admin = makeAddr("timelock");
        bridge = makeAddr("bridge");
        miner = makeAddr("miner");
        token = new BridgedToken("Bridged Bitcoin", "XBTC", 8, admin, bridge);
    }

    function test_WhenDeployed_ItHasTheBridgedCoinsDecimals() external view {
        assertEq(token.decimals(), 8, "decimals");
        assertEq(token.symbol(), "XBTC", "symbol");
        assertEq(token.totalSupply(), 0, "no supply until bridged in");
    }

    function test_WhenTheBridgeMints_SupplyAppears() external {
        vm.prank(bridge);
        token.mint(miner, 2e8);
        assertEq(token.balanceOf(miner), 2e8, "miner received 2 XBTC");
        assertEq(token.totalSupply(), 2e8, "supply");
    }

    function test_RevertWhen_SomeoneElseMints() external {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, miner, token.BRIDGE_ROLE())
        );
        vm.prank(miner);
        token.mint(miner, 1);
    }

    function test_WhenTheBridgeBurnsWithApproval_SupplyDisappears() external {
        vm.prank(bridge);
        token.mint(miner, 5e8);
        vm.prank(miner);
        token.approve(bridge, 3e8);
        vm.prank(bridge);
        token.burnFrom(miner, 3e8);
        assertEq(token.balanceOf(miner), 2e8, "balance after bridging out");
        assertEq(token.totalSupply(), 2e8, "supply after bridging out");
    }

    function test_RevertWhen_TheBridgeBurnsWithoutApproval() external {
        vm.prank(bridge);
        token.mint(miner, 5e8);
        vm.expectRevert(); // ERC20InsufficientAllowance(bridge, 0, 1)
        vm.prank(bridge);
        token.burnFrom(miner, 1);
        assertEq(token.balanceOf(miner), 5e8, "nothing burned");
    }

    function test_WhenTheAdminRevokesTheBridge_ItCanNoLongerMint() external {
        bytes32 role = token.BRIDGE_ROLE();
        vm.prank(admin);
        token.revokeRole(role, bridge);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bridge, role));
        vm.prank(bridge);
        token.mint(miner, 1);
    }
}
