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

    /// @dev delivered * 10,000 < market * threshold * units, with a requirement beyond 256 bits never met.
    function referenceShort(uint256 delivered, uint256 market) internal view returns (bool) {
        uint256 perMarketUnit = uint256(vault.shortThresholdBps()) * UNITS;
        if (market > type(uint256).max / perMarketUnit) return true;
        return delivered * 10_000 < market * perMarketUnit;
    }

    function testFuzz_AnyMarketValue_FlagDayRecordsAndFlaggableAgreeAndNeverPanic(uint256 market, uint256 delivered)
        external
    {
        delivered = bound(delivered, 1, 1e24);
        uint32 window = vault.flagWindowDays();
        deliverDays(offeringId, today, today + window, delivered);
        for (uint32 day = today; day < today + window; ++day) {
            vm.mockCall(
                address(oracle), abi.encodeCall(IYieldOracle.dayValue, (filCoinId, day)), abi.encode(market, true)
            );
        }
        bool short = referenceShort(delivered, market);

        DayRecord[] memory records = vault.dayRecords(offeringId, today, today + window - 1);
        for (uint256 i; i < records.length; ++i) {
            assertEq(records[i].marketPerUnit, market, "market value shown");
            assertEq(
                uint8(records[i].status),
                uint8(short ? DeliveryStatus.Short : DeliveryStatus.Ok),
                "status agrees with the reference"
            );
        }
        (bool canFlag,,) = vault.flaggable(offeringId);
        assertEq(canFlag, short, "flaggable exactly when every day is short");
        if (!short) {
            vm.expectRevert(
                abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NotFlaggable.selector, offeringId)
            );
        }
        flagAs(stranger, offeringId);
        if (short) assertEq(uint8(vault.offering(offeringId).status), uint8(OfferingStatus.Frozen), "frozen");
    }

    /// @notice Reported through the real oracle: a value above the coin's bounds is refused there, so it never
    /// reaches the vault; one within them rates the day normally.
    function testFuzz_ReportedValue_EitherRefusedOrRatesTheDay(uint256 value) external {
        value = bound(value, 1, type(uint256).max);
        deliverDays(offeringId, today, today + 1, 1);
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
