// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Application, ApplicationParams, Coin, Miner, MinerStatus} from "../types/Miner.sol";

/// @title IMinerRegistry
/// @notice Who may sell hashrate on DMEX, and how much (DESIGN §3.2–3.3). The DAO registers coins; a miner
/// applies with a profile, a coin and a capacity; the DAO (its timelock, this contract's owner) approves
/// with a capacity and a required DMC stake, or rejects; the approved miner stakes and becomes active, and
/// the offering manager reserves capacity for its offerings. The DAO can suspend, reinstate, revoke and
/// slash; slashed DMC goes to the insurance reserve. Unstaking goes through an unbonding period during
/// which the DMC stays slashable.
/// @dev Status edges (anything else is impossible):
/// None → Applied (apply); Applied → None (withdraw, reject); Applied → Approved | Active (approve; Active
/// when the miner's existing stake already covers the required stake); Approved → Active (stake, or a
/// lowered required stake); Approved → None (the approval lapses unstaked, computed lazily, no event);
/// Active → Approved (unstake below the required stake with no live offering); Approved | Active →
/// Suspended; Suspended → Active | Approved (reinstate); Applied | Approved | Active | Suspended → Revoked.
///
/// Collateral: a slash, or a raised required stake, can leave an Active miner below its required stake. It
/// stays Active, so that its running offerings keep their status, and `isUnderCollateralized` flags it; it
/// cannot open new offerings, nor unstake while it has live offerings, until it stakes enough again.
///
/// Staked DMC is held by this contract, which does not delegate it: staked DMC does not vote.
///
/// The offering manager is trusted to keep its hooks balanced: each `openOffering` is followed by exactly one
/// `closeOffering`, and the units it releases (by `releaseCapacity` and `closeOffering`) are the units it
/// reserved. The registry only refuses what would underflow (more units than are used, a close with no live
/// offering).
interface IMinerRegistry {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The insurance reserve, which receives slashed DMC, changed (also emitted by the constructor).
    event InsuranceReserveSet(address indexed previousReserve, address indexed newReserve);

    /// @notice The approval window changed (also emitted by the constructor). Seconds.
    event ApprovalWindowSet(uint64 previousWindow, uint64 newWindow);

    /// @notice The unbonding period changed (also emitted by the constructor). Seconds.
    event UnbondingPeriodSet(uint64 previousPeriod, uint64 newPeriod);

    /// @notice The offering manager changed; the zero address means none. The previous manager is retired: it
    /// may still close its offerings and hold or release stake for them, never open new ones.
    event OfferingManagerSet(address indexed previousManager, address indexed newManager);

    /// @notice The governor whose voting delay, voting period and timelock delay the unbonding period
    /// outlasts changed; the zero address means none (then only the flag window and the margin count).
    event GovernorSet(address indexed previousGovernor, address indexed newGovernor);

    /// @notice An offering of `miner` was flagged (`terminated` false) or terminated: its stake is held until
    /// the offering is resumed or the DAO records its slashing decision.
    /// @param heldOfferings The miner's offerings that hold its stake now.
    event StakeHeld(
        address indexed miner,
        address indexed manager,
        uint256 indexed offeringId,
        bool terminated,
        uint256 heldOfferings
    );

    /// @notice An offering no longer holds `miner`'s stake: it was resumed (`slashed` 0, no decision), or the
    /// DAO recorded its slashing decision for the terminated offering (`slashed` may be 0: "no slash").
    event StakeReleased(
        address indexed miner,
        address indexed manager,
        uint256 indexed offeringId,
        uint256 slashed,
        uint256 heldOfferings
    );

    /// @notice A coin was registered. It starts active.
    event CoinRegistered(
        uint256 indexed coinId,
        address indexed yieldToken,
        string name,
        string unitName,
        uint256 unitSize,
        uint8 displayDecimals
    );

