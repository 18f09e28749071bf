// A scripted JSON-RPC (and IPFS gateway) server in a worker thread: the runtime blocks the main thread
// while it waits for answers, so the server cannot live on the main thread.
import { Worker } from "node:worker_threads";

export interface ScriptedAnswers {
  /** `eth_call` by lowercase calldata: a result hex, or a JSON-RPC error. */
  readonly calls?: Record<string, { result: string } | { error: { code: number; message: string } }>;
  readonly balances?: Record<string, string>;
  readonly codes?: Record<string, string>;
  /** Any other method: its result. */
  readonly results?: Record<string, unknown>;
  /** IPFS objects by hash (served at /ipfs/<hash>). */
  readonly ipfs?: Record<string, string>;
}

export interface ScriptedServer {
  readonly url: string;
  requests(): Promise<{ method: string; params: unknown[] }[]>;
  close(): Promise<void>;
}

const SOURCE = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const a = workerData;
const seen = [];
const server = http.createServer((req, res) => {
  if (req.method === "GET") {
    const body = req.url.startsWith("/ipfs/") ? (a.ipfs || {})[req.url.slice(6)] : undefined;
    res.writeHead(body === undefined ? 404 : 200);
    res.end(body === undefined ? "not found" : body);
    return;
  }
  let text = "";
  req.on("data", (c) => (text += c));
  req.on("end", () => {
    const r = JSON.parse(text);
    seen.push({ method: r.method, params: r.params });
    let answer;
    if (r.method === "eth_call") {
      const hit = (a.calls || {})[r.params[0].data.toLowerCase()];
      answer = hit === undefined ? { error: { code: -32000, message: "unknown call " + r.params[0].data } } : hit;
    } else if (r.method === "eth_getBalance") {
      answer = { result: (a.balances || {})[r.params[0].toLowerCase()] || "0x0" };
    } else if (r.method === "eth_getCode") {
      answer = { result: (a.codes || {})[r.params[0].toLowerCase()] || "0x" };
    } else if (a.results && r.method in a.results) {
      answer = { result: a.results[r.method] };
    } else {
      answer = { error: { code: -32601, message: "method not found" } };
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ jsonrpc: "2.0", id: r.id, ...answer }));
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m === "requests") parentPort.postMessage({ requests: seen });
  if (m === "close") server.close(() => parentPort.postMessage({ closed: true }));
});
`;

export async function startScriptedServer(answers: ScriptedAnswers): Promise<ScriptedServer> {
  const worker = new Worker(SOURCE, { eval: true, workerData: answers });
  const next = <T>(pick: (m: Record<string, unknown>) => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const on = (m: Record<string, unknown>): void => {
        const v = pick(m);
        if (v !== undefined) {
          worker.off("message", on);
          resolve(v);
        }
      };
      worker.on("message", on);
    });
  const port = await next((m) => (typeof m.port === "number" ? m.port : undefined));
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => {
      const p = next((m) => m.requests as { method: string; params: unknown[] }[] | undefined);
      worker.postMessage("requests");
      return p;
    },
    close: async () => {
      const p = next((m) => (m.closed === true ? true : undefined));
      worker.postMessage("close");
      await p;
      await worker.terminate();
    },
  };
}
