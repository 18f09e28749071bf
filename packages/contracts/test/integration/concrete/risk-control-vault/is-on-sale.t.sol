// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingParams, OfferingStatus} from "../../../../src/types/Offering.sol";
import {VaultTestBase} from "../../../VaultTestBase.t.sol";

/// @notice `isOnSale` answers whether `recordPrimarySale` would take the certificate now: not paused, the
/// certificate exists and is unsold, its offering is active and in its term, its miner is Active.
contract IsOnSale_RiskControlVault_Concrete_Test is VaultTestBase {
    uint256 internal offeringId;
    uint256 internal first;
    uint256 internal second;

    function setUp() public override {
        super.setUp();
        offeringId = createDefaultOffering();
        first = tokenOf(offeringId, 1);
        second = tokenOf(offeringId, 2);
    }

    function reinstateMiner(address account) internal {
        vm.prank(timelock);
        registry.reinstate(account);
    }

    /*//////////////////////////////////////////////////////////////
                                  TRUE
    //////////////////////////////////////////////////////////////*/

    function test_GivenEverythingHolds_ItIsTrueAndTheVaultRecordsTheSale() external {
        assertTrue(vault.isOnSale(first), "first");
        assertTrue(vault.isOnSale(tokenOf(offeringId, COUNT)), "last of the batch");
        // What the view promises, the vault keeps.
        recordSale(first, PRICE);
        assertFalse(vault.isOnSale(first), "sold now");
        assertTrue(vault.isOnSale(second), "the others still sell");
    }

    function test_GivenTheTermStartsLater_ItIsTrueBeforeTheStart() external {
        OfferingParams memory params = defaultOffering();
        params.startDay = today + 10;
        uint256 later = createOfferingAs(miner, params);
        assertTrue(vault.isOnSale(tokenOf(later, 1)), "presale");
    }

    function test_GivenTheLastDayOfTheTerm_ItIsTrue() external {
        warpToDay(today + TERM - 1);
        assertTrue(vault.isOnSale(first), "last day");
        recordSale(first, PRICE);
    }

    /*//////////////////////////////////////////////////////////////
                          UNKNOWN OR NOT UNSOLD
    //////////////////////////////////////////////////////////////*/

    function test_GivenAnUnknownOffering_ItIsFalse() external view {
        assertFalse(vault.isOnSale(tokenOf(offeringId + 1, 1)), "next offering id");
        assertFalse(vault.isOnSale(tokenOf(0, 1)), "offering zero");
        assertFalse(vault.isOnSale(0), "token zero");
    }

    function test_GivenAnUnknownCertificateOfAKnownOffering_ItIsFalse() external view {
        assertFalse(vault.isOnSale(tokenOf(offeringId, COUNT + 1)), "past the batch");
        assertFalse(vault.isOnSale(tokenOf(offeringId, 0)), "index zero");
    }

    function test_GivenSold_ItIsFalse() external {
        sell(first, buyer, PRICE);
        assertFalse(vault.isOnSale(first), "sold");
        assertTrue(vault.isOnSale(second), "unsold sibling");
    }

    function test_GivenBurnedByCancelUnsold_ItIsFalse() external {
        vm.prank(miner);
        vault.cancelUnsold(offeringId, ids(first));
        assertFalse(vault.isOnSale(first), "burned");
        assertTrue(vault.isOnSale(second), "the rest still sell");
    }

    /*//////////////////////////////////////////////////////////////
                             OFFERING STATUS
    //////////////////////////////////////////////////////////////*/

    function test_GivenFrozen_ItIsFalseUntilResumed() external {
        uint256 frozen = frozenOffering(); // day 7, token 1 sold
        assertOfferingStatus(frozen, OfferingStatus.Frozen, "frozen");
        assertFalse(vault.isOnSale(tokenOf(frozen, 2)), "frozen");
        resumeOffering(frozen);
        assertTrue(vault.isOnSale(tokenOf(frozen, 2)), "resumed");
    }

    function test_GivenTerminated_ItIsFalse() external {
        terminateOffering(offeringId);
        assertFalse(vault.isOnSale(first), "terminated");
    }

    function test_GivenFinishedByCancellingEverything_ItIsFalse() external {
        uint256[] memory all = new uint256[](COUNT);
        for (uint256 i; i < COUNT; ++i) {
            all[i] = tokenOf(offeringId, i + 1);
        }
        vm.prank(miner);
        vault.cancelUnsold(offeringId, all);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertFalse(vault.isOnSale(first), "finished");
    }

    function test_GivenFinishedAfterTheTerm_ItIsFalse() external {
        sell(first, buyer, PRICE);
        deliverDays(offeringId, today, today + TERM, DAILY_YIELD);
        vault.finish(offeringId);
        assertOfferingStatus(offeringId, OfferingStatus.Finished, "finished");
        assertFalse(vault.isOnSale(second), "an unsold certificate of a finished offering");
    }

    /*//////////////////////////////////////////////////////////////
                                  TERM
    //////////////////////////////////////////////////////////////*/

    function test_GivenTheTermIsOver_ItIsFalse() external {
        warpToDay(today + TERM);
        assertOfferingStatus(offeringId, OfferingStatus.Active, "still active");
        assertFalse(vault.isOnSale(first), "end day");
        warpToDay(today + TERM + 100);
        assertFalse(vault.isOnSale(first), "long after");
    }

    /*//////////////////////////////////////////////////////////////
                              PAUSE, MINER
    //////////////////////////////////////////////////////////////*/

    function test_GivenPaused_ItIsFalseUntilUnpaused() external {
        pauseVault();
        assertFalse(vault.isOnSale(first), "paused");
        vm.prank(timelock);
        vault.unpause();
        assertTrue(vault.isOnSale(first), "unpaused");
    }

    function test_GivenTheMinerIsSuspended_ItIsFalseUntilReinstated() external {
        suspendMiner(miner);
        assertFalse(vault.isOnSale(first), "suspended");
        reinstateMiner(miner);
        assertTrue(vault.isOnSale(first), "reinstated");
    }

    function test_GivenTheMinerIsRevoked_ItIsFalse() external {
        revokeMiner(miner);
        assertFalse(vault.isOnSale(first), "revoked");
    }
}
