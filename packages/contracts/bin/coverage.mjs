#!/usr/bin/env node
// Line and branch coverage of src/: a summary table on stdout and lcov.info for editors and CI tools.
// Coverage compiles without the optimizer into its own folders, leaving the normal build and the gas
// snapshots alone.
import { runFoundry } from "./foundry.mjs";

process.exitCode = await runFoundry(
  "forge",
  ["coverage", "--report", "summary", "--report", "lcov", "--no-match-coverage", "(test|script)/"],
  {
    env: {
      ...process.env,
      FOUNDRY_CACHE_PATH: "cache/coverage",
      FOUNDRY_OUT: "cache/coverage-out",
      // Unoptimized coverage builds must not overwrite the committed (optimized) gas snapshots.
      FORGE_SNAPSHOT_EMIT: "false",
    },
  },
);
