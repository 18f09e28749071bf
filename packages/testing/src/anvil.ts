// The tests' anvil. Launching stays in @dmex/contracts/node (the one launcher, which the build's deployments and
// the local stack use too); this module adds the pool of test runs: `globalSetup.ts` starts one anvil per vitest
// worker before any test file and `provide`s their URLs, and `acquireAnvil` hands a test file its worker's anvil,
// reset to an empty chain, instead of starting a process of its own (as viem's `test/` and ponder's `_test/` do).
import { type AnvilOptions, type AnvilProcess, freePort, rpc, startAnvil } from "@dmex/contracts/node";
import { HDNodeWallet, type JsonRpcProvider, Mnemonic, toQuantity, Wallet } from "ethers";

export type { AnvilOptions, AnvilProcess };
export { freePort, rpc, startAnvil };

/** The key under which `globalSetup.ts` provides the pooled anvils' URLs, one per vitest worker. */
export const ANVIL_POOL = "dmexAnvilPool";

declare module "vitest" {
  export interface ProvidedContext {
    [ANVIL_POOL]: readonly string[];
  }
}

/** Anvil's first dev accounts, unlocked, so `eth_sendTransaction` signs for them. */
export const DEV_ACCOUNTS = [
  "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
] as const;

const MNEMONIC = Mnemonic.fromPhrase("test test test test test test test test test test test junk");

/** anvil's dev account `index` of the public test mnemonic (indexes above 9 start with no ETH). */
export function anvilWallet(index: number, provider: JsonRpcProvider): Wallet {
  const node = HDNodeWallet.fromMnemonic(MNEMONIC, `m/44'/60'/0'/0/${index}`);
  return new Wallet(node.privateKey, provider);
}

/** What a test may ask of its anvil: the launcher's options and a block gas limit (set over JSON-RPC). */
export interface TestAnvilOptions extends AnvilOptions {
  blockGasLimit?: number;
}

/** A test's anvil: the launcher's handle and a JSON-RPC call on it. */
export interface TestAnvil extends AnvilProcess {
  rpc(method: string, params?: readonly unknown[]): Promise<unknown>;
}

/** anvil's block gas limit when started without `--gas-limit` (30,000,000; measured on anvil 1.7.1). */
const DEFAULT_BLOCK_GAS_LIMIT = 30_000_000;

/**
 * The options of anvil command-line arguments, for callers that spoke in arguments (the indexer's tests): only
 * those the options can express, others are refused so that nothing is silently ignored.
 */
export function anvilOptionsFromArgs(args: readonly string[]): TestAnvilOptions {
  const options: TestAnvilOptions = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = String(args[i]);
    const key = FLAGS[flag];
    if (key === undefined)
      throw new Error(
        `anvil argument ${flag} is not supported by @dmex/testing (add it to TestAnvilOptions)`,
      );
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value))
      throw new Error(`anvil argument ${flag} needs an integer, got ${args[i + 1]}`);
    options[key] = value;
  }
  return options;
}

const FLAGS: Readonly<Record<string, "blockGasLimit" | "chainId" | "blockTime">> = {
  "--gas-limit": "blockGasLimit",
  "--chain-id": "chainId",
  "--block-time": "blockTime",
};

/** Pooled anvils this worker has handed out and not yet got back. */
const leased = new Set<string>();

/**
 * An anvil for one test file: the worker's pooled one when `globalSetup.ts` provided a pool, the options ask for
 * nothing but a default chain and no other test of this worker holds it; otherwise a new process. `stop()`
 * gives a pooled anvil back (it keeps running until the run ends) and stops a new one.
 */
export async function acquireAnvil(options: TestAnvilOptions = {}): Promise<TestAnvil> {
  const { blockGasLimit, ...launch } = options;
  const anvil = await pooledOrNew(launch);
  try {
    if (blockGasLimit !== undefined)
      await rpc(anvil.url, "evm_setBlockGasLimit", [toQuantity(blockGasLimit)]);
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  return { ...anvil, rpc: (method, params = []) => rpc(anvil.url, method, [...params]) };
}

async function pooledOrNew(options: AnvilOptions): Promise<AnvilProcess> {
  const pooled = isDefaultChain(options) ? await poolUrl() : undefined;
  if (pooled === undefined || leased.has(pooled)) return startAnvil(options);
  leased.add(pooled);
  try {
    await resetAnvil(pooled);
  } catch (error) {
    leased.delete(pooled);
    throw error;
  }
  return {
    url: pooled,
    port: Number(new URL(pooled).port),
    pid: undefined,
    async stop() {
      leased.delete(pooled);
    },
  };
}

/**
 * Empties a running anvil as if it had just started: `anvil_reset` drops the chain and the time offset but keeps
 * the mining mode and the block gas limit, which a previous test file may have changed.
 */
export async function resetAnvil(url: string): Promise<void> {
  await rpc(url, "anvil_reset", []);
  // Interval 0 switches mining off altogether, so automine is switched back on after it.
  await rpc(url, "evm_setIntervalMining", [0]);
  await rpc(url, "evm_setAutomine", [true]);
  await rpc(url, "evm_setBlockGasLimit", [toQuantity(DEFAULT_BLOCK_GAS_LIMIT)]);
}

function isDefaultChain(options: AnvilOptions): boolean {
  return (
    options.port === undefined &&
    (options.chainId ?? 31337) === 31337 &&
    !options.blockTime &&
    options.silent !== false
  );
}

/** This worker's pooled anvil, or undefined outside vitest or without the pool's globalSetup. */
async function poolUrl(): Promise<string | undefined> {
  const poolId = Number(process.env.VITEST_POOL_ID);
  if (!Number.isInteger(poolId) || poolId < 1) return undefined;
  const { inject } = await import("vitest");
  const pool = inject(ANVIL_POOL) as readonly string[] | undefined;
  // A worker without an anvil of its own (the pool was sized for fewer) starts one: sharing would mix two files.
  return pool?.[poolId - 1];
}
