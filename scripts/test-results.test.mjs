import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { countTask, isTestTask, readReports } from "./test-results.mjs";

const task = (exitCode) => ({
  taskId: "@dmex/x#test",
  package: "@dmex/x",
  task: "test",
  directory: "x",
  execution: { exitCode },
});
const report = (passed, failed, skipped = 0, testResults = []) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: skipped,
  testResults,
});

test("adds up every report of a task", () => {
  const count = countTask(task(0), [
    { file: "unit.json", report: report(10, 0, 1) },
    { file: "e2e.json", report: report(3, 0) },
  ]);
  assert.deepEqual([count.passed, count.failed, count.skipped], [13, 0, 1]);
  assert.deepEqual(count.failures, []);
});

test("names each failed test", () => {
  const failing = report(1, 1, 0, [
    {
      name: "a.test.ts",
      status: "failed",
      assertionResults: [
        { fullName: "a works", status: "failed" },
        { fullName: "b", status: "passed" },
      ],
    },
  ]);
  const count = countTask(task(1), [{ file: "vitest.json", report: failing }]);
  assert.equal(count.failed, 1);
  assert.deepEqual(count.failures, ["a works"]);
});

test("a file that failed to load counts as a failure, though no test failed", () => {
  const broken = report(0, 0, 0, [
    { name: "b.test.ts", status: "failed", message: "SyntaxError: x\nat ...", assertionResults: [] },
  ]);
  const count = countTask(task(1), [{ file: "vitest.json", report: broken }]);
  assert.equal(count.failed, 1);
  assert.deepEqual(count.failures, ["b.test.ts: SyntaxError: x"]);
});

test("a runner that crashed before reporting counts as one failure named after its task", () => {
  const count = countTask(task(2), []);
  assert.equal(count.failed, 1);
  assert.match(count.failures[0] ?? "", /@dmex\/x#test exited 2/);
});

test("a task that exited non-zero with a passing report still fails", () => {
  const count = countTask(task(1), [{ file: "vitest.json", report: report(5, 0) }]);
  assert.equal(count.failed, 1);
});

test("a task that succeeded without any report fails: nothing passes silently", () => {
  const count = countTask(task(0), []);
  assert.equal(count.failed, 1);
  assert.match(count.failures[0] ?? "", /wrote no test report/);
});

test("an unreadable report is a failure", () => {
  const dir = mkdtempSync(join(tmpdir(), "reports-"));
  mkdirSync(join(dir, "test-results"));
  writeFileSync(join(dir, "test-results", "vitest.json"), "{ not json");
  writeFileSync(join(dir, "test-results", "forge.json"), JSON.stringify(report(2, 0)));
  const reports = readReports(dir);
  assert.equal(reports.length, 2);
  const count = countTask(task(0), reports);
  assert.deepEqual([count.passed, count.failed], [2, 1]);
});

test("test tasks are `test` and `test:*`", () => {
  assert.equal(isTestTask("test"), true);
  assert.equal(isTestTask("test:unit"), true);
  assert.equal(isTestTask("typecheck"), false);
  assert.equal(isTestTask("lint"), false);
});
