// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MinerStatus} from "../types/Miner.sol";
import {
    CertificateView,
    DayRecord,
    Offering,
    OfferingParams,
    OfferingStatus,
    SaleCheckpoint
} from "../types/Offering.sol";
import {IHashrateCertificate} from "./IHashrateCertificate.sol";
import {IMinerRegistry} from "./IMinerRegistry.sol";
import {IYieldOracle} from "./IYieldOracle.sol";

/// @title IRiskControlVault
/// @notice Offerings of hashrate certificates and the money behind them (DESIGN §3.3–3.4). A buyer's payment
/// waits here as the certificate's escrow and is released to the miner day by day, only for days whose yield
/// the miner delivered; holders claim the yield; a miner that stops delivering is flagged, frozen and, by the
/// DAO, terminated, after which holders take back the escrow of the days not delivered.
///
/// Rules the UI shows (chosen here, DESIGN §3.3 item 7 and the issue):
/// - **Days** are UTC day numbers (`timestamp / 1 days`). A certificate's stream runs from its sale day (or
///   the start of the term) to the end of the term; a sale on a day counts that whole day.
/// - **Delivery at the threshold gates release, in order** (DESIGN §3.4, issue 15 item 1). A day is delivered
///   when the yield placed on it reaches `shortThresholdBps` of the oracle's final market value per unit × the
///   units sold by that day. A deposit fills the oldest day not yet at the threshold, then the next, up to the
///   ended day it names, and tops up with what is left; a day below the threshold holds its own escrow and
///   every later day's. Dust, one good day a week or a catch-up while frozen therefore never move escrow the
///   yield did not reach. A deposit rates at most 120 days (DeliveryRecords.MAX_CATCH_UP_DAYS); a longer
///   catch-up takes several deposits.
/// - **Oracle fallback.** A day the oracle has not finalized waits: deposits stop on it and stay there, also
///   those naming later days. Once it is `flagWindowDays` old it is rated against the coin's latest final
///   value, or the coin's lower value bound when the oracle never finalized a day of it. So a missing value
///   neither blocks a flag nor holds escrow longer than a flag window. A final value that arrives after that
///   does not re-rate the day.
/// - **Carry-forward.** When a waiting day is rated (its final value arrives or the fallback rates it), what it
///   holds beyond its requirement counts toward the next ended days in order, as deposits made in order would
///   have: a miner who paid every day of an oracle outage pays once. The next deposit, flag, finish or resume
///   moves the delivery on (`flaggable` already counts it; `dayRecords` shows the delivery as stored, which the
///   events announce); the excess that reaches no day below the threshold tops up the last day it reached.
/// - **Yield of a day goes to the units sold on or before that day**, also when paid late: a certificate
///   sold after the day does not share it. What a deposit places on the days it fills is attributed to each of
///   them; what it leaves on a day waiting for the oracle, or as a top-up, to the day it names. Rules forced by
///   O(1) claims: a top-up of a day earlier than the latest day yield was attributed to is shared among the
///   units sold by that latest day, and yield carried forward keeps the attribution it got when deposited.
/// - **Unclaimed yield travels with the certificate**: a transfer moves the yield accrued and not claimed to
///   the new owner (the price of a certificate includes it; marketplaces show it).
/// - **Flag**: anyone may flag an offering whose miner is `flagWindowDays` ended days behind (days not
///   delivered at the threshold, counted from the last resume), or whose term ended `flagWindowDays` ago with a
///   day not delivered. One good day does not reset it.
/// - **A flagged offering freezes**: no escrow leaves or is released, no sales, the miner opens no new offering
///   until the DAO resumes or terminates it. Deposits are accepted (the yield goes to holders) and days may
///   reach the threshold, but their escrow is released only if the DAO resumes; claims and refunds go on.
/// - **Termination, or a finish with days undelivered**, makes each certificate's escrow of the days not
///   released refundable to its holder (`escrow × those days / stream days`); escrow of released days stays
///   the miner's.
/// - **Primary sales are by the unit and mint at sale** (DESIGN §3.3 item 5, issue 15 item 4). An offering carries
///   its sale terms (payment token, price per unit, minimum lot, sale window) and reserves its units from the
///   miner's capacity; no certificate exists before a sale. Each sale (a purchase, an accepted primary offer, a
///   settled primary auction) mints ONE certificate of the units sold to the buyer, with its escrow recorded in
///   the same call. A primary auction reserves its lot (`reserveLot`) so that it cannot be sold twice; the lot is
///   minted to the winner at settlement, even after the window, while the term runs. Unsold units return to the
///   miner's capacity when the sale closes (`closeSale`: anyone once the window ended, the miner any time), one
///   subtraction whatever their number; lots still at auction return when their auction ends unsold.
/// - **Pausing** (council or timelock, emergencies) stops offerings, sales, withdrawals, splits and merges;
///   never claims, refunds, deposits or flags.
interface IRiskControlVault {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A payment token was allowed or disallowed for new offerings.
    event PaymentTokenSet(address indexed token, bool allowed);

