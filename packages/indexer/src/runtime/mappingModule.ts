import { readFileSync } from "node:fs";
import { MissingHostImportError } from "./errors.js";
import type { HostFunctions } from "./scope.js";
import { Wasm, type WasmImports, type WasmModule } from "./wasm.js";
import { exportMutableGlobals } from "./wasmGlobals.js";

/** A compiled mapping (`.wasm`), compiled once and checked against the host's functions. */
export class MappingModule {
  private constructor(
    readonly file: string,
    readonly module: WasmModule,
  ) {}

  /** Throws `MissingHostImportError` for the first import the host does not provide. */
  static load(file: string, host: HostFunctions): MappingModule {
    const loaded = new MappingModule(file, new Wasm.Module(exportMutableGlobals(readFileSync(file))));
    loaded.link(host);
    return loaded;
  }

  /** The import object for an instance: each import resolved by name. */
  link(host: HostFunctions): WasmImports {
    const imports: WasmImports = {};
    for (const imp of Wasm.Module.imports(this.module)) {
      const fn = host[imp.name];
      if (imp.kind !== "function" || fn === undefined)
        throw new MissingHostImportError(this.file, imp.module, imp.name);
      imports[imp.module] ??= {};
      const target = imports[imp.module];
      if (target !== undefined) target[imp.name] = fn;
    }
    return imports;
  }
}
