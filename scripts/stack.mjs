#!/usr/bin/env node
// The local stack: anvil on 127.0.0.1:8545, the DMEX contracts deployed to it, the embedded indexer running
// the DMEX subgraph against it (GraphQL on http://127.0.0.1:8000), and the web app on http://127.0.0.1:5173.
// Ctrl-C (SIGINT) or SIGTERM stops every child process. Called by scripts/dmex.mjs after install.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// By path, not as a workspace dependency of the root: turbo folds the root's workspace dependencies into
// every task's hash, so a dependency on @dmex/contracts would make any Solidity edit rerun every task.
import { DEPLOYMENTS_DIR, deploy, rpc, startAnvil } from "../packages/contracts/node/index.mjs";

import { holdLifeline } from "./lifeline.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const RPC_PORT = Number(process.env.DMEX_RPC_PORT ?? 8545);
const WEB_PORT = Number(process.env.DMEX_WEB_PORT ?? 5173);
const GRAPHQL_PORT = Number(process.env.DMEX_GRAPHQL_PORT ?? 8000);
const STATUS_PORT = Number(process.env.DMEX_STATUS_PORT ?? 8030);
const HOST = "127.0.0.1";

const started = Date.now();
function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[dmex ${seconds}s] ${message}`);
}

/** Everything to stop on the way out, last started first. */
const stoppers = [];
let stopping = false;

async function shutdown(reason, code) {
  if (stopping) return;
  stopping = true;
  log(`${reason}: stopping ${stoppers.length} service(s)`);
  for (const stop of stoppers.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(error);
    }
  }
  log("stopped");
  process.exit(code);
}

holdLifeline({
  onSignal: (signal) => shutdown(signal, 0),
  onOrphaned: () => shutdown("parent process gone", 1),
});

function portInUse(port) {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ port, host: HOST });
    socket.once("connect", () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once("error", () => resolvePromise(false));
  });
}

/** Starts a long-running child in its own process group so that its own children stop with it. */
function service(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) console.log(prefix + line);
    });
  }
  const exited = new Promise((resolvePromise) => child.once("exit", resolvePromise));
  child.once("exit", (code, signal) => {
    if (!stopping) shutdown(`${name} exited unexpectedly (code ${code}, signal ${signal})`, 1);
  });
  stoppers.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 5_000);
    await exited;
    clearTimeout(timer);
  });
  return child;
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The web app and the SDK were built with the addresses of the build's throw-away deployment
 * (deployments/31337.json). A fresh anvil and the same script give the same addresses; if they ever
 * differ, the page would read the wrong contracts, so stop and say why.
 */
async function checkAgainstBuild(deployment) {
  const recordPath = join(DEPLOYMENTS_DIR, "31337.json");
  const built = JSON.parse(await readFile(recordPath, "utf8"));
  // The subgraph's data sources start at the blocks the build recorded, so the blocks must agree too.
  for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
    const expected = built.contracts[name];
    if (expected?.address !== address || expected?.blockNumber !== blockNumber) {
      throw new Error(
        `${name} deployed at ${address} in block ${blockNumber}, but the build recorded ` +
          `${expected ? `${expected.address} in block ${expected.blockNumber}` : "nothing"} in ${recordPath}. ` +
          "The deploy must be deterministic on a fresh anvil; run `pnpm turbo run build --force` and retry.",
      );
    }
  }
}

/** Waits until the subgraph at `url` has indexed block `block` (its `_meta.block.number`). */
async function waitForIndexed(url, block, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  for (;;) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _meta { block { number } hasIndexingErrors } }" }),
        // An indexer stuck mid-answer must not outlast the deadline: ask again.
        signal: AbortSignal.timeout(5_000),
      });
      const body = await response.json();
      const meta = body?.data?._meta;
      if (meta?.hasIndexingErrors) throw new Error("the subgraph failed; see the [indexer] lines above");
      seen = meta?.block?.number ?? -1;
      if (seen >= block) return;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the subgraph failed")) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(`the indexer reached block ${seen}, not ${block}, within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  log("building (turbo run build)");
  const build = spawnSync("turbo", ["run", "build", "--output-logs=errors-only"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("the build failed; see above");

  for (const [port, what] of [
    [RPC_PORT, "anvil"],
    [WEB_PORT, "the web app"],
    [GRAPHQL_PORT, "the indexer's GraphQL API"],
    [STATUS_PORT, "the indexer's status API"],
  ]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} (for ${what}) is already in use. Is another stack running? Stop it first.`,
      );
    }
  }

  log(`starting anvil on http://${HOST}:${RPC_PORT}`);
  const anvil = await startAnvil({
    port: RPC_PORT,
    blockTime: Number(process.env.DMEX_BLOCK_TIME ?? 0) || undefined,
  });
  stoppers.push(() => anvil.stop());
  log(`anvil ready (pid ${anvil.pid}, chain 31337)`);

  log("deploying contracts");
  const deployment = await deploy({ rpcUrl: anvil.url });
  for (const [name, { address }] of Object.entries(deployment.contracts)) log(`  ${name} at ${address}`);
  await checkAgainstBuild(deployment);

  // A fresh anvil each start, so a fresh database too: the chain the old one indexed is gone.
  const dbDir = await mkdtemp(join(tmpdir(), "dmex-indexer-"));
  stoppers.push(() => rm(dbDir, { recursive: true, force: true }));
  log(`starting the indexer (subgraph/build) on http://${HOST}:${GRAPHQL_PORT}`);
  service("indexer", process.execPath, [
    join(root, "packages/indexer/dist/cli.js"),
    "start",
    "--subgraph",
    join(root, "subgraph"),
    "--rpc",
    anvil.url,
    "--db",
    join(dbDir, "dmex.sqlite"),
    "--host",
    HOST,
    "--port",
    String(GRAPHQL_PORT),
    "--status-port",
    String(STATUS_PORT),
    "--name",
    "dmex",
    "--poll-interval",
    "500",
  ]);
  const graphqlUrl = `http://${HOST}:${GRAPHQL_PORT}/subgraphs/name/dmex`;
  const head = Number(await rpc(anvil.url, "eth_blockNumber", []));
  await waitForIndexed(graphqlUrl, head, 120_000);
  log(`indexer synced to block ${head}`);

  log(`starting the web app on http://${HOST}:${WEB_PORT}`);
  service(
    "web",
    "pnpm",
    ["--filter", "@dmex/web", "exec", "vite", "--host", HOST, "--port", String(WEB_PORT), "--strictPort"],
    {
      env: { ...process.env, VITE_RPC_URL: anvil.url, VITE_CHAIN_ID: "31337", VITE_SUBGRAPH_URL: graphqlUrl },
    },
  );
  await waitForHttp(`http://${HOST}:${WEB_PORT}/`, 60_000);

  log("ready:");
  log(`  web app   http://${HOST}:${WEB_PORT}`);
  log(`  JSON-RPC  ${anvil.url} (chain 31337; anvil's dev accounts are funded)`);
  log(`  GraphQL   ${graphqlUrl} (the DMEX subgraph, embedded indexer)`);
  log(`  status    http://${HOST}:${STATUS_PORT}/graphql (graph-node's index-node status API)`);
  log("press Ctrl-C to stop");
}

main().catch((error) => shutdown(`error: ${error instanceof Error ? error.message : error}`, 1));
