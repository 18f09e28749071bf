// The tests' provider for anvil: with automine on, a sent transaction is mined by the time `send` returns, and
// gas is estimated with the margin the caller gives (the SDK's tests give the SDK's `gasLimitFor`).
import { FetchRequest, JsonRpcProvider, Network, type TransactionRequest } from "ethers";

/** How long anvil may take to mine a sent transaction before the test is told automine seems off. */
const MINED_WITHIN_MS = 10_000;
/** A request that takes longer fails the test with a clear error instead of hanging it. */
const REQUEST_TIMEOUT_MS = 60_000;

const SENDS = new Set(["eth_sendRawTransaction", "eth_sendTransaction"]);

/** anvil, mining automatically, took the transaction but did not mine it: the node is stuck. */
export class NotMinedError extends Error {
  override readonly name = "NotMinedError";
  constructor(readonly hash: string) {
    super(`anvil did not mine transaction ${hash} within ${MINED_WITHIN_MS} ms although automine is on`);
  }
}

/**
 * anvil answers a transaction's hash a few milliseconds before its receipt exists (186 of 2,000 sends on a
 * busy machine). ethers' `wait()` then looks for a block after the one its poller first sees; when the
 * transaction was mined in between, no block ever comes on a chain that mines only on demand and the test
 * hangs (1 of 3,000 sends; it timed out a CI run). Here each send returns only once the receipt exists, so `wait()`
 * finds it on its first look. It polls every 20 ms, not ethers' 4 s, and does not cache answers (a signer
 * sending two transactions within the cache's 250 ms would reuse a stale nonce).
 *
 * Its gas estimates carry the margin `gasLimit` adds (the SDK's tests pass the SDK's `gasLimitFor`), so that the tests' own
 * ethers sends are as safe as theirs. DMC's votes checkpoint by timestamp: estimated in the second of the last
 * block, a transfer after a delegation updates that second's checkpoint in place, but mined a second later it
 * writes a new one and runs out of gas (a test's transfer did, at 67,398 gas, status 0).
 */
export class AnvilProvider extends JsonRpcProvider {
  private readonly gasLimit: (estimate: bigint) => bigint;

  constructor(url: string, chainId = 31337, gasLimit: (estimate: bigint) => bigint = (estimate) => estimate) {
    const network = Network.from(chainId);
    const request = new FetchRequest(url);
    request.timeout = REQUEST_TIMEOUT_MS;
    super(request, network, {
      staticNetwork: network,
      batchMaxCount: 1,
      cacheTimeout: -1,
      pollingInterval: 20,
    });
    this.gasLimit = gasLimit;
  }

  override async estimateGas(tx: TransactionRequest): Promise<bigint> {
    return this.gasLimit(await super.estimateGas(tx));
  }

  override async send(method: string, params: unknown[] | Record<string, unknown>): Promise<unknown> {
    const result: unknown = await super.send(method, params);
    if (SENDS.has(method) && typeof result === "string") await this.untilMined(result);
    return result;
  }

  private async untilMined(hash: string): Promise<void> {
    const receipt = () => super.send("eth_getTransactionReceipt", [hash]);
    if ((await receipt()) !== null) return;
    // With automine off the test mines by hand (evm_mine) and looks for its receipts itself.
    if ((await super.send("anvil_getAutomine", [])) !== true) return;
    const deadline = Date.now() + MINED_WITHIN_MS;
    while ((await receipt()) === null) {
      if (Date.now() > deadline) throw new NotMinedError(hash);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
