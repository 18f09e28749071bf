// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MinerRegistry} from "../src/MinerRegistry.sol";
import {IMinerRegistry} from "../src/interfaces/IMinerRegistry.sol";
import {BridgedToken} from "../src/mocks/BridgedToken.sol";
import {Application, ApplicationParams, ApplicationStatus, Coin, Miner, MinerStatus} from "../src/types/Miner.sol";
import {Base} from "./Base.t.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice A MinerRegistry owned by a stand-in timelock, staking the real DMC, with one registered coin
/// (Filecoin, in TiB) and helpers that walk a miner through its lifecycle.
abstract contract MinerRegistryBase is Base {
    uint64 internal constant APPROVAL_WINDOW = 30 days;
    uint64 internal constant UNBONDING_PERIOD = 14 days;
    uint256 internal constant CAPACITY = 1000;
    uint256 internal constant APPROVED_CAPACITY = 800;
    uint256 internal constant REQUIRED_STAKE = 50_000e18;
    uint16 internal constant MAX_TERM = 540;
    uint256 internal constant YIELD_PER_UNIT = 2e15;
    uint256 internal constant MINER_FUNDS = 1_000_000e18;
    string internal constant PROFILE_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    bytes32 internal constant CONTENT_HASH = keccak256("miner profile v1");

    address internal timelock;
    address internal manager;
    address internal miner;
    address internal stranger;

    MinerRegistry internal registry;
    BridgedToken internal ifil;
    uint256 internal filCoinId;

    function setUp() public virtual override {
        super.setUp();
        timelock = makeAddr("timelock");
        manager = makeAddr("offeringManager");
        miner = makeAddr("miner");
        stranger = makeAddr("stranger");

        registry =
            new MinerRegistry(timelock, IERC20(address(token)), insuranceReserve, APPROVAL_WINDOW, UNBONDING_PERIOD);
        vm.label(address(registry), "MinerRegistry");
        ifil = new BridgedToken("Bridged Filecoin", "IFIL", 18, timelock, makeAddr("bridge"));
        vm.label(address(ifil), "IFIL");

        vm.startPrank(timelock);
        filCoinId = registry.registerCoin(filecoin());
        registry.setOfferingManager(manager);
        vm.stopPrank();

        fundMiner(miner);
        fundMiner(alice);
        fundMiner(bob);
    }

    /*//////////////////////////////////////////////////////////////
                                FIXTURES
    //////////////////////////////////////////////////////////////*/

    function filecoin() internal view returns (Coin memory) {
        return Coin({name: "Filecoin", unitName: "TiB", unitSize: 1, yieldToken: address(ifil), displayDecimals: 4});
    }

    function defaultParams() internal view returns (ApplicationParams memory) {
        return ApplicationParams({
            profileURI: PROFILE_URI,
            contentHash: CONTENT_HASH,
            coinId: filCoinId,
            capacityUnits: CAPACITY,
            maxTermDays: MAX_TERM,
            expectedYieldPerUnit: YIELD_PER_UNIT
        });
    }

    /// @dev Gives `account` DMC and lets the registry pull all of it.
    function fundMiner(address account) internal {
        fund(account, MINER_FUNDS);
        vm.prank(account);
        token.approve(address(registry), type(uint256).max);
    }

    /*//////////////////////////////////////////////////////////////
                           LIFECYCLE HELPERS
    //////////////////////////////////////////////////////////////*/

    function submit(address account) internal returns (uint256 applicationId) {
        vm.prank(account);
        applicationId = registry.submitApplication(defaultParams());
    }

    function approve(uint256 applicationId) internal {
        vm.prank(timelock);
        registry.approveApplication(applicationId, APPROVED_CAPACITY, REQUIRED_STAKE);
    }

    /// @dev Applied and approved, nothing staked: status Approved with an expiry.
    function approved(address account) internal returns (uint256 applicationId) {
        applicationId = submit(account);
        approve(applicationId);
    }

    function stakeAs(address account, uint256 amount) internal {
        vm.prank(account);
        registry.stake(amount);
    }

    /// @dev Approved and staked exactly the required stake: status Active.
    function activate(address account) internal {
        approved(account);
        stakeAs(account, REQUIRED_STAKE);
    }

    function requestUnstakeAs(address account, uint256 amount) internal {
        vm.prank(account);
        registry.requestUnstake(amount);
    }

    function openOffering(address account, uint256 units) internal {
        vm.prank(manager);
        registry.openOffering(account, units);
    }

    function suspendMiner(address account) internal {
        vm.prank(timelock);
        registry.suspend(account, "under review");
    }

    function revokeMiner(address account) internal {
        vm.prank(timelock);
        registry.revoke(account, "fraud");
    }

    function slashMiner(address account, uint256 amount) internal {
        vm.prank(timelock);
        registry.slash(account, amount, "missed deliveries");
    }

    /// @dev Moves past the miner's approval expiry so that its approval lapses.
    function lapse(address account) internal {
        vm.warp(registry.minerOf(account).approvalExpiry);
    }

    /*//////////////////////////////////////////////////////////////
                               ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    function assertStatus(address account, MinerStatus expected, string memory message) internal view {
        assertEq(uint256(registry.statusOf(account)), uint256(expected), message);
        assertEq(uint256(registry.minerOf(account).status), uint256(expected), string.concat(message, " (minerOf)"));
    }

    function assertApplicationStatus(uint256 id, ApplicationStatus expected, string memory message) internal view {
        assertEq(uint256(registry.application(id).status), uint256(expected), message);
    }

    /// @dev The registry holds exactly what its totals say.
    function assertBalancesMatch() internal view {
        assertEq(
            token.balanceOf(address(registry)),
            registry.totalStaked() + registry.totalPendingWithdrawals(),
            "registry balance == totalStaked + totalPendingWithdrawals"
        );
    }

    /// @dev Starts recording logs; `statusChangesRecorded` then counts the MinerStatusChanged events.
    function recordLogs() internal {
        vm.recordLogs();
    }

    function statusChangesRecorded() internal returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (
                logs[i].emitter == address(registry) && logs[i].topics.length != 0
                    && logs[i].topics[0] == IMinerRegistry.MinerStatusChanged.selector
            ) ++count;
        }
    }

    function minerRecord(address account) internal view returns (Miner memory) {
        return registry.minerOf(account);
    }

    function applicationRecord(uint256 id) internal view returns (Application memory) {
        return registry.application(id);
    }

    function notPendingError(uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ApplicationNotPending.selector, id);
    }

    function invalidStatusError(address account, MinerStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidStatus.selector, account, status);
    }
}
