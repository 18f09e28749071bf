#!/usr/bin/env node
// Line and branch coverage of src/: a summary table on stdout and lcov.info for editors and CI tools.
// Coverage compiles without the optimizer into its own folders, leaving the normal build and the gas
// snapshots alone.
//
// foundry.toml compiles the vault under a second compiler profile (`compilation_restrictions`) to keep it
// under the code-size limit. Coverage builds are unoptimized anyway and the restriction breaks forge's
// source attribution (contracts vanish from the report), so coverage runs on a copy of foundry.toml
// without those keys.
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { runFoundry } from "./foundry.mjs";

const root = new URL("..", import.meta.url).pathname;
const config = (await readFile(join(root, "foundry.toml"), "utf8"))
  .split("\n")
  .filter((line) => !/^(additional_compiler_profiles|compilation_restrictions)\s*=/.test(line))
  .join("\n");
// forge wants a file named foundry.toml and resolves its relative paths against that file's folder: the
// copy lives in a scratch project root whose entries link back to the package.
const coverageRoot = join(root, "cache/coverage-root");
await rm(coverageRoot, { recursive: true, force: true });
await mkdir(coverageRoot, { recursive: true });
for (const entry of ["src", "test", "script", "bin", "node_modules", "deployments", "snapshots"]) {
  await symlink(join(root, entry), join(coverageRoot, entry));
}
const configPath = join(coverageRoot, "foundry.toml");
await writeFile(configPath, config);

const lcov = join(coverageRoot, "lcov.info");
await rm(join(root, "lcov.info"), { force: true });
const code = await runFoundry(
  "forge",
  [
    "coverage",
    "--root",
    coverageRoot,
    "--config-path",
    configPath,
    "--report",
    "summary",
    "--report",
    "lcov",
    "--no-match-coverage",
    "(test|script)/",
  ],
  {
    env: {
      ...process.env,
      FOUNDRY_CACHE_PATH: join(root, "cache/coverage"),
      FOUNDRY_OUT: join(root, "cache/coverage-out"),
      // Unoptimized coverage builds must not overwrite the committed (optimized) gas snapshots.
      FORGE_SNAPSHOT_EMIT: "false",
    },
  },
);

// forge coverage can exit 0 having compiled nothing (e.g. paths that resolve nowhere): no report, no pass.
const report = code === 0 ? await readFile(lcov, "utf8").catch(() => "") : "";
if (code === 0 && !/^SF:.*\bsrc\//m.test(report)) {
  console.error("coverage: forge reported no source file of src/; the coverage run did not happen");
  process.exitCode = 1;
} else {
  if (report) await writeFile(join(root, "lcov.info"), report);
  process.exitCode = code;
}
