// Event handlers of the MinerRegistry data source (AssemblyScript, compiled by `graph build`).
// Every handler here must be listed in datasources/MinerRegistry.yaml with its ABI signature.
//
// A miner's status is set only by MinerStatusChanged, which the registry emits with every stored change,
// right after the event that caused it in the same transaction (ApplicationSubmitted/Approved/Rejected/
// Withdrawn, MinerSuspended/Reinstated/Revoked, Staked, UnstakeRequested, RequiredStakeSet). Those earlier
// handlers leave the reason on Miner.statusReason, which the status change record then takes.
import { BigInt, ethereum, log } from "@graphprotocol/graph-ts";

import {
  ApplicationApproved as ApplicationApprovedEvent,
  ApplicationRejected as ApplicationRejectedEvent,
  ApplicationSubmitted as ApplicationSubmittedEvent,
  ApplicationWithdrawn as ApplicationWithdrawnEvent,
  ApprovalWindowSet as ApprovalWindowSetEvent,
  CapacityReleased as CapacityReleasedEvent,
  CapacitySet as CapacitySetEvent,
  CoinActiveSet as CoinActiveSetEvent,
  CoinRegistered as CoinRegisteredEvent,
  InsuranceReserveSet as InsuranceReserveSetEvent,
  MinerReinstated as MinerReinstatedEvent,
  MinerRevoked as MinerRevokedEvent,
  MinerStatusChanged as MinerStatusChangedEvent,
  MinerSuspended as MinerSuspendedEvent,
  OfferingClosed as OfferingClosedEvent,
  OfferingManagerSet as OfferingManagerSetEvent,
  OfferingOpened as OfferingOpenedEvent,
  OwnershipTransferred as OwnershipTransferredEvent,
  OwnershipTransferStarted as OwnershipTransferStartedEvent,
  RequiredStakeSet as RequiredStakeSetEvent,
  Slashed as SlashedEvent,
  Staked as StakedEvent,
  StakeWithdrawn as StakeWithdrawnEvent,
  UnbondingPeriodSet as UnbondingPeriodSetEvent,
  UnstakeRequested as UnstakeRequestedEvent,
} from "../../generated/MinerRegistry/MinerRegistry";
import { Application, Coin, Miner, MinerStatusChange, StakeEvent } from "../../generated/schema";
import { recordOwner, recordPendingOwner } from "../utils/access";
import { BI_ZERO, ZERO_ADDRESS } from "../utils/constants";
import { eventId, getOrCreateAccount, getOrCreateAsset, getOrCreateProtocol } from "../utils/entities";
import {
  APPLICATION_APPROVED,
  APPLICATION_REJECTED,
  APPLICATION_SUBMITTED,
  APPLICATION_WITHDRAWN,
  getOrCreateMiner,
  getOrCreateRegistrySettings,
  isKnownMinerStatus,
  MINER_ACTIVE,
  MINER_APPLIED,
  MINER_APPROVED,
  MINER_NONE,
  MINER_REVOKED,
  MINER_SUSPENDED,
  minerStatusName,
  STAKE_SLASHED,
  STAKE_STAKED,
  STAKE_UNSTAKE_REQUESTED,
  STAKE_WITHDRAWN,
  same,
  saveMiner,
} from "../utils/registry";

const NAME = "MinerRegistry";

/*//////////////////////////////////////////////////////////////
                            SETTINGS
//////////////////////////////////////////////////////////////*/

export function handleInsuranceReserveSet(event: InsuranceReserveSetEvent): void {
  const settings = getOrCreateRegistrySettings(event.address);
  settings.insuranceReserve = event.params.newReserve;
  settings.save();
}

export function handleApprovalWindowSet(event: ApprovalWindowSetEvent): void {
  const settings = getOrCreateRegistrySettings(event.address);
  settings.approvalWindow = event.params.newWindow;
  settings.save();
}

export function handleUnbondingPeriodSet(event: UnbondingPeriodSetEvent): void {
  const settings = getOrCreateRegistrySettings(event.address);
  settings.unbondingPeriod = event.params.newPeriod;
  settings.save();
}

