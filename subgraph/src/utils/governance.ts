// Governance getters and constants (AssemblyScript, compiled by `graph build`): the Governor's settings entity,
// the timelock, the council Safe, and the timelock operation id the Governor gives a queued proposal.
import { Address, BigInt, ByteArray, Bytes, crypto } from "@graphprotocol/graph-ts";

import { Council, Governor, Timelock } from "../../generated/schema";
import { BI_ZERO, ZERO_ADDRESS } from "./constants";

/** GovernorVotesQuorumFraction.quorumDenominator(): the numerator is a percentage. */
export const QUORUM_DENOMINATOR = BigInt.fromI32(100);

/**
 * DMC's total supply at any timepoint the Governor can read: DmcToken mints MAX_SUPPLY (100,000,000 DMC) in its
 * constructor, before any Governor can exist (the Governor takes the token), and has no mint or burn function;
 * ERC-20 transfers to the zero address revert. So quorum(t) = MAX_SUPPLY * quorumNumerator(t) / 100.
 */
export function dmcSupply(): BigInt {
  // A function, not a constant: a module-level initializer calling a host function (BigInt.fromString) runs
  // while the module is being instantiated, which the embedded indexer does not support.
  return BigInt.fromString("100000000000000000000000000");
}

/** GovernorCountingSimple's VoteType, by its uint8 value, as the schema's VoteSupport values. */
export const VOTE_SUPPORTS: string[] = ["AGAINST", "FOR", "ABSTAIN"];

/** Safe's Enum.Operation, by its uint8 value, as the schema's SafeOperation values. */
export const SAFE_OPERATIONS: string[] = ["CALL", "DELEGATE_CALL"];

export const ZERO_BYTES32 = Bytes.fromHexString(
  "0x0000000000000000000000000000000000000000000000000000000000000000",
);

export function getOrCreateGovernor(address: Address): Governor {
  let governor = Governor.load(address);
  if (governor == null) {
    governor = new Governor(address);
    governor.votingDelay = BI_ZERO;
    governor.votingPeriod = BI_ZERO;
    governor.proposalThreshold = BI_ZERO;
    governor.quorumNumerator = BI_ZERO;
    governor.quorumDenominator = QUORUM_DENOMINATOR;
    governor.lateQuorumVoteExtension = BI_ZERO;
    governor.timelock = ZERO_ADDRESS;
    governor.proposalCount = 0;
    governor.proposalsBeforeSnapshot = [];
    governor.save();
  }
  return governor as Governor;
}

export function getOrCreateTimelock(address: Address): Timelock {
  let timelock = Timelock.load(address);
  if (timelock == null) {
    timelock = new Timelock(address);
    timelock.minDelay = BI_ZERO;
    timelock.operationCount = 0;
    timelock.save();
  }
  return timelock as Timelock;
}

export function getOrCreateCouncil(address: Address): Council {
  let council = Council.load(address);
  if (council == null) {
    council = new Council(address);
    council.threshold = BI_ZERO;
    council.ownerCount = 0;
    council.guard = ZERO_ADDRESS;
    council.moduleGuard = ZERO_ADDRESS;
    council.fallbackHandler = ZERO_ADDRESS;
    council.nonce = BI_ZERO;
    council.transactionCount = 0;
    council.moduleTransactionCount = 0;
    council.ethReceived = BI_ZERO;
    council.openTransactions = [];
    council.openModuleTransactions = [];
    council.save();
  }
  return council as Council;
}

/** The quorum, DMC in wei, for a quorum numerator (see dmcSupply). */
export function quorumOf(numerator: BigInt): BigInt {
  return dmcSupply().times(numerator).div(QUORUM_DENOMINATOR);
}

/** keccak256 of a string's UTF-8 bytes (Solidity's keccak256(bytes(s))). */
export function hashString(value: string): Bytes {
  return Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8(value)));
}

