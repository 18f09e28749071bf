// Broadcasts script/Deploy.s.sol with forge and turns forge's broadcast record into a deployment record:
// deployments/<chainId>.json, which the SDK and the subgraph are generated from.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { getAddress } from "ethers";

import { foundryBinary } from "../bin/foundry.mjs";
import { rpc } from "./anvil.mjs";

export const CONTRACTS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEPLOYMENTS_DIR = join(CONTRACTS_ROOT, "deployments");
export const LOCAL_CHAIN_ID = 31337;

// anvil's dev account 0: a public test key, valid for local chains only.
const ANVIL_DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** Network names the subgraph manifest uses, by chain id. */
export const NETWORK_NAMES = { 31337: "localhost" };

/** The deploy script's role table (`DMEX role table` and the lines after it) in forge's output. */
export function roleTable(output) {
  const lines = output.split("\n").map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith("DMEX role table"));
  if (start < 0) return "";
  const end = lines.findIndex((line, i) => i > start && line === "");
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/**
 * Deploys every DMEX contract to `rpcUrl` and returns the deployment record.
 *
 * On any chain but the local one, the script first runs without sending anything and `review` receives its
 * role table (every role holder, as the deployment would set it); only if it returns true is the deployment
 * sent. Without `review` a public deployment is refused. The script itself refuses a public deployment that
 * does not name every role holder (see script/Deploy.s.sol).
 * @param {{ rpcUrl: string, privateKey?: string, env?: Record<string, string>, quiet?: boolean, review?: (table: string) => boolean | Promise<boolean> }} options
 */
export async function deploy({ rpcUrl, privateKey, env = {}, quiet = true, review }) {
  const chainId = Number(await rpc(rpcUrl, "eth_chainId"));
  const key =
    privateKey ??
    process.env.DEPLOYER_PRIVATE_KEY ??
    (chainId === LOCAL_CHAIN_ID ? ANVIL_DEPLOYER_KEY : undefined);
  if (!key) throw new Error(`chain ${chainId} is not local: set DEPLOYER_PRIVATE_KEY to deploy there`);

  // A private broadcast folder, so that concurrent deployments (tests, the local stack) never share files.
  const scratch = await mkdtemp(join(tmpdir(), "dmex-deploy-"));
  try {
    // Start from a copy of the build's compiler cache: with an empty one forge would recompile everything
    // (tens of seconds) on every deployment.
    await cp(join(CONTRACTS_ROOT, "cache"), join(scratch, "cache"), {
      recursive: true,
      filter: (source) => !/[/\\]cache[/\\](coverage|lint)/.test(source),
    }).catch(() => {});
    const options = {
      cwd: CONTRACTS_ROOT,
      env: {
        ...process.env,
        ...env,
        // The key goes through the environment, not argv, where other users of the machine could read it.
        DMEX_DEPLOYER_KEY: key,
        FOUNDRY_BROADCAST: join(scratch, "broadcast"),
        FOUNDRY_CACHE_PATH: join(scratch, "cache"),
      },
    };
    const script = ["script", "script/Deploy.s.sol:Deploy", "--rpc-url", rpcUrl];
    if (chainId !== LOCAL_CHAIN_ID) {
      // A dry run first: nothing is sent until someone has read who will hold which role.
      const table = roleTable(await run(foundryBinary("forge"), script, options));
      if (!table) throw new Error("the deploy script printed no role table");
      if (!review || !(await review(table))) {
        throw new Error(`deployment to chain ${chainId} not confirmed after review of:\n${table}`);
      }
    }
    // --slow: one transaction at a time, each mined before the next is sent, so that every contract lands in
    // the same block on every fresh chain (the subgraph's start blocks come from the build's deployment).
    const output = await run(foundryBinary("forge"), [...script, "--broadcast", "--slow"], options);
    if (!quiet) process.stdout.write(output);
    const record = JSON.parse(
      await readFile(join(scratch, "broadcast", "Deploy.s.sol", String(chainId), "run-latest.json"), "utf8"),
    );
    // Block numbers come from the node: the receipts forge writes into its broadcast record can disagree
    // with the chain (seen with anvil's automine: a later nonce reported in an earlier block).
    const receipts = await Promise.all(
      record.transactions.map((tx) => rpc(rpcUrl, "eth_getTransactionReceipt", [tx.hash])),
    );
    return toDeployment(chainId, { ...record, receipts });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Builds the deployment record from forge's broadcast record: contract names are the named return values
 * of `Deploy.run()`; block numbers come from the receipts of the transactions that created them.
 * @param {number} chainId
 * @param {{ returns?: Record<string, { internal_type: string, value: string }>, transactions: Array<{ hash: string, transactionType: string, contractName?: string, contractAddress?: string, additionalContracts?: Array<{ contractName?: string, address: string }> }>, receipts: Array<{ transactionHash: string, blockNumber: string }> }} record
 */
export function toDeployment(chainId, record) {
  const blockOf = new Map(record.receipts.map((r) => [r.transactionHash, Number(BigInt(r.blockNumber))]));
  /** Creation block and transaction of every address the script created, directly or inside a call. */
  const creations = new Map();
  /** @type {Array<{ contractName: string, address: string, deployedBy: string, blockNumber: number }>} */
  const created = [];
  for (const tx of record.transactions) {
    const blockNumber = blockOf.get(tx.hash);
    if (blockNumber === undefined) throw new Error(`no receipt for transaction ${tx.hash}`);
    if (
      tx.transactionType === "CREATE" &&
      tx.contractAddress &&
      !creations.has(getAddress(tx.contractAddress))
    ) {
      creations.set(getAddress(tx.contractAddress), { blockNumber, transactionHash: tx.hash });
    }
    for (const inner of tx.additionalContracts ?? []) {
      const address = getAddress(inner.address);
      // The first transaction that created an address is its creation; forge may list it again later.
      if (creations.has(address)) continue;
      creations.set(address, { blockNumber, transactionHash: tx.hash });
      created.push({
        // Artifacts built under a second compiler profile are named `Contract.<profile>`.
        contractName: (inner.contractName ?? "unknown").split(".")[0],
        address,
        deployedBy: tx.contractName ?? "unknown",
        blockNumber,
      });
    }
  }

  /** @type {Record<string, { address: string, blockNumber: number, transactionHash: string }>} */
  const contracts = {};
  for (const [name, { internal_type: type, value }] of Object.entries(record.returns ?? {})) {
    if (type !== "address") continue;
    const address = getAddress(value);
    // Optional contracts (the demo USDC) are returned as zero when not deployed.
    if (BigInt(address) === 0n) continue;
    const creation = creations.get(address);
    if (!creation)
      throw new Error(`Deploy.run() returned ${name} = ${address}, which the script did not create`);
    contracts[name] = { address, ...creation };
  }
  const blocks = Object.values(contracts).map((c) => c.blockNumber);
  if (blocks.length === 0) throw new Error("Deploy.run() returned no contract address");
  return {
    chainId,
    network: NETWORK_NAMES[chainId] ?? `chain-${chainId}`,
    startBlock: Math.min(...blocks),
    contracts: Object.fromEntries(Object.entries(contracts).sort(([a], [b]) => a.localeCompare(b))),
    created,
  };
}

/** Writes deployments/<chainId>.json and returns its path. */
export async function writeDeployment(deployment, dir = DEPLOYMENTS_DIR) {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${deployment.chainId}.json`);
  await writeFile(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return file;
}

/** Runs a command, returns its output, and fails with that output when it exits non-zero. */
function run(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`forge script failed (exit ${code}):\n${out}`)),
    );
  });
}
