// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../../../Base.t.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

contract Permit_DmcToken_Concrete_Test is Base {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function setUp() public override {
        super.setUp();
        fund(alice, 1000e18);
    }

    function test_WhenPermitIsSigned_TheSpenderCanTransfer() external {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(bob, 600e18, 0, deadline);
        token.permit(alice, bob, 600e18, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 600e18, "allowance from the permit");

        vm.prank(bob);
        assertTrue(token.transferFrom(alice, carol, 600e18), "transferFrom");
        assertEq(token.balanceOf(carol), 600e18, "carol received");
        assertEq(token.allowance(alice, bob), 0, "allowance spent");
    }

    function test_RevertWhen_PermitDeadlinePassed() external {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(bob, 1, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 1, deadline, v, r, s);
    }

    function test_RevertWhen_PermitSignedForAnotherValue() external {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(bob, 1, 0, deadline);
        vm.expectRevert(); // ERC2612InvalidSigner with a recovered address we cannot predict
        token.permit(alice, bob, 2, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 0, "no allowance");
    }

    function _signPermit(address spender, uint256 value, uint256 nonce, uint256 deadline)
        private
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, alice, spender, value, nonce, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(alicePk, digest);
    }
}
