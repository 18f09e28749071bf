// graph-node's index-node server: the status API at `/graphql` on its own port (graph-node's 8030).
import type { RequestListener } from "node:http";
import { createYoga } from "graphql-yoga";
import { type HttpListener, httpListener } from "./http.js";
import { graphNodeRequests } from "./server.js";
import { buildStatusSchema, type StatusSource } from "./status-api.js";

/** graph-node's index-node port. */
export const DEFAULT_STATUS_PORT = 8030;
export const STATUS_PATH = "/graphql";

export interface StatusServer extends HttpListener {
  readonly handler: RequestListener;
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

export function createStatusServer(sources: () => readonly StatusSource[]): StatusServer {
  const yoga = createYoga({
    schema: buildStatusSchema(sources),
    graphqlEndpoint: STATUS_PATH,
    graphiql: { title: "index-node status (dmex-indexer)" },
    landingPage: false,
    maskedErrors: false,
    plugins: [graphNodeRequests(STATUS_PATH)],
    logging: false,
  });
  const handler: RequestListener = (req, res) => {
    void yoga(req, res);
  };
  return {
    handler,
    fetch: (url, init) => Promise.resolve(init === undefined ? yoga.fetch(url) : yoga.fetch(url, init)),
    ...httpListener(handler, STATUS_PATH),
  };
}
