// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {Offering, OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice Escrow through the vault with random prices (1 unit to 1e29), units, sale days (before and during
/// the term), delivered days and termination day. Expected figures come from the definitions, not from the
/// vault: a certificate sold for `price` on `saleDay` streams over `span = endDay - saleDay` days; after
/// termination with first undelivered day `nextDay`, its refund is `floor(price × (endDay - max(saleDay,
/// nextDay)) / span)`.
contract Escrow_RiskControlVault_Fuzz_Test is VaultTestBase {
    uint256 internal constant MAX_AMOUNT = type(uint96).max; // an offering's escrow fits 96 bits
    uint256 internal constant MAX_CERTIFICATES = 8;

    struct Plan {
        uint256 seed;
        uint32 created;
        uint32 startDay;
        uint32 endDay;
        uint256 count;
        uint256 deliveredDays; // days delivered counted from the first sale
        uint32 terminationDay;
    }

    struct Sale {
        uint256 tokenId;
        address holder;
        uint256 price;
        uint32 sellOn; // the day the marketplace records it
        uint32 saleDay; // the day its stream starts
        bool sold;
    }

    function setUp() public override {
        super.setUp();
        activate(miner);
        vm.prank(timelock);
        registry.setCapacity(miner, 1e18);
        // Units up to 1e18: a market of 1 per unit keeps a day's requirement within the vault's amounts.
        autoMarketPerUnit = 1;
    }

    function randomIn(uint256 seed, uint256 salt, uint256 min, uint256 max) internal pure returns (uint256) {
        return bound(uint256(keccak256(abi.encode(seed, salt))), min, max);
    }

    /// @dev A price of random magnitude: up to 10^k for a random k in [0, 29], at most MAX_AMOUNT / count.
    function randomPrice(uint256 seed, uint256 i, uint256 count) internal pure returns (uint256) {
        uint256 magnitude = 10 ** randomIn(seed, 1000 + i, 0, 29);
        uint256 cap = MAX_AMOUNT / count;
        return randomIn(seed, 2000 + i, 1, magnitude < cap ? magnitude : cap);
    }

    function createPlanned(Plan memory plan, uint256 termDays, uint256 unitsPerCertificate)
        internal
        returns (uint256 offeringId)
    {
        OfferingParams memory params = defaultOffering();
        params.startDay = plan.startDay;
        params.termDays = SafeCast.toUint32(termDays);
        params = withLots(params, SafeCast.toUint64(unitsPerCertificate), plan.count);
        params.saleEnd = SafeCast.toUint40(uint256(plan.endDay) * 1 days);
        offeringId = createOfferingAs(miner, params);
    }

    /// @dev Runs the days from creation to the termination day: each day, delivers what is due (up to the
    /// planned number of days after the first sale), then records the sales planned for that day.
    function run(uint256 offeringId, Plan memory plan, Sale[] memory sales) internal {
        uint32 target;
        for (uint32 day = plan.created; day <= plan.terminationDay; ++day) {
            warpToDay(day);
            Offering memory o = offeringOf(offeringId);
            if (o.checkpointCount != 0) {
                for (uint32 next = o.nextDay; next < day && next < target; ++next) {
                    deliver(offeringId, next, offeringOf(offeringId).soldUnits); // at the threshold
                }
            }
            if (day == plan.terminationDay) break;
            for (uint256 i; i < sales.length; ++i) {
                if (sales[i].sellOn != day || day >= plan.endDay) continue;
                // Certificates are minted at their sale, numbered in sale order.
                sales[i].tokenId = sellUnits(offeringId, sales[i].holder, offeringOf(offeringId).minLot, sales[i].price);
                sales[i].sold = true;
                sales[i].saleDay = day > plan.startDay ? day : plan.startDay;
                if (target == 0) {
                    uint256 t = uint256(sales[i].saleDay) + plan.deliveredDays;
                    target = SafeCast.toUint32(t < plan.endDay ? t : plan.endDay);
                }
            }
        }
    }

    function testFuzz_ReleasedPlusRefundedNeverExceedsTheEscrow(
        uint256 seed,
        uint256 termDays,
        uint256 startDelay,
        uint256 count,
        uint256 unitsPerCertificate,
        uint256 deliveredDays,
        uint256 terminationDelay
    ) external {
        termDays = bound(termDays, 1, 40);
        startDelay = bound(startDelay, 0, 5);
        Plan memory plan;
        plan.seed = seed;
        plan.count = bound(count, 1, MAX_CERTIFICATES);
        plan.created = today;
        plan.startDay = today + SafeCast.toUint32(startDelay);
        plan.endDay = plan.startDay + SafeCast.toUint32(termDays);
        plan.deliveredDays = bound(deliveredDays, 0, termDays);
        plan.terminationDay = today + SafeCast.toUint32(bound(terminationDelay, 0, startDelay + termDays + 3));
        uint256 offeringId = createPlanned(plan, termDays, bound(unitsPerCertificate, 1, 1e18 / MAX_CERTIFICATES));

        Sale[] memory sales = new Sale[](plan.count);
        for (uint256 i; i < plan.count; ++i) {
            sales[i].tokenId = tokenOf(offeringId, i + 1);
            sales[i].holder = address(SafeCast.toUint160(0xB0000 + i));
            sales[i].price = randomPrice(seed, i, plan.count);
            sales[i].sellOn = today + SafeCast.toUint32(randomIn(seed, 3000 + i, 0, startDelay + termDays - 1));
        }
        run(offeringId, plan, sales);
        terminateOffering(offeringId);

        uint32 nextDay = offeringOf(offeringId).nextDay;
        uint256 escrowIn;
        uint256 refunded;
        uint256 soldCount;
        uint256 earnedScaled;
        for (uint256 i; i < sales.length; ++i) {
            if (!sales[i].sold) continue;
            ++soldCount;
            escrowIn += sales[i].price;
            uint256 span = plan.endDay - sales[i].saleDay;
            uint256 from = nextDay > sales[i].saleDay ? nextDay : sales[i].saleDay;
            uint256 undelivered = plan.endDay > from ? plan.endDay - from : 0;
            earnedScaled += sales[i].price * 1e9 / span * (span - undelivered);
            uint256 expected = sales[i].price * undelivered / span;
            assertEq(vault.refundable(sales[i].tokenId), expected, "refund == floor(escrow * undelivered / span)");
            if (expected != 0) {
                assertEq(refundAs(sales[i].holder, ids(sales[i].tokenId)), expected, "refund paid");
                refunded += expected;
            }
        }

        uint256 released = vault.escrowReleased(offeringId);
        bool allDelivered = soldCount != 0 && nextDay >= plan.endDay;
        assertEq(released, allDelivered ? escrowIn : earnedScaled / 1e9, "released == sum of rates x delivered days");
        if (released != 0) assertEq(withdrawAs(miner, offeringId), released, "withdrawn");

        assertEq(offeringOf(offeringId).totalEscrow, escrowIn, "escrow in");
        assertLe(released + refunded, escrowIn, "released + refunded <= escrow in");
        uint256 dust = escrowIn - released - refunded;
        assertLe(dust, soldCount + 1, "dust <= sold certificates + 1");
        assertEq(usdc.balanceOf(address(vault)), dust, "the vault keeps exactly the dust");
    }

    function testFuzz_FullDeliveryReleasesEveryUnit(uint256 seed, uint256 termDays, uint256 count) external {
        termDays = bound(termDays, 1, 40);
        Plan memory plan;
        plan.seed = seed;
        plan.count = bound(count, 1, MAX_CERTIFICATES);
        plan.created = today;
        plan.startDay = today;
        plan.endDay = today + SafeCast.toUint32(termDays);
        plan.deliveredDays = termDays;
        plan.terminationDay = plan.endDay + 1;
        uint256 offeringId = createPlanned(plan, termDays, 1);

        Sale[] memory sales = new Sale[](plan.count);
        uint256 escrowIn;
        for (uint256 i; i < plan.count; ++i) {
            sales[i].tokenId = tokenOf(offeringId, i + 1);
            sales[i].holder = address(SafeCast.toUint160(0xB0000 + i));
            sales[i].price = randomPrice(seed, i, plan.count);
            // The first sale on day 0, so that every day is owed and delivered.
            sales[i].sellOn = i == 0 ? today : today + SafeCast.toUint32(randomIn(seed, 3000 + i, 0, termDays - 1));
            escrowIn += sales[i].price;
        }
        run(offeringId, plan, sales);

        assertEq(offeringOf(offeringId).nextDay, plan.endDay, "every day delivered");
        assertEq(vault.escrowReleased(offeringId), escrowIn, "all released, dust included");
        assertEq(withdrawAs(miner, offeringId), escrowIn, "withdrawn");
        assertEq(usdc.balanceOf(address(vault)), 0, "vault empty");
        vault.finish(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        for (uint256 i; i < plan.count; ++i) {
            assertEq(vault.refundable(sales[i].tokenId), 0, "nothing refundable");
        }
    }
}
