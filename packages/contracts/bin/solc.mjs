#!/usr/bin/env node
// A native-solc look-alike over solc-js, for forge (which cannot download solc here).
// It answers the two calls forge makes: `--version` and `--standard-json` (input on stdin).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, resolve } from "node:path";

const require = createRequire(import.meta.url);
const solc = require("solc");

const args = process.argv.slice(2);

function nativeVersion() {
  // solc-js reports "0.8.30+commit.73712a01.Emscripten.clang"; forge parses the native form.
  const [semver, commit] = solc.version().split("+");
  const hash = commit?.split(".").slice(0, 2).join(".") ?? "commit.00000000";
  return `${semver}+${hash}.Linux.g++`;
}

function listOption(name) {
  const values = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name && args[i + 1] !== undefined) values.push(...args[i + 1].split(","));
  }
  return values;
}

// Sources forge sends are complete; the callback only serves an import it did not inline.
function importCallback(roots) {
  return (path) => {
    for (const root of isAbsolute(path) ? [""] : roots) {
      try {
        return { contents: readFileSync(resolve(root, path), "utf8") };
      } catch {}
    }
    return { error: `File not found: ${path} (searched ${roots.join(", ")})` };
  };
}

function writeAndExit(text, code) {
  // Exiting before stdout drains truncates output over 64 KiB, which forge reports as "EOF while parsing".
  process.exitCode = code;
  process.stdout.write(text);
}

if (args.includes("--version")) {
  writeAndExit(`solc, the solidity compiler commandline interface\nVersion: ${nativeVersion()}\n`, 0);
} else if (args.includes("--standard-json")) {
  const input = readFileSync(0, "utf8");
  const roots = [
    ...listOption("--base-path"),
    ...listOption("--include-path"),
    ...listOption("--allow-paths"),
    process.cwd(),
  ];
  writeAndExit(solc.compile(input, { import: importCallback(roots) }), 0);
} else {
  process.stderr.write(
    `solc shim: only --version and --standard-json are supported (got: ${args.join(" ")})\n`,
  );
  process.exitCode = 1;
}