/** A uint256 as one 32-byte big-endian ABI word. */
function word(value: BigInt): Bytes {
  const out = new Bytes(32);
  // BigInt is little-endian two's complement; ABI words are big-endian.
  for (let i = 0; i < value.length && i < 32; i++) out[31 - i] = value[i];
  return out;
}

function wordOfInt(value: i32): Bytes {
  return word(BigInt.fromI32(value));
}

/** An address, a bytes32 or any byte string of at most 32 bytes, left-padded (address) into one word. */
function leftPadded(value: Bytes): Bytes {
  const out = new Bytes(32);
  const offset = 32 - value.length;
  for (let i = 0; i < value.length; i++) out[offset + i] = value[i];
  return out;
}

/** `bytes` ABI tail: length word, then the data right-padded to a multiple of 32 bytes. */
function bytesTail(value: Bytes): Bytes {
  const padded = ((value.length + 31) / 32) * 32;
  const out = new Bytes(32 + padded);
  const length = wordOfInt(value.length);
  for (let i = 0; i < 32; i++) out[i] = length[i];
  for (let i = 0; i < value.length; i++) out[32 + i] = value[i];
  return out;
}

function concatAll(parts: Bytes[]): Bytes {
  let total = 0;
  for (let i = 0; i < parts.length; i++) total += parts[i].length;
  const out = new Bytes(total);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    for (let j = 0; j < part.length; j++) out[at + j] = part[j];
    at += part.length;
  }
  return out;
}

/**
 * The id GovernorTimelockControl gives the timelock operation of a queued proposal:
 * hashOperationBatch(targets, values, calldatas, 0, salt) with salt = bytes20(governor) ^ descriptionHash, i.e.
 * keccak256(abi.encode(address[], uint256[], bytes[], bytes32, bytes32)), encoded here by hand so that it does
 * not depend on how a host's ethereum.encode wraps tuples.
 */
export function governorOperationId(
  governor: Address,
  targets: Bytes[],
  values: BigInt[],
  calldatas: Bytes[],
  descriptionHash: Bytes,
): Bytes {
  const salt = new Bytes(32);
  for (let i = 0; i < 32; i++) salt[i] = descriptionHash[i];
  for (let i = 0; i < 20; i++) salt[i] = salt[i] ^ governor[i];

  const n = targets.length;
  // address[]: length, then one word per address.
  const targetsParts: Bytes[] = [wordOfInt(n)];
  for (let i = 0; i < n; i++) targetsParts.push(leftPadded(targets[i]));
  const targetsEnc = concatAll(targetsParts);
  // uint256[]
  const valuesParts: Bytes[] = [wordOfInt(values.length)];
  for (let i = 0; i < values.length; i++) valuesParts.push(word(values[i]));
  const valuesEnc = concatAll(valuesParts);
  // bytes[]: length, offsets (relative to the start of the offsets), then each bytes tail.
  const tails: Bytes[] = [];
  for (let i = 0; i < calldatas.length; i++) tails.push(bytesTail(calldatas[i]));
  const callsParts: Bytes[] = [wordOfInt(calldatas.length)];
  let offset = 32 * calldatas.length;
  for (let i = 0; i < tails.length; i++) {
    callsParts.push(wordOfInt(offset));
    offset += tails[i].length;
  }
  for (let i = 0; i < tails.length; i++) callsParts.push(tails[i]);
  const callsEnc = concatAll(callsParts);

  // The head: three offsets (5 head words = 160 bytes), the predecessor (zero) and the salt.
  const head0 = 160;
  const head1 = head0 + targetsEnc.length;
  const head2 = head1 + valuesEnc.length;
  const encoded = concatAll([
    wordOfInt(head0),
    wordOfInt(head1),
    wordOfInt(head2),
    ZERO_BYTES32,
    salt,
    targetsEnc,
    valuesEnc,
    callsEnc,
  ]);
  return Bytes.fromByteArray(crypto.keccak256(encoded));
}
