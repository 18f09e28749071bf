// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {IYieldOracle} from "../../../../src/interfaces/IYieldOracle.sol";
import {DayRecord, DeliveryStatus, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice Finding (issue 15): an absurd oracle value (1e30, 2^250) made honest miners flaggable or made `flag`
/// revert with an arithmetic panic, shielding a miner who pays dust. The oracle now bounds its values, and the
/// vault does not rely on it: every market value of the whole uint range goes through `dayRecords`,
/// `flaggable` and `flag` (the oracle's answer mocked), which agree with an independent reference and never
/// panic.
contract OracleValues_RiskControlVault_Fuzz_Test is VaultTestBase {
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        sell(tokenOf(offeringId, 1), buyer, PRICE);
    }

    /// @dev The least delivery per day at the threshold: ceil(market * threshold * units / 10,000), with a
    /// requirement beyond 256 bits never met.
    function referenceRequired(uint256 market) internal view returns (uint256) {
        uint256 perMarketUnit = uint256(vault.shortThresholdBps()) * UNITS;
        if (market > type(uint256).max / perMarketUnit) return type(uint256).max;
        return (market * perMarketUnit + 9999) / 10_000;
    }

    /// @dev delivered * 10,000 < market * threshold * units, with a requirement beyond 256 bits never met.
    function referenceShort(uint256 delivered, uint256 market) internal view returns (bool) {
        return delivered < referenceRequired(market);
    }

    /// @notice The same delivery every day of a window, against any market value: delivery is cumulative and in
    /// order, so the days at the threshold are the first `floor(total / requirement)`; the offering is flaggable
    /// exactly when not even day 0 reaches it. Nothing panics for any value.
    function testFuzz_AnyMarketValue_FlagDayRecordsAndFlaggableAgreeAndNeverPanic(uint256 market, uint256 delivered)
        external
    {
        delivered = bound(delivered, 1, 1e24);
        uint32 window = vault.flagWindowDays();
        for (uint32 day = today; day < today + window; ++day) {
            vm.mockCall(
                address(oracle), abi.encodeCall(IYieldOracle.dayValue, (filCoinId, day)), abi.encode(market, true)
            );
        }
        for (uint32 day = today; day < today + window; ++day) {
            warpToDay(day + 1);
            deliverAs(miner, offeringId, day, delivered);
        }
        uint256 required = referenceRequired(market);
        uint256 deliveredDays = delivered >= required ? window : window * delivered / required;

        assertEq(vault.offering(offeringId).nextDay, today + deliveredDays, "days at the threshold, in order");
        DayRecord[] memory records = vault.dayRecords(offeringId, today, today + window - 1);
        for (uint256 i; i < records.length; ++i) {
            assertEq(records[i].marketPerUnit, market, "market value shown");
            DeliveryStatus expected = i < deliveredDays
                ? DeliveryStatus.Ok
                : (records[i].delivered == 0 ? DeliveryStatus.Missed : DeliveryStatus.Short);
            assertEq(uint8(records[i].status), uint8(expected), "status agrees with the reference");
        }
        bool behind = deliveredDays == 0;
        (bool canFlag,,) = vault.flaggable(offeringId);
        assertEq(canFlag, behind, "flaggable exactly when a window of days is behind");
        if (!behind) {
            vm.expectRevert(
                abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotFlaggable.selector, offeringId)
            );
        }
        flagAs(stranger, offeringId);
        if (behind) assertEq(uint8(vault.offering(offeringId).status), uint8(OfferingStatus.Frozen), "frozen");
    }

    /// @notice Reported through the real oracle: a value above the coin's bounds is refused there, so it never
    /// reaches the vault; one within them rates the day normally.
    function testFuzz_ReportedValue_EitherRefusedOrRatesTheDay(uint256 value) external {
        value = bound(value, 1, type(uint256).max);
        warpToDay(today + 1);
        deliverAs(miner, offeringId, today, 1); // not rated yet: it waits on day 0
        (, uint256 maxValue) = oracle.valueBounds(filCoinId);
        if (value > maxValue) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IYieldOracle.YieldOracle_ValueOutOfBounds.selector, filCoinId, value, 1, maxValue
                )
            );
            vm.prank(reporters[0]);
            oracle.report(filCoinId, today, value);
            return;
        }
        rate(today, value);
        DayRecord memory r = vault.dayRecord(offeringId, today);
        assertEq(r.marketPerUnit, value, "rated");
        assertEq(uint8(r.status), uint8(referenceShort(1, value) ? DeliveryStatus.Short : DeliveryStatus.Ok), "status");
        vault.flaggable(offeringId);
    }
}
