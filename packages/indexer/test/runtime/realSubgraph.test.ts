// Proves a real mapping (the repository's own subgraph, /work/main/subgraph) links against this host and
// indexes DMC transfers into the expected entities.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSubgraph, type Subgraph } from "../../src/manifest/index.js";
import { SubgraphRuntime } from "../../src/runtime/index.js";
import { MemoryEntityWriter } from "../../src/testing/index.js";
import type { EntityData } from "../../src/types.js";
import { addr, blockInput, eventLog, header, transaction } from "./chainFixtures.js";

const SUBGRAPH_DIR = new URL("../../../../subgraph/", import.meta.url).pathname;

let subgraph: Subgraph;

beforeAll(() => {
  if (!existsSync(`${SUBGRAPH_DIR}build/subgraph.yaml`)) {
    execFileSync("pnpm", ["--filter", "@dmex/subgraph", "build"], {
      cwd: `${SUBGRAPH_DIR}..`,
      stdio: "inherit",
    });
  }
  subgraph = loadSubgraph(SUBGRAPH_DIR);
});

const big = (e: EntityData | undefined, field: string): bigint => {
  const v = e?.get(field);
  if (v?.kind !== "BigInt") throw new Error(`${field} is not a BigInt: ${JSON.stringify(v?.kind)}`);
  return v.value;
};

describe("the repository's subgraph", () => {
  it("indexes a mint and a transfer into balances, holders and Transfer entities", () => {
    const ds = subgraph.dataSources[0];
    if (ds === undefined || ds.address === null) throw new Error("no data source");
    const abi = ds.mapping.abis[0]?.abi;
    if (abi === undefined) throw new Error("no ABI");
    const runtime = new SubgraphRuntime(subgraph);
    const writer = new MemoryEntityWriter();
    const alice = addr(0xa11ce);
    const bob = addr(0xb0b);
    const zero = addr(0);
    const h = header(ds.startBlock + 3);
    const mintTx = transaction("mint", 0, alice, ds.address);
    const sendTx = transaction("send", 1, alice, ds.address);
    const logs = [
      eventLog(abi, "Transfer", [zero, alice, 100n], ds.address, mintTx, 0),
      eventLog(abi, "Transfer", [alice, bob, 30n], ds.address, sendTx, 1),
    ];
    const out = runtime.processBlock(blockInput(h, [mintTx, sendTx], logs), writer);
    writer.commitBlock();
    expect(out.created).toEqual([]);

    const accounts = writer.all("Account");
    expect(big(accounts.get(alice), "balance")).toBe(70n);
    expect(big(accounts.get(bob), "balance")).toBe(30n);
    const token = writer.get("Token", ds.address);
    expect(big(token ?? undefined, "totalSupply")).toBe(100n);
    expect(token?.get("holderCount")).toEqual({ kind: "Int", value: 2 });

    // Transfer id = tx hash ++ little-endian i32 log index (eventId in the mapping).
    const transfers = writer.all("Transfer");
    const secondId = `${sendTx.hash}01000000`;
    expect([...transfers.keys()].sort()).toEqual([`${mintTx.hash}00000000`, secondId].sort());
    const second = transfers.get(secondId);
    expect(big(second, "value")).toBe(30n);
    expect(big(second, "blockNumber")).toBe(BigInt(h.number));
    expect(big(second, "timestamp")).toBe(BigInt(h.timestamp));
    expect(second?.get("transactionHash")).toEqual({
      kind: "Bytes",
      value: Uint8Array.from(Buffer.from(sendTx.hash.slice(2), "hex")),
    });
  });
});
