import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import {
  DATASOURCES_DIR,
  DEFAULT_NETWORK,
  DEPLOYMENTS_DIR,
  joinSchema,
  loadDeployment,
  manifestView,
  readAbi,
  readDataSourceTemplates,
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

/**
 * Events a data source does not handle, each with the reason. Everything else in its ABI must have a handler
 * (the test below fails both ways: an event neither handled nor listed, or a listed event that is handled).
 */
const UNHANDLED_EVENTS: Record<string, Record<string, string>> = {
  DmcToken: {
    "EIP712DomainChanged()": "DmcToken's EIP-712 domain is fixed at construction; the event is never emitted",
  },
  DmexGovernor: {
    "EIP712DomainChanged()": "OpenZeppelin's EIP712 never emits it; the domain is fixed at construction",
  },
  Marketplace: {
    "RoleAdminChanged(indexed bytes32,indexed bytes32,indexed bytes32)":
      "the Marketplace never calls _setRoleAdmin; every role's admin stays DEFAULT_ADMIN_ROLE",
  },
  RiskControlVault: {
    "RoleAdminChanged(indexed bytes32,indexed bytes32,indexed bytes32)":
      "the vault never calls _setRoleAdmin; every role's admin stays DEFAULT_ADMIN_ROLE",
  },
  // Added with the stake holds and the derived unbonding (issue 15); the subgraph does not index them yet, so a
  // page reads a miner's holds from the registry (`stakeHolds`). Indexing them is the subgraph's next step.
  MinerRegistry: {
    "GovernorSet(indexed address,indexed address)":
      "set once in the genesis batch; the governor's address is in the deployment record",
    "StakeHeld(indexed address,indexed address,indexed uint256,bool,uint256)":
      "not indexed yet: the registry's stakeHolds(miner) is the source until the subgraph follows issue 15",
    "StakeReleased(indexed address,indexed address,indexed uint256,uint256,uint256)":
      "not indexed yet: the registry's stakeHolds(miner) is the source until the subgraph follows issue 15",
  },
  YieldOracle: {
    "ValueBoundsSet(indexed uint256,uint128,uint128)":
      "not indexed yet (issue 15's per-coin bounds): a DAO parameter the pages read from the oracle",
  },
  DmexTimelock: {
    "RoleAdminChanged(indexed bytes32,indexed bytes32,indexed bytes32)":
      "TimelockController never calls _setRoleAdmin after construction's defaults; every role's admin stays DEFAULT_ADMIN_ROLE",
  },
};

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
  it("rejects a record with an unusable contract address or block, naming the contract", () => {
    expect(() => manifestView(record("localhost", 31337, "0x1234", 1), "x.json")).toThrow(
      "x.json: invalid DmcToken address",
    );
    expect(() => manifestView(record("localhost", 31337, TEST_ADDRESS, -1), "x.json")).toThrow(
      "x.json: invalid DmcToken start block",
    );
  });

  it("gives every contract its own start block, falling back to the record's", () => {
    const view = manifestView({
      chainId: 1,
      network: "mainnet",
      startBlock: 10,
      contracts: {
        DmcToken: { address: TEST_ADDRESS, blockNumber: 12 },
        Marketplace: { address: TEST_ADDRESS } as { address: string; blockNumber: number },
      },
    });
    expect(view.contracts).toEqual({
      DmcToken: { address: TEST_ADDRESS, startBlock: 12 },
      Marketplace: { address: TEST_ADDRESS, startBlock: 10 },
    });
  });
});

