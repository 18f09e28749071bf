#!/usr/bin/env node
// The two commands of the README, on a machine with only Node 20 and npm:
//   npm test    install what is missing, build, lint, typecheck and run every test suite
//   npm start   install what is missing, build, then run the local stack (anvil, contracts, web app)
// This file has no dependencies: it runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { holdLifeline } from "./lifeline.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const PNPM_VERSION = packageManager.replace(/^pnpm@/, "");

function log(message) {
  console.log(`[dmex] ${message}`);
}

function fail(message) {
  console.error(`[dmex] error: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env, ...options });
  if (result.error) fail(`${command} ${args.join(" ")}: ${result.error.message}`);
  return result.status ?? 1;
}

function versionOf(command) {
  const result = spawnSync(command, ["--version"], { encoding: "utf8", env: process.env });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node >= 20.19 is required, this is ${process.version}`);

// pnpm at the exact version of package.json, installed beside the repo when the machine lacks it
// (corepack cannot be relied on here; a global install would touch the machine).
const tools = join(root, ".tools");
process.env.PATH = [
  join(tools, "node_modules", ".bin"),
  join(root, "node_modules", ".bin"),
  process.env.PATH,
].join(delimiter);
process.env.TURBO_TELEMETRY_DISABLED = "1";
process.env.DO_NOT_TRACK = "1";
if (versionOf("pnpm") !== PNPM_VERSION) {
  log(`installing pnpm ${PNPM_VERSION} into .tools/`);
  const code = run("npm", [
    "install",
    "--prefix",
    tools,
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    `pnpm@${PNPM_VERSION}`,
  ]);
  if (code !== 0 || versionOf("pnpm") !== PNPM_VERSION)
    fail(`could not install pnpm ${PNPM_VERSION} with npm`);
}

log("installing dependencies (pnpm install --frozen-lockfile)");
if (run("pnpm", ["install", "--frozen-lockfile", "--reporter=append-only"]) !== 0) {
  fail(
    "pnpm install failed; see above. If package.json changed, run `pnpm install` and commit pnpm-lock.yaml.",
  );
}

const command = process.argv[2];
const scripts = { test: "test.mjs", run: "stack.mjs" };
if (!(command in scripts)) fail(`unknown command "${command ?? ""}": use "test" or "run"`);

// The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (command === "test" && !existsSync(chromium)) {
  if (process.getuid?.() === 0 && versionOf("apt-get")) {
    log("installing chromium for the browser tests (apt-get install -y chromium)");
    run("apt-get", ["update", "-qq"]);
    if (run("apt-get", ["install", "-y", "-qq", "chromium"]) !== 0)
      fail("apt-get could not install chromium");
  } else {
    fail(
      `the browser tests need Chromium at ${chromium}: install it (e.g. sudo apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
}

// The long-running part runs as a child that gets our signals, so that stopping npm (or this process)
// still reaches the stack and stops every process it started.
const child = spawn("node", [join(root, "scripts", scripts[command]), ...process.argv.slice(3)], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
holdLifeline({
  onSignal: (signal) => child.kill(signal),
  onOrphaned: () => child.kill("SIGTERM"),
});
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
