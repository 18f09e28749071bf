import type { RpcError } from "./chain/errors.js";
import { RpcClient } from "./chain/rpc-client.js";
import { probeTraceFilter } from "./chain/traces.js";
import type { Logger } from "./types.js";

/** The subgraph has call handlers (or call-filtered block handlers) and the node does not answer `trace_filter`. */
export class TraceFilterUnsupportedError extends Error {
  override readonly name = "TraceFilterUnsupportedError";
  constructor(
    readonly rpc: string,
    readonly dataSources: readonly { readonly dataSource: string; readonly handlers: readonly string[] }[],
    readonly rpcError: RpcError,
  ) {
    const which = dataSources.map((d) => `data source ${d.dataSource}: ${d.handlers.join(", ")}`).join("; ");
    super(
      `call handlers need the node's trace_filter (Parity/OpenEthereum traces), which ${rpc} does not support ` +
        `(${rpcError.rpcMessage}, code ${rpcError.code}); ${which}. Use a node with the trace API ` +
        "(e.g. Erigon, Reth, Nethermind, anvil) or remove these handlers.",
    );
  }
}

/**
 * graph-node refuses to start a subgraph with call handlers on a provider without traces; so do we, before
 * anything else happens: probes `trace_filter` over the head block. A node that cannot be reached within a
 * few attempts is not judged (it is logged); the follower's own `trace_filter` calls fail later if need be.
 */
export async function requireTraceFilter(
  rpc: string,
  dataSources: readonly { readonly dataSource: string; readonly handlers: readonly string[] }[],
  logger: Logger,
): Promise<void> {
  if (dataSources.length === 0) return;
  const client = new RpcClient({ url: rpc, maxAttempts: 3, backoffMaxMs: 1_000 });
  try {
    const head = Number(BigInt(String(await client.call("eth_blockNumber", []))));
    const unsupported = await probeTraceFilter(client, head);
    if (unsupported !== null) throw new TraceFilterUnsupportedError(rpc, dataSources, unsupported);
  } catch (error) {
    if (error instanceof TraceFilterUnsupportedError) throw error;
    logger.warn(
      `could not check that ${rpc} supports trace_filter, which call handlers need: ` +
        `${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    client.close();
  }
}
