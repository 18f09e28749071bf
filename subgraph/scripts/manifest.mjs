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

/** One data source per file: datasources/<Name>.yaml, a mustache template of one `dataSources` item. */
export const DATASOURCES_DIR = join(SUBGRAPH_ROOT, "datasources");
/** The schema in parts, schema/<part>.graphql, joined (in file-name order) into schema.graphql. */
export const SCHEMA_DIR = join(SUBGRAPH_ROOT, "schema");

/**
 * @typedef {{ address: string, blockNumber: number, transactionHash?: string }} DeployedContract
 * @typedef {{ chainId: number, network: string, startBlock: number,
 *   contracts: Record<string, DeployedContract | undefined> }} DeploymentRecord
 * @typedef {{ address: string, startBlock: number }} DataSourceView
 * @typedef {{ network: string, chainId: number, contracts: Record<string, DataSourceView> }} ManifestView
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
 * The values the templates are rendered with, checked: the network, and each deployed contract's address
 * and start block (its deployment block; the record's startBlock when the contract's is unknown).
 * @param {DeploymentRecord} record
 * @param {string} [file] the record's path, for error messages
 * @returns {ManifestView}
 */
export function manifestView(record, file = "the deployment record") {
  if (typeof record.network !== "string" || !NETWORK.test(record.network)) {
    throw new Error(`${file}: invalid network ${JSON.stringify(record.network)}`);
  }
  /** @type {Record<string, DataSourceView>} */
  const contracts = {};
  for (const [name, contract] of Object.entries(record.contracts ?? {})) {
    if (!contract) continue;
    if (typeof contract.address !== "string" || !ADDRESS.test(contract.address)) {
      throw new Error(`${file}: invalid ${name} address ${JSON.stringify(contract.address)}`);
    }
    const startBlock = contract.blockNumber ?? record.startBlock;
    if (!Number.isSafeInteger(startBlock) || startBlock < 0) {
      throw new Error(`${file}: invalid ${name} start block ${JSON.stringify(startBlock)}`);
    }
    contracts[name] = { address: contract.address, startBlock };
  }
  return { network: record.network, chainId: record.chainId, contracts };
}

/**
 * The data source templates in `dir` by name (the file name without `.yaml`), in name order.
 * @param {string} [dir]
 * @returns {Promise<Map<string, string>>}
 */
export async function readDataSourceTemplates(dir = DATASOURCES_DIR) {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort();
  /** @type {Map<string, string>} */
  const templates = new Map();
  for (const f of names) templates.set(f.slice(0, -".yaml".length), await readFile(join(dir, f), "utf8"));
  return templates;
}

/**
 * The schema parts in `dir` joined into one document, in file-name order.
 * @param {string} [dir]
 * @returns {Promise<string>}
 */
export async function joinSchema(dir = SCHEMA_DIR) {
  const parts = (await readdir(dir)).filter((f) => f.endsWith(".graphql")).sort();
  if (parts.length === 0) throw new Error(`${dir} holds no .graphql schema parts`);
  const texts = await Promise.all(
    parts.map(async (f) => `# ---- schema/${f} ----\n${(await readFile(join(dir, f), "utf8")).trimEnd()}\n`),
  );
  return `# Generated by scripts/manifest.mjs from schema/*.graphql. Do not edit.\n\n${texts.join("\n")}`;
}

/**
 * Renders the manifest template with each data source template as the partial of its name (`{{> Name}}`).
 * Values are inserted verbatim (no HTML escaping); a data source template that names a contract the record
 * lacks fails, and the result must parse as YAML.
 * @param {string} template
 * @param {ManifestView} view
 * @param {Map<string, string>} [dataSources]
 * @returns {string}
 */
export function renderManifest(template, view, dataSources = new Map()) {
  for (const [name, text] of dataSources) {
    for (const match of text.matchAll(/\{\{\{?\s*contracts\.([A-Za-z0-9_]+)\./g)) {
      const contract = match[1] ?? "";
      if (!view.contracts[contract]) {
        throw new Error(
          `datasources/${name}.yaml needs contract ${contract}, which the deployment record lacks`,
        );
      }
    }
  }
  const partials = Object.fromEntries(dataSources);
  const rendered = Mustache.render(template, view, partials, { escape: (value) => String(value) });
  parseYaml(rendered);
  return rendered;
}

/**
 * The ABI names the rendered manifest's data sources (and templates) use.
 * @param {string} manifest
 * @returns {string[]}
 */
export function abiNames(manifest) {
  /** @type {{ dataSources?: { mapping?: { abis?: { name: string }[] } }[], templates?: { mapping?: { abis?: { name: string }[] } }[] }} */
  const parsed = parseYaml(manifest);
  const names = new Set();
  for (const ds of [...(parsed.dataSources ?? []), ...(parsed.templates ?? [])]) {
    for (const abi of ds.mapping?.abis ?? []) names.add(abi.name);
  }
  return [...names].sort();
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
 * Writes subgraph.yaml for `network`, joins the schema parts into schema.graphql and copies the ABIs the
 * manifest names into abis/.
 * @param {{ network: string, deploymentsDir?: string, root?: string }} options
 * @returns {Promise<{ file: string, view: ManifestView, dataSources: string[] }>}
 */
export async function writeManifest({ network, deploymentsDir = DEPLOYMENTS_DIR, root = SUBGRAPH_ROOT }) {
  const { file, record } = await loadDeployment(network, deploymentsDir);
  const view = manifestView(record, file);
  const template = await readFile(join(root, "subgraph.template.yaml"), "utf8");
  const dataSources = await readDataSourceTemplates(join(root, "datasources"));
  const manifest = renderManifest(template, view, dataSources);
  const schema = await joinSchema(join(root, "schema"));

  await mkdir(join(root, "abis"), { recursive: true });
  for (const contract of abiNames(manifest)) {
    const abi = await readAbi(contract);
    await writeFile(join(root, "abis", `${contract}.json`), `${JSON.stringify(abi, null, 2)}\n`);
  }
  await writeFile(join(root, "schema.graphql"), schema);
  const source = relative(root, file).split(sep).join("/");
  const header = `# Generated by scripts/manifest.mjs from subgraph.template.yaml, datasources/ and ${source}. Do not edit.\n`;
  await writeFile(join(root, "subgraph.yaml"), header + manifest);
  return { file, view, dataSources: [...dataSources.keys()] };
}

async function main() {
  const network = selectNetwork(process.argv.slice(2), process.env);
  const { file, view, dataSources } = await writeManifest({ network });
  const lines = dataSources.map((name) => {
    const c = view.contracts[name];
    return c ? `  ${name} ${c.address} from block ${c.startBlock}` : `  ${name}`;
  });
  console.log(
    `subgraph: subgraph.yaml for ${view.network} (chain ${view.chainId}) from ${file}:\n${lines.join("\n")}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`subgraph: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
