// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

contract WithdrawEscrow_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
    }

    function nothingError() internal view returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NothingToWithdraw.selector, offeringId);
    }

    function test_RevertWhen_Paused() external {
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        withdrawAs(miner, offeringId);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(9));
        withdrawAs(miner, 9);
    }

    function test_RevertWhen_CallerIsNotTheMiner() external {
        vm.expectRevert(notMinerError(offeringId, stranger));
        withdrawAs(stranger, offeringId);
    }

    function test_RevertGiven_NothingSold() external {
        vm.expectRevert(nothingError());
        withdrawAs(miner, offeringId);
    }

    function test_RevertGiven_SoldButNoDayDelivered() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        warpToDay(today + 5);
        vm.expectRevert(nothingError());
        withdrawAs(miner, offeringId);
    }

    function test_RevertGiven_Frozen() external {
        uint256 frozen = frozenOffering();
        deliver(frozen, today, DAILY_YIELD); // released, but frozen
        vm.expectRevert(statusError(frozen, OfferingStatus.Frozen));
        withdrawAs(miner, frozen);
    }

    function test_RevertGiven_EverythingReleasedIsWithdrawn() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        withdrawAs(miner, offeringId);
        vm.expectRevert(nothingError());
        withdrawAs(miner, offeringId);
    }

    function test_RevertGiven_OnlyTopUpsSinceTheLastWithdrawal() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        withdrawAs(miner, offeringId);
        deliver(offeringId, today, 1); // a top-up of a delivered day releases nothing more
        vm.expectRevert(nothingError());
        withdrawAs(miner, offeringId);
    }

    function test_WhenDaysAreDelivered_ItSendsTheirEscrow() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        sell(tokenOf(offeringId, 2), buyer2, 2 * PRICE);
        deliverDays(offeringId, today, today + 3, 2 * DAILY_YIELD);
        uint256 expected = 3 * (PRICE + 2 * PRICE) / TERM; // 900 USDC

        vm.expectEmit(address(vault));
        emit IRiskControlVault.EscrowWithdrawn(offeringId, miner, expected, expected);
        assertEq(withdrawAs(miner, offeringId), expected, "amount");
        assertEq(usdc.balanceOf(miner), expected, "miner USDC");
        assertEq(offeringOf(offeringId).escrowWithdrawn, expected, "withdrawn");
        assertEq(vault.withdrawable(offeringId), 0, "nothing left");

        deliverDays(offeringId, today + 3, today + 4, 2 * DAILY_YIELD);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.EscrowWithdrawn(offeringId, miner, 300e6, expected + 300e6);
        assertEq(withdrawAs(miner, offeringId), 300e6, "one more day");
    }

    function test_WhenEveryDayIsDelivered_ItSendsAllOfTheEscrowIncludingDust() external {
        // 1000.000001 USDC over 30 days: the daily rate rounds down, the last day carries the dust.
        uint256 price = 1000e6 + 1;
        sell(tokenOf(offeringId, 1), buyer, price);
        deliverDays(offeringId, today, today + TERM - 1, DAILY_YIELD);
        uint256 beforeLast = withdrawAs(miner, offeringId);
        assertEq(beforeLast, price * 29 / 30, "29 days, rounded down");
        deliverDays(offeringId, today + TERM - 1, today + TERM, DAILY_YIELD);
        assertEq(withdrawAs(miner, offeringId), price - beforeLast, "the rest");
        assertEq(usdc.balanceOf(miner), price, "all of it");
        assertEq(usdc.balanceOf(address(vault)), 0, "vault empty");
    }

    function test_GivenTerminated_TheMinerWithdrawsTheDeliveredPart() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        deliverDays(offeringId, today, today + 10, DAILY_YIELD);
        terminateOffering(offeringId);
        assertEq(withdrawAs(miner, offeringId), PRICE / 3, "10 of 30 days");
        assertEq(refundAs(buyer, ids(tokenOf(offeringId, 1))), PRICE * 2 / 3, "20 of 30 days back");
        assertEq(usdc.balanceOf(address(vault)), 0, "vault empty");
    }

    function test_GivenFinished_TheMinerWithdrawsEverything() external {
        sell(tokenOf(offeringId, 1), buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        assertEq(withdrawAs(miner, offeringId), PRICE, "all");
    }

    function test_GivenResumed_TheMinerWithdrawsWhatWasReleasedWhileFrozen() external {
        uint256 frozen = frozenOffering();
        deliver(frozen, today, DAILY_YIELD);
        deliver(frozen, today + 1, DAILY_YIELD);
        resumeOffering(frozen);
        assertEq(withdrawAs(miner, frozen), 2 * PRICE / TERM, "two days");
    }
}
