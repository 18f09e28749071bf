// Resolves Foundry's native binaries inside the npm packages `@foundry-rs/<tool>`.
// The npm wrapper scripts (`node_modules/.bin/forge`) always exit 0, even when tests fail, so
// every forge/anvil/cast call in this repository goes through here instead.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** @typedef {"forge" | "anvil" | "cast"} FoundryTool */

const PLATFORM_NAMES = { linux: "linux", darwin: "darwin", win32: "win32" };
const ARCH_NAMES = { x64: "amd64", arm64: "arm64" };

/**
 * Absolute path of the native binary of a Foundry tool.
 * @param {FoundryTool} tool
 * @returns {string}
 */
export function foundryBinary(tool) {
  const platform = PLATFORM_NAMES[process.platform];
  const arch = ARCH_NAMES[process.arch];
  if (!platform || !arch) {
    throw new Error(`Foundry has no npm binary for ${process.platform}/${process.arch}`);
  }
  const wrapperManifest = require.resolve(`@foundry-rs/${tool}/package.json`);
  // The platform package is a dependency of the wrapper, not of ours: resolve it from there.
  const fromWrapper = createRequire(wrapperManifest);
  const nativePackage = `@foundry-rs/${tool}-${platform}-${arch}`;
  let manifest;
  try {
    manifest = fromWrapper.resolve(`${nativePackage}/package.json`);
  } catch {
    throw new Error(
      `${nativePackage} is not installed. Run the install again (pnpm install); it is an optional dependency of @foundry-rs/${tool}.`,
    );
  }
  const binary = join(dirname(manifest), "bin", process.platform === "win32" ? `${tool}.exe` : tool);
  if (!existsSync(binary)) throw new Error(`${binary} is missing from ${nativePackage}`);
  return binary;
}

/**
 * Runs a Foundry tool with inherited stdio and resolves to its exit code (a signal maps to 128 + n).
 * SIGINT, SIGTERM and SIGHUP sent to this process are passed on, so stopping the wrapper never leaves
 * the native process running (e.g. an orphaned anvil holding its port).
 * @param {FoundryTool} tool
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions} [options]
 * @returns {Promise<number>}
 */
export function runFoundry(tool, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(foundryBinary(tool), args, { stdio: "inherit", ...options });
    const forward = (signal) => child.kill(signal);
    const forwarded = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of forwarded) process.on(signal, forward);
    const cleanUp = () => {
      for (const signal of forwarded) process.off(signal, forward);
    };
    child.once("error", (error) => {
      cleanUp();
      reject(error);
    });
    child.once("exit", (code, signal) => {
      cleanUp();
      resolve(signal ? 128 + (SIGNALS[signal] ?? 1) : (code ?? 1));
    });
  });
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
