import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// graphql ships CommonJS and ESM builds; the indexer's GraphQL server (graphql-yoga) loads the CommonJS one,
// so our imports of the indexer must see the same copy ("Cannot use GraphQLSchema from another module").
const fromIndexer = createRequire(fileURLToPath(import.meta.resolve("@dmex/indexer")));

/** Module resolution shared with bench/vitest.config.ts. */
export const resolve = { alias: [{ find: /^graphql$/, replacement: fromIndexer.resolve("graphql") }] };

export default defineConfig({
  resolve,
  test: {
    include: ["scripts/**/*.test.ts", "src/**/*.test.ts", "test/**/*.test.ts"],
    // The end-to-end tests drive the protocol on anvil and index it: seconds to minutes, not milliseconds.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
