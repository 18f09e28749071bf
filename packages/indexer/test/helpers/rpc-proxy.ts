import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

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
  close(): Promise<void>;
}

/** An HTTP proxy in front of a JSON-RPC node that can be taken down and slowed on purpose. */
export async function startRpcProxy(target: string): Promise<RpcProxy> {
  let refused = 0;
  const state: { down: boolean; delayMs: number; maxLogs: number | null } = {
    down: false,
    delayMs: 0,
    maxLogs: null,
  };
  const missingMethods = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", async () => {
      if (state.down) {
        refused++;
        res.writeHead(503, { "content-type": "text/plain" });
        res.end("upstream unavailable");
        return;
      }
      if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
      const calls = JSON.parse(body) as { id: unknown; method: string } | { id: unknown; method: string }[];
      const missing = (Array.isArray(calls) ? calls : [calls]).find((c) => missingMethods.has(c.method));
      if (missing) {
        const error = {
          jsonrpc: "2.0",
          id: missing.id,
          error: { code: -32601, message: `Method not found: ${missing.method}` },
        };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(Array.isArray(calls) ? [error] : error));
        return;
      }
      try {
        const upstream = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await upstream.text();
        res.writeHead(upstream.status, { "content-type": "application/json" });
        res.end(state.maxLogs === null ? text : capLogs(calls, text, state.maxLogs));
      } catch (error) {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    missingMethods,
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
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Call {
  readonly id: unknown;
  readonly method: string;
}

/** The upstream answer with every `eth_getLogs` result longer than `max` turned into a provider's refusal. */
function capLogs(calls: Call | Call[], text: string, max: number): string {
  const methods = new Map((Array.isArray(calls) ? calls : [calls]).map((c) => [c.id, c.method]));
  const cap = (item: unknown): unknown => {
    if (typeof item !== "object" || item === null || !("id" in item) || !("result" in item)) return item;
    if (methods.get(item.id) !== "eth_getLogs" || !Array.isArray(item.result)) return item;
    if (item.result.length <= max) return item;
    return {
      jsonrpc: "2.0",
      id: item.id,
      error: { code: -32005, message: `query returned more than ${max} results` },
    };
  };
  const body: unknown = JSON.parse(text);
  return JSON.stringify(Array.isArray(body) ? body.map(cap) : cap(body));
}
