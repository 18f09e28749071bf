import type { Logger } from "../types.js";
import {
  RpcAbortedError,
  RpcError,
  RpcResponseError,
  RpcRetriesExhaustedError,
  RpcTransportError,
} from "./errors.js";

export interface RpcRequest {
  readonly method: string;
  readonly params: readonly unknown[];
}

export interface RpcClientOptions {
  readonly url: string;
  readonly logger?: Logger;
  /** Per request; a timed-out request counts as a network failure. */
  readonly timeoutMs?: number;
  /** Attempts per request before giving up; a chain follower normally waits for the node forever. */
  readonly maxAttempts?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** Largest JSON-RPC batch sent at once; bigger batches are split. */
  readonly maxBatchSize?: number;
}

export interface CallOptions {
  /**
   * Throw timeouts at once instead of retrying: `eth_getLogs` over too wide a range times out for good, and
   * the caller shrinks the range rather than asking the same thing again.
   */
  readonly throwTimeouts?: boolean;
}

interface JsonRpcResponse {
  readonly id: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code?: unknown; readonly message?: unknown; readonly data?: unknown };
}

// Providers signal throttling in several ways: HTTP 429, JSON-RPC 429/-32005 "limit exceeded" and free text.
const RATE_LIMIT_TEXT = /rate limit|too many requests|request rate|exceeded .*capacity|daily request count/i;

/** Whether a failure is worth asking again after a pause (network, 5xx, throttling) rather than final. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RpcTransportError) {
    return error.status === null || error.status === 429 || error.status >= 500;
  }
  if (error instanceof RpcError) {
    return error.code === 429 || RATE_LIMIT_TEXT.test(error.rpcMessage);
  }
  return false;
}

/**
 * JSON-RPC over HTTP with retries: network errors, timeouts, 5xx and rate limits are retried with
 * exponential backoff (with jitter, capped), logged once when a failure streak starts and once when the node
 * answers again, so an outage of minutes is two log lines, not hundreds.
 */
export class RpcClient {
  readonly url: string;
  private readonly logger: Logger | undefined;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxBatchSize: number;
  private nextId = 1;
  private failingSince: number | null = null;
  private failuresInStreak = 0;
  private readonly aborter = new AbortController();

  constructor(options: RpcClientOptions) {
    this.url = options.url;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
    this.backoffInitialMs = options.backoffInitialMs ?? 250;
    this.backoffMaxMs = options.backoffMaxMs ?? 10_000;
    this.maxBatchSize = options.maxBatchSize ?? 100;
  }

  /** Stops waiting: requests in flight or in backoff reject with `RpcAbortedError`. */
  close(): void {
    this.aborter.abort();
  }

  async call(method: string, params: readonly unknown[], options: CallOptions = {}): Promise<unknown> {
    const [result] = await this.batch([{ method, params }], options);
    return result;
  }

  /** Results in request order. Any item's non-retryable error rejects the whole batch with that error. */
  async batch(requests: readonly RpcRequest[], options: CallOptions = {}): Promise<unknown[]> {
    const results: unknown[] = [];
    for (let start = 0; start < requests.length; start += this.maxBatchSize) {
      const chunk = requests.slice(start, start + this.maxBatchSize);
      results.push(...(await this.withRetries(chunk, options)));
    }
    return results;
  }

