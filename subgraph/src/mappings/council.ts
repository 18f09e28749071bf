// Event handlers of the Council data source (AssemblyScript, compiled by `graph build`): the bootstrap council
// Safe's SafeL2 events, emitted by its proxy. A multisig transaction is SafeMultiSigTransaction, the inner
// call's events, then ExecutionSuccess or ExecutionFailure; a module transaction is SafeModuleTransaction ...
// ExecutionFromModuleSuccess/Failure. Each kind nests properly (a transaction's call may run another), so the
// open ones are kept as a stack on the Council entity and each result completes the latest open one.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";

import {
  AddedOwner as AddedOwnerEvent,
  ApproveHash as ApproveHashEvent,
  ChangedFallbackHandler as ChangedFallbackHandlerEvent,
  ChangedGuard as ChangedGuardEvent,
  ChangedModuleGuard as ChangedModuleGuardEvent,
  ChangedThreshold as ChangedThresholdEvent,
  DisabledModule as DisabledModuleEvent,
  EnabledModule as EnabledModuleEvent,
  ExecutionFailure as ExecutionFailureEvent,
  ExecutionFromModuleFailure as ExecutionFromModuleFailureEvent,
  ExecutionFromModuleSuccess as ExecutionFromModuleSuccessEvent,
  ExecutionSuccess as ExecutionSuccessEvent,
  RemovedOwner as RemovedOwnerEvent,
  SafeModuleTransaction as SafeModuleTransactionEvent,
  SafeMultiSigTransaction as SafeMultiSigTransactionEvent,
  SafeReceived as SafeReceivedEvent,
  SafeSetup as SafeSetupEvent,
  SignMsg as SignMsgEvent,
} from "../../generated/Council/SafeL2";
import {
  Council,
  CouncilApprovedHash,
  CouncilModule,
  CouncilModuleTransaction,
  CouncilOwner,
  CouncilReceipt,
  CouncilSignedMessage,
  CouncilTransaction,
} from "../../generated/schema";
import { BI_ONE } from "../utils/constants";
import { eventId, getOrCreateAccount } from "../utils/entities";
import { getOrCreateCouncil, SAFE_OPERATIONS } from "../utils/governance";

function operationName(operation: i32): string {
  // Safe refuses any other Enum.Operation value (the ABI decoder reverts), so this is total in practice.
  return operation === 1 ? SAFE_OPERATIONS[1] : SAFE_OPERATIONS[0];
}

function addOwner(council: Council, owner: Address, event: ethereum.Event): void {
  const id = council.id.concat(owner);
  let entity = CouncilOwner.load(id);
  if (entity == null) {
    entity = new CouncilOwner(id);
    entity.council = council.id;
    entity.account = getOrCreateAccount(owner).id;
    entity.active = false;
  }
  if (!entity.active) council.ownerCount = council.ownerCount + 1;
  entity.active = true;
  entity.addedAt = event.block.timestamp;
  entity.removedAt = null;
  entity.save();
}

export function handleSafeSetup(event: SafeSetupEvent): void {
  const council = getOrCreateCouncil(event.address);
  const owners = event.params.owners;
  for (let i = 0; i < owners.length; i++) addOwner(council, owners[i], event);
  council.threshold = event.params.threshold;
  council.fallbackHandler = event.params.fallbackHandler;
  council.setupInitiator = event.params.initiator;
  council.setupInitializer = event.params.initializer;
  council.setupAt = event.block.timestamp;
  council.setupTransaction = event.transaction.hash;
  council.save();
}

export function handleAddedOwner(event: AddedOwnerEvent): void {
  const council = getOrCreateCouncil(event.address);
  addOwner(council, event.params.owner, event);
  council.save();
}

export function handleRemovedOwner(event: RemovedOwnerEvent): void {
  const council = getOrCreateCouncil(event.address);
  const owner = CouncilOwner.load(council.id.concat(event.params.owner));
  if (owner == null || !owner.active) return; // Safe only removes current owners
  owner.active = false;
  owner.removedAt = event.block.timestamp;
  owner.save();
  council.ownerCount = council.ownerCount - 1;
  council.save();
}

