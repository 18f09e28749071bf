import type { BigNumberish, ContractTransactionReceipt } from "ethers";
import type { ApplicationParamsStruct, MinerRegistry } from "../generated/typechain/MinerRegistry.js";
import { actionFromTx, type ProposalAction } from "../governance/proposal.js";
import {
  callDecoded,
  firstEvent,
  requireSender,
  sendAndWait,
  sourcesFirst,
  withGasMargin,
} from "../transaction.js";
import { type ApplicationStatus, applicationStatusName } from "./status.js";

const SOURCES = sourcesFirst("MinerRegistry");

/** What a miner submits (the registry's `ApplicationParams`, typed by the bindings). */
export type ApplicationParams = ApplicationParamsStruct;

/** What {@link submitApplication} returns. */
export interface SubmitApplicationResult {
  /** From the `ApplicationSubmitted` event. */
  readonly applicationId: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Applies to sell hashrate, from the registry's signer (the miner). Throws `ContractRevertError`, e.g.
 * `MinerRegistry_ApplicationPending` or `MinerRegistry_CoinInactive`.
 *
 * @example
 * ```ts
 * const { applicationId } = await submitApplication(minerRegistry, {
 *   profileURI: "ipfs://bafy…/profile.json",
 *   contentHash: keccak256(profileBytes),
 *   coinId: 1n,
 *   capacityUnits: 100n,
 *   maxTermDays: 360,
 *   expectedYieldPerUnit: parseUnits("0.005", 18),
 * });
 * ```
 */
export async function submitApplication(
  registry: MinerRegistry,
  params: ApplicationParams,
): Promise<SubmitApplicationResult> {
  requireSender(registry, "submitApplication");
  const receipt = await sendAndWait(withGasMargin(registry.submitApplication, params), SOURCES);
  const submitted = firstEvent(receipt, registry, registry.getEvent("ApplicationSubmitted"));
  return { applicationId: submitted.args.applicationId, receipt };
}

/**
 * The proposal action approving an application (`approveApplication`, owner = timelock only): the miner
 * gets `capacityUnits` and must stake `requiredStake` DMC (wei) within the approval window.
 *
 * @example
 * ```ts
 * const action = await approveApplicationAction(minerRegistry, applicationId, 100n, parseUnits("10000", 18));
 * await propose(governor, buildProposal([action], "# Approve miner #1"));
 * ```
 */
export async function approveApplicationAction(
  registry: MinerRegistry,
  applicationId: BigNumberish,
  capacityUnits: BigNumberish,
  requiredStake: BigNumberish,
): Promise<ProposalAction> {
  return actionFromTx(
    await registry.approveApplication.populateTransaction(applicationId, capacityUnits, requiredStake),
  );
}

/**
 * The proposal action rejecting an application (`rejectApplication`); the miner's status goes back to
 * None and it may apply again.
 *
 * @example
 * ```ts
 * const action = await rejectApplicationAction(minerRegistry, applicationId, "Capacity not proven");
 * ```
 */
export async function rejectApplicationAction(
  registry: MinerRegistry,
  applicationId: BigNumberish,
  reason: string,
): Promise<ProposalAction> {
  return actionFromTx(await registry.rejectApplication.populateTransaction(applicationId, reason));
}

/** An application as the registry stores it. */
export interface ApplicationDetails {
  readonly applicationId: bigint;
  readonly applicant: string;
  readonly status: ApplicationStatus;
  readonly maxTermDays: number;
  /** Unix seconds. */
  readonly submittedAt: number;
  /** Unix seconds of the approval, rejection or withdrawal; 0 while pending. */
  readonly decidedAt: number;
  readonly coinId: bigint;
  /** As asked; the capacity approved is in the miner's record. */
  readonly capacityUnits: bigint;
  readonly expectedYieldPerUnit: bigint;
  readonly contentHash: string;
  readonly profileURI: string;
}

/**
 * Reads an application. Throws `ContractRevertError` (`MinerRegistry_UnknownApplication`) for an id never
 * issued.
 *
 * @example
 * ```ts
 * const { status, applicant } = await readApplication(minerRegistry, 1n);
 * ```
 */
export async function readApplication(
  registry: MinerRegistry,
  applicationId: bigint,
): Promise<ApplicationDetails> {
  const app = await callDecoded(() => registry.application(applicationId), SOURCES);
  return {
    applicationId,
    applicant: app.applicant,
    status: applicationStatusName(app.status),
    maxTermDays: Number(app.maxTermDays),
    submittedAt: Number(app.submittedAt),
    decidedAt: Number(app.decidedAt),
    coinId: app.coinId,
    capacityUnits: app.capacityUnits,
    expectedYieldPerUnit: app.expectedYieldPerUnit,
    contentHash: app.contentHash,
    profileURI: app.profileURI,
  };
}
