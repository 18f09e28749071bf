import { proposalStateName, proposalStatesInBitmap } from "./governance/state.js";
import { minerStatusName } from "./registry/status.js";
import { formatAmount } from "./units.js";

// Readable messages for the reverts users of DMEX meet. Amounts in ERC-20 errors are formatted as DMC:
// DMC is the only ERC-20 among the ABIs the SDK decodes with by default.

type Describe = (args: readonly unknown[]) => string;

/** TimelockController's `OperationState`, in enum order. */
const TIMELOCK_OPERATION_STATES = ["Unset", "Waiting", "Ready", "Done"] as const;

const DESCRIPTIONS: Readonly<Record<string, Describe>> = {
  // Governor
  GovernorInsufficientProposerVotes: (args) => {
    const votes = bigintAt(args, 1);
    const hint = votes === 0n ? " (delegate your DMC, e.g. to yourself, to get votes)" : "";
    return `You have ${dmc(votes)} of votes; proposing needs ${dmc(bigintAt(args, 2))}${hint}`;
  },
  GovernorUnexpectedProposalState: (args) => {
    const current = proposalStateName(bigintAt(args, 1));
    const expected = proposalStatesInBitmap(bitmapAt(args, 2));
    return `Proposal ${shortId(bigintAt(args, 0))} is ${current}; this needs it to be ${orList(expected)}`;
  },
  GovernorNonexistentProposal: (args) => `There is no proposal ${shortId(bigintAt(args, 0))}`,
  GovernorAlreadyCastVote: (args) => `${stringAt(args, 0)} has already voted on this proposal`,
  GovernorInvalidSignature: (args) =>
    `The vote signature is not ${stringAt(args, 0)}'s (wrong signer, nonce, chain or governor)`,
  GovernorUnableToCancel: (args) =>
    `${stringAt(args, 1)} cannot cancel proposal ${shortId(bigintAt(args, 0))}: only its proposer can, while it is Pending`,
  GovernorRestrictedProposer: (args) =>
    `The description reserves this proposal for another proposer than ${stringAt(args, 0)}`,
  GovernorInvalidVoteType: () => "Not a valid vote: vote against, for or abstain",
  GovernorOnlyExecutor: () => "Only the DAO, through an executed proposal, can do this",
  GovernorInvalidProposalLength: () =>
    "The proposal's targets, values and calldatas are empty or differ in length",
  // Timelock
  TimelockUnexpectedOperationState: (args) => {
    const bits = bitmapAt(args, 1);
    const expected = TIMELOCK_OPERATION_STATES.filter((_, index) => ((bits >> BigInt(index)) & 1n) === 1n);
    const hint =
      expected.length === 1 && expected[0] === "Ready" ? ": wait until the timelock delay has passed" : "";
    return `The timelock operation is not ${orList(expected)}${hint}`;
  },
  TimelockUnauthorizedCaller: (args) => `${stringAt(args, 0)} may not call the timelock directly`,
  // Ownable: the registry's owner is the timelock
  OwnableUnauthorizedAccount: (args) =>
    `Only the DAO timelock can do this (${stringAt(args, 0)} is not the owner): propose it to the DAO`,
  // MinerRegistry
  MinerRegistry_ApprovalExpired: (args) =>
    `The approval expired on ${utcDate(bigintAt(args, 1))}; apply again`,
  MinerRegistry_StakeBelowRequired: (args) =>
    `A stake of ${dmc(bigintAt(args, 1))} is below the required stake of ${dmc(bigintAt(args, 2))}`,
  MinerRegistry_InvalidStatus: (args) =>
    `Not possible while ${stringAt(args, 0)} is ${minerStatusName(bigintAt(args, 1))}`,
  MinerRegistry_ApplicationPending: (args) =>
    `${stringAt(args, 0)} already has a pending application (#${bigintAt(args, 1)})`,
  MinerRegistry_ApplicationNotPending: (args) => `Application #${bigintAt(args, 0)} is no longer pending`,
  MinerRegistry_UnknownApplication: (args) => `There is no application #${bigintAt(args, 0)}`,
  MinerRegistry_NotApplicant: (args) =>
    `${stringAt(args, 1)} did not submit application #${bigintAt(args, 0)}`,
  MinerRegistry_UnknownCoin: (args) => `There is no coin #${bigintAt(args, 0)}`,
  MinerRegistry_CoinInactive: (args) => `Coin #${bigintAt(args, 0)} is not active`,
  MinerRegistry_EmptyProfileURI: () => "The application needs a profile URI",
  MinerRegistry_ZeroContentHash: () => "The application needs the hash of the profile document",
  MinerRegistry_ZeroCapacity: () => "The capacity must be more than zero",
  MinerRegistry_MaxTermOutOfBounds: (args) =>
    `The longest term must be 1 to ${bigintAt(args, 1)} days, not ${bigintAt(args, 0)}`,
  MinerRegistry_ZeroExpectedYield: () => "The expected yield per unit must be more than zero",
  MinerRegistry_ZeroAmount: () => "The amount must be more than zero",
  MinerRegistry_InsufficientStake: (args) =>
    `Cannot unstake ${dmc(bigintAt(args, 1))}: the stake is ${dmc(bigintAt(args, 2))}`,
  MinerRegistry_NothingToWithdraw: () => "There is no unstaked DMC to withdraw",
  MinerRegistry_StillUnbonding: (args) => `The unstaked DMC unlocks on ${utcDate(bigintAt(args, 1))}`,
  MinerRegistry_LiveOfferings: (args) => `Not possible with ${bigintAt(args, 1)} live offering(s)`,
  // ERC-20 (DMC)
  ERC20InsufficientBalance: (args) =>
    `${stringAt(args, 0)} has ${dmc(bigintAt(args, 1))}; this needs ${dmc(bigintAt(args, 2))}`,
  ERC20InsufficientAllowance: (args) =>
    `${stringAt(args, 0)} may spend ${dmc(bigintAt(args, 1))}; this needs ${dmc(bigintAt(args, 2))}: approve it first`,
};