    /// @notice The flag parameters changed (also emitted by the constructor).
    /// @param windowDays Ended days behind (not delivered at the threshold) that allow a flag.
    /// @param shortThresholdBps A delivery below this share of the market average (basis points) is short.
    event FlagParametersSet(uint16 windowDays, uint16 shortThresholdBps);

    /// @notice A miner created an offering: `units` are reserved from its capacity and on sale (see `SaleOpened`).
    event OfferingCreated(
        uint256 indexed offeringId,
        address indexed miner,
        uint256 indexed coinId,
        address paymentToken,
        address yieldToken,
        uint256 units,
        uint32 startDay,
        uint32 endDay
    );

    /// @notice The sale terms of a new offering (emitted with `OfferingCreated`).
    event SaleOpened(
        uint256 indexed offeringId, uint256 pricePerUnit, uint256 minLot, uint40 saleStart, uint40 saleEnd
    );

    /// @notice The sale closed: `unsoldUnits` went back to the miner's free capacity.
    /// @param soldUnits Units sold; `lotUnits` are still reserved for primary auctions.
    event SaleClosed(uint256 indexed offeringId, uint256 unsoldUnits, uint256 soldUnits, uint256 lotUnits);

    /// @notice `units` were reserved for a primary auction; `lotUnits` are reserved in all.
    event LotReserved(uint256 indexed offeringId, uint256 units, uint256 lotUnits);

    /// @notice A primary auction's lot of `units` ended unsold: back on sale, or, once the sale closed (or the
    /// offering ended), back to the miner's capacity.
    event LotReleased(uint256 indexed offeringId, uint256 units, uint256 lotUnits);

    /// @notice A primary sale was recorded: certificate `tokenId` of `units` was minted to the buyer, and `escrow`
    /// now streams to the miner from `saleDay`.
    /// @param units The certificate's units.
    /// @param soldUnits The offering's units sold with this sale: what every day from `saleDay` on is owed for
    /// (the units of its sale checkpoint), so that an indexer need not add up sales.
    event PrimarySaleRecorded(
        uint256 indexed offeringId,
        uint256 indexed tokenId,
        uint256 escrow,
        uint256 units,
        uint32 saleDay,
        uint256 soldUnits
    );

    /// @notice Yield was deposited naming `day`, with where the delivery stands after it (an indexer stores these
    /// values instead of replaying the delivery rules).
    /// @param day The ended day the deposit names: it fills the oldest days below the threshold up to it.
    /// @param amount Yield deposited.
    /// @param dayTotal Everything placed on `day` so far.
    /// @param accYieldPerUnit The accumulator after the deposit (scaled by `YIELD_SCALE`).
    /// @param fromDay The first day not delivered at the threshold before the deposit.
    /// @param nextDay The first day not delivered at the threshold after it: the deposit delivered the days
    /// `fromDay..nextDay - 1` (none when equal), filling them or by the carry-forward of rated days.
    /// @param releasedDay Escrow is released for the days before it (`nextDay` unless the offering is frozen).
    /// @param escrowReleased The offering's escrow released to the miner so far (withdrawn or not).
    event YieldDeposited(
        uint256 indexed offeringId,
        uint32 indexed day,
        address indexed payer,
        uint256 amount,
        uint256 dayTotal,
        uint256 accYieldPerUnit,
        uint32 fromDay,
        uint32 nextDay,
        uint32 releasedDay,
        uint256 escrowReleased
    );