export function handleOfferingManagerSet(event: OfferingManagerSetEvent): void {
  const settings = getOrCreateRegistrySettings(event.address);
  const manager = event.params.newManager;
  if (manager.equals(ZERO_ADDRESS)) {
    settings.offeringManager = null;
  } else {
    settings.offeringManager = manager;
  }
  settings.save();
}

export function handleOwnershipTransferStarted(event: OwnershipTransferStartedEvent): void {
  recordPendingOwner(event, NAME, event.params.newOwner);
}

export function handleOwnershipTransferred(event: OwnershipTransferredEvent): void {
  recordOwner(event, NAME, event.params.newOwner);
}

/*//////////////////////////////////////////////////////////////
                              COINS
//////////////////////////////////////////////////////////////*/

export function handleCoinRegistered(event: CoinRegisteredEvent): void {
  const coin = new Coin(event.params.coinId.toString());
  coin.coinId = event.params.coinId;
  coin.yieldToken = getOrCreateAsset(event.params.yieldToken).id;
  coin.name = event.params.name;
  coin.unitName = event.params.unitName;
  coin.unitSize = event.params.unitSize;
  coin.displayDecimals = event.params.displayDecimals;
  coin.active = true;
  coin.registeredAt = event.block.timestamp;
  coin.latestFinalDay = 0;
  coin.save();

  const protocol = getOrCreateProtocol();
  protocol.coinCount = protocol.coinCount + 1;
  protocol.save();
}

