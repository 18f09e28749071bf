import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake subgraph answers; change it between polls. */
export interface FakeSubgraphState {
  /** DMC's holderCount; undefined = the token is not indexed yet (no Token entity). */
  holderCount: number | undefined;
  block: number;
  /** When set, every answer is this GraphQL error instead of data. */
  error?: string;
}

export interface FakeSubgraph {
  readonly url: string;
  readonly state: FakeSubgraphState;
  /** The operation names of the queries received, in order. */
  readonly operations: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a local port that answers the SDK's DMC holder query as the indexer would, from
 * `state`, so the SDK's client and its errors run unchanged.
 */
export async function startFakeSubgraph(initial: FakeSubgraphState): Promise<FakeSubgraph> {
  const state = { ...initial };
  const operations: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const { query } = JSON.parse(raw) as { query: string };
      operations.push(/query (\w+)/.exec(query)?.[1] ?? "?");
      const body = state.error
        ? { errors: [{ message: state.error }] }
        : {
            data: {
              tokens: state.holderCount === undefined ? [] : [{ holderCount: state.holderCount }],
              _meta: { block: { number: state.block } },
            },
          };
      res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/subgraphs/name/dmex`,
    state,
    operations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
