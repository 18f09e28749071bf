// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Safe} from "@safe-global/safe-smart-account/contracts/Safe.sol";
import {SafeL2} from "@safe-global/safe-smart-account/contracts/SafeL2.sol";
import {SafeProxyFactory} from "@safe-global/safe-smart-account/contracts/proxies/SafeProxyFactory.sol";

import {CertificateRenderer} from "../../src/CertificateRenderer.sol";
import {DmcToken} from "../../src/DmcToken.sol";
import {HashrateCertificate} from "../../src/HashrateCertificate.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {RiskControlVault} from "../../src/RiskControlVault.sol";
import {YieldOracle} from "../../src/YieldOracle.sol";
import {CouncilGate} from "../../src/governance/CouncilGate.sol";
import {CouncilGuard} from "../../src/governance/CouncilGuard.sol";
import {CouncilModuleSetup} from "../../src/governance/CouncilModuleSetup.sol";
import {DmexGovernor} from "../../src/governance/DmexGovernor.sol";
import {DmexTimelock} from "../../src/governance/DmexTimelock.sol";
import {PauseGuardian} from "../../src/governance/PauseGuardian.sol";
import {Allocation} from "../../src/types/Allocation.sol";
import {GovernorParams} from "../../src/types/Governance.sol";
import {Fees} from "../../src/types/Market.sol";

/// @notice Everything a DMEX deployment needs to know.
struct DmexConfig {
    /// @dev The token's allocation; its `treasury` is replaced by the timelock, and so is a zero
    /// `rewardsReserve` (the mining rewards then stay with the DAO and cast no votes).
    Allocation allocation;
    GovernorParams governor;
    /// @dev The local governance profile's floors (minute-scale; chain 31337 only) instead of production's.
    bool localGovernance;
    /// @dev Longest council pause, in seconds (DAO-changeable, at most 30 days).
    uint64 maxPauseDuration;
    /// @dev Seconds between scheduling and executing a timelock operation.
    uint256 timelockDelay;
    /// @dev The bootstrap council's members (DESIGN: 7) and signatures needed (DESIGN: 4).
    address[] councilOwners;
    uint256 councilThreshold;
    /// @dev Miner registry: seconds an approved miner has to stake, and seconds unstaked DMC stays slashable.
    uint64 approvalWindow;
    uint64 unbondingPeriod;
    /// @dev Yield oracle: the DAO-appointed reporters at launch and how many must report a day.
    address[] oracleReporters;
    uint8 oracleQuorum;
    /// @dev Marketplace fees (DESIGN §3.5: 5% channel, 2% trading) and the insurance reserve's share of them.
    Fees marketFees;
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
    CouncilGuard councilGuard;
    CouncilGate councilGate;
    PauseGuardian pauseGuardian;
    MinerRegistry registry;
    YieldOracle oracle;
    CertificateRenderer renderer;
    RiskControlVault vault;
    HashrateCertificate certificate;
    Marketplace marketplace;
    address safeSingleton;
    address safeProxyFactory;
}

/// @notice A call the timelock makes at launch, before the deployer leaves (e.g. registering coins).
struct GenesisCall {
    address target;
    bytes data;
}

