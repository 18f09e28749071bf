#!/usr/bin/env node
// Builds every package and runs lint, typecheck and every test suite through turbo, then totals the tests
// per suite from the runners' JSON reports (`<package>/test-results/*.json`) and turbo's run summary: no
// parsing of coloured output. Exits non-zero if any task or test failed, or a test task reported nothing.
// Called by scripts/dmex.mjs after install. Arguments: task names (default: every check) and turbo flags,
// e.g. `node scripts/test.mjs test --filter=@dmex/sdk`.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { countTask, isTestTask, readReports } from "./test-results.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const given = process.argv.slice(2);
const named = given.filter((arg) => !arg.startsWith("-"));
const flags = given.filter((arg) => arg.startsWith("-"));
const tasks = named.length > 0 ? named : ["lint:root", "test:scripts", "lint", "typecheck", "test"];
// Three tasks at a time on the 2-core machines this runs on: with two, the forge run and the indexer's suite
// held both slots for five minutes while the chain of tasks behind the deployment record (the SDK, the
// subgraph, the web app: about six minutes end to end, much of it waiting on anvil and the indexer) could not
// start, and its last minutes ran alone on an idle core.
const concurrency = flags.some((flag) => flag.startsWith("--concurrency")) ? [] : ["--concurrency=3"];
const args = ["run", ...tasks, ...flags, ...concurrency, "--continue", "--summarize", "--log-order=grouped"];

// Reports of an earlier run must not be counted: a task that writes none this time fails.
for (const workspace of [root, ...workspaceDirectories()]) {
  rmSync(join(workspace, "test-results"), { recursive: true, force: true });
}

const runs = join(root, ".turbo", "runs");
const startedAt = Date.now();
console.log(`[dmex] turbo ${args.join(" ")}`);
const child = spawn("turbo", args, {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" },
});

child.on("close", (code, signal) => {
  const summary = latestSummary();
  const counts = [];
  const failedTasks = [];
  for (const task of summary?.tasks ?? []) {
    const exitCode = task.execution?.exitCode;
    if (exitCode !== 0 && exitCode !== undefined) failedTasks.push(task.taskId);
    if (isTestTask(task.task)) counts.push(countTask(task, readReports(join(root, task.directory))));
  }

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  console.log("\n[dmex] test suites");
  for (const count of counts.sort((a, b) => a.name.localeCompare(b.name))) {
    passed += count.passed;
    failed += count.failed;
    skipped += count.skipped;
    console.log(
      `  ${count.name.padEnd(26)} ${String(count.passed).padStart(4)} passed  ${count.failed} failed  ${count.skipped} skipped`,
    );
    for (const failure of count.failures.slice(0, 20)) console.log(`      ✗ ${failure}`);
    if (count.failures.length > 20) console.log(`      … and ${count.failures.length - 20} more`);
  }
  if (!summary) {
    failed += 1;
    console.log(`  turbo wrote no run summary (exit ${code ?? signal}): counted as 1 failure`);
  }
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  const ok = code === 0 && failed === 0 && summary !== undefined;
  if (ok) console.log(`[dmex] all tasks succeeded in ${seconds} s`);
  else
    console.log(
      `[dmex] FAILED after ${seconds} s (turbo exit ${code ?? signal}): ${failedTasks.join(", ") || "see above"}`,
    );
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exitCode = ok ? 0 : 1;
});

/** The run summary turbo wrote for this run (`--summarize`), the newest in .turbo/runs. */
function latestSummary() {
  if (!existsSync(runs)) return undefined;
  const newest = readdirSync(runs)
    .filter((file) => file.endsWith(".json"))
    .map((file) => ({ file: join(runs, file), time: statSync(join(runs, file)).mtimeMs }))
    .filter(({ time }) => time >= startedAt)
    .sort((a, b) => b.time - a.time)[0];
  return newest ? JSON.parse(readFileSync(newest.file, "utf8")) : undefined;
}

/** Every workspace package's directory, from pnpm-workspace.yaml's `packages/*`-style globs. */
function workspaceDirectories() {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  // The list under the top-level `packages:` key, up to the next top-level key.
  const block = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
  const globs = [...block.matchAll(/^\s*-\s*["']?([^"'\n]+?)["']?\s*$/gm)].map((match) => match[1]);
  return globs.flatMap((glob) => {
    if (!glob.endsWith("/*")) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    return existsSync(parent)
      ? readdirSync(parent, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(parent, entry.name))
      : [];
  });
}
