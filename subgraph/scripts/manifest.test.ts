import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import {
  DEFAULT_NETWORK,
  loadDeployment,
  manifestView,
  readAbi,
  renderManifest,
  SUBGRAPH_ROOT,
  selectNetwork,
  TEMPLATE_PATH,
  writeManifest,
} from "./manifest.mjs";

// The parts of subgraph.yaml the tests look at.
interface EventHandler {
  event: string;
  handler: string;
}
interface DataSource {
  kind: string;
  name: string;
  network: string;
  source: { address: string; abi: string; startBlock: number };
  mapping: {
    apiVersion: string;
    language: string;
    file: string;
    entities: string[];
    abis: { name: string; file: string }[];
    eventHandlers: EventHandler[];
  };
}
interface Manifest {
  specVersion: string;
  schema: { file: string };
  dataSources: DataSource[];
}

interface AbiParam {
  name: string;
  type: string;
  indexed?: boolean;
  components?: AbiParam[];
}
interface AbiEntry {
  type: string;
  name?: string;
  inputs?: AbiParam[];
}

const TEST_ADDRESS = "0x1234567890AbcdEF1234567890aBcdef12345678";

function record(
  network: string,
  chainId: number,
  address: string,
  blockNumber: number,
  startBlock = blockNumber,
) {
  return {
    chainId,
    network,
    startBlock,
    contracts: { DmcToken: { address, blockNumber, transactionHash: `0x${"ab".repeat(32)}` } },
    created: [],
  };
}

function dataSource(manifest: Manifest, name: string): DataSource {
  const found = manifest.dataSources.find((d) => d.name === name);
  if (!found) throw new Error(`no data source ${name}`);
  return found;
}

/**
 * The event signature graph-cli and graph-node expect in `eventHandlers[].event`: the ABI's parameter types,
 * `indexed ` before indexed ones, tuples as parenthesised component lists.
 */
