// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskControlVault} from "../../../../src/RiskControlVault.sol";
import {IMinerRegistry} from "../../../../src/interfaces/IMinerRegistry.sol";
import {GovernanceBase} from "../../../GovernanceBase.t.sol";

/// @notice Finding (issue 15): the unbonding period (14 days) was shorter than the flag window plus the DAO
/// cycle (15 days), so a miner could request an unstake and leave before holders flagged it and the DAO voted,
/// queued and executed a slash. The unbonding is now derived from the live parameters, at the request.
contract UnbondingDerived_MinerRegistry_Concrete_Test is GovernanceBase {
    function flagWindow() internal view returns (uint256) {
        return uint256(vault.flagWindowDays()) * 1 days;
    }

    function daoCycle() internal view returns (uint256) {
        return governor.votingDelay() + governor.votingPeriod() + timelock.getMinDelay();
    }

    function test_WhenDeployed_TheUnbondingOutlastsTheFlagWindowAndTheDaoCycle() external view {
        assertEq(registry.governor(), address(governor), "the registry reads the governor");
        uint256 unbonding = registry.effectiveUnbondingPeriod();
        assertEq(unbonding, flagWindow() + daoCycle() + registry.unbondingPeriod(), "window + cycle + margin");
        assertGt(unbonding, flagWindow() + daoCycle(), "outlasts the flag window and the DAO cycle");
    }

    function test_WhenTheDaoLengthensItsCycle_TheUnbondingFollowsForLaterRequests() external {
        uint256 before = registry.effectiveUnbondingPeriod();
        _passAndExecute(_single(address(governor), abi.encodeCall(governor.setVotingPeriod, (10 days)), "longer"));
        assertEq(registry.effectiveUnbondingPeriod(), before + 10 days - VOTING_PERIOD, "voting period followed");
        RiskControlVault v = vault;
        uint16 threshold = v.shortThresholdBps();
        vm.prank(address(timelock));
        v.setFlagParameters(14, threshold);
        assertEq(registry.effectiveUnbondingPeriod(), before + 10 days - VOTING_PERIOD + 7 days, "window followed");
    }

    function test_WhenTheGovernorIsUnset_OnlyTheFlagWindowAndTheMarginCount() external {
        vm.expectEmit(address(registry));
        emit IMinerRegistry.GovernorSet(address(governor), address(0));
        vm.prank(address(timelock));
        registry.setGovernor(address(0));
        assertEq(registry.effectiveUnbondingPeriod(), flagWindow() + registry.unbondingPeriod(), "window + margin");
        vm.prank(address(timelock));
        registry.setOfferingManager(address(0));
        assertEq(registry.effectiveUnbondingPeriod(), registry.unbondingPeriod(), "margin only");
    }
}
