// A reporter for node's test runner that writes the shape of vitest's JSON reporter, so that
// scripts/test.mjs reads node:test suites like every other runner's. Use it beside a human reporter:
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=<this file> --test-reporter-destination=test-results/<name>.json <files>
export default async function* nodeTestJsonReporter(source) {
  const files = new Map();
  const fileOf = (name) => {
    if (!files.has(name)) files.set(name, { name, status: "passed", assertionResults: [] });
    return files.get(name);
  };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { name, file, details } = event.data;
    const suite = fileOf(file ?? "(no file)");
    // describe() blocks report too; count only the tests in them (a failing test fails its suite too).
    if (details?.type === "suite") continue;
    const status =
      event.type === "test:pass" ? (event.data.skip || event.data.todo ? "pending" : "passed") : "failed";
    if (status === "failed") suite.status = "failed";
    const failureMessages =
      status === "failed"
        ? [String(details?.error?.cause?.message ?? details?.error?.message ?? "failed")]
        : [];
    suite.assertionResults.push({ fullName: name, title: name, status, failureMessages });
  }
  const testResults = [...files.values()];
  const all = testResults.flatMap((suite) => suite.assertionResults);
  const count = (status) => all.filter((test) => test.status === status).length;
  const report = {
    success: count("failed") === 0,
    numTotalTests: all.length,
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("pending"),
    testResults,
  };
  yield `${JSON.stringify(report, null, 2)}\n`;
}
