import { defineConfig } from "vitest/config";

// Browser end-to-end tests: Node environment, real anvil, real Vite server, Debian's Chromium.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
