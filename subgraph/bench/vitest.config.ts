import { fileURLToPath } from "node:url";

import { defineConfig, mergeConfig } from "vitest/config";

import base from "../vitest.config.js";

// The benchmark runs under vitest (it drives the TypeScript test harness), with the package's module
// resolution. Only `pnpm --filter @dmex/subgraph bench` runs it; the test run never rewrites the results.
export default mergeConfig(
  base,
  defineConfig({
    root: fileURLToPath(new URL("..", import.meta.url)),
    test: {
      include: ["bench/*.bench.ts"],
      fileParallelism: false,
      testTimeout: 1_800_000,
      hookTimeout: 600_000,
    },
  }),
);
