// Many events through one runtime, both isolation modes: every event's writes land, none leak across handlers.
// Speed is measured by the benchmarks (bench/), not asserted here: a timed test flakes on a busy machine.
import { beforeAll, describe, expect, it } from "vitest";
import { loadSubgraph, type Subgraph } from "../../src/manifest/index.js";
import { type IsolationMode, SubgraphRuntime } from "../../src/runtime/index.js";
import { MemoryEntityWriter } from "../../src/testing/index.js";
import type { BlockInput } from "../../src/types.js";
import { buildFixture } from "./buildFixture.js";
import { blockInput, eventLog, header, transaction } from "./chainFixtures.js";

const PER_BLOCK = 100;

/** `blocks` blocks of `PER_BLOCK` logs of `event` from the first data source (odd block numbers). */
function workload(
  subgraph: Subgraph,
  blocks: number,
  event: string,
  args: (i: number) => unknown[],
): BlockInput[] {
  const ds = subgraph.dataSources[0];
  const abi = ds?.mapping.abis[0]?.abi;
  if (ds?.address == null || abi === undefined) throw new Error("unexpected manifest");
  const address = ds.address;
  return Array.from({ length: blocks }, (_, b) => {
    // Odd block numbers: the hostfns polling block handler (every 2 from 10) stays out of the measurement.
    const n = ds.startBlock + 101 + 2 * b;
    const tx = transaction(`bench ${n}`, 0, address, address);
    const logs = Array.from({ length: PER_BLOCK }, (_, i) =>
      eventLog(abi, event, args(b * PER_BLOCK + i), address, tx, i),
    );
    return blockInput(header(n), [tx], logs);
  });
}

/** Runs the blocks `passes` times through one runtime and one writer. */
function run(subgraph: Subgraph, blocks: BlockInput[], isolation: IsolationMode, passes: number) {
  const runtime = new SubgraphRuntime(subgraph, { isolation });
  const writer = new MemoryEntityWriter();
  for (let i = 0; i < passes; i++) {
    for (const block of blocks) {
      runtime.processBlock(block, writer);
      writer.commitBlock();
    }
  }
  return { writer };
}

let hostfns: Subgraph;

beforeAll(() => {
  hostfns = loadSubgraph(buildFixture("hostfns"));
});

describe("many events through one runtime", () => {
  it("writes one entity per event in both isolation modes, every pass", () => {
    const blocks = workload(hostfns, 50, "Leak", () => []);
    const snapshot = run(hostfns, blocks, "snapshot", 3);
    const fresh = run(hostfns, blocks.slice(0, 20), "fresh-instance", 1);
    // Each Leak event writes one Result (id by log index), every pass over the blocks rewrites them.
    expect(snapshot.writer.keys("Result")).toHaveLength(PER_BLOCK);
    expect(snapshot.writer.sets).toBe(3 * 50 * PER_BLOCK);
    expect(fresh.writer.keys("Result")).toHaveLength(PER_BLOCK);
    expect(fresh.writer.sets).toBe(20 * PER_BLOCK);
  });
});
