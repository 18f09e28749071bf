// A deployed local chain, saved once and loaded into every test's anvil. Deploying runs the real forge
// script, which compiles every contract in a private cache (packages/contracts/node/deploy.mjs) and takes
// 15-50 s on this machine; loading a saved state takes ~0.1 s. The first test file that needs a chain
// deploys to a throw-away anvil and saves `anvil_dumpState` with the deployment record under
// node_modules/.cache; test files running in parallel wait for it, later runs reuse it. The key is a hash of
// everything the deployment depends on (contract sources, deploy script, foundry.toml, the deploy tooling),
// so a changed contract is deployed afresh.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { CONTRACTS_ROOT, type Deployment, deploy, rpc, startAnvil } from "@dmex/contracts/node";

/**
 * A deployed chain: anvil's dumped state and the deployment record the deploy step wrote for it (the SDK's
 * `parseDeployment` checks and types it; this package does not depend on the SDK).
 */
export interface ChainSnapshot {
  readonly state: string;
  readonly deployment: Deployment;
}

const CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../node_modules/.cache/dmex-local-chain");
const INPUTS = ["src", "script", "foundry.toml", "node/deploy.mjs", "node/anvil.mjs", "package.json"];
const LOCK_STALE_MS = 5 * 60_000;

let pending: Promise<ChainSnapshot> | undefined;

/** The saved deployed chain, deploying it first if no test run has yet (one deployment at a time). */
export function localChainSnapshot(): Promise<ChainSnapshot> {
  pending ??= loadOrDeploy();
  return pending;
}

async function loadOrDeploy(): Promise<ChainSnapshot> {
  const key = await inputsHash();
  const file = join(CACHE_DIR, `${key}.json`);
  const lock = join(CACHE_DIR, `${key}.lock`);
  await mkdir(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    const saved = await readSnapshot(file);
    if (saved) return saved;
    if (await tryLock(lock)) {
      try {
        const fresh = await deployFresh();
        await writeFile(`${file}.tmp`, JSON.stringify(fresh));
        await rename(`${file}.tmp`, file);
        await removeOthers(key);
        return fresh;
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`localChainSnapshot: gave up waiting for ${lock}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Runs the real deploy script against the node at `rpcUrl`. */
export function deployTo(rpcUrl: string): Promise<Deployment> {
  return deploy({ rpcUrl });
}

async function deployFresh(): Promise<ChainSnapshot> {
  const anvil = await startAnvil();
  try {
    const deployment = await deployTo(anvil.url);
    const state = await rpc(anvil.url, "anvil_dumpState");
    if (typeof state !== "string") throw new Error("anvil_dumpState returned no state");
    return { state, deployment };
  } finally {
    await anvil.stop();
  }
}

async function readSnapshot(file: string): Promise<ChainSnapshot | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, "utf8")) as { state?: unknown; deployment?: unknown };
    if (typeof saved.state !== "string" || typeof saved.deployment !== "object" || saved.deployment === null)
      return undefined;
    return { state: saved.state, deployment: saved.deployment as Deployment };
  } catch {
    return undefined;
  }
}

/**
 * mkdir is atomic: whoever creates the lock directory deploys, and writes its process id into it. A lock
 * whose process is gone (a run interrupted while deploying), or older than 5 minutes, is stale.
 */
async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(join(lock, "pid"), String(process.pid));
    return true;
  } catch {
    const owner = Number(await readFile(join(lock, "pid"), "utf8").catch(() => "0"));
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if ((owner > 0 && !isAlive(owner)) || age > LOCK_STALE_MS)
      await rm(lock, { recursive: true, force: true });
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function removeOthers(key: string): Promise<void> {
  for (const name of await readdir(CACHE_DIR)) {
    if (name.endsWith(".json") && !name.startsWith(key)) await rm(join(CACHE_DIR, name), { force: true });
  }
}

async function inputsHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of await filesUnder(join(CONTRACTS_ROOT, input))) {
      hash
        .update(relative(CONTRACTS_ROOT, file))
        .update("\0")
        .update(await readFile(file))
        .update("\0");
    }
  }
  return hash.digest("hex").slice(0, 16);
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [path];
  const entries = (await readdir(path)).sort();
  return (await Promise.all(entries.map((entry) => filesUnder(join(path, entry))))).flat();
}
