// Event handlers of the RiskControlVault data source (AssemblyScript, compiled by `graph build`). Every
// handler here must be listed in datasources/RiskControlVault.yaml with its ABI signature. Delivered days are
// rated when the oracle finalizes their market average by `rateDeliveries` (src/utils/vault.ts), which the
// YieldOracle mapping's DayFinalized handler calls.
//
// Left out: RoleAdminChanged, which the vault never emits (it never calls _setRoleAdmin: every role is
// administered by DEFAULT_ADMIN_ROLE, the timelock).
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";

import {
  CertificateBurned as CertificateBurnedEvent,
  CertificateSplit as CertificateSplitEvent,
  CertificatesMerged as CertificatesMergedEvent,
  DayDelivery as DayDeliveryEvent,
  DeliveryAdvanced as DeliveryAdvancedEvent,
  EscrowWithdrawn as EscrowWithdrawnEvent,
  FlagParametersSet as FlagParametersSetEvent,
  LotReleased as LotReleasedEvent,
  LotReserved as LotReservedEvent,
  OfferingCreated as OfferingCreatedEvent,
  OfferingFinished as OfferingFinishedEvent,
  OfferingFlagged as OfferingFlaggedEvent,
  OfferingResumed as OfferingResumedEvent,
  OfferingTerminated as OfferingTerminatedEvent,
  Paused as PausedEvent,
  PaymentTokenSet as PaymentTokenSetEvent,
  PrimarySaleRecorded as PrimarySaleRecordedEvent,
  Refunded as RefundedEvent,
  RoleGranted as RoleGrantedEvent,
  RoleRevoked as RoleRevokedEvent,
  SaleClosed as SaleClosedEvent,
  SaleOpened as SaleOpenedEvent,
  Unpaused as UnpausedEvent,
  YieldClaimed as YieldClaimedEvent,
  YieldDeposited as YieldDepositedEvent,
  YieldStarted as YieldStartedEvent,
} from "../../generated/RiskControlVault/RiskControlVault";
import {
  CertificateMerge,
  CertificateSplit,
  EscrowDeposit,
  EscrowRelease,
  Offering,
  OfferingFlag,
  OfferingStatusChange,
  Refund,
  YieldClaim,
  YieldDeposit,
} from "../../generated/schema";
import { recordPaused, recordRoleChange } from "../utils/access";
import { BI_ZERO } from "../utils/constants";
import {
  addToAssetTotals,
  eventId,
  getOrCreateAccount,
  getOrCreateAsset,
  getOrCreateProtocol,
  utcDay,
} from "../utils/entities";
import {
  getOrCreateCertificate,
  getOrCreateOfferingDay,
  getOrCreateVault,
  indexOf,
  loadOffering,
  pendingYield,
  recordDayDelivered,
  recordDelivery,
  recordMissedDays,
  recordSaleCheckpoint,
  refreshUnitsAvailable,
  STATUS_ACTIVE,
  STATUS_FINISHED,
  STATUS_FROZEN,
  STATUS_TERMINATED,
} from "../utils/vault";

const NAME = "RiskControlVault";

/*//////////////////////////////////////////////////////////////
                              SETTINGS
//////////////////////////////////////////////////////////////*/

export function handlePaymentTokenSet(event: PaymentTokenSetEvent): void {
  const asset = getOrCreateAsset(event.params.token);
  asset.paymentAllowed = event.params.allowed;
  asset.save();
}

export function handleFlagParametersSet(event: FlagParametersSetEvent): void {
  const vault = getOrCreateVault(event.address);
  vault.flagWindowDays = event.params.windowDays;
  vault.shortThresholdBps = event.params.shortThresholdBps;
  vault.save();
}

export function handleRoleGranted(event: RoleGrantedEvent): void {
  recordRoleChange(event, NAME, event.params.role, event.params.account, event.params.sender, true);
}

export function handleRoleRevoked(event: RoleRevokedEvent): void {
  recordRoleChange(event, NAME, event.params.role, event.params.account, event.params.sender, false);
}

export function handlePaused(event: PausedEvent): void {
  recordPaused(event, NAME, true);
}

export function handleUnpaused(event: UnpausedEvent): void {
  recordPaused(event, NAME, false);
}

/*//////////////////////////////////////////////////////////////
                              OFFERINGS
//////////////////////////////////////////////////////////////*/

