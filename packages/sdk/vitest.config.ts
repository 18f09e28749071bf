import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// graphql ships CommonJS and ESM builds; the indexer's API schema (which scripts/subgraph-codegen.mjs builds in
// the codegen test's process) uses the CommonJS one, so every import of graphql here must see the same copy
// ("Cannot use GraphQLSchema from another module or realm"), as in subgraph/vitest.config.ts.
const fromIndexer = createRequire(fileURLToPath(import.meta.resolve("@dmex/indexer")));

// Unit tests: no chain, seconds. Tests that need anvil are named *.e2e.test.ts and run with vitest.e2e.config.ts.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: fromIndexer.resolve("graphql") }] },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
    // scripts/subgraph-codegen.test.ts generates in this process (the codegen plugins load once) and runs the
    // command as a child process once: seconds idle, more on a loaded machine.
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/unit.json" },
  },
});
