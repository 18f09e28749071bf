import { AdaptiveRange, type AdaptiveRangeOptions } from "./adaptive-range.js";
import type { ChainLog } from "./chain-types.js";
import type { EthApi, LogFilter } from "./eth.js";

export interface AdaptiveLogOptions extends AdaptiveRangeOptions {
  /** A range that returns fewer logs than this is called sparse, and the next range is twice as wide. */
  readonly sparseLogs?: number;
}

export interface LogRange {
  readonly from: number;
  readonly to: number;
  readonly logs: ChainLog[];
}

/** `eth_getLogs` over block ranges that adapt to the node (see {@link AdaptiveRange}). */
export class AdaptiveLogFetcher {
  private readonly range: AdaptiveRange;
  private readonly sparseLogs: number;

  constructor(
    private readonly eth: EthApi,
    options: AdaptiveLogOptions = {},
  ) {
    this.range = new AdaptiveRange("eth_getLogs", options);
    this.sparseLogs = options.sparseLogs ?? 1_000;
  }

  get currentSpan(): number {
    return this.range.currentSpan;
  }

  /** Logs of `[from, to']` for some `to' ≤ maxTo` (at least one block); the caller continues at `to' + 1`. */
  async fetch(from: number, maxTo: number, filters: readonly LogFilter[]): Promise<LogRange> {
    const { to, result } = await this.range.next(
      from,
      maxTo,
      (start, end, wait) => this.eth.logs(start, end, filters, wait ? {} : { throwTimeouts: true }),
      (logs) => logs.length < this.sparseLogs,
    );
    return { from, to, logs: result };
  }
}
