import type { JsonRpcProvider } from "ethers";
import type { ReactNode } from "react";
import { createContext, useContext } from "react";

/**
 * Everything the hooks need from outside React: where the chain is and how often to look. It is the one
 * seam where tests put a fake node in place of the real one; the hooks and the SDK run unchanged.
 */
export interface DmexEnvironment {
  readonly rpcUrl: string;
  /** The chain the page is built for; the node must report the same id. */
  readonly chainId: number;
  /** Times out its own requests (see createReadProvider), so a silent node reads as unreachable. */
  readonly readProvider: JsonRpcProvider;
  /** How often the latest block, the supply and the balance are read again. */
  readonly pollIntervalMs: number;
  /** How long wallets get to answer the EIP-6963 request before the page calls itself read-only. */
  readonly walletDiscoveryMs: number;
}

const DmexEnvironmentContext = createContext<DmexEnvironment | null>(null);

export function DmexEnvironmentProvider({
  value,
  children,
}: {
  value: DmexEnvironment;
  children: ReactNode;
}) {
  return <DmexEnvironmentContext value={value}>{children}</DmexEnvironmentContext>;
}

export function useDmexEnvironment(): DmexEnvironment {
  const environment = useContext(DmexEnvironmentContext);
  if (!environment) throw new Error("useDmexEnvironment needs a <DmexEnvironmentProvider> above it");
  return environment;
}
