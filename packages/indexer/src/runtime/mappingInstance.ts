import { AscHeap, type MappingExports } from "./asc/heap.js";
import { HostError } from "./errors.js";
import { hostImports } from "./host/index.js";
import type { MappingModule } from "./mappingModule.js";
import type { HandlerScope, HostServices } from "./scope.js";
import { runWithTimeLimit } from "./timeLimit.js";
import { Wasm, type WasmExports, type WasmGlobal, type WasmImports, type WasmMemory } from "./wasm.js";
import { GLOBAL_EXPORT_PREFIX } from "./wasmGlobals.js";

/** How handler runs are kept from seeing each other's state. */
export type IsolationMode = "snapshot" | "fresh-instance";

/**
 * Objects consecutive handler runs share (an event's block and transaction): runs with the same `keys`
 * (compared with `===`) may get the pointers of objects written for an earlier run instead of writing them
 * again. Each run still starts from what a fresh instance would hold plus those objects, untouched.
 */
export interface SharedArgs {
  readonly keys: readonly unknown[];
  write(heap: AscHeap): readonly number[];
}

/** A memory prefix and the mutable globals to go back to after a handler. */
interface Snapshot {
  bytes: Uint8Array;
  length: number;
  globals: { readonly global: WasmGlobal; readonly value: unknown }[];
}

interface Instantiated {
  readonly exports: WasmExports;
  readonly heap: AscHeap;
  readonly memory: WasmMemory;
}

/**
 * One live instance of a mapping. Every handler starts from the state right after `_start`: in
 * `snapshot` mode (the default) the instance's memory prefix and mutable globals are copied back after
 * each handler and the memory it allocated is zeroed, which is what a fresh instance would hold; in
 * `fresh-instance` mode a new instance is created per handler (graph-node's way, slower).
 */
export class MappingInstance {
  private current: Instantiated;
  private scope: HandlerScope | null = null;
  /** The state right after `_start`. */
  private base: Snapshot = { bytes: new Uint8Array(0), length: 0, globals: [] };
  /** The base plus the shared objects written for `keys` (its buffer is reused from one set to the next). */
  private shared: Snapshot & { keys: readonly unknown[]; pointers: readonly number[] } = {
    bytes: new Uint8Array(0),
    length: 0,
    globals: [],
    keys: [],
    pointers: [],
  };
  /** Which snapshot the instance's memory holds between runs. */
  private restoresTo: "base" | "shared" = "base";
  /** The keys of the last run's shared objects: a second run with them is worth a snapshot. */
  private lastKeys: readonly unknown[] = [];
  private readonly imports: WasmImports;
  /** The heap of an instance whose `_start` is running (module-level code may call host functions). */
  private starting: AscHeap | null = null;

  constructor(
    readonly module: MappingModule,
    services: HostServices,
    readonly isolation: IsolationMode = "snapshot",
    /** Stops a handler running longer (`TimeLimitError`); null: no limit. */
    readonly timeLimitMs: number | null = null,
  ) {
    const env = {
      services,
      heap: (): AscHeap => this.starting ?? this.current.heap,
      scope: (): HandlerScope => {
        if (this.scope === null) throw new HostError("host function called outside a handler");
        return this.scope;
      },
    };
    this.imports = module.link(hostImports(env));
    this.current = this.instantiate();
    if (isolation === "snapshot") this.takeSnapshot(this.base);
  }

  private instantiate(): Instantiated {
    const instance = new Wasm.Instance(this.module.module, this.imports);
    const exports = instance.exports;
    const memory = exports.memory;
    const newFn = exports.__new;
    const idOf = exports.id_of_type;
    if (!(memory instanceof Wasm.Memory) || typeof newFn !== "function" || typeof idOf !== "function") {
      throw new Error(
        `${this.module.file} does not export memory, __new and id_of_type (not a graph-cli build?)`,
      );
    }
    const heap = new AscHeap({
      memory,
      __new: newFn as MappingExports["__new"],
      id_of_type: idOf as MappingExports["id_of_type"],
    });
    // Module-level initialisers run in `_start` and may call host functions (e.g. a global
    // `BigInt.fromString(...)`), which must see this instance's heap, not the previous one (or none).
    const start = exports._start;
    if (typeof start === "function") {
      this.starting = heap;
      try {
        start();
      } finally {
        this.starting = null;
      }
    }
    return { exports, heap, memory };
  }

