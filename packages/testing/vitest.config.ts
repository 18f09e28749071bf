import { defineConfig } from "vitest/config";

// Unit tests: no chain. Tests that need anvil are named *.e2e.test.ts and run with vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/unit.json" },
  },
});