    /// @notice A coin was activated or deactivated. An inactive coin takes no new application or approval.
    event CoinActiveSet(uint256 indexed coinId, bool active);

    /// @notice A miner applied.
    event ApplicationSubmitted(
        uint256 indexed applicationId,
        address indexed miner,
        uint256 indexed coinId,
        string profileURI,
        bytes32 contentHash,
        uint256 capacityUnits,
        uint16 maxTermDays,
        uint256 expectedYieldPerUnit
    );

    /// @notice The applicant withdrew its pending application.
    event ApplicationWithdrawn(uint256 indexed applicationId, address indexed miner);

    /// @notice The DAO approved an application.
    /// @param capacityUnits The approved capacity (may differ from the one applied for).
    /// @param requiredStake DMC (wei) the miner must stake to become active.
    /// @param approvalExpiry When the approval lapses if not staked; 0 if the miner became active at once.
    event ApplicationApproved(
        uint256 indexed applicationId,
        address indexed miner,
        uint256 indexed coinId,
        uint256 capacityUnits,
        uint256 requiredStake,
        uint16 maxTermDays,
        uint64 approvalExpiry
    );

    /// @notice The DAO rejected an application, or closed it by revoking the miner.
    event ApplicationRejected(uint256 indexed applicationId, address indexed miner, string reason);

    /// @notice A miner's status changed. Emitted with every stored change; the lapse of an unstaked approval
    /// is computed lazily and has no event (index `ApplicationApproved.approvalExpiry` instead).
    event MinerStatusChanged(address indexed miner, MinerStatus previousStatus, MinerStatus newStatus);

    /// @notice The DAO suspended a miner.
    event MinerSuspended(address indexed miner, string reason);

    /// @notice The DAO reinstated a suspended miner.
    /// @param newStatus Active if the stake covers the required stake, else Approved.
    /// @param approvalExpiry When an approval that was never staked lapses again (a fresh window); 0 otherwise.
    event MinerReinstated(address indexed miner, MinerStatus newStatus, uint64 approvalExpiry);

    /// @notice The DAO revoked a miner, for good.
    event MinerRevoked(address indexed miner, string reason);

    /// @notice A miner staked DMC.
    /// @param newStake The miner's stake afterwards.
    event Staked(address indexed miner, uint256 amount, uint256 newStake);

    /// @notice A miner moved DMC from its stake into its pending withdrawal.
    /// @param newStake The stake afterwards.
    /// @param pendingWithdrawal The whole pending withdrawal afterwards.
    /// @param unlockAt When the whole pending withdrawal can be withdrawn (reset by every request).
    event UnstakeRequested(
        address indexed miner, uint256 amount, uint256 newStake, uint256 pendingWithdrawal, uint64 unlockAt
    );

    /// @notice A miner withdrew its whole pending withdrawal.
    event StakeWithdrawn(address indexed miner, uint256 amount);

    /// @notice The DAO slashed a miner; the DMC went to `insuranceReserve`.
    /// @param amount fromStake + fromPending.
    /// @param fromStake Taken from the stake.
    /// @param fromPending Taken from the pending withdrawal (only once the stake is exhausted).
    event Slashed(
        address indexed miner,
        address indexed insuranceReserve,
        uint256 amount,
        uint256 fromStake,
        uint256 fromPending,
        string reason
    );

    /// @notice The DAO set a miner's capacity.
    event CapacitySet(address indexed miner, uint256 previousCapacity, uint256 newCapacity);

    /// @notice The DAO set a miner's required stake.
    event RequiredStakeSet(address indexed miner, uint256 previousRequiredStake, uint256 newRequiredStake);

    /// @notice The offering manager opened an offering for a miner and reserved capacity for it.
    event OfferingOpened(address indexed miner, uint256 units, uint256 usedCapacity, uint256 liveOfferings);

    /// @notice The offering manager released capacity of a live offering (unsold certificates cancelled).
    event CapacityReleased(address indexed miner, uint256 units, uint256 usedCapacity);

