// Event handlers of the DmcToken data source (AssemblyScript, compiled by `graph build`).
// Every handler here must be listed in subgraph.template.yaml with its ABI signature; scripts/manifest.test.ts
// checks both ways.
import { log } from "@graphprotocol/graph-ts";

import {
  Approval as ApprovalEvent,
  DelegateChanged as DelegateChangedEvent,
  DelegateVotesChanged as DelegateVotesChangedEvent,
  GenesisAllocation as GenesisAllocationEvent,
  Transfer as TransferEvent,
  VestingTrancheCreated as VestingTrancheCreatedEvent,
} from "../../generated/DmcToken/DmcToken";
import {
  DelegateChange,
  DelegateVotesChange,
  DmcAllowance,
  GenesisAllocation,
  Transfer,
  VestingTranche,
} from "../../generated/schema";
import { ALLOCATION_KINDS, ZERO_ADDRESS } from "../utils/constants";
import {
  adjustBalance,
  eventId,
  getOrCreateAccount,
  getOrCreateDelegate,
  getOrCreateProtocol,
  getOrCreateToken,
} from "../utils/entities";

export function handleTransfer(event: TransferEvent): void {
  const token = getOrCreateToken(event.address);
  const from = event.params.from;
  const to = event.params.to;
  const value = event.params.value;

  // Mints come from and burns go to the zero address: they move the supply, not a balance. A transfer to
  // oneself moves nothing. Each account is loaded, changed and saved before the other is loaded, so the
  // two never overwrite each other.
  if (from.equals(ZERO_ADDRESS)) {
    token.totalSupply = token.totalSupply.plus(value);
    getOrCreateAccount(from);
  } else {
    const sender = getOrCreateAccount(from);
    if (!from.equals(to)) {
      adjustBalance(sender, token, value.neg());
      sender.save();
    }
  }
  if (to.equals(ZERO_ADDRESS)) {
    token.totalSupply = token.totalSupply.minus(value);
    getOrCreateAccount(to);
  } else {
    const receiver = getOrCreateAccount(to);
    if (!from.equals(to)) {
      adjustBalance(receiver, token, value);
      receiver.save();
    }
  }
  token.save();
  const protocol = getOrCreateProtocol();
  if (protocol.dmcHolderCount !== token.holderCount) {
    protocol.dmcHolderCount = token.holderCount;
    protocol.save();
  }

  const transfer = new Transfer(eventId(event));
  transfer.token = token.id;
  transfer.from = from;
  transfer.to = to;
  transfer.value = value;
  transfer.blockNumber = event.block.number;
  transfer.timestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

export function handleDelegateChanged(event: DelegateChangedEvent): void {
  const delegator = getOrCreateAccount(event.params.delegator);
  const fromDelegate = event.params.fromDelegate;
  const toDelegate = event.params.toDelegate;

  const change = new DelegateChange(eventId(event));
  change.delegator = delegator.id;
  // The old delegate is saved before the new one is loaded: re-delegating to the same delegate
  // (from == to) then leaves numberOfDelegators unchanged.
  if (!fromDelegate.equals(ZERO_ADDRESS)) {
    const previous = getOrCreateDelegate(fromDelegate);
    previous.numberOfDelegators = previous.numberOfDelegators - 1;
    previous.save();
    change.fromDelegate = previous.id;
  }
  if (toDelegate.equals(ZERO_ADDRESS)) {
    delegator.delegate = null;
  } else {
    const next = getOrCreateDelegate(toDelegate);
    next.numberOfDelegators = next.numberOfDelegators + 1;
    next.save();
    change.toDelegate = next.id;
    delegator.delegate = next.id;
  }
  delegator.save();

  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleDelegateVotesChanged(event: DelegateVotesChangedEvent): void {
  const delegate = getOrCreateDelegate(event.params.delegate);
  delegate.votingPower = event.params.newVotes;
  delegate.save();

  const change = new DelegateVotesChange(eventId(event));
  change.delegate = delegate.id;
  change.previousVotes = event.params.previousVotes;
  change.newVotes = event.params.newVotes;
  change.delta = event.params.newVotes.minus(event.params.previousVotes);
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleGenesisAllocation(event: GenesisAllocationEvent): void {
  const kind = event.params.kind;
  if (kind < 0 || kind >= ALLOCATION_KINDS.length) {
    // Solidity cannot emit an out-of-range enum; should the contract ever grow a kind, say so loudly.
    log.error("GenesisAllocation with unknown kind {} in tx {}", [
      kind.toString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  const token = getOrCreateToken(event.address);
  const recipient = getOrCreateAccount(event.params.recipient);

  const allocation = new GenesisAllocation(eventId(event));
  allocation.token = token.id;
  allocation.recipient = recipient.id;
  allocation.amount = event.params.amount;
  allocation.kind = ALLOCATION_KINDS[kind];
  allocation.blockNumber = event.block.number;
  allocation.timestamp = event.block.timestamp;
  allocation.transactionHash = event.transaction.hash;
  allocation.save();
}

export function handleVestingTrancheCreated(event: VestingTrancheCreatedEvent): void {
  const token = getOrCreateToken(event.address);
  const wallet = getOrCreateAccount(event.params.wallet);
  const beneficiary = getOrCreateAccount(event.params.beneficiary);

  const tranche = new VestingTranche(wallet.id);
  tranche.token = token.id;
  tranche.wallet = wallet.id;
  tranche.beneficiary = beneficiary.id;
  tranche.amount = event.params.amount;
  tranche.start = event.params.start;
  tranche.duration = event.params.duration;
  tranche.cliff = event.params.cliff;
  tranche.blockNumber = event.block.number;
  tranche.timestamp = event.block.timestamp;
  tranche.transactionHash = event.transaction.hash;
  tranche.save();
}

export function handleApproval(event: ApprovalEvent): void {
  const id = event.params.owner.concat(event.params.spender);
  let allowance = DmcAllowance.load(id);
  if (allowance == null) {
    allowance = new DmcAllowance(id);
    allowance.owner = getOrCreateAccount(event.params.owner).id;
    allowance.spender = getOrCreateAccount(event.params.spender).id;
  }
  allowance.value = event.params.value;
  allowance.updatedAt = event.block.timestamp;
  allowance.save();
}
