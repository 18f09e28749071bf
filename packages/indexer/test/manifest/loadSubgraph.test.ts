// loadSubgraph over the hostfns fixture's `graph build` output, and its errors on broken copies of it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id } from "ethers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSubgraph, ManifestError } from "../../src/manifest/index.js";
import { buildFixture } from "../runtime/buildFixture.js";

let fixture: string;
const scratch: string[] = [];

beforeAll(() => {
  fixture = buildFixture("hostfns");
});

afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the build directory whose subgraph.yaml went through `edit`. */
function brokenCopy(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "manifest-"));
  scratch.push(dir);
  cpSync(join(fixture, "build"), dir, { recursive: true });
  const file = join(dir, "subgraph.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

function manifestError(path: string): ManifestError {
  try {
    loadSubgraph(path);
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error("expected a ManifestError");
}

describe("loadSubgraph", () => {
  it("reads data sources, handlers with topic0, filters, block handlers and templates", () => {
    const s = loadSubgraph(fixture);
    expect(s.manifestFile).toBe(join(fixture, "build", "subgraph.yaml"));
    expect(s.specVersion).toBe("1.3.0");
    expect(s.features).toEqual(["nonFatalErrors"]);
    expect(s.schema).toContain("type Result @entity");
    const [ds] = s.dataSources;
    expect(ds).toMatchObject({
      kind: "ethereum/contract",
      name: "Probe",
      network: "testnet",
      address: "0x00000000000000000000000000000000000000b1",
      abi: "Probe",
      startBlock: 10,
      endBlock: null,
      context: null,
    });
    expect(ds?.mapping.apiVersion).toBe("0.0.9");
    expect(ds?.mapping.file).toBe(join(fixture, "build", "Probe", "Probe.wasm"));
    expect(ds?.mapping.entities).toEqual(["Result", "Parent", "Child", "Spawned", "BlockSeen"]);
    const tagged = ds?.mapping.eventHandlers.find((h) => h.handler === "handleTagged");
    expect(tagged).toMatchObject({
      event: "Tagged(indexed address,uint256)",
      topic0: id("Tagged(address,uint256)"),
      receipt: true,
      topicFilters: [["0x00000000000000000000000000000000000000000000000000000000000007a9"], null, null],
    });
    expect(tagged?.fragment.inputs.map((p) => p.indexed)).toEqual([true, false]);
    expect(ds?.mapping.eventHandlers.find((h) => h.handler === "handleLeak")?.topic0).toBe(id("Leak()"));
    expect(ds?.mapping.blockHandlers).toEqual([
      { handler: "handleOnce", filter: { kind: "once" } },
      { handler: "handlePolling", filter: { kind: "polling", every: 2 } },
    ]);
    expect(s.templates.map((t) => [t.name, t.abi, t.network, t.mapping.eventHandlers[0]?.topic0])).toEqual([
      ["ChildSource", "Child", "testnet", id("Ping(uint256)")],
    ]);
  });

  it("accepts the build directory, the manifest file and per-data-source overrides", () => {
    const viaFile = loadSubgraph(join(fixture, "build", "subgraph.yaml"), {
      network: "localhost",
      dataSources: { Probe: { address: "0x00000000000000000000000000000000000000Cc", startBlock: 3 } },
    });
    expect(viaFile.dataSources[0]).toMatchObject({
      network: "localhost",
      address: "0x00000000000000000000000000000000000000cc",
      startBlock: 3,
    });
    expect(viaFile.templates[0]?.network).toBe("localhost");
    expect(loadSubgraph(join(fixture, "build")).dataSources[0]?.address).toBe(
      "0x00000000000000000000000000000000000000b1",
    );
  });

  it("reads a data source context", () => {
    const dir = brokenCopy((y) =>
      y.replace(
        "    network: testnet\n    source:\n      address",
        '    network: testnet\n    context:\n      tag:\n        type: String\n        data: blue\n      n:\n        type: BigInt\n        data: "12"\n    source:\n      address',
      ),
    );
    expect(loadSubgraph(dir).dataSources[0]?.context).toEqual(
      new Map([
        ["tag", { kind: "String", value: "blue" }],
        ["n", { kind: "BigInt", value: 12n }],
      ]),
    );
  });

  it("names the file and key of broken input", () => {
    const broken = brokenCopy((y) => `${y}\n  - : [unclosed`);
    expect(manifestError(broken)).toMatchObject({ file: join(broken, "subgraph.yaml"), key: "(document)" });

    const noWasm = brokenCopy((y) => y.replace("file: Probe/Probe.wasm", "file: Probe/Missing.wasm"));
    const e1 = manifestError(noWasm);
    expect(e1.key).toBe("dataSources[0].mapping.file");
    expect(e1.message).toContain("Missing.wasm");

    const kind = brokenCopy((y) =>
      y.replace("- kind: ethereum/contract\n    name: Probe", "- kind: near\n    name: Probe"),
    );
    expect(manifestError(kind).key).toBe("dataSources[0].kind");

    const abi = brokenCopy((y) => y.replace("abi: Probe", "abi: Nope"));
    const e2 = manifestError(abi);
    expect(e2.key).toBe("dataSources[0].mapping.abis");
    expect(e2.message).toContain("Nope");

    const abiFile = brokenCopy((y) => y.replace("file: Probe/Probe.json", "file: Probe/Gone.json"));
    expect(manifestError(abiFile).key).toBe("dataSources[0].mapping.abis[0].file");

    const event = brokenCopy((y) => y.replace("event: Leak()", "event: Leak(uint256)"));
    expect(manifestError(event).key).toBe("dataSources[0].mapping.eventHandlers[8].event");

    const api = brokenCopy((y) => y.replace("apiVersion: 0.0.9", "apiVersion: 0.0.4"));
    expect(manifestError(api).key).toBe("dataSources[0].mapping.apiVersion");

    expect(manifestError(join(fixture, "does-not-exist")).key).toBe("(path)");
  });

  it("refuses what it does not implement at start-up, naming it, rather than ignoring it", () => {
    // `graft:` needs `features: [grafting]` declared, as graph-node requires; declared, it is read.
    const graft = brokenCopy((y) => `${y}graft:\n  base: QmBase\n  block: 5\n`);
    const e1 = manifestError(graft);
    expect(e1.key).toBe("features");
    expect(e1.message).toMatch(
      /the feature `grafting` is used by the subgraph \(`graft:`\) but it is not declared/,
    );
    const declared = brokenCopy(
      (y) =>
        `${y.replace("  - nonFatalErrors\n", "  - nonFatalErrors\n  - grafting\n")}graft:\n  base: QmBase\n  block: 5\n`,
    );
    expect(loadSubgraph(declared).graft).toEqual({ base: "QmBase", block: 5 });
    expect(loadSubgraph(declared).features).toContain("grafting");
    const graftKey = brokenCopy(
      (y) =>
        `${y.replace("  - nonFatalErrors\n", "  - nonFatalErrors\n  - grafting\n")}graft:\n  base: QmBase\n  block: 5\n  debug: true\n`,
    );
    expect(manifestError(graftKey)).toMatchObject({ key: "graft.debug" });
    const graftBlock = brokenCopy(
      (y) =>
        `${y.replace("  - nonFatalErrors\n", "  - nonFatalErrors\n  - grafting\n")}graft:\n  base: QmBase\n  block: -1\n`,
    );
    expect(manifestError(graftBlock)).toMatchObject({ key: "graft.block" });
    expect(loadSubgraph(brokenCopy((y) => y)).graft).toBeNull();

    const unknownTop = brokenCopy((y) => `${y}pruning: 10\n`);
    expect(manifestError(unknownTop)).toMatchObject({ key: "pruning" });
    expect(manifestError(unknownTop).message).toMatch(/not a manifest key dmex-indexer implements/);

    const unknownInSource = brokenCopy((y) =>
      y.replace("    name: Probe\n", "    name: Probe\n    filter: {}\n"),
    );
    expect(manifestError(unknownInSource).key).toBe("dataSources[0].filter");

    const feature = brokenCopy((y) => y.replace("  - nonFatalErrors\n", "  - nonFatalErrors\n  - pruning\n"));
    expect(manifestError(feature)).toMatchObject({ key: "features[1]" });
    expect(manifestError(feature).message).toMatch(/pruning: not a feature dmex-indexer implements/);

    // fullTextSearch is implemented (src/schema/fulltext.ts): declared, it is accepted. A schema with
    // @fulltext under a manifest that does not declare it is refused at start-up (test/fulltext.e2e.test.ts).
    const fulltext = brokenCopy((y) =>
      y.replace("  - nonFatalErrors\n", "  - nonFatalErrors\n  - fullTextSearch\n"),
    );
    expect(loadSubgraph(fulltext).features).toContain("fullTextSearch");

    // File data sources (graph-node's `file/ipfs`, `file/arweave`) are templates only.
    const ipfsSource = brokenCopy((y) =>
      y.replace("- kind: ethereum/contract\n    name: Probe", "- kind: file/ipfs\n    name: Probe"),
    );
    expect(manifestError(ipfsSource)).toMatchObject({
      key: "dataSources[0].kind",
      message: expect.stringContaining("file/ipfs data sources can only be templates"),
    });
    // A file template has one handler and no chain handlers: this one keeps the event handlers it had.
    const arweaveTemplate = brokenCopy((y) =>
      y.replace(
        "- kind: ethereum/contract\n    name: ChildSource",
        "- kind: file/arweave\n    name: ChildSource",
      ),
    );
    expect(manifestError(arweaveTemplate)).toMatchObject({
      key: "templates[0].mapping.eventHandlers",
      message: expect.stringContaining("not a key of a file data source's mapping"),
    });

    // Pruning hints change nothing this store answers: accepted.
    expect(loadSubgraph(brokenCopy((y) => `${y}indexerHints:\n  prune: auto\n`)).specVersion).toBe("1.3.0");
  });
});
