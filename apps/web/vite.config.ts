import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: {
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: "ethers", test: /[\\/]node_modules[\\/].*(ethers|@noble|@adraffy)/ },
            { name: "react", test: /[\\/]node_modules[\\/].*(react|scheduler|@tanstack)/ },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    // Browser end-to-end tests run in Node with their own config (vitest.e2e.config.ts).
    exclude: ["e2e/**", "node_modules/**", "dist/**"],
    setupFiles: ["./src/test/setup.ts"],
    // Above the 10 s of `findBy*` (src/test/setup.ts). With vitest's default of 5 s, a test with one slow
    // role query under load hit the test timeout while the page was still right: the flaky
    // "still explains itself" test of App.test.tsx.
    testTimeout: 30_000,
    restoreMocks: true,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/unit.json" },
  },
});
