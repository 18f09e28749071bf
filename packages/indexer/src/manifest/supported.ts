// Manifest keys and features this indexer does not implement are refused at start-up, naming them: ignoring
// one would index something other than what the subgraph's author asked for (a graft's base data, a search
// field) without a word. `graft:` is read by load.ts and needs a base database at start-up (src/store/graft.ts).
import { ManifestError } from "./errors.js";

/** Top-level keys of a `graph build` manifest that the indexer reads or that change nothing it computes. */
const TOP_LEVEL_KEYS = new Set([
  "specVersion",
  "schema",
  "description",
  "repository",
  "features",
  "dataSources",
  "templates",
  // Grafting: a copy of the base deployment's data, given as another local database (src/store/graft.ts).
  "graft",
  // Pruning hints: this store keeps all history, a superset of what a pruned deployment answers.
  "indexerHints",
]);

const DATA_SOURCE_KEYS = new Set(["kind", "name", "network", "source", "mapping", "context"]);
const TEMPLATE_KEYS = new Set(["kind", "name", "network", "source", "mapping", "context"]);
/** Keys of a `file/ipfs` / `file/arweave` template's mapping (graph-node's offchain `UnresolvedMapping`, abis aside). */
const FILE_MAPPING_KEYS = new Set(["kind", "apiVersion", "language", "file", "handler", "entities", "abis"]);

/** graph-node's feature names: supported ones, and why the others are refused. */
const SUPPORTED_FEATURES = new Set([
  "nonFatalErrors",
  "ipfsOnEthereumContracts",
  "fullTextSearch",
  "grafting",
]);
const REFUSED_FEATURES: Readonly<Record<string, string>> = {};

export function refuseUnsupported(file: string, root: Record<string, unknown>): void {
  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL_KEYS.has(key)) {
      throw new ManifestError(
        file,
        key,
        "not a manifest key dmex-indexer implements; refusing rather than ignoring it",
      );
    }
  }
  refuseUnknownKeys(file, root.dataSources, "dataSources", DATA_SOURCE_KEYS);
  refuseUnknownKeys(file, root.templates, "templates", TEMPLATE_KEYS);
  if (Array.isArray(root.templates)) {
    for (const [i, template] of root.templates.entries()) {
      const t = template as Record<string, unknown> | null;
      if (t === null || typeof t !== "object" || (t.kind !== "file/ipfs" && t.kind !== "file/arweave"))
        continue;
      const mapping = t.mapping;
      if (mapping === null || typeof mapping !== "object") continue;
      for (const name of Object.keys(mapping)) {
        if (!FILE_MAPPING_KEYS.has(name)) {
          throw new ManifestError(
            file,
            `templates[${i}].mapping.${name}`,
            "not a key of a file data source's mapping; refusing rather than ignoring it",
          );
        }
      }
    }
  }
  const features = Array.isArray(root.features) ? root.features : [];
  for (const [i, feature] of features.entries()) {
    if (typeof feature !== "string" || SUPPORTED_FEATURES.has(feature)) continue;
    const why = REFUSED_FEATURES[feature] ?? "not a feature dmex-indexer implements";
    throw new ManifestError(file, `features[${i}]`, `${feature}: ${why}`);
  }
}

function refuseUnknownKeys(file: string, list: unknown, key: string, known: ReadonlySet<string>): void {
  if (!Array.isArray(list)) return;
  for (const [i, item] of list.entries()) {
    if (item === null || typeof item !== "object") continue;
    for (const name of Object.keys(item)) {
      if (!known.has(name)) {
        throw new ManifestError(
          file,
          `${key}[${i}].${name}`,
          "not a manifest key dmex-indexer implements; refusing rather than ignoring it",
        );
      }
    }
  }
}
