import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = join(here, "../..");
export const FIXTURES = join(PACKAGE_DIR, "test/fixtures/e2e");
const BIN = join(PACKAGE_DIR, "node_modules/.bin");
const CONTRACTS_MODULES = join(PACKAGE_DIR, "../contracts/node_modules");

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 180_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ""}`, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${code ?? signal}:\n${output}`));
    });
  });
}

export interface Artifact {
  readonly abi: readonly unknown[];
  readonly bytecode: string;
}

interface SolcOutput {
  readonly contracts?: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>
  >;
  readonly errors?: { severity: string; formattedMessage: string }[];
}

/** Compiles one Solidity file of the fixtures with solc-js (OpenZeppelin imports from packages/contracts). */
export function compileFixture(file: string, contract: string): Artifact {
  const require = createRequire(join(CONTRACTS_MODULES, "solc/package.json"));
  const solc = require("solc") as { compile(input: string, callbacks: unknown): string };
  const input = {
    language: "Solidity",
    sources: { [file]: { content: readFileSync(join(FIXTURES, "contracts", file), "utf8") } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const findImports = (path: string) => {
    const full = join(CONTRACTS_MODULES, path);
    return existsSync(full) ? { contents: readFileSync(full, "utf8") } : { error: `not found: ${path}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const compiled = output.contracts?.[file]?.[contract];
  if (!compiled) throw new Error(`${contract} not in the output of ${file}`);
  return { abi: compiled.abi, bytecode: `0x${compiled.evm.bytecode.object}` };
}

/**
 * Makes graph-cli's build find graph-ts without installing: the scaffold's node_modules is ours, or, for an older
 * graph-ts (`graphTs`: its directory in our node_modules, an npm alias), a node_modules holding only that one as
 * `@graphprotocol/graph-ts`.
 */
function linkModules(dir: string, graphTs?: string): void {
  const link = join(dir, "node_modules");
  if (existsSync(link)) return;
  if (graphTs === undefined) {
    symlinkSync(join(PACKAGE_DIR, "node_modules"), link, "dir");
    return;
  }
  mkdirSync(join(link, "@graphprotocol"), { recursive: true });
  symlinkSync(join(PACKAGE_DIR, "node_modules", graphTs), join(link, "@graphprotocol/graph-ts"), "dir");
}

/**
 * graph-cli 0.98's codegen imports every graph-ts value type into `generated/schema.ts`, `Int8` and `Timestamp`
 * included, which graph-ts before 0.32 does not have: such names, unused in the file, are dropped from the import.
 */
function dropUnknownImports(dir: string, graphTs: string): void {
  const file = join(dir, "generated/schema.ts");
  const graphTsDir = join(PACKAGE_DIR, "node_modules", graphTs);
  const sources = ["index.ts", "common/numbers.ts", "common/value.ts"]
    .map((rel) => (existsSync(join(graphTsDir, rel)) ? readFileSync(join(graphTsDir, rel), "utf8") : ""))
    .join("\n");
  let text = readFileSync(file, "utf8");
  for (const name of ["Int8", "Timestamp"]) {
    const known = new RegExp(`(class|type|const) ${name}\\b`).test(sources);
    const uses = text.match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0;
    if (!known && uses === 1) text = text.replace(new RegExp(`^  ${name},\\n`, "m"), "");
  }
  writeFileSync(file, text);
}

export interface ScaffoldOptions {
  /** Parent directory; the subgraph is created in `<parent>/<slug>`. */
  readonly parent: string;
  readonly slug: string;
  readonly contractName: string;
  readonly abi: readonly unknown[];
  readonly address: string;
  readonly startBlock: number;
  /** `--index-events`: one immutable entity per event instead of the placeholder `ExampleEntity`. */
  readonly indexEvents: boolean;
  /** Edits the scaffold before `graph build`. */
  readonly edit?: (dir: string) => void;
}

/**
 * `graph init --from-contract` exactly as a user runs it offline (local ABI, no install, no git), then
 * `options.edit` if given, then `graph build`. Returns the subgraph's directory (its `build/` holds the output).
 */
export async function scaffoldFromContract(options: ScaffoldOptions): Promise<string> {
  mkdirSync(options.parent, { recursive: true });
  const abiFile = join(options.parent, `${options.contractName}.abi.json`);
  writeFileSync(abiFile, JSON.stringify(options.abi));
  const args = [
    "init",
    "--skip-install",
    "--skip-git",
    "--protocol",
    "ethereum",
    "--from-contract",
    options.address,
    "--abi",
    abiFile,
    "--network",
    "mainnet",
    "--contract-name",
    options.contractName,
    "--start-block",
    String(options.startBlock),
    ...(options.indexEvents ? ["--index-events"] : []),
    options.slug,
    options.slug,
  ];
  await run(join(BIN, "graph"), args, options.parent);
  const dir = join(options.parent, options.slug);
  options.edit?.(dir);
  linkModules(dir);
  await run(join(BIN, "graph"), ["build"], dir);
  return dir;
}

/** Replaces `from` in a scaffold's file; throws when graph-cli's output no longer has that shape. */
function replaceIn(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, "utf8");
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${file}: the scaffold changed shape, ${String(from)} not found`);
  writeFileSync(file, edited);
}

/**
 * An edit for the placeholder scaffold (`graph init` without `--index-events`): its first event's handler
 * loads the `ExampleEntity`, creates it with `count` 0 when missing, adds 1 and sets the event's first two
 * parameters. graph-cli keys it by transaction hash and log index and declares it immutable, so each entity
 * is written once; keyed by the event parameter `param` instead, and mutable, the same handler updates one
 * entity per `param` across events, blocks and reorgs.
 */
export function keyExampleEntityBy(contractFile: string, param: string): (dir: string) => void {
  return (dir) => {
    replaceIn(
      join(dir, "schema.graphql"),
      "type ExampleEntity @entity(immutable: true)",
      "type ExampleEntity @entity(immutable: false)",
    );
    replaceIn(
      join(dir, "src", contractFile),
      /const id = event\.transaction\.hash\.concat\(\s*Bytes\.fromByteArray\(Bytes\.fromBigInt\(event\.logIndex\)\)\s*\)/,
      `const id = Bytes.fromByteArray(Bytes.fromBigInt(event.params.${param}))`,
    );
  };
}

/** The address the fixtures' manifests name until a test points them at a deployed contract. */
const FIXTURE_ADDRESS = "0x0000000000000000000000000000000000000000";
/**
 * Built fixtures by content, shared by the e2e files of a run (and kept for the next run): `graph build`
 * costs ~11 s of CPU, and the same mapping is built again and again for emitters at other addresses
 * (pinger: handler errors, handler timeout, status API). The address is only in the built manifest.
 */
const BUILD_CACHE = join(PACKAGE_DIR, "node_modules/.cache/e2e-subgraph-builds");

/** Files of a fixture that a build reads, in a stable order (generated and built output excluded). */
function fixtureFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((e) => !["build", "generated", "node_modules"].includes(e.name))
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? fixtureFiles(dir, rel) : [rel];
    })
    .sort();
}