    /// @notice Yield was attributed for the first time to `saleDay` or a later day: the yield of the certificates
    /// sold on `saleDay` starts here (their claimable yield is units × (accumulator − `accYieldPerUnit`) / 1e18
    /// until settled; before this event, nothing).
    /// @param accYieldPerUnit The accumulator just before that yield.
    event YieldStarted(uint256 indexed offeringId, uint32 saleDay, uint256 accYieldPerUnit);

    /// @notice The yield placed on `day` changed without a {YieldDeposited} naming that day: a deposit for a later
    /// day filled it on the way, or a rated day's excess moved on to the next days (carry-forward). With the
    /// `dayTotal` of {YieldDeposited}, an indexer knows every day's delivery as the vault keeps it.
    /// @param delivered The yield placed on `day` now.
    event DayDelivery(uint256 indexed offeringId, uint32 indexed day, uint256 delivered);

    /// @notice `flag`, `finish` or `resume` moved the delivery over days that reached the threshold while waiting
    /// for the oracle, or released escrow held while frozen (a deposit says the same in {YieldDeposited}).
    /// @param fromDay The first day not delivered at the threshold before.
    /// @param nextDay The first day not delivered at the threshold now.
    /// @param releasedDay Escrow is released for the days before it.
    /// @param escrowReleased The offering's escrow released to the miner so far.
    event DeliveryAdvanced(
        uint256 indexed offeringId, uint32 fromDay, uint32 nextDay, uint32 releasedDay, uint256 escrowReleased
    );

    /// @notice The miner withdrew released escrow.
    event EscrowWithdrawn(uint256 indexed offeringId, address indexed miner, uint256 amount, uint256 totalWithdrawn);

    /// @notice A holder claimed a certificate's yield.
    event YieldClaimed(uint256 indexed offeringId, uint256 indexed tokenId, address indexed holder, uint256 amount);

    /// @notice Anyone flagged the offering for the consecutive missed or short days [fromDay, toDay].
    event OfferingFlagged(uint256 indexed offeringId, address indexed flagger, uint32 fromDay, uint32 toDay);

    /// @notice The DAO resumed a frozen offering (false alarm).
    event OfferingResumed(uint256 indexed offeringId, uint32 day);

    /// @notice The DAO terminated the offering; escrow of undelivered days is refundable from now on.
    /// @param deliveredUntil Escrow stays released for the days before it, fixed from now on.
    /// @param escrowReleased The escrow that stays the miner's; the rest is refundable to the holders (each
    /// certificate's refund rounds down).
    event OfferingTerminated(uint256 indexed offeringId, uint32 day, uint32 deliveredUntil, uint256 escrowReleased);

    /// @notice The term ended with every day delivered (or nothing sold); the capacity went back.
    event OfferingFinished(uint256 indexed offeringId);

    /// @notice A holder took back a certificate's undelivered escrow after termination.
    event Refunded(uint256 indexed offeringId, uint256 indexed tokenId, address indexed holder, uint256 amount);

    /// @notice A certificate was split: `tokenId` kept `keptUnits`, `newTokenId` got `newUnits`.
    event CertificateSplit(
        uint256 indexed offeringId,
        uint256 indexed tokenId,
        uint256 indexed newTokenId,
        uint256 keptUnits,
        uint256 newUnits
    );

    /// @notice `burnedTokenId` was merged into `tokenId`, which now carries `units`.
    event CertificatesMerged(
        uint256 indexed offeringId, uint256 indexed tokenId, uint256 indexed burnedTokenId, uint256 units
    );

