// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title DmexTimelock
/// @notice The DAO timelock: owns the treasury and every admin function of the protocol. Operations wait
/// `minDelay` seconds between scheduling and execution (DESIGN default: 2 days).
/// @dev OpenZeppelin's TimelockController under a DMEX name, so that deployments, bindings and the
/// subgraph refer to one contract of ours. Roles at launch (set by the deploy script): the Governor and the
/// bootstrap council propose and cancel, anyone executes, the timelock administers itself.
contract DmexTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
