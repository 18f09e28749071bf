import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Module resolution shared with vitest.e2e.config.ts and bench/vitest.config.ts. */
export const resolve = {
  // graphql ships CommonJS (`main`) and ESM (`module`) builds. Node loads graphql-yoga's copy through `main`;
  // without this alias Vite would hand our sources the ESM build, and graphql refuses schemas built by the
  // other copy ("Cannot use GraphQLSchema from another module or realm").
  alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
};

// Unit tests: no chain. Tests that need anvil are named *.e2e.test.ts and run with vitest.e2e.config.ts.
export default defineConfig({
  resolve,
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
    // Some unit tests build subgraphs with graph-cli: seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/unit.json" },
  },
});
