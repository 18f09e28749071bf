// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MinerRegistry} from "../../../src/MinerRegistry.sol";
import {IMinerRegistry} from "../../../src/interfaces/IMinerRegistry.sol";
import {ApplicationParams, Coin, Miner, MinerStatus} from "../../../src/types/Miner.sol";
import {Test} from "../../utils/Test.sol";
import {MinerRegistryStore} from "../stores/MinerRegistryStore.sol";

/// @notice The fuzzer's way into the MinerRegistry. It plays a handful of miners, the owner (a timelock,
/// which may hand over to a second one), the offering manager (which the owner may swap or unset) and
/// strangers making admin calls that must fail. Every call it makes is valid for the state it finds
/// (inputs are bounded, calls that cannot succeed are skipped), except the strangers' admin calls, whose
/// revert it checks itself; so `fail_on_revert` catches any unexpected revert of the registry.
contract MinerRegistryHandler is Test {
    uint256 internal constant MAX_REQUIRED_STAKE = 300_000e18;
    uint256 internal constant MAX_CAPACITY = 1_000_000;
    uint256 internal constant MAX_COINS = 5;

    MinerRegistry public immutable registry;
    IERC20 public immutable dmc;
    MinerRegistryStore public immutable store;
    address public immutable yieldToken;

    address[] internal _miners;
    address[2] internal _timelocks;
    address[2] internal _reserves;
    address[2] internal _managers;

    uint256 public calls;
    mapping(string action => uint256 count) public callCount;

    constructor(
        MinerRegistry registry_,
        MinerRegistryStore store_,
        address yieldToken_,
        address[] memory miners_,
        address[2] memory timelocks_,
        address[2] memory reserves_,
        address[2] memory managers_
    ) {
        registry = registry_;
        dmc = registry_.dmc();
        store = store_;
        yieldToken = yieldToken_;
        _miners = miners_;
        _timelocks = timelocks_;
        _reserves = reserves_;
        _managers = managers_;
    }

    /// @dev Counts the call and records every miner's status afterwards, so that the store sees each edge.
    modifier observe(string memory action) {
        _;
        ++calls;
        ++callCount[action];
        for (uint256 i; i < _miners.length; ++i) {
            store.observeStatus(_miners[i], registry.statusOf(_miners[i]));
        }
    }

    function minerCount() external view returns (uint256) {
        return _miners.length;
    }

    function minerAt(uint256 index) external view returns (address) {
        return _miners[index];
    }

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    function submitApplication(uint256 minerSeed, uint256 coinSeed, uint256 capacity, uint16 term, uint256 yield)
        external
        observe("submitApplication")
    {
        (address miner, bool found) = _pick(minerSeed, Need.StatusNone);
        if (!found) return;
        uint256 coinId = bound(coinSeed, 1, registry.coinCount());
        if (!registry.isCoinActive(coinId)) return;

        ApplicationParams memory params = ApplicationParams({
            profileURI: string.concat("ipfs://miner/", vm.toString(minerSeed)),
            contentHash: keccak256(abi.encode(miner, registry.applicationCount())),
            coinId: coinId,
            capacityUnits: bound(capacity, 1, MAX_CAPACITY),
            maxTermDays: uint16(bound(term, 1, 3650)),
            expectedYieldPerUnit: bound(yield, 1, 1e24)
        });
        vm.prank(miner);
        registry.submitApplication(params);
    }

    function withdrawApplication(uint256 minerSeed) external observe("withdrawApplication") {
        (address miner, bool found) = _pick(minerSeed, Need.StatusApplied);
        if (!found) return;
        uint256 applicationId = registry.minerOf(miner).applicationId;
        vm.prank(miner);
        registry.withdrawApplication(applicationId);
    }

    function stake(uint256 minerSeed, uint256 amount) external observe("stake") {
        (address miner, bool found) = _pick(minerSeed, Need.HoldsApproval);
        if (!found) return;
        uint256 balance = dmc.balanceOf(miner);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(miner);
        registry.stake(amount);
        store.addDeposit(amount);
    }

    function requestUnstake(uint256 minerSeed, uint256 amount) external observe("requestUnstake") {
        (address miner, bool found) = _pick(minerSeed, Need.Stake);
        if (!found) return;
        Miner memory record = registry.minerOf(miner);
        uint256 max = record.stake;
        if (record.liveOfferings != 0) {
            if (record.status == MinerStatus.Revoked || record.stake <= record.requiredStake) return;
            max = record.stake - record.requiredStake;
        }
        if (max == 0) return;
        amount = bound(amount, 1, max);
        vm.prank(miner);
        registry.requestUnstake(amount);
    }

    /// @dev Waits for the unlock if needed (time passes for everyone), then withdraws.
    function withdrawStake(uint256 minerSeed) external observe("withdrawStake") {
        (address miner, bool found) = _pick(minerSeed, Need.Pending);
        if (!found) return;
        Miner memory record = registry.minerOf(miner);
        if (block.timestamp < record.unlockAt) vm.warp(record.unlockAt);
        vm.prank(miner);
        registry.withdrawStake();
        store.addWithdrawal(record.pendingWithdrawal);
    }

    /*//////////////////////////////////////////////////////////////
                            OWNER: MINERS
    //////////////////////////////////////////////////////////////*/

    function approveApplication(uint256 minerSeed, uint256 capacity, uint256 requiredStake)
        external
        observe("approveApplication")
    {
        (address miner, bool found) = _pick(minerSeed, Need.StatusApplied);
        if (!found) return;
        uint256 applicationId = registry.minerOf(miner).applicationId;
        if (!registry.isCoinActive(registry.application(applicationId).coinId)) return;
        vm.prank(store.owner());
        registry.approveApplication(
            applicationId, bound(capacity, 1, MAX_CAPACITY), bound(requiredStake, 0, MAX_REQUIRED_STAKE)
        );
    }

    function rejectApplication(uint256 minerSeed) external observe("rejectApplication") {
        (address miner, bool found) = _pick(minerSeed, Need.StatusApplied);
        if (!found) return;
        uint256 applicationId = registry.minerOf(miner).applicationId;
        vm.prank(store.owner());
        registry.rejectApplication(applicationId, "rejected by the fuzzer");
    }

    function suspend(uint256 minerSeed) external observe("suspend") {
        (address miner, bool found) = _pick(minerSeed, Need.Suspendable);
        if (!found) return;
        vm.prank(store.owner());
        registry.suspend(miner, "suspended by the fuzzer");
    }

    function reinstate(uint256 minerSeed) external observe("reinstate") {
        (address miner, bool found) = _pick(minerSeed, Need.StatusSuspended);
        if (!found) return;
        vm.prank(store.owner());
        registry.reinstate(miner);
    }

    /// @dev Revocation is terminal: only one call in four goes through, so that miners live long enough.
    function revoke(uint256 minerSeed, uint256 gate) external observe("revoke") {
        if (gate % 4 != 0) return;
        (address miner, bool found) = _pick(minerSeed, Need.Revocable);
        if (!found) return;
        vm.prank(store.owner());
        registry.revoke(miner, "revoked by the fuzzer");
    }

    function slash(uint256 minerSeed, uint256 amount) external observe("slash") {
        (address miner, bool found) = _pick(minerSeed, Need.Slashable);
        if (!found) return;
        Miner memory record = registry.minerOf(miner);
        uint256 slashable = record.stake + record.pendingWithdrawal;
        amount = bound(amount, 1, slashable);
        vm.prank(store.owner());
        registry.slash(miner, amount, "slashed by the fuzzer");
        store.addSlash(amount);
    }

    function setCapacity(uint256 minerSeed, uint256 capacity) external observe("setCapacity") {
        (address miner, bool found) = _pick(minerSeed, Need.HoldsApproval);
        if (!found) return;
        uint256 used = registry.minerOf(miner).usedCapacity;
        vm.prank(store.owner());
        registry.setCapacity(miner, bound(capacity, used, used + MAX_CAPACITY));
    }

    function setRequiredStake(uint256 minerSeed, uint256 amount) external observe("setRequiredStake") {
        (address miner, bool found) = _pick(minerSeed, Need.HoldsApproval);
        if (!found) return;
        vm.prank(store.owner());
        registry.setRequiredStake(miner, bound(amount, 0, MAX_REQUIRED_STAKE));
    }

    /*//////////////////////////////////////////////////////////////
                            OWNER: SETTINGS
    //////////////////////////////////////////////////////////////*/

    function setApprovalWindow(uint64 window) external observe("setApprovalWindow") {
        window = uint64(bound(window, 1 days, 365 days));
        vm.prank(store.owner());
        registry.setApprovalWindow(window);
        store.setApprovalWindow(window);
    }

    function setUnbondingPeriod(uint64 period) external observe("setUnbondingPeriod") {
        period = uint64(bound(period, 1 days, 365 days));
        vm.prank(store.owner());
        registry.setUnbondingPeriod(period);
        store.setUnbondingPeriod(period);
    }

    function setInsuranceReserve(uint256 seed) external observe("setInsuranceReserve") {
        address reserve = _reserves[seed % 2];
        vm.prank(store.owner());
        registry.setInsuranceReserve(reserve);
        store.setInsuranceReserve(reserve);
    }

    /// @dev One call in three unsets the manager: offerings then wait until the owner sets one again.
    function setOfferingManager(uint256 seed) external observe("setOfferingManager") {
        address manager = seed % 3 == 2 ? address(0) : _managers[seed % 3];
        vm.prank(store.owner());
        registry.setOfferingManager(manager);
        store.setOfferingManager(manager);
    }

    function registerCoin(uint8 displayDecimals) external observe("registerCoin") {
        if (registry.coinCount() >= MAX_COINS) return;
        Coin memory coin_ = Coin({
            name: "Fuzzcoin", unitName: "PH/s", unitSize: 1, yieldToken: yieldToken, displayDecimals: displayDecimals
        });
        vm.prank(store.owner());
        uint256 coinId = registry.registerCoin(coin_);
        store.setCoinCount(coinId);
    }

    function setCoinActive(uint256 coinSeed, bool active) external observe("setCoinActive") {
        uint256 coinId = bound(coinSeed, 1, registry.coinCount());
        vm.prank(store.owner());
        registry.setCoinActive(coinId, active);
    }

    /// @dev The DAO moves to a new timelock: two steps, proposed by the owner and accepted by the new one.
    function handOverOwnership(uint256 seed) external observe("handOverOwnership") {
        if (seed % 4 != 0) return;
        address current = store.owner();
        address next = current == _timelocks[0] ? _timelocks[1] : _timelocks[0];
        vm.prank(current);
        registry.transferOwnership(next);
        vm.prank(next);
        registry.acceptOwnership();
        store.setOwner(next);
    }

    /*//////////////////////////////////////////////////////////////
                           OFFERING MANAGER
    //////////////////////////////////////////////////////////////*/

    function openOffering(uint256 minerSeed, uint256 units) external observe("openOffering") {
        address manager = registry.offeringManager();
        if (manager == address(0)) return;
        (address miner, bool found) = _pick(minerSeed, Need.CanOpen);
        if (!found) return;
        Miner memory record = registry.minerOf(miner);
        uint256 free = record.capacityUnits - record.usedCapacity;
        units = bound(units, 1, free);
        vm.prank(manager);
        registry.openOffering(miner, units);
        store.openOffering(miner, units);
    }

    function releaseCapacity(uint256 minerSeed, uint256 offeringSeed, uint256 units)
        external
        observe("releaseCapacity")
    {
        address manager = registry.offeringManager();
        if (manager == address(0)) return;
        (address miner, bool found) = _pick(minerSeed, Need.Offering);
        if (!found) return;
        uint256 index = offeringSeed % store.offeringCount(miner);
        uint256 reserved = store.offeringUnits(miner, index);
        if (reserved == 0) return;
        units = bound(units, 1, reserved);
        vm.prank(manager);
        registry.releaseCapacity(miner, units);
        store.release(miner, index, units);
    }

    function closeOffering(uint256 minerSeed, uint256 offeringSeed) external observe("closeOffering") {
        address manager = registry.offeringManager();
        if (manager == address(0)) return;
        (address miner, bool found) = _pick(minerSeed, Need.Offering);
        if (!found) return;
        uint256 index = offeringSeed % store.offeringCount(miner);
        uint256 reserved = store.offeringUnits(miner, index);
        vm.prank(manager);
        registry.closeOffering(miner, reserved);
        store.closeOffering(miner, index);
    }

    /*//////////////////////////////////////////////////////////////
                          STRANGERS AND TIME
    //////////////////////////////////////////////////////////////*/

    /// @dev Anyone but the owner calls an admin function with arbitrary arguments: it must revert with
    /// OwnableUnauthorizedAccount(caller) and change nothing.
    function unauthorizedAdminCall(uint256 callerSeed, uint256 selectorSeed, uint256 number, address account)
        external
        observe("unauthorizedAdminCall")
    {
        address caller = _stranger(callerSeed, account);
        if (caller == store.owner()) return;
        bytes memory data = _adminCall(selectorSeed, number, account);

        vm.prank(caller);
        (bool success, bytes memory returnData) = address(registry).call(data);
        assertFalse(success, "a non-owner admin call succeeded");
        assertEq(
            keccak256(returnData),
            keccak256(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller)),
            "a non-owner admin call must revert with OwnableUnauthorizedAccount(caller)"
        );
        store.countUnauthorizedCall();
    }

    /// @dev A call the registry must refuse, with its exact custom error: capacity set below what is used,
    /// an offering larger than what is free, a slash above what is slashable, an unstake that would leave
    /// live offerings under-collateralized, a withdrawal before its unlock time, or a status change the
    /// miner's status forbids.
    function refusedCall(uint256 minerSeed, uint256 kind, uint256 amount) external observe("refusedCall") {
        kind %= 6;
        bytes memory call;
        bytes memory expected;
        address caller;
        if (kind == 0) {
            (address miner, bool found) = _pick(minerSeed, Need.UsesCapacity);
            if (!found) return;
            uint256 used = registry.minerOf(miner).usedCapacity;
            uint256 capacity = bound(amount, 0, used - 1);
            caller = store.owner();
            call = abi.encodeCall(IMinerRegistry.setCapacity, (miner, capacity));
            expected =
                abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityBelowUsed.selector, miner, capacity, used);
        } else if (kind == 1) {
            (address miner, bool found) = _pick(minerSeed, Need.CanOpen);
            caller = registry.offeringManager();
            if (!found || caller == address(0)) return;
            Miner memory record = registry.minerOf(miner);
            uint256 free = record.capacityUnits - record.usedCapacity;
            uint256 units = bound(amount, free + 1, free + MAX_CAPACITY);
            call = abi.encodeCall(IMinerRegistry.openOffering, (miner, units));
            expected =
                abi.encodeWithSelector(IMinerRegistry.MinerRegistry_CapacityExceeded.selector, miner, units, free);
        } else if (kind == 2) {
            address miner = _miner(minerSeed);
            Miner memory record = registry.minerOf(miner);
            uint256 slashable = record.stake + record.pendingWithdrawal;
            uint256 excess = bound(amount, slashable + 1, slashable + 1e30);
            caller = store.owner();
            call = abi.encodeCall(IMinerRegistry.slash, (miner, excess, "too much"));
            expected = abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_SlashExceedsStake.selector, miner, excess, slashable
            );
        } else if (kind == 3) {
            (address miner, bool found) = _pick(minerSeed, Need.LiveAndStaked);
            if (!found) return;
            Miner memory record = registry.minerOf(miner);
            // A revoked miner may unstake nothing; any other miner no more than its excess over the requirement.
            bool revoked = record.status == MinerStatus.Revoked;
            uint256 excessStake = record.stake > record.requiredStake ? record.stake - record.requiredStake : 0;
            uint256 minRefused = revoked ? 1 : excessStake + 1;
            if (minRefused > record.stake) return;
            uint256 unstake = bound(amount, minRefused, record.stake);
            caller = miner;
            call = abi.encodeCall(IMinerRegistry.requestUnstake, (unstake));
            expected = revoked
                ? abi.encodeWithSelector(
                    IMinerRegistry.MinerRegistry_LiveOfferings.selector, miner, record.liveOfferings
                )
                : abi.encodeWithSelector(
                    IMinerRegistry.MinerRegistry_StakeBelowRequired.selector,
                    miner,
                    record.stake - unstake,
                    record.requiredStake
                );
        } else if (kind == 4) {
            (address miner, bool found) = _pick(minerSeed, Need.Unbonding);
            if (!found) return;
            caller = miner;
            call = abi.encodeCall(IMinerRegistry.withdrawStake, ());
            expected = abi.encodeWithSelector(
                IMinerRegistry.MinerRegistry_StillUnbonding.selector, miner, registry.minerOf(miner).unlockAt
            );
        } else {
            (caller, call, expected) = _refusedStatusCall(minerSeed, amount);
            if (caller == address(0)) return;
        }

        vm.prank(caller);
        (bool success, bytes memory returnData) = address(registry).call(call);
        assertFalse(success, "a call the registry must refuse succeeded");
        assertEq(keccak256(returnData), keccak256(expected), "refused with the wrong error");
    }

    /// @dev A status change the miner's status forbids: one of the 14 (operation, status) pairs below,
    /// acted on the first miner (from the seed's position on) in that status; nothing (zero caller) when no
    /// miner is in it.
    function _refusedStatusCall(uint256 seed, uint256 pair)
        internal
        view
        returns (address caller, bytes memory call, bytes memory expected)
    {
        // suspend from None, Applied, Suspended, Revoked; reinstate from None, Applied, Approved, Active,
        // Revoked; revoke from None, Revoked; stake from None, Applied, Revoked.
        MinerStatus[14] memory statuses = [
            MinerStatus.None,
            MinerStatus.Applied,
            MinerStatus.Suspended,
            MinerStatus.Revoked,
            MinerStatus.None,
            MinerStatus.Applied,
            MinerStatus.Approved,
            MinerStatus.Active,
            MinerStatus.Revoked,
            MinerStatus.None,
            MinerStatus.Revoked,
            MinerStatus.None,
            MinerStatus.Applied,
            MinerStatus.Revoked
        ];
        pair %= 14;
        MinerStatus status = statuses[pair];
        address miner;
        uint256 count = _miners.length;
        for (uint256 i; i < count; ++i) {
            address candidate = _miners[(seed % count + i) % count];
            if (registry.statusOf(candidate) == status) {
                miner = candidate;
                break;
            }
        }
        if (miner == address(0)) return (address(0), "", "");

        caller = store.owner();
        expected = abi.encodeWithSelector(IMinerRegistry.MinerRegistry_InvalidStatus.selector, miner, status);
        if (pair < 4) {
            call = abi.encodeCall(IMinerRegistry.suspend, (miner, "refused"));
        } else if (pair < 9) {
            call = abi.encodeCall(IMinerRegistry.reinstate, (miner));
        } else if (pair < 11) {
            call = abi.encodeCall(IMinerRegistry.revoke, (miner, "refused"));
        } else {
            caller = miner;
            call = abi.encodeCall(IMinerRegistry.stake, (1));
            // A lapsed approval (None with its expiry left behind) names its expiry.
            uint64 expiry = registry.minerOf(miner).approvalExpiry;
            if (status == MinerStatus.None && expiry != 0) {
                expected = abi.encodeWithSelector(IMinerRegistry.MinerRegistry_ApprovalExpired.selector, miner, expiry);
            }
        }
    }

    function passTime(uint256 seconds_) external observe("passTime") {
        vm.warp(block.timestamp + bound(seconds_, 1, 45 days));
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _miner(uint256 seed) internal view returns (address) {
        return _miners[seed % _miners.length];
    }

    /// @dev What a call needs of the miner it acts for.
    enum Need {
        StatusNone,
        StatusApplied,
        StatusSuspended,
        HoldsApproval,
        Suspendable,
        Revocable,
        Stake,
        Pending,
        Slashable,
        CanOpen,
        Offering,
        UsesCapacity,
        LiveAndStaked,
        Unbonding
    }

    /// @dev The first miner, from the seed's position on, that meets `need`: a sequence such as apply,
    /// approve, stake, open then finds its miner at each step instead of hitting one at random.
    function _pick(uint256 seed, Need need) internal view returns (address miner, bool found) {
        uint256 count = _miners.length;
        for (uint256 i; i < count; ++i) {
            miner = _miners[(seed % count + i) % count];
            if (_meets(miner, need)) return (miner, true);
        }
        return (address(0), false);
    }

    function _meets(address miner, Need need) internal view returns (bool) {
        Miner memory record = registry.minerOf(miner);
        MinerStatus status = record.status;
        if (need == Need.StatusNone) return status == MinerStatus.None;
        if (need == Need.StatusApplied) return status == MinerStatus.Applied;
        if (need == Need.StatusSuspended) return status == MinerStatus.Suspended;
        if (need == Need.HoldsApproval) {
            return status == MinerStatus.Approved || status == MinerStatus.Active || status == MinerStatus.Suspended;
        }
        if (need == Need.Suspendable) return status == MinerStatus.Approved || status == MinerStatus.Active;
        if (need == Need.Revocable) return status != MinerStatus.None && status != MinerStatus.Revoked;
        if (need == Need.Stake) return record.stake != 0;
        if (need == Need.Pending) {
            return record.pendingWithdrawal != 0 && (status != MinerStatus.Revoked || record.liveOfferings == 0);
        }
        if (need == Need.Slashable) return record.stake + record.pendingWithdrawal != 0;
        if (need == Need.CanOpen) {
            return status == MinerStatus.Active && record.stake >= record.requiredStake
                && record.usedCapacity < record.capacityUnits;
        }
        if (need == Need.UsesCapacity) {
            return record.usedCapacity != 0
                && (status == MinerStatus.Approved || status == MinerStatus.Active || status == MinerStatus.Suspended);
        }
        if (need == Need.LiveAndStaked) return record.liveOfferings != 0 && record.stake != 0;
        if (need == Need.Unbonding) return record.pendingWithdrawal != 0 && block.timestamp < record.unlockAt;
        return store.offeringCount(miner) != 0;
    }

    /// @dev A miner, a manager, a reserve, a timelock (the one not in charge) or any nonzero address.
    function _stranger(uint256 seed, address any) internal view returns (address) {
        uint256 pick = seed % 5;
        if (pick == 0) return _miner(seed / 5);
        if (pick == 1) return _managers[(seed / 5) % 2];
        if (pick == 2) return _reserves[(seed / 5) % 2];
        if (pick == 3) return _timelocks[(seed / 5) % 2];
        // Nobody sends from the zero address (it would pass Ownable2Step's acceptOwnership while no
        // transfer is pending, since pendingOwner() is then zero).
        return any == address(0) ? address(0xBAD) : any;
    }

    function _adminCall(uint256 seed, uint256 number, address account) internal view returns (bytes memory) {
        uint256 pick = seed % 17;
        // casting to 'uint64' is safe because truncation only picks another arbitrary input
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 short = uint64(number);
        address miner = _miner(number);
        if (pick == 0) return abi.encodeCall(IMinerRegistry.setInsuranceReserve, (account));
        if (pick == 1) return abi.encodeCall(IMinerRegistry.setApprovalWindow, (short));
        if (pick == 2) return abi.encodeCall(IMinerRegistry.setUnbondingPeriod, (short));
        if (pick == 3) return abi.encodeCall(IMinerRegistry.setOfferingManager, (account));
        if (pick == 4) {
            Coin memory coin_ =
                Coin({name: "Evil", unitName: "EH/s", unitSize: number, yieldToken: yieldToken, displayDecimals: 0});
            return abi.encodeCall(IMinerRegistry.registerCoin, (coin_));
        }
        if (pick == 5) return abi.encodeCall(IMinerRegistry.setCoinActive, (number, false));
        if (pick == 6) return abi.encodeCall(IMinerRegistry.approveApplication, (number, number, 0));
        if (pick == 7) return abi.encodeCall(IMinerRegistry.rejectApplication, (number, "no"));
        if (pick == 8) return abi.encodeCall(IMinerRegistry.suspend, (miner, "no"));
        if (pick == 9) return abi.encodeCall(IMinerRegistry.reinstate, (miner));
        if (pick == 10) return abi.encodeCall(IMinerRegistry.revoke, (miner, "no"));
        if (pick == 11) return abi.encodeCall(IMinerRegistry.slash, (miner, number, "no"));
        if (pick == 12) return abi.encodeCall(IMinerRegistry.setCapacity, (miner, number));
        if (pick == 13) return abi.encodeCall(IMinerRegistry.setRequiredStake, (miner, number));
        if (pick == 14) return abi.encodeCall(Ownable.transferOwnership, (account));
        if (pick == 15) return abi.encodeCall(Ownable2Step.acceptOwnership, ());
        return abi.encodeCall(Ownable.renounceOwnership, ());
    }
}
