import { type AnvilOptions, type AnvilProcess, deploy, startAnvil } from "@dmex/contracts/node";
import type { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll } from "vitest";

import { type Deployment, parseDeployment } from "../deployment.js";
import { createReadProvider } from "../provider.js";

/** A fresh anvil with DMEX deployed by the real forge script, and a provider on it. */
export interface LocalChain {
  readonly anvil: AnvilProcess;
  readonly deployment: Deployment;
  readonly provider: JsonRpcProvider;
}

/**
 * Test fixture: starts anvil and deploys before the enclosing `describe` block's tests, stops both after.
 * Read the fields inside tests (they exist once `beforeAll` has run).
 */
export function useLocalChain(options: AnvilOptions = {}): LocalChain {
  let current: LocalChain | undefined;
  beforeAll(async () => {
    const anvil = await startAnvil(options);
    const deployment = parseDeployment(await deploy({ rpcUrl: anvil.url }));
    current = { anvil, deployment, provider: createReadProvider(anvil.url, options.chainId ?? 31337) };
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
