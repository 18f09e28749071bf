import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface JsonRpcCall {
  readonly id: unknown;
  readonly method: string;
  readonly params: unknown[];
}

/** What the handler answers: a JSON-RPC result, a JSON-RPC error, or a raw HTTP answer. */
export type Answer =
  | { readonly result: unknown }
  | { readonly error: { code: number; message: string } }
  | { readonly http: number; readonly body: string }
  | { readonly hang: true };

export interface FlakyServer {
  readonly url: string;
  /** Every HTTP request received, in order (one entry per request, a batch is one entry). */
  readonly requests: JsonRpcCall[][];
  close(): Promise<void>;
}

/**
 * A JSON-RPC server for failure tests: `answer` decides per call (or for the whole request via `http`), so
 * tests can be down, throttled, slow or wrong on purpose.
 */
export async function startFlakyServer(
  answer: (call: JsonRpcCall, requestIndex: number) => Answer,
  port = 0,
): Promise<FlakyServer> {
  const requests: JsonRpcCall[][] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.on("close", () => open.delete(res));
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", () => {
      const parsed: unknown = JSON.parse(body);
      const calls = (Array.isArray(parsed) ? parsed : [parsed]) as JsonRpcCall[];
      const index = requests.length;
      requests.push(calls);
      const answers = calls.map((c) => answer(c, index));
      const whole = answers.find((a) => "http" in a || "hang" in a);
      if (whole && "hang" in whole) return;
      if (whole && "http" in whole) {
        res.writeHead(whole.http, { "content-type": "text/plain" });
        res.end(whole.body);
        return;
      }
      const items = calls.map((c, i) => ({ jsonrpc: "2.0", id: c.id, ...answers[i] }));
      res.writeHead(200, { "content-type": "application/json" });
      // Batches come back reversed: clients must match answers by id, not position.
      res.end(JSON.stringify(Array.isArray(parsed) ? items.reverse() : items[0]));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A logger that keeps its lines, for asserting what an operator would see. */
export function recordingLogger() {
  const lines: { level: "info" | "warn" | "error"; message: string; at: number }[] = [];
  return {
    lines,
    info: (message: string) => lines.push({ level: "info", message, at: Date.now() }),
    warn: (message: string) => lines.push({ level: "warn", message, at: Date.now() }),
    error: (message: string) => lines.push({ level: "error", message, at: Date.now() }),
  };
}
