// Reads `forge test --json`: a human summary, a report in the shape of vitest's JSON reporter (what
// scripts/test.mjs reads for every runner), and the gas snapshot check.

/**
 * @typedef {{ status: "Success" | "Failure" | "Skipped", reason: string | null, counterexample: unknown,
 *   decoded_logs?: string[], kind?: Record<string, Record<string, unknown>>,
 *   gas_snapshots?: Record<string, Record<string, string>> }} ForgeTestResult
 * @typedef {Record<string, { duration?: string, test_results: Record<string, ForgeTestResult> }>} ForgeReport
 */

const STATUS = { Success: "passed", Failure: "failed", Skipped: "pending" };

/** What forge prints after a test name: gas, fuzz runs or invariant runs and calls. */
function detail(kind) {
  if (!kind) return "";
  if (kind.Unit) return `(gas: ${kind.Unit.gas})`;
  if (kind.Fuzz) return `(runs: ${kind.Fuzz.runs}, μ: ${kind.Fuzz.mean_gas}, ~: ${kind.Fuzz.median_gas})`;
  if (kind.Invariant)
    return `(runs: ${kind.Invariant.runs}, calls: ${kind.Invariant.calls}, reverts: ${kind.Invariant.reverts})`;
  return "";
}

/**
 * @param {ForgeReport} report
 * @returns {{ lines: string[], vitestShape: { success: boolean, numTotalTests: number, numPassedTests: number,
 *   numFailedTests: number, numPendingTests: number, testResults: object[] } }}
 */
export function summarizeForgeReport(report) {
  const lines = [];
  const failures = [];
  const testResults = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [suite, { test_results: tests }] of Object.entries(report).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const assertionResults = [];
    let suiteFailed = 0;
    for (const [name, test] of Object.entries(tests)) {
      const status = STATUS[test.status] ?? "failed";
      if (status === "passed") passed += 1;
      else if (status === "pending") skipped += 1;
      else {
        failed += 1;
        suiteFailed += 1;
      }
      const messages = [];
      if (status === "failed") {
        messages.push(test.reason ?? `status ${test.status}`);
        if (test.counterexample) messages.push(`counterexample: ${JSON.stringify(test.counterexample)}`);
        for (const log of test.decoded_logs ?? []) messages.push(`log: ${log}`);
        failures.push(`[FAIL: ${messages.join("; ")}] ${suite} ${name}`);
      }
      assertionResults.push({ fullName: `${suite} ${name}`, status, failureMessages: messages });
    }
    const count = assertionResults.length;
    lines.push(
      `${suiteFailed > 0 ? "✗" : "✓"} ${suite} (${count} test${count === 1 ? "" : "s"}${suiteFailed ? `, ${suiteFailed} failed` : ""})`,
    );
    // Failures, and invariant campaigns (their runs and calls show the depth CI asked for), one line each.
    for (const [name, test] of Object.entries(tests)) {
      const status = STATUS[test.status] ?? "failed";
      if (status === "failed" || test.kind?.Invariant || process.env.FORGE_REPORT_VERBOSE === "1") {
        lines.push(
          `    [${status === "passed" ? "PASS" : status === "pending" ? "SKIP" : "FAIL"}] ${name} ${detail(test.kind)}`,
        );
      }
    }
    testResults.push({ name: suite, status: suiteFailed > 0 ? "failed" : "passed", assertionResults });
  }
  if (failures.length > 0) lines.push("", "Failing tests:", ...failures);
  return {
    lines,
    vitestShape: {
      success: failed === 0,
      numTotalTests: passed + failed + skipped,
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: skipped,
      testResults,
    },
  };
}

/**
 * Every gas figure the run measured, compared with the committed snapshots/<group>.json.
 * @param {ForgeReport} report
 * @param {(group: string) => Record<string, string> | undefined} committed
 * @returns {string[]} one line per figure that differs or is not committed
 */
export function checkGasSnapshots(report, committed) {
  const mismatches = [];
  const files = new Map();
  for (const { test_results: tests } of Object.values(report)) {
    for (const test of Object.values(tests)) {
      for (const [group, figures] of Object.entries(test.gas_snapshots ?? {})) {
        if (!files.has(group)) files.set(group, committed(group));
        const file = files.get(group);
        for (const [name, value] of Object.entries(figures)) {
          const expected = file?.[name];
          if (expected === undefined)
            mismatches.push(`${group}.${name}: ${value} is not in snapshots/${group}.json`);
          else if (String(expected) !== String(value))
            mismatches.push(`${group}.${name}: ${value}, committed ${expected}`);
        }
      }
    }
  }
  return mismatches;
}
