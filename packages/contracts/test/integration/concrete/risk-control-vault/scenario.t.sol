// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {DeliveryStatus, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultBase} from "../../../VaultBase.t.sol";

/// @notice DESIGN §3.4 end to end with a hand-computed table: a 30-day offering of 10-TiB certificates, five
/// buyers (three on day 0 at 3,000 USDC, two on day 5 at 2,500 USDC), the miner delivers days 0-19 in full
/// and days 20-26 at a tenth of the market average (delivery is cumulative and in order: every later deposit
/// fills day 20, which never reaches the threshold), is flagged on day 27 and terminated by the DAO on day 28.
///
/// | figure                          | hand computation                                        | value        |
/// |---------------------------------|---------------------------------------------------------|--------------|
/// | escrow rate days 0-4            | 3 × 3,000 / 30                                          | 300 USDC/day |
/// | escrow rate days 5-29           | 300 + 2 × 2,500 / 25                                    | 500 USDC/day |
/// | released by day 20 (days 0-19)  | 5 × 300 + 15 × 500                                      | 9,000 USDC   |
/// | released at termination (0-19)  | day 20 never delivered                                  | 9,000 USDC   |
/// | refund, day-0 certificate       | 3,000 × (30 - 20) / 30                                  | 1,000 USDC   |
/// | refund, day-5 certificate       | 2,500 × (30 - 20) / 25                                  | 1,000 USDC   |
/// | conservation                    | 9,000 + 5 × 1,000                                       | 14,000 USDC  |
/// | yield, day-0 certificate        | 5 × 0.02 + 15 × 0.02 + 7 × 0.002 (IFIL per day)        | 0.414 IFIL   |
/// | yield, day-5 certificate        | 15 × 0.02 + 7 × 0.002                                   | 0.314 IFIL   |
/// | yield delivered                 | 5 × 0.06 + 15 × 0.1 + 7 × 0.01                          | 1.87 IFIL    |
contract Scenario_Concrete_Test is VaultBase {
    address[5] internal buyers;
    uint256[5] internal tokens;
    uint256 internal offeringId;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 5; ++i) {
            buyers[i] = makeAddr(string.concat("buyer", vm.toString(i)));
        }
        offeringId = createDefaultOffering();
        for (uint256 i; i < 5; ++i) {
            tokens[i] = tokenOf(offeringId, i + 1);
        }
    }

    function test_WhenMinerDefaults_GivenTermination_HoldersLoseAtMostDeliveredEscrow() external {
        uint32 start = today;
        for (uint256 i; i < 3; ++i) {
            sell(tokens[i], buyers[i], 3000e6);
        }
        for (uint32 day = start; day < start + 27; ++day) {
            warpToDay(day + 1);
            uint256 units = day < start + 5 ? 30 : 50;
            // From day 20 a tenth of the market: delivery is cumulative, so day 20 never reaches the threshold.
            uint256 perUnit = day < start + 20 ? MARKET_PER_UNIT : MARKET_PER_UNIT / 10;
            deliver(offeringId, day, perUnit * units);
            if (day == start + 4) {
                // Day 5 begins: the day-4 yield is in, then two more buyers.
                sell(tokens[3], buyers[3], 2500e6);
                sell(tokens[4], buyers[4], 2500e6);
            }
            if (day == start + 19) {
                vm.prank(miner);
                assertEq(vault.withdrawEscrow(offeringId), 9000e6, "released for days 0-19");
            }
        }

        // Day 27: days 20-26 were short.
        assertEq(uint256(vault.dayRecord(offeringId, start + 20).status), uint256(DeliveryStatus.Short), "day 20");
        assertEq(uint256(vault.dayRecord(offeringId, start + 19).status), uint256(DeliveryStatus.Ok), "day 19");
        (bool canFlag, uint32 fromDay, uint32 toDay) = vault.flaggable(offeringId);
        assertTrue(canFlag, "flaggable");
        assertEq(fromDay, start + 20, "window from");
        assertEq(toDay, start + 26, "window to");
        vm.prank(buyers[0]);
        vault.flag(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Frozen, "frozen");
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_InvalidStatus.selector, offeringId, OfferingStatus.Frozen
            )
        );
        vault.withdrawEscrow(offeringId);

        warpToDay(start + 28);
        vm.prank(timelock);
        vault.terminate(offeringId);

        // Days 20-29 never reached the threshold: their escrow (10 of 30 days, 10 of 25 for the day-5 buyers) is
        // refunded; the yield of days 20-26 (a tenth of the market) is still the holders'.
        uint256[5] memory expectedRefund = [uint256(1000e6), 1000e6, 1000e6, 1000e6, 1000e6];
        uint256[5] memory expectedYield = [uint256(414e15), 414e15, 414e15, 314e15, 314e15];
        for (uint256 i; i < 5; ++i) {
            assertEq(refundAs(buyers[i], ids(tokens[i])), expectedRefund[i], "refund");
            assertEq(claimAs(buyers[i], ids(tokens[i])), expectedYield[i], "yield");
            assertEq(usdc.balanceOf(buyers[i]), expectedRefund[i], "buyer USDC");
            assertEq(ifil.balanceOf(buyers[i]), expectedYield[i], "buyer IFIL");
        }
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_NothingToWithdraw.selector, offeringId)
        );
        vault.withdrawEscrow(offeringId);
        assertEq(usdc.balanceOf(miner), 9000e6, "miner USDC: days 0-19 only");
        assertEq(usdc.balanceOf(address(vault)), 0, "vault USDC");
        assertEq(ifil.balanceOf(address(vault)), 0, "vault IFIL");
        assertEq(vault.offering(offeringId).yieldDeposited, 187e16, "yield delivered");
    }
}
