// Plumbing of the write helpers: estimate, send, wait, decode reverts, find events. Only waitForReceipt,
// withGasMargin and gasLimitFor are exported.
import type {
  BaseContract,
  BaseContractMethod,
  ContractRunner,
  ContractTransactionReceipt,
  ContractTransactionResponse,
  TransactionReceipt,
  TransactionResponse,
} from "ethers";

import { DmexError, SignerRequiredError } from "./errors.js";
import type {
  TypedContractEvent,
  TypedContractMethod,
  TypedLogDescription,
} from "./generated/typechain/common.js";
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
  send: GasMarginedSend,
  sources: RevertSources,
  context: RevertContext = {},
): Promise<ContractTransactionReceipt> {
  let receipt: ContractTransactionReceipt | null;
  try {
    receipt = await waitForReceipt(await send());
  } catch (error) {
    throw decodeRevert(error, sources, context) ?? error;
  }
  // wait() resolves null only when asked for 0 confirmations, which it is not here.
  if (!receipt) throw new DmexError("UNEXPECTED_RESPONSE", "The node returned no receipt");
  return receipt;
}

/**
 * Gas every write may use beyond the node's estimate, fixed part. An estimate is made against the latest block,
 * but the transaction runs in a later one, and some writes cost more there: the first primary sale of a new day
 * creates the day's sale checkpoint, and a DMC transfer (a stake) in a later second than its holder's last vote
 * checkpoint writes a new checkpoint instead of updating it, each about 20,000 gas more per slot. Only the gas
 * used is paid; the margin costs nothing unless the transaction needs it.
 */
const GAS_HEADROOM = 50_000n;

/** The gas limit the write helpers send with: the estimate, plus a fifth of it, plus {@link GAS_HEADROOM}. */
export function gasLimitFor(estimate: bigint): bigint {
  return estimate + estimate / 5n + GAS_HEADROOM;
}

declare const MARGINED: unique symbol;

/** A send made by {@link withGasMargin}, the only kind {@link sendAndWait} takes, so that no write forgets it. */
export type GasMarginedSend = (() => Promise<ContractTransactionResponse>) & { readonly [MARGINED]: true };

/**
 * A send of `method(...args)` for {@link sendAndWait} that estimates the gas first and sends with
 * {@link gasLimitFor} of it, so that a state change between the estimate and the block that mines it (a new day,
 * a new second) does not run the transaction out of gas. A revert while estimating is thrown as the node gave
 * it, for `sendAndWait` to decode.
 */
export function withGasMargin<A extends unknown[]>(
  method: TypedContractMethod<A, unknown, "nonpayable">,
  ...args: A
): GasMarginedSend {
  // typechain's argument types cannot follow a generic spread; ethers' own method type takes any arguments.
  const call = method as unknown as BaseContractMethod<unknown[], unknown, ContractTransactionResponse>;
  const send = async () => {
    const estimate = await call.estimateGas(...args);
    return call(...args, { gasLimit: gasLimitFor(estimate) });
  };
  return send as GasMarginedSend;
}

/** The first pause between receipt polls; it doubles up to the provider's polling interval. */
const FIRST_RECEIPT_POLL_MS = 10;

/**
 * `response.wait()` without its blind spot. ethers checks for the receipt once, then waits for a block after
 * the one its block poller first sees; a transaction mined between the two (a node may answer the hash a few
 * milliseconds before the receipt exists, as anvil does) is only noticed when another block comes, which on
 * a chain that mines on demand (anvil, the local stack) may be never. Here the receipt is polled until it
 * exists, then `wait()` (which finds it at once) decodes a revert. Once the sender's nonce has moved past
 * the transaction without a receipt, it was replaced, and `wait()` finds the replacement.
 */
export async function waitForReceipt<R extends TransactionReceipt>(
  response: Pick<TransactionResponse, "hash" | "from" | "nonce" | "provider"> & {
    wait(): Promise<R | null>;
  },
): Promise<R | null> {
  const { provider } = response;
  const interval: unknown = (provider as { pollingInterval?: unknown }).pollingInterval;
  const maxPause = typeof interval === "number" && interval > 0 ? interval : 4_000;
  let pause = Math.min(FIRST_RECEIPT_POLL_MS, maxPause);
  for (;;) {
    if ((await provider.getTransactionReceipt(response.hash)) !== null) return response.wait();
    if ((await provider.getTransactionCount(response.from, "latest")) > response.nonce) {
      return response.wait();
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, maxPause);
  }
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
