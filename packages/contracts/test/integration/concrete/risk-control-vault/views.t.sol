// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {
    CertificateView,
    DayRecord,
    DeliveryStatus,
    OfferingStatus,
    SaleCheckpoint
} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract Views_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    /*//////////////////////////////////////////////////////////////
                          UNKNOWN OFFERINGS
    //////////////////////////////////////////////////////////////*/

    function test_RevertGiven_UnknownOffering_EveryOfferingViewReverts() external {
        uint256 unknown = offeringId + 1;
        vm.expectRevert(unknownOfferingError(unknown));
        vault.offering(unknown);
        vm.expectRevert(unknownOfferingError(unknown));
        vault.saleCheckpoint(unknown, 0);
        vm.expectRevert(unknownOfferingError(unknown));
        vault.escrowReleased(unknown);
        vm.expectRevert(unknownOfferingError(unknown));
        vault.withdrawable(unknown);
        vm.expectRevert(unknownOfferingError(unknown));
        vault.certificateView(tokenOf(unknown, 1));
        vm.expectRevert(unknownOfferingError(unknown));
        vault.claimable(tokenOf(unknown, 1));
        vm.expectRevert(unknownOfferingError(unknown));
        vault.refundable(tokenOf(unknown, 1));
        vm.expectRevert(unknownOfferingError(unknown));
        vault.dayRecord(unknown, today);
        vm.expectRevert(unknownOfferingError(unknown));
        vault.dayRecords(unknown, today, today);
        vm.expectRevert(unknownOfferingError(unknown));
        vault.flaggable(unknown);
        vm.expectRevert(unknownOfferingError(0));
        vault.offering(0);
    }

    function test_RevertGiven_UnknownCertificate_CertificateViewsRevert() external {
        uint256 missing = tokenOf(offeringId, COUNT + 1);
        vm.expectRevert(unknownCertificateError(missing));
        vault.certificateView(missing);
        vm.expectRevert(unknownCertificateError(missing));
        vault.claimable(missing);
        vm.expectRevert(unknownCertificateError(missing));
        vault.refundable(missing);
        uint256 indexZero = tokenOf(offeringId, 0);
        vm.expectRevert(unknownCertificateError(indexZero));
        vault.certificateView(indexZero);
    }

    /*//////////////////////////////////////////////////////////////
                       OFFERING AND CHECKPOINTS
    //////////////////////////////////////////////////////////////*/

    function test_SaleCheckpoint_PastTheCountIsEmpty() external {
        sell(first, buyer, PRICE);
        SaleCheckpoint memory c = vault.saleCheckpoint(offeringId, 1);
        assertEq(c.day, 0, "day");
        assertEq(c.soldUnits, 0, "units");
        assertEq(c.rate, 0, "rate");
        assertEq(vault.saleCheckpoint(offeringId, 0).day, today, "index 0");
    }

    function test_EscrowReleasedAndWithdrawable_FollowDeliveriesWithdrawalsAndFreezes() external {
        assertEq(vault.escrowReleased(offeringId), 0, "nothing sold");
        assertEq(vault.withdrawable(offeringId), 0, "nothing sold");
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 3, DAILY_YIELD);
        assertEq(vault.escrowReleased(offeringId), 300e6, "three days");
        assertEq(vault.withdrawable(offeringId), 300e6, "withdrawable");
        withdrawAs(miner, offeringId);
        assertEq(vault.escrowReleased(offeringId), 300e6, "released stays");
        assertEq(vault.withdrawable(offeringId), 0, "withdrawn");
        warpToDay(today + 4);
        deliver(offeringId, today + 3, DAILY_YIELD);
        warpToDay(today + 11);
        flagAs(stranger, offeringId);
        assertEq(vault.escrowReleased(offeringId), 400e6, "released while frozen");
        assertEq(vault.withdrawable(offeringId), 0, "frozen");
    }

    /*//////////////////////////////////////////////////////////////
                          CERTIFICATE VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_CertificateView_RevertWhen_Unsold() external {
        // Unsold units have no certificate.
        vm.expectRevert(unknownCertificateError(first));
        vault.certificateView(first);
        vm.expectRevert(unknownCertificateError(first));
        vault.claimable(first);
    }

    function test_CertificateView_SoldAndPartlyDelivered() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 6, DAILY_YIELD);
        CertificateView memory v = vault.certificateView(first);
        assertEq(v.units, UNITS, "units");
        assertEq(v.saleDay, today, "sale day");
        assertEq(v.escrow, PRICE, "escrow");
        assertEq(v.escrowReleased, PRICE * 6 / 30, "six days released");
        assertEq(v.refundable, 0, "not terminated");
        assertEq(v.claimableYield, 6 * DAILY_YIELD, "yield");
    }

    function test_CertificateView_TerminatedThenRefunded() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 6, DAILY_YIELD);
        terminateOffering(offeringId);
        CertificateView memory v = vault.certificateView(first);
        assertEq(v.refundable, PRICE * 24 / 30, "refundable");
        assertEq(vault.refundable(first), PRICE * 24 / 30, "refundable view");
        refundAs(buyer, ids(first));
        v = vault.certificateView(first);
        assertTrue(v.refunded, "refunded");
        assertEq(v.refundable, 0, "paid");
        assertEq(v.escrowReleased, PRICE * 6 / 30, "released unchanged");
    }

    function test_CertificateView_OfASplitPart() external {
        sell(first, buyer, PRICE);
        uint256 part = splitAs(buyer, first, 2);
        CertificateView memory v = vault.certificateView(part);
        assertEq(v.offeringId, offeringId, "offering");
        assertEq(v.units, 2, "units");
        assertEq(v.escrow, PRICE / 5, "escrow");
        assertEq(v.saleDay, today, "sale day");
    }

    /*//////////////////////////////////////////////////////////////
                             DAY RECORDS
    //////////////////////////////////////////////////////////////*/

    function test_DayRecord_NoneWhileNothingIsSold() external {
        warpToDay(today + 3);
        DayRecord memory r = vault.dayRecord(offeringId, today);
        assertDayRecord(r, DayRecord(today, 0, 0, 0, 0, DeliveryStatus.None), "nothing sold");
    }

    function test_DayRecord_EveryStatus() external {
        warpToDay(today + 1);
        sell(first, buyer, PRICE); // first sale on day 1
        deliverAndRateDays(offeringId, today + 1, today + 2, DAILY_YIELD); // day 1 ok
        deliverAndRateDays(offeringId, today + 2, today + 3, DAILY_YIELD / 2); // day 2 short
        warpToDay(today + 6); // days 3-5 missed, 6 is today

        assertDayRecord(
            vault.dayRecord(offeringId, today),
            DayRecord(today, 0, 0, 0, 0, DeliveryStatus.None),
            "before the first sale"
        );
        assertDayRecord(
            vault.dayRecord(offeringId, today + 1),
            DayRecord(today + 1, DAILY_YIELD, UNITS, MARKET_PER_UNIT, MARKET_PER_UNIT, DeliveryStatus.Ok),
            "ok"
        );
        assertDayRecord(
            vault.dayRecord(offeringId, today + 2),
            DayRecord(today + 2, DAILY_YIELD / 2, UNITS, MARKET_PER_UNIT / 2, MARKET_PER_UNIT, DeliveryStatus.Short),
            "short"
        );
        assertDayRecord(
            vault.dayRecord(offeringId, today + 4),
            DayRecord(today + 4, 0, UNITS, 0, 0, DeliveryStatus.Missed),
            "missed"
        );
        assertDayRecord(
            vault.dayRecord(offeringId, today + 6), DayRecord(today + 6, 0, UNITS, 0, 0, DeliveryStatus.Open), "today"
        );
        assertDayRecord(
            vault.dayRecord(offeringId, today + 20),
            DayRecord(today + 20, 0, UNITS, 0, 0, DeliveryStatus.Open),
            "future"
        );
        assertDayRecord(
            vault.dayRecord(offeringId, today + TERM),
            DayRecord(today + TERM, 0, 0, 0, 0, DeliveryStatus.None),
            "after the term"
        );
        // A rated day that was not delivered stays missed (its market value is shown).
        rate(today + 4, MARKET_PER_UNIT);
        assertDayStatus(offeringId, today + 4, DeliveryStatus.Missed, "missed though rated");
    }

    function test_DayRecord_WaitingForTheOracle() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 2);
        deliverAs(miner, offeringId, today + 1, DAILY_YIELD); // day 0 not rated yet: all of it waits there
        assertDayRecord(
            vault.dayRecord(offeringId, today),
            DayRecord(today, DAILY_YIELD, UNITS, MARKET_PER_UNIT, 0, DeliveryStatus.Delivered),
            "delivered, not rated"
        );
        assertDayStatus(offeringId, today + 1, DeliveryStatus.Missed, "day 1: nothing reached it");
    }

    function test_DayRecord_SoldUnitsAreTheUnitsSoldByThatDay() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 2);
        sell(tokenOf(offeringId, 2), buyer, PRICE);
        sell(tokenOf(offeringId, 3), buyer, PRICE);
        warpToDay(today + 5);
        sell(tokenOf(offeringId, 4), buyer, PRICE);
        uint256[7] memory expected = [uint256(10), 10, 30, 30, 30, 40, 40];
        DayRecord[] memory records = vault.dayRecords(offeringId, today, today + 6);
        for (uint256 i; i < 7; ++i) {
            assertEq(records[i].soldUnits, expected[i], "sold units by the day");
        }
    }

    function test_DayRecord_MarketValueMakesTheDifferenceAtTheThreshold() external {
        sell(first, buyer, PRICE);
        warpToDay(today + 2);
        deliver(offeringId, today, DAILY_YIELD * 8 / 10);
        deliver(offeringId, today + 1, DAILY_YIELD * 8 / 10 - 1);
        assertDayStatus(offeringId, today, DeliveryStatus.Ok, "exactly 80%");
        assertDayStatus(offeringId, today + 1, DeliveryStatus.Short, "just below 80%");
    }

    function test_DayRecords_ReturnsTheRangeInOrder() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 2, DAILY_YIELD);
        DayRecord[] memory records = vault.dayRecords(offeringId, today - 1, today + 3);
        assertEq(records.length, 5, "length");
        for (uint256 i; i < records.length; ++i) {
            assertEq(records[i].day, uint256(today) - 1 + i, "day");
        }
        assertEq(uint256(records[0].status), uint256(DeliveryStatus.None), "before");
        assertEq(uint256(records[1].status), uint256(DeliveryStatus.Ok), "day 0");
        assertEq(uint256(records[2].status), uint256(DeliveryStatus.Ok), "day 1");
        assertEq(uint256(records[3].status), uint256(DeliveryStatus.Open), "today");
        assertEq(records[1].delivered, DAILY_YIELD, "delivered");
    }

    function test_DayRecords_OneDay() external view {
        DayRecord[] memory records = vault.dayRecords(offeringId, today, today);
        assertEq(records.length, 1, "one");
        assertEq(records[0].day, today, "day");
    }

    function test_DayRecords_TheLongestRange() external view {
        DayRecord[] memory records = vault.dayRecords(offeringId, today, today + 365);
        assertEq(records.length, 366, "366 days");
        assertEq(records[365].day, today + 365, "last");
    }

    function test_DayRecords_AtTheEndOfTheDayNumbers() external view {
        uint32 max = type(uint32).max;
        DayRecord[] memory records = vault.dayRecords(offeringId, max - 1, max);
        assertEq(records.length, 2, "two days");
        assertEq(records[1].day, max, "last day number");
    }

    function test_RevertWhen_DayRecordsRangeIsReversed() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_InvalidRange.selector, today + 1, today)
        );
        vault.dayRecords(offeringId, today + 1, today);
    }

    function test_RevertWhen_DayRecordsRangeIsTooLong() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_RangeTooLong.selector, today, today + 366)
        );
        vault.dayRecords(offeringId, today, today + 366);
    }

    /*//////////////////////////////////////////////////////////////
                          ADMIN-SIDE VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_Getters() external view {
        assertOfferingStatus(offeringId, OfferingStatus.Active, "active");
        assertEq(vault.frozenOfferingsOf(miner), 0, "not frozen");
        assertEq(vault.offeringCount(), 1, "count");
        assertTrue(vault.isPaymentToken(address(usdc)), "usdc");
        assertFalse(vault.isPaymentToken(address(ifil)), "ifil");
        assertEq(address(vault.certificate()), address(certificate), "certificate");
        assertEq(address(vault.registry()), address(registry), "registry");
        assertEq(address(vault.oracle()), address(oracle), "oracle");
    }
}
