#!/usr/bin/env node
// Code sizes of every deployable in src/ against the EIP-170 limit, from forge's last build (out/ and its
// cache), for every compiler profile it was built with. Deployables: contracts and libraries with external
// functions (linked and deployed on their own); mocks, interfaces, types and abstract contracts are not, nor are
// libraries whose functions are all internal (inlined into their callers). Prints the table; exits 1 when a
// deployable has less than HEADROOM bytes left (DESIGN §3.2, issue 15 item 9).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CODE_SIZE_LIMIT = 24_576;
export const HEADROOM = 1_024;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EXCLUDED = /^src\/(mocks|interfaces|types|abstracts)\//;

/** @returns {Array<{ contract: string, source: string, profile: string, runs: number, size: number, headroom: number }>} */
export function deployableSizes(dir = root) {
  const cache = JSON.parse(readFileSync(join(dir, "cache", "solidity-files-cache.json"), "utf8"));
  const outDir = join(dir, cache.paths?.artifacts ?? "out");
  const rows = [];
  for (const [source, file] of Object.entries(cache.files)) {
    if (!source.startsWith("src/") || EXCLUDED.test(source)) continue;
    for (const [contract, versions] of Object.entries(file.artifacts ?? {})) {
      for (const profiles of Object.values(versions)) {
        for (const [profile, { path }] of Object.entries(profiles)) {
          const artifact = JSON.parse(readFileSync(join(outDir, path), "utf8"));
          const code = artifact.deployedBytecode?.object?.replace(/^0x/, "") ?? "";
          // methodIdentifiers, not the ABI: a library's external functions with storage parameters have none.
          const hasExternals = Object.keys(artifact.methodIdentifiers ?? {}).length > 0;
          // Abstract contracts have no code; libraries without external functions are never deployed.
          if (code.length === 0 || !hasExternals) continue;
          // Link placeholders (`__$…$__`) stand for 20-byte addresses, 40 hex characters, like the real ones.
          const size = code.length / 2;
          const runs = cache.profiles?.[profile]?.solc?.optimizer?.runs ?? 0;
          rows.push({ contract, source, profile, runs, size, headroom: CODE_SIZE_LIMIT - size });
        }
      }
    }
  }
  return rows.sort((a, b) => a.headroom - b.headroom || a.contract.localeCompare(b.contract));
}

/** Prints the table and returns the rows with less than `HEADROOM` bytes left. */
export function checkSizes(rows, log = console.log) {
  log(
    `Code size of src/ deployables (limit ${CODE_SIZE_LIMIT} bytes, at least ${HEADROOM} bytes of headroom required)`,
  );
  log(
    `${"contract".padEnd(24)} ${"profile".padEnd(12)} ${"runs".padStart(6)} ${"bytes".padStart(7)} ${"headroom".padStart(9)}`,
  );
  for (const row of rows) {
    const mark = row.headroom < HEADROOM ? "  < 1 KiB headroom" : "";
    log(
      `${row.contract.padEnd(24)} ${row.profile.padEnd(12)} ${String(row.runs).padStart(6)} ${String(row.size).padStart(7)} ${String(row.headroom).padStart(9)}${mark}`,
    );
  }
  return rows.filter((row) => row.headroom < HEADROOM);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failures = checkSizes(deployableSizes());
  if (failures.length > 0) {
    console.error(
      `code size: ${failures.map((r) => `${r.contract} (${r.profile})`).join(", ")} below ${HEADROOM} bytes of headroom`,
    );
    process.exitCode = 1;
  }
}