    /// @notice The offering manager closed an offering and released the units it still reserved.
    event OfferingClosed(address indexed miner, uint256 unitsReleased, uint256 usedCapacity, uint256 liveOfferings);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice A token is the zero address or has no code.
    error MinerRegistry_InvalidToken(address token);

    /// @notice The insurance reserve is the zero address or this contract.
    error MinerRegistry_InvalidInsuranceReserve(address reserve);

    /// @notice The approval window is outside [min, max].
    error MinerRegistry_ApprovalWindowOutOfBounds(uint64 window, uint64 min, uint64 max);

    /// @notice The unbonding period is outside [min, max].
    error MinerRegistry_UnbondingPeriodOutOfBounds(uint64 period, uint64 min, uint64 max);

    /// @notice Ownership cannot be renounced: the registry would lose its admin for good.
    error MinerRegistry_RenounceOwnershipDisabled();

    /// @notice A coin's name is empty.
    error MinerRegistry_EmptyCoinName();

    /// @notice A coin's unit name is empty.
    error MinerRegistry_EmptyUnitName();

    /// @notice A coin's unit size is zero.
    error MinerRegistry_ZeroUnitSize();

    /// @notice No coin has this id.
    error MinerRegistry_UnknownCoin(uint256 coinId);

    /// @notice The coin is deactivated.
    error MinerRegistry_CoinInactive(uint256 coinId);

    /// @notice An application's profile URI is empty.
    error MinerRegistry_EmptyProfileURI();

    /// @notice An application's content hash is zero.
    error MinerRegistry_ZeroContentHash();

    /// @notice A capacity is zero.
    error MinerRegistry_ZeroCapacity();

    /// @notice An application's longest term is zero or above `max`.
    error MinerRegistry_MaxTermOutOfBounds(uint16 maxTermDays, uint16 max);

    /// @notice An application's expected yield is zero.
    error MinerRegistry_ZeroExpectedYield();

    /// @notice The miner already has a pending application.
    error MinerRegistry_ApplicationPending(address miner, uint256 applicationId);

    /// @notice The operation is not allowed in the miner's current status.
    error MinerRegistry_InvalidStatus(address miner, MinerStatus status);

    /// @notice No application has this id.
    error MinerRegistry_UnknownApplication(uint256 applicationId);

    /// @notice The application is no longer pending.
    error MinerRegistry_ApplicationNotPending(uint256 applicationId);

    /// @notice Only the applicant may withdraw its application.
    error MinerRegistry_NotApplicant(uint256 applicationId, address caller);

    /// @notice The miner's approval lapsed at `expiry` without being staked; the miner must apply again.
    error MinerRegistry_ApprovalExpired(address miner, uint64 expiry);

    /// @notice An amount is zero.
    error MinerRegistry_ZeroAmount();

    /// @notice An unstake request exceeds the stake.
    error MinerRegistry_InsufficientStake(address miner, uint256 amount, uint256 stake);

    /// @notice With live offerings, the stake must stay at least the required stake.
    error MinerRegistry_StakeBelowRequired(address miner, uint256 remaining, uint256 required);

    /// @notice A revoked miner cannot unstake or withdraw while it has live offerings.
    error MinerRegistry_LiveOfferings(address miner, uint256 liveOfferings);

    /// @notice The miner has no pending withdrawal.
    error MinerRegistry_NothingToWithdraw(address miner);

    /// @notice The pending withdrawal unlocks at `unlockAt`.
    error MinerRegistry_StillUnbonding(address miner, uint64 unlockAt);

    /// @notice A slash exceeds the miner's stake plus pending withdrawal.
    error MinerRegistry_SlashExceedsStake(address miner, uint256 amount, uint256 slashable);

    /// @notice A capacity would fall below the units reserved by live offerings.
    error MinerRegistry_CapacityBelowUsed(address miner, uint256 capacity, uint256 used);

