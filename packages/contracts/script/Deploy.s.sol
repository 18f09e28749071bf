// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMinerRegistry} from "../src/interfaces/IMinerRegistry.sol";
import {IRiskControlVault} from "../src/interfaces/IRiskControlVault.sol";
import {BridgedToken} from "../src/mocks/BridgedToken.sol";
import {Allocation, VestingTranche} from "../src/types/Allocation.sol";
import {GovernorParams} from "../src/types/Governance.sol";
import {Fees} from "../src/types/Market.sol";
import {Coin} from "../src/types/Miner.sol";
import {VM, Vm} from "../test/utils/Vm.sol";
import {DmexConfig, DmexContracts, DmexDeployment, GenesisCall} from "./lib/DmexDeployment.sol";

/// @notice Deploys DMEX. Run through `node node/cli.mjs` (the build and `npm start` do), which broadcasts this
/// script with forge and records the returned addresses in `deployments/<chainId>.json`.
/// @dev Environment:
/// - `DMEX_DEPLOYER_KEY` (required): the broadcasting key. It keeps no role after deployment.
/// - `DMEX_GOVERNANCE`: `local` (default on chain 31337: minutes, so a whole proposal cycle runs in a demo,
///   with the local floors) or `production` (DESIGN §3.2: 1 day delay, 5 days voting, 2 days timelock; the
///   only choice on any other chain).
/// - `DMEX_COUNCIL` (comma-separated, 7 addresses), `DMEX_ORACLE_REPORTERS` (comma-separated), genesis
///   recipients `DMEX_INSURANCE_RESERVE`, `DMEX_TEAM_BENEFICIARY`, `DMEX_INVESTOR_BENEFICIARY`,
///   `DMEX_VESTING_START`, and `DMEX_SAFE_SINGLETON` / `DMEX_SAFE_PROXY_FACTORY` where Safe is already deployed.
/// - `DMEX_REWARDS_RESERVE`: local chain only (default: anvil account 1, the demo's faucet). On any other chain
///   the mining rewards stay with the timelock, where they cast no vote.
/// - On any chain but 31337 the script refuses to run unless every role holder above is given (no anvil
///   defaults), with production governance and no demo coins, and it logs the full role table first.
/// - `DMEX_DEMO_COINS`: `1` (default with local governance) deploys two bridged yield tokens and a 6-decimals
///   demo USDC that only the deployer's account can mint (it plays the bridge on a local chain), registers
///   two coins through the timelock's genesis batch, Filecoin (unit TiB, IFIL, 18 decimals) and Bitcoin (unit
///   TH/s, 8 decimals), and allowlists the USDC as payment token. Without demo coins `DemoUSDC` is zero and
///   left out of the record; the DAO allowlists the real stablecoins by proposal.
/// Local defaults are anvil's public dev accounts, so a fresh anvil always yields the same addresses.
contract Deploy {
    /// @notice A public-chain deployment lacks role holders or asks for a local-only setting.
    error Deploy_UnsafePublicDeployment(uint256 chainId, string problems);
    Vm private constant vm = VM;

    // anvil's well-known dev accounts (addresses only; keys never live in this file)
    address private constant ANVIL_1 = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
    address private constant ANVIL_2 = 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC;
    address private constant ANVIL_3 = 0x90F79bf6EB2c4f870365E785982E1f101E93b906;
    address private constant ANVIL_4 = 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65;
    address private constant ANVIL_5 = 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc;
    address private constant ANVIL_6 = 0x976EA74026E726554dB657fA54763abd0C3a0aa9;
    address private constant ANVIL_7 = 0x14dC79964da2C08b23698B3D3cc7Ca32193d9955;
    address private constant ANVIL_8 = 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f;
    address private constant ANVIL_9 = 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720;

    uint64 private constant YEAR = 365 days;
    uint256 private constant LOCAL_CHAIN_ID = 31_337;
    address private constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    /// @dev The return names become the contract names of the deployment record.
    function run()
        external
        returns (
            address DmcToken,
            address DmexTimelock,
            address DmexGovernor,
            address Council,
            address MinerRegistry,
            address YieldOracle,
            address RiskControlVault,
            address HashrateCertificate,
            address CertificateRenderer,
            address Marketplace,
            address DemoUSDC
        )
    {
        (DmexContracts memory c, address usdc) = _deploy();
        DmcToken = address(c.token);
        DmexTimelock = address(c.timelock);
        DmexGovernor = address(c.governor);
        Council = address(c.council);
        MinerRegistry = address(c.registry);
        YieldOracle = address(c.oracle);
        RiskControlVault = address(c.vault);
        HashrateCertificate = address(c.certificate);
        CertificateRenderer = address(c.renderer);
        Marketplace = address(c.marketplace);
        DemoUSDC = usdc;
    }

    function _deploy() private returns (DmexContracts memory c, address usdc) {
        uint256 key = vm.envUint("DMEX_DEPLOYER_KEY");
        if (block.chainid != LOCAL_CHAIN_ID) _refuseUnsafePublicDeployment();
        DmexConfig memory config = _config();
        address deployer = vm.addr(key);
        bool demoCoins = vm.envOr("DMEX_DEMO_COINS", config.localGovernance ? uint256(1) : uint256(0)) == 1;

        vm.startBroadcast(key);
        c = DmexDeployment.deployContracts(config, deployer);
        GenesisCall[] memory genesis;
        if (demoCoins) (genesis, usdc) = _demoCoins(c, deployer);
        DmexDeployment.launch(c, config.timelockDelay, genesis, deployer);
        vm.stopBroadcast();
        _logRoles(c, config, deployer, usdc);
    }

    /// @dev Every variable naming a role holder must be set, and none of the local-only settings.
    function _refuseUnsafePublicDeployment() private view {
        string memory problems;
        string[6] memory required = [
            "DMEX_COUNCIL",
            "DMEX_ORACLE_REPORTERS",
            "DMEX_INSURANCE_RESERVE",
            "DMEX_TEAM_BENEFICIARY",
            "DMEX_INVESTOR_BENEFICIARY",
            "DMEX_ORACLE_QUORUM"
        ];
        for (uint256 i; i < required.length; ++i) {
            if (bytes(vm.envOr(required[i], string(""))).length == 0) {
                problems = string.concat(problems, required[i], " is not set; ");
            }
        }
        if (vm.envOr("DMEX_REWARDS_RESERVE", address(0)) != address(0)) {
            problems = string.concat(problems, "DMEX_REWARDS_RESERVE is local-only (the timelock holds the rewards); ");
        }
        if (keccak256(bytes(vm.envOr("DMEX_GOVERNANCE", string("production")))) != keccak256("production")) {
            problems = string.concat(problems, "DMEX_GOVERNANCE must be production; ");
        }
        if (vm.envOr("DMEX_DEMO_COINS", uint256(0)) != 0) {
            problems = string.concat(problems, "DMEX_DEMO_COINS is local-only (a mintable demo USDC); ");
        }
        if (bytes(problems).length != 0) revert Deploy_UnsafePublicDeployment(block.chainid, problems);
    }

    /// @dev One `role <name> <address>` line per role holder (the deploy tooling shows these before it sends
    /// anything on a public chain, and its test reads them back against the chain).
    function _logRoles(DmexContracts memory c, DmexConfig memory config, address deployer, address usdc) private view {
        _log(string.concat("DMEX role table, chain ", vm.toString(block.chainid)));
        _log(config.localGovernance ? "governance local (minute-scale, local floors)" : "governance production");
        _role("deployer (keeps no role)", deployer);
        _role("timelock (treasury, admin of every contract)", address(c.timelock));
        // DmexDeployment replaced a zero reserve by the timelock in `config` itself.
        _role("rewardsReserve", config.allocation.rewardsReserve);
        _role("insuranceReserve", config.allocation.insuranceReserve);
        for (uint256 i; i < config.allocation.tranches.length; ++i) {
            _role(string.concat("vestingBeneficiary", vm.toString(i)), config.allocation.tranches[i].beneficiary);
        }
        _role("governor (proposer, canceller)", address(c.governor));
        _role("councilGate (council proposer, DAO veto)", address(c.councilGate));
        _role("council (Safe)", address(c.council));
        _log(string.concat("councilThreshold ", vm.toString(config.councilThreshold)));
        for (uint256 i; i < config.councilOwners.length; ++i) {
            _role(string.concat("councilOwner", vm.toString(i)), config.councilOwners[i]);
        }
        _role("councilGuard (Safe guard, DAO module)", address(c.councilGuard));
        _role("pauseGuardian (bounded council pause)", address(c.pauseGuardian));
        for (uint256 i; i < config.oracleReporters.length; ++i) {
            _role(string.concat("oracleReporter", vm.toString(i)), config.oracleReporters[i]);
        }
        _log(string.concat("oracleQuorum ", vm.toString(config.oracleQuorum)));
        _log(string.concat("timelockDelay ", vm.toString(config.timelockDelay)));
        _log(string.concat("votingDelay ", vm.toString(config.governor.votingDelay)));
        _log(string.concat("votingPeriod ", vm.toString(config.governor.votingPeriod)));
        if (usdc != address(0)) _role("demoUSDC (minted by the deployer)", usdc);
    }

    function _role(string memory name, address holder) private view {
        _log(string.concat("role ", name, " ", vm.toString(holder)));
    }

    function _log(string memory line) private view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string)", line));
        ok; // the console exists only inside forge; nothing to do without it
    }

    /// @dev Deploys the two demo yield tokens and a 6-decimals demo USDC (admin: the timelock; minting: the
    /// deployer's account, playing bridge and issuer) and returns the genesis calls that register the coins
    /// and allowlist USDC for payments.
    function _demoCoins(DmexContracts memory c, address bridge)
        private
        returns (GenesisCall[] memory calls, address usdc)
    {
        address ifil = address(new BridgedToken("Bridged Filecoin", "IFIL", 18, address(c.timelock), bridge));
        address xbtc = address(new BridgedToken("Bridged Bitcoin", "XBTC", 8, address(c.timelock), bridge));
        usdc = address(new BridgedToken("USD Coin (DMEX demo)", "USDC", 6, address(c.timelock), bridge));
        calls = new GenesisCall[](3);
        calls[0] = GenesisCall({
            target: address(c.registry),
            data: abi.encodeCall(
                IMinerRegistry.registerCoin,
                (Coin({name: "Filecoin", unitName: "TiB", unitSize: 1, yieldToken: ifil, displayDecimals: 4}))
            )
        });
        calls[1] = GenesisCall({
            target: address(c.registry),
            data: abi.encodeCall(
                IMinerRegistry.registerCoin,
                (Coin({name: "Bitcoin", unitName: "TH/s", unitSize: 1, yieldToken: xbtc, displayDecimals: 8}))
            )
        });
        calls[2] = GenesisCall({
            target: address(c.vault), data: abi.encodeCall(IRiskControlVault.setPaymentToken, (usdc, true))
        });
    }

    function _config() private view returns (DmexConfig memory config) {
        config.allocation = _allocation();
        bool local = block.chainid == LOCAL_CHAIN_ID;
        bool production =
            !local || keccak256(bytes(vm.envOr("DMEX_GOVERNANCE", string("local")))) == keccak256("production");
        config.localGovernance = !production;
        // Production: one whole DAO cycle (1 + 5 + 1 late-quorum + 2 days) fits in a council pause, so the DAO
        // can decide to keep it (by revoking the guardian's roles) before it lapses.
        config.maxPauseDuration = production ? 10 days : 1 hours;
        config.governor = GovernorParams({
            votingDelay: production ? 1 days : 1 minutes,
            votingPeriod: production ? 5 days : 5 minutes,
            proposalThreshold: 100_000e18,
            quorumNumerator: 4,
            lateQuorumVoteExtension: production ? 1 days : 1 minutes
        });
        config.timelockDelay = production ? 2 days : 2 minutes;

        address[] memory council = new address[](7);
        (council[0], council[1], council[2], council[3]) = (ANVIL_3, ANVIL_4, ANVIL_5, ANVIL_6);
        (council[4], council[5], council[6]) = (ANVIL_7, ANVIL_8, ANVIL_9);
        config.councilOwners = vm.envOr("DMEX_COUNCIL", ",", council);
        config.councilThreshold = 4;
        config.approvalWindow = 30 days;
        config.unbondingPeriod = production ? 14 days : 1 days;
        // Local reporters: anvil accounts 7-9, all three report a day (`DMEX_ORACLE_REPORTERS`). The quorum must be
        // odd (the oracle's median is a reported value): 2 of 3 would let one reporter set the value.
        address[] memory reporters = new address[](3);
        (reporters[0], reporters[1], reporters[2]) = (ANVIL_7, ANVIL_8, ANVIL_9);
        config.oracleReporters = vm.envOr("DMEX_ORACLE_REPORTERS", ",", reporters);
        config.oracleQuorum = uint8(vm.envOr("DMEX_ORACLE_QUORUM", uint256(3)));
        // DESIGN §3.5: 5% on primary sales, 2% on secondary sales; 20% of fees to the insurance reserve.
        config.marketFees = Fees({channelBps: 500, tradingBps: 200, insuranceShareBps: 2000});
        config.safeSingleton = vm.envOr("DMEX_SAFE_SINGLETON", address(0));
        config.safeProxyFactory = vm.envOr("DMEX_SAFE_PROXY_FACTORY", address(0));
    }

    function _allocation() private view returns (Allocation memory allocation) {
        // Zero: DmexDeployment gives the rewards to the timelock (always, off the local chain).
        allocation.rewardsReserve =
            block.chainid == LOCAL_CHAIN_ID ? vm.envOr("DMEX_REWARDS_RESERVE", ANVIL_1) : address(0);
        allocation.insuranceReserve = vm.envOr("DMEX_INSURANCE_RESERVE", ANVIL_2);
        // The treasury is the DAO timelock, set by DmexDeployment.

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
