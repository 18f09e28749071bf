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

const child = spawn(foundryBinary("forge"), ["test", "--json", ...process.argv.slice(2)], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    // Check mode: forge never rewrites the committed snapshots during a test run.
    FORGE_SNAPSHOT_CHECK: "true",
    // CI runs the `ci` profile (more fuzz runs, deeper invariant runs) unless a profile is chosen.
    FOUNDRY_PROFILE: process.env.FOUNDRY_PROFILE ?? (process.env.CI === "true" ? "ci" : "default"),
  },
});

const chunks = [];
child.stdout.on("data", (chunk) => chunks.push(chunk));

// "close", not "exit": exit can fire before the last output chunk has been read.
child.on("close", (code, signal) => {
  const stdout = Buffer.concat(chunks).toString("utf8");
  // forge prints its JSON report as the last line; anything before it (compiler notes) is passed on.
  const lines = stdout.trimEnd().split("\n");
  const last = lines.pop() ?? "";
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);

  let report;
  try {
    report = JSON.parse(last);
  } catch {
    if (last) process.stdout.write(`${last}\n`);
    crash(
      `forge test ${signal ? `was killed by ${signal}` : `exited ${code}`} without a JSON report (see above)`,
    );
    return;
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
  process.exitCode = code === 0 && result.numFailedTests === 0 ? 0 : (code ?? 1) || 1;
});

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