    /// @notice Only the offering manager may call the offering hooks (a retired one: all but `openOffering`).
    error MinerRegistry_NotOfferingManager(address caller);

    /// @notice The miner's stake is held by flagged offerings, or by terminated ones the DAO has not decided
    /// the slashing of yet: nothing can be unstaked or withdrawn.
    error MinerRegistry_StakeHeld(address miner, uint256 heldOfferings);

    /// @notice The offering holds no stake in the state this call needs (flagged for a release, terminated for
    /// a slashing decision).
    error MinerRegistry_NoStakeHold(address manager, uint256 offeringId);

    /// @notice A number of units is zero.
    error MinerRegistry_ZeroUnits();

    /// @notice An offering asks for more units than the miner has free.
    error MinerRegistry_CapacityExceeded(address miner, uint256 requested, uint256 free);

    /// @notice More units released than the miner's offerings reserve.
    error MinerRegistry_ReleaseExceedsUsed(address miner, uint256 units, uint256 used);

    /// @notice The miner has no live offering to close.
    error MinerRegistry_NoLiveOfferings(address miner);

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Shortest approval window the DAO can set: 1 day, in seconds.
    function MIN_APPROVAL_WINDOW() external view returns (uint64);

    /// @notice Longest approval window the DAO can set: 365 days, in seconds.
    function MAX_APPROVAL_WINDOW() external view returns (uint64);

    /// @notice Shortest unbonding period the DAO can set: 1 day, in seconds.
    function MIN_UNBONDING_PERIOD() external view returns (uint64);

    /// @notice Longest unbonding period the DAO can set: 365 days, in seconds.
    function MAX_UNBONDING_PERIOD() external view returns (uint64);

    /// @notice Longest term an application can ask for: 3,650 days.
    function MAX_TERM_DAYS() external view returns (uint16);

