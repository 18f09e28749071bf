import type { ContractTransactionReceipt, Signer, TypedDataDomain } from "ethers";

import type { DmexGovernor } from "../generated/typechain/index.js";
import {
  callDecoded,
  firstEvent,
  requireSender,
  sendAndWait,
  sourcesFirst,
  withGasMargin,
} from "../transaction.js";
import { supportValue, type VoteSupport } from "./support.js";

const SOURCES = sourcesFirst("DmexGovernor");

/** What a cast vote did, from its `VoteCast` event. */
export interface VoteResult {
  readonly voter: string;
  readonly support: VoteSupport;
  /** Votes counted: the voter's delegated DMC at the proposal's snapshot. */
  readonly weight: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/** A vote signed for `castVoteBySig`, ready for anyone to relay. */
export interface SignedBallot {
  readonly proposalId: bigint;
  readonly support: VoteSupport;
  readonly voter: string;
  /** The Governor's nonce of the voter the signature used; it is spent when the vote is cast. */
  readonly nonce: bigint;
  readonly signature: string;
}

/** OpenZeppelin Governor's EIP-712 `Ballot` type. */
const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/**
 * Votes from the governor's signer (`castVote`, or `castVoteWithReason` when `reason` is given).
 * Throws `ContractRevertError`, e.g. `GovernorUnexpectedProposalState` outside the voting period or
 * `GovernorAlreadyCastVote`.
 *
 * @example
 * ```ts
 * const { weight } = await castVote(governor, proposalId, "for", "Good hardware, fair stake");
 * ```
 */
export async function castVote(
  governor: DmexGovernor,
  proposalId: bigint,
  support: VoteSupport,
  reason?: string,
): Promise<VoteResult> {
  requireSender(governor, "castVote");
  const value = supportValue(support);
  const receipt = await sendAndWait(
    reason === undefined
      ? withGasMargin(governor.castVote, proposalId, value)
      : withGasMargin(governor.castVoteWithReason, proposalId, value, reason),
    SOURCES,
  );
  return voteResult(governor, receipt, support);
}

/**
 * Signs a vote as `signer` (EIP-712 `Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)`
 * under the domain the Governor reports through `eip712Domain()`), without sending anything. Relay it
 * with {@link castVoteBySig} or `governor.castVoteBySig`.
 *
 * @example
 * ```ts
 * const ballot = await signBallot(governor, voterWallet, proposalId, "against");
 * ```
 */
export async function signBallot(
  governor: DmexGovernor,
  signer: Signer,
  proposalId: bigint,
  support: VoteSupport,
): Promise<SignedBallot> {
  const voter = await signer.getAddress();
  const [domain, nonce] = await callDecoded(
    () => Promise.all([governorDomain(governor), governor.nonces(voter)]),
    SOURCES,
  );
  const signature = await signer.signTypedData(domain, BALLOT_TYPES, {
    proposalId,
    support: supportValue(support),
    voter,
    nonce,
  });
  return { proposalId, support, voter, nonce, signature };
}

/**
 * Votes for `signer` with a signature, the transaction sent (and paid) by the governor's runner: a
 * relayer. The vote counts for the signer, not the relayer.
 *
 * @example
 * ```ts
 * const relayed = connect(relayerWallet, 31337).governor;
 * const { voter, weight } = await castVoteBySig(relayed, voterWallet, proposalId, "for");
 * ```
 */
export async function castVoteBySig(
  governor: DmexGovernor,
  signer: Signer,
  proposalId: bigint,
  support: VoteSupport,
): Promise<VoteResult> {
  requireSender(governor, "castVoteBySig");
  const ballot = await signBallot(governor, signer, proposalId, support);
  const receipt = await sendAndWait(
    withGasMargin(governor.castVoteBySig, proposalId, supportValue(support), ballot.voter, ballot.signature),
    SOURCES,
  );
  return voteResult(governor, receipt, support);
}

/** The EIP-712 domain from EIP-5267's `eip712Domain()`, with only the fields its bitmap declares. */
async function governorDomain(governor: DmexGovernor): Promise<TypedDataDomain> {
  const [fields, name, version, chainId, verifyingContract, salt] = await governor.eip712Domain();
  const bits = Number.parseInt(fields.slice(2), 16);
  const domain: TypedDataDomain = {};
  if (bits & 0x01) domain.name = name;
  if (bits & 0x02) domain.version = version;
  if (bits & 0x04) domain.chainId = chainId;
  if (bits & 0x08) domain.verifyingContract = verifyingContract;
  if (bits & 0x10) domain.salt = salt;
  return domain;
}

function voteResult(
  governor: DmexGovernor,
  receipt: ContractTransactionReceipt,
  support: VoteSupport,
): VoteResult {
  const cast = firstEvent(receipt, governor, governor.getEvent("VoteCast"));
  return { voter: cast.args.voter, support, weight: cast.args.weight, receipt };
}