function eventSignature(event: AbiEntry): string {
  const param = (p: AbiParam): string => {
    const tuple = /^tuple((?:\[\d*\])*)$/.exec(p.type);
    const type = tuple ? `(${(p.components ?? []).map(param).join(",")})${tuple[1] ?? ""}` : p.type;
    return `${p.indexed ? "indexed " : ""}${type}`;
  };
  return `${event.name}(${(event.inputs ?? []).map(param).join(",")})`;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dmex-subgraph-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("selectNetwork", () => {
  it("prefers --network, then DMEX_NETWORK, then localhost", () => {
    expect(selectNetwork(["--network", "sepolia"], { DMEX_NETWORK: "mainnet" })).toBe("sepolia");
    expect(selectNetwork(["--network=sepolia"], {})).toBe("sepolia");
    expect(selectNetwork([], { DMEX_NETWORK: "mainnet" })).toBe("mainnet");
    expect(selectNetwork([], {})).toBe("localhost");
    expect(DEFAULT_NETWORK).toBe("localhost");
  });

  it("rejects --network without a value", () => {
    expect(() => selectNetwork(["--network"], {})).toThrow(/--network needs a value/);
  });
});

describe("loadDeployment", () => {
  it("picks the record whose network matches, whatever its file name", async () => {
    await writeFile(join(dir, "31337.json"), JSON.stringify(record("localhost", 31337, TEST_ADDRESS, 1)));
    await writeFile(join(dir, "4242.json"), JSON.stringify(record("dmex-test", 4242, TEST_ADDRESS, 77)));
    const { file, record: found } = await loadDeployment("dmex-test", dir);
    expect(file).toBe(join(dir, "4242.json"));
    expect(found.chainId).toBe(4242);
  });

  it("fails naming the file it looked for when the record is missing", async () => {
    await expect(loadDeployment("localhost", dir)).rejects.toThrow(
      `no deployment record for network "localhost": looked for ${join(dir, "31337.json")}`,
    );
    await expect(loadDeployment("localhost", join(dir, "absent"))).rejects.toThrow(
      join(dir, "absent", "31337.json"),
    );
    await expect(loadDeployment("chain-5", dir)).rejects.toThrow(join(dir, "5.json"));
  });

  it("fails when no record is for the network, listing the ones it found", async () => {
    await writeFile(join(dir, "31337.json"), JSON.stringify(record("localhost", 31337, TEST_ADDRESS, 1)));
    const failure = loadDeployment("sepolia", dir);
    await expect(failure).rejects.toThrow(join(dir, "<chainId>.json"));
    await expect(loadDeployment("sepolia", dir)).rejects.toThrow(
      'found only 31337.json (network "localhost")',
    );
  });
});

describe("manifestView", () => {
  it("rejects a record without a usable DmcToken address or block", () => {
    expect(() => manifestView(record("localhost", 31337, "0x1234", 1), "x.json")).toThrow(
      "x.json: invalid DmcToken address",
    );
    expect(() => manifestView(record("localhost", 31337, TEST_ADDRESS, -1), "x.json")).toThrow(
      "x.json: invalid DmcToken start block",
    );
    expect(() =>
      manifestView({ ...record("localhost", 31337, TEST_ADDRESS, 1), contracts: {} }, "x.json"),
    ).toThrow("x.json has no contracts.DmcToken");
  });
});

describe("writeManifest", () => {
  it("renders the record's network, address and start block into subgraph.yaml and copies the ABI", async () => {
    const deployments = join(dir, "deployments");
    const root = join(dir, "subgraph");
    await mkdir(deployments);
    await mkdir(root);
    await writeFile(join(root, "subgraph.template.yaml"), await readFile(TEMPLATE_PATH, "utf8"));
    await writeFile(
      join(deployments, "31337.json"),
      JSON.stringify(record("localhost", 31337, TEST_ADDRESS, 5)),
    );
    await writeFile(
      join(deployments, "4242.json"),
      // The data source starts at DmcToken's own block, not at the record's (earlier) first DMEX block.
      JSON.stringify(record("dmex-test", 4242, "0x00000000000000000000000000000000000000aA", 1234, 1000)),
    );

    await writeManifest({ network: "dmex-test", deploymentsDir: deployments, root });

    const manifest = parseYaml(await readFile(join(root, "subgraph.yaml"), "utf8")) as Manifest;
    expect(manifest.specVersion).toBe("1.3.0");
    const token = dataSource(manifest, "DmcToken");
    expect(token.network).toBe("dmex-test");
    expect(token.source.address).toBe("0x00000000000000000000000000000000000000aA");
    expect(token.source.startBlock).toBe(1234);
    expect(token.mapping.apiVersion).toBe("0.0.9");
    expect(token.mapping.language).toBe("wasm/assemblyscript");

    const copied = JSON.parse(await readFile(join(root, "abis", "DmcToken.json"), "utf8"));
    expect(copied).toEqual(await readAbi("DmcToken"));
  });

  it("leaves no manifest behind when the record is missing", async () => {
    const root = join(dir, "subgraph");
    await mkdir(root);
    await writeFile(join(root, "subgraph.template.yaml"), await readFile(TEMPLATE_PATH, "utf8"));
    await expect(writeManifest({ network: "localhost", deploymentsDir: dir, root })).rejects.toThrow(
      join(dir, "31337.json"),
    );
    await expect(readFile(join(root, "subgraph.yaml"), "utf8")).rejects.toThrow(/ENOENT/);
  });
});

describe("subgraph.template.yaml", () => {
  async function rendered(): Promise<Manifest> {
    const template = await readFile(TEMPLATE_PATH, "utf8");
    const view = manifestView(record("localhost", 31337, TEST_ADDRESS, 1));
    return parseYaml(renderManifest(template, view)) as Manifest;
  }

  it("inserts values verbatim, without HTML escaping", () => {
    const out = renderManifest("a: {{{network}}}\nb: {{dmcToken.address}}\n", {
      network: "a-b",
      chainId: 1,
      dmcToken: { address: "0x&<>", startBlock: 0 },
    });
    expect(out).toBe("a: a-b\nb: 0x&<>\n");
  });

  it("has a handler, with the ABI's exact event signature, for every event the mappings handle", async () => {
    const token = dataSource(await rendered(), "DmcToken");
    const abi = (await readAbi("DmcToken")) as AbiEntry[];
    const abiEvents = new Map(abi.filter((e) => e.type === "event").map((e) => [e.name, e]));
    const mappingFile = join(SUBGRAPH_ROOT, token.mapping.file);
    const source = await readFile(mappingFile, "utf8");

    // Event classes the mapping imports from the generated ABI bindings: local name -> ABI event name.
    const importBlock = /import\s*\{([^}]*)\}\s*from\s*"\.\.\/\.\.\/generated\/DmcToken\/DmcToken"/.exec(
      source,
    );
    expect(importBlock, "the mapping imports event classes from generated/DmcToken/DmcToken").not.toBeNull();
    const eventClasses = new Map<string, string>();
    for (const spec of (importBlock?.[1] ?? "").split(",")) {
      const [original, alias] = spec.trim().split(/\s+as\s+/);
      if (original) eventClasses.set(alias ?? original, original);
    }

    // Exported handlers: handler name -> ABI event name.
    const handlers = new Map<string, string>();
    for (const match of source.matchAll(/export function (\w+)\(\s*event:\s*(\w+)\s*\)/g)) {
      const [, handler, eventClass] = match;
      if (!handler || !eventClass) continue;
      const eventName = eventClasses.get(eventClass);
      expect(eventName, `${handler} takes ${eventClass}, not an event of the DmcToken ABI`).toBeDefined();
      handlers.set(handler, eventName ?? "");
    }
    expect(handlers.size).toBeGreaterThanOrEqual(5);

    const expected = [...handlers].map(([handler, eventName]) => {
      const event = abiEvents.get(eventName);
      if (!event) throw new Error(`${handler} handles ${eventName}, which the DmcToken ABI does not have`);
      return { event: eventSignature(event), handler };
    });
    const byHandler = (a: EventHandler, b: EventHandler) => a.handler.localeCompare(b.handler);
    // Same set both ways: no handled event is missing from the manifest, and no manifest handler is missing
    // from the mapping.
    expect([...token.mapping.eventHandlers].sort(byHandler)).toEqual(expected.sort(byHandler));
    expect(new Set(token.mapping.eventHandlers.map((h) => h.event)).size).toBe(expected.length);

    // The five DMEX events are all there, spelled as graph-cli expects.
    expect(token.mapping.eventHandlers.map((h) => h.event)).toEqual(
      expect.arrayContaining([
        "Transfer(indexed address,indexed address,uint256)",
        "DelegateChanged(indexed address,indexed address,indexed address)",
        "DelegateVotesChanged(indexed address,uint256,uint256)",
        "GenesisAllocation(indexed address,uint256,uint8)",
        "VestingTrancheCreated(indexed address,indexed address,uint256,uint64,uint64,uint64)",
      ]),
    );
  });

  it("names the ABI it is built against and every entity of the schema", async () => {
    const token = dataSource(await rendered(), "DmcToken");
    expect(token.source.abi).toBe("DmcToken");
    expect(token.mapping.abis).toEqual([{ name: "DmcToken", file: "./abis/DmcToken.json" }]);
    const schema = await readFile(join(SUBGRAPH_ROOT, "schema.graphql"), "utf8");
    const entities = [...schema.matchAll(/^type (\w+) @entity/gm)].map((m) => m[1]);
    expect([...token.mapping.entities].sort()).toEqual(entities.sort());
  });
});