    /// @notice The owner burned a finished certificate (a record kept no longer).
    event CertificateBurned(uint256 indexed offeringId, uint256 indexed tokenId);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice An address that must be set is zero.
    error RiskControlVault_ZeroAddress();

    /// @notice The payment token is not allowlisted.
    error RiskControlVault_PaymentTokenNotAllowed(address token);

    /// @notice The flag window must be in [1, max] days.
    error RiskControlVault_FlagWindowOutOfBounds(uint16 windowDays, uint16 max);

    /// @notice The short threshold must be in [1, 10000] basis points.
    error RiskControlVault_ShortThresholdOutOfBounds(uint16 shortThresholdBps);

    /// @notice No offering has this id.
    error RiskControlVault_UnknownOffering(uint256 offeringId);

    /// @notice No certificate has this id (never minted, or burned).
    error RiskControlVault_UnknownCertificate(uint256 tokenId);

    /// @notice The offering's coin is not the miner's approved coin.
    error RiskControlVault_CoinMismatch(address miner, uint256 coinId, uint256 minerCoinId);

    /// @notice The coin is not active in the registry.
    error RiskControlVault_CoinInactive(uint256 coinId);

    /// @notice Offerings, sales and lots carry at least one unit.
    error RiskControlVault_ZeroUnits();

    /// @notice Sale terms: a nonzero price per unit, a minimum lot in [1, units], a sale window that has not
    /// ended, starts before it ends and ends by the end of the term.
    error RiskControlVault_InvalidSaleTerms();

    /// @notice Units sell only within the sale window, before the sale is closed.
    error RiskControlVault_SaleNotOpen(uint256 offeringId, uint256 saleStart, uint256 saleEnd, bool closed);

    /// @notice The sale window has not ended (anyone but the miner closes the sale after it).
    error RiskControlVault_SaleNotEnded(uint256 offeringId, uint256 saleEnd);

    /// @notice A sale or lot takes at least the offering's minimum lot.
    error RiskControlVault_BelowMinLot(uint256 offeringId, uint256 units, uint256 minLot);

    /// @notice Not that many units are on sale (or reserved for lots).
    error RiskControlVault_UnitsUnavailable(uint256 offeringId, uint256 units, uint256 available);

    /// @notice The term must be in [1, the miner's longest approved term] days.
    error RiskControlVault_TermOutOfBounds(uint256 termDays, uint256 maxTermDays);

    /// @notice The start day must be in [today, latest].
    error RiskControlVault_StartDayOutOfBounds(uint32 startDay, uint32 today, uint32 latest);

    /// @notice Only Active miners (registry) create offerings and make primary sales.
    error RiskControlVault_MinerNotActive(address miner, MinerStatus status);

    /// @notice The miner has a frozen offering and cannot open another one until the DAO resolves it.
    error RiskControlVault_MinerFrozen(address miner, uint256 frozenOfferings);

    /// @notice Only the offering's miner may do this.
    error RiskControlVault_NotMiner(uint256 offeringId, address caller);

    /// @notice Only the certificate's owner may do this.
    error RiskControlVault_NotOwner(uint256 tokenId, address caller);

    /// @notice The term is over: nothing more can be sold.
    error RiskControlVault_SalesClosed(uint256 offeringId, uint32 today, uint32 endDay);

    /// @notice The offering's status does not allow this.
    error RiskControlVault_InvalidStatus(uint256 offeringId, OfferingStatus status);

    /// @notice Amounts must be nonzero.
    error RiskControlVault_ZeroAmount();

    /// @notice The amount does not fit the vault's 128-bit accounting.
    error RiskControlVault_AmountTooLarge(uint256 amount);

    /// @notice Yield can only be deposited for a day that has ended.
    error RiskControlVault_DayNotEnded(uint32 day, uint32 today);

    /// @notice The day is before the first sale or after the term.
    error RiskControlVault_DayOutsideTerm(uint256 offeringId, uint32 day, uint32 firstDay, uint32 endDay);