    /*//////////////////////////////////////////////////////////////
                              ADMIN (OWNER)
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets where slashed DMC goes. Owner only.
    /// @param reserve Nonzero, not this contract.
    function setInsuranceReserve(address reserve) external;

    /// @notice Sets how long an approval stays valid without the required stake. Owner only. Applies to
    /// approvals given afterwards; approvals already given keep their expiry.
    /// @param window Seconds, 1 day to 365 days.
    function setApprovalWindow(uint64 window) external;

    /// @notice Sets the unbonding period. Owner only. Applies to unstake requests made afterwards.
    /// @param period Seconds, 1 day to 365 days.
    function setUnbondingPeriod(uint64 period) external;

    /// @notice Sets the contract allowed to call the offering hooks (the offering registry / vault). Owner
    /// only. The zero address means none. A new manager inherits the miners' used capacity and live
    /// offerings as they are: migrating live offerings is the DAO's responsibility.
    function setOfferingManager(address manager) external;

    /// @notice Sets the governor (an OpenZeppelin Governor with a timestamp clock and timelock control) whose
    /// voting delay, voting period and timelock delay the unbonding period outlasts. Owner only; zero for none.
    function setGovernor(address governor) external;

    /// @notice Records the DAO's slashing decision for a terminated offering, which releases the hold it put on
    /// its miner's stake: slashes `amount` (0: "no slash") as `slash` does. Owner only.
    /// @param manager The offering manager (current or retired) the offering belongs to.
    function decideSlash(address manager, uint256 offeringId, uint256 amount, string calldata reason) external;

    /// @notice Registers a coin, active. Owner only.
    /// @param coin_ Nonempty name and unit name, nonzero unit size, a yield token with code.
    /// @return coinId The new coin's id, from 1.
    function registerCoin(Coin calldata coin_) external returns (uint256 coinId);

    /// @notice Activates or deactivates a coin. Owner only. Deactivation stops new applications and
    /// approvals for the coin; miners already approved keep their approval.
    function setCoinActive(uint256 coinId, bool active) external;

    /// @notice Approves a pending application. Owner only (a DAO proposal). The miner gets the application's
    /// coin and longest term, the capacity and required stake given here, and `approvalWindow` to stake;
    /// if its existing stake already covers `requiredStake`, it becomes Active at once.
    /// @param capacityUnits Approved capacity, nonzero, in the coin's units.
    /// @param requiredStake DMC (wei) to stake; 0 activates the miner at once.
    function approveApplication(uint256 applicationId, uint256 capacityUnits, uint256 requiredStake) external;

    /// @notice Rejects a pending application; the miner's status goes back to None. Owner only.
    function rejectApplication(uint256 applicationId, string calldata reason) external;

    /// @notice Suspends an Approved (not lapsed) or Active miner. Owner only. A suspended miner cannot open
    /// offerings; it may still stake, unstake (keeping the required stake while it has live offerings) and
    /// withdraw.
    function suspend(address miner, string calldata reason) external;

    /// @notice Lifts a suspension. Owner only. The miner becomes Active if its stake covers the required
    /// stake, else Approved; an approval that had never been staked gets a fresh `approvalWindow`.
    function reinstate(address miner) external;

    /// @notice Revokes a miner for good. Owner only. Allowed from Applied (the pending application is
    /// rejected with the same reason), Approved, Active and Suspended. The miner may still unstake and
    /// withdraw what is left once it has no live offering.
    function revoke(address miner, string calldata reason) external;

    /// @notice Slashes a miner's DMC into the insurance reserve, in any status. Owner only. Takes from the
    /// stake first, then from the pending withdrawal, so that requesting an unstake does not escape a slash.
    /// An Active miner left below its required stake stays Active and is flagged by `isUnderCollateralized`.
    /// @param amount DMC (wei), nonzero, at most stake + pending withdrawal.
    function slash(address miner, uint256 amount, string calldata reason) external;

    /// @notice Sets an Approved, Active or Suspended miner's capacity. Owner only.
    /// @param capacityUnits At least the units used by live offerings.
    function setCapacity(address miner, uint256 capacityUnits) external;

    /// @notice Sets an Approved, Active or Suspended miner's required stake. Owner only. An Approved miner
    /// whose stake covers the new amount becomes Active; an Active miner whose stake no longer covers it
    /// stays Active and is flagged by `isUnderCollateralized`.
    function setRequiredStake(address miner, uint256 amount) external;

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Applies to sell hashrate. Allowed when the miner's status is None (never applied, rejected,
    /// withdrawn, or an approval that lapsed). A miner that applies again keeps its stake and pending
    /// withdrawal; the terms of a lapsed approval are cleared.
    /// @return applicationId The application's id, from 1.
    function submitApplication(ApplicationParams calldata params) external returns (uint256 applicationId);

    /// @notice Withdraws the caller's pending application; its status goes back to None.
    function withdrawApplication(uint256 applicationId) external;

    /// @notice Stakes DMC (the caller must have approved this contract). Allowed when Approved (before the
    /// approval lapses), Active or Suspended. An Approved miner whose stake reaches the required stake
    /// becomes Active.
    /// @param amount DMC (wei), nonzero.
    function stake(uint256 amount) external;

    /// @notice Moves `amount` of the caller's stake into its pending withdrawal, which unlocks (in full)
    /// `unbondingPeriod` from now. With live offerings the stake left must cover the required stake (a
    /// revoked miner cannot unstake at all then); without, an Active miner going below becomes Approved
    /// (without expiry: staking again reactivates it).
    /// @param amount DMC (wei), nonzero, at most the stake.
    function requestUnstake(uint256 amount) external;

    /// @notice Sends the caller its whole pending withdrawal once unlocked. Refused while the stake is held
    /// (`stakeHolds`), as is `requestUnstake`.
    function withdrawStake() external;

    /*//////////////////////////////////////////////////////////////
                         OFFERING MANAGER HOOKS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reserves `units` of an Active miner's capacity for a new offering. Offering manager only. The
    /// miner must not be under-collateralized.
    function openOffering(address miner, uint256 units) external;

