// Compiles a test subgraph in test/fixtures/runtime/<name> with graph-cli (offline: codegen + build).
// `generated/` and `build/` are gitignored outputs of this step; a hash of the sources, kept in
// build/.source-hash, skips rebuilding a fixture that has not changed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const PACKAGE_DIR = new URL("../../", import.meta.url).pathname;
const GRAPH = join(PACKAGE_DIR, "node_modules", ".bin", "graph");
const OUTPUTS = new Set(["build", "generated"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !OUTPUTS.has(e.name))
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [join(dir, e.name)]));
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** Test files run in parallel workers: one builds, the others wait for it (a directory as the lock). */
function withLock<T>(name: string, fn: () => T): T {
  const lock = join(tmpdir(), `dmex-indexer-fixture-${name}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a build could take is left over from a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 300_000) rmSync(lock, { force: true, recursive: true });
      sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true, recursive: true });
  }
}

/** Builds the fixture if needed; returns its directory (holding `build/subgraph.yaml`). */
export function buildFixture(name: string): string {
  const dir = join(PACKAGE_DIR, "test", "fixtures", "runtime", name);
  const hash = createHash("sha256");
  for (const f of sources(dir).sort()) {
    hash.update(relative(dir, f));
    hash.update(readFileSync(f));
  }
  const digest = hash.digest("hex");
  const stamp = join(dir, "build", ".source-hash");
  const upToDate = (): boolean =>
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === digest &&
    existsSync(join(dir, "build", "subgraph.yaml"));
  if (upToDate()) return dir;
  return withLock(name, () => (upToDate() ? dir : build(dir, digest, stamp)));
}

function build(dir: string, digest: string, stamp: string): string {
  const run = (args: string[]): void => {
    try {
      execFileSync(GRAPH, args, { cwd: dir, stdio: "pipe", encoding: "utf8" });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`graph ${args.join(" ")} failed in ${dir}:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    }
  };
  run(["codegen", "--output-dir", "generated"]);
  run(["build"]);
  writeFileSync(stamp, digest);
  return dir;
}
