import { describe, expect, it } from "vitest";

import { anvilOptionsFromArgs } from "./anvil.js";

describe("anvilOptionsFromArgs", () => {
  it("turns the arguments it knows into options and refuses the others", () => {
    expect(anvilOptionsFromArgs(["--gas-limit", "100000000", "--chain-id", "5"])).toEqual({
      blockGasLimit: 100_000_000,
      chainId: 5,
    });
    expect(() => anvilOptionsFromArgs(["--fork-url", "http://x"])).toThrow(/--fork-url/);
    expect(() => anvilOptionsFromArgs(["--gas-limit", "lots"])).toThrow(/integer/);
  });
});
