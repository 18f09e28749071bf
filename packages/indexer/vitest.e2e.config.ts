import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

import { resolve } from "./vitest.config.js";

// End-to-end tests start anvil (pooled per worker by @dmex/testing's globalSetup), build subgraphs with
// graph-cli and index them: seconds, not milliseconds.
export default defineConfig({
  resolve,
  test: {
    include: ["src/**/*.e2e.test.ts", "test/**/*.e2e.test.ts"],
    globalSetup: [fileURLToPath(import.meta.resolve("@dmex/testing/globalSetup"))],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/e2e.json" },
  },
});
