import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// graphql ships CommonJS and ESM builds; the indexer's GraphQL server (graphql-yoga) loads the CommonJS one,
// so our imports of the indexer must see the same copy ("Cannot use GraphQLSchema from another module").
const fromIndexer = createRequire(fileURLToPath(import.meta.resolve("@dmex/indexer")));

/**
 * Module resolution shared with vitest.e2e.config.ts and bench/vitest.config.ts. `@dmex/sdk-test/<name>` is
 * the SDK's test worlds (packages/sdk/test/<name>.ts), which no package exports (see packages/testing/README.md);
 * tsconfig.json maps the same name for the type checker.
 */
export const resolve = {
  alias: [
    { find: /^graphql$/, replacement: fromIndexer.resolve("graphql") },
    {
      find: /^@dmex\/sdk-test\/(.*)$/,
      replacement: `${fileURLToPath(new URL("../packages/sdk/test/", import.meta.url))}$1.ts`,
    },
  ],
};

// Unit tests: no chain. Tests that need anvil are named *.e2e.test.ts and run with vitest.e2e.config.ts.
export default defineConfig({
  resolve,
  test: {
    include: ["scripts/**/*.test.ts", "src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/unit.json" },
  },
});
