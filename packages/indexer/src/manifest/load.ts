import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type EventFragment, type FunctionFragment, Interface, id as keccakText } from "ethers";
import { parse as parseYaml } from "yaml";
import { parseContext } from "./context.js";
import { ManifestError } from "./errors.js";
import type {
  AbiRef,
  BlockHandler,
  BlockHandlerFilter,
  CallHandler,
  EventHandler,
  FileKind,
  FileTemplate,
  Graft,
  Mapping,
  StaticDataSource,
  Subgraph,
  Template,
} from "./model.js";
import { refuseUnsupported } from "./supported.js";

/** The one mapping language graph-node runs, and so this indexer. */
const WASM_LANGUAGE = "wasm/assemblyscript";

export interface DataSourceOverride {
  readonly address?: string;
  readonly startBlock?: number;
}

export interface LoadSubgraphOptions {
  /** Replaces every data source's and template's `network`. */
  readonly network?: string;
  /** Per data source name: address and/or start block to use instead of the manifest's. */
  readonly dataSources?: Readonly<Record<string, DataSourceOverride>>;
}

const MAX_SPEC_VERSION = [1, 3, 0] as const;
const MIN_API_VERSION = [0, 0, 5] as const;
const MAX_API_VERSION = [0, 0, 9] as const;

/**
 * Reads a `graph build` output: `path` is `build/subgraph.yaml`, the `build` directory, or the subgraph's
 * directory holding `build/`.
 */
export function loadSubgraph(path: string, options: LoadSubgraphOptions = {}): Subgraph {
  const manifestFile = locateManifest(resolve(path));
  const dir = dirname(manifestFile);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(manifestFile, "utf8"));
  } catch (error) {
    throw new ManifestError(manifestFile, "(document)", `invalid YAML: ${(error as Error).message}`);
  }
  const m = new Reader(manifestFile, dir);
  const root = m.object(doc, "(document)");
  const specVersion = m.string(root.specVersion, "specVersion");
  if (compareVersion(parseVersion(specVersion, m, "specVersion"), MAX_SPEC_VERSION) > 0) {
    throw new ManifestError(manifestFile, "specVersion", `${specVersion} is newer than the supported 1.3.0`);
  }
  const schemaFile = m.existingFile(
    m.string(m.object(root.schema, "schema").file, "schema.file"),
    "schema.file",
  );
  const features = root.features === undefined ? [] : m.stringList(root.features, "features");
  const schemaText = readFileSync(schemaFile, "utf8");
  refuseUnsupported(manifestFile, root);

  const dataSources = m.list(root.dataSources, "dataSources").map((raw, i) => {
    const key = `dataSources[${i}]`;
    const ds = m.object(raw, key);
    const name = m.string(ds.name, `${key}.name`);
    const override = options.dataSources?.[name];
    const kind = m.kind(ds.kind, `${key}.kind`);
    const source = m.object(ds.source, `${key}.source`);
    const abi = m.string(source.abi, `${key}.source.abi`);
    const addressRaw = override?.address ?? source.address;
    const address = addressRaw === undefined ? null : m.address(addressRaw, `${key}.source.address`);
    const startBlock =
      override?.startBlock ??
      (source.startBlock === undefined ? 0 : m.int(source.startBlock, `${key}.source.startBlock`));
    const endBlock = source.endBlock === undefined ? null : m.int(source.endBlock, `${key}.source.endBlock`);
    const mapping = m.mapping(ds.mapping, `${key}.mapping`, abi);
    const context =
      ds.context === undefined ? null : parseContext(ds.context, manifestFile, `${key}.context`);
    const network = options.network ?? m.string(ds.network, `${key}.network`);
    const out: StaticDataSource = {
      kind,
      name,
      network,
      address,
      abi,
      startBlock,
      endBlock,
      mapping,
      context,
    };
    return out;
  });

  const templates: Template[] = [];
  const fileTemplates: FileTemplate[] = [];
  for (const [i, raw] of (root.templates === undefined
    ? []
    : m.list(root.templates, "templates")
  ).entries()) {
    const key = `templates[${i}]`;
    const t = m.object(raw, key);
    const name = m.string(t.name, `${key}.name`);
    const fileKind = m.fileKind(t.kind);
    if (fileKind !== null) {
      const network =
        options.network ?? (t.network === undefined ? null : m.string(t.network, `${key}.network`));
      const { mapping, handler } = m.fileMapping(t.mapping, `${key}.mapping`);
      fileTemplates.push({ kind: fileKind, name, network, mapping, handler });
      continue;
    }
    const kind = m.kind(t.kind, `${key}.kind`);
    const abi = m.string(m.object(t.source, `${key}.source`).abi, `${key}.source.abi`);
    const network = options.network ?? m.string(t.network, `${key}.network`);
    templates.push({ kind, name, network, abi, mapping: m.mapping(t.mapping, `${key}.mapping`, abi) });
  }

  const graft = root.graft === undefined ? null : m.graft(root.graft, features);

  return {
    dir,
    manifestFile,
    specVersion,
    features,
    schemaFile,
    schema: schemaText,
    dataSources,
    templates,
    fileTemplates,
    graft,
  };
}

