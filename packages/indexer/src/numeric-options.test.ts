import { describe, expect, it } from "vitest";
import { resolveLimits } from "./graphql/limits.js";
import { startIndexer } from "./indexer.js";
import { checkNumericOptions, OptionRangeError } from "./numeric-options.js";

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof OptionRangeError) return error.message;
    throw error;
  }
  throw new Error("accepted");
};

describe("numeric option bounds in the library", () => {
  it("names the option, the bound, the value and why", () => {
    expect(refusal(() => checkNumericOptions({ handlerTimeoutMs: 0 }))).toBe(
      "handlerTimeoutMs must be at least 1, got 0 (no time limit is the default: leave the option out)",
    );
    expect(refusal(() => checkNumericOptions({ confirmations: -2 }))).toBe(
      "confirmations must be at least 0, got -2",
    );
    expect(refusal(() => checkNumericOptions({ pollIntervalMs: 2.5 }))).toBe(
      "pollIntervalMs must be a whole number ≥ 1, got 2.5",
    );
    expect(refusal(() => checkNumericOptions({ statusPort: 70_000 }))).toBe(
      "statusPort must be at most 65535, got 70000",
    );
    expect(() =>
      checkNumericOptions({ port: 0, confirmations: 0, handlerTimeoutMs: undefined }),
    ).not.toThrow();
  });

  it("checks query limits the same way", () => {
    expect(refusal(() => resolveLimits({ timeoutMs: 0 }))).toBe(
      "query limit timeoutMs must be at least 1, got 0 (0 would time every query out)",
    );
    expect(resolveLimits({ maxSkip: 0 }).maxSkip).toBe(0);
  });

  it("startIndexer refuses a bad option before it reads the subgraph or opens the store", async () => {
    await expect(
      startIndexer({
        subgraph: "/nonexistent",
        rpc: "http://127.0.0.1:1",
        db: ":memory:",
        handlerTimeoutMs: 0,
      }),
    ).rejects.toThrow(
      new OptionRangeError(
        "handlerTimeoutMs",
        "must be at least 1, got 0 (no time limit is the default: leave the option out)",
      ),
    );
    await expect(
      startIndexer({
        subgraph: "/nonexistent",
        rpc: "http://127.0.0.1:1",
        db: ":memory:",
        blockRetention: -1,
      }),
    ).rejects.toBeInstanceOf(OptionRangeError);
  });
});
