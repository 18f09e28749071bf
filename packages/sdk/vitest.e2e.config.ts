import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// End-to-end tests: anvil (one per worker, pooled by @dmex/testing's globalSetup) with DMEX deployed by the
// real forge script, so seconds, not milliseconds.
export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts", "scripts/**/*.e2e.test.ts"],
    globalSetup: [fileURLToPath(import.meta.resolve("@dmex/testing/globalSetup"))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/e2e.json" },
  },
});
