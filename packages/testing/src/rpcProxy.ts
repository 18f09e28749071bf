// A JSON-RPC endpoint in front of a real node that records what clients ask and can misbehave on purpose: go
// down (HTTP 503), answer slowly, refuse wide log queries as hosted providers do, lack methods as older nodes
// do, or answer any request itself (a receipt that is not there yet, a refused log range), so that a node's
// rarer behaviours get into tests. The calls of a batch it does not answer itself reach the node as one batch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

interface State {
  down: boolean;
  delayMs: number;
  maxLogs: number | null;
  refused: number;
}

/** Starts the proxy of `upstream` on a free port of 127.0.0.1; `intercept` may answer requests itself. */
export async function startRpcProxy(
  upstream: string,
  intercept: RpcIntercept = () => undefined,
): Promise<RpcProxy> {
  const state: State = { down: false, delayMs: 0, maxLogs: null, refused: 0 };
  const missingMethods = new Set<string>();
  const requests: RpcProxyRequest[] = [];

  /** The proxy's own answer to `request`, or undefined to ask the node. */
  const ownAnswer = (request: RpcProxyRequest): unknown => {
    requests.push(request);
    const id = request.id ?? null;
    if (request.method !== undefined && missingMethods.has(request.method)) {
      return { jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${request.method}` } };
    }
    const own = intercept(request);
    return own ? { jsonrpc: "2.0", id, ...own } : undefined;
  };

  const forward = async (body: unknown): Promise<unknown> => {
    const response = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  };

  /** Answers a batch: what the proxy answers itself stays out of the one batch the node gets. */
  const answerAll = async (batch: readonly RpcProxyRequest[]): Promise<unknown[]> => {
    const own = batch.map(ownAnswer);
    const asked = batch.filter((_, i) => own[i] === undefined);
    const answered = asked.length === 0 ? [] : await forward(asked);
    const byId = new Map(
      (Array.isArray(answered) ? answered : [answered]).map((a) => [(a as { id?: unknown }).id, a] as const),
    );
    return batch.map((request, i) => own[i] ?? capped(request, byId.get(request.id ?? null)));
  };

  const capped = (request: RpcProxyRequest, answer: unknown): unknown =>
    request.method === "eth_getLogs" && state.maxLogs !== null ? capLogs(answer, state.maxLogs) : answer;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = async (): Promise<unknown> => {
        if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as
          | RpcProxyRequest
          | RpcProxyRequest[];
        if (Array.isArray(parsed)) return answerAll(parsed);
        const own = ownAnswer(parsed);
        return own ?? capped(parsed, await forward(parsed));
      };
      if (state.down) {
        state.refused++;
        res.writeHead(503, { "content-type": "text/plain" });
        res.end("upstream unavailable");
        return;
      }
      reply().then(
        (body) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    missingMethods,
    requests,
    count: (method) => requests.filter((r) => r.method === method).length,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    get maxLogs() {
      return state.maxLogs;
    },
    set maxLogs(v: number | null) {
      state.maxLogs = v;
    },
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The node's `eth_getLogs` answer, or a provider's refusal when it holds more than `max` logs. */
function capLogs(body: unknown, max: number): unknown {
  if (typeof body !== "object" || body === null || !("result" in body) || !Array.isArray(body.result))
    return body;
  if (body.result.length <= max) return body;
  const id = "id" in body ? body.id : null;
  return { jsonrpc: "2.0", id, error: { code: -32005, message: `query returned more than ${max} results` } };
}
