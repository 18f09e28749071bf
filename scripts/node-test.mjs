#!/usr/bin/env node
// Runs node's test runner on the given files, printing the spec reporter's output and writing
// test-results/<name>.json in the shape scripts/test.mjs reads (node does not create the folder itself).
//   node scripts/node-test.mjs <name> <file.test.mjs>...
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [name, ...files] = process.argv.slice(2);
if (!name || files.length === 0) {
  console.error("usage: node scripts/node-test.mjs <report name> <test files...>");
  process.exit(2);
}
mkdirSync("test-results", { recursive: true });
const reporter = join(dirname(fileURLToPath(import.meta.url)), "node-test-reporter.mjs");
const child = spawn(
  process.execPath,
  [
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${reporter}`,
    `--test-reporter-destination=test-results/${name}.json`,
    ...files,
  ],
  { stdio: "inherit" },
);
child.on("close", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
