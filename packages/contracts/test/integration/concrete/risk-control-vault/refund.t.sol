// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {BridgedToken} from "../../../../src/mocks/BridgedToken.sol";
import {CertificateView, OfferingParams} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract Refund_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;
    uint256 internal second;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        second = tokenOf(offeringId, 2);
        sell(first, buyer, PRICE);
    }

    function nothingError(uint256 tokenId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NothingToRefund.selector, tokenId);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_NoTokens() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_NoTokens.selector));
        refundAs(buyer, new uint256[](0));
    }

    function test_RevertWhen_CallerIsNotTheOwner() external {
        terminateOffering(offeringId);
        vm.expectRevert(notOwnerError(first, stranger));
        refundAs(stranger, ids(first));
    }

    function test_RevertWhen_TokenDoesNotExist() external {
        terminateOffering(offeringId);
        vm.expectRevert(unknownCertificateError(tokenOf(7, 1)));
        refundAs(buyer, ids(tokenOf(7, 1)));
    }

    function test_RevertGiven_NotTerminated() external {
        vm.expectRevert(nothingError(first));
        refundAs(buyer, ids(first));
    }

    function test_RevertGiven_Frozen() external {
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        vm.expectRevert(nothingError(first));
        refundAs(buyer, ids(first));
    }

    function test_RevertGiven_TheCertificateIsUnsold() external {
        terminateOffering(offeringId);
        vm.expectRevert(unknownCertificateError(second));
        refundAs(miner, ids(second));
    }

    function test_RevertGiven_AlreadyRefunded() external {
        terminateOffering(offeringId);
        refundAs(buyer, ids(first));
        vm.expectRevert(nothingError(first));
        refundAs(buyer, ids(first));
    }

    function test_RevertWhen_ListedTwice() external {
        terminateOffering(offeringId);
        vm.expectRevert(nothingError(first));
        refundAs(buyer, ids(first, first));
    }

    function test_RevertGiven_EveryDayWasDelivered() external {
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        terminateOffering(offeringId);
        vm.expectRevert(nothingError(first));
        refundAs(buyer, ids(first));
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_GivenTerminated_ItPaysTheUndeliveredDays() external {
        deliverDays(offeringId, today, today + 4, DAILY_YIELD);
        terminateOffering(offeringId);
        uint256 expected = PRICE * 26 / 30;
        assertEq(vault.refundable(first), expected, "refundable");

        vm.expectEmit(address(vault));
        emit IRiskControlVault.Refunded(offeringId, first, buyer, expected);
        vm.expectEmit(address(certificate));
        emit IERC4906.MetadataUpdate(first);
        assertEq(refundAs(buyer, ids(first)), expected, "total");

        assertEq(usdc.balanceOf(buyer), expected, "paid");
        assertEq(offeringOf(offeringId).escrowRefunded, expected, "escrow refunded");
        CertificateView memory v = vault.certificateView(first);
        assertTrue(v.refunded, "refunded");
        assertEq(v.refundable, 0, "nothing left");
        assertEq(v.escrowReleased, PRICE - expected, "the delivered part");
        assertEq(withdrawAs(miner, offeringId), PRICE - expected, "the miner keeps the delivered part");
        assertEq(usdc.balanceOf(address(vault)), 0, "vault empty");
    }

    function test_GivenARoundingRemainder_ItRoundsDown() external {
        uint256 price = 1000e6 + 2;
        sell(second, buyer2, price);
        deliverDays(offeringId, today, today + 1, 2 * DAILY_YIELD);
        terminateOffering(offeringId);
        assertEq(refundAs(buyer2, ids(second)), (price * 29) / 30, "floor(escrow * 29 / 30)");
        assertEq(usdc.balanceOf(buyer2), 966_666_668, "966.666668 USDC");
    }

    function test_GivenSeveralCertificatesAndSaleDays_ItPaysEachItsOwnStream() external {
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        sell(second, buyer, 2800e6); // day 2: streams over 28 days
        warpToDay(today + 6); // days 2-5 missed
        terminateOffering(offeringId);
        assertEq(vault.refundable(first), PRICE * 28 / 30, "first: 28 of 30 days undelivered");
        assertEq(vault.refundable(second), 2800e6, "second: none of its days delivered");
        assertEq(refundAs(buyer, ids(first, second)), PRICE * 28 / 30 + 2800e6, "total");
        assertEq(usdc.balanceOf(address(vault)), PRICE * 2 / 30, "the miner's two days");
    }

    function test_WhenTransferredAfterTermination_TheNewOwnerIsRefunded() external {
        terminateOffering(offeringId);
        transferCert(buyer, buyer2, first);
        vm.expectRevert(notOwnerError(first, buyer));
        refundAs(buyer, ids(first));
        assertEq(refundAs(buyer2, ids(first)), PRICE, "new owner");
    }

    function test_WhenCertificatesOfSeveralPaymentTokens_ItPaysEachToken() external {
        BridgedToken dai = new BridgedToken("Dai", "DAI", 18, timelock, usdcBridge);
        vm.prank(timelock);
        vault.setPaymentToken(address(dai), true);
        OfferingParams memory params = defaultOffering();
        params.paymentToken = address(dai);
        uint256 daiOffering = createOfferingAs(miner, params);
        vm.prank(usdcBridge);
        dai.mint(seller, 3000e18);
        vm.startPrank(seller);
        dai.approve(address(vault), 3000e18);
        uint256 daiToken = vault.recordPrimarySale(daiOffering, buyer, UNITS, 3000e18, false);
        vm.stopPrank();
        sell(second, buyer, PRICE);

        terminateOffering(offeringId);
        terminateOffering(daiOffering);
        uint256[] memory list = new uint256[](3);
        (list[0], list[1], list[2]) = (first, daiToken, second);
        assertEq(refundAs(buyer, list), 2 * PRICE + 3000e18, "total adds both tokens");
        assertEq(usdc.balanceOf(buyer), 2 * PRICE, "USDC");
        assertEq(dai.balanceOf(buyer), 3000e18, "DAI");
    }
}
