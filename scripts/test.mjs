#!/usr/bin/env node
// Builds every package and runs lint, typecheck and every test suite through turbo, then prints the
// count of tests per suite. Exits non-zero if anything failed. Called by scripts/dmex.mjs after install.
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Colour codes, so that counts parse whether or not the runners colour their output.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Per package: test counts from the runner's closing line. */
const suites = new Map();
/** Turbo tasks that failed (build, lint, typecheck or test), from turbo's summary. */
const failed = [];

function suite(key) {
  if (!suites.has(key)) suites.set(key, { passed: 0, failed: 0, skipped: 0, counted: false });
  return suites.get(key);
}

// Closing lines of the runners we use.
function parse(key, line) {
  const forge = line.match(/(\d+) tests passed, (\d+) failed, (\d+) skipped \(\d+ total tests\)/);
  // A package may run several suites (e.g. unit and browser tests): their counts add up.
  if (forge) {
    const s = suite(key);
    s.counted = true;
    s.passed += +forge[1];
    s.failed += +forge[2];
    s.skipped += +forge[3];
    return;
  }
  const vitest = line.match(/^\s*Tests\s+(.*)\(\d+\)\s*$/);
  if (vitest) {
    const s = suite(key);
    s.counted = true;
    s.passed += +(vitest[1].match(/(\d+) passed/)?.[1] ?? 0);
    s.failed += +(vitest[1].match(/(\d+) failed/)?.[1] ?? 0);
    s.skipped += +(vitest[1].match(/(\d+) skipped/)?.[1] ?? 0);
  }
}

// Arguments: task names (default: every check) and turbo flags, e.g. `--filter=@dmex/sdk`.
const given = process.argv.slice(2);
const named = given.filter((arg) => !arg.startsWith("-"));
const flags = given.filter((arg) => arg.startsWith("-"));
const tasks = named.length > 0 ? named : ["lint:root", "lint", "typecheck", "test"];
// Two tasks at a time: each suite (forge's fuzz and invariant runs, vitest's workers, anvil) already uses
// every core of the 2-core machines this runs on; more only slows them all and stretches timeouts.
const concurrency = flags.some((flag) => flag.startsWith("--concurrency")) ? [] : ["--concurrency=2"];
const args = [
  "run",
  ...tasks,
  ...flags,
  ...concurrency,
  "--continue",
  "--log-order=grouped",
  "--output-logs=full",
];
console.log(`[dmex] turbo ${args.join(" ")}`);

const child = spawn("turbo", args, {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" },
});

let buffer = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const raw of lines) {
    const line = raw.replace(ANSI, "");
    // turbo prefixes every line of a task with "<package>:<task>: ".
    const prefixed = line.match(/^(@?[\w/.-]+):(\w+): (.*)$/);
    if (prefixed?.[2] === "test") parse(prefixed[1], prefixed[3]);
    const failedTasks = line.match(/^\s*Failed:\s+(.*)$/);
    if (failedTasks?.[1]) failed.push(...failedTasks[1].split(",").map((task) => task.trim()));
  }
});

child.on("close", (code) => {
  let passed = 0;
  let testsFailed = 0;
  let skipped = 0;
  console.log("\n[dmex] test suites");
  for (const [name, s] of [...suites].sort()) {
    passed += s.passed;
    testsFailed += s.failed;
    skipped += s.skipped;
    console.log(
      `  ${name.padEnd(20)} ${String(s.passed).padStart(4)} passed  ${s.failed} failed  ${s.skipped} skipped`,
    );
  }
  // A test task that failed before its runner printed counts (a build error, a snapshot mismatch)
  // still counts as a failure in the total line.
  for (const task of failed.filter((t) => t.endsWith("#test"))) {
    const name = task.slice(0, -"#test".length);
    if ((suites.get(name)?.failed ?? 0) === 0) {
      testsFailed += 1;
      console.log(`  ${name.padEnd(20)} test task failed before reporting counts (counted as 1 failure)`);
    }
  }
  if (code === 0) console.log("[dmex] all tasks succeeded");
  else
    console.log(`[dmex] FAILED (turbo exit ${code}): ${failed.length > 0 ? failed.join(", ") : "see above"}`);
  console.log(`${passed} passed, ${testsFailed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exitCode = code === 0 && testsFailed === 0 ? 0 : 1;
});
