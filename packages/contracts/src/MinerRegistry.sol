// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IMinerRegistry} from "./interfaces/IMinerRegistry.sol";
import {UnbondingMath} from "./libraries/UnbondingMath.sol";
import {
    Application,
    ApplicationParams,
    ApplicationStatus,
    Coin,
    Miner,
    MinerStatus,
    StakeHold,
    StakeHoldState
} from "./types/Miner.sol";

/// @title MinerRegistry
/// @notice See {IMinerRegistry}.
/// @dev The owner is the DAO timelock (Ownable2Step). Token movements (stake, withdrawStake, slash) are
/// nonReentrant and follow checks-effects-interactions; no function loops over user data.
contract MinerRegistry is IMinerRegistry, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMinerRegistry
    uint64 public constant override MIN_APPROVAL_WINDOW = 1 days;
    /// @inheritdoc IMinerRegistry
    uint64 public constant override MAX_APPROVAL_WINDOW = 365 days;
    /// @inheritdoc IMinerRegistry
    uint64 public constant override MIN_UNBONDING_PERIOD = 1 days;
    /// @inheritdoc IMinerRegistry
    uint64 public constant override MAX_UNBONDING_PERIOD = 365 days;
    /// @inheritdoc IMinerRegistry
    uint16 public constant override MAX_TERM_DAYS = 3650;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    IERC20 private immutable _DMC;

    /// @inheritdoc IMinerRegistry
    address public override insuranceReserve;
    /// @inheritdoc IMinerRegistry
    uint64 public override approvalWindow;
    /// @inheritdoc IMinerRegistry
    address public override offeringManager;
    /// @inheritdoc IMinerRegistry
    uint64 public override unbondingPeriod;

    /// @inheritdoc IMinerRegistry
    uint256 public override totalStaked;
    /// @inheritdoc IMinerRegistry
    uint256 public override totalPendingWithdrawals;

    uint256 private _coinCount;
    mapping(uint256 coinId => Coin) private _coins;
    mapping(uint256 coinId => bool) private _coinActive;

    uint256 private _applicationCount;
    mapping(uint256 applicationId => Application) private _applications;

    mapping(address miner => Miner) private _miners;

    /// @inheritdoc IMinerRegistry
    address public override governor;
    /// @inheritdoc IMinerRegistry
    mapping(address miner => uint256) public override stakeHolds;
    /// @inheritdoc IMinerRegistry
    mapping(address manager => bool) public override isRetiredOfferingManager;
    mapping(address manager => mapping(uint256 offeringId => StakeHold)) private _holds;

    /*//////////////////////////////////////////////////////////////
                               MODIFIERS
    //////////////////////////////////////////////////////////////*/

    modifier onlyOfferingManager() {
        if (msg.sender != offeringManager) revert MinerRegistry_NotOfferingManager(msg.sender);
        _;
    }

    /// @dev The current manager or a retired one: replacing the manager must not strand the offerings it runs.
    modifier onlyAnyOfferingManager() {
        if (msg.sender != offeringManager && !isRetiredOfferingManager[msg.sender]) {
            revert MinerRegistry_NotOfferingManager(msg.sender);
        }
        _;
    }

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param owner_ The admin: the DAO timelock.
    /// @param dmc_ The staking token (DMC).
    /// @param insuranceReserve_ Receives slashed DMC.
    /// @param approvalWindow_ Seconds an approval stays valid unstaked (deployment default: 30 days).
    /// @param unbondingPeriod_ Seconds an unstake request waits (deployment default: 14 days).
    constructor(address owner_, IERC20 dmc_, address insuranceReserve_, uint64 approvalWindow_, uint64 unbondingPeriod_)
        Ownable(owner_)
    {
        if (address(dmc_).code.length == 0) revert MinerRegistry_InvalidToken(address(dmc_));
        _DMC = dmc_;
        _setInsuranceReserve(insuranceReserve_);
        _setApprovalWindow(approvalWindow_);
        _setUnbondingPeriod(unbondingPeriod_);
    }

    /*//////////////////////////////////////////////////////////////
                              ADMIN (OWNER)
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMinerRegistry
    function setInsuranceReserve(address reserve) external override onlyOwner {
        _setInsuranceReserve(reserve);
    }

    /// @inheritdoc IMinerRegistry
    function setApprovalWindow(uint64 window) external override onlyOwner {
        _setApprovalWindow(window);
    }

    /// @inheritdoc IMinerRegistry
    function setUnbondingPeriod(uint64 period) external override onlyOwner {
        _setUnbondingPeriod(period);
    }

    /// @inheritdoc IMinerRegistry
    function setOfferingManager(address manager) external override onlyOwner {
        address previous = offeringManager;
        emit OfferingManagerSet(previous, manager);
        if (previous != address(0) && previous != manager) isRetiredOfferingManager[previous] = true;
        isRetiredOfferingManager[manager] = false;
        offeringManager = manager;
    }

    /// @inheritdoc IMinerRegistry
    function setGovernor(address governor_) external override onlyOwner {
        emit GovernorSet(governor, governor_);
        governor = governor_;
    }

    /// @inheritdoc IMinerRegistry
    function decideSlash(address manager, uint256 offeringId, uint256 amount, string calldata reason)
        external
        override
        onlyOwner
        nonReentrant
    {
        StakeHold storage hold = _holds[manager][offeringId];
        if (hold.state != StakeHoldState.Terminated) revert MinerRegistry_NoStakeHold(manager, offeringId);
        address minerAddress = hold.miner;
        uint256 held = _releaseHold(minerAddress, hold);
        emit StakeReleased(minerAddress, manager, offeringId, amount, held);
        if (amount != 0) _slash(minerAddress, amount, reason);
    }

    /// @notice Disabled: the registry must always have an admin to approve, suspend and slash.
    function renounceOwnership() public view override onlyOwner {
        revert MinerRegistry_RenounceOwnershipDisabled();
    }

    /// @inheritdoc IMinerRegistry
    function registerCoin(Coin calldata coin_) external override onlyOwner returns (uint256 coinId) {
        if (bytes(coin_.name).length == 0) revert MinerRegistry_EmptyCoinName();
        if (bytes(coin_.unitName).length == 0) revert MinerRegistry_EmptyUnitName();
        if (coin_.unitSize == 0) revert MinerRegistry_ZeroUnitSize();
        if (coin_.yieldToken.code.length == 0) revert MinerRegistry_InvalidToken(coin_.yieldToken);

        coinId = ++_coinCount;
        _coins[coinId] = coin_;
        _coinActive[coinId] = true;
        emit CoinRegistered(coinId, coin_.yieldToken, coin_.name, coin_.unitName, coin_.unitSize, coin_.displayDecimals);
    }

    /// @inheritdoc IMinerRegistry
    function setCoinActive(uint256 coinId, bool active) external override onlyOwner {
        _requireCoin(coinId);
        _coinActive[coinId] = active;
        emit CoinActiveSet(coinId, active);
    }

    /// @inheritdoc IMinerRegistry
    function approveApplication(uint256 applicationId, uint256 capacityUnits, uint256 requiredStake)
        external
        override
        onlyOwner
    {
        Application storage app = _pendingApplication(applicationId);
        if (capacityUnits == 0) revert MinerRegistry_ZeroCapacity();
        uint256 coinId = app.coinId;
        if (!_coinActive[coinId]) revert MinerRegistry_CoinInactive(coinId);

        address minerAddress = app.applicant;
        Miner storage miner = _miners[minerAddress];
        app.status = ApplicationStatus.Approved;
        app.decidedAt = uint64(block.timestamp);

        miner.coinId = coinId;
        miner.maxTermDays = app.maxTermDays;
        miner.capacityUnits = capacityUnits;
        miner.requiredStake = requiredStake;

        // A miner that applies again may still hold stake: if it covers the requirement, it is active now.
        MinerStatus newStatus;
        uint64 expiry;
        if (miner.stake >= requiredStake) {
            newStatus = MinerStatus.Active;
        } else {
            newStatus = MinerStatus.Approved;
            expiry = uint64(block.timestamp) + approvalWindow;
        }
        miner.approvalExpiry = expiry;
        miner.status = newStatus;

        emit ApplicationApproved(
            applicationId, minerAddress, coinId, capacityUnits, requiredStake, app.maxTermDays, expiry
        );
        emit MinerStatusChanged(minerAddress, MinerStatus.Applied, newStatus);
    }

    /// @inheritdoc IMinerRegistry
    function rejectApplication(uint256 applicationId, string calldata reason) external override onlyOwner {
        Application storage app = _pendingApplication(applicationId);
        address minerAddress = app.applicant;
        app.status = ApplicationStatus.Rejected;
        app.decidedAt = uint64(block.timestamp);
        _miners[minerAddress].status = MinerStatus.None;

        emit ApplicationRejected(applicationId, minerAddress, reason);
        emit MinerStatusChanged(minerAddress, MinerStatus.Applied, MinerStatus.None);
    }

    /// @inheritdoc IMinerRegistry
    function suspend(address minerAddress, string calldata reason) external override onlyOwner {
        Miner storage miner = _miners[minerAddress];
        MinerStatus status = _statusOf(miner);
        if (status != MinerStatus.Approved && status != MinerStatus.Active) {
            revert MinerRegistry_InvalidStatus(minerAddress, status);
        }
        miner.status = MinerStatus.Suspended;

        emit MinerSuspended(minerAddress, reason);
        emit MinerStatusChanged(minerAddress, status, MinerStatus.Suspended);
    }

    /// @inheritdoc IMinerRegistry
    function reinstate(address minerAddress) external override onlyOwner {
        Miner storage miner = _miners[minerAddress];
        MinerStatus status = _statusOf(miner);
        if (status != MinerStatus.Suspended) revert MinerRegistry_InvalidStatus(minerAddress, status);

        MinerStatus newStatus;
        uint64 expiry;
        if (miner.stake >= miner.requiredStake) {
            newStatus = MinerStatus.Active;
        } else {
            newStatus = MinerStatus.Approved;
            // An approval never staked (expiry still set) gets a fresh window; one that was active keeps none.
            if (miner.approvalExpiry != 0) expiry = uint64(block.timestamp) + approvalWindow;
        }
        miner.approvalExpiry = expiry;
        miner.status = newStatus;

        emit MinerReinstated(minerAddress, newStatus, expiry);
        emit MinerStatusChanged(minerAddress, MinerStatus.Suspended, newStatus);
    }

    /// @inheritdoc IMinerRegistry
    function revoke(address minerAddress, string calldata reason) external override onlyOwner {
        Miner storage miner = _miners[minerAddress];
        MinerStatus status = _statusOf(miner);
        if (status == MinerStatus.None || status == MinerStatus.Revoked) {
            revert MinerRegistry_InvalidStatus(minerAddress, status);
        }
        if (status == MinerStatus.Applied) {
            uint256 applicationId = miner.applicationId;
            Application storage app = _applications[applicationId];
            app.status = ApplicationStatus.Rejected;
            app.decidedAt = uint64(block.timestamp);
            emit ApplicationRejected(applicationId, minerAddress, reason);
        }
        miner.status = MinerStatus.Revoked;
        miner.approvalExpiry = 0;

        emit MinerRevoked(minerAddress, reason);
        emit MinerStatusChanged(minerAddress, status, MinerStatus.Revoked);
    }

    /// @inheritdoc IMinerRegistry
    function slash(address minerAddress, uint256 amount, string calldata reason)
        external
        override
        onlyOwner
        nonReentrant
    {
        if (amount == 0) revert MinerRegistry_ZeroAmount();
        _slash(minerAddress, amount, reason);
    }

    function _slash(address minerAddress, uint256 amount, string calldata reason) private {
        Miner storage miner = _miners[minerAddress];
        uint256 staked = miner.stake;
        uint256 pending = miner.pendingWithdrawal;
        if (amount > staked + pending) revert MinerRegistry_SlashExceedsStake(minerAddress, amount, staked + pending);

        uint256 fromStake = amount < staked ? amount : staked;
        uint256 fromPending = amount - fromStake;
        if (fromStake != 0) {
            miner.stake = staked - fromStake;
            totalStaked -= fromStake;
        }
        if (fromPending != 0) {
            uint256 pendingLeft = pending - fromPending;
            miner.pendingWithdrawal = pendingLeft;
            totalPendingWithdrawals -= fromPending;
            if (pendingLeft == 0) miner.unlockAt = 0;
        }

        address reserve = insuranceReserve;
        emit Slashed(minerAddress, reserve, amount, fromStake, fromPending, reason);
        _DMC.safeTransfer(reserve, amount);
    }

    /// @inheritdoc IMinerRegistry
    function setCapacity(address minerAddress, uint256 capacityUnits) external override onlyOwner {
        Miner storage miner = _miners[minerAddress];
        _requireApprovedOrAbove(minerAddress, miner);
        uint256 used = miner.usedCapacity;
        if (capacityUnits < used) revert MinerRegistry_CapacityBelowUsed(minerAddress, capacityUnits, used);

        emit CapacitySet(minerAddress, miner.capacityUnits, capacityUnits);
        miner.capacityUnits = capacityUnits;
    }

    /// @inheritdoc IMinerRegistry
    function setRequiredStake(address minerAddress, uint256 amount) external override onlyOwner {
        Miner storage miner = _miners[minerAddress];
        MinerStatus status = _requireApprovedOrAbove(minerAddress, miner);

        emit RequiredStakeSet(minerAddress, miner.requiredStake, amount);
        miner.requiredStake = amount;
        if (status == MinerStatus.Approved && miner.stake >= amount) _activate(minerAddress, miner);
    }

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMinerRegistry
    function submitApplication(ApplicationParams calldata params) external override returns (uint256 applicationId) {
        Miner storage miner = _miners[msg.sender];
        MinerStatus status = _statusOf(miner);
        if (status == MinerStatus.Applied) revert MinerRegistry_ApplicationPending(msg.sender, miner.applicationId);
        if (status != MinerStatus.None) revert MinerRegistry_InvalidStatus(msg.sender, status);

        if (bytes(params.profileURI).length == 0) revert MinerRegistry_EmptyProfileURI();
        if (params.contentHash == bytes32(0)) revert MinerRegistry_ZeroContentHash();
        _requireCoin(params.coinId);
        if (!_coinActive[params.coinId]) revert MinerRegistry_CoinInactive(params.coinId);
        if (params.capacityUnits == 0) revert MinerRegistry_ZeroCapacity();
        if (params.maxTermDays == 0 || params.maxTermDays > MAX_TERM_DAYS) {
            revert MinerRegistry_MaxTermOutOfBounds(params.maxTermDays, MAX_TERM_DAYS);
        }
        if (params.expectedYieldPerUnit == 0) revert MinerRegistry_ZeroExpectedYield();

        applicationId = ++_applicationCount;
        Application storage app = _applications[applicationId];
        app.applicant = msg.sender;
        // app.status is Pending, the zero value.
        app.maxTermDays = params.maxTermDays;
        app.submittedAt = uint64(block.timestamp);
        app.coinId = params.coinId;
        app.capacityUnits = params.capacityUnits;
        app.expectedYieldPerUnit = params.expectedYieldPerUnit;
        app.contentHash = params.contentHash;
        app.profileURI = params.profileURI;

        // Only an approval that lapsed unstaked leaves terms behind (it never had offerings): clear them.
        if (miner.status == MinerStatus.Approved) {
            miner.maxTermDays = 0;
            miner.approvalExpiry = 0;
            miner.coinId = 0;
            miner.capacityUnits = 0;
            miner.requiredStake = 0;
        }
        miner.status = MinerStatus.Applied;
        miner.applicationId = applicationId;

        emit ApplicationSubmitted(
            applicationId,
            msg.sender,
            params.coinId,
            params.profileURI,
            params.contentHash,
            params.capacityUnits,
            params.maxTermDays,
            params.expectedYieldPerUnit
        );
        emit MinerStatusChanged(msg.sender, MinerStatus.None, MinerStatus.Applied);
    }

    /// @inheritdoc IMinerRegistry
    function withdrawApplication(uint256 applicationId) external override {
        Application storage app = _pendingApplication(applicationId);
        if (app.applicant != msg.sender) revert MinerRegistry_NotApplicant(applicationId, msg.sender);
        app.status = ApplicationStatus.Withdrawn;
        app.decidedAt = uint64(block.timestamp);
        _miners[msg.sender].status = MinerStatus.None;

        emit ApplicationWithdrawn(applicationId, msg.sender);
        emit MinerStatusChanged(msg.sender, MinerStatus.Applied, MinerStatus.None);
    }

    /// @inheritdoc IMinerRegistry
    function stake(uint256 amount) external override nonReentrant {
        if (amount == 0) revert MinerRegistry_ZeroAmount();
        Miner storage miner = _miners[msg.sender];
        MinerStatus status = miner.status;
        uint64 expiry = miner.approvalExpiry;
        if (status == MinerStatus.Approved && expiry != 0 && block.timestamp >= expiry) {
            revert MinerRegistry_ApprovalExpired(msg.sender, expiry);
        }
        if (status != MinerStatus.Approved && status != MinerStatus.Active && status != MinerStatus.Suspended) {
            revert MinerRegistry_InvalidStatus(msg.sender, status);
        }

        uint256 newStake = miner.stake + amount;
        miner.stake = newStake;
        totalStaked += amount;

        emit Staked(msg.sender, amount, newStake);
        if (status == MinerStatus.Approved && newStake >= miner.requiredStake) _activate(msg.sender, miner);

        _DMC.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IMinerRegistry
    function requestUnstake(uint256 amount) external override {
        if (amount == 0) revert MinerRegistry_ZeroAmount();
        Miner storage miner = _miners[msg.sender];
        uint256 staked = miner.stake;
        if (amount > staked) revert MinerRegistry_InsufficientStake(msg.sender, amount, staked);
        _requireStakeFree(msg.sender);

        uint256 remaining = staked - amount;
        uint256 required = miner.requiredStake;
        MinerStatus status = miner.status;
        uint256 live = miner.liveOfferings;
        if (live != 0) {
            if (status == MinerStatus.Revoked) revert MinerRegistry_LiveOfferings(msg.sender, live);
            if (remaining < required) revert MinerRegistry_StakeBelowRequired(msg.sender, remaining, required);
        }

        uint256 pending = miner.pendingWithdrawal + amount;
        // casting to uint64 is safe: each term of the period is bounded far below 2^64 seconds
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 unlockAt = uint64(block.timestamp + effectiveUnbondingPeriod());
        miner.stake = remaining;
        miner.pendingWithdrawal = pending;
        miner.unlockAt = unlockAt;
        totalStaked -= amount;
        totalPendingWithdrawals += amount;

        emit UnstakeRequested(msg.sender, amount, remaining, pending, unlockAt);
        // Without live offerings (checked above), an active miner may go below its requirement: it steps
        // back to Approved, without expiry, and staking again reactivates it.
        if (status == MinerStatus.Active && remaining < required) {
            miner.status = MinerStatus.Approved;
            emit MinerStatusChanged(msg.sender, MinerStatus.Active, MinerStatus.Approved);
        }
    }

    /// @inheritdoc IMinerRegistry
    function withdrawStake() external override nonReentrant {
        Miner storage miner = _miners[msg.sender];
        uint256 amount = miner.pendingWithdrawal;
        if (amount == 0) revert MinerRegistry_NothingToWithdraw(msg.sender);
        uint64 unlockAt = miner.unlockAt;
        if (block.timestamp < unlockAt) revert MinerRegistry_StillUnbonding(msg.sender, unlockAt);
        _requireStakeFree(msg.sender);
        uint256 live = miner.liveOfferings;
        if (live != 0 && miner.status == MinerStatus.Revoked) revert MinerRegistry_LiveOfferings(msg.sender, live);

        miner.pendingWithdrawal = 0;
        miner.unlockAt = 0;
        totalPendingWithdrawals -= amount;

        emit StakeWithdrawn(msg.sender, amount);
        _DMC.safeTransfer(msg.sender, amount);
    }

    /*//////////////////////////////////////////////////////////////
                         OFFERING MANAGER HOOKS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMinerRegistry
    function openOffering(address minerAddress, uint256 units) external override onlyOfferingManager {
        if (units == 0) revert MinerRegistry_ZeroUnits();
        Miner storage miner = _miners[minerAddress];
        MinerStatus status = _statusOf(miner);
        if (status != MinerStatus.Active) revert MinerRegistry_InvalidStatus(minerAddress, status);
        uint256 staked = miner.stake;
        uint256 required = miner.requiredStake;
        if (staked < required) revert MinerRegistry_StakeBelowRequired(minerAddress, staked, required);
        uint256 used = miner.usedCapacity;
        uint256 free = miner.capacityUnits - used;
        if (units > free) revert MinerRegistry_CapacityExceeded(minerAddress, units, free);

        uint256 newUsed = used + units;
        uint64 live = miner.liveOfferings + 1;
        miner.usedCapacity = newUsed;
        miner.liveOfferings = live;
        emit OfferingOpened(minerAddress, units, newUsed, live);
    }

    /// @inheritdoc IMinerRegistry
    function releaseCapacity(address minerAddress, uint256 units) external override onlyAnyOfferingManager {
        if (units == 0) revert MinerRegistry_ZeroUnits();
        Miner storage miner = _miners[minerAddress];
        uint256 used = miner.usedCapacity;
        if (units > used) revert MinerRegistry_ReleaseExceedsUsed(minerAddress, units, used);

        uint256 newUsed = used - units;
        miner.usedCapacity = newUsed;
        emit CapacityReleased(minerAddress, units, newUsed);
    }

    /// @inheritdoc IMinerRegistry
    function closeOffering(address minerAddress, uint256 unitsStillReserved) external override onlyAnyOfferingManager {
        Miner storage miner = _miners[minerAddress];
        uint64 live = miner.liveOfferings;
        if (live == 0) revert MinerRegistry_NoLiveOfferings(minerAddress);
        uint256 used = miner.usedCapacity;
        if (unitsStillReserved > used) {
            revert MinerRegistry_ReleaseExceedsUsed(minerAddress, unitsStillReserved, used);
        }

        uint256 newUsed = used - unitsStillReserved;
        miner.usedCapacity = newUsed;
        miner.liveOfferings = live - 1;
        emit OfferingClosed(minerAddress, unitsStillReserved, newUsed, live - 1);
    }

    /// @inheritdoc IMinerRegistry
    function holdStake(address minerAddress, uint256 offeringId, bool terminated)
        external
        override
        onlyAnyOfferingManager
    {
        StakeHold storage hold = _holds[msg.sender][offeringId];
        uint256 held = stakeHolds[minerAddress];
        // A flagged offering that is then terminated keeps its one hold, now waiting for a slashing decision.
        if (hold.state == StakeHoldState.None) {
            stakeHolds[minerAddress] = ++held;
            hold.miner = minerAddress;
        }
        hold.state = terminated ? StakeHoldState.Terminated : StakeHoldState.Flagged;
        emit StakeHeld(minerAddress, msg.sender, offeringId, terminated, held);
    }

    /// @inheritdoc IMinerRegistry
    function releaseStake(uint256 offeringId) external override onlyAnyOfferingManager {
        StakeHold storage hold = _holds[msg.sender][offeringId];
        if (hold.state != StakeHoldState.Flagged) revert MinerRegistry_NoStakeHold(msg.sender, offeringId);
        address minerAddress = hold.miner;
        uint256 held = _releaseHold(minerAddress, hold);
        emit StakeReleased(minerAddress, msg.sender, offeringId, 0, held);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMinerRegistry
    function effectiveUnbondingPeriod() public view override returns (uint256) {
        return UnbondingMath.period(offeringManager, governor, unbondingPeriod);
    }

    /// @inheritdoc IMinerRegistry
    function dmc() external view override returns (IERC20) {
        return _DMC;
    }

    /// @inheritdoc IMinerRegistry
    function coin(uint256 coinId) external view override returns (Coin memory) {
        _requireCoin(coinId);
        return _coins[coinId];
    }

    /// @inheritdoc IMinerRegistry
    function isCoinActive(uint256 coinId) external view override returns (bool) {
        _requireCoin(coinId);
        return _coinActive[coinId];
    }

    /// @inheritdoc IMinerRegistry
    function coinCount() external view override returns (uint256) {
        return _coinCount;
    }

    /// @inheritdoc IMinerRegistry
    function application(uint256 applicationId) external view override returns (Application memory) {
        if (applicationId == 0 || applicationId > _applicationCount) {
            revert MinerRegistry_UnknownApplication(applicationId);
        }
        return _applications[applicationId];
    }

    /// @inheritdoc IMinerRegistry
    function applicationCount() external view override returns (uint256) {
        return _applicationCount;
    }

    /// @inheritdoc IMinerRegistry
    function statusOf(address minerAddress) external view override returns (MinerStatus) {
        return _statusOf(_miners[minerAddress]);
    }

    /// @inheritdoc IMinerRegistry
    function minerOf(address minerAddress) external view override returns (Miner memory miner) {
        miner = _miners[minerAddress];
        miner.status = _statusOf(_miners[minerAddress]);
    }

    /// @inheritdoc IMinerRegistry
    function freeCapacity(address minerAddress) external view override returns (uint256) {
        Miner storage miner = _miners[minerAddress];
        return miner.capacityUnits - miner.usedCapacity;
    }

    /// @inheritdoc IMinerRegistry
    function isUnderCollateralized(address minerAddress) external view override returns (bool) {
        Miner storage miner = _miners[minerAddress];
        return miner.status == MinerStatus.Active && miner.stake < miner.requiredStake;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _requireStakeFree(address minerAddress) private view {
        uint256 held = stakeHolds[minerAddress];
        if (held != 0) revert MinerRegistry_StakeHeld(minerAddress, held);
    }

    function _releaseHold(address minerAddress, StakeHold storage hold) private returns (uint256 held) {
        hold.state = StakeHoldState.None;
        held = stakeHolds[minerAddress] - 1;
        stakeHolds[minerAddress] = held;
    }

    /// @dev The stored status, except that an approval not staked before its expiry reads as None.
    function _statusOf(Miner storage miner) private view returns (MinerStatus status) {
        status = miner.status;
        if (status == MinerStatus.Approved) {
            uint64 expiry = miner.approvalExpiry;
            if (expiry != 0 && block.timestamp >= expiry) status = MinerStatus.None;
        }
    }

    /// @dev Approved → Active; an approval once staked never lapses.
    function _activate(address minerAddress, Miner storage miner) private {
        miner.status = MinerStatus.Active;
        miner.approvalExpiry = 0;
        emit MinerStatusChanged(minerAddress, MinerStatus.Approved, MinerStatus.Active);
    }

    /// @dev Reverts unless the miner holds a live approval: Approved (not lapsed), Active or Suspended.
    function _requireApprovedOrAbove(address minerAddress, Miner storage miner) private view returns (MinerStatus) {
        MinerStatus status = _statusOf(miner);
        if (status != MinerStatus.Approved && status != MinerStatus.Active && status != MinerStatus.Suspended) {
            revert MinerRegistry_InvalidStatus(minerAddress, status);
        }
        return status;
    }

    function _pendingApplication(uint256 applicationId) private view returns (Application storage app) {
        if (applicationId == 0 || applicationId > _applicationCount) {
            revert MinerRegistry_UnknownApplication(applicationId);
        }
        app = _applications[applicationId];
        if (app.status != ApplicationStatus.Pending) revert MinerRegistry_ApplicationNotPending(applicationId);
    }

    function _requireCoin(uint256 coinId) private view {
        if (coinId == 0 || coinId > _coinCount) revert MinerRegistry_UnknownCoin(coinId);
    }

    function _setInsuranceReserve(address reserve) private {
        if (reserve == address(0) || reserve == address(this)) revert MinerRegistry_InvalidInsuranceReserve(reserve);
        emit InsuranceReserveSet(insuranceReserve, reserve);
        insuranceReserve = reserve;
    }

    function _setApprovalWindow(uint64 window) private {
        if (window < MIN_APPROVAL_WINDOW || window > MAX_APPROVAL_WINDOW) {
            revert MinerRegistry_ApprovalWindowOutOfBounds(window, MIN_APPROVAL_WINDOW, MAX_APPROVAL_WINDOW);
        }
        emit ApprovalWindowSet(approvalWindow, window);
        approvalWindow = window;
    }

    function _setUnbondingPeriod(uint64 period) private {
        if (period < MIN_UNBONDING_PERIOD || period > MAX_UNBONDING_PERIOD) {
            revert MinerRegistry_UnbondingPeriodOutOfBounds(period, MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD);
        }
        emit UnbondingPeriodSet(unbondingPeriod, period);
        unbondingPeriod = period;
    }
}
