#!/usr/bin/env node
// `forge test` with the committed gas snapshots checked (snapshots/*.json).
// forge 1.7 prints "Snapshots differ from previous run" in check mode but still exits 0, so this
// script watches for that line and fails the run itself. Regenerate with `pnpm snapshot`.
import { spawn } from "node:child_process";

import { foundryBinary } from "./foundry.mjs";

const MISMATCH = /Snapshots differ from previous run|Failed to match snapshots/;

const child = spawn(foundryBinary("forge"), ["test", ...process.argv.slice(2)], {
  stdio: ["ignore", "pipe", "pipe"],
  // CI runs the `ci` profile (more fuzz runs and deeper invariant runs) unless a profile is chosen.
  env: {
    ...process.env,
    FORGE_SNAPSHOT_CHECK: "true",
    FOUNDRY_PROFILE: process.env.FOUNDRY_PROFILE ?? (process.env.CI === "true" ? "ci" : "default"),
  },
});

let mismatch = false;
for (const [source, sink] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  source.on("data", (chunk) => {
    if (MISMATCH.test(chunk.toString())) mismatch = true;
    sink.write(chunk);
  });
}

// "close", not "exit": exit can fire before the last output chunk has been read.
child.on("close", (code, signal) => {
  if (signal) {
    process.exitCode = 1;
  } else if (code !== 0) {
    process.exitCode = code ?? 1;
  } else if (mismatch) {
    process.stderr.write(
      "\nGas snapshots changed. If the change is intended, run `pnpm --filter @dmex/contracts snapshot` and commit snapshots/.\n",
    );
    process.exitCode = 1;
  }
});
