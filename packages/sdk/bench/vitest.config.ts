import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// The benchmark scripts run under vitest, which compiles the SDK's TypeScript sources and the test fixtures
// they reuse. Only `pnpm --filter @dmex/sdk bench` runs them (the test run includes src/ and scripts/ only),
// so tests never rewrite the committed results.
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["bench/marketplace-tx-gas.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
