import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_DIR, run } from "./subgraphs.js";

/**
 * Compiles the package with its build config into node_modules/.cache (inside the package, so the compiled
 * CLI resolves its dependencies), for tests that run `dmex-indexer` as a real process.
 */
export async function buildCli(): Promise<{ cli: string; remove: () => void }> {
  const out = join(PACKAGE_DIR, "node_modules/.cache", `dmex-indexer-cli-${process.pid}-${Date.now()}`);
  await run(
    join(PACKAGE_DIR, "node_modules/.bin/tsc"),
    ["-p", "tsconfig.build.json", "--outDir", out],
    PACKAGE_DIR,
  );
  return { cli: join(out, "cli.js"), remove: () => rmSync(out, { recursive: true, force: true }) };
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** stdout and stderr lines, in arrival order. */
  readonly lines: string[];
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
}

export function spawnCli(cli: string, args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let done = false;
  void exit.then(() => {
    done = true;
    for (const l of listeners) l();
  });
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.on("data", (d: Buffer) => {
      partial += d.toString();
      const parts = partial.split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      for (const l of listeners) l();
    });
  }
  return {
    child,
    lines,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of lines) {
            const match = pattern.exec(line);
            if (match) {
              cleanup();
              resolve(match);
              return;
            }
          }
          if (done) {
            cleanup();
            reject(new Error(`process exited before printing ${pattern}:\n${lines.join("\n")}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
