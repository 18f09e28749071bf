// The tests' JSON-RPC provider on anvil.
import { AnvilProvider } from "@dmex/sdk/testing/anvilProvider";
import type { JsonRpcProvider } from "ethers";

/**
 * A provider for anvil at `url` (chain 31337): sends return once the transaction is mined (ethers' `wait()`
 * alone can hang on anvil) and gas is estimated with the SDK's margin, since a DMC transfer mined a second after
 * it was estimated can write new vote checkpoints (see AnvilProvider).
 */
export function testProvider(url: string): JsonRpcProvider {
  return new AnvilProvider(url);
}
