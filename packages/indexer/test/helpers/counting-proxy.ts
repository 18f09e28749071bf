import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface RecordedCall {
  readonly method: string;
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
      const response = await fetch(`${url}/calls`);
      return (await response.json()) as RecordedCall[];
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
