// Internal plumbing of the write helpers: send, wait, decode reverts, find events. Not exported by the SDK.
import type {
  BaseContract,
  ContractRunner,
  ContractTransactionReceipt,
  ContractTransactionResponse,
} from "ethers";

import { DmexError, SignerRequiredError } from "./errors.js";
import type { TypedContractEvent, TypedLogDescription } from "./generated/typechain/common.js";
import { DMEX_REVERT_SOURCES, decodeRevert, type RevertSources } from "./revert.js";
import type { RevertContext } from "./revert-messages.js";

/** The DMEX ABIs with `first` (the contract called) first, so that shared errors are attributed to it. */
export function sourcesFirst(first: keyof typeof DMEX_REVERT_SOURCES): RevertSources {
  const primary = DMEX_REVERT_SOURCES[first];
  return primary ? { [first]: primary, ...DMEX_REVERT_SOURCES } : DMEX_REVERT_SOURCES;
}

/**
 * Sends a transaction, waits for its receipt and throws reverts as `ContractRevertError` (whether the
 * node refused it while estimating gas or it reverted once mined).
 */
export async function sendAndWait(
  send: () => Promise<ContractTransactionResponse>,
  sources: RevertSources,
  context: RevertContext = {},
): Promise<ContractTransactionReceipt> {
  let receipt: ContractTransactionReceipt | null;
  try {
    receipt = await (await send()).wait();
  } catch (error) {
    throw decodeRevert(error, sources, context) ?? error;
  }
  // wait() resolves null only when asked for 0 confirmations, which it is not here.
  if (!receipt) throw new DmexError("UNEXPECTED_RESPONSE", "The node returned no receipt");
  return receipt;
}

/** A read whose reverts are thrown as `ContractRevertError`. */
export async function callDecoded<T>(
  call: () => Promise<T>,
  sources: RevertSources,
  context: RevertContext = {},
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw decodeRevert(error, sources, context) ?? error;
  }
}

/** The address of the signer a contract is connected to; {@link SignerRequiredError} without one. */
export async function signerAddress(contract: BaseContract, action: string): Promise<string> {
  const runner: ContractRunner | null = contract.runner;
  if (!runner || typeof runner.sendTransaction !== "function" || !("getAddress" in runner)) {
    throw new SignerRequiredError(action);
  }
  const getAddress: unknown = runner.getAddress;
  if (typeof getAddress !== "function") throw new SignerRequiredError(action);
  const address: unknown = await getAddress.call(runner);
  if (typeof address !== "string") throw new SignerRequiredError(action);
  return address;
}

/** Fails early, with a typed error, when a write helper gets a read-only contract. */
export function requireSender(contract: BaseContract, action: string): void {
  if (typeof contract.runner?.sendTransaction !== "function") throw new SignerRequiredError(action);
}

/** The logs of `event` that `contract` emitted in `receipt`, decoded with the binding's types. */
export function eventsIn<TEvent extends TypedContractEvent>(
  receipt: ContractTransactionReceipt,
  contract: BaseContract,
  event: TEvent,
): TypedLogDescription<TEvent>[] {
  const topic = event.fragment.topicHash;
  const found: TypedLogDescription<TEvent>[] = [];
  for (const log of receipt.logs) {
    if (log.topics[0] !== topic) continue;
    if (typeof contract.target === "string" && log.address.toLowerCase() !== contract.target.toLowerCase()) {
      continue;
    }
    const parsed = contract.interface.parseLog(log);
    // parseLog decodes with the binding's own ABI, so the args have the shape typechain declares.
    if (parsed) found.push(parsed as unknown as TypedLogDescription<TEvent>);
  }
  return found;
}

/** The first log of `event` in `receipt`; a typed error when the contract did not emit it. */
export function firstEvent<TEvent extends TypedContractEvent>(
  receipt: ContractTransactionReceipt,
  contract: BaseContract,
  event: TEvent,
): TypedLogDescription<TEvent> {
  const [first] = eventsIn(receipt, contract, event);
  if (!first) {
    throw new DmexError(
      "UNEXPECTED_RESPONSE",
      `Transaction ${receipt.hash} emitted no ${event.fragment.name} event`,
    );
  }
  return first;
}
