import type { Interface } from "ethers";
import type { AbiRef, FileTemplate, Template } from "../manifest/index.js";
import type { BlockHeader, DynamicDataSource, EntityData, EntityWriter, Logger } from "../types.js";
import type { AscHeap } from "./asc/heap.js";
import type { SyncChain } from "./syncChain.js";

/** A data source as handlers see it (`dataSource.*`): static or created from a template. */
export interface ActiveDataSource {
  readonly name: string;
  /** Lowercase `0x…`, or null for a data source without an address. */
  readonly address: string | null;
  readonly network: string;
  readonly context: EntityData | null;
  readonly abis: readonly AbiRef[];
  readonly startBlock: number;
  /** A file data source's source (CID or Arweave id, `dataSource.stringParam()`); absent for chain ones. */
  readonly fileSource?: string;
}

/** What host functions act on while one handler runs. */
export interface HandlerScope {
  readonly writer: EntityWriter;
  readonly block: BlockHeader;
  readonly dataSource: ActiveDataSource;
  readonly handler: string;
  /** Data sources created so far in this block (host calls append). */
  readonly created: DynamicDataSource[];
}

export interface HostServices {
  readonly chain: SyncChain | null;
  readonly ipfsGateway: string | null;
  readonly logger: Logger | null;
  readonly templates: readonly Template[];
  readonly fileTemplates: readonly FileTemplate[];
}

/** The per-instance environment host functions close over. */
export interface HostEnv {
  readonly services: HostServices;
  heap(): AscHeap;
  scope(): HandlerScope;
}

export function findAbi(scope: HandlerScope, name: string): Interface | undefined {
  return scope.dataSource.abis.find((a) => a.name === name)?.abi;
}

/** A host function as WebAssembly calls it: i32 pointers/values in, a pointer, value or nothing out. */
export type HostFunction = (...args: number[]) => unknown;
export type HostFunctions = Record<string, HostFunction>;
