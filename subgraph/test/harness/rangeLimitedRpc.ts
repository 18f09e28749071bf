// A JSON-RPC endpoint in front of anvil that, like public providers (Alchemy, Infura, ...), refuses
// eth_getLogs over more than `maxLogRange` blocks. The indexer narrows its ranges and commits more often, so a
// kill -9 can land between two commits of a history of a few hundred blocks.
import { type RpcProxy, type RpcProxyRequest, startRpcProxy } from "@dmex/testing/rpcProxy";

function tooWide(request: RpcProxyRequest, maxLogRange: number): boolean {
  if (request.method !== "eth_getLogs") return false;
  const filter = request.params?.[0] as { fromBlock?: unknown; toBlock?: unknown } | undefined;
  const { fromBlock, toBlock } = filter ?? {};
  if (typeof fromBlock !== "string" || typeof toBlock !== "string") return false;
  if (!fromBlock.startsWith("0x") || !toBlock.startsWith("0x")) return false;
  return Number(toBlock) - Number(fromBlock) + 1 > maxLogRange;
}

export function startRangeLimitedRpc(upstream: string, maxLogRange: number): Promise<RpcProxy> {
  return startRpcProxy(upstream, (request) =>
    tooWide(request, maxLogRange)
      ? {
          // The wording of Alchemy's refusal, which the indexer's adaptive range recognises.
          error: {
            code: -32600,
            message: `Log response size exceeded. block range is limited to ${maxLogRange}`,
          },
        }
      : undefined,
  );
}