export function handleOfferingCreated(event: OfferingCreatedEvent): void {
  const vault = getOrCreateVault(event.address);
  vault.offeringCount = vault.offeringCount + 1;
  vault.save();
  const protocol = getOrCreateProtocol();
  protocol.offeringCount = protocol.offeringCount + 1;
  protocol.save();
  getOrCreateAccount(event.params.miner);

  const offering = new Offering(event.params.offeringId.toString());
  offering.vault = vault.id;
  offering.miner = event.params.miner;
  offering.coin = event.params.coinId.toString();
  offering.paymentToken = getOrCreateAsset(event.params.paymentToken).id;
  offering.yieldToken = getOrCreateAsset(event.params.yieldToken).id;
  offering.units = event.params.units;
  // The sale terms come with SaleOpened, right after this event.
  offering.pricePerUnit = BI_ZERO;
  offering.minLot = BI_ZERO;
  offering.saleStart = BI_ZERO;
  offering.saleEnd = BI_ZERO;
  offering.saleClosed = false;
  offering.unitsReturned = BI_ZERO;
  offering.lotUnits = BI_ZERO;
  offering.startDay = event.params.startDay.toI32();
  offering.endDay = event.params.endDay.toI32();
  offering.termDays = offering.endDay - offering.startDay;
  offering.status = STATUS_ACTIVE;
  offering.certificatesSold = 0;
  offering.unitsSold = BI_ZERO;
  offering.reservedUnits = event.params.units;
  offering.unitsAvailable = event.params.units;
  // No certificate exists before a sale: each sale's mint Transfer counts one.
  offering.liveCertificates = 0;
  offering.escrowDeposited = BI_ZERO;
  offering.escrowReleased = BI_ZERO;
  offering.escrowWithdrawn = BI_ZERO;
  offering.escrowRefunded = BI_ZERO;
  offering.yieldDeposited = BI_ZERO;
  offering.yieldClaimed = BI_ZERO;
  offering.accYieldPerUnit = BI_ZERO;
  offering.flagCount = 0;
  offering.checkpointCount = 0;
  offering.lastIndex = 0;
  offering.createdAtBlock = event.block.number;
  offering.createdAt = event.block.timestamp;
  offering.transactionHash = event.transaction.hash;
  offering.save();
}

export function handleSaleOpened(event: SaleOpenedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  offering.pricePerUnit = event.params.pricePerUnit;
  offering.minLot = event.params.minLot;
  offering.saleStart = event.params.saleStart;
  offering.saleEnd = event.params.saleEnd;
  offering.save();
}

/** The unsold units went back to the miner's capacity (an offering that sold nothing then finishes). */
export function handleSaleClosed(event: SaleClosedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  offering.saleClosed = true;
  offering.saleClosedAt = event.block.timestamp;
  offering.reservedUnits = offering.reservedUnits.minus(event.params.unsoldUnits);
  offering.unitsReturned = offering.unitsReturned.plus(event.params.unsoldUnits);
  offering.lotUnits = event.params.lotUnits;
  refreshUnitsAvailable(offering);
  offering.save();
}

export function handleLotReserved(event: LotReservedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  offering.lotUnits = event.params.lotUnits;
  refreshUnitsAvailable(offering);
  offering.save();
}

/**
 * A primary auction's lot ended unsold: back on sale, or, once the sale closed (the offering still active or
 * frozen), back to the miner's capacity. A finished or terminated offering gave its reservation back already.
 */
export function handleLotReleased(event: LotReleasedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  offering.lotUnits = event.params.lotUnits;
  // biome-ignore lint/suspicious/noDoubleEquals: in AssemblyScript 0.19, == compares strings by content and === by reference
  const open = offering.status == STATUS_ACTIVE || offering.status == STATUS_FROZEN;
  if (open && offering.saleClosed) {
    offering.reservedUnits = offering.reservedUnits.minus(event.params.units);
    offering.unitsReturned = offering.unitsReturned.plus(event.params.units);
  }
  refreshUnitsAvailable(offering);
  offering.save();
}