export function handleChangedThreshold(event: ChangedThresholdEvent): void {
  const council = getOrCreateCouncil(event.address);
  council.threshold = event.params.threshold;
  council.save();
}

export function handleEnabledModule(event: EnabledModuleEvent): void {
  // Emitted during setup too (the module setup's delegatecall), before the Council has any other event.
  const council = getOrCreateCouncil(event.address);
  const id = council.id.concat(event.params.module);
  let module = CouncilModule.load(id);
  if (module == null) {
    module = new CouncilModule(id);
    module.council = council.id;
    module.module = event.params.module;
  }
  module.enabled = true;
  module.enabledAt = event.block.timestamp;
  module.disabledAt = null;
  module.save();
}

export function handleDisabledModule(event: DisabledModuleEvent): void {
  const module = CouncilModule.load(event.address.concat(event.params.module));
  if (module == null) return; // Safe only disables enabled modules
  module.enabled = false;
  module.disabledAt = event.block.timestamp;
  module.save();
}

export function handleChangedGuard(event: ChangedGuardEvent): void {
  const council = getOrCreateCouncil(event.address);
  council.guard = event.params.guard;
  council.save();
}

export function handleChangedModuleGuard(event: ChangedModuleGuardEvent): void {
  const council = getOrCreateCouncil(event.address);
  council.moduleGuard = event.params.moduleGuard;
  council.save();
}

export function handleChangedFallbackHandler(event: ChangedFallbackHandlerEvent): void {
  const council = getOrCreateCouncil(event.address);
  council.fallbackHandler = event.params.handler;
  council.save();
}

/** A uint256 from 32 big-endian bytes of `data` at `offset`. */
function uintAt(data: Bytes, offset: i32): BigInt {
  const le = new Bytes(33); // one extra zero byte keeps the value unsigned
  for (let i = 0; i < 32; i++) le[i] = data[offset + 31 - i];
  return BigInt.fromUnsignedBytes(le);
}

export function handleSafeMultiSigTransaction(event: SafeMultiSigTransactionEvent): void {
  const council = getOrCreateCouncil(event.address);
  const tx = new CouncilTransaction(eventId(event));
  tx.council = council.id;
  tx.to = event.params.to;
  tx.value = event.params.value;
  tx.data = event.params.data;
  tx.operation = operationName(event.params.operation);
  tx.safeTxGas = event.params.safeTxGas;
  tx.baseGas = event.params.baseGas;
  tx.gasPrice = event.params.gasPrice;
  tx.gasToken = event.params.gasToken;
  tx.refundReceiver = event.params.refundReceiver;
  tx.signatures = event.params.signatures;
  // additionalInfo = abi.encode(nonce, msg.sender, threshold): three static words.
  const info = event.params.additionalInfo;
  if (info.length >= 96) {
    tx.nonce = uintAt(info, 0);
    tx.sender = Address.fromBytes(Bytes.fromUint8Array(info.subarray(44, 64)));
    tx.threshold = uintAt(info, 64);
  } else {
    log.error("SafeMultiSigTransaction with {} bytes of additionalInfo in tx {}", [
      info.length.toString(),
      event.transaction.hash.toHexString(),
    ]);
    tx.nonce = council.nonce;
    tx.sender = event.transaction.from;
    tx.threshold = council.threshold;
  }
  tx.blockNumber = event.block.number;
  tx.timestamp = event.block.timestamp;
  tx.transactionHash = event.transaction.hash;
  tx.save();

  council.nonce = tx.nonce.plus(BI_ONE);
  council.transactionCount = council.transactionCount + 1;
  const open = council.openTransactions;
  open.push(tx.id);
  council.openTransactions = open;
  council.save();
}

