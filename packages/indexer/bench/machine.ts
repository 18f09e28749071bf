import { writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";

/** What the figures were measured on, for the `machine` field of a result. */
export function machineDescription(): string {
  const cpu = cpus();
  const [load1] = loadavg();
  return `Node ${process.version}; ${process.platform} ${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}; load average ${load1?.toFixed(1) ?? "?"} at the start`;
}

export interface BenchResult<F extends Record<string, number>> {
  readonly name: string;
  readonly date: string;
  readonly machine: string;
  readonly figures: F;
}

/**
 * Writes `<name>.json` and the markdown table beside it into `dir` (default this package's bench/results/;
 * other packages' benchmarks import this module as `@dmex/indexer/bench/machine` and pass theirs).
 */
export async function writeResult<F extends Record<string, number>>(
  result: BenchResult<F>,
  markdown: string,
  dir: URL = new URL("./results/", import.meta.url),
): Promise<void> {
  await writeFile(new URL(`${result.name}.json`, dir), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(new URL(`${result.name}.md`, dir), markdown);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
