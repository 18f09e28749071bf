// Reads the machine-readable test reports every test task leaves in `<package>/test-results/*.json`
// (vitest's JSON reporter, or the same shape written by packages/contracts/bin/test.mjs for forge and by
// scripts/node-test-reporter.mjs for node's test runner) and turbo's run summary, and totals them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number,
 *   success?: boolean, testResults?: { name?: string, status?: string, message?: string,
 *   assertionResults?: { fullName?: string, title?: string, status?: string }[] }[] }} RunnerReport
 * @typedef {{ taskId: string, package: string, task: string, directory: string,
 *   execution?: { exitCode?: number | null }, cache?: { status?: string } }} TurboTask
 * @typedef {{ name: string, passed: number, failed: number, skipped: number, reports: string[],
 *   failures: string[] }} SuiteCount
 */

/** Test tasks: the ones whose results are counted. */
export function isTestTask(task) {
  return task === "test" || task.startsWith("test:");
}

/**
 * Counts one test task from its reports. A task that failed without a report that says why (a compile
 * error, a crash, a killed runner), or that succeeded without any report, counts as one failure named
 * after it: a suite that reported nothing never passes silently.
 * @param {TurboTask} task
 * @param {{ file: string, report: RunnerReport | undefined, error?: string }[]} reports
 * @returns {SuiteCount}
 */
export function countTask(task, reports) {
  const count = { name: task.taskId, passed: 0, failed: 0, skipped: 0, reports: [], failures: [] };
  for (const { file, report, error } of reports) {
    count.reports.push(file);
    if (!report) {
      count.failed += 1;
      count.failures.push(`${file}: unreadable report (${error ?? "empty"})`);
      continue;
    }
    count.passed += report.numPassedTests ?? 0;
    count.failed += report.numFailedTests ?? 0;
    count.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === "failed");
      for (const test of failedTests) count.failures.push(test.fullName ?? test.title ?? suite.name ?? file);
      // vitest reports a file that failed to load (a syntax error, a failing hook) with no failed test.
      if (suite.status === "failed" && failedTests.length === 0) {
        count.failed += 1;
        count.failures.push(`${suite.name ?? file}: ${(suite.message ?? "failed to run").split("\n")[0]}`);
      }
    }
  }
  const exitCode = task.execution?.exitCode;
  if (exitCode !== 0 && exitCode !== undefined && count.failed === 0) {
    count.failed += 1;
    count.failures.push(`${task.taskId} exited ${exitCode ?? "on a signal"} before reporting a failed test`);
  } else if (reports.length === 0) {
    count.failed += 1;
    count.failures.push(`${task.taskId} wrote no test report (test-results/*.json)`);
  }
  return count;
}

/**
 * Reads the reports of a test task's package directory.
 * @param {string} directory absolute path of the package
 */
export function readReports(directory) {
  const folder = join(directory, "test-results");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const path = join(folder, file);
      try {
        return { file: path, report: JSON.parse(readFileSync(path, "utf8")) };
      } catch (error) {
        return {
          file: path,
          report: undefined,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    });
}