export function handlePrimarySaleRecorded(event: PrimarySaleRecordedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const escrow = event.params.escrow;
  const units = event.params.units;
  const saleDay = event.params.saleDay.toI32();
  offering.certificatesSold = offering.certificatesSold + 1;
  // The vault's own count of units sold (its sale checkpoint's), not a running sum.
  offering.unitsSold = event.params.soldUnits;
  offering.escrowDeposited = offering.escrowDeposited.plus(escrow);
  offering.lastIndex = max(offering.lastIndex, indexOf(event.params.tokenId));
  recordSaleCheckpoint(offering, saleDay, escrow);
  // A lot's sale (a settled primary auction) takes its units from lotUnits: the marketplace's Sale, next in
  // the transaction, says so and refreshes unitsAvailable then.
  refreshUnitsAvailable(offering);
  offering.save();

  const record = new EscrowDeposit(eventId(event));
  record.offering = offering.id;
  record.certificate = event.params.tokenId.toString();
  record.paymentToken = offering.paymentToken;
  record.amount = escrow;
  record.units = units;
  record.saleDay = saleDay;
  record.blockNumber = event.block.number;
  record.timestamp = event.block.timestamp;
  record.transactionHash = event.transaction.hash;
  record.save();

  // The certificate is minted to the buyer by this sale (its mint Transfer comes next and sets the owner).
  const certificate = getOrCreateCertificate(event.params.tokenId, event);
  certificate.escrow = escrow;
  certificate.units = units;
  certificate.saleDay = saleDay;
  certificate.primarySale = record.id;
  certificate.yieldCheckpoint = offering.accYieldPerUnit;
  certificate.save();

  addToAssetTotals(
    Address.fromBytes(offering.paymentToken),
    event.block.timestamp,
    "escrowDeposited",
    escrow,
  );
}

/*//////////////////////////////////////////////////////////////
                          YIELD AND ESCROW
//////////////////////////////////////////////////////////////*/

export function handleYieldDeposited(event: YieldDepositedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const day = event.params.day.toI32();
  const amount = event.params.amount;
  const fromDay = event.params.fromDay.toI32();
  const nextDay = event.params.nextDay.toI32();
  // A top-up names a day already delivered at the threshold before the deposit.
  const topUp = day < fromDay;

  // The days the deposit delivered (filled in order, or by a rated day's excess carried forward), and where
  // the release stands, as the vault reports them.
  recordDelivery(offering, fromDay, nextDay, event.params.releasedDay.toI32(), event.params.escrowReleased);
  offering.accYieldPerUnit = event.params.accYieldPerUnit;
  offering.yieldDeposited = offering.yieldDeposited.plus(amount);
  offering.save();

  // The named day's record: what was placed on it, rated against the oracle until the delivery passes it.
  const record = getOrCreateOfferingDay(offering, day);
  record.depositCount = record.depositCount + 1;
  recordDayDelivered(offering, record, event.params.dayTotal);

  const payer = getOrCreateAccount(event.params.payer);
  const deposit = new YieldDeposit(eventId(event));
  deposit.offering = offering.id;
  deposit.offeringDay = record.id;
  deposit.day = day;
  deposit.payer = payer.id;
  deposit.yieldToken = offering.yieldToken;
  deposit.amount = amount;
  deposit.dayTotal = event.params.dayTotal;
  deposit.accYieldPerUnit = event.params.accYieldPerUnit;
  deposit.deliveredUntil = nextDay;
  deposit.topUp = topUp;
  deposit.blockNumber = event.block.number;
  deposit.timestamp = event.block.timestamp;
  deposit.transactionHash = event.transaction.hash;
  deposit.save();

  addToAssetTotals(Address.fromBytes(offering.yieldToken), event.block.timestamp, "yieldDeposited", amount);
}

/**
 * The yield of the certificates sold on `saleDay` starts at the accumulator the event carries (the vault's
 * yieldStart): before, they accrued nothing. Walks the offering's certificates (the sale day's are the ones
 * whose yield had not started).
 */
export function handleYieldStarted(event: YieldStartedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const saleDay = event.params.saleDay.toI32();
  const certificates = offering.certificates.load();
  for (let i = 0; i < certificates.length; i++) {
    const certificate = certificates[i];
    if (certificate.yieldStarted || certificate.saleDay !== saleDay) continue;
    certificate.yieldStarted = true;
    certificate.yieldCheckpoint = event.params.accYieldPerUnit;
    certificate.save();
  }
}

/**
 * The yield the vault keeps on a day changed without a deposit naming it (filled on the way to a later day, or
 * a rated day's excess moved on): the record takes the vault's figure.
 */
export function handleDayDelivery(event: DayDeliveryEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const day = event.params.day.toI32();
  recordDayDelivered(offering, getOrCreateOfferingDay(offering, day), event.params.delivered);
}

/** flag, finish or resume moved the delivery over days that reached the threshold, or released held escrow. */
export function handleDeliveryAdvanced(event: DeliveryAdvancedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  recordDelivery(
    offering,
    event.params.fromDay.toI32(),
    event.params.nextDay.toI32(),
    event.params.releasedDay.toI32(),
    event.params.escrowReleased,
  );
  offering.save();
}

