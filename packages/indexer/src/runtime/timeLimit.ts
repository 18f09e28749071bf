// A time limit for synchronous code, WebAssembly included. A timer cannot interrupt a mapping: it runs on the
// main thread until it returns. `vm`'s `timeout` can: Node's watchdog thread calls V8's TerminateExecution,
// which also stops a running WebAssembly loop (V8 checks for interrupts at loop back-edges), the way
// graph-node's wasmtime epoch interruption does. The price is a watchdog thread per call (about 75 µs on
// this machine), so the limit is opt-in (README: "Handler time limit").
import { createContext, Script } from "node:vm";

/** The task ran longer than its limit and was stopped. */
export class TimeLimitError extends Error {
  override readonly name = "TimeLimitError";
  constructor(readonly limitMs: number) {
    super(`ran longer than the time limit of ${limitMs} ms`);
  }
}

const sandbox = createContext({ task: null as (() => void) | null });
const call = new Script("task()");

/** Runs `task` synchronously; throws `TimeLimitError` when it runs longer than `limitMs`. */
export function runWithTimeLimit(task: () => void, limitMs: number): void {
  sandbox.task = task;
  try {
    call.runInContext(sandbox, { timeout: limitMs });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      throw new TimeLimitError(limitMs);
    }
    throw error;
  } finally {
    sandbox.task = null;
  }
}