/** The key of a fixture's build: graph-cli's and graph-ts's versions, every input file, the edited manifest. */
function buildKey(fixture: string, manifest: string, graphTs = "@graphprotocol/graph-ts"): string {
  const hash = createHash("sha256");
  for (const tool of ["@graphprotocol/graph-cli", graphTs])
    hash.update(readFileSync(join(PACKAGE_DIR, `node_modules/${tool}/package.json`)));
  for (const rel of fixtureFiles(join(FIXTURES, fixture))) {
    hash.update(`\0${rel}\0`);
    hash.update(rel === "subgraph.yaml" ? manifest : readFileSync(join(FIXTURES, fixture, rel)));
  }
  return hash.digest("hex").slice(0, 24);
}

/** Points a built manifest's data sources at `to` instead of `from`; throws when it does not name `from`. */
function retargetBuild(buildDir: string, from: string, to: string): void {
  const file = join(buildDir, "subgraph.yaml");
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not name ${from}`);
  writeFileSync(file, text.split(from).join(to));
}

/**
 * A test-only subgraph of fixtures/e2e (`fixture`: pinger, misfit, unknown-host), copied to `<parent>/<slug>`,
 * pointed at `address`, `edit` applied to its manifest text; codegen and build, or the build of the same
 * inputs made before (BUILD_CACHE) pointed at `address`. `graphTs` builds against an older graph-ts (see
 * `linkModules`).
 */
export async function buildTestSubgraph(
  parent: string,
  fixture: string,
  slug: string,
  address: string,
  edit: (manifest: string) => string = (m) => m,
  graphTs?: string,
): Promise<string> {
  const dir = join(parent, slug);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const manifestFile = join(dir, "subgraph.yaml");
  const template = edit(readFileSync(manifestFile, "utf8"));
  if (!template.includes(FIXTURE_ADDRESS))
    throw new Error(`${fixture}: its manifest does not name ${FIXTURE_ADDRESS}`);
  writeFileSync(manifestFile, template.replace(FIXTURE_ADDRESS, address));
  linkModules(dir, graphTs);
  const cached = join(BUILD_CACHE, buildKey(fixture, template, graphTs));
  if (existsSync(cached)) {
    cpSync(cached, join(dir, "build"), { recursive: true });
    retargetBuild(join(dir, "build"), FIXTURE_ADDRESS, address);
    return dir;
  }
  await run(join(BIN, "graph"), ["codegen"], dir);
  if (graphTs !== undefined) dropUnknownImports(dir, graphTs);
  await run(join(BIN, "graph"), ["build"], dir);
  // Written aside and renamed, so a build another worker is storing at the same time is never read half-done.
  mkdirSync(BUILD_CACHE, { recursive: true });
  const staging = `${cached}.${process.pid}.${Date.now()}`;
  cpSync(join(dir, "build"), staging, { recursive: true });
  retargetBuild(staging, address, FIXTURE_ADDRESS);
  try {
    renameSync(staging, cached);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/**
 * The test-only `pinger` subgraph (fixtures/e2e/pinger), pointed at `address`, optionally with
 * `features: [nonFatalErrors]`; codegen and build.
 */
export function buildPinger(
  parent: string,
  slug: string,
  address: string,
  nonFatalErrors: boolean,
): Promise<string> {
  return buildTestSubgraph(parent, "pinger", slug, address, (text) =>
    nonFatalErrors
      ? text.replace("specVersion: 1.3.0\n", "specVersion: 1.3.0\nfeatures:\n  - nonFatalErrors\n")
      : text,
  );
}
