// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../../src/interfaces/IMarketplace.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {SaleChannel} from "../../../../src/types/Market.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {MarketplaceTestBase} from "../../../MarketplaceTestBase.t.sol";

/// @notice `buyPrimary`: units bought from an offering at its price per unit, minted as one certificate.
contract BuyPrimary_Marketplace_Concrete_Test is MarketplaceTestBase {
    uint256 internal constant PER_UNIT = PRICE / UNITS;

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheOfferingDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_UnknownOffering.selector, 99));
        buyUnits(buyer1, 99, UNITS, PRICE);
    }

    function test_RevertWhen_ThePriceIsAboveTheBuyersMax() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.Marketplace_PrimaryPriceAboveMax.selector, offeringId, 2 * PRICE, 2 * PRICE - 1
            )
        );
        buyUnits(buyer1, offeringId, 2 * UNITS, 2 * PRICE - 1);
    }

    function test_RevertWhen_TheMinerBuysItsOwnUnits() external {
        vm.expectRevert(selfDealingError(miner));
        buyUnits(miner, offeringId, UNITS, PRICE);
    }

    function test_RevertWhen_ZeroUnits() external {
        vm.expectRevert(IMarketplace.Marketplace_ZeroPrice.selector);
        buyUnits(buyer1, offeringId, 0, PRICE);
    }

    function test_RevertWhen_BelowTheMinimumLot() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_BelowMinLot.selector, offeringId, UNITS - 1, UNITS
            )
        );
        buyUnits(buyer1, offeringId, UNITS - 1, PRICE);
    }

    function test_RevertWhen_MoreUnitsThanOnSale() external {
        uint256 all = UNITS * COUNT;
        buyUnits(buyer1, offeringId, all - UNITS, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_UnitsUnavailable.selector, offeringId, 2 * UNITS, UNITS
            )
        );
        buyUnits(buyer2, offeringId, 2 * UNITS, type(uint256).max);
    }

    function test_RevertWhen_TheSaleWindowEnded() external {
        OfferingParams memory params = defaultOffering();
        params.saleEnd = uint40(block.timestamp + 1 days);
        uint256 shortSale = createOfferingAs(miner, params);
        vm.warp(params.saleEnd);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_SaleNotOpen.selector,
                shortSale,
                params.saleStart,
                params.saleEnd,
                false
            )
        );
        buyUnits(buyer1, shortSale, UNITS, PRICE);
    }

    function test_RevertGiven_TheMinerClosedTheSale() external {
        vm.prank(miner);
        vault.closeSale(offeringId);
        vm.expectRevert();
        buyUnits(buyer1, offeringId, UNITS, PRICE);
    }

    function test_RevertGiven_TheOfferingIsFrozen() external {
        freezeOffering();
        vm.expectRevert(statusError(offeringId, OfferingStatus.Frozen));
        buyUnits(buyer1, offeringId, UNITS, PRICE);
    }

    function test_RevertGiven_TheOfferingIsTerminated() external {
        terminateOffering(offeringId);
        vm.expectRevert(statusError(offeringId, OfferingStatus.Terminated));
        buyUnits(buyer1, offeringId, UNITS, PRICE);
    }

    function test_RevertGiven_TheMinerIsSuspended() external {
        suspendMiner(miner);
        uint256 before = usdc.balanceOf(buyer1);
        vm.expectRevert(minerNotActiveError(MinerStatus.Suspended));
        buyUnits(buyer1, offeringId, UNITS, PRICE);
        assertEq(usdc.balanceOf(buyer1), before, "nothing paid");
    }

    function test_RevertGiven_TheVaultIsPaused() external {
        vm.prank(council);
        vault.pause();
        vm.expectRevert(enforcedPauseError());
        buyUnits(buyer1, offeringId, UNITS, PRICE);
    }

    function test_RevertGiven_TheMarketplaceIsPaused() external {
        pauseMarket();
        vm.expectRevert(enforcedPauseError());
        buyUnits(buyer1, offeringId, UNITS, PRICE);
    }

    /*//////////////////////////////////////////////////////////////
                                 SALES
    //////////////////////////////////////////////////////////////*/

    function test_WhenABuyerBuysUnits_ItGetsOneCertificateOfThoseUnitsWithTheNetAsEscrow() external {
        uint256 units = 7 * UNITS + 3;
        uint256 price = units * PER_UNIT;
        uint256 channel = fee(price, CHANNEL_BPS);
        uint256 net = price - channel;
        Balances memory b = balancesOf(usdc, buyer1, miner);

        vm.expectEmit(address(vault));
        emit IRiskControlVault.PrimarySaleRecorded(offeringId, first, net, units, today, units);
        vm.expectEmit(address(market));
        emit IMarketplace.Sale(
            first, miner, buyer1, SaleChannel.Primary, offeringId, address(usdc), price, channel, true
        );
        uint256 tokenId = buyUnits(buyer1, offeringId, units, price);

        assertEq(tokenId, first, "the offering's first certificate");
        Balances memory a = balancesOf(usdc, buyer1, miner);
        assertEq(b.buyer - a.buyer, price, "the buyer pays units x price per unit");
        assertEq(a.vault - b.vault, net, "the vault holds the net");
        assertFeesPaid(b, a, channel, "channel fee");
        assertEq(a.miner, b.miner, "the miner receives nothing");
        assertEq(a.market, 0, "the marketplace keeps nothing");
        assertEq(certificate.ownerOf(first), buyer1, "minted to the buyer");
        assertEq(certificate.balanceOf(buyer1), 1, "one certificate");
        assertEq(vault.certificateView(first).units, units, "of the units bought");
        assertEq(vault.certificateView(first).escrow, net, "its escrow recorded at once");
        assertEq(vault.offering(offeringId).soldUnits, units, "sold units");
        assertEq(vault.unitsOnSale(offeringId), UNITS * COUNT - units, "the rest stays on sale");
    }

    function test_WhenTheMaxIsAboveThePrice_TheBuyerPaysOnlyThePrice() external {
        uint256 before = usdc.balanceOf(buyer1);
        buyUnits(buyer1, offeringId, UNITS, PRICE * 2);
        assertEq(before - usdc.balanceOf(buyer1), PRICE, "price, not max");
    }

    function test_WhenSalesFollow_EachMintsTheNextCertificateAndReusesTheVaultAllowance() external {
        buyPrimary(buyer1, first);
        uint256 allowance = usdc.allowance(address(market), address(vault));
        buyPrimary(buyer2, second);
        assertEq(usdc.allowance(address(market), address(vault)), allowance, "allowance not renewed");
        assertEq(certificate.ownerOf(second), buyer2, "second to buyer2");
        assertEq(vault.offering(offeringId).totalEscrow, 2 * (PRICE - fee(PRICE, CHANNEL_BPS)), "both escrowed");
    }

    function test_WhenAllUnitsAreBought_NothingIsLeftOnSale() external {
        uint256 all = UNITS * COUNT;
        buyUnits(buyer1, offeringId, all, type(uint256).max);
        assertEq(vault.certificateView(first).units, all, "one certificate of all of them");
        assertEq(vault.unitsOnSale(offeringId), 0, "sold out");
    }

    function test_WhenPrimaryInHookToken_TheNetGoesIntoTheHookOffering() external {
        Balances memory b = balancesOf(hook, buyer1, miner);
        buyUnits(buyer1, hookOfferingId, UNITS, PRICE);
        Balances memory a = balancesOf(hook, buyer1, miner);
        assertEq(a.vault - b.vault, PRICE - fee(PRICE, CHANNEL_BPS), "net escrow");
        assertEq(vault.offering(hookOfferingId).totalEscrow, PRICE - fee(PRICE, CHANNEL_BPS), "offering escrow");
        assertFeesPaid(b, a, fee(PRICE, CHANNEL_BPS), "channel fee");
    }

    /// @dev Issue 15 item 4: no certificate exists before its sale, so the miner has nothing to hand over off the
    /// market; the only way to a certificate is a sale that pays the channel fee and escrows the rest.
    function test_TheFeeAndTheEscrowCannotBeBypassed() external {
        // Nothing was minted with the offering: the miner holds no certificate to give away or list.
        assertEq(certificate.balanceOf(miner), 0, "the miner holds no certificate");
        assertEq(certificate.holderOf(first), address(0), "no certificate before its sale");
        vm.expectRevert(abi.encodeWithSignature("TokenDoesNotExist()"));
        certificate.ownerOf(first);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSignature("TokenDoesNotExist()"));
        certificate.transferFrom(miner, alice, first);
        // Nor can the miner mint one through the vault: only the marketplace records sales.
        vm.startPrank(miner);
        vm.expectRevert(unauthorizedError(miner, vault.MARKETPLACE_ROLE()));
        vault.recordPrimarySale(offeringId, alice, UNITS, 1, false);
        vm.expectRevert(unauthorizedError(miner, vault.MARKETPLACE_ROLE()));
        vault.reserveLot(offeringId, miner, UNITS);
        vm.stopPrank();
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.Marketplace_NotOwner.selector, first, miner));
        market.list(first, address(usdc), 1, inAWeek());

        // The only certificate that comes to exist paid the fee, and its escrow is in the vault.
        Balances memory b = balancesOf(usdc, buyer1, miner);
        buyUnits(buyer1, offeringId, UNITS, PRICE);
        Balances memory a = balancesOf(usdc, buyer1, miner);
        assertFeesPaid(b, a, fee(PRICE, CHANNEL_BPS), "the channel fee was paid");
        assertEq(a.vault - b.vault, PRICE - fee(PRICE, CHANNEL_BPS), "the rest is escrowed");
        assertEq(certificate.balanceOf(miner), 0, "the miner still holds none");
    }
}
