// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IYieldOracle} from "../interfaces/IYieldOracle.sol";

/// @notice Where an offering stands (DESIGN §3.3–3.4).
/// @dev `Active`: selling and/or running; escrow is released against delivered days. `Frozen`: flagged after
/// consecutive missed or short days; no escrow leaves, the miner cannot open offerings, sales stop; the DAO
/// resumes or terminates. `Terminated`: by the DAO; undelivered escrow is refundable to holders, yield already
/// deposited stays claimable. `Finished`: the term ended and every day was delivered (or nothing was sold);
/// the miner's reserved capacity is back.
enum OfferingStatus {
    None,
    Active,
    Frozen,
    Terminated,
    Finished
}

/// @notice How one day of an offering went (DESIGN §3.4 delivery check).
/// @dev `None`: outside the term or no certificate was sold by that day. `Open`: the day has not ended.
/// `Missed`: ended and nothing delivered. `Delivered`: yield arrived but the oracle has not finalized the day,
/// so it cannot be rated yet. `Short`: delivered per sold unit below the DAO's threshold of the market
/// average. `Ok`: at or above it.
enum DeliveryStatus {
    None,
    Open,
    Missed,
    Delivered,
    Short,
    Ok
}

/// @notice What a miner chooses when it creates an offering.
/// @param coinId The miner's coin (as approved in the registry).
/// @param paymentToken The ERC-20 buyers pay in; allowlisted by the DAO.
/// @param unitsPerCertificate Units of the coin each certificate carries (e.g. TiB), nonzero; the offering's
/// units (`unitsPerCertificate × certificateCount`) are at most 1e18.
/// @param certificateCount Certificates minted now, 1..`MAX_CERTIFICATES`.
/// @param startDay First day of the term, as a UTC day number (`timestamp / 1 days`); today or later, at
/// most `MAX_START_DELAY_DAYS` ahead. A term starting today counts today as a full day.
/// @param termDays Days in the term, 1..the miner's approved longest term.
struct OfferingParams {
    uint256 coinId;
    address paymentToken;
    uint64 unitsPerCertificate;
    uint32 certificateCount;
    uint32 startDay;
    uint32 termDays;
}

/// @notice An offering as stored. Fields are grouped by the operation that reads them, so that the hot paths
/// (deposit, withdraw, claim, sale) touch as few storage slots as possible.
/// @param miner Who created it and receives its released escrow.
/// @param startDay First day of the term (UTC day number).
/// @param endDay First day after the term.
/// @param status See {OfferingStatus}.
/// @param nextDay The first day not delivered at the threshold: every day in [first sale day, nextDay) received
/// at least the DAO-set share of the oracle's market yield per sold unit, in order. Zero until the first sale.
/// @param cursor Index of the sale checkpoint in force on `releasedDay`.
/// @param checkpointCount Number of sale checkpoints (one per day with a primary sale).
/// @param firstSaleDay The sale day of the first primary sale: delivery is owed from that day on.
/// @param soldUnits Units of the certificates sold so far (at most 1e18).
/// @param yieldDay The latest day yield was attributed to (deposits are shared among the units sold by their
/// day; see {IRiskControlVault}).
/// @param yieldCursor Sale checkpoints on or before `yieldDay` (their yield start is recorded).
/// @param paymentToken Escrow currency.
/// @param certificateCount Certificates minted with the offering (indexes 1..count).
/// @param nextIndex Index the next certificate created by a split gets.
/// @param resumedDay Day of the last `resume`; a new flag only looks at days from there on.
/// @param yieldToken The coin's yield token, copied from the registry at creation.
/// @param unitsPerCertificate Units of each certificate minted with the offering.
/// @param releasedDay 0 while escrow is released with the delivery (through `nextDay`); when deposits move
/// `nextDay` while the offering is frozen, the day escrow stays released up to (until the DAO resumes it, or
/// for good after termination). Escrow is released for the days before `releasedDay`, or `nextDay` when 0.
/// @param reservedUnits Capacity this offering holds in the registry (minted units less cancelled ones).
/// @param coinId The coin.
/// @param accYieldPerUnit Yield deposited per sold unit so far, scaled by `YIELD_SCALE`.
/// @param earnedScaled Escrow released to the miner through `nextDay`, scaled by `RATE_SCALE`.
/// @param totalEscrow Primary sale proceeds received (payment token units).
/// @param escrowWithdrawn Escrow the miner has withdrawn.
/// @param escrowRefunded Escrow refunded to holders after termination.
/// @param yieldDeposited Yield received (yield token units).
struct Offering {
    address miner;
    uint32 startDay;
    uint32 endDay;
    OfferingStatus status;
    uint32 nextDay;
    uint32 cursor;
    uint32 checkpointCount;
    uint32 firstSaleDay;
    uint64 soldUnits;
    uint32 yieldDay;
    uint32 yieldCursor;
    address paymentToken;
    uint32 certificateCount;
    uint32 nextIndex;
    uint32 resumedDay;
    address yieldToken;
    uint64 unitsPerCertificate;
    uint32 releasedDay;
    uint128 reservedUnits;
    uint128 coinId;
    uint256 accYieldPerUnit;
    uint256 earnedScaled;
    uint128 totalEscrow;
    uint128 escrowWithdrawn;
    uint128 escrowRefunded;
    uint128 yieldDeposited;
}

