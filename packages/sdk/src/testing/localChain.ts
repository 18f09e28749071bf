import { type AnvilOptions, type AnvilProcess, deploy, rpc, startAnvil } from "@dmex/contracts/node";
import type { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll } from "vitest";

import { type Deployment, parseDeployment } from "../deployment.js";
import { AnvilProvider } from "./anvilProvider.js";
import { localChainSnapshot } from "./chainSnapshot.js";

/** A fresh anvil with DMEX deployed by the real forge script, and a provider on it. */
export interface LocalChain {
  readonly anvil: AnvilProcess;
  readonly deployment: Deployment;
  readonly provider: JsonRpcProvider;
}

/**
 * Starts anvil with DMEX deployed: on the local chain id, the state the real deploy script made, saved once
 * and loaded here (see chainSnapshot.ts); on another chain id, a deployment of its own.
 */
export async function startLocalChain(options: AnvilOptions = {}): Promise<Omit<LocalChain, "provider">> {
  const anvil = await startAnvil(options);
  try {
    if ((options.chainId ?? 31337) !== 31337) {
      return { anvil, deployment: parseDeployment(await deploy({ rpcUrl: anvil.url })) };
    }
    const { state, deployment } = await localChainSnapshot();
    await rpc(anvil.url, "anvil_loadState", [state]);
    return { anvil, deployment };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/**
 * Test fixture: starts anvil with DMEX deployed ({@link startLocalChain}) before the enclosing `describe`
 * block's tests, stops it after. Read the fields inside tests (they exist once `beforeAll` has run).
 */
export function useLocalChain(options: AnvilOptions = {}): LocalChain {
  let current: LocalChain | undefined;
  beforeAll(async () => {
    const { anvil, deployment } = await startLocalChain(options);
    const provider = new AnvilProvider(anvil.url, options.chainId ?? 31337);
    current = { anvil, deployment, provider };
  });
  afterAll(async () => {
    current?.provider.destroy();
    await current?.anvil.stop();
  });
  const get = (): LocalChain => {
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
