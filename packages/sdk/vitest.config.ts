import { defineConfig } from "vitest/config";

// Unit tests: no chain, seconds. Tests that need anvil are named *.e2e.test.ts and run with vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
    // scripts/subgraph-codegen.test.ts runs the code generator as a child process: about a second idle, over
    // five on a loaded machine.
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/unit.json" },
  },
});