/** Solidity's panic codes (`Panic(uint256)`). */
const PANIC_REASONS: Readonly<Record<string, string>> = {
  "1": "assertion failed",
  "17": "arithmetic overflow or underflow",
  "18": "division or modulo by zero",
  "33": "invalid enum value",
  "34": "invalid storage byte array",
  "49": "pop from an empty array",
  "50": "array index out of bounds",
  "65": "out of memory",
  "81": "call to an uninitialized function",
};

/**
 * A sentence for a decoded revert: the known errors get a readable one, any other `Name(arg, …)`.
 * Never throws: arguments of an unexpected shape fall back to the generic form.
 *
 * @example
 * ```ts
 * describeRevert("MinerRegistry_ZeroAmount", []); // "The amount must be more than zero"
 * describeRevert("MinerRegistry_CapacityExceeded", [miner, 5n, 3n]); // "MinerRegistry_CapacityExceeded(0x…, 5, 3)"
 * ```
 */
export function describeRevert(errorName: string, args: readonly unknown[]): string {
  if (errorName === "Error") return `The contract refused: ${String(args[0])}`;
  if (errorName === "Panic") {
    const code = typeof args[0] === "bigint" ? args[0] : 0n;
    const reason = PANIC_REASONS[code.toString()] ?? "unknown panic code";
    return `The contract failed: panic 0x${code.toString(16)} (${reason})`;
  }
  const describe = DESCRIPTIONS[errorName];
  if (describe) {
    try {
      return describe(args);
    } catch {
      // Unexpected argument types (an error of the same name but another signature): generic form.
    }
  }
  return `${errorName}(${args.map(formatArg).join(", ")})`;
}

function formatArg(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatArg).join(", ")}]`;
  if (typeof value === "string") return value.startsWith("0x") ? value : JSON.stringify(value);
  return String(value);
}

function bigintAt(args: readonly unknown[], index: number): bigint {
  const value = args[index];
  if (typeof value !== "bigint") throw new TypeError(`argument ${index} is not an integer`);
  return value;
}

/** A `bytes32` state bitmap (decoded as a hex string) as an integer. */
function bitmapAt(args: readonly unknown[], index: number): bigint {
  const value = args[index];
  if (typeof value !== "string" || !value.startsWith("0x"))
    throw new TypeError(`argument ${index} is not bytes32`);
  return BigInt(value);
}

function stringAt(args: readonly unknown[], index: number): string {
  const value = args[index];
  if (typeof value !== "string") throw new TypeError(`argument ${index} is not a string`);
  return value;
}

function dmc(amount: bigint): string {
  return formatAmount(amount, 18, "DMC");
}

/** "2026-01-31 12:00:00 UTC" for Unix seconds. */
function utcDate(seconds: bigint): string {
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** Proposal ids are 77-digit numbers: show the ends. */
function shortId(id: bigint): string {
  const digits = id.toString();
  return digits.length > 14 ? `${digits.slice(0, 6)}…${digits.slice(-6)}` : digits;
}

function orList(items: readonly string[]): string {
  if (items.length === 0) return "in another state";
  if (items.length === 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
