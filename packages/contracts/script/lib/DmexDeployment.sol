// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Safe} from "@safe-global/safe-smart-account/contracts/Safe.sol";
import {SafeL2} from "@safe-global/safe-smart-account/contracts/SafeL2.sol";
import {SafeProxyFactory} from "@safe-global/safe-smart-account/contracts/proxies/SafeProxyFactory.sol";

import {DmcToken} from "../../src/DmcToken.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {CouncilModuleSetup} from "../../src/governance/CouncilModuleSetup.sol";
import {DmexGovernor} from "../../src/governance/DmexGovernor.sol";
import {DmexTimelock} from "../../src/governance/DmexTimelock.sol";
import {Allocation} from "../../src/types/Allocation.sol";
import {GovernorParams} from "../../src/types/Governance.sol";

/// @notice Everything a DMEX deployment needs to know.
struct DmexConfig {
    /// @dev The token's allocation; its `treasury` is replaced by the timelock.
    Allocation allocation;
    GovernorParams governor;
    /// @dev Seconds between scheduling and executing a timelock operation.
    uint256 timelockDelay;
    /// @dev The bootstrap council's members (DESIGN: 7) and signatures needed (DESIGN: 4).
    address[] councilOwners;
    uint256 councilThreshold;
    /// @dev Miner registry: seconds an approved miner has to stake, and seconds unstaked DMC stays slashable.
    uint64 approvalWindow;
    uint64 unbondingPeriod;
    /// @dev Where Safe singleton and factory already exist (any public chain), pass them; zero deploys new ones.
    address safeSingleton;
    address safeProxyFactory;
}

/// @notice What a DMEX deployment created.
struct DmexContracts {
    DmcToken token;
    DmexTimelock timelock;
    DmexGovernor governor;
    SafeL2 council;
    MinerRegistry registry;
    address safeSingleton;
    address safeProxyFactory;
}

/// @title DmexDeployment
/// @notice Deploys and wires DMEX: the one place that decides who holds which role. Used by the deploy
/// script (broadcast from the deployer's key) and by the tests (from the test contract), so that tests
/// exercise exactly the wiring that ships.
/// @dev `deployer` must be the account whose calls these are: it is the timelock's admin for the few
/// calls of the wiring, then renounces, keeping no role anywhere.
library DmexDeployment {
    function deploy(DmexConfig memory config, address deployer) internal returns (DmexContracts memory c) {
        // 1. The timelock first: it is the token's treasury. Anyone may execute a ready operation.
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        c.timelock = new DmexTimelock(config.timelockDelay, none, anyone, deployer);

        // 2. DMC, with the 40% treasury share (less vesting tranches) held by the timelock.
        config.allocation.treasury = address(c.timelock);
        c.token = new DmcToken(config.allocation);

        // 3. The Governor, voting with DMC and executing through the timelock.
        c.governor = new DmexGovernor(c.token, c.timelock, config.governor);

        // 4. The bootstrap council: a Safe whose module is the timelock, so the DAO can change its members.
        c.safeSingleton = config.safeSingleton != address(0) ? config.safeSingleton : address(new SafeL2());
        c.safeProxyFactory =
            config.safeProxyFactory != address(0) ? config.safeProxyFactory : address(new SafeProxyFactory());
        address moduleSetup = address(new CouncilModuleSetup());
        bytes memory initializer = abi.encodeCall(
            Safe.setup,
            (
                config.councilOwners,
                config.councilThreshold,
                moduleSetup,
                abi.encodeCall(CouncilModuleSetup.enableModule, (address(c.timelock))),
                address(0),
                address(0),
                0,
                payable(address(0))
            )
        );
        c.council = SafeL2(
            payable(address(SafeProxyFactory(c.safeProxyFactory).createProxyWithNonce(c.safeSingleton, initializer, 0)))
        );

        // 5. The miner registry, owned by the timelock from its first block; slashed DMC goes to insurance.
        c.registry = new MinerRegistry(
            address(c.timelock),
            c.token,
            config.allocation.insuranceReserve,
            config.approvalWindow,
            config.unbondingPeriod
        );

        // 6. Roles: the Governor and the council propose and cancel; the deployer keeps nothing.
        c.timelock.grantRole(c.timelock.PROPOSER_ROLE(), address(c.governor));
        c.timelock.grantRole(c.timelock.CANCELLER_ROLE(), address(c.governor));
        c.timelock.grantRole(c.timelock.PROPOSER_ROLE(), address(c.council));
        c.timelock.grantRole(c.timelock.CANCELLER_ROLE(), address(c.council));
        c.timelock.renounceRole(c.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }
}
