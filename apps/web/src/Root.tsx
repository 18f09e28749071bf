import { createReadProvider } from "@dmex/sdk";
import { useMemo } from "react";

import { App } from "./App";
import { ErrorNotice } from "./components/ErrorNotice";
import { Page } from "./components/Page";
import type { ConfigEnv } from "./config";
import { readConfig } from "./config";
import type { DmexEnvironment } from "./DmexEnvironment";
import { DmexEnvironmentProvider } from "./DmexEnvironment";

export const POLL_INTERVAL_MS = 2_000;
/** How long a chain read may take before the chain counts as unreachable. */
export const RPC_TIMEOUT_MS = 5_000;
/** Long enough for an extension's content script to answer, short enough not to be noticed. */
export const WALLET_DISCOVERY_MS = 500;

type Setup = { readonly environment: DmexEnvironment } | { readonly error: unknown };

function setUp(env: ConfigEnv): Setup {
  try {
    const { rpcUrl, chainId } = readConfig(env);
    return {
      environment: {
        rpcUrl,
        chainId,
        readProvider: createReadProvider(rpcUrl, chainId, { timeoutMs: RPC_TIMEOUT_MS }),
        pollIntervalMs: POLL_INTERVAL_MS,
        walletDiscoveryMs: WALLET_DISCOVERY_MS,
      },
    };
  } catch (error) {
    return { error };
  }
}

/** The app wired to the real chain, or, when the VITE_* variables are unusable, a page saying which. */
export function Root({ env }: { readonly env: ConfigEnv }) {
  // Memoized so that re-renders keep one provider (and its connection) instead of making new ones.
  const setup = useMemo(() => setUp(env), [env]);
  if ("error" in setup) {
    return (
      <Page>
        <ErrorNotice error={setup.error} />
      </Page>
    );
  }
  return (
    <DmexEnvironmentProvider value={setup.environment}>
      <App />
    </DmexEnvironmentProvider>
  );
}
