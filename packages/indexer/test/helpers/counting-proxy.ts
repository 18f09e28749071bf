import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface RecordedCall {
  readonly method: string;
  /** The first parameter when it is a string (a block number or hash), else empty. */
  readonly params: readonly unknown[];
}

export interface CountingProxy {
  readonly url: string;
  /** Every JSON-RPC call forwarded so far (each call of a batch), in order. */
  calls(): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

/** A recording JSON-RPC proxy in front of `target`, in a child process (see counting-proxy.mjs). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const script = fileURLToPath(new URL("./counting-proxy.mjs", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script, target], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    child.once("exit", (code) => reject(new Error(`counting proxy exited with code ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async calls() {
      // A kept-alive connection the proxy closes as this request goes out fails it: asked again, it succeeds.
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await fetch(`${url}/calls`);
          return (await response.json()) as RecordedCall[];
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
