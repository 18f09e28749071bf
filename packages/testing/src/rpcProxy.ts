// A JSON-RPC endpoint in front of a real node that records what clients ask and can misbehave on purpose: go
// down (HTTP 503), answer slowly, refuse wide log queries as hosted providers do, lack methods as older nodes
// do, or answer any request itself (a receipt that is not there yet, a refused log range), so that a node's
// rarer behaviours get into tests. The calls of a batch it does not answer itself reach the node as one batch.
// The implementation is rpcProxyServer.mjs, plain JavaScript so that rpcProxyProcess.ts can also run it as a
// process of its own.
import { startRpcProxy as startProxy } from "./rpcProxyServer.mjs";

export interface RpcProxyRequest {
  readonly id?: unknown;
  readonly method?: string;
  readonly params?: readonly unknown[];
}

/** What the proxy answers instead of the node. */
export type RpcProxyAnswer =
  | { readonly result: unknown }
  | { readonly error: { readonly code: number; readonly message: string } };

/** Returns an answer to give instead of asking the node, or undefined to pass the request on. */
export type RpcIntercept = (request: RpcProxyRequest) => RpcProxyAnswer | undefined;

export interface RpcProxy {
  readonly url: string;
  /** While true every request gets HTTP 503, as from a node behind a load balancer that lost it. */
  down: boolean;
  /** Added to every forwarded request, to make a sync last long enough to watch. */
  delayMs: number;
  /**
   * When set, an `eth_getLogs` answer of more logs is replaced by the error hosted providers give (Infura:
   * code -32005, "query returned more than 10000 results"), so the client must ask for narrower ranges.
   */
  maxLogs: number | null;
  /** JSON-RPC methods answered with "method not found", as an older node would. */
  readonly missingMethods: Set<string>;
  /** Requests answered with 503 so far. */
  readonly refused: number;
  /** Every JSON-RPC call received (batch items one by one), in order of arrival. */
  readonly requests: readonly RpcProxyRequest[];
  /** How many calls of `method` the proxy received. */
  count(method: string): number;
  close(): Promise<void>;
}

/** Starts the proxy of `upstream` on a free port of 127.0.0.1; `intercept` may answer requests itself. */
export const startRpcProxy = startProxy as (upstream: string, intercept?: RpcIntercept) => Promise<RpcProxy>;
