import { AscHeap, type MappingExports } from "./asc/heap.js";
import { HostError } from "./errors.js";
import { hostImports } from "./host/index.js";
import type { MappingModule } from "./mappingModule.js";
import type { HandlerScope, HostServices } from "./scope.js";
import { Wasm, type WasmExports, type WasmGlobal, type WasmImports, type WasmMemory } from "./wasm.js";
import { GLOBAL_EXPORT_PREFIX } from "./wasmGlobals.js";

/** How handler runs are kept from seeing each other's state. */
export type IsolationMode = "snapshot" | "fresh-instance";

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
  private snapshot: Uint8Array = new Uint8Array(0);
  private globals: { readonly global: WasmGlobal; readonly value: unknown }[] = [];
  private readonly imports: WasmImports;

  constructor(
    readonly module: MappingModule,
    services: HostServices,
    readonly isolation: IsolationMode = "snapshot",
  ) {
    const env = {
      services,
      heap: (): AscHeap => this.current.heap,
      scope: (): HandlerScope => {
        if (this.scope === null) throw new HostError("host function called outside a handler");
        return this.scope;
      },
    };
    this.imports = module.link(hostImports(env));
    this.current = this.instantiate();
    if (isolation === "snapshot") this.takeSnapshot();
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
    const start = exports._start;
    if (typeof start === "function") start();
    const heap = new AscHeap({
      memory,
      __new: newFn as MappingExports["__new"],
      id_of_type: idOf as MappingExports["id_of_type"],
    });
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

  private takeSnapshot(): void {
    this.globals = Object.entries(this.current.exports)
      .filter(([name, value]) => name.startsWith(GLOBAL_EXPORT_PREFIX) && value instanceof Wasm.Global)
      .map(([, value]) => {
        const global = value as WasmGlobal;
        return { global, value: global.value };
      });
    // Read the allocation pointer after the globals were saved, so the probe's own allocation is undone.
    const top = Math.min(this.heapTop() + 64, this.current.memory.buffer.byteLength);
    this.snapshot = new Uint8Array(this.current.memory.buffer).slice(0, top);
  }

  private restore(): void {
    const top = this.heapTop();
    for (const g of this.globals) g.global.value = g.value;
    const memory = new Uint8Array(this.current.memory.buffer);
    memory.set(this.snapshot);
    const end = Math.min(memory.length, top + 64);
    if (end > this.snapshot.length) memory.fill(0, this.snapshot.length, end);
  }

  hasExport(name: string): boolean {
    return typeof this.current.exports[name] === "function";
  }

  /** Runs `handler` with the argument `buildArg` writes into the instance, then restores the instance. */
  run(scope: HandlerScope, handler: string, buildArg: (heap: AscHeap) => number): void {
    if (this.isolation === "fresh-instance") this.current = this.instantiate();
    const fn = this.current.exports[handler];
    if (typeof fn !== "function")
      throw new HostError(`the mapping does not export a function named ${handler}`);
    this.scope = scope;
    try {
      fn(buildArg(this.current.heap));
    } finally {
      this.scope = null;
      if (this.isolation === "snapshot") this.restore();
    }
  }
}
