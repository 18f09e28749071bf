import { keccak256, toUtf8Bytes, ZeroHash } from "ethers";

import { proposalStateName, proposalStatesInBitmap } from "./governance/state.js";
import { minerStatusName } from "./registry/status.js";
import { formatAmount, formatDuration } from "./units.js";
import { formatDay } from "./vault/day.js";
import { offeringStatusName } from "./vault/status.js";
import { formatTokenId } from "./vault/tokenId.js";

// Readable messages for the reverts users of DMEX meet. Amounts in ERC-20 errors are formatted in the token
// the caller names (`RevertContext.token`), DMC by default.

/** What a message may need to know beyond the error's arguments. */
export interface RevertContext {
  /**
   * The ERC-20 an `ERC20…` error is about (a payment or yield token); DMC when not given. The marketplace's
   * errors word their prices, bids and offers in it too (in the token's smallest unit when not given).
   */
  readonly token?: { readonly symbol: string; readonly decimals: number };
  /**
   * The contract whose ABI declares the error, as `decodeRevert` attributed it: words errors several
   * contracts share (`EnforcedPause` of the vault or of the marketplace).
   */
  readonly contract?: string | undefined;
}

type Describe = (args: readonly unknown[], context: RevertContext) => string;

/** Roles of the vault (AccessControl), by their `bytes32` id. */
const ROLE_HINTS: Readonly<Record<string, string>> = {
  [ZeroHash]: "only the DAO timelock can do this: propose it to the DAO",
  [keccak256(toUtf8Bytes("MARKETPLACE_ROLE"))]:
    "only the marketplace (MARKETPLACE_ROLE) records primary sales",
  [keccak256(toUtf8Bytes("PAUSER_ROLE"))]:
    "only the DAO timelock or the council's PauseGuardian (PAUSER_ROLE) can pause",
  [keccak256(toUtf8Bytes("BRIDGE_ROLE"))]: "only the bridge (BRIDGE_ROLE) mints and burns the token",
};

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
  MinerRegistry_StakeHeld: (args) =>
    `The stake is held by ${bigintAt(args, 1)} flagged offering(s), or terminated ones awaiting the DAO's slashing decision`,
  MinerRegistry_CapacityExceeded: (args) =>
    `${stringAt(args, 0)} has ${bigintAt(args, 2)} units of free capacity; this needs ${bigintAt(args, 1)}`,
  // ERC-20 (DMC unless the context names the token)
  ERC20InsufficientBalance: (args, context) =>
    `${stringAt(args, 0)} has ${tokens(bigintAt(args, 1), context)}; this needs ${tokens(bigintAt(args, 2), context)}`,
  ERC20InsufficientAllowance: (args, context) =>
    `${stringAt(args, 0)} may spend ${tokens(bigintAt(args, 1), context)}; this needs ${tokens(bigintAt(args, 2), context)}: approve it first`,
  // AccessControl and Pausable (the vault, the bridged tokens)
  AccessControlUnauthorizedAccount: (args) => {
    const role = stringAt(args, 1).toLowerCase();
    const hint = ROLE_HINTS[role];
    return hint
      ? `${capitalize(hint)} (${stringAt(args, 0)} lacks the role)`
      : `${stringAt(args, 0)} lacks the role ${role}`;
  },
  EnforcedPause: (_args, context) =>
    context.contract === "Marketplace"
      ? "The marketplace is paused for an emergency: listing, buying, auctions, bids, offers and settlements wait until the DAO unpauses it (cancelling, offer refunds and credit withdrawals still work)"
      : "The vault is paused for an emergency: offerings, sales, withdrawals, splits and merges wait until the DAO unpauses it",
  ExpectedPause: (_args, context) =>
    context.contract === "Marketplace" ? "The marketplace is not paused" : "The vault is not paused",
  // HashrateCertificate (Solady's ERC-721: its errors carry no arguments)
  TokenDoesNotExist: () => "There is no such certificate (never minted, or burned)",
  NotOwnerNorApproved: () =>
    "The caller may not move this certificate: only its owner, or an account its owner approved",
  TransferFromIncorrectOwner: () => "The certificate is not owned by the account it is sent from",
  TransferToNonERC721ReceiverImplementer: () =>
    "The recipient is a contract that does not accept ERC-721 tokens",
  TransferToZeroAddress: () => "A certificate cannot be sent to the zero address (burning is the vault's)",
  HashrateCertificate_InvalidRenderer: (args) =>
    `The certificate renderer must be a contract: ${stringAt(args, 0)} is not`,
  HashrateCertificate_NotVault: () => "Only the risk-control vault mints and burns certificates",
  HashrateCertificate_NotAdmin: () => "Only the DAO timelock can replace the certificate renderer",
  // RiskControlVault
  RiskControlVault_ZeroAddress: () => "An address that must be set is zero",
  RiskControlVault_PaymentTokenNotAllowed: (args) =>
    `${stringAt(args, 0)} is not an allowlisted payment token (the DAO allowlists payment tokens by proposal)`,
  RiskControlVault_FlagWindowOutOfBounds: (args) =>
    `The flag window must be 1 to ${bigintAt(args, 1)} days, not ${bigintAt(args, 0)}`,
  RiskControlVault_ShortThresholdOutOfBounds: (args) =>
    `The short threshold must be 1 to 10000 basis points, not ${bigintAt(args, 0)}`,
  RiskControlVault_UnknownOffering: (args) => `There is no offering #${bigintAt(args, 0)}`,
  RiskControlVault_UnknownCertificate: (args) => `There is no certificate ${certificate(args, 0)}`,
  RiskControlVault_CoinMismatch: (args) =>
    `${stringAt(args, 0)} is approved for coin #${bigintAt(args, 2)}, not coin #${bigintAt(args, 1)}`,
  RiskControlVault_CoinInactive: (args) => `Coin #${bigintAt(args, 0)} is not active`,
  RiskControlVault_ZeroUnits: () => "Offerings, sales and lots carry at least one unit",
  RiskControlVault_InvalidSaleTerms: () =>
    "Invalid sale terms: the price per unit must be above zero, the minimum lot 1 to the units offered, and the sale window must not have ended, must start before it ends and end by the end of the term",
  RiskControlVault_SaleNotOpen: (args) => {
    const id = bigintAt(args, 0);
    if (args[3] === true)
      return `The sale of offering #${id} is closed: its unsold units went back to the miner`;
    return `Offering #${id} sells units from ${utcDate(bigintAt(args, 1))} until ${utcDate(bigintAt(args, 2))}, not now`;
  },
  RiskControlVault_SaleNotEnded: (args) =>
    `The sale of offering #${bigintAt(args, 0)} runs until ${utcDate(bigintAt(args, 1))}: only its miner can close it before then`,
  RiskControlVault_BelowMinLot: (args) =>
    `Offering #${bigintAt(args, 0)} sells at least ${bigintAt(args, 2)} units at a time, not ${bigintAt(args, 1)}`,
  RiskControlVault_UnitsUnavailable: (args) =>
    `Offering #${bigintAt(args, 0)} has ${bigintAt(args, 2)} units available, not ${bigintAt(args, 1)}`,
  RiskControlVault_TermOutOfBounds: (args) =>
    `The term must be 1 to ${bigintAt(args, 1)} days (the miner's approved longest term), not ${bigintAt(args, 0)}`,
  RiskControlVault_StartDayOutOfBounds: (args) =>
    `The term must start between ${day(args, 1)} and ${day(args, 2)}, not on ${day(args, 0)}`,
  RiskControlVault_MinerNotActive: (args) =>
    `${stringAt(args, 0)} is ${minerStatusName(bigintAt(args, 1))} in the registry: only Active (approved and staked) miners create offerings and sell units`,
  RiskControlVault_MinerFrozen: (args) =>
    `${stringAt(args, 0)} has ${bigintAt(args, 1)} frozen offering(s): no new offering until the DAO resumes or terminates it`,
  RiskControlVault_NotMiner: (args) =>
    `Only the miner of offering #${bigintAt(args, 0)} can do this (${stringAt(args, 1)} is not)`,
  RiskControlVault_NotOwner: (args) =>
    `${stringAt(args, 1)} does not own certificate ${certificate(args, 0)}`,
  RiskControlVault_SalesClosed: (args) =>
    `The term of offering #${bigintAt(args, 0)} is over (its last day was ${formatDay(Number(bigintAt(args, 2)) - 1)}): nothing more can be sold`,
  RiskControlVault_InvalidStatus: (args) => {
    const status = offeringStatusName(bigintAt(args, 1));
    const hint = status === "Frozen" ? " (flagged: until the DAO resumes or terminates it)" : "";
    return `Not possible while offering #${bigintAt(args, 0)} is ${status}${hint}`;
  },
  RiskControlVault_ZeroAmount: () => "The amount must be more than zero",
  RiskControlVault_AmountTooLarge: (args) =>
    `${bigintAt(args, 0)} is too large for the vault's accounting (an offering takes at most 1e18 units, and amounts below 2^128 / 1e9)`,
  RiskControlVault_DayNotEnded: (args) =>
    `${capitalize(day(args, 0))} has not ended (today is ${day(args, 1)}): yield is deposited for ended days`,
  RiskControlVault_DayOutsideTerm: (args) =>
    `${capitalize(day(args, 1))} is not a delivery day of offering #${bigintAt(args, 0)} (${day(args, 2)} to ${formatDay(Number(bigintAt(args, 3)) - 1)})`,
  RiskControlVault_NothingSold: (args) =>
    `No certificate of offering #${bigintAt(args, 0)} is sold: there is nobody to deliver to`,
  RiskControlVault_NothingToWithdraw: (args) =>
    `Offering #${bigintAt(args, 0)} has no released escrow to withdraw: escrow is released as days are delivered`,
  RiskControlVault_NothingToClaim: () => "These certificates have no yield to claim",
  RiskControlVault_NothingToRefund: (args) =>
    `Certificate ${certificate(args, 0)} has nothing to refund (its offering is not terminated, it was already refunded, or every day was delivered)`,
  RiskControlVault_NotFlaggable: (args) =>
    `Offering #${bigintAt(args, 0)} cannot be flagged: its miner is not a whole flag window of days behind (days not delivered at the threshold)`,
  RiskControlVault_NotSettled: (args) =>
    `Offering #${bigintAt(args, 0)} cannot finish: its term must be over (it ends before ${day(args, 1)}) and every day delivered (next undelivered: ${day(args, 2)})`,
  RiskControlVault_InvalidSplit: (args) =>
    `Certificate ${certificate(args, 0)} has ${bigintAt(args, 1)} units: split off 1 to ${bigintAt(args, 1) - 1n}, not ${bigintAt(args, 2)}`,
  RiskControlVault_MergeMismatch: (args) =>
    `Certificates ${certificate(args, 0)} and ${certificate(args, 1)} cannot merge: they must be of one offering and sold on the same day`,
  RiskControlVault_SameToken: (args) => `Certificate ${certificate(args, 0)} cannot merge with itself`,
  RiskControlVault_NotBurnable: (args) =>
    `Certificate ${certificate(args, 0)} cannot be burned: its offering must be finished or terminated, with nothing left to claim or refund`,
  RiskControlVault_InvalidRange: (args) => `The day range ${day(args, 0)} to ${day(args, 1)} is reversed`,
  RiskControlVault_RangeTooLong: (args) =>
    `The day range ${day(args, 0)} to ${day(args, 1)} is longer than 366 days`,
  RiskControlVault_NoTokens: () => "Name at least one certificate",
  // Marketplace
  Marketplace_ZeroAddress: () => "An address that must be set is zero",
  Marketplace_FeeAboveCap: (args) =>
    `A fee of ${percent(bigintAt(args, 0))} is above its cap of ${percent(bigintAt(args, 1))}`,
  Marketplace_InsuranceShareOutOfBounds: (args) =>
    `The insurance reserve's share of fees must be at most 100%, not ${percent(bigintAt(args, 0))}`,
  Marketplace_IncrementOutOfBounds: (args) =>
    `The minimum bid increment must be 0.01% to ${percent(bigintAt(args, 1))}, not ${percent(bigintAt(args, 0))}`,
  Marketplace_PaymentTokenNotAllowed: (args) =>
    `${stringAt(args, 0)} is not an allowlisted payment token (the DAO allowlists payment tokens by proposal)`,
  Marketplace_WrongPaymentToken: (args) =>
    `Offering #${bigintAt(args, 0)} sells in its payment token ${stringAt(args, 2)}, not ${stringAt(args, 1)}: a primary sale must be paid in it`,
  Marketplace_NotOwner: (args) => `${stringAt(args, 1)} does not own certificate ${certificate(args, 0)}`,
  Marketplace_UnknownCertificate: (args) => `There is no certificate ${certificate(args, 0)}`,
  Marketplace_NotApproved: (args) =>
    `${stringAt(args, 1)} has not approved the marketplace to move certificate ${certificate(args, 0)}: approve it (or all its certificates) first`,
  Marketplace_ZeroPrice: () => "The price must be more than zero",
  Marketplace_PriceTooLarge: (args, context) =>
    `${capitalize(amountIn(bigintAt(args, 0), context))} is more than the marketplace can hold (at most ${amountIn(bigintAt(args, 1), context)})`,
  Marketplace_InvalidExpiry: (args) =>
    `The expiry must be in the future: ${utcDate(bigintAt(args, 0))} is not after the chain's time, ${utcDate(bigintAt(args, 1))}`,
  Marketplace_UnknownListing: (args) =>
    `There is no listing #${bigintAt(args, 0)} (it was bought or cancelled, or never made)`,
  Marketplace_NotSeller: (args) =>
    `Only the seller can do this: ${stringAt(args, 1)} did not create listing or auction #${bigintAt(args, 0)}`,
  Marketplace_ListingExpired: (args) =>
    `Listing #${bigintAt(args, 0)} expired on ${utcDate(bigintAt(args, 1))}`,
  Marketplace_ListingStale: (args) =>
    `Listing #${bigintAt(args, 0)} is no longer valid: its seller no longer owns the certificate (${stringAt(args, 1)} does)`,
  Marketplace_ListingVoid: (args) =>
    `Listing #${bigintAt(args, 0)} is void for good: its certificate changed since it was listed (transferred, split, merged or refunded; sale nonce ${bigintAt(args, 1)} → ${bigintAt(args, 2)})`,
  Marketplace_OfferVoid: (args) =>
    `Offer #${bigintAt(args, 0)} is void: the certificate changed hands or content since the offer was made (sale nonce ${bigintAt(args, 1)} → ${bigintAt(args, 2)}); its bidder can cancel it and offer again`,
  Marketplace_CertificateMismatch: (args) =>
    `Certificate ${certificate(args, 1)} does not fit offer #${bigintAt(args, 0)}: it carries ${bigintAt(args, 2)} units${args[3] ? " and was refunded" : ""}, the offer names other units or an unrefunded certificate`,
  Marketplace_ZeroUnits: () => "An offer on an offering must name a number of units above zero",
  Marketplace_PriceAboveMax: (args, context) =>
    `Listing #${bigintAt(args, 0)} now costs ${amountIn(bigintAt(args, 1), context)}, more than your limit of ${amountIn(bigintAt(args, 2), context)} (its seller changed the price)`,
  Marketplace_SelfDealing: (args) =>
    `${stringAt(args, 0)} cannot trade with itself: sellers cannot buy their own listings, bid on their own auctions or accept their own offers, and miners cannot buy their own offerings' units`,
  Marketplace_PrimaryPriceAboveMax: (args, context) =>
    `Those units of offering #${bigintAt(args, 0)} cost ${amountIn(bigintAt(args, 1), context)}, more than your limit of ${amountIn(bigintAt(args, 2), context)}`,
  Marketplace_LengthMismatch: (args) =>
    `Give one maximum price per listing: ${bigintAt(args, 0)} listing(s) but ${bigintAt(args, 1)} price(s)`,
  Marketplace_EmptyBatch: () => "Name at least one listing",
  Marketplace_UnknownAuction: (args) =>
    `There is no auction #${bigintAt(args, 0)} (it was settled or cancelled, or never created)`,
  Marketplace_AuctionStarted: (args) =>
    `Auction #${bigintAt(args, 0)} has a bid: it can no longer be cancelled`,
  Marketplace_AuctionEnded: (args) =>
    `Auction #${bigintAt(args, 0)} ended on ${utcDate(bigintAt(args, 1))}: it takes no more bids (anyone can settle it)`,
  Marketplace_AuctionNotEnded: (args) =>
    `Auction #${bigintAt(args, 0)} runs until ${utcDate(bigintAt(args, 1))}: settle it after that`,
  Marketplace_AuctionVoid: (args) =>
    `Auction #${bigintAt(args, 0)} is void: its offering changed since it was created (flagged, resumed, terminated or finished; sale nonce ${bigintAt(args, 1)} → ${bigintAt(args, 2)}); it takes no bids, and anyone can settle it to return the certificate (or the lot) and the bid`,
  Marketplace_AuctionHasNoBid: (args) =>
    `Auction #${bigintAt(args, 0)} has no bid: there is nothing to settle (its seller can cancel it)`,
  Marketplace_BidTooLow: (args, context) =>
    `A bid of ${amountIn(bigintAt(args, 1), context)} is too low for auction #${bigintAt(args, 0)}: bid at least ${amountIn(bigintAt(args, 2), context)}`,
  Marketplace_DurationOutOfBounds: (args) =>
    `An auction runs ${formatDuration(bigintAt(args, 1))} to ${formatDuration(bigintAt(args, 2))} from its first bid, not ${formatDuration(bigintAt(args, 0))}`,
  Marketplace_UnknownOffer: (args) =>
    `There is no offer #${bigintAt(args, 0)} (it was accepted or cancelled, or never made)`,
  Marketplace_NotBidder: (args) =>
    `Only the bidder can cancel offer #${bigintAt(args, 0)} (${stringAt(args, 1)} did not make it)`,
  Marketplace_OfferExpired: (args) => `Offer #${bigintAt(args, 0)} expired on ${utcDate(bigintAt(args, 1))}`,
  Marketplace_OfferMismatch: (args) =>
    `Offer #${bigintAt(args, 0)} is not for certificate ${certificate(args, 1)}`,
  Marketplace_NothingToWithdraw: (args) =>
    `${stringAt(args, 0)} has no credit in ${stringAt(args, 1)} to withdraw`,
  Marketplace_NoFeesAccrued: (args) => `No fees have accrued in ${stringAt(args, 0)} to collect`,
  Marketplace_FeesRefused: (args) =>
    `Every fee recipient refused its transfer of ${stringAt(args, 0)}; the fees stay accrued`,
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
 * describeRevert("MinerRegistry_CapacityBelowUsed", [miner, 5n, 8n]); // "MinerRegistry_CapacityBelowUsed(0x…, 5, 8)"
 * ```
 */
export function describeRevert(
  errorName: string,
  args: readonly unknown[],
  context: RevertContext = {},
): string {
  if (errorName === "Error") return `The contract refused: ${String(args[0])}`;
  if (errorName === "Panic") {
    const code = typeof args[0] === "bigint" ? args[0] : 0n;
    const reason = PANIC_REASONS[code.toString()] ?? "unknown panic code";
    return `The contract failed: panic 0x${code.toString(16)} (${reason})`;
  }
  const describe = DESCRIPTIONS[errorName];
  if (describe) {
    try {
      return describe(args, context);
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

/** An amount of the context's token, or in the token's smallest unit when the context names none. */
function amountIn(amount: bigint, context: RevertContext): string {
  const token = context.token;
  return token
    ? formatAmount(amount, token.decimals, token.symbol, { maxFractionDigits: token.decimals })
    : `${amount} (smallest token units)`;
}

/** Basis points as a percentage: 500 → "5%", 250 → "2.5%", 1 → "0.01%". */
function percent(bps: bigint): string {
  const whole = bps / 100n;
  const fraction = (bps % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}

function tokens(amount: bigint, context: RevertContext): string {
  const token = context.token;
  return token
    ? formatAmount(amount, token.decimals, token.symbol, { maxFractionDigits: token.decimals })
    : dmc(amount);
}

/** A UTC day number argument as "day 2026-01-01". */
function day(args: readonly unknown[], index: number): string {
  return `day ${formatDay(Number(bigintAt(args, index)))}`;
}

function certificate(args: readonly unknown[], index: number): string {
  return formatTokenId(bigintAt(args, index));
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
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
