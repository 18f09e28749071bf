// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {GovernanceProfile} from "./GovernanceFloors.sol";

/// @title DmexTimelock
/// @notice The DAO timelock: owns the treasury and every admin function of the protocol. Operations wait
/// `minDelay` seconds between scheduling and execution (DESIGN default: 2 days), never less than the floor of
/// its governance profile once launched.
/// @dev OpenZeppelin's TimelockController under a DMEX name. Roles at launch (set by the deploy script): the
/// Governor proposes and cancels, the council proposes only through its {CouncilGate} (which also holds the
/// canceller role, for the DAO's veto), anyone executes, the timelock administers itself.
contract DmexTimelock is TimelockController {
    /// @notice The delay asked for is under the profile's floor.
    error DmexTimelock_DelayBelowFloor(uint256 delay, uint256 floor);

    /// @notice Floor of `updateDelay`: the deployment starts at zero for its genesis batch only, which sets
    /// the real delay through `updateDelay`, so the floor holds from launch on.
    uint256 public immutable minDelayFloor;

    /// @param local The local profile's floor (chain 31337 only) instead of production's.
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin, bool local)
        TimelockController(minDelay, proposers, executors, admin)
    {
        minDelayFloor = GovernanceProfile.floors(local).timelockDelay;
    }

    /// @inheritdoc TimelockController
    function updateDelay(uint256 newDelay) public override {
        if (newDelay < minDelayFloor) revert DmexTimelock_DelayBelowFloor(newDelay, minDelayFloor);
        super.updateDelay(newDelay);
    }
}
