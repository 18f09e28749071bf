// The tests' JSON-RPC provider on anvil.
import { JsonRpcProvider, Network, type TransactionRequest } from "ethers";

/**
 * Gas estimates with a margin. DMC's votes checkpoint by timestamp: estimated in the second of the last block,
 * a transfer or delegation updates that second's checkpoint in place, but mined a second later it writes new
 * ones, up to two fresh storage slots (sender's and receiver's delegates, ~22k gas each) more than estimated,
 * and runs out of gas (seen as a random revert without data; 30% was not always enough: a timelock batch
 * moving DMC was estimated at 71,142 and needed more than 92,485). Unused gas costs nothing on anvil.
 */
class MarginProvider extends JsonRpcProvider {
  override async estimateGas(tx: TransactionRequest): Promise<bigint> {
    return ((await super.estimateGas(tx)) * 130n) / 100n + 100_000n;
  }
}

/**
 * A provider for anvil at `url` (chain 31337) that polls every 20 ms instead of ethers' 4 s (anvil sometimes
 * answers a transaction's hash before its receipt exists, and `wait()` then sleeps one polling interval) and
 * estimates gas with a margin (see MarginProvider).
 */
export function testProvider(url: string): JsonRpcProvider {
  const network = Network.from(31337);
  return new MarginProvider(url, network, {
    staticNetwork: network,
    batchMaxCount: 1,
    cacheTimeout: -1,
    pollingInterval: 20,
  });
}
