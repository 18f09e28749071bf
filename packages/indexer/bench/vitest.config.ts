import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

import { resolve } from "../vitest.config.js";

// The benchmarks run under vitest (it compiles the TypeScript sources they drive), with the package's module
// resolution (see ../vitest.config.ts). Only `pnpm --filter @dmex/indexer bench` runs them, one file at a time
// so that they do not compete for the CPU; the test run never rewrites the committed results.
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve,
  test: {
    include: ["bench/*.bench.ts"],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
