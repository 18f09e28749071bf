// Serves The Graph's query API over HTTP with graphql-yoga, at graph-node's path for named subgraphs.
import type { RequestListener } from "node:http";
import { createGraphQLError, createYoga, type Plugin } from "graphql-yoga";
import type { Store } from "../store/index.js";
import { buildApiSchema, type QueryContext } from "./api-schema.js";
import { type HttpListener, httpListener } from "./http.js";
import {
  checkQueryShape,
  parseLimited,
  QueryClock,
  type QueryLimits,
  resolveLimits,
  timedOut,
} from "./limits.js";
import { validateQuery } from "./validation.js";

export interface GraphQLServerOptions {
  /** The subgraph name; the API is served at `/subgraphs/name/<name>`. */
  readonly name: string;
  /** GraphiQL for browsers (default true). */
  readonly graphiql?: boolean;
  /** Query limits; each one left out takes its value from `DEFAULT_QUERY_LIMITS`. */
  readonly limits?: Partial<QueryLimits>;
}

/**
 * How long one query holds the event loop before it lets other requests in. Queries run synchronously in
 * SQLite; a query that takes longer than this goes on after the requests that arrived meanwhile.
 */
const QUERY_SLICE_MS = 2;

/** The JSON error body graph-node answers requests it cannot run with. */
export function jsonErrorResponse(status: number, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": "*" },
  });
}

type ServerContext = QueryContext & { readonly params?: { readonly variables?: Record<string, unknown> } };

/** graph-node's answers to requests that are not a query it can run: 404 for an unknown name, 400 without a query. */
export function graphNodeRequests(path: string): Plugin<ServerContext> {
  return {
    onRequest({ url, endResponse }) {
      const pathname = url.pathname.replace(/\/+$/, "");
      if (pathname === path) return;
      const named = /^\/subgraphs\/name\/(.+)$/.exec(pathname);
      const message = named
        ? `subgraph not found: ${decodeURIComponent(named[1] ?? "")}`
        : `no subgraph is served at ${url.pathname}; the API is at ${path}`;
      endResponse(jsonErrorResponse(404, message));
    },
    onParams({ params, request }) {
      if (request.method !== "POST" && request.method !== "GET") return;
      if (params.query === undefined || params.query === null) {
        throw createGraphQLError('The "query" field is missing in request data', {
          extensions: { http: { status: 400 } },
        });
      }
      if (typeof params.query !== "string") {
        throw createGraphQLError('The "query" field is not a string', {
          extensions: { http: { status: 400 } },
        });
      }
    },
  };
}

/** The token limit stops the parser early: a huge query costs its first `maxTokens` tokens, not its size. */
function tokenLimit(limits: QueryLimits): Plugin<ServerContext> {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parseLimited(source, limits.maxTokens, options));
    },
  };
}

/** Depth and complexity before graphql-js validates (its overlapping-fields rule is quadratic in aliases). */
function graphNodeValidation(limits: QueryLimits): Plugin<ServerContext> {
  return {
    onValidate({ context, setValidationFn }) {
      setValidationFn((schema, document) => {
        const variables = context.params?.variables ?? null;
        const shape = checkQueryShape(schema, document, variables, null, limits);
        if (shape.length > 0) return shape;
        return [...validateQuery(schema, document)];
      });
    },
  };
}

/**
 * A query past its deadline answers with graph-node's one error, not one per abandoned field, as soon as its
 * clock finds it past the deadline: the rest of its execution is dropped.
 */
const timeLimit: Plugin<ServerContext> = {
  onExecute({ args, executeFn, setExecuteFn }) {
    const clock = args.contextValue.clock;
    if (clock) {
      setExecuteFn((executeArgs) =>
        Promise.race([
          Promise.resolve(executeFn(executeArgs)),
          clock.expiry.then(() => ({ errors: [timedOut()] })),
        ]),
      );
    }
    return {
      onExecuteDone({ setResult }) {
        if (args.contextValue.clock?.expired) setResult({ errors: [timedOut()] });
      },
    };
  },
};

export interface GraphQLServer extends HttpListener {
  /** `/subgraphs/name/<name>`. */
  readonly path: string;
  /** A Node request listener, to mount in an existing server. */
  readonly handler: RequestListener;
  /** The WHATWG fetch entry point (no socket needed, for tests). */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

export function createGraphQLServer(store: Store, options: GraphQLServerOptions): GraphQLServer {
  const path = `/subgraphs/name/${options.name}`;
  const limits = resolveLimits(options.limits);
  const yoga = createYoga<Record<string, unknown>, QueryContext>({
    schema: buildApiSchema(store.schema),
    graphqlEndpoint: path,
    graphiql: options.graphiql === false ? false : { title: `${options.name} (dmex-indexer)` },
    landingPage: false,
    // Store and query errors carry graph-node's messages; a local indexer has nothing to hide.
    maskedErrors: false,
    context: (): QueryContext => ({ store, limits, clock: new QueryClock(limits.timeoutMs, QUERY_SLICE_MS) }),
    plugins: [graphNodeRequests(path), tokenLimit(limits), graphNodeValidation(limits), timeLimit],
    logging: false,
  });
  const handler: RequestListener = (req, res) => {
    void yoga(req, res);
  };
  return {
    path,
    handler,
    fetch: (url, init) => Promise.resolve(init === undefined ? yoga.fetch(url) : yoga.fetch(url, init)),
    ...httpListener(handler, path),
  };
}
