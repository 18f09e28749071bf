// A fresh anvil with DMEX deployed (the SDK's saved local chain) and the embedded indexer running this
// package's `graph build` output against it, for tests that drive the protocol and compare the subgraph's
// entities with the chain.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { type Indexer, type IndexerOptions, type Logger, startIndexer } from "@dmex/indexer";
import type { Deployment } from "@dmex/sdk";
import { type LocalChain, startLocalChain } from "@dmex/sdk-test/localChain";
import type { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll } from "vitest";
import { parse as parseYaml } from "yaml";
import { testProvider } from "./provider.js";

/** The subgraph package's folder; `pnpm run build` (turbo runs it before the tests) wrote build/ there. */
export const SUBGRAPH_DIR = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Also a LocalChain, so the SDK's test worlds (vaultWorld, marketWorld) run on it. */
export interface IndexedChain extends LocalChain {
  readonly rpcUrl: string;
  readonly deployment: Deployment;
  readonly provider: JsonRpcProvider;
  readonly indexer: Indexer;
  /** The indexer's SQLite file. */
  readonly db: string;
  /** Waits until the indexer has committed the chain's current head; returns that block number. */
  sync(): Promise<number>;
  /** A GraphQL query against the subgraph; throws on GraphQL errors. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Stops the indexer (not the chain) and starts a new one on the same database. */
  restartIndexer(): Promise<void>;
}

/** Lines the indexer logs, kept for assertions and printed when a test fails to explain it. */
export interface RecordedLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(): RecordedLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`INFO  ${m}`),
    warn: (m) => lines.push(`WARN  ${m}`),
    error: (m) => lines.push(`ERROR ${m}`),
  };
}

/**
 * Fails unless the built manifest's data sources point at the addresses and deployment blocks of
 * `deployment`: the build renders the manifest from packages/contracts/deployments/31337.json, and the tests'
 * chain must be that deployment (a later start block would skip the contract's first events).
 */
export function assertBuildMatches(deployment: Deployment): void {
  const manifest = join(SUBGRAPH_DIR, "build", "subgraph.yaml");
  const parsed = parseYaml(readFileSync(manifest, "utf8")) as {
    dataSources: { name: string; source: { address: string; startBlock: number } }[];
  };
  const contracts: Record<string, { address: string; blockNumber?: number } | undefined> =
    deployment.contracts;
  for (const ds of parsed.dataSources) {
    const deployed = contracts[ds.name];
    if (
      deployed?.address.toLowerCase() !== ds.source.address.toLowerCase() ||
      deployed.blockNumber !== ds.source.startBlock
    ) {
      throw new Error(
        `${manifest}: data source ${ds.name} is at ${ds.source.address} from block ${ds.source.startBlock}, ` +
          `but the test chain has it at ${deployed?.address ?? "no address"} in block ${deployed?.blockNumber}; ` +
          "rebuild the subgraph (pnpm turbo run build --filter=@dmex/subgraph) after the contracts changed",
      );
    }
  }
}

export function indexerOptions(rpc: string, db: string, logger: Logger): IndexerOptions {
  return {
    subgraph: SUBGRAPH_DIR,
    rpc,
    db,
    port: 0,
    confirmations: 0,
    pollIntervalMs: 50,
    logger,
    name: "dmex",
  };
}

/**
 * Test fixture: before the enclosing `describe` block's tests, a fresh deployed anvil and an indexer on it;
 * after them, both stopped and the database removed.
 */
export function useIndexedChain(): IndexedChain & { readonly logger: RecordedLogger } {
  let chain: Awaited<ReturnType<typeof startLocalChain>> | undefined;
  let provider: JsonRpcProvider | undefined;
  let indexer: Indexer | undefined;
  let dir: string | undefined;
  const logger = recordingLogger();

  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useIndexedChain: only available inside tests");
    return value;
  };
  const db = (): string => join(need(dir), "dmex.sqlite");

  beforeAll(async () => {
    chain = await startLocalChain();
    assertBuildMatches(chain.deployment);
    provider = testProvider(chain.anvil.url);
    dir = mkdtempSync(join(tmpdir(), "dmex-subgraph-"));
    indexer = await startIndexer(indexerOptions(chain.anvil.url, db(), logger));
  });
  afterAll(async () => {
    await indexer?.stop();
    provider?.destroy();
    await chain?.anvil.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const self = {
    logger,
    get anvil() {
      return need(chain).anvil;
    },
    get rpcUrl() {
      return need(chain).anvil.url;
    },
    get deployment() {
      return need(chain).deployment;
    },
    get provider() {
      return need(provider);
    },
    get indexer() {
      return need(indexer);
    },
    get db() {
      return db();
    },
    async sync() {
      const head = await need(provider).getBlockNumber();
      await need(indexer).waitForBlock(head, { timeoutMs: 120_000 });
      return head;
    },
    async query<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const response = await need(indexer).query(query, variables);
      if (response.errors && response.errors.length > 0) {
        throw new Error(`GraphQL errors: ${response.errors.map((e) => e.message).join("; ")}\n${query}`);
      }
      if (!response.data) throw new Error("GraphQL answered without data");
      return response.data as T;
    },
    async restartIndexer() {
      await need(indexer).stop();
      indexer = await startIndexer(indexerOptions(need(chain).anvil.url, db(), logger));
    },
  };
  return self;
}
