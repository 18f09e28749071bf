import { describe, expect, it } from "vitest";
import { runWithTimeLimit, TimeLimitError } from "./timeLimit.js";

// (module (func (export "spin") (loop (br 0))) (func (export "nop"))): a mapping that never returns.
const SPIN = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 3, 2, 0, 0, 7, 14, 2, 4, 115, 112, 105, 110, 0, 0, 3,
  110, 111, 112, 0, 1, 10, 12, 2, 7, 0, 3, 64, 12, 0, 11, 11, 2, 0, 11,
]);

describe("runWithTimeLimit", () => {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(SPIN)).exports as Record<
    string,
    () => void
  >;

  it("stops a WebAssembly loop that never returns, close to the limit", () => {
    const started = Date.now();
    expect(() => runWithTimeLimit(() => exports.spin?.(), 150)).toThrow(new TimeLimitError(150));
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2_000);
    // The instance and the thread are usable afterwards.
    expect(() => runWithTimeLimit(() => exports.nop?.(), 150)).not.toThrow();
  });

  it("passes the task's own errors through unchanged", () => {
    const own = new RangeError("mapping trap");
    expect(() =>
      runWithTimeLimit(() => {
        throw own;
      }, 1_000),
    ).toThrow(own);
  });
});
