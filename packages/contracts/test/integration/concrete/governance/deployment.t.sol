// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmexContracts, DmexDeployment} from "../../../../script/lib/DmexDeployment.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

contract Deployment_Governance_Concrete_Test is GovernanceBase {
    function test_WhenDeployed_TheTimelockHoldsTheTreasuryShare() external view {
        assertEq(token.balanceOf(address(timelock)), 40_000_000e18 - 15_000_000e18, "treasury at the timelock");
    }

    function test_WhenDeployed_RolesAreWiredAndTheDeployerKeepsNone() external view {
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        bytes32 canceller = timelock.CANCELLER_ROLE();
        bytes32 executor = timelock.EXECUTOR_ROLE();

        assertFalse(timelock.hasRole(admin, address(this)), "deployer is not admin");
        assertFalse(timelock.hasRole(proposerRole, address(this)), "deployer cannot propose");
        assertFalse(timelock.hasRole(canceller, address(this)), "deployer cannot cancel");
        assertTrue(timelock.hasRole(admin, address(timelock)), "the timelock administers itself");

        assertTrue(timelock.hasRole(proposerRole, address(governor)), "governor proposes");
        assertTrue(timelock.hasRole(canceller, address(governor)), "governor cancels");
        assertFalse(timelock.hasRole(proposerRole, address(council)), "the council Safe proposes only through its gate");
        assertFalse(timelock.hasRole(canceller, address(council)), "the council cannot cancel");
        assertTrue(timelock.hasRole(proposerRole, address(councilGate)), "the gate proposes for the council");
        assertTrue(timelock.hasRole(canceller, address(councilGate)), "the gate cancels council operations");
        assertTrue(timelock.hasRole(executor, address(0)), "anyone executes");
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY, "timelock delay");
    }

    function test_WhenDeployed_TheTimelockOwnsTheYieldOracle() external {
        DmexContracts memory c = DmexDeployment.deploy(config(), address(this));
        assertEq(c.oracle.owner(), address(c.timelock), "oracle owner");
        assertEq(c.oracle.reporterCount(), 3, "reporters");
        assertEq(c.oracle.quorum(), 3, "quorum: odd, all three local reporters");
    }

    function test_WhenDeployed_TheTimelockAdministersTheVaultAndTheRegistryNamesIt() external {
        DmexContracts memory c = DmexDeployment.deploy(config(), address(this));
        bytes32 admin = c.vault.DEFAULT_ADMIN_ROLE();
        assertEq(c.registry.offeringManager(), address(c.vault), "the vault manages offerings");
        assertTrue(c.vault.hasRole(admin, address(c.timelock)), "timelock administers the vault");
        assertFalse(c.vault.hasRole(admin, address(this)), "deployer does not");
        assertFalse(
            c.vault.hasRole(c.vault.PAUSER_ROLE(), address(c.council)), "council pauses only through the guardian"
        );
        assertTrue(c.vault.hasRole(c.vault.PAUSER_ROLE(), address(c.pauseGuardian)), "guardian may pause");
        assertTrue(c.vault.hasRole(admin, address(c.pauseGuardian)), "and unpause after its bound");
        assertTrue(c.pauseGuardian.isTarget(address(c.vault)), "the vault is on the guardian's list");
        assertTrue(c.pauseGuardian.isTarget(address(c.marketplace)), "the marketplace too");
        assertTrue(c.vault.hasRole(c.vault.PAUSER_ROLE(), address(c.timelock)), "timelock may pause");
        assertFalse(c.vault.hasRole(c.vault.MARKETPLACE_ROLE(), address(this)), "deployer cannot record sales");
        assertTrue(c.vault.hasRole(c.vault.MARKETPLACE_ROLE(), address(c.marketplace)), "the marketplace records sales");
        assertTrue(c.marketplace.hasRole(admin, address(c.timelock)), "timelock administers the marketplace");
        assertFalse(c.marketplace.hasRole(admin, address(this)), "deployer does not");
        assertFalse(c.marketplace.hasRole(c.marketplace.PAUSER_ROLE(), address(c.council)), "council: no role");
        assertTrue(c.marketplace.hasRole(c.marketplace.PAUSER_ROLE(), address(c.pauseGuardian)), "guardian pauses");
        assertTrue(c.marketplace.hasRole(admin, address(c.pauseGuardian)), "and unpauses");
        assertEq(c.marketplace.treasury(), address(c.timelock), "fees to the treasury");
        assertEq(c.marketplace.insuranceReserve(), insuranceReserve, "and the insurance reserve");
        (uint16 channel, uint16 trading, uint16 share) = c.marketplace.fees();
        assertEq(channel, 500, "channel fee 5%");
        assertEq(trading, 200, "trading fee 2%");
        assertEq(share, 2000, "20% of fees to insurance");
        assertEq(address(c.certificate.vault()), address(c.vault), "certificate minter");
        assertEq(address(c.certificate.renderer()), address(c.renderer), "renderer");
        assertEq(address(c.vault.registry()), address(c.registry), "registry");
        assertEq(address(c.vault.oracle()), address(c.oracle), "oracle");
        assertEq(c.vault.flagWindowDays(), 7, "flag window: 7 days");
        assertEq(c.vault.shortThresholdBps(), 8000, "short below 80%");
    }

    function test_WhenDeployed_TheTimelockOwnsTheMinerRegistry() external view {
        assertEq(registry.owner(), address(timelock), "registry owner");
        assertEq(registry.insuranceReserve(), insuranceReserve, "slashed DMC goes to the insurance reserve");
    }

    function test_WhenDeployed_TheCouncilIsFourOfSevenWithItsGuardAsModule() external view {
        assertEq(council.getOwners().length, 7, "seven members");
        assertEq(council.getThreshold(), 4, "four signatures");
        for (uint256 i; i < councilMembers.length; ++i) {
            assertTrue(council.isOwner(councilMembers[i]), "member");
        }
        assertTrue(council.isModuleEnabled(address(councilGuard)), "the guard is the council's module");
        assertFalse(council.isModuleEnabled(address(timelock)), "the timelock acts through the guard");
        (address[] memory modules,) = council.getModulesPaginated(address(0x1), 10);
        assertEq(modules.length, 1, "the only module");
        // Safe keeps its guard at keccak256("guard_manager.guard.address").
        bytes32 guardSlot = 0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8;
        assertEq(address(uint160(uint256(vm.load(address(council), guardSlot)))), address(councilGuard), "the guard");
        assertEq(councilGuard.timelock(), address(timelock), "the guard's module answers to the timelock");
        assertEq(address(councilGate.timelock()), address(timelock), "gate: timelock");
        assertEq(councilGate.council(), address(council), "gate: council");
        assertEq(pauseGuardian.council(), address(council), "guardian: council");
        assertEq(pauseGuardian.maxPauseDuration(), MAX_PAUSE, "guardian: bound");
    }

    function test_WhenDeployed_GovernorParametersAreDesigns() external view {
        assertEq(governor.name(), "DMEX Governor", "name");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum numerator");
        assertEq(governor.quorumDenominator(), 100, "quorum denominator");
        assertEq(governor.quorum(block.timestamp - 1), QUORUM, "quorum: 4% of supply");
        assertEq(governor.lateQuorumVoteExtension(), LATE_QUORUM_EXTENSION, "late quorum extension");
        assertEq(governor.timelock(), address(timelock), "timelock");
        assertEq(address(governor.token()), address(token), "token");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode follows DMC");
        assertEq(governor.clock(), block.timestamp, "clock");
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain", "counting mode");
    }
}
