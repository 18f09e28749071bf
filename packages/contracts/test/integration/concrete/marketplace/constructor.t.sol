// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Marketplace} from "../../../../src/Marketplace.sol";
import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {Fees} from "../../../../src/types/Market.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

contract Constructor_Marketplace_Concrete_Test is MarketplaceTestBase {
    function defaultFees() internal pure returns (Fees memory) {
        return Fees({channelBps: CHANNEL_BPS, tradingBps: TRADING_BPS, insuranceShareBps: INSURANCE_SHARE_BPS});
    }

    function deploy(
        address admin,
        address council_,
        address vault_,
        address treasury_,
        address insurance_,
        Fees memory f
    ) internal returns (Marketplace) {
        return new Marketplace(admin, council_, IRiskControlVault(vault_), treasury_, insurance_, f);
    }

    function test_RevertWhen_AdminIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroAddress.selector));
        deploy(address(0), council, address(vault), timelock, insuranceReserve, defaultFees());
    }

    function test_RevertWhen_VaultIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroAddress.selector));
        deploy(timelock, council, address(0), timelock, insuranceReserve, defaultFees());
    }

    function test_RevertWhen_TreasuryIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroAddress.selector));
        deploy(timelock, council, address(vault), address(0), insuranceReserve, defaultFees());
    }

    function test_RevertWhen_InsuranceReserveIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_ZeroAddress.selector));
        deploy(timelock, council, address(vault), timelock, address(0), defaultFees());
    }

    function test_RevertWhen_ChannelFeeAboveTheCap() external {
        Fees memory f = defaultFees();
        f.channelBps = 1001;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeeAboveCap.selector, 1001, 1000));
        deploy(timelock, council, address(vault), timelock, insuranceReserve, f);
    }

    function test_RevertWhen_TradingFeeAboveTheCap() external {
        Fees memory f = defaultFees();
        f.tradingBps = 501;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_FeeAboveCap.selector, 501, 500));
        deploy(timelock, council, address(vault), timelock, insuranceReserve, f);
    }

    function test_RevertWhen_InsuranceShareAboveTheWhole() external {
        Fees memory f = defaultFees();
        f.insuranceShareBps = 10_001;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_InsuranceShareOutOfBounds.selector, 10_001));
        deploy(timelock, council, address(vault), timelock, insuranceReserve, f);
    }

    function test_WhenParametersAreValid_ItWiresEverything() external {
        address expected = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectEmit(expected);
        emit IMarketplace.FeesSet(CHANNEL_BPS, TRADING_BPS, INSURANCE_SHARE_BPS);
        vm.expectEmit(expected);
        emit IMarketplace.FeeRecipientsSet(treasury, insuranceReserve);
        vm.expectEmit(expected);
        emit IMarketplace.MinBidIncrementSet(500);
        Marketplace m = deploy(timelock, council, address(vault), treasury, insuranceReserve, defaultFees());

        assertEq(address(m), expected, "address");
        assertEq(address(m.vault()), address(vault), "vault");
        assertEq(address(m.certificate()), address(certificate), "certificate from the vault");
        (uint16 channelBps, uint16 tradingBps, uint16 share) = m.fees();
        assertEq(channelBps, CHANNEL_BPS, "channel fee");
        assertEq(tradingBps, TRADING_BPS, "trading fee");
        assertEq(share, INSURANCE_SHARE_BPS, "insurance share");
        assertEq(m.treasury(), treasury, "treasury");
        assertEq(m.insuranceReserve(), insuranceReserve, "insurance reserve");
        assertEq(m.minBidIncrementBps(), 500, "5% increment");
        assertTrue(m.hasRole(m.DEFAULT_ADMIN_ROLE(), timelock), "admin");
        assertTrue(m.hasRole(m.PAUSER_ROLE(), timelock), "admin pauses");
        assertTrue(m.hasRole(m.PAUSER_ROLE(), council), "council pauses");
        assertFalse(m.hasRole(m.DEFAULT_ADMIN_ROLE(), council), "council is no admin");
        assertFalse(m.paused(), "not paused");
        assertEq(m.listingCount(), 0, "no listings");
        assertEq(m.auctionCount(), 0, "no auctions");
        assertEq(m.offerCount(), 0, "no offers");
    }

    function test_WhenCouncilIsZero_OnlyTheAdminPauses() external {
        Marketplace m = deploy(timelock, address(0), address(vault), timelock, insuranceReserve, defaultFees());
        assertFalse(m.hasRole(m.PAUSER_ROLE(), address(0)), "no zero pauser");
        vm.expectRevert(unauthorizedError(council, m.PAUSER_ROLE()));
        vm.prank(council);
        m.pause();
        vm.prank(timelock);
        m.pause();
        assertTrue(m.paused(), "admin paused");
    }

    function test_WhenFeesAreAtTheCaps_ItAcceptsThem() external {
        Marketplace m = deploy(
            timelock,
            council,
            address(vault),
            timelock,
            insuranceReserve,
            Fees({channelBps: 1000, tradingBps: 500, insuranceShareBps: 10_000})
        );
        (uint16 channelBps, uint16 tradingBps, uint16 share) = m.fees();
        assertEq(channelBps, 1000, "channel cap");
        assertEq(tradingBps, 500, "trading cap");
        assertEq(share, 10_000, "all to insurance");
    }
}
