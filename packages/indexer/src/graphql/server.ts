// Serves The Graph's query API over HTTP with graphql-yoga, at graph-node's path for named subgraphs.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createYoga, type Plugin } from "graphql-yoga";
import type { Store } from "../store/index.js";
import { buildApiSchema, type QueryContext } from "./api-schema.js";
import { validateQuery } from "./validation.js";

export interface GraphQLServerOptions {
  /** The subgraph name; the API is served at `/subgraphs/name/<name>`. */
  readonly name: string;
  /** GraphiQL for browsers (default true). */
  readonly graphiql?: boolean;
}

export interface GraphQLServer {
  /** `/subgraphs/name/<name>`. */
  readonly path: string;
  /** A Node request listener, to mount in an existing server. */
  readonly handler: RequestListener;
  /** The WHATWG fetch entry point (no socket needed, for tests). */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Starts listening; resolves to the API's URL. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const graphNodeValidation: Plugin = {
  onValidate({ setValidationFn }) {
    setValidationFn((schema, document) => [...validateQuery(schema, document)]);
  },
};

export function createGraphQLServer(store: Store, options: GraphQLServerOptions): GraphQLServer {
  const path = `/subgraphs/name/${options.name}`;
  const yoga = createYoga<Record<string, unknown>, QueryContext>({
    schema: buildApiSchema(store.schema),
    graphqlEndpoint: path,
    graphiql: options.graphiql === false ? false : { title: `${options.name} (dmex-indexer)` },
    landingPage: false,
    // Store and query errors carry graph-node's messages; a local indexer has nothing to hide.
    maskedErrors: false,
    context: () => ({ store }),
    plugins: [graphNodeValidation],
    logging: false,
  });
  let server: Server | null = null;
  const handler: RequestListener = (req, res) => {
    void yoga(req, res);
  };
  return {
    path,
    handler,
    fetch: (url, init) => Promise.resolve(init === undefined ? yoga.fetch(url) : yoga.fetch(url, init)),
    listen(port, host = "127.0.0.1") {
      const listening = createServer(handler);
      server = listening;
      return new Promise((resolve, reject) => {
        listening.once("error", reject);
        listening.listen(port, host, () => {
          const address = listening.address() as AddressInfo;
          resolve(`http://${host}:${address.port}${path}`);
        });
      });
    },
    close() {
      const running = server;
      server = null;
      if (!running) return Promise.resolve();
      return new Promise((resolve, reject) => {
        running.close((error) => (error ? reject(error) : resolve()));
        running.closeAllConnections();
      });
    },
  };
}
