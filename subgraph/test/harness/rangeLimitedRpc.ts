// A JSON-RPC endpoint in front of anvil that, like public providers (Alchemy, Infura, ...), refuses
// eth_getLogs over more than `maxLogRange` blocks. The indexer narrows its ranges and commits more often, so a
// kill -9 can land between two commits of a history of a few hundred blocks.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RangeLimitedRpc {
  readonly url: string;
  close(): Promise<void>;
}

interface RpcRequest {
  id?: unknown;
  method?: string;
  params?: { fromBlock?: string; toBlock?: string }[];
}

function tooWide(request: RpcRequest, maxLogRange: number): boolean {
  if (request.method !== "eth_getLogs") return false;
  const filter = request.params?.[0];
  if (!filter?.fromBlock?.startsWith("0x") || !filter.toBlock?.startsWith("0x")) return false;
  return Number(filter.toBlock) - Number(filter.fromBlock) + 1 > maxLogRange;
}

export async function startRangeLimitedRpc(upstream: string, maxLogRange: number): Promise<RangeLimitedRpc> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const parsed = JSON.parse(body) as RpcRequest | RpcRequest[];
      const requests = Array.isArray(parsed) ? parsed : [parsed];
      const refused = requests.find((r) => tooWide(r, maxLogRange));
      if (refused) {
        // The wording of Alchemy's refusal, which the indexer's adaptive range recognises.
        const error = {
          code: -32600,
          message: `Log response size exceeded. block range is limited to ${maxLogRange}`,
        };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ jsonrpc: "2.0", id: refused.id ?? null, error }));
        return;
      }
      try {
        const answer = await fetch(upstream, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
      } catch (error) {
        res.writeHead(502);
        res.end(String(error));
      }
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
