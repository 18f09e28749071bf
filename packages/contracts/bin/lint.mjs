#!/usr/bin/env node
// Solidity lint: `forge fmt --check`, then `forge lint` failing on high and medium findings, then a check
// that the gas table (snapshots/README.md) matches the gas snapshots, then the code-size check: every
// deployable in src/ keeps at least 1 KiB under the EIP-170 limit (bin/sizes.mjs prints the table).
// forge lint exits 0 on findings unless `--deny warnings`; and it rewrites the build cache in a way
// that makes a later `forge test` find no tests, so it compiles into its own cache and output folders.
import { spawn } from "node:child_process";

import { runFoundry } from "./foundry.mjs";

const isolated = { ...process.env, FOUNDRY_CACHE_PATH: "cache/lint", FOUNDRY_OUT: "cache/lint-out" };

let code = await runFoundry("forge", ["fmt", "--check"]);
if (code !== 0) {
  console.error("forge fmt: files above are not formatted; run `pnpm --filter @dmex/contracts fmt`.");
} else {
  code = await runFoundry(
    "forge",
    ["lint", "--severity", "high", "--severity", "med", "--deny", "warnings"],
    {
      env: isolated,
    },
  );
}
if (code === 0) code = await run(process.execPath, ["node/gas-table.mjs", "--check"]);
// The sizes come from the ordinary build (out/ and its cache), not the lint's isolated one.
if (code === 0) code = await runFoundry("forge", ["build", "src"]);
if (code === 0) code = await run(process.execPath, ["bin/sizes.mjs"]);
process.exitCode = code;

function run(command, args) {
  return new Promise((resolve) => {
    spawn(command, args, { stdio: "inherit" }).once("close", (status) => resolve(status ?? 1));
  });
}
