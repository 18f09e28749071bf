// anvil with DMEX deployed, for tests: the pooled anvil (anvil.ts) with the saved deployed chain
// (chainSnapshot.ts) loaded into it.
import type { Deployment } from "@dmex/contracts/node";
import type { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll } from "vitest";

import { type AnvilOptions, type AnvilProcess, acquireAnvil, rpc } from "./anvil.js";
import { AnvilProvider } from "./anvilProvider.js";
import { deployTo, localChainSnapshot } from "./chainSnapshot.js";

/** A fresh anvil with DMEX deployed by the real forge script, and a provider on it. */
export interface LocalChain<D = Deployment> {
  readonly anvil: AnvilProcess;
  readonly deployment: D;
  readonly provider: JsonRpcProvider;
}

/**
 * How a caller sees the chain: its type of deployment record and its provider. The SDK's tests check the record
 * with the SDK's `parseDeployment` and estimate gas with its margin (packages/sdk/test/localChain.ts); this
 * package cannot import the SDK, which depends on it for its tests.
 */
export interface ChainView<D> {
  parse(record: Deployment): D;
  provider(url: string, chainId: number): JsonRpcProvider;
}

/** The deployment record as the deploy step wrote it, and an AnvilProvider without a gas margin. */
export const RAW_CHAIN: ChainView<Deployment> = {
  parse: (record) => record,
  provider: (url, chainId) => new AnvilProvider(url, chainId),
};

/**
 * Starts anvil with DMEX deployed: on the local chain id, the state the real deploy script made, saved once
 * and loaded here (see chainSnapshot.ts); on another chain id, a deployment of its own.
 */
export async function startLocalChain<D>(
  view: ChainView<D>,
  options: AnvilOptions = {},
): Promise<Omit<LocalChain<D>, "provider">> {
  const anvil = await acquireAnvil(options);
  try {
    if ((options.chainId ?? 31337) !== 31337)
      return { anvil, deployment: view.parse(await deployTo(anvil.url)) };
    const { state, deployment } = await localChainSnapshot();
    await rpc(anvil.url, "anvil_loadState", [state]);
    await moveClockPastHead(anvil.url);
    return { anvil, deployment: view.parse(deployment) };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/**
 * Test fixture: starts anvil with DMEX deployed ({@link startLocalChain}) before the enclosing `describe`
 * block's tests, stops it after. Read the fields inside tests (they exist once `beforeAll` has run).
 */
export function useLocalChain<D>(view: ChainView<D>, options: AnvilOptions = {}): LocalChain<D> {
  let current: LocalChain<D> | undefined;
  beforeAll(async () => {
    const { anvil, deployment } = await startLocalChain(view, options);
    current = { anvil, deployment, provider: view.provider(anvil.url, options.chainId ?? 31337) };
  });
  afterAll(async () => {
    current?.provider.destroy();
    await current?.anvil.stop();
  });
  const get = (): LocalChain<D> => {
    if (!current) throw new Error("useLocalChain: the chain is only available inside tests");
    return current;
  };
  return {
    get anvil() {
      return get().anvil;
    },
    get deployment() {
      return get().deployment;
    },
    get provider() {
      return get().provider;
    },
  };
}

/**
 * Mines one block at least a second after the loaded chain's head (and not before the wall clock). On a pooled
 * anvil that an earlier file moved days ahead and then reset, blocks mined after `anvil_loadState` of a
 * snapshot deployed seconds before could carry the deployment's own timestamp: the DMC supply and votes, which
 * are checkpointed by timestamp, then read 0 "one second ago" (a proposal's quorum of 0, Defeated).
 */
async function moveClockPastHead(url: string): Promise<void> {
  const head = (await rpc(url, "eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  const next = Math.max(Number(head.timestamp) + 1, Math.floor(Date.now() / 1000));
  await rpc(url, "evm_setNextBlockTimestamp", [next]);
  await rpc(url, "evm_mine", []);
}
