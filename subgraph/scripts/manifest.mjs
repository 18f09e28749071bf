// Renders subgraph.yaml from subgraph.template.yaml (mustache) for one network, and copies the ABIs the
// manifest names into abis/. The network's address and start block come from the deployment record the
// deploy step wrote: packages/contracts/deployments/<chainId>.json, the one whose "network" matches.
//
//   node scripts/manifest.mjs [--network <name>]      (else $DMEX_NETWORK, else "localhost")
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import Mustache from "mustache";
import { parse as parseYaml } from "yaml";

const require = createRequire(import.meta.url);

/** The subgraph package's folder. */
export const SUBGRAPH_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATE_PATH = join(SUBGRAPH_ROOT, "subgraph.template.yaml");
export const MANIFEST_PATH = join(SUBGRAPH_ROOT, "subgraph.yaml");
export const ABIS_DIR = join(SUBGRAPH_ROOT, "abis");
/** Where the deploy step writes deployments/<chainId>.json. */
export const DEPLOYMENTS_DIR = join(dirname(require.resolve("@dmex/contracts/package.json")), "deployments");
export const DEFAULT_NETWORK = "localhost";

/** The contracts the manifest has a data source (and an ABI) for. */
export const CONTRACTS = /** @type {const} */ (["DmcToken"]);

/**
 * @typedef {{ address: string, blockNumber: number, transactionHash?: string }} DeployedContract
 * @typedef {{ chainId: number, network: string, startBlock: number,
 *   contracts: Record<string, DeployedContract | undefined> }} DeploymentRecord
 * @typedef {{ address: string, startBlock: number }} DataSourceView
 * @typedef {{ network: string, chainId: number, dmcToken: DataSourceView }} ManifestView
 */

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
// graph-node network names: "mainnet", "arbitrum-one", "localhost", "chain-1337", ...
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The network to render for: `--network <name>` or `--network=<name>` in `argv`, else `env.DMEX_NETWORK`,
 * else "localhost".
 * @param {readonly string[]} argv arguments after the script name
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
export function selectNetwork(argv, env) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--network") {
      const value = argv[i + 1];
      if (!value || value.startsWith("--"))
        throw new Error("--network needs a value, e.g. --network localhost");
      return value;
    }
    if (arg?.startsWith("--network=")) return arg.slice("--network=".length);
  }
  return env.DMEX_NETWORK || DEFAULT_NETWORK;
}

/**
 * The chain id the deploy step names `network` after (its NETWORK_NAMES, or "chain-<id>"), when known.
 * Only used to name the expected file in errors.
 * @param {string} network
 * @returns {Promise<number | undefined>}
 */
