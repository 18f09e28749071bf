import type { Logger } from "../types.js";
import type { ChainLog } from "./chain-types.js";
import { RpcError, RpcTransportError } from "./errors.js";
import type { EthApi, LogFilter } from "./eth.js";

export interface AdaptiveRangeOptions {
  readonly initialSpan?: number;
  readonly maxSpan?: number;
  /** A range that returns fewer logs than this is called sparse, and the next range is twice as wide. */
  readonly sparseLogs?: number;
  readonly logger?: Logger;
}

// How providers say "ask for less": Geth/Erigon/Infura/Alchemy/QuickNode/Ankr texts, response size limits.
const TOO_MUCH =
  /more than \d+ results|too many (results|logs|blocks)|range (is )?too (large|wide|big)|block range|exceed(s|ed)? .*(limit|range|size)|response size|limit exceeded|query timeout|timed? ?out|returned more than|max results|payload too large|response too large/i;

/** Whether `eth_getLogs` failed because the range held too much, so a narrower range may pass. */
export function isRangeTooLarge(error: unknown): boolean {
  if (error instanceof RpcTransportError) return error.timedOut || error.status === 413;
  if (error instanceof RpcError) return TOO_MUCH.test(error.rpcMessage) || error.code === -32005;
  return false;
}

export interface LogRange {
  readonly from: number;
  readonly to: number;
  readonly logs: ChainLog[];
}

/**
 * `eth_getLogs` over a block range whose width adapts: halved when the node refuses (too many results,
 * response too large, timeout), doubled after a sparse answer, so dense stretches are read in small steps and
 * empty ones in big strides without knowing the provider's limits in advance.
 */
export class AdaptiveLogFetcher {
  private span: number;
  private readonly maxSpan: number;
  private readonly sparseLogs: number;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly eth: EthApi,
    options: AdaptiveRangeOptions = {},
  ) {
    this.maxSpan = options.maxSpan ?? 10_000;
    this.span = Math.min(options.initialSpan ?? 1_000, this.maxSpan);
    this.sparseLogs = options.sparseLogs ?? 1_000;
    this.logger = options.logger;
  }

  get currentSpan(): number {
    return this.span;
  }

  /** Logs of `[from, to']` for some `to' ≤ maxTo` (at least one block); the caller continues at `to' + 1`. */
  async fetch(from: number, maxTo: number, filters: readonly LogFilter[]): Promise<LogRange> {
    for (;;) {
      const to = Math.min(maxTo, from + this.span - 1);
      try {
        const logs = await this.eth.logs(from, to, filters, { throwTimeouts: true });
        if (logs.length < this.sparseLogs && to - from + 1 >= this.span) {
          this.span = Math.min(this.maxSpan, this.span * 2);
        }
        return { from, to, logs };
      } catch (error) {
        if (!isRangeTooLarge(error)) throw error;
        if (to === from) {
          // One block cannot be split further: what remains is a slow node, so wait for it like for any call.
          return { from, to, logs: await this.eth.logs(from, to, filters) };
        }
        const width = to - from + 1;
        this.span = Math.max(1, Math.floor(width / 2));
        this.logger?.info(
          `eth_getLogs ${from}–${to} refused (${error instanceof Error ? error.message : String(error)}); ` +
            `narrowing to ${this.span} blocks`,
        );
      }
    }
  }
}
