import assert from "node:assert/strict";
import { test } from "node:test";

import { checkGasSnapshots, summarizeForgeReport } from "./forge-report.mjs";

const result = (status, extra = {}) => ({
  status,
  reason: null,
  counterexample: null,
  decoded_logs: [],
  kind: { Unit: { gas: 1 } },
  ...extra,
});

test("counts passed, failed and skipped tests and names the failures with their reason", () => {
  const report = {
    "test/a.t.sol:A": {
      test_results: {
        "test_One()": result("Success"),
        "test_Two()": result("Failure", { reason: "boom", counterexample: { calldata: "0x01" } }),
      },
    },
    "test/b.t.sol:B": { test_results: { "test_Three()": result("Skipped") } },
  };
  const { vitestShape, lines } = summarizeForgeReport(report);
  assert.deepEqual(
    [
      vitestShape.numPassedTests,
      vitestShape.numFailedTests,
      vitestShape.numPendingTests,
      vitestShape.success,
    ],
    [1, 1, 1, false],
  );
  const failed = vitestShape.testResults.find((suite) => suite.name === "test/a.t.sol:A");
  assert.equal(failed?.status, "failed");
  assert.ok(
    lines.some((line) => line.includes("[FAIL: boom; counterexample") && line.includes("test_Two()")),
  );
});

test("prints invariant campaigns with their runs and calls", () => {
  const report = {
    "test/i.t.sol:I": {
      test_results: {
        "invariant_X()": result("Success", { kind: { Invariant: { runs: 256, calls: 25600, reverts: 0 } } }),
      },
    },
  };
  const { lines } = summarizeForgeReport(report);
  assert.ok(lines.includes("    [PASS] invariant_X() (runs: 256, calls: 25600, reverts: 0)"));
});

test("a gas figure that differs from, or is missing in, the committed snapshots is a mismatch", () => {
  const report = {
    "test/gas.t.sol:G": {
      test_results: {
        "test_A()": result("Success", { gas_snapshots: { token: { approve: "24781", transfer: "17595" } } }),
        "test_B()": result("Success", { gas_snapshots: { token: { mint: "5" }, other: { x: "1" } } }),
      },
    },
  };
  const committed = { token: { approve: "24780", transfer: "17595" } };
  assert.deepEqual(
    checkGasSnapshots(report, (group) => committed[group]),
    [
      "token.approve: 24781, committed 24780",
      "token.mint: 5 is not in snapshots/token.json",
      "other.x: 1 is not in snapshots/other.json",
    ],
  );
});

test("matching gas figures pass", () => {
  const report = {
    "t:G": {
      test_results: { "test_A()": result("Success", { gas_snapshots: { token: { approve: "24780" } } }) },
    },
  };
  assert.deepEqual(
    checkGasSnapshots(report, () => ({ approve: "24780" })),
    [],
  );
});