function locateManifest(path: string): string {
  if (!existsSync(path)) throw new ManifestError(path, "(path)", "no such file or directory");
  if (statSync(path).isFile()) return path;
  for (const candidate of [join(path, "build", "subgraph.yaml"), join(path, "subgraph.yaml")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new ManifestError(path, "(path)", "no subgraph.yaml or build/subgraph.yaml in this directory");
}

type Version = readonly [number, number, number];

function parseVersion(text: string, m: Reader, key: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (match === null) throw new ManifestError(m.file, key, `not a version: ${text}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compareVersion(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The canonical form of an event signature: `indexed ` markers and spaces removed. */
export function canonicalSignature(signature: string): string {
  return signature.replace(/\bindexed\s+/g, "").replace(/\s+/g, "");
}

function indexedSignature(fragment: EventFragment): string {
  const params = fragment.inputs.map((p) =>
    p.indexed === true ? `indexed ${p.format("sighash")}` : p.format("sighash"),
  );
  return `${fragment.name}(${params.join(",")})`;
}

/** Typed accessors over the parsed YAML that fail with the file and key. */
class Reader {
  constructor(
    readonly file: string,
    private readonly dir: string,
  ) {}

  object(value: unknown, key: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ManifestError(this.file, key, value === undefined ? "missing" : "expected a mapping");
    }
    return value as Record<string, unknown>;
  }

  list(value: unknown, key: string): unknown[] {
    if (!Array.isArray(value))
      throw new ManifestError(this.file, key, value === undefined ? "missing" : "expected a sequence");
    return value;
  }

  string(value: unknown, key: string): string {
    if (typeof value === "number") return String(value);
    if (typeof value !== "string" || value === "") {
      throw new ManifestError(
        this.file,
        key,
        value === undefined ? "missing" : "expected a non-empty string",
      );
    }
    return value;
  }

  stringList(value: unknown, key: string): string[] {
    return this.list(value, key).map((v, i) => this.string(v, `${key}[${i}]`));
  }

  int(value: unknown, key: string): number {
    const n = typeof value === "string" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      throw new ManifestError(this.file, key, "expected a non-negative integer");
    }
    return n;
  }

  address(value: unknown, key: string): string {
    const text = this.string(value, key);
    if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw new ManifestError(this.file, key, `not an address: ${text}`);
    return text.toLowerCase();
  }

  kind(value: unknown, key: string): "ethereum/contract" | "ethereum" {
    const kind = this.string(value, key);
    if (kind === "file/ipfs" || kind === "file/arweave") {
      throw new ManifestError(
        this.file,
        key,
        `${kind} data sources can only be templates (as in graph-node)`,
      );
    }
    if (kind !== "ethereum/contract" && kind !== "ethereum") {
      throw new ManifestError(this.file, key, `unsupported kind ${kind} (only ethereum/contract)`);
    }
    return kind;
  }

  /** graph-node's `graft: { base, block }`, which needs `features: [grafting]` declared. */
  graft(value: unknown, features: readonly string[]): Graft {
    const raw = this.object(value, "graft");
    for (const key of Object.keys(raw)) {
      if (key !== "base" && key !== "block") {
        throw new ManifestError(
          this.file,
          `graft.${key}`,
          "not a manifest key dmex-indexer implements; refusing rather than ignoring it",
        );
      }
    }
    const base = this.string(raw.base, "graft.base");
    const block = this.int(raw.block, "graft.block");
    if (!features.includes("grafting")) {
      throw new ManifestError(
        this.file,
        "features",
        "the feature `grafting` is used by the subgraph (`graft:`) but it is not declared in the manifest's `features`",
      );
    }
    return { base, block };
  }

  /** A template's `file/ipfs` or `file/arweave` kind; null for any other kind. */
  fileKind(value: unknown): FileKind | null {
    return value === "file/ipfs" || value === "file/arweave" ? value : null;
  }

  /** A file template's mapping: graph-node's offchain `UnresolvedMapping` (one `handler`, `entities`). */
  fileMapping(value: unknown, key: string): { mapping: Mapping; handler: string } {
    const raw = this.object(value, key);
    const apiVersion = this.string(raw.apiVersion, `${key}.apiVersion`);
    const v = parseVersion(apiVersion, this, `${key}.apiVersion`);
    if (compareVersion(v, [0, 0, 7]) < 0 || compareVersion(v, MAX_API_VERSION) > 0) {
      throw new ManifestError(
        this.file,
        `${key}.apiVersion`,
        `${apiVersion} is outside 0.0.7–0.0.9 (file data sources need apiVersion 0.0.7 or later)`,
      );
    }
    const file = this.wasmModule(raw, key);
    for (const handlers of ["eventHandlers", "blockHandlers", "callHandlers"]) {
      if (raw[handlers] !== undefined) {
        throw new ManifestError(
          this.file,
          `${key}.${handlers}`,
          "a file data source has one `handler`, no chain handlers",
        );
      }
    }
    const abis: AbiRef[] = (raw.abis === undefined ? [] : this.list(raw.abis, `${key}.abis`)).map((a, i) => {
      const ak = `${key}.abis[${i}]`;
      const entry = this.object(a, ak);
      const abiFile = this.existingFile(this.string(entry.file, `${ak}.file`), `${ak}.file`);
      return {
        name: this.string(entry.name, `${ak}.name`),
        file: abiFile,
        abi: this.readAbi(abiFile, `${ak}.file`),
      };
    });
    const mapping: Mapping = {
      kind: raw.kind === undefined ? "file" : this.string(raw.kind, `${key}.kind`),
      apiVersion,
      language: WASM_LANGUAGE,
      file,
      entities: this.stringList(raw.entities, `${key}.entities`),
      abis,
      eventHandlers: [],
      blockHandlers: [],
      callHandlers: [],
    };
    return { mapping, handler: this.string(raw.handler, `${key}.handler`) };
  }

  /** A mapping's compiled module: AssemblyScript compiled to a .wasm file that exists. */
  wasmModule(raw: Record<string, unknown>, key: string): string {
    const language = this.string(raw.language, `${key}.language`);
    if (language !== WASM_LANGUAGE) {
      throw new ManifestError(this.file, `${key}.language`, `unsupported language ${language}`);
    }
    const file = this.existingFile(this.string(raw.file, `${key}.file`), `${key}.file`);
    if (!file.endsWith(".wasm")) {
      throw new ManifestError(
        this.file,
        `${key}.file`,
        `${file} is not a compiled .wasm module (run graph build)`,
      );
    }
    return file;
  }

  existingFile(relative: string, key: string): string {
    const path = resolve(this.dir, relative);
    if (!existsSync(path)) throw new ManifestError(this.file, key, `file not found: ${path}`);
    return path;
  }

  topic(value: unknown, key: string): string {
    const text = this.string(value, key).toLowerCase().replace(/^0x/, "");
    if (!/^[0-9a-f]{1,64}$/.test(text))
      throw new ManifestError(this.file, key, `not a 32-byte topic: ${String(value)}`);
    return `0x${text.padStart(64, "0")}`;
  }

  mapping(value: unknown, key: string, sourceAbi: string): Mapping {
    const raw = this.object(value, key);
    const apiVersion = this.string(raw.apiVersion, `${key}.apiVersion`);
    const v = parseVersion(apiVersion, this, `${key}.apiVersion`);
    if (compareVersion(v, MIN_API_VERSION) < 0 || compareVersion(v, MAX_API_VERSION) > 0) {
      throw new ManifestError(
        this.file,
        `${key}.apiVersion`,
        `${apiVersion} is outside the supported 0.0.5–0.0.9`,
      );
    }
    const file = this.wasmModule(raw, key);
    const abis: AbiRef[] = this.list(raw.abis, `${key}.abis`).map((a, i) => {
      const ak = `${key}.abis[${i}]`;
      const entry = this.object(a, ak);
      const name = this.string(entry.name, `${ak}.name`);
      const abiFile = this.existingFile(this.string(entry.file, `${ak}.file`), `${ak}.file`);
      return { name, file: abiFile, abi: this.readAbi(abiFile, `${ak}.file`) };
    });
    const main = abis.find((a) => a.name === sourceAbi);
    if (main === undefined) {
      throw new ManifestError(
        this.file,
        `${key}.abis`,
        `no ABI named ${sourceAbi} (the data source's source.abi)`,
      );
    }
    const eventHandlers = (
      raw.eventHandlers === undefined ? [] : this.list(raw.eventHandlers, `${key}.eventHandlers`)
    ).map((h, i) => this.eventHandler(h, `${key}.eventHandlers[${i}]`, main));
    const blockHandlers = (
      raw.blockHandlers === undefined ? [] : this.list(raw.blockHandlers, `${key}.blockHandlers`)
    ).map((h, i) => this.blockHandler(h, `${key}.blockHandlers[${i}]`));
    const callHandlers = (
      raw.callHandlers === undefined ? [] : this.list(raw.callHandlers, `${key}.callHandlers`)
    ).map((h, i): CallHandler => {
      const entry = this.object(h, `${key}.callHandlers[${i}]`);
      const fn = this.string(entry.function, `${key}.callHandlers[${i}].function`);
      const wanted = fn.replace(/\s+/g, "");
      let fragment: FunctionFragment | null = null;
      main.abi.forEachFunction((f) => {
        // View and pure functions cannot be call handlers' functions (graph-node skips them too).
        const mutates = f.stateMutability === "payable" || f.stateMutability === "nonpayable";
        if (fragment === null && mutates && f.format("sighash") === wanted) fragment = f;
      });
      return {
        function: fn,
        handler: this.string(entry.handler, `${key}.callHandlers[${i}].handler`),
        selector: keccakText(wanted).slice(0, 10),
        fragment,
      };
    });
    return {
      kind: this.string(raw.kind, `${key}.kind`),
      apiVersion,
      language: WASM_LANGUAGE,
      file,
      entities: raw.entities === undefined ? [] : this.stringList(raw.entities, `${key}.entities`),
      abis,
      eventHandlers,
      blockHandlers,
      callHandlers,
    };
  }

  private readAbi(file: string, key: string): Interface {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new ManifestError(this.file, key, `${file} is not JSON: ${(error as Error).message}`);
    }
    const abi = Array.isArray(json) ? json : (json as { abi?: unknown } | null)?.abi;
    if (!Array.isArray(abi)) throw new ManifestError(this.file, key, `${file} holds no ABI array`);
    try {
      return new Interface(abi);
    } catch (error) {
      throw new ManifestError(this.file, key, `${file} is not a valid ABI: ${(error as Error).message}`);
    }
  }

  private eventHandler(value: unknown, key: string, abi: AbiRef): EventHandler {
    const raw = this.object(value, key);
    const event = this.string(raw.event, `${key}.event`);
    const canonical = canonicalSignature(event);
    const fragments: EventFragment[] = [];
    abi.abi.forEachEvent((f) => {
      fragments.push(f);
    });
    // graph-node: an exact match including `indexed` wins; otherwise the one event equal without them.
    const wanted = event
      .replace(/\s*,\s*/g, ",")
      .replace(/\(\s*/, "(")
      .replace(/\s*\)$/, ")");
    const fragment =
      fragments.find((f) => indexedSignature(f) === wanted) ??
      (() => {
        const loose = fragments.filter((f) => f.format("sighash") === canonical);
        return loose.length === 1 ? loose[0] : undefined;
      })();
    if (fragment === undefined) {
      throw new ManifestError(
        this.file,
        `${key}.event`,
        `event ${event} not found in ABI ${abi.name} (${abi.file})`,
      );
    }
    const filter = (n: 1 | 2 | 3): readonly string[] | null => {
      const v = raw[`topic${n}`];
      if (v === undefined || v === null) return null;
      const values = Array.isArray(v) ? v : [v];
      return values.map((t, i) => this.topic(t, `${key}.topic${n}[${i}]`));
    };
    return {
      event,
      handler: this.string(raw.handler, `${key}.handler`),
      topic0: keccakText(canonical),
      topicFilters: [filter(1), filter(2), filter(3)],
      receipt: raw.receipt === true,
      fragment,
    };
  }

  private blockHandler(value: unknown, key: string): BlockHandler {
    const raw = this.object(value, key);
    const handler = this.string(raw.handler, `${key}.handler`);
    if (raw.filter === undefined || raw.filter === null) return { handler, filter: null };
    const f = this.object(raw.filter, `${key}.filter`);
    const kind = this.string(f.kind, `${key}.filter.kind`);
    let filter: BlockHandlerFilter;
    if (kind === "polling") {
      const every = this.int(f.every, `${key}.filter.every`);
      if (every === 0) throw new ManifestError(this.file, `${key}.filter.every`, "must be at least 1");
      filter = { kind: "polling", every };
    } else if (kind === "once") {
      filter = { kind: "once" };
    } else if (kind === "call") {
      filter = { kind: "call" };
    } else {
      throw new ManifestError(this.file, `${key}.filter.kind`, `unknown block handler filter ${kind}`);
    }
    return { handler, filter };
  }
}