describe("writeManifest", () => {
  it("renders the record's network, address and start block into subgraph.yaml and copies the ABI", async () => {
    const deployments = join(dir, "deployments");
    const root = join(dir, "subgraph");
    await mkdir(deployments);
    await mkdir(root);
    await writeFile(
      join(root, "subgraph.template.yaml"),
      "specVersion: 1.3.0\ndataSources:\n  {{> DmcToken}}\n",
    );
    await mkdir(join(root, "datasources"));
    await mkdir(join(root, "schema"));
    await writeFile(
      join(root, "datasources", "DmcToken.yaml"),
      await readFile(join(DATASOURCES_DIR, "DmcToken.yaml"), "utf8"),
    );
    await writeFile(join(root, "schema", "b.graphql"), "type B @entity(immutable: true) { id: Bytes! }\n");
    await writeFile(join(root, "schema", "a.graphql"), "type A @entity(immutable: true) { id: Bytes! }\n");
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

    // The schema parts are joined in file-name order.
    const schema = await readFile(join(root, "schema.graphql"), "utf8");
    expect(schema.indexOf("type A")).toBeGreaterThan(0);
    expect(schema.indexOf("type B")).toBeGreaterThan(schema.indexOf("type A"));
  });

  it("fails naming the data source template that needs a contract the record lacks", async () => {
    const deployments = join(dir, "deployments");
    const root = join(dir, "subgraph");
    await mkdir(join(root, "datasources"), { recursive: true });
    await mkdir(join(root, "schema"));
    await mkdir(deployments);
    await writeFile(join(root, "subgraph.template.yaml"), "dataSources:\n  {{> Market}}\n");
    await writeFile(
      join(root, "datasources", "Market.yaml"),
      '- name: Market\n  source:\n    address: "{{{contracts.Marketplace.address}}}"\n',
    );
    await writeFile(join(root, "schema", "a.graphql"), "type A @entity(immutable: true) { id: Bytes! }\n");
    await writeFile(
      join(deployments, "31337.json"),
      JSON.stringify(record("localhost", 31337, TEST_ADDRESS, 5)),
    );
    await expect(writeManifest({ network: "localhost", deploymentsDir: deployments, root })).rejects.toThrow(
      "datasources/Market.yaml needs contract Marketplace, which the deployment record lacks",
    );
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
    const { record: local } = await loadDeployment("localhost", DEPLOYMENTS_DIR);
    const view = manifestView(local);
    return parseYaml(renderManifest(template, view, await readDataSourceTemplates())) as Manifest;
  }

  it("inserts values verbatim, without HTML escaping", () => {
    const out = renderManifest("a: {{{network}}}\nb: {{contracts.X.address}}\n", {
      network: "a-b",
      chainId: 1,
      contracts: { X: { address: "0x&<>", startBlock: 0 } },
    });
    expect(out).toBe("a: a-b\nb: 0x&<>\n");
  });

  it("includes every data source template, each at its deployed contract", async () => {
    const manifest = await rendered();
    const templates = [...(await readDataSourceTemplates()).keys()];
    expect(manifest.dataSources.map((d) => d.name).sort()).toEqual(templates.sort());
    const { record: local } = await loadDeployment("localhost", DEPLOYMENTS_DIR);
    for (const ds of manifest.dataSources) {
      const deployed = local.contracts[ds.name];
      expect(deployed, `${ds.name} is a deployed contract`).toBeDefined();
      expect({ name: ds.name, address: ds.source.address, startBlock: ds.source.startBlock }).toEqual({
        name: ds.name,
        address: deployed?.address,
        startBlock: deployed?.blockNumber,
      });
    }
  });

  it("has a handler, with the ABI's exact event signature, for every event each mapping handles", async () => {
    for (const ds of (await rendered()).dataSources) {
      const abi = (await readAbi(ds.source.abi)) as AbiEntry[];
      const abiEvents = new Map(abi.filter((e) => e.type === "event").map((e) => [e.name, e]));
      const source = await readFile(join(SUBGRAPH_ROOT, ds.mapping.file), "utf8");

      // Event classes the mapping imports from the generated ABI bindings: local name -> ABI event name.
      const bindings = `../../generated/${ds.name}/${ds.source.abi}`;
      const importBlock = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*"${bindings}"`).exec(source);
      expect(importBlock, `${ds.mapping.file} imports event classes from ${bindings}`).not.toBeNull();
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
        expect(
          eventName,
          `${ds.name}.${handler} takes ${eventClass}, not an event of ${ds.source.abi}`,
        ).toBeDefined();
        handlers.set(handler, eventName ?? "");
      }

      const expected = [...handlers].map(([handler, eventName]) => {
        const event = abiEvents.get(eventName);
        if (!event)
          throw new Error(`${ds.name}.${handler} handles ${eventName}, which ${ds.source.abi} lacks`);
        return { event: eventSignature(event), handler };
      });
      const byHandler = (a: EventHandler, b: EventHandler) => a.handler.localeCompare(b.handler);
      // Same set both ways: no handled event is missing from the manifest, and no manifest handler is
      // missing from the mapping.
      expect([...ds.mapping.eventHandlers].sort(byHandler), ds.name).toEqual(expected.sort(byHandler));
      expect(new Set(ds.mapping.eventHandlers.map((h) => h.event)).size, ds.name).toBe(expected.length);
    }
  });

  it("handles every event of every contract's ABI, except the ones listed with a reason", async () => {
    for (const ds of (await rendered()).dataSources) {
      const abi = (await readAbi(ds.source.abi)) as AbiEntry[];
      const handled = new Set(ds.mapping.eventHandlers.map((h) => h.event));
      const unhandled = abi
        .filter((e) => e.type === "event")
        .map(eventSignature)
        .filter((signature) => !handled.has(signature))
        .sort();
      expect({ dataSource: ds.name, unhandled }).toEqual({
        dataSource: ds.name,
        unhandled: Object.keys(UNHANDLED_EVENTS[ds.name] ?? {}).sort(),
      });
    }
  });

  it("names the ABIs it is built against and only entities of the schema", async () => {
    const schema = await joinSchema();
    const entities = new Set([...schema.matchAll(/^type (\w+) @entity/gm)].map((m) => m[1]));
    for (const ds of (await rendered()).dataSources) {
      expect(
        ds.mapping.abis.map((a) => a.name),
        ds.name,
      ).toContain(ds.source.abi);
      for (const abi of ds.mapping.abis) expect(abi.file).toBe(`./abis/${abi.name}.json`);
      for (const entity of ds.mapping.entities)
        expect(entities.has(entity), `${ds.name}: ${entity}`).toBe(true);
    }
  });
});
