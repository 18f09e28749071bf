// Starts and stops anvil (the native binary) for tests, the build and the local stack.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

import { foundryBinary } from "../bin/foundry.mjs";

/** A port that was free a moment ago, chosen by the OS. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Calls a JSON-RPC method on `url`.
 * @param {string} url
 * @param {string} method
 * @param {unknown[]} [params]
 */
export async function rpc(url, method, params = []) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  return body.result;
}

/**
 * Starts anvil on 127.0.0.1 and resolves once it answers JSON-RPC.
 * @param {{ port?: number, chainId?: number, blockTime?: number, silent?: boolean, timeoutMs?: number }} [options]
 */
export async function startAnvil(options = {}) {
  const port = options.port ?? (await freePort());
  const args = [
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--chain-id",
    String(options.chainId ?? 31337),
  ];
  if (options.blockTime) args.push("--block-time", String(options.blockTime));
  if (options.silent !== false) args.push("--silent");
  const child = spawn(foundryBinary("anvil"), args, { stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;

  let exited = false;
  const exit = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (exited) throw new Error(`anvil exited before answering on ${url} (is port ${port} taken?)`);
    try {
      await rpc(url, "eth_chainId");
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`anvil did not answer on ${url} within ${options.timeoutMs ?? 15_000} ms`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    url,
    port,
    pid: child.pid,
    /** Stops anvil and waits until the process has exited. */
    async stop() {
      if (!exited) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
