// vitest `globalSetup` of the end-to-end runs: one anvil per worker, started once for the whole run and handed to
// test files by `acquireAnvil` (anvil.ts), which resets it between files.
import { availableParallelism } from "node:os";

import type { TestProject } from "vitest/node";

import { ANVIL_POOL, type AnvilProcess, startAnvil } from "./anvil.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const size = poolSize(project);
  const started = await Promise.allSettled(Array.from({ length: size }, () => startAnvil()));
  const anvils = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.all(anvils.map((anvil: AnvilProcess) => anvil.stop()));
  };
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide(
    ANVIL_POOL,
    anvils.map((anvil) => anvil.url),
  );
  return stopAll;
}

/** One anvil per worker: the number of workers vitest 4 runs (its resolveMaxWorkers), numbered as VITEST_POOL_ID. */
function poolSize(project: TestProject): number {
  const configured = project.config.maxWorkers || project.vitest.config.maxWorkers;
  if (configured) return configured;
  const cpus = availableParallelism();
  return project.vitest.config.watch ? Math.max(Math.floor(cpus / 2), 1) : Math.max(cpus - 1, 1);
}
