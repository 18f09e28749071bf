export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
export const DEFAULT_CHAIN_ID = 31337;

/** Where the page reads the chain, from the build-time environment. */
export interface AppConfig {
  readonly rpcUrl: string;
  readonly chainId: number;
}

/** The subset of `import.meta.env` the page reads; a plain object so tests need no Vite. */
export interface ConfigEnv {
  readonly VITE_RPC_URL?: string | undefined;
  readonly VITE_CHAIN_ID?: string | undefined;
  readonly VITE_SUBGRAPH_URL?: string | undefined;
}

/** A VITE_* variable holds something the page cannot use. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Reads VITE_RPC_URL and VITE_CHAIN_ID, falling back to the local stack's defaults.
 * A malformed value throws instead of falling back: silently reading another chain would be worse
 * than saying the configuration is wrong.
 */
export function readConfig(env: ConfigEnv): AppConfig {
  return { rpcUrl: readRpcUrl(env.VITE_RPC_URL), chainId: readChainId(env.VITE_CHAIN_ID) };
}

function readRpcUrl(raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) return DEFAULT_RPC_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`VITE_RPC_URL must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`VITE_RPC_URL must be an http(s) URL, got "${value}"`);
  }
  return value;
}

function readChainId(raw: string | undefined): number {
  const value = raw?.trim();
  if (!value) return DEFAULT_CHAIN_ID;
  const chainId = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new ConfigError(`VITE_CHAIN_ID must be a positive decimal integer, got "${value}"`);
  }
  return chainId;
}

/**
 * Reads VITE_SUBGRAPH_URL, the GraphQL endpoint of the DMEX subgraph (e.g.
 * http://127.0.0.1:8000/subgraphs/name/dmex, which `npm start` sets). Unset means the page has no subgraph
 * (undefined): the indexer is optional, and a page should not poll a port nobody configured. Read apart
 * from readConfig, so that a malformed value only costs the cards that use the subgraph.
 */
export function readSubgraphUrl(env: ConfigEnv): string | undefined {
  const value = env.VITE_SUBGRAPH_URL?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`VITE_SUBGRAPH_URL must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`VITE_SUBGRAPH_URL must be an http(s) URL, got "${value}"`);
  }
  return value;
}
