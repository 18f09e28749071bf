// The tests' JSON-RPC provider on anvil.
import { AnvilProvider } from "@dmex/sdk/testing/anvilProvider";
import type { JsonRpcProvider, TransactionRequest } from "ethers";

/**
 * Gas estimates with a margin. DMC's votes checkpoint by timestamp: estimated in the second of the last block,
 * a transfer or delegation updates that second's checkpoint in place, but mined a second later it writes new
 * ones, up to two fresh storage slots (sender's and receiver's delegates, ~22k gas each) more than estimated,
 * and runs out of gas (seen as a random revert without data; 30% was not always enough: a timelock batch
 * moving DMC was estimated at 71,142 and needed more than 92,485). Unused gas costs nothing on anvil.
 */
class MarginProvider extends AnvilProvider {
  override async estimateGas(tx: TransactionRequest): Promise<bigint> {
    return ((await super.estimateGas(tx)) * 130n) / 100n + 100_000n;
  }
}

/**
 * A provider for anvil at `url` (chain 31337): sends return once the transaction is mined (see
 * AnvilProvider: ethers' `wait()` alone can hang on anvil) and gas is estimated with a margin (see
 * MarginProvider).
 */
export function testProvider(url: string): JsonRpcProvider {
  return new MarginProvider(url);
}
