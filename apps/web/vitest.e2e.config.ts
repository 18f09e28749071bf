import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// graphql ships CommonJS and ESM builds; the embedded indexer's GraphQL server (graphql-yoga) loads the
// CommonJS one, so the indexer's own imports must see the same copy ("Cannot use GraphQLSchema from another
// module"), as in subgraph/vitest.config.ts.
const fromIndexer = createRequire(fileURLToPath(import.meta.resolve("@dmex/indexer")));

// Browser end-to-end tests: Node environment, real anvil, real Vite server, Debian's Chromium, the embedded
// indexer on the subgraph's build.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: fromIndexer.resolve("graphql") }] },
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/e2e.json" },
  },
});
