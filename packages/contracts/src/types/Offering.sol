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

/// @notice What a miner chooses when it creates an offering: the term and the sale terms (DESIGN §3.3 items 4–5).
/// Creating an offering costs the same for any number of units: no certificate exists before a sale.
/// @param coinId The miner's coin (as approved in the registry).
/// @param paymentToken The ERC-20 buyers pay in; allowlisted by the DAO.
/// @param units Units of the coin for sale (e.g. TiB), 1..1e18; reserved from the miner's capacity until the sale
/// window ends (unsold ones then return with `closeSale`).
/// @param minLot The fewest units one purchase, lot or offer may take, 1..`units`.
/// @param pricePerUnit Price of one unit, fees included (payment token units), nonzero; a purchase of `n` units costs
/// `n × pricePerUnit`.
/// @param saleStart Unix timestamp from which units sell (at most the end of the window).
/// @param saleEnd Unix timestamp from which no unit sells; after `saleStart`, at most the end of the term.
/// @param startDay First day of the term, as a UTC day number (`timestamp / 1 days`); today or later, at
/// most `MAX_START_DELAY_DAYS` ahead. A term starting today counts today as a full day.
/// @param termDays Days in the term, 1..the miner's approved longest term.
struct OfferingParams {
    uint256 coinId;
    address paymentToken;
    uint64 units;
    uint64 minLot;
    uint96 pricePerUnit;
    uint40 saleStart;
    uint40 saleEnd;
    uint32 startDay;
    uint32 termDays;
}

/// @notice An offering as stored. Fields are grouped by the operation that reads them, so that the hot paths
/// (deposit, withdraw, claim, sale) touch as few storage slots as possible: a primary sale reads the sale terms
/// (two slots) and writes one slot of sale totals beside its checkpoint.
/// @param miner Who created it and receives its released escrow.
/// @param startDay First day of the term (UTC day number).
/// @param endDay First day after the term.
/// @param status See {OfferingStatus}.
/// @param saleClosed Whether the sale ended (`closeSale`): the unsold units went back to the miner's capacity.
/// @param nextDay The first day not delivered at the threshold: every day in [first sale day, nextDay) received
/// at least the DAO-set share of the oracle's market yield per sold unit, in order. Zero until the first sale.
/// @param cursor Index of the sale checkpoint in force on `releasedDay`.
/// @param checkpointCount Number of sale checkpoints (one per day with a primary sale).
/// @param firstSaleDay The sale day of the first primary sale: delivery is owed from that day on.
/// @param yieldDay The latest day yield was attributed to (deposits are shared among the units sold by their
/// day; see {IRiskControlVault}).
/// @param yieldCursor Sale checkpoints on or before `yieldDay` (their yield start is recorded).
/// @param resumedDay Day of the last `resume`; a new flag only looks at days from there on.
/// @param releasedDay 0 while escrow is released with the delivery (through `nextDay`); when deposits move
/// `nextDay` while the offering is frozen, the day escrow stays released up to (until the DAO resumes it, or
/// for good after termination). Escrow is released for the days before `releasedDay`, or `nextDay` when 0.
/// @param paymentToken Escrow currency.
/// @param pricePerUnit Fixed price of one unit, fees included.
/// @param reservedUnits Capacity this offering holds in the registry: the units offered, less those returned when
/// the sale closed.
/// @param minLot The fewest units one sale takes.
/// @param saleStart First second of the sale window.
/// @param saleEnd First second after the sale window.
/// @param soldUnits Units of the certificates sold so far (at most 1e18).
/// @param lotUnits Units reserved for primary auctions not yet settled or cancelled.
/// @param lastIndex The highest index given to a certificate of the offering (each sale and each split mints the
/// next one; indexes start at 1).
/// @param totalEscrow Primary sale proceeds received (payment token units).
/// @param yieldToken The coin's yield token, copied from the registry at creation.
/// @param coinId The coin.
/// @param accYieldPerUnit Yield deposited per sold unit so far, scaled by `YIELD_SCALE`.
/// @param earnedScaled Escrow released to the miner through `nextDay`, scaled by `RATE_SCALE` (at most the escrow,
/// 96 bits, times 1e9: it fits 128 bits, beside `escrowWithdrawn`, which a withdrawal writes after reading it).
/// @param escrowWithdrawn Escrow the miner has withdrawn.
/// @param escrowRefunded Escrow refunded to holders after termination.
/// @param yieldDeposited Yield received (yield token units).
struct Offering {
    address miner;
    uint32 startDay;
    uint32 endDay;
    OfferingStatus status;
    bool saleClosed;
    uint32 nextDay;
    uint32 cursor;
    uint32 checkpointCount;
    uint32 firstSaleDay;
    uint32 yieldDay;
    uint32 yieldCursor;
    uint32 resumedDay;
    uint32 releasedDay;
    address paymentToken;
    uint96 pricePerUnit;
    uint64 reservedUnits;
    uint64 minLot;
    uint40 saleStart;
    uint40 saleEnd;
    uint64 soldUnits;
    uint64 lotUnits;
    uint32 lastIndex;
    uint96 totalEscrow;
    address yieldToken;
    uint96 coinId;
    uint256 accYieldPerUnit;
    uint128 earnedScaled;
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

/// @notice A certificate's accounting in the vault, one slot, written when the certificate is minted at its sale
/// (or split off another).
/// @param escrow The primary sale's proceeds kept for this certificate.
/// @param units Units of the coin the certificate carries.
/// @param saleDay The day its escrow and yield start: the primary sale day, or the start of the term when
/// sold before it.
/// @param refunded Whether its refund was paid after termination.
struct CertificateState {
    uint128 escrow;
    uint64 units;
    uint32 saleDay;
    bool refunded;
}

/// @notice A certificate's figures for a UI (DESIGN §3.4).
/// @param offeringId The offering.
/// @param units Units of the coin.
/// @param saleDay First day its escrow and yield count.
/// @param escrow Escrow of its primary sale.
/// @param escrowReleased Part of `escrow` released to the miner (delivered days).
/// @param refundable What `refund` would pay now (0 unless the offering is terminated and not refunded).
/// @param refunded Whether the refund was paid.
/// @param claimableYield Yield its current owner can claim.
struct CertificateView {
    uint256 offeringId;
    uint256 units;
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
