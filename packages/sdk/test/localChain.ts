// The SDK's view of @dmex/testing's deployed local chain: the deployment record checked and typed by the SDK's
// `parseDeployment`, and a provider whose gas estimates carry the SDK's write margin, so that the tests' own
// ethers sends are as safe as the SDK's (see AnvilProvider in @dmex/testing).
import type { AnvilOptions } from "@dmex/testing/anvil";
import { AnvilProvider } from "@dmex/testing/anvilProvider";
import {
  type LocalChain as ChainOf,
  type ChainView,
  startLocalChain as startChain,
  useLocalChain as useChain,
} from "@dmex/testing/localChain";

import { type Deployment, parseDeployment } from "../src/deployment.js";
import { gasLimitFor } from "../src/transaction.js";

export type LocalChain = ChainOf<Deployment>;

/** An AnvilProvider on `url` that estimates gas with the SDK's margin ({@link gasLimitFor}). */
export function testProvider(url: string, chainId = 31337): AnvilProvider {
  return new AnvilProvider(url, chainId, gasLimitFor);
}

const SDK_CHAIN: ChainView<Deployment> = { parse: parseDeployment, provider: testProvider };

/** anvil with DMEX deployed, its record parsed by the SDK (see @dmex/testing's startLocalChain). */
export function startLocalChain(options: AnvilOptions = {}): Promise<Omit<LocalChain, "provider">> {
  return startChain(SDK_CHAIN, options);
}

/** Test fixture: anvil with DMEX deployed for the enclosing `describe` block (see @dmex/testing). */
export function useLocalChain(options: AnvilOptions = {}): LocalChain {
  return useChain(SDK_CHAIN, options);
}