export function handleCoinActiveSet(event: CoinActiveSetEvent): void {
  const coin = Coin.load(event.params.coinId.toString());
  if (coin == null) {
    // The registry reverts for an unknown coin id, so CoinRegistered always came first.
    log.error("CoinActiveSet for unknown coin {} in tx {}", [
      event.params.coinId.toString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  coin.active = event.params.active;
  coin.save();
}

/*//////////////////////////////////////////////////////////////
                           APPLICATIONS
//////////////////////////////////////////////////////////////*/

function loadApplication(applicationId: BigInt, eventName: string, tx: string): Application | null {
  const application = Application.load(applicationId.toString());
  if (application == null) {
    // The registry reverts for an unknown application id, so ApplicationSubmitted always came first.
    log.error("{} for unknown application {} in tx {}", [eventName, applicationId.toString(), tx]);
  }
  return application;
}

export function handleApplicationSubmitted(event: ApplicationSubmittedEvent): void {
  const account = getOrCreateAccount(event.params.miner);
  const application = new Application(event.params.applicationId.toString());
  application.applicationId = event.params.applicationId;
  application.miner = account.id;
  application.coin = event.params.coinId.toString();
  application.profileURI = event.params.profileURI;
  application.contentHash = event.params.contentHash;
  application.capacityUnits = event.params.capacityUnits;
  application.maxTermDays = event.params.maxTermDays;
  application.expectedYieldPerUnit = event.params.expectedYieldPerUnit;
  application.status = APPLICATION_SUBMITTED;
  application.submittedAt = event.block.timestamp;
  application.transactionHash = event.transaction.hash;
  application.save();

  const miner = getOrCreateMiner(event.params.miner, event);
  // Only an approval that lapsed unstaked (still stored as Approved) leaves terms behind; the registry
  // clears them when the miner applies again.
  if (same(miner.status, MINER_APPROVED)) {
    miner.maxTermDays = 0;
    miner.approvalExpiry = BI_ZERO;
    miner.coin = null;
    miner.capacity = BI_ZERO;
    miner.requiredStake = BI_ZERO;
  }
  miner.application = application.id;
  saveMiner(miner, event);

  const protocol = getOrCreateProtocol();
  protocol.applicationCount = protocol.applicationCount + 1;
  protocol.save();
}

export function handleApplicationWithdrawn(event: ApplicationWithdrawnEvent): void {
  const application = loadApplication(
    event.params.applicationId,
    "ApplicationWithdrawn",
    event.transaction.hash.toHexString(),
  );
  if (application == null) return;
  application.status = APPLICATION_WITHDRAWN;
  application.decidedAt = event.block.timestamp;
  application.decisionTransactionHash = event.transaction.hash;
  application.save();

  const miner = getOrCreateMiner(event.params.miner, event);
  miner.statusReason = null;
  saveMiner(miner, event);
}

export function handleApplicationApproved(event: ApplicationApprovedEvent): void {
  const application = loadApplication(
    event.params.applicationId,
    "ApplicationApproved",
    event.transaction.hash.toHexString(),
  );
  if (application == null) return;
  application.status = APPLICATION_APPROVED;
  application.approvedCapacity = event.params.capacityUnits;
  application.requiredStake = event.params.requiredStake;
  application.approvalExpiry = event.params.approvalExpiry;
  application.decidedAt = event.block.timestamp;
  application.decisionTransactionHash = event.transaction.hash;
  application.save();

  const miner = getOrCreateMiner(event.params.miner, event);
  miner.coin = event.params.coinId.toString();
  miner.maxTermDays = event.params.maxTermDays;
  miner.capacity = event.params.capacityUnits;
  miner.requiredStake = event.params.requiredStake;
  miner.approvalExpiry = event.params.approvalExpiry;
  // === : graph-ts's BigInt overloads == (which cannot take null).
  if (miner.firstApprovedAt === null) {
    miner.firstApprovedAt = event.block.timestamp;
    const protocol = getOrCreateProtocol();
    protocol.minerCount = protocol.minerCount + 1;
    protocol.save();
  }
  saveMiner(miner, event);
}

export function handleApplicationRejected(event: ApplicationRejectedEvent): void {
  const application = loadApplication(
    event.params.applicationId,
    "ApplicationRejected",
    event.transaction.hash.toHexString(),
  );
  if (application == null) return;
  application.status = APPLICATION_REJECTED;
  application.rejectionReason = event.params.reason;
  application.decidedAt = event.block.timestamp;
  application.decisionTransactionHash = event.transaction.hash;
  application.save();

  const miner = getOrCreateMiner(event.params.miner, event);
  miner.statusReason = event.params.reason;
  saveMiner(miner, event);
}

/*//////////////////////////////////////////////////////////////
                          MINER STATUS
//////////////////////////////////////////////////////////////*/

export function handleMinerSuspended(event: MinerSuspendedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.statusReason = event.params.reason;
  saveMiner(miner, event);
}

export function handleMinerReinstated(event: MinerReinstatedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.approvalExpiry = event.params.approvalExpiry;
  miner.statusReason = null;
  saveMiner(miner, event);
}

export function handleMinerRevoked(event: MinerRevokedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.statusReason = event.params.reason;
  saveMiner(miner, event);
}

export function handleMinerStatusChanged(event: MinerStatusChangedEvent): void {
  const previousValue = event.params.previousStatus;
  const newValue = event.params.newStatus;
  if (!isKnownMinerStatus(previousValue) || !isKnownMinerStatus(newValue)) {
    // Solidity cannot emit an out-of-range enum; should the registry ever grow a status, say so loudly.
    log.error("MinerStatusChanged with unknown status {} -> {} in tx {}", [
      previousValue.toString(),
      newValue.toString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  const previous = minerStatusName(previousValue);
  const next = minerStatusName(newValue);
  const miner = getOrCreateMiner(event.params.miner, event);

  // The reason was left by the event just before this one (same transaction): MinerSuspended,
  // MinerRevoked, ApplicationRejected (Applied -> None, or Applied -> Revoked) or ApplicationWithdrawn
  // (no reason). Any other change clears it.
  const keepsReason =
    same(next, MINER_SUSPENDED) ||
    same(next, MINER_REVOKED) ||
    (same(previous, MINER_APPLIED) && same(next, MINER_NONE));
  if (!keepsReason) miner.statusReason = null;
  // Active and Revoked miners have no running approval (the registry zeroes approvalExpiry on activation
  // and revocation; only the activation by stake or by a lowered required stake has no event carrying it).
  if (same(next, MINER_ACTIVE) || same(next, MINER_REVOKED)) miner.approvalExpiry = BI_ZERO;
  miner.status = next;
  saveMiner(miner, event);

  const change = new MinerStatusChange(eventId(event));
  change.miner = miner.id;
  change.previousStatus = previous;
  change.newStatus = next;
  change.reason = miner.statusReason;
  change.application = miner.application;
  change.approvalExpiry = miner.approvalExpiry;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/*//////////////////////////////////////////////////////////////
                              STAKE
//////////////////////////////////////////////////////////////*/

function newStakeEvent(miner: Miner, kind: string, amount: BigInt, event: ethereum.Event): StakeEvent {
  const record = new StakeEvent(eventId(event));
  record.miner = miner.id;
  record.kind = kind;
  record.amount = amount;
  record.stakeAfter = miner.stake;
  record.pendingWithdrawalAfter = miner.pendingWithdrawal;
  record.blockNumber = event.block.number;
  record.timestamp = event.block.timestamp;
  record.transactionHash = event.transaction.hash;
  return record;
}

export function handleStaked(event: StakedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.stake = event.params.newStake;
  saveMiner(miner, event);

  const settings = getOrCreateRegistrySettings(event.address);
  settings.totalStaked = settings.totalStaked.plus(event.params.amount);
  settings.save();

  newStakeEvent(miner, STAKE_STAKED, event.params.amount, event).save();
}

export function handleUnstakeRequested(event: UnstakeRequestedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.stake = event.params.newStake;
  miner.pendingWithdrawal = event.params.pendingWithdrawal;
  miner.unlockAt = event.params.unlockAt;
  saveMiner(miner, event);

  const amount = event.params.amount;
  const settings = getOrCreateRegistrySettings(event.address);
  settings.totalStaked = settings.totalStaked.minus(amount);
  settings.totalPendingWithdrawals = settings.totalPendingWithdrawals.plus(amount);
  settings.save();

  const record = newStakeEvent(miner, STAKE_UNSTAKE_REQUESTED, amount, event);
  record.unlockAt = event.params.unlockAt;
  record.save();
}

export function handleStakeWithdrawn(event: StakeWithdrawnEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.pendingWithdrawal = BI_ZERO;
  miner.unlockAt = BI_ZERO;
  saveMiner(miner, event);

  const amount = event.params.amount;
  const settings = getOrCreateRegistrySettings(event.address);
  settings.totalPendingWithdrawals = settings.totalPendingWithdrawals.minus(amount);
  settings.save();

  newStakeEvent(miner, STAKE_WITHDRAWN, amount, event).save();
}

export function handleSlashed(event: SlashedEvent): void {
  const fromStake = event.params.fromStake;
  const fromPending = event.params.fromPending;
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.stake = miner.stake.minus(fromStake);
  if (fromPending.gt(BI_ZERO)) {
    miner.pendingWithdrawal = miner.pendingWithdrawal.minus(fromPending);
    if (miner.pendingWithdrawal.isZero()) miner.unlockAt = BI_ZERO;
  }
  miner.totalSlashed = miner.totalSlashed.plus(event.params.amount);
  miner.slashCount = miner.slashCount + 1;
  saveMiner(miner, event);

  const settings = getOrCreateRegistrySettings(event.address);
  settings.totalStaked = settings.totalStaked.minus(fromStake);
  settings.totalPendingWithdrawals = settings.totalPendingWithdrawals.minus(fromPending);
  settings.totalSlashed = settings.totalSlashed.plus(event.params.amount);
  settings.save();

  const record = newStakeEvent(miner, STAKE_SLASHED, event.params.amount, event);
  record.fromStake = fromStake;
  record.fromPending = fromPending;
  record.insuranceReserve = event.params.insuranceReserve;
  record.reason = event.params.reason;
  record.save();
}

/*//////////////////////////////////////////////////////////////
                            CAPACITY
//////////////////////////////////////////////////////////////*/

export function handleCapacitySet(event: CapacitySetEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.capacity = event.params.newCapacity;
  saveMiner(miner, event);
}

export function handleRequiredStakeSet(event: RequiredStakeSetEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.requiredStake = event.params.newRequiredStake;
  saveMiner(miner, event);
}

export function handleOfferingOpened(event: OfferingOpenedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.usedCapacity = event.params.usedCapacity;
  miner.liveOfferings = event.params.liveOfferings.toI32();
  saveMiner(miner, event);
}

export function handleCapacityReleased(event: CapacityReleasedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.usedCapacity = event.params.usedCapacity;
  saveMiner(miner, event);
}

export function handleOfferingClosed(event: OfferingClosedEvent): void {
  const miner = getOrCreateMiner(event.params.miner, event);
  miner.usedCapacity = event.params.usedCapacity;
  miner.liveOfferings = event.params.liveOfferings.toI32();
  saveMiner(miner, event);
}