  private heapTop(): number {
    const allocate = this.current.exports.allocate;
    if (typeof allocate === "function") {
      try {
        return (allocate as (n: number) => number)(0);
      } catch {
        // fall through: zero everything above the snapshot
      }
    }
    return this.current.memory.buffer.byteLength;
  }

  private takeSnapshot(into: Snapshot): void {
    into.globals = Object.entries(this.current.exports)
      .filter(([name, value]) => name.startsWith(GLOBAL_EXPORT_PREFIX) && value instanceof Wasm.Global)
      .map(([, value]) => {
        const global = value as WasmGlobal;
        return { global, value: global.value };
      });
    // Read the allocation pointer after the globals were saved, so the probe's own allocation is undone.
    const memory = new Uint8Array(this.current.memory.buffer);
    const top = Math.min(this.heapTop() + 64, memory.length);
    if (into.bytes.length < top) into.bytes = new Uint8Array(Math.max(top, into.bytes.length * 2));
    into.bytes.set(memory.subarray(0, top));
    into.length = top;
  }

  private restore(to: Snapshot): void {
    const top = this.heapTop();
    for (const g of to.globals) g.global.value = g.value;
    const memory = new Uint8Array(this.current.memory.buffer);
    memory.set(to.bytes.subarray(0, to.length));
    const end = Math.min(memory.length, top + 64);
    if (end > to.length) memory.fill(0, to.length, end);
  }

  /** The pointers of `args`' objects, written now or kept from an earlier run. */
  private sharedPointers(args: SharedArgs): readonly number[] {
    const heap = this.current.heap;
    if (this.isolation !== "snapshot") return args.write(heap);
    if (this.restoresTo === "shared" && sameKeys(this.shared.keys, args.keys)) return this.shared.pointers;
    if (this.restoresTo === "shared") {
      this.restore(this.base);
      this.restoresTo = "base";
    }
    const pointers = args.write(heap);
    // Only a second run with the same keys keeps them: a snapshot per transaction of one event would cost
    // more than it saves.
    if (sameKeys(this.lastKeys, args.keys)) {
      this.takeSnapshot(this.shared);
      this.shared.keys = args.keys;
      this.shared.pointers = pointers;
      this.restoresTo = "shared";
    }
    this.lastKeys = args.keys;
    return pointers;
  }

  hasExport(name: string): boolean {
    return typeof this.current.exports[name] === "function";
  }

  /**
   * Runs `handler` with the argument `buildArg` writes into the instance (given the pointers of `shared`'s
   * objects), then restores the instance.
   */
  run(
    scope: HandlerScope,
    handler: string,
    buildArg: (heap: AscHeap, shared: readonly number[]) => number,
    shared?: SharedArgs,
  ): void {
    if (this.isolation === "fresh-instance") this.current = this.instantiate();
    const fn = this.current.exports[handler];
    if (typeof fn !== "function")
      throw new HostError(`the mapping does not export a function named ${handler}`);
    this.scope = scope;
    try {
      if (shared === undefined) {
        if (this.restoresTo === "shared") {
          this.restore(this.base);
          this.restoresTo = "base";
        }
        this.lastKeys = [];
      }
      const pointers = shared === undefined ? [] : this.sharedPointers(shared);
      const arg = buildArg(this.current.heap, pointers);
      if (this.timeLimitMs === null) fn(arg);
      else runWithTimeLimit(() => fn(arg), this.timeLimitMs);
    } finally {
      this.scope = null;
      if (this.isolation === "snapshot") this.restore(this.restoresTo === "shared" ? this.shared : this.base);
    }
  }
}

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