export function handleEscrowWithdrawn(event: EscrowWithdrawnEvent): void {
  const offering = loadOffering(event.params.offeringId);
  offering.escrowWithdrawn = event.params.totalWithdrawn;
  offering.save();

  const release = new EscrowRelease(eventId(event));
  release.offering = offering.id;
  release.miner = getOrCreateAccount(event.params.miner).id;
  release.paymentToken = offering.paymentToken;
  release.amount = event.params.amount;
  release.totalWithdrawn = event.params.totalWithdrawn;
  release.blockNumber = event.block.number;
  release.timestamp = event.block.timestamp;
  release.transactionHash = event.transaction.hash;
  release.save();

  addToAssetTotals(
    Address.fromBytes(offering.paymentToken),
    event.block.timestamp,
    "escrowReleased",
    event.params.amount,
  );
}

export function handleYieldClaimed(event: YieldClaimedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const amount = event.params.amount;
  offering.yieldClaimed = offering.yieldClaimed.plus(amount);
  offering.save();

  const certificate = getOrCreateCertificate(event.params.tokenId, event);
  certificate.yieldCheckpoint = offering.accYieldPerUnit;
  certificate.yieldOwed = BI_ZERO;
  certificate.yieldClaimed = certificate.yieldClaimed.plus(amount);
  certificate.save();

  const claim = new YieldClaim(eventId(event));
  claim.offering = offering.id;
  claim.certificate = certificate.id;
  claim.holder = getOrCreateAccount(event.params.holder).id;
  claim.yieldToken = offering.yieldToken;
  claim.amount = amount;
  claim.blockNumber = event.block.number;
  claim.timestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();

  addToAssetTotals(Address.fromBytes(offering.yieldToken), event.block.timestamp, "yieldClaimed", amount);
}

export function handleRefunded(event: RefundedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const amount = event.params.amount;
  offering.escrowRefunded = offering.escrowRefunded.plus(amount);
  offering.save();

  const certificate = getOrCreateCertificate(event.params.tokenId, event);
  certificate.refunded = true;
  certificate.refundedAmount = certificate.refundedAmount.plus(amount);
  certificate.save();

  const refund = new Refund(eventId(event));
  refund.offering = offering.id;
  refund.certificate = certificate.id;
  refund.holder = getOrCreateAccount(event.params.holder).id;
  refund.paymentToken = offering.paymentToken;
  refund.amount = amount;
  refund.blockNumber = event.block.number;
  refund.timestamp = event.block.timestamp;
  refund.transactionHash = event.transaction.hash;
  refund.save();

  addToAssetTotals(Address.fromBytes(offering.paymentToken), event.block.timestamp, "refunded", amount);
}

/*//////////////////////////////////////////////////////////////
                       FLAGS AND RESOLUTION
//////////////////////////////////////////////////////////////*/