    /// @notice No certificate of the offering is sold: there is no one to deliver to.
    error RiskControlVault_NothingSold(uint256 offeringId);

    /// @notice Nothing is withdrawable now.
    error RiskControlVault_NothingToWithdraw(uint256 offeringId);

    /// @notice The certificates have no yield to claim.
    error RiskControlVault_NothingToClaim();

    /// @notice The certificate has nothing to refund (its offering not terminated or finished short, already
    /// refunded, or fully delivered).
    error RiskControlVault_NothingToRefund(uint256 tokenId);

    /// @notice The offering does not meet the flag condition.
    error RiskControlVault_NotFlaggable(uint256 offeringId);

    /// @notice The offering cannot finish yet: its term has not ended or a day is undelivered.
    error RiskControlVault_NotSettled(uint256 offeringId, uint32 endDay, uint32 nextDay);

    /// @notice The split must leave at least one unit on each side.
    error RiskControlVault_InvalidSplit(uint256 tokenId, uint256 units, uint256 splitUnits);

    /// @notice Only certificates of the same offering, sold on the same day, merge.
    error RiskControlVault_MergeMismatch(uint256 tokenId, uint256 otherTokenId);

    /// @notice A certificate cannot merge with itself.
    error RiskControlVault_SameToken(uint256 tokenId);

    /// @notice Burning needs a finished or terminated offering and nothing left to claim or refund.
    error RiskControlVault_NotBurnable(uint256 tokenId);

    /// @notice The day range is empty or reversed.
    error RiskControlVault_InvalidRange(uint32 fromDay, uint32 toDay);

    /// @notice The day range is longer than `MAX_RANGE_DAYS`.
    error RiskControlVault_RangeTooLong(uint32 fromDay, uint32 toDay);

    /// @notice No token ids were given.
    error RiskControlVault_NoTokens();

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Role of the marketplace, the only caller of `recordPrimarySale`, `reserveLot` and `releaseLot`.
    function MARKETPLACE_ROLE() external view returns (bytes32);

    /// @notice Role that may pause (the council and the timelock).
    function PAUSER_ROLE() external view returns (bytes32);

    /// @notice How many days ahead a term may start (365).
    function MAX_START_DELAY_DAYS() external view returns (uint32);

    /// @notice Longest flag window the DAO may set (30 days).
    function MAX_FLAG_WINDOW_DAYS() external view returns (uint16);

    /// @notice Longest range of `dayRecords` (366 days).
    function MAX_RANGE_DAYS() external view returns (uint32);

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Allows or disallows `token` for new offerings. Timelock only. Only plain ERC-20s may be
    /// allowed: fee-on-transfer and rebasing tokens would break the vault's accounting.
    function setPaymentToken(address token, bool allowed) external;

    /// @notice Sets the flag window (1..`MAX_FLAG_WINDOW_DAYS`, default 7) and the short threshold in basis
    /// points of the market average (1..10000, default 8000). Timelock only.
    function setFlagParameters(uint16 windowDays, uint16 shortThresholdBps) external;

    /// @notice Unfreezes a frozen offering (false alarm). Timelock only. Releases the escrow of the days
    /// delivered at the threshold while frozen. A later flag counts only days from today on.
    function resume(uint256 offeringId) external;

    /// @notice Terminates an active or frozen offering. Timelock only. Fixes the delivered days, makes every
    /// sold certificate's escrow of undelivered days refundable to its holder, stops sales and deposits, and
    /// gives the miner's reserved capacity back. Slashing the miner is a separate registry action.
    function terminate(uint256 offeringId) external;

    /// @notice Pauses offerings, sales, escrow withdrawals, splits and merges. Pauser role (council, timelock).
    function pause() external;

    /// @notice Ends a pause. Timelock only.
    function unpause() external;

