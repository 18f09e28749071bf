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
    uint256 internal constant MAX_AMOUNT = type(uint96).max;

    function setUp() public override {
        super.setUp();
        // The marketplace holds plenty, so that each call below is the sale itself.
        vm.prank(usdcBridge);
        usdc.mint(seller, type(uint128).max);
    }

    /// @dev Sells one lot of UNITS of `tokenId`'s offering to the buyer, which must mint `tokenId`.
    function record(uint256 tokenId, uint256 amount) internal {
        vm.prank(seller);
        uint256 minted = vault.recordPrimarySale(tokenId >> 32, buyer, UNITS, amount, false);
        assertEq(minted, tokenId, "the offering's next certificate");
    }

    /// @dev A sale of `units` of an offering (for reverts).
    function recordUnits(uint256 offeringId_, uint256 units, uint256 amount, bool fromLot) internal {
        vm.prank(seller);
        vault.recordPrimarySale(offeringId_, buyer, units, amount, fromLot);
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
        vault.recordPrimarySale(offeringId, stranger, UNITS, PRICE, false);
    }

    function test_RevertWhen_CallerIsTheMiner() external {
        vm.expectRevert(unauthorizedError(miner, vault.MARKETPLACE_ROLE()));
        vm.prank(miner);
        vault.recordPrimarySale(offeringId, miner, UNITS, PRICE, false);
    }

    function test_RevertWhen_Paused() external {
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        recordUnits(offeringId, UNITS, PRICE, false);
    }

    function test_RevertGiven_UnknownOffering() external {
        vm.expectRevert(unknownOfferingError(2));
        recordUnits(2, UNITS, PRICE, false);
    }

    function test_RevertGiven_Frozen() external {
        uint256 frozen = frozenOffering();
        vm.expectRevert(statusError(frozen, OfferingStatus.Frozen));
        recordUnits(frozen, UNITS, PRICE, false);
    }

    function test_RevertGiven_Terminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        recordUnits(offeringId, UNITS, PRICE, false);
    }

    function test_RevertGiven_Finished() external {
        warpToDay(today + TERM);
        vault.finish(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        recordUnits(offeringId, UNITS, PRICE, false);
    }

    function test_RevertWhen_BelowTheMinimumLot() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_BelowMinLot.selector, offeringId, UNITS - 1, UNITS
            )
        );
        recordUnits(offeringId, UNITS - 1, PRICE, false);
    }

    function test_RevertWhen_MoreThanOnSale() external {
        uint256 all = UNITS * COUNT;
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, all + 1, all
            )
        );
        recordUnits(offeringId, all + 1, PRICE, false);
    }

    function test_RevertWhen_BeforeTheSaleWindow() external {
        OfferingParams memory params = defaultOffering();
        params.saleStart = uint40(block.timestamp + 1 days);
        uint256 later = createOfferingAs(miner, params);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SaleNotOpen.selector, later, params.saleStart, params.saleEnd, false
            )
        );
        recordUnits(later, UNITS, PRICE, false);
    }

    function test_RevertWhen_TheSaleWasClosed() external {
        vm.prank(miner);
        vault.closeSale(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Finished));
        recordUnits(offeringId, UNITS, PRICE, false);
    }

    function test_RevertWhen_FromALotThatIsNotReserved() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, UNITS, 0)
        );
        recordUnits(offeringId, UNITS, PRICE, true);
    }

    function test_RevertWhen_ZeroUnitsFromALot() external {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, 0, 0)
        );
        recordUnits(offeringId, 0, PRICE, true);
    }

    function test_RevertWhen_AmountIsZero() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroAmount.selector));
        recordUnits(offeringId, UNITS, 0, false);
    }

    function test_RevertWhen_TotalEscrowExceedsTheAccountingLimit() external {
        record(first, MAX_AMOUNT - 1);
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AmountTooLarge.selector, 2));
        recordUnits(offeringId, UNITS, 2, false);
        record(tokenOf(offeringId, 2), 1); // up to the limit
        assertEq(offeringOf(offeringId).totalEscrow, MAX_AMOUNT, "at the limit");
    }

    function test_RevertWhen_TheTermIsOver() external {
        // A lot reserved during the window sells until the end of the term, not after.
        vm.prank(seller);
        vault.reserveLot(offeringId, miner, UNITS);
        warpToDay(today + TERM);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SalesClosed.selector, offeringId, today + TERM, today + TERM
            )
        );
        recordUnits(offeringId, UNITS, PRICE, true);
    }

    function test_RevertGiven_MinerIsSuspended() external {
        suspendMiner(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_MinerNotActive.selector, miner, MinerStatus.Suspended
            )
        );
        recordUnits(offeringId, UNITS, PRICE, false);
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

        assertEq(certificate.ownerOf(first), buyer, "minted to the buyer");
        CertificateView memory v = vault.certificateView(first);
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

    function test_WhenFromAReservedLot_ItSellsAfterTheWindowAndLeavesTheLot() external {
        OfferingParams memory params = defaultOffering();
        params.saleEnd = uint40(block.timestamp + 1 hours);
        offeringId = createOfferingAs(miner, params);
        first = tokenOf(offeringId, 1);
        vm.prank(seller);
        vault.reserveLot(offeringId, miner, 3 * UNITS);
        assertEq(vault.unitsOnSale(offeringId), UNITS * (COUNT - 3), "the lot is off sale");
        warpToDay(today + 1); // the window ended
        assertEq(vault.unitsOnSale(offeringId), 0, "nothing on sale");
        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, first, PRICE, 3 * UNITS, today + 1, 3 * UNITS);
        recordUnits(offeringId, 3 * UNITS, PRICE, true);
        Offering memory o = offeringOf(offeringId);
        assertEq(o.lotUnits, 0, "the lot left the reservation");
        assertEq(o.soldUnits, 3 * UNITS, "sold");
        assertEq(vault.certificateView(first).units, 3 * UNITS, "one certificate of the lot");
    }

    function test_WhenAnyNumberOfUnits_ItMintsOneCertificateOfThem() external {
        recordUnits(offeringId, 123, 123 * PRICE / UNITS, false);
        assertEq(certificate.balanceOf(buyer), 1, "one certificate");
        assertEq(vault.certificateView(first).units, 123, "of 123 units");
        assertEq(offeringOf(offeringId).lastIndex, 1, "index 1");
    }
}
