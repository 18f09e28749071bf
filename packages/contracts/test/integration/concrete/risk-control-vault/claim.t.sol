// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRiskControlVault} from "../../../../src/interfaces/IRiskControlVault.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";
import {Vm} from "../../../utils/Vm.sol";

contract Claim_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;
    uint256 internal second;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        second = tokenOf(offeringId, 2);
        sell(first, buyer, PRICE);
        sell(second, buyer, PRICE);
    }

    function nothingError() internal pure returns (bytes memory) {
        return vaultError(IRiskControlVault.RiskControlVault_NothingToClaim.selector);
    }

    function ids3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory list) {
        list = new uint256[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }

    /// @dev ERC-20 Transfer events of `erc20` recorded since `vm.recordLogs()`.
    function transfersOf(Vm.Log[] memory logs, address erc20) internal pure returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == erc20 && logs[i].topics[0] == IERC20.Transfer.selector) ++count;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_NoTokens() external {
        vm.expectRevert(vaultError(IRiskControlVault.RiskControlVault_NoTokens.selector));
        claimAs(buyer, new uint256[](0));
    }

    function test_RevertWhen_CallerIsNotTheOwner() external {
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        vm.expectRevert(notOwnerError(first, stranger));
        claimAs(stranger, ids(first));
    }

    function test_RevertWhen_OneOfTheTokensIsNotTheCallers() external {
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        uint256 minersToken = tokenOf(offeringId, 3);
        recordSale(minersToken, PRICE); // the miner holds it
        vm.expectRevert(notOwnerError(minersToken, buyer));
        claimAs(buyer, ids(first, minersToken));
    }

    function test_RevertWhen_TokenDoesNotExist() external {
        uint256 missing = tokenOf(offeringId, COUNT + 1);
        vm.expectRevert(unknownCertificateError(missing));
        claimAs(buyer, ids(missing));
    }

    function test_RevertGiven_NothingDeposited() external {
        vm.expectRevert(nothingError());
        claimAs(buyer, ids(first, second));
    }

    function test_RevertGiven_TheUnitsAreUnsold() external {
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        // Unsold units have no certificate to claim with.
        vm.expectRevert(unknownCertificateError(tokenOf(offeringId, 3)));
        claimAs(miner, ids(tokenOf(offeringId, 3)));
    }

    function test_RevertGiven_AlreadyClaimed() external {
        deliverDays(offeringId, today, today + 1, DAILY_YIELD);
        claimAs(buyer, ids(first));
        vm.expectRevert(nothingError());
        claimAs(buyer, ids(first));
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_WhenOneCertificate_ItPaysItsShare() external {
        deliverDays(offeringId, today, today + 3, 2 * DAILY_YIELD);
        assertEq(vault.claimable(first), 3 * DAILY_YIELD, "claimable");
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldClaimed(offeringId, first, buyer, 3 * DAILY_YIELD);
        assertEq(claimAs(buyer, ids(first)), 3 * DAILY_YIELD, "total");
        assertEq(ifil.balanceOf(buyer), 3 * DAILY_YIELD, "paid");
        assertEq(vault.claimable(first), 0, "nothing left");
        assertEq(vault.claimable(second), 3 * DAILY_YIELD, "the other one untouched");
    }

    function test_WhenSeveralCertificatesOfOneToken_ItPaysOnce() external {
        deliverDays(offeringId, today, today + 2, 2 * DAILY_YIELD);
        vm.recordLogs();
        assertEq(claimAs(buyer, ids(first, second)), 4 * DAILY_YIELD, "total");
        assertEq(transfersOf(vm.getRecordedLogs(), address(ifil)), 1, "one transfer");
        assertEq(ifil.balanceOf(buyer), 4 * DAILY_YIELD, "paid");
    }

    function test_WhenAListedCertificateHasNothing_ItIsSkipped() external {
        deliverDays(offeringId, today, today + 1, 2 * DAILY_YIELD);
        // Sold after the delivered day: nothing accrued on it yet.
        uint256 later = tokenOf(offeringId, 3);
        sell(later, buyer, PRICE);
        assertEq(claimAs(buyer, ids3(later, first, first)), DAILY_YIELD, "only first, once");
    }

    function test_WhenCertificatesOfSeveralYieldTokens_ItPaysEachToken() external {
        activateBtcMiner(alice);
        uint256 btc = createOfferingAs(alice, btcOffering());
        uint256 btcToken = tokenOf(btc, 1);
        sell(btcToken, buyer, PRICE);
        deliverDays(offeringId, today, today + 1, 2 * DAILY_YIELD);
        deliverBtc(btc, today, 5e6);

        vm.recordLogs();
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldClaimed(offeringId, first, buyer, DAILY_YIELD);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldClaimed(btc, btcToken, buyer, 5e6);
        vm.expectEmit(address(vault));
        emit IRiskControlVault.YieldClaimed(offeringId, second, buyer, DAILY_YIELD);
        uint256 total = claimAs(buyer, ids3(first, btcToken, second));
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(total, 2 * DAILY_YIELD + 5e6, "total adds mixed tokens");
        assertEq(ifil.balanceOf(buyer), 2 * DAILY_YIELD, "IFIL");
        assertEq(wbtc.balanceOf(buyer), 5e6, "WBTC");
        assertEq(transfersOf(logs, address(ifil)), 2, "IFIL paid per run of IFIL certificates");
        assertEq(transfersOf(logs, address(wbtc)), 1, "WBTC once");
        assertEq(ifil.balanceOf(address(vault)), 0, "vault IFIL");
        assertEq(wbtc.balanceOf(address(vault)), 0, "vault WBTC");
    }

    function test_WhenGroupedByToken_ItPaysEachTokenOnce() external {
        activateBtcMiner(alice);
        uint256 btc = createOfferingAs(alice, btcOffering());
        uint256 btcToken = tokenOf(btc, 1);
        sell(btcToken, buyer, PRICE);
        deliverDays(offeringId, today, today + 1, 2 * DAILY_YIELD);
        deliverBtc(btc, today, 5e6);

        vm.recordLogs();
        claimAs(buyer, ids3(first, second, btcToken));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(transfersOf(logs, address(ifil)), 1, "IFIL once");
        assertEq(transfersOf(logs, address(wbtc)), 1, "WBTC once");
    }

    /*//////////////////////////////////////////////////////////////
                        YIELD TRAVELS WITH THE TOKEN
    //////////////////////////////////////////////////////////////*/

    function test_WhenTransferred_TheNewOwnerClaimsWhatTheOldOneDidNot() external {
        deliverDays(offeringId, today, today + 2, 2 * DAILY_YIELD);
        assertEq(claimAs(buyer, ids(first)), 2 * DAILY_YIELD, "old owner claims days 0-1");
        deliverDays(offeringId, today + 2, today + 5, 2 * DAILY_YIELD);

        transferCert(buyer, buyer2, first);
        vm.expectRevert(notOwnerError(first, buyer));
        claimAs(buyer, ids(first));
        assertEq(vault.claimable(first), 3 * DAILY_YIELD, "days 2-4 unclaimed");
        assertEq(claimAs(buyer2, ids(first)), 3 * DAILY_YIELD, "new owner claims days 2-4");
        assertEq(ifil.balanceOf(buyer), 2 * DAILY_YIELD, "old owner");
        assertEq(ifil.balanceOf(buyer2), 3 * DAILY_YIELD, "new owner");
    }

    /*//////////////////////////////////////////////////////////////
                             OTHER STATUSES
    //////////////////////////////////////////////////////////////*/

    function test_GivenFrozen_HoldersClaim() external {
        deliverDays(offeringId, today, today + 1, 2 * DAILY_YIELD);
        warpToDay(today + 8);
        flagAs(stranger, offeringId);
        assertEq(claimAs(buyer, ids(first)), DAILY_YIELD, "claimed while frozen");
    }

    function test_GivenTerminated_DepositedYieldStaysClaimable() external {
        deliverDays(offeringId, today, today + 3, 2 * DAILY_YIELD);
        terminateOffering(offeringId);
        assertEq(claimAs(buyer, ids(first, second)), 6 * DAILY_YIELD, "claimed after termination");
    }
}
