import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Module resolution shared with bench/vitest.config.ts. */
export const resolve = {
  // graphql ships CommonJS (`main`) and ESM (`module`) builds. Node loads graphql-yoga's copy through `main`;
  // without this alias Vite would hand our sources the ESM build, and graphql refuses schemas built by the
  // other copy ("Cannot use GraphQLSchema from another module or realm").
  alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
};

export default defineConfig({
  resolve,
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // End-to-end tests start anvil, build subgraphs with graph-cli and index them: seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