  private async withRetries(requests: readonly RpcRequest[], options: CallOptions): Promise<unknown[]> {
    const label = describe(requests);
    for (let attempt = 1; ; attempt++) {
      if (this.aborter.signal.aborted) throw new RpcAbortedError(label);
      try {
        const results = await this.send(requests, label);
        this.endStreak();
        return results;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        if (this.aborter.signal.aborted) throw new RpcAbortedError(label);
        const timedOut = err instanceof RpcTransportError && err.timedOut;
        if (!isRetryable(err) || (timedOut && options.throwTimeouts === true)) {
          // The node answered (or timed out on a request the caller will reshape): it is not down.
          if (!timedOut) this.endStreak();
          throw err;
        }
        if (attempt >= this.maxAttempts) throw new RpcRetriesExhaustedError(label, attempt, err);
        this.startOrContinueStreak(err);
        await this.sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** (attempt - 1));
    // Jitter keeps several clients that failed together from retrying in lockstep.
    return Math.round(exp * (0.75 + Math.random() * 0.5));
  }

  private startOrContinueStreak(error: Error): void {
    this.failuresInStreak++;
    if (this.failingSince === null) {
      this.failingSince = Date.now();
      this.logger?.warn(`rpc: ${error.message}; retrying with backoff (up to ${this.backoffMaxMs} ms apart)`);
    }
  }

  private endStreak(): void {
    if (this.failingSince === null) return;
    const seconds = ((Date.now() - this.failingSince) / 1000).toFixed(1);
    this.logger?.info(
      `rpc: ${this.url} answers again after ${this.failuresInStreak} failed attempts in ${seconds} s`,
    );
    this.failingSince = null;
    this.failuresInStreak = 0;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.aborter.signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      this.aborter.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private async send(requests: readonly RpcRequest[], label: string): Promise<unknown[]> {
    const ids = requests.map(() => this.nextId++);
    const payload = requests.map((r, i) => ({
      jsonrpc: "2.0",
      id: ids[i],
      method: r.method,
      params: r.params,
    }));
    const single = payload.length === 1;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(single ? payload[0] : payload),
        signal: AbortSignal.any([timeout, this.aborter.signal]),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = timeout.aborted;
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : networkReason(error);
      throw new RpcTransportError(this.url, label, reason, null, timedOut, { cause: error });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (!response.ok) {
        throw new RpcTransportError(
          this.url,
          label,
          `HTTP ${response.status}: ${snippet(text)}`,
          response.status,
          false,
        );
      }
      throw new RpcResponseError(label, `not JSON: ${snippet(text)}`);
    }
    // Some providers answer a throttled batch with a single error object and a 4xx/5xx status.
    if (!Array.isArray(body) && !single) {
      const error = errorOf(body);
      if (error) throw toRpcError(label, error);
      throw new RpcResponseError(label, "a batch was answered with a single object");
    }
    const items: unknown[] = Array.isArray(body) ? body : [body];
    if (!response.ok && items.every((item) => errorOf(item) === null)) {
      throw new RpcTransportError(
        this.url,
        label,
        `HTTP ${response.status}: ${snippet(text)}`,
        response.status,
        false,
      );
    }
    const byId = new Map<unknown, JsonRpcResponse>();
    for (const item of items) {
      if (typeof item === "object" && item !== null && "id" in item)
        byId.set(item.id, item as JsonRpcResponse);
    }
    const results: unknown[] = [];
    let firstError: RpcError | null = null;
    for (const [i, id] of ids.entries()) {
      const method = requests[i]?.method ?? label;
      const item = byId.get(id) ?? (single && items.length === 1 ? (items[0] as JsonRpcResponse) : undefined);
      if (item === undefined) throw new RpcResponseError(method, `no answer for request id ${id}`);
      const error = errorOf(item);
      if (error) {
        const rpcError = toRpcError(method, error);
        // A throttled item makes the whole batch worth retrying; otherwise report the first failure.
        if (isRetryable(rpcError)) throw rpcError;
        firstError ??= rpcError;
        continue;
      }
      if (!("result" in item)) throw new RpcResponseError(method, "neither result nor error");
      results.push(item.result);
    }
    if (firstError) throw firstError;
    return results;
  }
}

function errorOf(item: unknown): JsonRpcResponse["error"] | null {
  if (typeof item !== "object" || item === null || !("error" in item)) return null;
  const error = (item as JsonRpcResponse).error;
  return typeof error === "object" && error !== null ? error : null;
}

function toRpcError(method: string, error: NonNullable<JsonRpcResponse["error"]>): RpcError {
  const code = typeof error.code === "number" ? error.code : 0;
  const message = typeof error.message === "string" ? error.message : JSON.stringify(error);
  return new RpcError(method, code, message, error.data);
}

function describe(requests: readonly RpcRequest[]): string {
  const first = requests[0]?.method ?? "(empty batch)";
  return requests.length === 1 ? first : `batch of ${requests.length} (${first}, …)`;
}

function networkReason(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error && cause.message) return `${error.message} (${cause.message})`;
    return error.message;
  }
  return String(error);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || "(empty body)";
}
