// Keeps a long-running script tied to whoever started it. npm 11 exits on SIGTERM without passing it
// on, and a parent killed with SIGKILL passes nothing on: in both cases a process is re-parented, and
// polling parent ids is the only portable way to notice. npm runs scripts through `sh -c`, which outlives
// npm, so on Linux the grandparent is watched too.
import { readFileSync } from "node:fs";

/** Parent pid of `pid` from /proc (Linux), or undefined where /proc is not available. */
function parentOf(pid) {
  try {
    // Field 4 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function ancestors() {
  return [process.ppid, parentOf(process.ppid)];
}

/**
 * Calls `onSignal(signal)` on SIGINT, SIGTERM or SIGHUP, and `onOrphaned()` once if the parent or
 * grandparent process goes away. Returns a function that stops watching.
 * @param {{ onSignal: (signal: NodeJS.Signals) => void, onOrphaned: () => void, intervalMs?: number }} handlers
 */
export function holdLifeline({ onSignal, onOrphaned, intervalMs = 500 }) {
  const [parent, grandparent] = ancestors();
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(signal, onSignal);
  const timer = setInterval(() => {
    const [nowParent, nowGrandparent] = ancestors();
    if (nowParent !== parent || (grandparent !== undefined && nowGrandparent !== grandparent)) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
