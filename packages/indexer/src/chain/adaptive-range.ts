import type { Logger } from "../types.js";
import { RpcError, RpcTransportError } from "./errors.js";

// How providers say "ask for less": Geth/Erigon/Infura/Alchemy/QuickNode/Ankr texts, response size limits.
const TOO_MUCH =
  /more than \d+ results|too many (results|logs|blocks)|range (is )?too (large|wide|big)|block range|exceed(s|ed)? .*(limit|range|size)|response size|limit exceeded|query timeout|timed? ?out|returned more than|max results|payload too large|response too large/i;

/** Whether a range request failed because the range held too much, so a narrower range may pass. */
export function isRangeTooLarge(error: unknown): boolean {
  if (error instanceof RpcTransportError) return error.timedOut || error.status === 413;
  if (error instanceof RpcError) return TOO_MUCH.test(error.rpcMessage) || error.code === -32005;
  return false;
}

export interface AdaptiveRangeOptions {
  readonly initialSpan?: number;
  readonly maxSpan?: number;
  readonly logger?: Logger;
}

/**
 * Block ranges for a request over a node whose limits are unknown (`eth_getLogs`, `trace_filter`): the width
 * halves when the node refuses a range (too many results, response too large, timeout) and doubles after an
 * easy answer, so dense stretches are read in small steps and empty ones in big strides.
 */
export class AdaptiveRange {
  private span: number;
  private readonly maxSpan: number;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly method: string,
    options: AdaptiveRangeOptions = {},
  ) {
    this.maxSpan = options.maxSpan ?? 10_000;
    this.span = Math.min(options.initialSpan ?? 1_000, this.maxSpan);
    this.logger = options.logger;
  }

  get currentSpan(): number {
    return this.span;
  }

  /**
   * Runs `request` over `[from, to']` for some `to' ≤ maxTo` (at least one block), narrowing until the node
   * answers; `wait` is false while a narrower range may still pass (time-outs are then thrown, not waited
   * for). `easy` says whether the answer leaves room to widen the next range.
   */
  async next<T>(
    from: number,
    maxTo: number,
    request: (from: number, to: number, wait: boolean) => Promise<T>,
    easy: (result: T) => boolean,
  ): Promise<{ readonly to: number; readonly result: T }> {
    for (;;) {
      const to = Math.min(maxTo, from + this.span - 1);
      try {
        const result = await request(from, to, false);
        if (easy(result) && to - from + 1 >= this.span) this.span = Math.min(this.maxSpan, this.span * 2);
        return { to, result };
      } catch (error) {
        if (!isRangeTooLarge(error)) throw error;
        // One block cannot be split further: what remains is a slow node, so wait for it like for any call.
        if (to === from) return { to, result: await request(from, to, true) };
        this.span = Math.max(1, Math.floor((to - from + 1) / 2));
        this.logger?.info(
          `${this.method} ${from}–${to} refused (${error instanceof Error ? error.message : String(error)}); ` +
            `narrowing to ${this.span} blocks`,
        );
      }
    }
  }
}