    /// @notice Releases `units` reserved by a live offering (unsold certificates cancelled). Offering
    /// manager only; any miner status.
    function releaseCapacity(address miner, uint256 units) external;

    /// @notice Closes one live offering and releases the `unitsStillReserved` it still held (may be 0).
    /// Offering manager only; any miner status.
    function closeOffering(address miner, uint256 unitsStillReserved) external;

    /// @notice An offering of `miner` was flagged (`terminated` false) or terminated (true): holds the miner's
    /// stake until `releaseStake` (resumed) or `decideSlash` (terminated). Offering manager (or retired) only.
    function holdStake(address miner, uint256 offeringId, bool terminated) external;

    /// @notice A flagged offering was resumed: releases its hold. Offering manager (or retired) only.
    function releaseStake(uint256 offeringId) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The staking token.
    function dmc() external view returns (IERC20);

    /// @notice Receives slashed DMC.
    function insuranceReserve() external view returns (address);

    /// @notice Seconds an approval stays valid without the required stake.
    function approvalWindow() external view returns (uint64);

    /// @notice The DAO-set margin, in seconds, that the unbonding adds to the flag window and the DAO cycle
    /// (see `effectiveUnbondingPeriod`).
    function unbondingPeriod() external view returns (uint64);

    /// @notice Seconds an unstake request made now waits before withdrawal, derived from the live parameters so
    /// that it cannot drift below them: the offering manager's flag window (`flagWindowDays` days) + the
    /// governor's voting delay + voting period + its timelock's minimum delay + `unbondingPeriod` (the
    /// margin). Read at the request: `unlockAt` is fixed then.
    function effectiveUnbondingPeriod() external view returns (uint256);

    /// @notice The governor the unbonding outlasts; zero if none.
    function governor() external view returns (address);

    /// @notice How many offerings hold `miner`'s stake now (flagged, or terminated without a slashing
    /// decision); unstaking and withdrawing need 0.
    function stakeHolds(address miner) external view returns (uint256);

    /// @notice Whether `manager` is a retired offering manager (it may still close its offerings).
    function isRetiredOfferingManager(address manager) external view returns (bool);

    /// @notice The contract allowed to call the offering hooks; zero if none.
    function offeringManager() external view returns (address);

    /// @notice A registered coin. Reverts for an unknown id.
    function coin(uint256 coinId) external view returns (Coin memory);

    /// @notice Whether a registered coin is active. Reverts for an unknown id.
    function isCoinActive(uint256 coinId) external view returns (bool);

    /// @notice Number of registered coins (ids 1..coinCount).
    function coinCount() external view returns (uint256);

    /// @notice An application. Reverts for an unknown id.
    function application(uint256 applicationId) external view returns (Application memory);

    /// @notice Number of applications (ids 1..applicationCount).
    function applicationCount() external view returns (uint256);

    /// @notice The miner's status, `None` for an approval that lapsed unstaked.
    function statusOf(address miner) external view returns (MinerStatus);

    /// @notice The miner's record, with the status as `statusOf` reports it.
    function minerOf(address miner) external view returns (Miner memory);

    /// @notice Capacity not reserved by live offerings (capacity - used), whatever the status.
    function freeCapacity(address miner) external view returns (uint256);

    /// @notice Whether an Active miner's stake is below its required stake (after a slash or a raised
    /// requirement). Such a miner cannot open offerings.
    function isUnderCollateralized(address miner) external view returns (bool);

    /// @notice Sum of all miners' stakes, DMC wei.
    function totalStaked() external view returns (uint256);

    /// @notice Sum of all miners' pending withdrawals, DMC wei.
    function totalPendingWithdrawals() external view returns (uint256);
}
