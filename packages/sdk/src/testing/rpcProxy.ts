// A JSON-RPC endpoint in front of a real node that answers some requests itself, to put a node's rarer
// behaviours (a refused log range, a receipt that is not there yet) into a test on purpose.
import { createServer, type Server } from "node:http";
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
  close(): Promise<void>;
}

async function answer(upstream: string, request: RpcProxyRequest, intercept: RpcIntercept): Promise<unknown> {
  const own = intercept(request);
  if (own) return { jsonrpc: "2.0", id: request.id ?? null, ...own };
  const response = await fetch(upstream, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  return response.json();
}

/** Starts the proxy on a free port of 127.0.0.1; a batch is answered item by item. */
export async function startRpcProxy(upstream: string, intercept: RpcIntercept): Promise<RpcProxy> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = async (): Promise<unknown> => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as
          | RpcProxyRequest
          | RpcProxyRequest[];
        if (!Array.isArray(parsed)) return answer(upstream, parsed, intercept);
        return Promise.all(parsed.map((request) => answer(upstream, request, intercept)));
      };
      reply().then(
        (body) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
