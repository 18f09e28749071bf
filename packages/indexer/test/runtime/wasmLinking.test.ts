// Load-time linking: an import the host lacks is reported with its module and name before anything runs;
// the global-exporting rewrite the snapshot isolation relies on keeps modules valid.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSubgraph } from "../../src/manifest/index.js";
import { MissingHostImportError, SubgraphRuntime } from "../../src/runtime/index.js";
import { exportMutableGlobals } from "../../src/runtime/wasmGlobals.js";
import { buildFixture } from "./buildFixture.js";

const name = (s: string): number[] => [s.length, ...Buffer.from(s, "utf8")];
const section = (id: number, body: number[]): number[] => [id, body.length, ...body];
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module importing `module.field` as a `() -> ()` function. */
function importingModule(module: string, field: string): Uint8Array {
  return Uint8Array.from([
    ...HEADER,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...name(module), ...name(field), 0x00, 0]),
  ]);
}

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe("linking", () => {
  it("fails at load time naming the module and import the host lacks", () => {
    const dir = mkdtempSync(join(tmpdir(), "linking-"));
    scratch.push(dir);
    cpSync(join(buildFixture("hostfns"), "build"), dir, { recursive: true });
    writeFileSync(join(dir, "Probe", "Probe.wasm"), importingModule("index", "store.nonexistent"));
    const subgraph = loadSubgraph(dir);
    let error: unknown;
    try {
      new SubgraphRuntime(subgraph);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingHostImportError);
    expect(error).toMatchObject({ module: "index", importName: "store.nonexistent" });
    expect(String(error)).toContain("index.store.nonexistent");
  });

  it("fails at load time when the module lacks a handler the manifest names", () => {
    const dir = mkdtempSync(join(tmpdir(), "linking-"));
    scratch.push(dir);
    cpSync(join(buildFixture("hostfns"), "build"), dir, { recursive: true });
    const manifest = join(dir, "subgraph.yaml");
    writeFileSync(
      manifest,
      readFileSync(manifest, "utf8").replace("handler: handleLeak", "handler: handleNothing"),
    );
    expect(() => new SubgraphRuntime(loadSubgraph(dir))).toThrow(
      expect.objectContaining({
        name: "ManifestError",
        key: "Probe.mapping.eventHandlers",
        message: expect.stringContaining("handleNothing"),
      }),
    );
  });

  it("exports mutable globals (and only those) so their values can be saved and restored", () => {
    // Globals: a mutable i32 (42), an immutable i32 (7), a mutable i64 (-5); one existing function export.
    const wasm = Uint8Array.from([
      ...HEADER,
      ...section(1, [1, 0x60, 0, 1, 0x7f]),
      ...section(3, [1, 0]),
      ...section(6, [3, 0x7f, 1, 0x41, 42, 0x0b, 0x7f, 0, 0x41, 7, 0x0b, 0x7e, 1, 0x42, 0x7b, 0x0b]),
      ...section(7, [1, ...name("get"), 0x00, 0]),
      ...section(10, [1, 4, 0, 0x23, 0, 0x0b]),
    ]);
    const api = (
      globalThis as unknown as {
        WebAssembly: {
          Module: new (b: Uint8Array) => unknown;
          Instance: new (
            m: unknown,
            i: object,
          ) => { exports: Record<string, { value: unknown } | (() => number)> };
        };
      }
    ).WebAssembly;
    const instance = new api.Instance(new api.Module(exportMutableGlobals(wasm)), {});
    const exports = instance.exports;
    expect(Object.keys(exports).sort()).toEqual(["__global_0", "__global_2", "get"]);
    const g0 = exports.__global_0 as { value: unknown };
    expect(g0.value).toBe(42);
    expect((exports.__global_2 as { value: unknown }).value).toBe(-5n);
    g0.value = 9;
    expect((exports.get as () => number)()).toBe(9);
  });
});
