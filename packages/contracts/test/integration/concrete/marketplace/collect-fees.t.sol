// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {AccruedFees} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";
import {RevertingReceiver} from "../../../mocks/HookReceivers.sol";

/// @notice Sales accrue their fees in the marketplace, split at each sale by the insurance share in force;
/// `collectFees` (anyone, also while paused) sends them to the recipients set at that moment.
contract CollectFees_Marketplace_Concrete_Test is MarketplaceTestBase {
    function noFeesError(address token) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMarketplace.Marketplace_NoFeesAccrued.selector, token);
    }

    function test_RevertWhen_NothingHasAccrued() external {
        vm.expectRevert(noFeesError(address(usdc)));
        market.collectFees(address(usdc));
    }

    function test_WhenFeesAccrued_AnyoneSendsThemOnAndTheAccrualClears() external {
        buyPrimary(buyer1, first);
        uint256 channel = fee(PRICE, CHANNEL_BPS);
        uint256 toInsurance = fee(channel, INSURANCE_SHARE_BPS);
        AccruedFees memory accrued = market.accruedFees(address(usdc));
        assertEq(accrued.insurance, toInsurance, "insurance share accrued");
        assertEq(accrued.treasury, channel - toInsurance, "treasury share accrued");
        assertEq(usdc.balanceOf(address(market)), channel, "the marketplace holds the fee");

        uint256 treasuryBefore = usdc.balanceOf(timelock);
        uint256 insuranceBefore = usdc.balanceOf(insuranceReserve);
        vm.expectEmit(address(market));
        emit IMarketplace.FeesCollected(address(usdc), timelock, channel - toInsurance, insuranceReserve, toInsurance);
        vm.prank(stranger);
        (uint256 toTreasury, uint256 toInsuranceReturned) = market.collectFees(address(usdc));

        assertEq(toTreasury, channel - toInsurance, "returned treasury share");
        assertEq(toInsuranceReturned, toInsurance, "returned insurance share");
        assertEq(usdc.balanceOf(timelock) - treasuryBefore, channel - toInsurance, "treasury paid");
        assertEq(usdc.balanceOf(insuranceReserve) - insuranceBefore, toInsurance, "insurance reserve paid");
        assertEq(usdc.balanceOf(address(market)), 0, "nothing left");
        accrued = market.accruedFees(address(usdc));
        assertEq(accrued.treasury + accrued.insurance, 0, "accrual cleared");
        vm.expectRevert(noFeesError(address(usdc)));
        market.collectFees(address(usdc));
    }

    function test_WhenTheMarketplaceIsPaused_ItStillCollects() external {
        buyPrimary(buyer1, first);
        pauseMarket();
        market.collectFees(address(usdc));
        assertEq(usdc.balanceOf(address(market)), 0, "collected while paused");
    }

    function test_GivenTheShareChangedBetweenSales_EachFeeKeepsTheShareInForceAtItsSale() external {
        buyPrimary(buyer1, first);
        setFees(CHANNEL_BPS, TRADING_BPS, 10_000); // from now on, fees go to the insurance reserve only
        buyPrimary(buyer2, second);
        uint256 channel = fee(PRICE, CHANNEL_BPS);
        AccruedFees memory accrued = market.accruedFees(address(usdc));
        assertEq(accrued.treasury, channel - fee(channel, INSURANCE_SHARE_BPS), "first sale's treasury share only");
        assertEq(accrued.insurance, fee(channel, INSURANCE_SHARE_BPS) + channel, "first share + all of the second");
    }

    function test_GivenNoInsuranceShare_OnlyTheTreasuryIsPaid() external {
        setFees(CHANNEL_BPS, TRADING_BPS, 0);
        buyPrimary(buyer1, first);
        uint256 insuranceBefore = usdc.balanceOf(insuranceReserve);
        (uint256 toTreasury, uint256 toInsurance) = market.collectFees(address(usdc));
        assertEq(toTreasury, fee(PRICE, CHANNEL_BPS), "all to the treasury");
        assertEq(toInsurance, 0, "none to insurance");
        assertEq(usdc.balanceOf(insuranceReserve), insuranceBefore, "insurance reserve untouched");
    }

    function test_GivenAFullInsuranceShare_OnlyTheInsuranceReserveIsPaid() external {
        setFees(CHANNEL_BPS, TRADING_BPS, 10_000);
        buyPrimary(buyer1, first);
        uint256 treasuryBefore = usdc.balanceOf(timelock);
        (uint256 toTreasury, uint256 toInsurance) = market.collectFees(address(usdc));
        assertEq(toTreasury, 0, "none to the treasury");
        assertEq(toInsurance, fee(PRICE, CHANNEL_BPS), "all to insurance");
        assertEq(usdc.balanceOf(timelock), treasuryBefore, "treasury untouched");
    }

    /// @notice Finding (issue 15): a refusing treasury blocked the insurance reserve's fees. Now the insurance
    /// reserve is paid and the treasury's share waits, accrued, until it accepts.
    function test_GivenATreasuryThatRefusesPayment_TheInsuranceReserveIsStillPaid() external {
        vm.prank(timelock);
        market.setFeeRecipients(address(reverter), insuranceReserve);
        buyPrimary(buyer1, first);
        uint256 listingId = listIn(buyer1, first, address(hook), 100e18);
        buyAs(buyer2, listingId, 100e18);
        assertEq(certificate.ownerOf(first), buyer2, "the sale went through");

        uint256 trading = fee(100e18, TRADING_BPS);
        uint256 insuranceShare = fee(trading, INSURANCE_SHARE_BPS);
        uint256 insuranceBefore = hook.balanceOf(insuranceReserve);
        vm.expectEmit(address(market));
        emit IMarketplace.FeesCollected(address(hook), address(reverter), 0, insuranceReserve, insuranceShare);
        (uint256 toTreasury, uint256 toInsurance) = market.collectFees(address(hook));
        assertEq(toTreasury, 0, "the treasury refused");
        assertEq(toInsurance, insuranceShare, "insurance paid anyway");
        assertEq(hook.balanceOf(insuranceReserve) - insuranceBefore, insuranceShare, "insurance reserve received");
        assertEq(market.accruedFees(address(hook)).treasury, trading - insuranceShare, "treasury share kept");
        assertEq(market.accruedFees(address(hook)).insurance, 0, "insurance share cleared");

        // Only the refusing treasury's share is left: a call that pays nobody reverts and keeps it.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeesRefused.selector, address(hook)));
        market.collectFees(address(hook));
        assertEq(market.accruedFees(address(hook)).treasury, trading - insuranceShare, "still kept");

        reverter.setRefusing(false);
        market.collectFees(address(hook));
        assertEq(reverter.received(), trading - insuranceShare, "collected once it accepts");
        assertEq(market.accruedFees(address(hook)).treasury, 0, "cleared");
    }

    function test_GivenAnInsuranceReserveThatRefusesPayment_TheTreasuryIsStillPaid() external {
        vm.prank(timelock);
        market.setFeeRecipients(timelock, address(reverter));
        buyPrimary(buyer1, first);
        uint256 listingId = listIn(buyer1, first, address(hook), 100e18);
        buyAs(buyer2, listingId, 100e18);

        uint256 trading = fee(100e18, TRADING_BPS);
        uint256 insuranceShare = fee(trading, INSURANCE_SHARE_BPS);
        uint256 treasuryBefore = hook.balanceOf(timelock);
        (uint256 toTreasury, uint256 toInsurance) = market.collectFees(address(hook));
        assertEq(toTreasury, trading - insuranceShare, "treasury paid anyway");
        assertEq(toInsurance, 0, "insurance refused");
        assertEq(hook.balanceOf(timelock) - treasuryBefore, trading - insuranceShare, "treasury received");
        assertEq(market.accruedFees(address(hook)).insurance, insuranceShare, "insurance share kept");
    }
}