function finishTransaction(
  event: ethereum.Event,
  safeTxHash: Bytes,
  payment: BigInt,
  success: boolean,
): void {
  const council = getOrCreateCouncil(event.address);
  const open = council.openTransactions;
  if (open.length === 0) {
    log.error("Safe execution result without a transaction in tx {}", [event.transaction.hash.toHexString()]);
    return;
  }
  const id = open.pop();
  council.openTransactions = open;
  council.save();
  const tx = CouncilTransaction.load(id);
  if (tx == null) return;
  tx.safeTxHash = safeTxHash;
  tx.payment = payment;
  tx.success = success;
  tx.save();
}

export function handleExecutionSuccess(event: ExecutionSuccessEvent): void {
  finishTransaction(event, event.params.txHash, event.params.payment, true);
}

export function handleExecutionFailure(event: ExecutionFailureEvent): void {
  finishTransaction(event, event.params.txHash, event.params.payment, false);
}

export function handleSafeModuleTransaction(event: SafeModuleTransactionEvent): void {
  const council = getOrCreateCouncil(event.address);
  const tx = new CouncilModuleTransaction(eventId(event));
  tx.council = council.id;
  tx.module = event.params.module;
  tx.to = event.params.to;
  tx.value = event.params.value;
  tx.data = event.params.data;
  tx.operation = operationName(event.params.operation);
  tx.blockNumber = event.block.number;
  tx.timestamp = event.block.timestamp;
  tx.transactionHash = event.transaction.hash;
  tx.save();

  council.moduleTransactionCount = council.moduleTransactionCount + 1;
  const open = council.openModuleTransactions;
  open.push(tx.id);
  council.openModuleTransactions = open;
  council.save();
}

function finishModuleTransaction(event: ethereum.Event, module: Address, success: boolean): void {
  const council = getOrCreateCouncil(event.address);
  const open = council.openModuleTransactions;
  if (open.length === 0) {
    log.error("Safe module result without a module transaction in tx {}", [
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  const id = open.pop();
  council.openModuleTransactions = open;
  council.save();
  const tx = CouncilModuleTransaction.load(id);
  if (tx == null) return;
  if (!tx.module.equals(module)) {
    log.error("Safe module result of {} closes a transaction of {} in tx {}", [
      module.toHexString(),
      tx.module.toHexString(),
      event.transaction.hash.toHexString(),
    ]);
  }
  tx.success = success;
  tx.save();
}

export function handleExecutionFromModuleSuccess(event: ExecutionFromModuleSuccessEvent): void {
  finishModuleTransaction(event, event.params.module, true);
}

export function handleExecutionFromModuleFailure(event: ExecutionFromModuleFailureEvent): void {
  finishModuleTransaction(event, event.params.module, false);
}

export function handleApproveHash(event: ApproveHashEvent): void {
  const council = getOrCreateCouncil(event.address);
  const approval = new CouncilApprovedHash(eventId(event));
  approval.council = council.id;
  approval.hash = event.params.approvedHash;
  approval.owner = event.params.owner;
  approval.blockNumber = event.block.number;
  approval.timestamp = event.block.timestamp;
  approval.transactionHash = event.transaction.hash;
  approval.save();
}

export function handleSignMsg(event: SignMsgEvent): void {
  const council = getOrCreateCouncil(event.address);
  const signed = new CouncilSignedMessage(eventId(event));
  signed.council = council.id;
  signed.messageHash = event.params.msgHash;
  signed.blockNumber = event.block.number;
  signed.timestamp = event.block.timestamp;
  signed.transactionHash = event.transaction.hash;
  signed.save();
}

export function handleSafeReceived(event: SafeReceivedEvent): void {
  const council = getOrCreateCouncil(event.address);
  council.ethReceived = council.ethReceived.plus(event.params.value);
  council.save();

  const receipt = new CouncilReceipt(eventId(event));
  receipt.council = council.id;
  receipt.sender = event.params.sender;
  receipt.value = event.params.value;
  receipt.blockNumber = event.block.number;
  receipt.timestamp = event.block.timestamp;
  receipt.transactionHash = event.transaction.hash;
  receipt.save();
}