    /*//////////////////////////////////////////////////////////////
                                 MINERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates an offering with its sale terms, reserving `params.units` of the caller's capacity in the
    /// registry. Mints nothing: its cost does not depend on the number of units.
    /// @dev Requires: not paused; the caller Active in the registry with enough free capacity and no frozen
    /// offering; `params.coinId` the caller's coin and active; the payment token allowlisted; see
    /// {OfferingParams} for the bounds.
    /// @return offeringId Numbered from 1.
    function createOffering(OfferingParams calldata params) external returns (uint256 offeringId);

    /// @notice Ends the sale of an active or frozen offering: its unsold units (neither sold nor reserved for a
    /// primary auction) go back to the miner's free capacity, in O(1). Anyone once the sale window has ended; the
    /// miner at any time. An offering that sold nothing and holds no lot finishes.
    /// @return unsold The units returned.
    function closeSale(uint256 offeringId) external returns (uint256 unsold);

    /// @notice Sends the miner the escrow released and not yet withdrawn: the escrow of every delivered day
    /// (all of it once the whole term is delivered). Not while frozen or paused. O(1).
    /// @return amount Payment token units sent.
    function withdrawEscrow(uint256 offeringId) external returns (uint256 amount);

    /// @notice Deposits `amount` of the coin's yield token (pulled from the caller), covering the days of the
    /// term through the ended `day`: it fills the oldest day below the threshold first, in order, and tops up
    /// `day` with the rest (see the rules above). Anyone may pay for the miner. Accepted while frozen (no escrow
    /// moves); not once the offering is terminated or finished. Bounded by days, never by holders or
    /// certificates: at most 120 days rated per call, one oracle read each.
    function depositYield(uint256 offeringId, uint32 day, uint256 amount) external;

    /*//////////////////////////////////////////////////////////////
                              MARKETPLACE
    //////////////////////////////////////////////////////////////*/

    /// @notice Records a primary sale of `units` to `buyer`: pulls `amount` (the price less the channel fee) of the
    /// offering's payment token from the caller, mints ONE new certificate of those units to `buyer` and keeps the
    /// amount as its escrow, streaming to the miner from today (or the start of the term) to its end. Marketplace
    /// role only; not paused; the offering active, its term not over, its miner still Active in the registry (a
    /// suspended or revoked miner sells nothing more); `units` from the units on sale (within the sale window, at
    /// least the minimum lot), or, with `fromLot`, from the units reserved for primary auctions.
    /// @return tokenId The certificate minted.
    function recordPrimarySale(uint256 offeringId, address buyer, uint256 units, uint256 amount, bool fromLot)
        external
        returns (uint256 tokenId);

    /// @notice Reserves `units` on sale (at least the minimum lot) for a primary auction created by `miner`, the
    /// offering's miner: they are no longer on sale, and do not return to capacity when the sale closes. Marketplace
    /// role only; not paused; the offering active, its sale open, its miner Active.
    function reserveLot(uint256 offeringId, address miner, uint256 units) external;

    /// @notice Releases a lot reserved with `reserveLot` whose auction ended unsold (cancelled, or voided at
    /// settlement): its units are on sale again, or go back to the miner's capacity once the sale closed. Nothing
    /// more once the offering is finished or terminated (its capacity is back already). Marketplace role only.
    function releaseLot(uint256 offeringId, uint256 units) external;

