import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

import { resolve } from "../vitest.config.js";

// The benchmark runs under vitest (it drives the TypeScript test harness), with the package's module
// resolution. Only `pnpm --filter @dmex/subgraph bench` runs it; the test run never rewrites the results.
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve,
  test: {
    include: ["bench/*.bench.ts"],
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
  },
});
