import { FetchRequest, JsonRpcProvider, Network } from "ethers";

import { ChainUnavailableError } from "./errors.js";

export interface ReadProviderOptions {
  /** Give up on a request after this many milliseconds (default 5,000; ethers' own default is 5 minutes). */
  readonly timeoutMs?: number;
}

/**
 * A JSON-RPC provider for `url` that fails fast when the node is down.
 * - ethers' default provider retries network detection forever; pinning the expected chain id avoids
 *   that, and {@link readChainStatus} still reports the id the node really has.
 * - Each request is aborted after `timeoutMs`, so a host that drops packets reads as unavailable.
 * - Its 250 ms response cache is off: a signer sending two transactions within it would reuse a stale
 *   nonce ("nonce too low").
 */
export function createReadProvider(
  url: string,
  chainId: number,
  options: ReadProviderOptions = {},
): JsonRpcProvider {
  const network = Network.from(chainId);
  const request = new FetchRequest(url);
  request.timeout = options.timeoutMs ?? 5_000;
  return new JsonRpcProvider(request, network, {
    staticNetwork: network,
    batchMaxCount: 1,
    cacheTimeout: -1,
  });
}

/** What the node says about itself. */
export interface ChainStatus {
  readonly chainId: number;
  readonly blockNumber: number;
  /** Unix seconds of the latest block. */
  readonly blockTimestamp: number;
}

/** Reads chain id and latest block; throws {@link ChainUnavailableError} when the node does not answer. */
export async function readChainStatus(provider: JsonRpcProvider): Promise<ChainStatus> {
  try {
    const [chainIdHex, block] = await Promise.all([
      provider.send("eth_chainId", []) as Promise<string>,
      provider.getBlock("latest"),
    ]);
    if (!block) throw new Error("the node returned no latest block");
    return {
      chainId: Number(BigInt(chainIdHex)),
      blockNumber: block.number,
      blockTimestamp: block.timestamp,
    };
  } catch (error) {
    throw new ChainUnavailableError(provider._getConnection().url, error);
  }
}
