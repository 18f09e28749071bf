import { AbiCoder, type BytesLike, getAddress, hexlify, id, keccak256 } from "ethers";

import { InvalidProposalError } from "../errors.js";

/** One call the timelock makes when a proposal executes. */
export interface ProposalAction {
  /** The contract called (checksummed address). */
  readonly target: string;
  /** Wei sent with the call, from the timelock's balance. */
  readonly value: bigint;
  /** ABI-encoded call data (selector and arguments). */
  readonly calldata: string;
}

/** A governance proposal as OpenZeppelin's Governor identifies it: its actions and its description. */
export interface Proposal {
  readonly actions: readonly ProposalAction[];
  /** Markdown; the first line is the title Tally shows. Part of the proposal id. */
  readonly description: string;
}

/**
 * What a typed binding's `contract.method.populateTransaction(...args)` resolves to (ethers'
 * `ContractTransaction`); only the fields an action needs.
 */
export interface PopulatedCall {
  readonly to: string;
  readonly data: string;
  readonly value?: bigint | null;
}

/**
 * Turns a call populated by a typechain binding into a proposal action, so that the action's target,
 * function and arguments are checked by the bindings' types.
 *
 * @example
 * ```ts
 * const action = actionFromTx(
 *   await dmcToken.transfer.populateTransaction(recipient, parseUnits("10000", 18)),
 * );
 * ```
 */
export function actionFromTx(populated: PopulatedCall): ProposalAction {
  return {
    target: getAddress(populated.to),
    value: populated.value ?? 0n,
    calldata: hexlify(populated.data),
  };
}

/**
 * A proposal of `actions` (executed in order, atomically) with `description`. Throws
 * {@link InvalidProposalError} for no actions or an empty description, which the Governor would refuse
 * or Tally could not title.
 *
 * @example
 * ```ts
 * const proposal = buildProposal(
 *   [await approveApplicationAction(minerRegistry, 1n, 100n, parseUnits("10000", 18))],
 *   "# Approve miner #1\n\n100 TiB, 10,000 DMC stake",
 * );
 * ```
 */
export function buildProposal(actions: readonly ProposalAction[], description: string): Proposal {
  if (actions.length === 0) throw new InvalidProposalError("it has no actions");
  if (description.trim() === "") throw new InvalidProposalError("the description is empty");
  return { actions: actions.map((action) => ({ ...action })), description };
}

/**
 * keccak256 of the description's UTF-8 bytes: the `descriptionHash` that `queue`, `execute` and `cancel`
 * take, exactly as the Governor's `propose` computes it.
 *
 * @example
 * ```ts
 * hashDescription("# Approve miner #1"); // "0x…" (32 bytes)
 * ```
 */
export function hashDescription(description: string): string {
  return id(description);
}

/**
 * The proposal id, computed offline exactly as OpenZeppelin's `Governor.hashProposal`:
 * `uint256(keccak256(abi.encode(targets, values, calldatas, descriptionHash)))`.
 *
 * @example
 * ```ts
 * const proposalId = computeProposalId(proposal);
 * await governor.state(proposalId); // once proposed
 * ```
 */
export function computeProposalId(proposal: Proposal): bigint {
  const { targets, values, calldatas } = proposalArrays(proposal);
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["address[]", "uint256[]", "bytes[]", "bytes32"],
    [targets, values, calldatas, hashDescription(proposal.description)],
  );
  return BigInt(keccak256(encoded));
}

/**
 * The parallel arrays the Governor's `propose`, `queue`, `execute` and `cancel` take.
 *
 * @example
 * ```ts
 * const { targets, values, calldatas } = proposalArrays(proposal);
 * await governor.hashProposal(targets, values, calldatas, hashDescription(proposal.description));
 * ```
 */
export function proposalArrays(proposal: Proposal): {
  targets: string[];
  values: bigint[];
  calldatas: BytesLike[];
} {
  return {
    targets: proposal.actions.map((action) => action.target),
    values: proposal.actions.map((action) => action.value),
    calldatas: proposal.actions.map((action) => action.calldata),
  };
}