function recordStatusChange(
  event: ethereum.Event,
  offering: Offering,
  kind: string,
  previous: string,
  day: i32,
): void {
  const change = new OfferingStatusChange(eventId(event));
  change.offering = offering.id;
  change.kind = kind;
  change.previousStatus = previous;
  change.status = offering.status;
  change.day = day;
  if (offering.checkpointCount !== 0) change.deliveredUntil = offering.deliveredUntil;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleOfferingFlagged(event: OfferingFlaggedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const previous = offering.status;
  const fromDay = event.params.fromDay.toI32();
  const toDay = event.params.toDay.toI32();
  const today = utcDay(event.block.timestamp);

  const flag = new OfferingFlag(eventId(event));
  flag.offering = offering.id;
  flag.flagger = getOrCreateAccount(event.params.flagger).id;
  flag.fromDay = fromDay;
  flag.toDay = toDay;
  flag.day = today;
  flag.blockNumber = event.block.number;
  flag.timestamp = event.block.timestamp;
  flag.transactionHash = event.transaction.hash;
  flag.save();

  // The flagged run's undelivered days are missed: they get their records now.
  // (A flag needs a sale, so deliveredUntil is set.)
  recordMissedDays(offering, max(offering.deliveredUntil, fromDay), toDay + 1);

  offering.status = STATUS_FROZEN;
  offering.flagCount = offering.flagCount + 1;
  offering.lastFlag = flag.id;
  offering.save();
  recordStatusChange(event, offering, "FLAGGED", previous, today);
}

export function handleOfferingResumed(event: OfferingResumedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const previous = offering.status;
  offering.status = STATUS_ACTIVE;
  offering.resumedDay = event.params.day.toI32();
  offering.save();
  recordStatusChange(event, offering, "RESUMED", previous, event.params.day.toI32());
}

export function handleOfferingTerminated(event: OfferingTerminatedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const previous = offering.status;
  const day = event.params.day.toI32();
  offering.status = STATUS_TERMINATED;
  offering.terminationDay = day;
  offering.reservedUnits = BI_ZERO;
  offering.unitsAvailable = BI_ZERO;
  offering.escrowReleased = event.params.escrowReleased;
  if (offering.checkpointCount !== 0) {
    // The release is fixed from now on: deliveredUntil keeps the vault's nextDay, releasedDay where the
    // escrow stays released (they differ when deposits moved the delivery on while frozen).
    offering.releasedDay = event.params.deliveredUntil.toI32();
    // Every undelivered day of the term that ended before the termination was missed.
    recordMissedDays(offering, offering.deliveredUntil, min(day, offering.endDay));
  }
  offering.save();
  recordStatusChange(event, offering, "TERMINATED", previous, day);
}

export function handleOfferingFinished(event: OfferingFinishedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const previous = offering.status;
  offering.status = STATUS_FINISHED;
  offering.reservedUnits = BI_ZERO;
  offering.unitsAvailable = BI_ZERO;
  offering.finishedAt = event.block.timestamp;
  offering.save();
  recordStatusChange(event, offering, "FINISHED", previous, utcDay(event.block.timestamp));
}

/*//////////////////////////////////////////////////////////////
                     SPLITS, MERGES AND BURNS
//////////////////////////////////////////////////////////////*/

export function handleCertificateSplit(event: CertificateSplitEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const acc = offering.accYieldPerUnit;
  const certificate = getOrCreateCertificate(event.params.tokenId, event);
  const keptUnits = event.params.keptUnits;
  const newUnits = event.params.newUnits;
  // EscrowMath.split: the new part takes a whole number of the escrow's daily amount per day of its stream
  // (sale day to the end of the term), pro rata to units, rounded down; the kept part the rest.
  let newEscrow = BI_ZERO;
  const spanDays = offering.endDay - certificate.saleDay;
  if (spanDays > 0) {
    const span = BigInt.fromI32(spanDays);
    newEscrow = certificate.escrow.div(span).times(newUnits).div(keptUnits.plus(newUnits)).times(span);
  }
  const keptEscrow = certificate.escrow.minus(newEscrow);
  // Accrued yield stays with the kept part, settled at the current accumulator.
  certificate.yieldOwed = pendingYield(certificate, acc);
  certificate.yieldCheckpoint = acc;
  certificate.units = keptUnits;
  certificate.escrow = keptEscrow;
  certificate.save();

  // The new certificate's mint Transfer comes right after this event and sets its owner and counters.
  const part = getOrCreateCertificate(event.params.newTokenId, event);
  part.units = newUnits;
  part.escrow = newEscrow;
  part.saleDay = certificate.saleDay;
  part.yieldCheckpoint = acc;
  // The part was sold with the original: its yield started (or not) with it.
  part.yieldStarted = certificate.yieldStarted;
  part.yieldOwed = BI_ZERO;
  part.splitFrom = certificate.id;
  part.save();

  offering.lastIndex = max(offering.lastIndex, part.index);
  offering.save();

  const split = new CertificateSplit(eventId(event));
  split.offering = offering.id;
  split.certificate = certificate.id;
  split.newCertificate = part.id;
  split.keptUnits = keptUnits;
  split.newUnits = newUnits;
  split.keptEscrow = keptEscrow;
  split.newEscrow = newEscrow;
  split.blockNumber = event.block.number;
  split.timestamp = event.block.timestamp;
  split.transactionHash = event.transaction.hash;
  split.save();
}

export function handleCertificatesMerged(event: CertificatesMergedEvent): void {
  const offering = loadOffering(event.params.offeringId);
  const acc = offering.accYieldPerUnit;
  const certificate = getOrCreateCertificate(event.params.tokenId, event);
  const other = getOrCreateCertificate(event.params.burnedTokenId, event);
  certificate.yieldOwed = pendingYield(certificate, acc).plus(pendingYield(other, acc));
  certificate.yieldCheckpoint = acc;
  certificate.units = event.params.units;
  certificate.escrow = certificate.escrow.plus(other.escrow);
  certificate.save();

  // The burned one keeps its last figures as a record; its burn Transfer comes next.
  other.mergedInto = certificate.id;
  other.burnKind = "MERGED";
  other.save();

  const merge = new CertificateMerge(eventId(event));
  merge.offering = offering.id;
  merge.certificate = certificate.id;
  merge.burnedCertificate = other.id;
  merge.units = event.params.units;
  merge.blockNumber = event.block.number;
  merge.timestamp = event.block.timestamp;
  merge.transactionHash = event.transaction.hash;
  merge.save();
}

export function handleCertificateBurned(event: CertificateBurnedEvent): void {
  const certificate = getOrCreateCertificate(event.params.tokenId, event);
  certificate.burnKind = "BURNED";
  certificate.save();
}
