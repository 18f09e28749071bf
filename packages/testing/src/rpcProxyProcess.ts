import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A call the proxy forwarded, with its first parameter when that is a string (a block number or hash). */
export interface RecordedRequest {
  readonly method: string;
  readonly params: readonly unknown[];
}

export interface RpcProxyProcess {
  readonly url: string;
  /** Every JSON-RPC call received so far (each call of a batch), in order of arrival. */
  requests(): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/**
 * The JSON-RPC proxy (rpcProxy.ts) in front of `upstream`, run as a process of its own: for clients that block
 * the test's thread while they wait for an answer (the indexer's synchronous host calls), which an in-process
 * proxy could then never give.
 */
export async function startRpcProxyProcess(upstream: string): Promise<RpcProxyProcess> {
  const script = fileURLToPath(new URL("./rpcProxyServer.mjs", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script, upstream], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    child.once("exit", (code) => reject(new Error(`the RPC proxy process exited with code ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async requests() {
      // A kept-alive connection the proxy closes as this request goes out fails it: asked again, it succeeds.
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await fetch(`${url}/requests`);
          return (await response.json()) as RecordedRequest[];
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // A killed child has a signal code and no exit code: either means it is gone.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