async function chainIdOf(network) {
  const generic = /^chain-(\d+)$/.exec(network);
  if (generic?.[1]) return Number(generic[1]);
  try {
    /** @type {{ NETWORK_NAMES: Record<number, string> }} */
    const contracts = await import("@dmex/contracts/node");
    const entry = Object.entries(contracts.NETWORK_NAMES).find(([, name]) => name === network);
    return entry ? Number(entry[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the deployment record of `network` from `dir`: the `<chainId>.json` whose `network` field is
 * `network`. Throws an error naming the file it looked for when there is none.
 * @param {string} network
 * @param {string} [dir]
 * @returns {Promise<{ file: string, record: DeploymentRecord }>}
 */
export async function loadDeployment(network, dir = DEPLOYMENTS_DIR) {
  if (!NETWORK.test(network)) throw new Error(`invalid network name ${JSON.stringify(network)}`);
  const files = existsSync(dir) ? (await readdir(dir)).filter((f) => /^\d+\.json$/.test(f)).sort() : [];
  /** @type {string[]} */
  const seen = [];
  /** @type {{ file: string, record: DeploymentRecord }[]} */
  const matches = [];
  for (const name of files) {
    const file = join(dir, name);
    /** @type {DeploymentRecord} */
    let record;
    try {
      record = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new Error(
        `${file} is not a readable deployment record: ${error instanceof Error ? error.message : error}`,
      );
    }
    seen.push(`${name} (network "${record.network}")`);
    if (record.network === network) matches.push({ file, record });
  }
  const [match, ...others] = matches;
  if (match && others.length > 0) {
    throw new Error(
      `several deployment records are for network "${network}": ${matches.map((m) => m.file).join(", ")}`,
    );
  }
  if (match) return match;

  const chainId = await chainIdOf(network);
  const expected = chainId === undefined ? join(dir, "<chainId>.json") : join(dir, `${chainId}.json`);
  const found = seen.length > 0 ? `found only ${seen.join(", ")}` : "found no record at all";
  const hint =
    network === DEFAULT_NETWORK
      ? "run `pnpm --filter @dmex/contracts deployments` (or `pnpm build` at the root) first"
      : `deploy DMEX to ${network} first (pnpm --filter @dmex/contracts deploy -- --rpc-url <url>)`;
  throw new Error(
    `no deployment record for network "${network}": looked for ${expected} with "network": "${network}", ` +
      `${found}; ${hint}.`,
  );
}

/**
 * The values the template is rendered with, checked.
 * @param {DeploymentRecord} record
 * @param {string} [file] the record's path, for error messages
 * @returns {ManifestView}
 */
export function manifestView(record, file = "the deployment record") {
  if (typeof record.network !== "string" || !NETWORK.test(record.network)) {
    throw new Error(`${file}: invalid network ${JSON.stringify(record.network)}`);
  }
  const token = record.contracts?.DmcToken;
  if (!token) throw new Error(`${file} has no contracts.DmcToken`);
  if (typeof token.address !== "string" || !ADDRESS.test(token.address)) {
    throw new Error(`${file}: invalid DmcToken address ${JSON.stringify(token.address)}`);
  }
  // A data source starts at its contract's deployment block; the record's startBlock (the first block of
  // any DMEX contract) is the fallback.
  const startBlock = token.blockNumber ?? record.startBlock;
  if (!Number.isSafeInteger(startBlock) || startBlock < 0) {
    throw new Error(`${file}: invalid DmcToken start block ${JSON.stringify(startBlock)}`);
  }
  return {
    network: record.network,
    chainId: record.chainId,
    dmcToken: { address: token.address, startBlock },
  };
}

/**
 * Renders the manifest template. Values are inserted verbatim (no HTML escaping) and the result must
 * parse as YAML.
 * @param {string} template
 * @param {ManifestView} view
 * @returns {string}
 */
export function renderManifest(template, view) {
  const rendered = Mustache.render(template, view, {}, { escape: (value) => String(value) });
  parseYaml(rendered);
  return rendered;
}

/**
 * The ABI file of `contract`: the SDK's generated copy, else forge's artifact in @dmex/contracts.
 * @param {string} contract
 * @returns {Promise<unknown[]>}
 */
export async function readAbi(contract) {
  /** @type {string[]} */
  const tried = [];
  try {
    const sdkAbi = fileURLToPath(import.meta.resolve(`@dmex/sdk/abis/${contract}.json`));
    if (existsSync(sdkAbi)) return JSON.parse(await readFile(sdkAbi, "utf8"));
    tried.push(sdkAbi);
  } catch {
    tried.push(`@dmex/sdk/abis/${contract}.json`);
  }
  const artifact = join(
    dirname(require.resolve("@dmex/contracts/package.json")),
    "out",
    `${contract}.sol`,
    `${contract}.json`,
  );
  if (existsSync(artifact)) return JSON.parse(await readFile(artifact, "utf8")).abi;
  tried.push(artifact);
  throw new Error(
    `no ABI for ${contract}: looked for ${tried.join(" and ")}. Build @dmex/sdk or @dmex/contracts first.`,
  );
}

/**
 * Writes subgraph.yaml for `network` and copies the ABIs into abis/.
 * @param {{ network: string, deploymentsDir?: string, root?: string }} options
 * @returns {Promise<{ file: string, view: ManifestView }>}
 */
export async function writeManifest({ network, deploymentsDir = DEPLOYMENTS_DIR, root = SUBGRAPH_ROOT }) {
  const { file, record } = await loadDeployment(network, deploymentsDir);
  const view = manifestView(record, file);
  const template = await readFile(join(root, "subgraph.template.yaml"), "utf8");
  const manifest = renderManifest(template, view);

  await mkdir(join(root, "abis"), { recursive: true });
  for (const contract of CONTRACTS) {
    const abi = await readAbi(contract);
    await writeFile(join(root, "abis", `${contract}.json`), `${JSON.stringify(abi, null, 2)}\n`);
  }
  const source = relative(root, file).split(sep).join("/");
  const header = `# Generated by scripts/manifest.mjs from subgraph.template.yaml and ${source}. Do not edit.\n`;
  await writeFile(join(root, "subgraph.yaml"), header + manifest);
  return { file, view };
}

async function main() {
  const network = selectNetwork(process.argv.slice(2), process.env);
  const { file, view } = await writeManifest({ network });
  console.log(
    `subgraph: subgraph.yaml for ${view.network} (chain ${view.chainId}): DmcToken ${view.dmcToken.address} ` +
      `from block ${view.dmcToken.startBlock} (${file})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`subgraph: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
