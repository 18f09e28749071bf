// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice The findings of issue 15 ("Why") on delivery, each replayed as the attacker played it. Both fail on
/// the vault before issue 15 item 1 (any deposit released its day; the flag needed 7 consecutive bad days) and
/// pass now. Self-contained: only `rate` and `deliverAs`, so they run unchanged against the old vault.
contract Findings_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        sell(first, buyer, PRICE); // day 0, 10 units, PRICE over 30 days
    }

    /// @notice "Dust delivery": 80% of the market one day in seven and 1 wei on the others. Before: every day
    /// counted as delivered (14 days of escrow released, never flaggable) while holders got about 13% of the
    /// yield. Now only the days the yield actually reaches are released, and the miner is flaggable.
    function test_DustDelivery() external {
        uint256 atThreshold = DAILY_YIELD * 8 / 10;
        for (uint32 day = today; day < today + 14; ++day) {
            warpToDay(day + 1);
            rate(day, MARKET_PER_UNIT);
            deliverAs(miner, offeringId, day, (day - today) % 7 == 0 ? atThreshold : 1);
        }
        // Two threshold payments and twelve wei: day 0 and day 1 reach the threshold, nothing after.
        assertEq(vault.offering(offeringId).nextDay, today + 2, "two days delivered at the threshold");
        assertEq(vault.escrowReleased(offeringId), 2 * (PRICE / TERM), "escrow of two days, not fourteen");
        assertEq(vault.claimable(first), 2 * atThreshold + 12, "what the holder received");
        (bool canFlag, uint32 fromDay, uint32 toDay) = vault.flaggable(offeringId);
        assertTrue(canFlag, "twelve days behind");
        assertEq(fromDay, today + 2, "from the first day below the threshold");
        assertEq(toDay, today + 13, "to the last ended day");
    }

    /// @notice "Catch-up while frozen": flagged after 7 missed days, the miner deposits 1 wei for each of them
    /// while the DAO's termination is voted. Before: those days counted as delivered and 7 of the 30 days'
    /// escrow became the miner's instead of the holders' refund. Now a frozen offering moves no escrow.
    function test_CatchUpWhileFrozen() external {
        warpToDay(today + 7);
        for (uint32 day = today; day < today + 7; ++day) {
            rate(day, MARKET_PER_UNIT);
        }
        flagAs(stranger, offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");

        for (uint32 day = today; day < today + 7; ++day) {
            deliverAs(miner, offeringId, day, 1);
        }
        assertEq(vault.escrowReleased(offeringId), 0, "no escrow released while frozen");

        terminateOffering(offeringId);
        assertEq(vault.refundable(first), PRICE, "the holder's whole escrow is refundable");
        assertEq(refundAs(buyer, ids(first)), PRICE, "refunded");
        assertEq(vault.claimable(first), 7, "and the dust is the holder's yield");
    }

    /// @notice Even a full catch-up while frozen releases nothing until the DAO resumes; a termination instead
    /// refunds those days too (the holders keep the yield).
    function test_CatchUpWhileFrozen_FullDeliveryMovesNoEscrowBeforeTheDaoDecides() external {
        warpToDay(today + 7);
        flagAs(stranger, offeringId);
        for (uint32 day = today; day < today + 7; ++day) {
            rate(day, MARKET_PER_UNIT);
            deliverAs(miner, offeringId, day, DAILY_YIELD);
        }
        assertEq(vault.offering(offeringId).nextDay, today + 7, "delivered at the threshold");
        assertEq(vault.escrowReleased(offeringId), 0, "frozen: no escrow moved");
        terminateOffering(offeringId);
        assertEq(vault.refundable(first), PRICE, "terminated before a resume: all refundable");
        assertEq(vault.claimable(first), 7 * DAILY_YIELD, "the yield is the holder's");
    }
}
