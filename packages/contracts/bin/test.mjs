#!/usr/bin/env node
// `forge test` with machine-readable results and the committed gas snapshots checked (snapshots/*.json).
// forge runs with `--json`: this script prints a human summary from that report, writes
// `test-results/forge.json` (the shape of vitest's JSON reporter, which scripts/test.mjs reads), and
// compares every `vm.snapshotGas*` figure of the run with snapshots/<group>.json itself: forge 1.7 exits 0
// on a snapshot mismatch in check mode, and with `--json` it does not even print one.
// Regenerate snapshots with `pnpm snapshot`. Arguments are passed to `forge test` (e.g. --match-path).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkGasSnapshots, summarizeForgeReport } from "./forge-report.mjs";
import { foundryBinary } from "./foundry.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const reportFile = join(root, "test-results", "forge.json");

const userArgs = process.argv.slice(2);
const GAS_TESTS = "test/gas/*";
// Behaviour tests (unit, fuzz, invariant) run on an unoptimized build of their own (profile `test`, CI's
// `ci`: out-test/): solc-js compiles the test tree in one thread, ~250 s of CPU with the optimizer and ~60 s
// without it. The gas tests run on the optimized production build (profile `default`, out/), since their
// snapshots are the gas users pay; the end-to-end suites of the SDK, subgraph and web run the optimized
// deployment too. The two forge runs go side by side, one core each.
const behaviourProfile = process.env.FOUNDRY_PROFILE ?? (process.env.CI === "true" ? "ci" : "test");
const gasProfile = "default";
const runs = plannedRuns(userArgs);

Promise.all(runs.map((run) => runForge(run))).then((outcomes) => {
  const report = {};
  let exitCode = 0;
  for (const outcome of outcomes) {
    // forge prints its JSON report as the last line; anything before it (compiler notes) is passed on.
    const lines = outcome.stdout.trimEnd().split("\n");
    const last = lines.pop() ?? "";
    if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
    try {
      Object.assign(report, JSON.parse(last));
    } catch {
      if (last) process.stdout.write(`${last}\n`);
      const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited ${outcome.code}`;
      crash(`forge test (${outcome.name}) ${how} without a JSON report (see above)`);
      return;
    }
    if (outcome.code !== 0) exitCode = outcome.code ?? 1;
  }

  const summary = summarizeForgeReport(report);
  for (const line of summary.lines) console.log(line);
  const mismatches = checkGasSnapshots(report, (group) => {
    const file = join(root, "snapshots", `${group}.json`);
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
  });
  for (const mismatch of mismatches) console.log(`[SNAPSHOT] ${mismatch}`);
  if (mismatches.length > 0) {
    console.log(
      "Gas snapshots changed. If the change is intended, run `pnpm --filter @dmex/contracts snapshot` and commit snapshots/.",
    );
  }

  const result = summary.vitestShape;
  if (mismatches.length > 0) {
    result.numFailedTests += 1;
    result.success = false;
    result.testResults.push({
      name: "snapshots/",
      status: "failed",
      assertionResults: [{ fullName: "gas snapshots match", status: "failed", failureMessages: mismatches }],
    });
  }
  writeReport(result);
  console.log(
    `forge: ${result.numPassedTests} tests passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped`,
  );
  process.exitCode = exitCode === 0 && result.numFailedTests === 0 ? 0 : exitCode || 1;
});

/**
 * The forge runs for the given arguments: without any, the behaviour tests and the gas tests, each on its
 * build; with a `--match-path` into the gas tests, only those (optimized); else only behaviour tests.
 * @param {string[]} args
 */
function plannedRuns(args) {
  const behaviour = {
    name: `behaviour, profile ${behaviourProfile}`,
    profile: behaviourProfile,
    args: [...args, "--no-match-path", GAS_TESTS],
  };
  const gas = { name: `gas, profile ${gasProfile}`, profile: gasProfile, args: ["--match-path", GAS_TESTS] };
  if (args.length === 0) return [behaviour, gas];
  const matchPath = args[args.indexOf("--match-path") + 1] ?? "";
  if (args.includes("--match-path") && matchPath.startsWith("test/gas")) {
    return [{ ...gas, args }];
  }
  return [behaviour];
}

/** @param {{ name: string, profile: string, args: string[] }} run */
function runForge(run) {
  return new Promise((resolvePromise) => {
    const child = spawn(foundryBinary("forge"), ["test", "--json", ...run.args], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
      // Check mode: forge never rewrites the committed snapshots during a test run.
      env: { ...process.env, FORGE_SNAPSHOT_CHECK: "true", FOUNDRY_PROFILE: run.profile },
    });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    // "close", not "exit": exit can fire before the last output chunk has been read.
    child.on("close", (code, signal) =>
      resolvePromise({ name: run.name, code, signal, stdout: Buffer.concat(chunks).toString("utf8") }),
    );
  });
}

function crash(message) {
  console.error(`forge: ${message}`);
  writeReport({
    success: false,
    numTotalTests: 1,
    numPassedTests: 0,
    numFailedTests: 1,
    numPendingTests: 0,
    testResults: [
      {
        name: "forge",
        status: "failed",
        assertionResults: [{ fullName: "forge test", status: "failed", failureMessages: [message] }],
      },
    ],
  });
  process.exitCode = 1;
}

function writeReport(result) {
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, `${JSON.stringify(result, null, 2)}\n`);
}
