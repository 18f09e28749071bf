// Event handlers of the DmexTimelock data source (AssemblyScript, compiled by `graph build`): operations and
// their calls, the minimum delay, and roles (through src/utils/access.ts). RoleAdminChanged is not handled:
// TimelockController (OpenZeppelin 5) never calls _setRoleAdmin, so every role's admin stays
// DEFAULT_ADMIN_ROLE and the event cannot be emitted.
import { BigInt, Bytes } from "@graphprotocol/graph-ts";

import {
  CallExecuted as CallExecutedEvent,
  CallSalt as CallSaltEvent,
  CallScheduled as CallScheduledEvent,
  Cancelled as CancelledEvent,
  MinDelayChange as MinDelayChangeEvent,
  RoleGranted as RoleGrantedEvent,
  RoleRevoked as RoleRevokedEvent,
} from "../../generated/DmexTimelock/DmexTimelock";
import { TimelockCall, TimelockDelayChange, TimelockOperation } from "../../generated/schema";
import { recordRoleChange } from "../utils/access";
import { eventId } from "../utils/entities";
import { getOrCreateTimelock, ZERO_BYTES32 } from "../utils/governance";

const NAME = "DmexTimelock";

function callId(operation: Bytes, index: BigInt): Bytes {
  return operation.concatI32(index.toI32());
}

export function handleCallScheduled(event: CallScheduledEvent): void {
  const id = event.params.id;
  const index = event.params.index;
  let operation = TimelockOperation.load(id);
  // A batch emits CallScheduled for index 0, 1, ...: index 0 starts the operation, either new or scheduled
  // again after a cancellation (same id), which starts it afresh.
  if (index.isZero() || operation == null) {
    const timelock = getOrCreateTimelock(event.address);
    timelock.operationCount = timelock.operationCount + 1;
    timelock.save();
    if (operation == null) {
      operation = new TimelockOperation(id);
      operation.timelock = timelock.id;
    }
    operation.status = "SCHEDULED";
    operation.callCount = 0;
    operation.executedCallCount = 0;
    operation.predecessor = event.params.predecessor;
    operation.salt = ZERO_BYTES32;
    operation.delay = event.params.delay;
    operation.readyAt = event.block.timestamp.plus(event.params.delay);
    operation.scheduledAt = event.block.timestamp;
    operation.scheduledBlock = event.block.number;
    operation.scheduledTransaction = event.transaction.hash;
    operation.executedAt = null;
    operation.executedTransaction = null;
    operation.cancelledAt = null;
    operation.cancelledTransaction = null;
  }
  operation.callCount = operation.callCount + 1;
  operation.save();

  const call = new TimelockCall(callId(id, index));
  call.operation = id;
  call.index = index.toI32();
  call.target = event.params.target;
  call.value = event.params.value;
  call.data = event.params.data;
  call.executed = false;
  call.executedAt = null;
  call.executedTransaction = null;
  call.save();
}

export function handleCallSalt(event: CallSaltEvent): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return; // CallSalt always follows the operation's CallScheduled events
  operation.salt = event.params.salt;
  operation.save();
}

export function handleCallExecuted(event: CallExecutedEvent): void {
  const id = event.params.id;
  const operation = TimelockOperation.load(id);
  if (operation == null) return; // the timelock only executes operations it scheduled
  // The timelock marks the operation done after its last call, in the same transaction (a failing call reverts
  // it all), so the first CallExecuted already means executed.
  operation.status = "EXECUTED";
  operation.executedCallCount = operation.executedCallCount + 1;
  operation.executedAt = event.block.timestamp;
  operation.executedTransaction = event.transaction.hash;
  operation.save();

  const call = TimelockCall.load(callId(id, event.params.index));
  if (call == null) return;
  call.executed = true;
  call.executedAt = event.block.timestamp;
  call.executedTransaction = event.transaction.hash;
  call.save();
}

export function handleCancelled(event: CancelledEvent): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return;
  operation.status = "CANCELLED";
  operation.cancelledAt = event.block.timestamp;
  operation.cancelledTransaction = event.transaction.hash;
  operation.save();
}

export function handleMinDelayChange(event: MinDelayChangeEvent): void {
  const timelock = getOrCreateTimelock(event.address);
  timelock.minDelay = event.params.newDuration;
  timelock.save();

  const change = new TimelockDelayChange(eventId(event));
  change.timelock = timelock.id;
  change.oldDelay = event.params.oldDuration;
  change.newDelay = event.params.newDuration;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleRoleGranted(event: RoleGrantedEvent): void {
  recordRoleChange(event, NAME, event.params.role, event.params.account, event.params.sender, true);
}

export function handleRoleRevoked(event: RoleRevokedEvent): void {
  recordRoleChange(event, NAME, event.params.role, event.params.account, event.params.sender, false);
}
