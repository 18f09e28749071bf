// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {MinerStatus} from "../../../../src/types/Miner.sol";
import {Offering, OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";
import {Vm} from "../../../utils/Vm.sol";

contract CreateOffering_RiskControlVault_Concrete_Test is VaultTestBase {
    function minerNotActiveError(address account, MinerStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MinerNotActive.selector, account, status);
    }

    function countError(uint256 count) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IRiskControlVault.RiskControlVault_CertificateCountOutOfBounds.selector, count, uint256(10_000)
        );
    }

    function termError(uint256 termDays) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IRiskControlVault.RiskControlVault_TermOutOfBounds.selector, termDays, uint256(MAX_TERM)
        );
    }

    function startError(uint32 startDay) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IRiskControlVault.RiskControlVault_StartDayOutOfBounds.selector, startDay, today, today + 365
        );
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_Paused() external {
        activate(miner);
        pauseVault();
        vm.expectRevert(enforcedPauseError());
        createOfferingAs(miner, defaultOffering());
    }

    function test_RevertGiven_CallerIsNotAMiner() external {
        vm.expectRevert(minerNotActiveError(stranger, MinerStatus.None));
        createOfferingAs(stranger, defaultOffering());
    }

    function test_RevertGiven_MinerIsApprovedButNotStaked() external {
        approved(miner);
        vm.expectRevert(minerNotActiveError(miner, MinerStatus.Approved));
        createOfferingAs(miner, defaultOffering());
    }

    function test_RevertGiven_MinerIsSuspended() external {
        activate(miner);
        suspendMiner(miner);
        vm.expectRevert(minerNotActiveError(miner, MinerStatus.Suspended));
        createOfferingAs(miner, defaultOffering());
    }

    function test_RevertGiven_MinerHasAFrozenOffering() external {
        frozenOffering();
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_MinerFrozen.selector, miner, 1));
        createOfferingAs(miner, defaultOffering());
    }

    function test_RevertWhen_CoinIsNotTheMinersCoin() external {
        activate(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskControlVault.RiskControlVault_CoinMismatch.selector, miner, btcCoinId, filCoinId
            )
        );
        createOfferingAs(miner, btcOffering());
    }

    function test_RevertGiven_CoinIsInactive() external {
        activate(miner);
        vm.prank(timelock);
        registry.setCoinActive(filCoinId, false);
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_CoinInactive.selector, filCoinId));
        createOfferingAs(miner, defaultOffering());
    }

    function test_RevertWhen_PaymentTokenIsNotAllowed() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.paymentToken = address(ifil);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskControlVault.RiskControlVault_PaymentTokenNotAllowed.selector, address(ifil))
        );
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_UnitsAreZero() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.unitsPerCertificate = 0;
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_ZeroUnits.selector));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_CountIsZero() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.certificateCount = 0;
        vm.expectRevert(countError(0));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_CountIsAboveTheMaximum() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.certificateCount = 10_001;
        vm.expectRevert(countError(10_001));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_TermIsZero() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.termDays = 0;
        vm.expectRevert(termError(0));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_TermIsLongerThanApproved() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.termDays = MAX_TERM + 1;
        vm.expectRevert(termError(MAX_TERM + 1));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_StartDayIsInThePast() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.startDay = today - 1;
        vm.expectRevert(startError(today - 1));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_StartDayIsTooFarAhead() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 366;
        vm.expectRevert(startError(today + 366));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_TotalUnitsExceed1e18() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.unitsPerCertificate = 5e17 + 1;
        params.certificateCount = 2;
        uint256 units = (5e17 + 1) * 2;
        vm.expectRevert(abi.encodeWithSelector(IRiskControlVault.RiskControlVault_AmountTooLarge.selector, units));
        createOfferingAs(miner, params);
    }

    function test_RevertWhen_UnitsExceedTheFreeCapacity() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.certificateCount = 81; // 810 TiB of 800 approved
        vm.expectRevert(abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityExceeded.selector, miner, 810, 800));
        createOfferingAs(miner, params);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenValid_ItStoresTheOfferingAndMintsTheBatch() external {
        activate(miner);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.OfferingCreated(
            1, miner, filCoinId, address(usdc), address(ifil), UNITS, COUNT, today, today + TERM
        );
        vm.expectEmit(address(registry));
        emit IMinerRegistry.OfferingOpened(miner, UNITS * COUNT, UNITS * COUNT, 1);
        vm.recordLogs();
        uint256 offeringId = createOfferingAs(miner, defaultOffering());
        assertEq(offeringId, 1, "numbered from 1");
        assertEq(vault.offeringCount(), 1, "count");

        Offering memory o = offeringOf(offeringId);
        assertEq(o.miner, miner, "miner");
        assertEq(o.startDay, today, "start");
        assertEq(o.endDay, today + TERM, "end");
        assertEq(uint256(o.status), uint256(OfferingStatus.Active), "status");
        assertEq(o.nextDay, 0, "nothing to deliver yet");
        assertEq(o.checkpointCount, 0, "no sales");
        assertEq(o.paymentToken, address(usdc), "payment token");
        assertEq(o.yieldToken, address(ifil), "yield token from the registry");
        assertEq(o.certificateCount, COUNT, "certificates");
        assertEq(o.nextIndex, COUNT + 1, "next index");
        assertEq(o.unitsPerCertificate, UNITS, "units");
        assertEq(o.reservedUnits, UNITS * COUNT, "reserved");
        assertEq(o.coinId, filCoinId, "coin");
        assertEq(o.totalEscrow, 0, "no escrow");
        assertEq(minerRecord(miner).usedCapacity, UNITS * COUNT, "registry reserved");

        // One standard Transfer per certificate, in order.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 transfers;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(certificate) || logs[i].topics[0] != IERC721.Transfer.selector) continue;
            ++transfers;
            assertEq(logs[i].topics[1], bytes32(0), "from zero");
            assertEq(logs[i].topics[2], bytes32(uint256(uint160(miner))), "to the miner");
            assertEq(uint256(logs[i].topics[3]), tokenOf(offeringId, transfers), "token id");
        }
        assertEq(transfers, COUNT, "a Transfer per certificate");
        assertEq(certificate.balanceOf(miner), COUNT, "balance");
        assertEq(certificate.ownerOf(tokenOf(offeringId, 1)), miner, "first");
        assertEq(certificate.ownerOf(tokenOf(offeringId, COUNT)), miner, "last");
    }

    function test_WhenStartDayIsTheLatestAllowed_ItCreates() external {
        activate(miner);
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 365;
        params.termDays = MAX_TERM;
        uint256 offeringId = createOfferingAs(miner, params);
        assertEq(offeringOf(offeringId).endDay, today + 365 + MAX_TERM, "end");
    }

    function test_WhenCountIsTheMaximum_ItCreates() external {
        activate(miner);
        vm.prank(timelock);
        registry.setCapacity(miner, 10_000);
        OfferingParams memory params = defaultOffering();
        params.unitsPerCertificate = 1;
        params.certificateCount = 10_000;
        uint256 offeringId = createOfferingAs(miner, params);
        assertEq(certificate.balanceOf(miner), 10_000, "balance");
        assertEq(certificate.ownerOf(tokenOf(offeringId, 10_000)), miner, "last");
    }

    function test_WhenCalledAgain_IdsIncreaseAndBatchesStaySeparate() external {
        activate(miner);
        uint256 first = createOfferingAs(miner, defaultOffering());
        uint256 second = createOfferingAs(miner, defaultOffering());
        assertEq(second, first + 1, "next id");
        assertEq(certificate.balanceOf(miner), 2 * COUNT, "both batches");
        assertEq(minerRecord(miner).liveOfferings, 2, "two live");
        assertEq(certificate.holderOf(tokenOf(second, COUNT + 1)), address(0), "past the batch: none");
    }

    function test_WhenAnotherCoinsMiner_ItUsesThatCoinsYieldToken() external {
        activateBtcMiner(alice);
        uint256 offeringId = createOfferingAs(alice, btcOffering());
        assertEq(offeringOf(offeringId).yieldToken, address(wbtc), "WBTC");
        assertEq(offeringOf(offeringId).coinId, btcCoinId, "coin");
    }
}
