// The WebAssembly JS API, typed locally: the package compiles against ES2023 + Node types, which
// (for Node 20) do not declare the `WebAssembly` global.

export interface WasmModule {
  readonly __wasmModule: true;
}

export interface WasmImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: "function" | "table" | "memory" | "global" | "tag";
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmGlobal {
  value: unknown;
}

export type WasmExports = Record<string, unknown>;

export type WasmImports = Record<string, Record<string, unknown>>;

interface WasmApi {
  Module: (new (
    bytes: Uint8Array,
  ) => WasmModule) & {
    imports(module: WasmModule): WasmImportDescriptor[];
    exports(module: WasmModule): { readonly name: string; readonly kind: string }[];
  };
  Instance: new (module: WasmModule, imports: WasmImports) => { readonly exports: WasmExports };
  Memory: abstract new (...args: never[]) => WasmMemory;
  Global: abstract new (...args: never[]) => WasmGlobal;
  RuntimeError: abstract new (...args: never[]) => Error;
}

export const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
