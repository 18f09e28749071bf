// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Miner, MinerStatus} from "../../src/types/Miner.sol";
import {ApplicationStatus} from "../../src/types/Miner.sol";
import {MinerRegistryBase} from "../MinerRegistryBase.t.sol";
import {InvariantTest} from "../utils/InvariantTest.sol";
import {MinerRegistryHandler} from "./handlers/MinerRegistryHandler.sol";
import {MinerRegistryStore} from "./stores/MinerRegistryStore.sol";

/// @notice MinerRegistry invariants; see README.md beside this file for each in prose.
contract MinerRegistry_Invariant_Test is MinerRegistryBase, InvariantTest {
    uint256 internal constant MINERS = 6;

    MinerRegistryHandler internal handler;
    MinerRegistryStore internal store;
    address[2] internal reserves;
    uint256 internal reservesInitialBalance;

    function setUp() public override {
        super.setUp();
        store = new MinerRegistryStore();

        address[] memory miners = new address[](MINERS);
        for (uint256 i; i < MINERS; ++i) {
            miners[i] = makeAddr(string.concat("miner", vm.toString(i)));
            fundMiner(miners[i]);
        }
        address[2] memory timelocks = [timelock, makeAddr("timelock2")];
        reserves = [insuranceReserve, makeAddr("reserve2")];
        address[2] memory managers = [manager, makeAddr("offeringManager2")];
        reservesInitialBalance = token.balanceOf(reserves[0]) + token.balanceOf(reserves[1]);

        store.setOwner(timelock);
        store.setInsuranceReserve(insuranceReserve);
        store.setOfferingManager(manager);
        store.setApprovalWindow(APPROVAL_WINDOW);
        store.setUnbondingPeriod(UNBONDING_PERIOD);
        store.setCoinCount(registry.coinCount());

        handler = new MinerRegistryHandler(registry, store, address(ifil), miners, timelocks, reserves, managers);
        vm.label(address(handler), "MinerRegistryHandler");
        targetContract(address(handler));

        bytes4[] memory selectors = new bytes4[](26);
        selectors[0] = MinerRegistryHandler.submitApplication.selector;
        selectors[1] = MinerRegistryHandler.withdrawApplication.selector;
        selectors[2] = MinerRegistryHandler.stake.selector;
        selectors[3] = MinerRegistryHandler.requestUnstake.selector;
        selectors[4] = MinerRegistryHandler.withdrawStake.selector;
        selectors[5] = MinerRegistryHandler.approveApplication.selector;
        selectors[6] = MinerRegistryHandler.rejectApplication.selector;
        selectors[7] = MinerRegistryHandler.suspend.selector;
        selectors[8] = MinerRegistryHandler.reinstate.selector;
        selectors[9] = MinerRegistryHandler.revoke.selector;
        selectors[10] = MinerRegistryHandler.slash.selector;
        selectors[11] = MinerRegistryHandler.setCapacity.selector;
        selectors[12] = MinerRegistryHandler.setRequiredStake.selector;
        selectors[13] = MinerRegistryHandler.setApprovalWindow.selector;
        selectors[14] = MinerRegistryHandler.setUnbondingPeriod.selector;
        selectors[15] = MinerRegistryHandler.setInsuranceReserve.selector;
        selectors[16] = MinerRegistryHandler.setOfferingManager.selector;
        selectors[17] = MinerRegistryHandler.registerCoin.selector;
        selectors[18] = MinerRegistryHandler.setCoinActive.selector;
        selectors[19] = MinerRegistryHandler.handOverOwnership.selector;
        selectors[20] = MinerRegistryHandler.openOffering.selector;
        selectors[21] = MinerRegistryHandler.releaseCapacity.selector;
        selectors[22] = MinerRegistryHandler.closeOffering.selector;
        selectors[23] = MinerRegistryHandler.unauthorizedAdminCall.selector;
        selectors[24] = MinerRegistryHandler.passTime.selector;
        selectors[25] = MinerRegistryHandler.refusedCall.selector;
        targetSelector(address(handler), selectors);

        _seedWorld();
    }

    /// @dev Every run starts from miners at each stage, reached through the handler so that the ghost state
    /// records them: miners 0 and 1 active with live offerings (1 also unbonding), 2 approved, 3 and 4
    /// applied, 5 new.
    function _seedWorld() internal {
        for (uint256 i; i < 5; ++i) {
            handler.submitApplication(i, 1, 500, 365, 1e15);
        }
        for (uint256 i; i < 3; ++i) {
            handler.approveApplication(i, 500, 100_000e18);
        }
        handler.stake(0, 150_000e18);
        handler.stake(1, 100_000e18);
        handler.openOffering(0, 200);
        handler.openOffering(1, 100);
        handler.openOffering(1, 50);
        handler.stake(1, 10_000e18);
        handler.requestUnstake(1, 5000e18);
        assertEq(uint256(registry.statusOf(handler.minerAt(0))), uint256(MinerStatus.Active), "seed: miner 0 active");
        assertEq(uint256(registry.statusOf(handler.minerAt(1))), uint256(MinerStatus.Active), "seed: miner 1 active");
        assertEq(uint256(registry.statusOf(handler.minerAt(2))), uint256(MinerStatus.Approved), "seed: 2 approved");
        assertEq(uint256(registry.statusOf(handler.minerAt(3))), uint256(MinerStatus.Applied), "seed: 3 applied");
        assertEq(store.offeringCount(handler.minerAt(1)), 2, "seed: miner 1 has two offerings");
    }

    /// @dev One campaign checks every invariant of this suite after each call: forge 1.7 runs a separate
    /// campaign per `invariant_` function, which multiplied the handler calls (the bulk of the run time) by
    /// the number of invariants without exploring more states for any of them. Each check below still runs
    /// after every call of every run, and its assertion message names the invariant that broke.
    function invariant_AllHold() external view {
        _assertDepositedEqualsStakedPlusSlashedPlusWithdrawn();
        _assertBalanceEqualsStakesPlusPending();
        _assertEveryStatusChangeIsAnAllowedEdge();
        _assertUsedCapacityWithinCapacityAndOfferingsCountedExactly();
        _assertAdminStateOnlyChangesThroughTheOwner();
        _assertApplicationsAndFlagsAgreeWithStatus();
    }

    /*//////////////////////////////////////////////////////////////
                          (1) and (2): DMC
    //////////////////////////////////////////////////////////////*/

    /// @dev Stakes (pending withdrawals included: still staked, still slashable) + slashed + withdrawn
    /// == deposited: no wei is created or lost.
    function _assertDepositedEqualsStakedPlusSlashedPlusWithdrawn() internal view {
        (uint256 stakes, uint256 pending) = _sums();
        assertEq(
            stakes + pending + store.totalSlashed() + store.totalWithdrawn(),
            store.totalDeposited(),
            "stakes + pending + slashed + withdrawn == deposited"
        );
        assertEq(
            token.balanceOf(reserves[0]) + token.balanceOf(reserves[1]) - reservesInitialBalance,
            store.totalSlashed(),
            "every slashed wei reached an insurance reserve"
        );
    }

    function _assertBalanceEqualsStakesPlusPending() internal view {
        (uint256 stakes, uint256 pending) = _sums();
        uint256 balance = token.balanceOf(address(registry));
        assertEq(balance, stakes + pending, "DMC balance == sum of stakes + sum of pending withdrawals");
        assertEq(stakes, registry.totalStaked(), "sum of stakes == totalStaked()");
        assertEq(pending, registry.totalPendingWithdrawals(), "sum of pending == totalPendingWithdrawals()");
    }

    /*//////////////////////////////////////////////////////////////
                          (3): STATUS EDGES
    //////////////////////////////////////////////////////////////*/

    function _assertEveryStatusChangeIsAnAllowedEdge() internal view {
        uint256 kinds = store.edgeKinds();
        for (uint256 i; i < kinds; ++i) {
            MinerRegistryStore.Edge memory edge = store.edge(i);
            assertTrue(
                _isAllowed(edge.from, edge.to),
                string.concat(
                    "forbidden status edge ", vm.toString(uint256(edge.from)), " -> ", vm.toString(uint256(edge.to))
                )
            );
        }
        for (uint256 i; i < MINERS; ++i) {
            address miner = handler.minerAt(i);
            assertEq(
                uint256(store.lastStatus(miner)), uint256(registry.statusOf(miner)), "every status change observed"
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                            (4): CAPACITY
    //////////////////////////////////////////////////////////////*/

    function _assertUsedCapacityWithinCapacityAndOfferingsCountedExactly() internal view {
        uint256 live;
        for (uint256 i; i < MINERS; ++i) {
            address miner = handler.minerAt(i);
            Miner memory record = registry.minerOf(miner);
            assertLe(record.usedCapacity, record.capacityUnits, "usedCapacity <= capacity");
            assertEq(record.usedCapacity, store.reservedUnits(miner), "usedCapacity == units the offerings reserve");
            assertEq(record.liveOfferings, store.offeringCount(miner), "liveOfferings == offerings opened - closed");
            assertEq(registry.freeCapacity(miner), record.capacityUnits - record.usedCapacity, "free capacity");
            live += record.liveOfferings;
        }
        assertEq(live, store.offeringsOpened() - store.offeringsClosed(), "live offerings never underflow");
    }

    /*//////////////////////////////////////////////////////////////
                           (5): ADMIN STATE
    //////////////////////////////////////////////////////////////*/

    function _assertAdminStateOnlyChangesThroughTheOwner() internal view {
        assertEq(registry.owner(), store.owner(), "owner");
        assertEq(registry.pendingOwner(), address(0), "no pending owner left behind");
        assertEq(registry.insuranceReserve(), store.insuranceReserve(), "insurance reserve");
        assertEq(registry.offeringManager(), store.offeringManager(), "offering manager");
        assertEq(registry.approvalWindow(), store.approvalWindow(), "approval window");
        assertEq(registry.unbondingPeriod(), store.unbondingPeriod(), "unbonding period");
        assertEq(registry.coinCount(), store.coinCount(), "coin count");
    }

    /*//////////////////////////////////////////////////////////////
                           (6): CONSISTENCY
    //////////////////////////////////////////////////////////////*/

    function _assertApplicationsAndFlagsAgreeWithStatus() internal view {
        for (uint256 i; i < MINERS; ++i) {
            address miner = handler.minerAt(i);
            Miner memory record = registry.minerOf(miner);
            if (record.applicationId != 0) {
                bool pending = registry.application(record.applicationId).status == ApplicationStatus.Pending;
                assertEq(pending, record.status == MinerStatus.Applied, "pending application <=> Applied");
            }
            if (registry.isUnderCollateralized(miner)) {
                assertEq(uint256(record.status), uint256(MinerStatus.Active), "only active miners are flagged");
            }
            if (record.status == MinerStatus.Active) {
                assertEq(record.approvalExpiry, 0, "active approvals never lapse");
            }
            if (record.pendingWithdrawal == 0) assertEq(record.unlockAt, 0, "no unlock time without pending");
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _sums() internal view returns (uint256 stakes, uint256 pending) {
        for (uint256 i; i < MINERS; ++i) {
            Miner memory record = registry.minerOf(handler.minerAt(i));
            stakes += record.stake;
            pending += record.pendingWithdrawal;
        }
    }

    /// @dev The allowed edges, as listed in README.md and in IMinerRegistry's NatSpec.
    function _isAllowed(MinerStatus from, MinerStatus to) internal pure returns (bool) {
        if (from == MinerStatus.None) return to == MinerStatus.Applied;
        if (from == MinerStatus.Applied) {
            return to == MinerStatus.None || to == MinerStatus.Approved || to == MinerStatus.Active
                || to == MinerStatus.Revoked;
        }
        if (from == MinerStatus.Approved) {
            return to == MinerStatus.None || to == MinerStatus.Active || to == MinerStatus.Suspended
                || to == MinerStatus.Revoked;
        }
        if (from == MinerStatus.Active) {
            return to == MinerStatus.Approved || to == MinerStatus.Suspended || to == MinerStatus.Revoked;
        }
        if (from == MinerStatus.Suspended) {
            return to == MinerStatus.Active || to == MinerStatus.Approved || to == MinerStatus.Revoked;
        }
        return false; // Revoked is terminal.
    }
}
