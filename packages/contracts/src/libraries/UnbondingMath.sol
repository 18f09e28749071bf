// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev The governor's clock and timelock, as OpenZeppelin's Governor (timestamp clock) and
/// GovernorTimelockControl expose them.
interface IGovernanceTimings {
    function votingDelay() external view returns (uint256);
    function votingPeriod() external view returns (uint256);
    function timelock() external view returns (address);
}

/// @dev OpenZeppelin's TimelockController.
interface ITimelockDelay {
    function getMinDelay() external view returns (uint256);
}

/// @title UnbondingMath
/// @notice How long staked DMC stays slashable after an unstake request: long enough that a miner who stops
/// delivering cannot leave before holders can flag it and the DAO can vote, queue and execute a slash
/// (DESIGN §3.3). Derived from the live parameters rather than kept as a separate constant that could drift.
library UnbondingMath {
    /// @notice `flagWindowDays` days of the offering manager + the governor's voting delay and voting period
    /// + its timelock's minimum delay + `margin`, in seconds. A manager without `flagWindowDays` (none, or not
    /// a vault) counts 0; so does the governor part when `governor` is zero. Requires the governor's clock
    /// to be timestamps (seconds), as DmexGovernor's is.
    function period(address offeringManager, address governor, uint256 margin) internal view returns (uint256) {
        return flagWindow(offeringManager) + daoCycle(governor) + margin;
    }

    /// @notice The manager's flag window in seconds; 0 if it does not answer `flagWindowDays()`.
    function flagWindow(address offeringManager) internal view returns (uint256) {
        if (offeringManager.code.length == 0) return 0;
        (bool ok, bytes memory data) = offeringManager.staticcall(abi.encodeWithSignature("flagWindowDays()"));
        if (!ok || data.length < 32) return 0;
        return abi.decode(data, (uint256)) * 1 days;
    }

    /// @notice Voting delay + voting period + timelock delay, in seconds; 0 without a governor.
    function daoCycle(address governor) internal view returns (uint256) {
        if (governor == address(0)) return 0;
        IGovernanceTimings g = IGovernanceTimings(governor);
        return g.votingDelay() + g.votingPeriod() + ITimelockDelay(g.timelock()).getMinDelay();
    }
}
