// The JSON-RPC proxy's implementation, in plain JavaScript so that it also runs as a process of its own
// (`node rpcProxyServer.mjs <upstream url>`, see rpcProxyProcess.ts): the indexer's synchronous host calls
// block the calling thread until their answer comes, so a proxy served by that same thread would never answer
// them. Types and documentation: rpcProxy.ts.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

/**
 * Starts the proxy of `upstream` on a free port of 127.0.0.1; `intercept` may answer requests itself.
 * @param {string} upstream
 * @param {(request: { id?: unknown, method?: string, params?: readonly unknown[] }) => object | undefined} [intercept]
 */
export async function startRpcProxy(upstream, intercept = () => undefined) {
  const state = { down: false, delayMs: 0, maxLogs: null, refused: 0 };
  const missingMethods = new Set();
  const requests = [];

  /** The proxy's own answer to `request`, or undefined to ask the node. */
  const ownAnswer = (request) => {
    requests.push(request);
    const id = request.id ?? null;
    if (request.method !== undefined && missingMethods.has(request.method)) {
      return { jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${request.method}` } };
    }
    const own = intercept(request);
    return own ? { jsonrpc: "2.0", id, ...own } : undefined;
  };

  const forward = async (body) => {
    const response = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  };

  /** Answers a batch: what the proxy answers itself stays out of the one batch the node gets. */
  const answerAll = async (batch) => {
    const own = batch.map(ownAnswer);
    const asked = batch.filter((_, i) => own[i] === undefined);
    const answered = asked.length === 0 ? [] : await forward(asked);
    const byId = new Map((Array.isArray(answered) ? answered : [answered]).map((a) => [a.id, a]));
    return batch.map((request, i) => own[i] ?? capped(request, byId.get(request.id ?? null)));
  };

  const capped = (request, answer) =>
    request.method === "eth_getLogs" && state.maxLogs !== null ? capLogs(answer, state.maxLogs) : answer;

  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/requests") {
      // For a proxy in another process: its request log, each call with its first parameter only when that is a
      // block number or hash (a log filter's address list can be large).
      const log = requests.map((r) => ({
        method: r.method,
        params: typeof r.params?.[0] === "string" ? [r.params[0]] : [],
      }));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(log));
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const reply = async () => {
        if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
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
        (error) => {
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(String(error));
        },
      );
    });
  });
  // Longer than clients keep idle connections, so the proxy never closes one as a request goes out on it.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    missingMethods,
    requests,
    count: (method) => requests.filter((r) => r.method === method).length,
    get down() {
      return state.down;
    },
    set down(v) {
      state.down = v;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v) {
      state.delayMs = v;
    },
    get maxLogs() {
      return state.maxLogs;
    },
    set maxLogs(v) {
      state.maxLogs = v;
    },
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The node's `eth_getLogs` answer, or a provider's refusal when it holds more than `max` logs. */
function capLogs(body, max) {
  if (typeof body !== "object" || body === null || !Array.isArray(body.result)) return body;
  if (body.result.length <= max) return body;
  const id = "id" in body ? body.id : null;
  return { jsonrpc: "2.0", id, error: { code: -32005, message: `query returned more than ${max} results` } };
}

// As a process: `node rpcProxyServer.mjs <upstream url>` prints the proxy's port and serves until killed.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const upstream = process.argv[2];
  if (!upstream) {
    process.stderr.write("usage: node rpcProxyServer.mjs <upstream JSON-RPC url>\n");
    process.exit(2);
  }
  const proxy = await startRpcProxy(upstream);
  process.stdout.write(`${new URL(proxy.url).port}\n`);
}
