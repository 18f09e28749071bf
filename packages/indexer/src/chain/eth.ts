import type { LogFilter } from "../types.js";
import type { ChainBlock, ChainBlockHeader, ChainLog, ChainReceipt } from "./chain-types.js";
import { parseBlock, parseHeader, parseLog, parseReceipt } from "./chain-types.js";
import { RpcError, RpcResponseError } from "./errors.js";
import { parseSafeNumber, toQuantity } from "./hex.js";
import type { CallOptions, RpcClient } from "./rpc-client.js";

export type { LogFilter };

// JSON-RPC "method not found": the node predates eth_getBlockReceipts.
const METHOD_NOT_FOUND = -32601;

/** The handful of `eth_` calls the follower needs, typed and batched. */
export class EthApi {
  private blockReceiptsSupported = true;

  constructor(readonly client: RpcClient) {}

  async blockNumber(): Promise<number> {
    return parseSafeNumber("eth_blockNumber", await this.client.call("eth_blockNumber", []), "result");
  }

  /** Null when the node has no block at that height (yet, or any more after a reorg). */
  async header(number: number): Promise<ChainBlockHeader | null> {
    const [header] = await this.headers([number]);
    return header ?? null;
  }

  async headers(numbers: readonly number[]): Promise<(ChainBlockHeader | null)[]> {
    const results = await this.client.batch(
      numbers.map((n) => ({ method: "eth_getBlockByNumber", params: [toQuantity(n), false] })),
    );
    return results.map((r) => (r === null ? null : parseHeader("eth_getBlockByNumber", r)));
  }

  async blocks(numbers: readonly number[]): Promise<(ChainBlock | null)[]> {
    const results = await this.client.batch(
      numbers.map((n) => ({ method: "eth_getBlockByNumber", params: [toQuantity(n), true] })),
    );
    return results.map((r) => (r === null ? null : parseBlock("eth_getBlockByNumber", r)));
  }

  /** One eth_getLogs per filter, in one batch; merged in chain order without duplicates. */
  async logs(
    from: number,
    to: number,
    filters: readonly LogFilter[],
    options: CallOptions = {},
  ): Promise<ChainLog[]> {
    const wanted = filters.filter(
      (f) => f.topic0s.length > 0 && (f.addresses === null || f.addresses.length > 0),
    );
    if (wanted.length === 0) return [];
    const results = await this.client.batch(
      wanted.map((f) => ({
        method: "eth_getLogs",
        params: [
          {
            fromBlock: toQuantity(from),
            toBlock: toQuantity(to),
            ...(f.addresses === null ? {} : { address: [...f.addresses] }),
            topics: [[...f.topic0s]],
          },
        ],
      })),
      options,
    );
    // Filters may overlap: a log two of them match is kept once. One filter's answer has no duplicates.
    const seen = results.length > 1 ? new Set<string>() : null;
    const logs: ChainLog[] = [];
    for (const result of results) {
      if (!Array.isArray(result)) throw new RpcResponseError("eth_getLogs", "result is not an array");
      for (const raw of result) {
        const log = parseLog("eth_getLogs", raw);
        if (log.removed) continue;
        if (seen !== null) {
          const key = `${log.blockHash}:${log.logIndex}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        logs.push(log);
      }
    }
    return logs.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  }

  /** Receipts of whole blocks, by block hash so a reorg between calls cannot mix forks. */
  async blockReceipts(blockHashes: readonly string[]): Promise<ChainReceipt[][]> {
    if (this.blockReceiptsSupported) {
      try {
        const results = await this.client.batch(
          blockHashes.map((h) => ({ method: "eth_getBlockReceipts", params: [h] })),
        );
        return results.map((r) => {
          if (!Array.isArray(r)) throw new RpcResponseError("eth_getBlockReceipts", "result is not an array");
          return r.map((x: unknown) => parseReceipt("eth_getBlockReceipts", x));
        });
      } catch (error) {
        if (!(error instanceof RpcError && error.code === METHOD_NOT_FOUND)) throw error;
        this.blockReceiptsSupported = false;
      }
    }
    const blocks = await this.client.batch(
      blockHashes.map((h) => ({ method: "eth_getBlockByHash", params: [h, false] })),
    );
    const out: ChainReceipt[][] = [];
    for (const raw of blocks) {
      if (
        typeof raw !== "object" ||
        raw === null ||
        !("transactions" in raw) ||
        !Array.isArray(raw.transactions)
      ) {
        throw new RpcResponseError("eth_getBlockByHash", "block without a transactions list");
      }
      const receipts = await this.client.batch(
        raw.transactions.map((h: unknown) => ({ method: "eth_getTransactionReceipt", params: [h] })),
      );
      out.push(receipts.map((r) => parseReceipt("eth_getTransactionReceipt", r)));
    }
    return out;
  }
}
