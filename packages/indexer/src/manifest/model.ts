import type { EventFragment, FunctionFragment, Interface } from "ethers";
import type { EntityData } from "../types.js";

export interface AbiRef {
  readonly name: string;
  readonly file: string;
  readonly abi: Interface;
}

export interface EventHandler {
  /** The manifest's signature, e.g. `Transfer(indexed address,indexed address,uint256)`. */
  readonly event: string;
  readonly handler: string;
  /** Lowercase `0x…` keccak256 of the canonical signature (`indexed ` stripped). */
  readonly topic0: string;
  /** `topic1`…`topic3` filters (lowercase 32-byte hex); null where the manifest has none. */
  readonly topicFilters: readonly [
    readonly string[] | null,
    readonly string[] | null,
    readonly string[] | null,
  ];
  readonly receipt: boolean;
  /** The ABI's event, whose `indexed` flags decide how the log decodes. */
  readonly fragment: EventFragment;
}

export type BlockHandlerFilter =
  | { readonly kind: "polling"; readonly every: number }
  | { readonly kind: "once" }
  | { readonly kind: "call" }
  | null;

export interface BlockHandler {
  readonly handler: string;
  readonly filter: BlockHandlerFilter;
}

export interface CallHandler {
  readonly function: string;
  readonly handler: string;
  /** Lowercase `0x…` 4-byte selector. */
  readonly selector: string;
  /**
   * The data source ABI's payable or non-payable function whose `name(types)` is `function`, which decodes
   * the call's input and output (graph-node's `contract_function_with_signature`); null when there is none.
   */
  readonly fragment: FunctionFragment | null;
}

export interface Mapping {
  readonly kind: string;
  readonly apiVersion: string;
  readonly language: string;
  /** Absolute path of the compiled module. */
  readonly file: string;
  readonly entities: readonly string[];
  readonly abis: readonly AbiRef[];
  readonly eventHandlers: readonly EventHandler[];
  readonly blockHandlers: readonly BlockHandler[];
  readonly callHandlers: readonly CallHandler[];
}

interface DataSourceBase {
  readonly kind: "ethereum/contract" | "ethereum";
  readonly name: string;
  readonly network: string;
  readonly mapping: Mapping;
}

export interface StaticDataSource extends DataSourceBase {
  /** Lowercase `0x…`; null for a data source without an address (matches any contract). */
  readonly address: string | null;
  readonly abi: string;
  readonly startBlock: number;
  readonly endBlock: number | null;
  readonly context: EntityData | null;
}

export interface Template extends DataSourceBase {
  readonly abi: string;
}

/** graph-node's file data source kinds (offchain data sources). */
export type FileKind = "file/ipfs" | "file/arweave";

/**
 * A `file/ipfs` or `file/arweave` template: `dataSource.create(name, [source])` makes a data source whose one
 * `handler(content: Bytes)` runs with the file's bytes (src/files/). `mapping` has no chain handlers; its
 * `entities` are the only types the handler may read or write.
 */
export interface FileTemplate {
  readonly kind: FileKind;
  readonly name: string;
  readonly network: string | null;
  readonly mapping: Mapping;
  readonly handler: string;
}

/** `graft:`: start from a copy of the base deployment's data as of `block`, then index from `block + 1`. */
export interface Graft {
  /** The base deployment's id as the manifest names it (graph-node: its IPFS hash). */
  readonly base: string;
  readonly block: number;
}

export interface Subgraph {
  /** The directory holding `subgraph.yaml`. */
  readonly dir: string;
  readonly manifestFile: string;
  readonly specVersion: string;
  readonly features: readonly string[];
  readonly schemaFile: string;
  /** The schema's SDL text. */
  readonly schema: string;
  readonly dataSources: readonly StaticDataSource[];
  readonly templates: readonly Template[];
  /** The `file/ipfs` and `file/arweave` templates, in manifest order. */
  readonly fileTemplates: readonly FileTemplate[];
  /** The manifest's `graft:`, null without one (see src/store/graft.ts). */
  readonly graft: Graft | null;
}
