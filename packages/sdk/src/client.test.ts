import { describe, expect, it } from "vitest";

import { ChainUnavailableError } from "./errors.js";
import { createReadProvider, readChainStatus } from "./provider.js";

describe("SDK without a chain", () => {
  it("fails fast with a typed error when the node is down", async () => {
    // Port 9 (discard) on loopback has no JSON-RPC server.
    const provider = createReadProvider("http://127.0.0.1:9", 31337);
    const started = Date.now();
    await expect(readChainStatus(provider)).rejects.toBeInstanceOf(ChainUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
    provider.destroy();
  });
});