/// @notice The escrow release rate in force from `day` on: one checkpoint per day with a primary sale.
/// @param day The sale day (UTC day number).
/// @param soldUnits Units sold up to and including that day.
/// @param rate Escrow released per delivered day by all certificates sold up to that day, scaled by
/// `RATE_SCALE`.
struct SaleCheckpoint {
    uint32 day;
    uint96 soldUnits;
    uint128 rate;
}

/// @notice A certificate's accounting in the vault. One slot; unsold certificates minted in the offering's
/// batch have no record until sold, split or merged (their units are the offering's `unitsPerCertificate`).
/// @param escrow The primary sale's proceeds kept for this certificate (0 while unsold).
/// @param units Units of the coin the certificate carries.
/// @param saleDay The day its escrow and yield start: the primary sale day, or the start of the term when
/// sold before it.
/// @param sold Whether the primary sale happened.
/// @param refunded Whether its refund was paid after termination.
struct CertificateState {
    uint128 escrow;
    uint64 units;
    uint32 saleDay;
    bool sold;
    bool refunded;
}

/// @notice A certificate's figures for a UI (DESIGN §3.4).
/// @param offeringId The offering.
/// @param units Units of the coin.
/// @param sold Whether its primary sale happened.
/// @param saleDay First day its escrow and yield count (0 while unsold).
/// @param escrow Escrow of its primary sale.
/// @param escrowReleased Part of `escrow` released to the miner (delivered days).
/// @param refundable What `refund` would pay now (0 unless the offering is terminated and not refunded).
/// @param refunded Whether the refund was paid.
/// @param claimableYield Yield its current owner can claim.
struct CertificateView {
    uint256 offeringId;
    uint256 units;
    bool sold;
    uint32 saleDay;
    uint256 escrow;
    uint256 escrowReleased;
    uint256 refundable;
    bool refunded;
    uint256 claimableYield;
}

/// @notice One day of an offering's delivery record (DESIGN §3.4).
/// @param day UTC day number.
/// @param delivered Yield deposited for that day (yield token units), late payments included.
/// @param soldUnits Units sold by that day (the units the day's yield is owed for).
/// @param deliveredPerUnit `delivered / soldUnits`, rounded down.
/// @param marketPerUnit The oracle's average yield per unit for the coin and day; 0 until final.
/// @param status See {DeliveryStatus}.
struct DayRecord {
    uint32 day;
    uint256 delivered;
    uint256 soldUnits;
    uint256 deliveredPerUnit;
    uint256 marketPerUnit;
    DeliveryStatus status;
}

/// @notice The vault's per-offering delivery storage (vault internal), one storage reference for the linked
/// library {DeliveryRecords}.
/// @param checkpoints Sale checkpoints by index (one per day with a primary sale).
/// @param deliveries Yield placed on each day, two days per slot (even day: low 128 bits, odd: high 128 bits).
/// @param yieldStart The yield accumulator just before the first yield attributed to a day on or after a
/// sale day, plus one, by sale day: where the yield of the certificates sold that day starts (0: not yet).
struct DeliveryBook {
    mapping(uint256 index => SaleCheckpoint) checkpoints;
    mapping(uint256 dayPair => uint256 packed) deliveries;
    mapping(uint256 saleDay => uint256 acc) yieldStart;
}

/// @notice What the delivery check needs beside the offering's storage (vault internal).
/// @param offeringId The offering (for events).
/// @param oracle The yield oracle.
/// @param thresholdBps A day is delivered at `thresholdBps` of the market yield per sold unit.
/// @param windowDays The flag window, also the oracle's grace: a day the oracle has not finalized `windowDays`
/// after it is rated against the fallback value.
struct DeliveryRules {
    uint256 offeringId;
    IYieldOracle oracle;
    uint256 thresholdBps;
    uint32 windowDays;
}

/// @notice The vault's per-certificate storage (vault internal), grouped so that the linked library
/// {CertificateLedger} receives it as one storage reference.
/// @param states Each certificate's accounting.
/// @param yieldCheckpoints The offering's accumulator when the certificate's yield was last settled.
/// @param yieldOwed Yield settled for the certificate and not claimed yet (after splits and merges).
struct Certificates {
    mapping(uint256 tokenId => CertificateState) states;
    mapping(uint256 tokenId => uint256 acc) yieldCheckpoints;
    mapping(uint256 tokenId => uint256 amount) yieldOwed;
}
