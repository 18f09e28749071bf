import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

import { resolve } from "./vitest.config.js";

// The end-to-end tests drive the protocol on anvil (pooled per worker by @dmex/testing's globalSetup) and index
// it: seconds to minutes, not milliseconds.
export default defineConfig({
  resolve,
  test: {
    include: ["scripts/**/*.e2e.test.ts", "src/**/*.e2e.test.ts", "test/**/*.e2e.test.ts"],
    globalSetup: [fileURLToPath(import.meta.resolve("@dmex/testing/globalSetup"))],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/e2e.json" },
  },
});