    /*//////////////////////////////////////////////////////////////
                                HOLDERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Anyone may flag an active offering whose miner is `flagWindowDays` ended days behind (not
    /// delivered at the threshold, from the last resume on), or whose term ended `flagWindowDays` ago with a day
    /// not delivered. Days that reached the threshold while waiting for the oracle count first. Freezes it.
    function flag(uint256 offeringId) external;

    /// @notice Anyone may finish an active offering whose term is over and fully delivered at the threshold (or
    /// that sold nothing), or whose term ended `flagWindowDays` ago: its reserved capacity goes back to the
    /// miner, and the escrow of the days not delivered becomes refundable to the holders.
    function finish(uint256 offeringId) external;

    /// @notice Sends the caller the yield accrued by its certificates, in each offering's yield token.
    /// Certificates of one yield token next to each other in `tokenIds` are paid in one transfer.
    /// @return total Sum over all certificates (mixed tokens add up only when they are one token).
    function claim(uint256[] calldata tokenIds) external returns (uint256 total);

    /// @notice Sends the caller the refundable escrow of its certificates of terminated offerings.
    /// @return total Sum over all certificates.
    function refund(uint256[] calldata tokenIds) external returns (uint256 total);

    /// @notice Splits `splitUnits` of a certificate into a new one owned by the caller; escrow divides pro
    /// rata to units (rounding toward the kept part), accrued yield stays with `tokenId`. Owner only.
    /// @return newTokenId The new certificate.
    function split(uint256 tokenId, uint256 splitUnits) external returns (uint256 newTokenId);

    /// @notice Merges `otherTokenId` into `tokenId` (same owner, same offering, same sale day):
    /// units, escrow and accrued yield add up; `otherTokenId` is burned.
    function merge(uint256 tokenId, uint256 otherTokenId) external;

    /// @notice Burns a certificate of a finished or terminated offering with nothing left to claim or refund.
    function burn(uint256 tokenId) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The certificate NFT.
    function certificate() external view returns (IHashrateCertificate);

    /// @notice The miner registry (capacity, coins).
    function registry() external view returns (IMinerRegistry);

    /// @notice The yield oracle (market averages for the delivery check).
    function oracle() external view returns (IYieldOracle);

    /// @notice Whether a payment token is allowlisted.
    function isPaymentToken(address token) external view returns (bool);

    /// @notice Ended days behind (not delivered at the threshold) that allow a flag; also the oracle's grace.
    function flagWindowDays() external view returns (uint16);

    /// @notice Short threshold, basis points of the market average.
    function shortThresholdBps() external view returns (uint16);

    /// @notice Offerings created so far (ids 1..count).
    function offeringCount() external view returns (uint256);

    /// @notice An offering as stored.
    function offering(uint256 offeringId) external view returns (Offering memory);

    /// @notice Frozen offerings of a miner.
    function frozenOfferingsOf(address miner) external view returns (uint256);

    /// @notice A sale checkpoint of an offering (`index < offering.checkpointCount`).
    function saleCheckpoint(uint256 offeringId, uint256 index) external view returns (SaleCheckpoint memory);

    /// @notice Escrow released to the miner so far (withdrawn or not): the escrow of every delivered day.
    function escrowReleased(uint256 offeringId) external view returns (uint256);

    /// @notice What `withdrawEscrow` would send now (0 while frozen).
    function withdrawable(uint256 offeringId) external view returns (uint256);

    /// @notice What a marketplace needs for a primary sale, in one cheap call: the offering's miner, payment token
    /// and price per unit. Reverts for an unknown offering.
    function saleTerms(uint256 offeringId)
        external
        view
        returns (address miner, address paymentToken, uint256 pricePerUnit);

    /// @notice Units `recordPrimarySale` would sell now (without `fromLot`): 0 unless not paused, the offering
    /// active, its sale window open and not closed, its term not over and its miner Active. 0 for unknown
    /// offerings.
    function unitsOnSale(uint256 offeringId) external view returns (uint256);

    /// @notice A certificate's figures.
    function certificateView(uint256 tokenId) external view returns (CertificateView memory);

    /// @notice Yield a certificate's owner can claim now.
    function claimable(uint256 tokenId) external view returns (uint256);

    /// @notice What `refund` would pay for a certificate now.
    function refundable(uint256 tokenId) external view returns (uint256);

    /// @notice The delivery record of one day.
    function dayRecord(uint256 offeringId, uint32 day) external view returns (DayRecord memory);

    /// @notice The delivery records of the days [fromDay, toDay], for charts.
    function dayRecords(uint256 offeringId, uint32 fromDay, uint32 toDay) external view returns (DayRecord[] memory);

    /// @notice Whether `flag` would succeed now, and for which days.
    function flaggable(uint256 offeringId) external view returns (bool canFlag, uint32 fromDay, uint32 toDay);
}
