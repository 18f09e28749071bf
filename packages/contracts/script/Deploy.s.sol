// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DmcToken} from "../src/DmcToken.sol";
import {Allocation, VestingTranche} from "../src/types/Allocation.sol";
import {VM, Vm} from "../test/utils/Vm.sol";

/// @notice Deploys the DMEX contracts. Run through `node script/deploy.mjs` (or `pnpm deploy:local`),
/// which broadcasts this script with forge and records the addresses in `deployments/<chainId>.json`.
/// @dev Genesis recipients come from the environment; the defaults are anvil's public dev accounts, so a
/// fresh anvil always yields the same addresses. The treasury is the deployer until the DAO timelock exists.
contract Deploy {
    Vm private constant vm = VM;

    // anvil's well-known dev accounts 1-4 (addresses only; keys never live in this file)
    address private constant ANVIL_1 = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
    address private constant ANVIL_2 = 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC;
    address private constant ANVIL_3 = 0x90F79bf6EB2c4f870365E785982E1f101E93b906;
    address private constant ANVIL_4 = 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65;

    uint64 private constant YEAR = 365 days;

    function run() external returns (DmcToken token) {
        vm.startBroadcast();
        token = new DmcToken(_allocation());
        vm.stopBroadcast();
    }

    function _allocation() private view returns (Allocation memory allocation) {
        allocation.rewardsReserve = vm.envOr("DMEX_REWARDS_RESERVE", ANVIL_1);
        allocation.insuranceReserve = vm.envOr("DMEX_INSURANCE_RESERVE", ANVIL_2);
        allocation.treasury = vm.envOr("DMEX_TREASURY", msg.sender);

        uint64 vestingStart = uint64(vm.envOr("DMEX_VESTING_START", block.timestamp));
        allocation.tranches = new VestingTranche[](2);
        // Team: 15,000,000 DMC over four years after a one-year cliff.
        allocation.tranches[0] = VestingTranche({
            beneficiary: vm.envOr("DMEX_TEAM_BENEFICIARY", ANVIL_3),
            amount: 15_000_000e18,
            start: vestingStart,
            duration: 4 * YEAR,
            cliff: YEAR
        });
        // Investors: 10,000,000 DMC over two years after a six-month cliff.
        allocation.tranches[1] = VestingTranche({
            beneficiary: vm.envOr("DMEX_INVESTOR_BENEFICIARY", ANVIL_4),
            amount: 10_000_000e18,
            start: vestingStart,
            duration: 2 * YEAR,
            cliff: YEAR / 2
        });
    }
}
