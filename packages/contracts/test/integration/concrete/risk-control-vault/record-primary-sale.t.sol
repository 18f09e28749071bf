// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {
    CertificateView,
    Offering,
    OfferingParams,
    OfferingStatus,
    SaleCheckpoint
} from "../../../../src/types/Offering.sol";
import {DefaultOfferingTestBase} from "../../../DefaultOfferingTestBase.t.sol";

contract RecordPrimarySale_RiskControlVault_Concrete_Test is DefaultOfferingTestBase {
    uint256 internal constant MAX_AMOUNT = type(uint128).max / 1e9;

    function setUp() public override {
        super.setUp();
        // The marketplace holds plenty, so that each call below is the sale itself.
        vm.prank(usdcBridge);
        usdc.mint(seller, type(uint128).max);
    }

    function record(uint256 tokenId, uint256 amount) internal {
        vm.prank(seller);
        vault.recordPrimarySale(tokenId, amount);
    }

    function assertCheckpoint(uint256 index, uint32 day, uint256 soldUnits, uint256 rate, string memory message)
        internal
        view
    {
        SaleCheckpoint memory c = vault.saleCheckpoint(offeringId, index);
        assertEq(c.day, day, string.concat(message, ": day"));
        assertEq(c.soldUnits, soldUnits, string.concat(message, ": soldUnits"));
        assertEq(c.rate, rate, string.concat(message, ": rate"));
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_CallerIsNotTheMarketplace() external {
        vm.expectRevert(unauthorizedError(stranger, vault.MARKETPLACE_ROLE()));
        vm.prank(stranger);
        vault.recordPrimarySale(first, PRICE);
    }

    function test_RevertWhen_CallerIsTheMiner() external {
        vm.expectRevert(unauthorizedError(miner, vault.MARKETPLACE_ROLE()));
        vm.prank(miner);
        vault.recordPrimarySale(first, PRICE);
    }

    function test_RevertWhen_Paused() external {
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        record(first, PRICE);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(2));
        record(tokenOf(2, 1), PRICE);
    }

    function test_RevertGiven_Frozen() external {
        uint256 frozen = frozenOffering();
        vm.expectRevert(statusError(frozen, OfferingStatus.Frozen));
        record(tokenOf(frozen, 2), PRICE);
    }

    function test_RevertGiven_Terminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        record(first, PRICE);
    }

    function test_RevertGiven_Finished() external {
        warpToDay(today + TERM);
        vault.finish(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        record(first, PRICE);
    }

    function test_RevertWhen_TokenDoesNotExist() external {
        vm.expectRevert(unknownCertificateError(tokenOf(offeringId, COUNT + 1)));
        record(tokenOf(offeringId, COUNT + 1), PRICE);
    }

    function test_RevertWhen_TokenWasCancelled() external {
        vm.prank(miner);
        vault.cancelUnsold(offeringId, ids(first));
        vm.expectRevert(unknownCertificateError(first));
        record(first, PRICE);
    }

    function test_RevertWhen_AlreadySold() external {
        record(first, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AlreadySold.selector, first));
        record(first, PRICE);
    }

    function test_RevertWhen_AmountIsZero() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAmount.selector));
        record(first, 0);
    }

    function test_RevertWhen_TotalEscrowExceedsTheAccountingLimit() external {
        record(first, MAX_AMOUNT - 1);
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AmountTooLarge.selector, 2));
        record(tokenOf(offeringId, 2), 2);
        record(tokenOf(offeringId, 2), 1); // up to the limit
        assertEq(offeringOf(offeringId).totalEscrow, MAX_AMOUNT, "at the limit");
    }

    function test_RevertWhen_TheTermIsOver() external {
        warpToDay(today + TERM);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SalesClosed.selector, offeringId, today + TERM, today + TERM
            )
        );
        record(first, PRICE);
    }

    function test_RevertGiven_MinerIsSuspended() external {
        suspendMiner(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_MinerNotActive.selector, miner, MinerStatus.Suspended
            )
        );
        record(first, PRICE);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenOnTheStartDay_TheStreamStartsToday() external {
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, first, PRICE, UNITS, today, UNITS);
        record(first, PRICE);

        Offering memory o = offeringOf(offeringId);
        assertEq(o.firstSaleDay, today, "first sale day");
        assertEq(o.nextDay, today, "next day");
        assertEq(o.cursor, 0, "cursor");
        assertEq(o.checkpointCount, 1, "one checkpoint");
        assertEq(o.soldUnits, UNITS, "sold units");
        assertEq(o.totalEscrow, PRICE, "escrow");
        assertCheckpoint(0, today, UNITS, PRICE * 1e9 / TERM, "checkpoint 0");
        assertEq(usdc.balanceOf(address(vault)), PRICE, "vault holds the escrow");
        assertEq(usdc.balanceOf(seller), type(uint128).max - PRICE, "pulled from the marketplace");

        CertificateView memory v = vault.certificateView(first);
        assertTrue(v.sold, "sold");
        assertEq(v.saleDay, today, "sale day");
        assertEq(v.escrow, PRICE, "escrow");
        assertEq(v.units, UNITS, "units");
    }

    function test_WhenBeforeTheStart_TheSaleDayIsTheStartDay() external {
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 5;
        uint256 later = createOfferingAs(miner, params);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(later, tokenOf(later, 1), PRICE, UNITS, today + 5, UNITS);
        record(tokenOf(later, 1), PRICE);
        warpToDay(today + 2);
        record(tokenOf(later, 2), PRICE);

        Offering memory o = offeringOf(later);
        assertEq(o.firstSaleDay, today + 5, "first sale day");
        assertEq(o.nextDay, today + 5, "next day");
        assertEq(o.checkpointCount, 1, "both sales share the start day's checkpoint");
        SaleCheckpoint memory c = vault.saleCheckpoint(later, 0);
        assertEq(c.day, today + 5, "day");
        assertEq(c.soldUnits, 2 * UNITS, "units");
        assertEq(c.rate, 2 * (PRICE * 1e9 / TERM), "rates add up");
        assertEq(vault.certificateView(tokenOf(later, 2)).saleDay, today + 5, "second's sale day");
    }

    function test_WhenSalesOnSeveralDays_ItAddsCheckpointsAndMovesTheCursor() external {
        record(first, PRICE); // day 0
        record(tokenOf(offeringId, 2), PRICE); // day 0 again: same checkpoint
        assertEq(offeringOf(offeringId).checkpointCount, 1, "one day");
        assertCheckpoint(0, today, 2 * UNITS, 2 * (PRICE * 1e9 / 30), "day 0");

        // Day 3, days 0-2 not delivered: a new checkpoint past the cursor.
        warpToDay(today + 3);
        record(tokenOf(offeringId, 3), 2700e6); // 2700 / 27 = 100 USDC a day
        assertEq(offeringOf(offeringId).checkpointCount, 2, "two days");
        assertEq(offeringOf(offeringId).cursor, 0, "cursor stays on day 0");
        assertCheckpoint(1, today + 3, 3 * UNITS, 2 * (PRICE * 1e9 / 30) + 100e6 * 1e9, "day 3");

        // Days 0-4 delivered (each at the market for the units sold by it), then a sale on day 5 (the first
        // undelivered day): the release reaches its checkpoint with day 5.
        for (uint32 day = today; day < today + 3; ++day) {
            deliver(offeringId, day, 2 * DAILY_YIELD);
        }
        deliverDays(offeringId, today + 3, today + 5, 3 * DAILY_YIELD);
        assertEq(offeringOf(offeringId).cursor, 1, "cursor on day 3");
        record(tokenOf(offeringId, 4), 2500e6); // 2500 / 25 = 100 USDC a day
        assertCheckpoint(2, today + 5, 4 * UNITS, 400e6 * 1e9, "day 5");

        warpToDay(today + 6);
        deliver(offeringId, today + 5, 4 * DAILY_YIELD);
        assertEq(offeringOf(offeringId).cursor, 2, "cursor on the day-5 checkpoint");
        // 3 days at 200, 2 days at 300, 1 day at 400 USDC.
        assertEq(vault.escrowReleased(offeringId), 600e6 + 600e6 + 400e6, "released");
    }

    function test_WhenSoldAfterDeposits_TheNewCertificateStartsAtTheAccumulator() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + 3, DAILY_YIELD);
        sell(tokenOf(offeringId, 2), buyer2, PRICE);
        assertEq(vault.claimable(tokenOf(offeringId, 2)), 0, "no earlier yield");
        assertEq(vault.claimable(first), 3 * DAILY_YIELD, "first keeps its yield");
    }

    function test_WhenOnTheLastDayOfTheTerm_ItStreamsOverOneDay() external {
        warpToDay(today + TERM - 1);
        record(first, PRICE);
        assertCheckpoint(0, today + TERM - 1, UNITS, PRICE * 1e9, "one-day stream");
        warpToDay(today + TERM);
        deliver(offeringId, today + TERM - 1, DAILY_YIELD);
        assertEq(vault.escrowReleased(offeringId), PRICE, "all released");
    }

    function test_WhenTheCertificateCameFromASplit_ItSellsItsOwnUnits() external {
        uint256 part = splitAs(miner, first, 3);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, part, 900e6, 3, today, 3);
        record(part, 900e6);
        assertEq(offeringOf(offeringId).soldUnits, 3, "sold units");
    }
}