/// @title DmexDeployment
/// @notice Deploys and wires DMEX: the one place that decides who holds which role. Used by the deploy
/// script (broadcast from the deployer's key) and by the tests (from the test contract), so that tests
/// exercise exactly the wiring that ships.
/// @dev Two phases. `deployContracts` creates everything with the timelock's delay at zero and the deployer
/// as its temporary admin. `launch` then has the timelock itself run the genesis calls (admin functions are
/// the timelock's from the first block, so even launch configuration goes through it, on the record), sets
/// the real delay, grants the Governor and the council their roles and makes the deployer renounce
/// everything. `deploy` does both with no genesis call.
library DmexDeployment {
    bytes32 internal constant GENESIS_SALT = keccak256("DMEX genesis");

    function deploy(DmexConfig memory config, address deployer) internal returns (DmexContracts memory c) {
        c = deployContracts(config, deployer);
        launch(c, config.timelockDelay, new GenesisCall[](0), deployer);
    }

    function deployContracts(DmexConfig memory config, address deployer) internal returns (DmexContracts memory c) {
        // 1. The timelock first: it is the token's treasury. Anyone may execute a ready operation. The delay
        // starts at zero only for the genesis batch; `launch` sets the real one in that same batch.
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        c.timelock = new DmexTimelock(0, none, anyone, deployer, config.localGovernance);

        // 2. DMC, with the 40% treasury share (less vesting tranches) held by the timelock.
        config.allocation.treasury = address(c.timelock);
        if (config.allocation.rewardsReserve == address(0)) config.allocation.rewardsReserve = address(c.timelock);
        c.token = new DmcToken(config.allocation);

        // 3. The Governor, voting with DMC and executing through the timelock.
        c.governor = new DmexGovernor(c.token, c.timelock, config.governor, config.localGovernance);

        // 4. The bootstrap council: a Safe whose only module is its guard, through which the DAO changes its
        // members, and whose guard keeps the council from removing that module.
        _deployCouncil(config, c);

        // 5. The miner registry, owned by the timelock from its first block; slashed DMC goes to insurance.
        c.registry = new MinerRegistry(
            address(c.timelock),
            c.token,
            config.allocation.insuranceReserve,
            config.approvalWindow,
            config.unbondingPeriod
        );

        // 6. The yield oracle: market average yield per unit and day, owned by the timelock.
        // 7. The risk-control vault, administered by the timelock, pausable by the council for a bounded time
        // (through the pause guardian); it creates the certificate NFT. `launch` names it the registry's
        // offering manager.
        // 8. The marketplace: fees to the treasury (the timelock) and the insurance reserve; `launch` grants it
        // the vault's marketplace role.
        _deployVault(config, c);
        c.marketplace = new Marketplace(
            address(c.timelock),
            address(c.pauseGuardian),
            c.vault,
            address(c.timelock),
            config.allocation.insuranceReserve,
            config.marketFees
        );
    }

    function _deployCouncil(DmexConfig memory config, DmexContracts memory c) private {
        c.councilGuard = new CouncilGuard(address(c.timelock));
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
                abi.encodeCall(CouncilModuleSetup.install, (address(c.councilGuard))),
                address(0),
                address(0),
                0,
                payable(address(0))
            )
        );
        c.council = SafeL2(
            payable(address(SafeProxyFactory(c.safeProxyFactory).createProxyWithNonce(c.safeSingleton, initializer, 0)))
        );
        // The council pauses only through the guardian, for a DAO-bounded time, and reaches the timelock only
        // through the gate, which the DAO can veto.
        c.pauseGuardian = new PauseGuardian(address(c.timelock), address(c.council), config.maxPauseDuration);
        c.councilGate = new CouncilGate(
            c.timelock, c.governor, c.token, address(c.council), address(c.councilGuard), address(c.pauseGuardian)
        );
    }

    function _deployVault(DmexConfig memory config, DmexContracts memory c) private {
        c.oracle = new YieldOracle(address(c.timelock), config.oracleReporters, config.oracleQuorum);
        c.renderer = new CertificateRenderer();
        c.vault = new RiskControlVault(address(c.timelock), address(c.pauseGuardian), c.registry, c.oracle, c.renderer);
        c.certificate = HashrateCertificate(address(c.vault.certificate()));
    }

    function launch(DmexContracts memory c, uint256 timelockDelay, GenesisCall[] memory calls, address deployer)
        internal
    {
        // 9. Genesis: the timelock wires the vault into the registry and the marketplace into the vault, lets the
        // pause guardian pause (and, after its bound, unpause) both, runs the launch calls, then sets its real
        // delay, in one batch.
        uint256 count = calls.length;
        uint256 fixedCalls = 8;
        address[] memory targets = new address[](count + fixedCalls);
        uint256[] memory values = new uint256[](count + fixedCalls);
        bytes[] memory payloads = new bytes[](count + fixedCalls);
        targets[0] = address(c.registry);
        payloads[0] = abi.encodeCall(c.registry.setOfferingManager, (address(c.vault)));
        targets[1] = address(c.vault);
        payloads[1] = abi.encodeCall(c.vault.grantRole, (c.vault.MARKETPLACE_ROLE(), address(c.marketplace)));
        targets[2] = address(c.vault);
        payloads[2] = abi.encodeCall(c.vault.grantRole, (bytes32(0), address(c.pauseGuardian)));
        targets[3] = address(c.marketplace);
        payloads[3] = abi.encodeCall(c.marketplace.grantRole, (bytes32(0), address(c.pauseGuardian)));
        targets[4] = address(c.pauseGuardian);
        payloads[4] = abi.encodeCall(c.pauseGuardian.setTarget, (address(c.vault), true));
        targets[5] = address(c.pauseGuardian);
        payloads[5] = abi.encodeCall(c.pauseGuardian.setTarget, (address(c.marketplace), true));
        // The registry's unbonding outlasts the flag window plus this governor's vote and timelock delay.
        targets[6] = address(c.registry);
        payloads[6] = abi.encodeCall(c.registry.setGovernor, (address(c.governor)));
        for (uint256 i; i < count; ++i) {
            targets[i + fixedCalls - 1] = calls[i].target;
            payloads[i + fixedCalls - 1] = calls[i].data;
        }
        targets[count + fixedCalls - 1] = address(c.timelock);
        payloads[count + fixedCalls - 1] = abi.encodeCall(c.timelock.updateDelay, (timelockDelay));
        c.timelock.grantRole(c.timelock.PROPOSER_ROLE(), deployer);
        c.timelock.scheduleBatch(targets, values, payloads, bytes32(0), GENESIS_SALT, 0);
        c.timelock.executeBatch(targets, values, payloads, bytes32(0), GENESIS_SALT);
        c.timelock.revokeRole(c.timelock.PROPOSER_ROLE(), deployer);

        // 10. Roles: the Governor proposes and cancels; the council proposes only through its gate, whose
        // canceller role serves the DAO's veto and cancels nothing but council operations. The council Safe holds
        // no role, so it can cancel no DAO proposal. The deployer keeps nothing.
        c.timelock.grantRole(c.timelock.PROPOSER_ROLE(), address(c.governor));
        c.timelock.grantRole(c.timelock.CANCELLER_ROLE(), address(c.governor));
        c.timelock.grantRole(c.timelock.PROPOSER_ROLE(), address(c.councilGate));
        c.timelock.grantRole(c.timelock.CANCELLER_ROLE(), address(c.councilGate));
        c.timelock.renounceRole(c.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }
}
