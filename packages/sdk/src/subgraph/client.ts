// A small GraphQL client for the DMEX subgraph: one POST per query, typed by the documents GraphQL Code
// Generator makes from src/subgraph/queries/*.graphql, with the SDK's typed errors.
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";

import { type GraphQLErrorDetail, SubgraphQueryError, SubgraphUnavailableError } from "../errors.js";

/** A typed query: a generated `…Document` (its text is the query, its type parameters the result and variables). */
export type TypedQuery<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

/** The variables argument: optional for a query without required variables, required otherwise. */
export type VariablesArgument<TVariables> =
  // biome-ignore lint/complexity/noBannedTypes: `{}` extends only what has no required key, which is the test here.
  {} extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface SubgraphClientOptions {
  /** How long one request may take before the subgraph counts as unreachable (ms; default 10,000). */
  readonly timeoutMs?: number;
  /** Extra HTTP headers (e.g. an API key of a hosted gateway). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (default: the global fetch). */
  readonly fetch?: typeof globalThis.fetch;
}

export interface SubgraphClient {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:8000/subgraphs/name/dmex. */
  readonly url: string;
  /**
   * Runs `query` and returns its `data`. Throws {@link SubgraphUnavailableError} when the endpoint does not
   * answer with GraphQL (network error, timeout, HTTP error) and {@link SubgraphQueryError} when the answer
   * has GraphQL errors (even with partial data).
   */
  request<TResult, TVariables>(
    query: TypedQuery<TResult, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<TResult>;
}

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

interface GraphQLResponseBody {
  readonly data?: unknown;
  readonly errors?: readonly GraphQLErrorDetail[];
}

function isGraphQLResponse(body: unknown): body is GraphQLResponseBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { data, errors } = body as Record<string, unknown>;
  const hasData = data !== undefined;
  const hasErrors =
    Array.isArray(errors) &&
    errors.every((e) => typeof e === "object" && e !== null && typeof e.message === "string");
  return hasData || hasErrors;
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  if (code) return code === "ECONNREFUSED" ? "connection refused" : code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A client for the subgraph's GraphQL API at `url` (graph-node's `/subgraphs/name/<name>`, or the embedded
 * indexer's). Queries are sent as `POST {"query", "variables"}`; nothing is cached.
 *
 * @example
 * ```ts
 * const subgraph = createSubgraphClient("http://127.0.0.1:8000/subgraphs/name/dmex");
 * await readDmcHolderCount(subgraph); // 12
 * ```
 */
export function createSubgraphClient(url: string, options: SubgraphClientOptions = {}): SubgraphClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const headers = options.headers ?? {};
  return {
    url,
    async request<TResult, TVariables>(
      query: TypedQuery<TResult, TVariables>,
      ...[variables]: VariablesArgument<TVariables>
    ): Promise<TResult> {
      const fetchFn = options.fetch ?? globalThis.fetch;
      let response: Response;
      let text: string;
      try {
        response = await fetchFn(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/graphql-response+json, application/json",
            ...headers,
          },
          body: JSON.stringify({ query: query.toString(), variables: variables ?? {} }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw new SubgraphUnavailableError(url, reasonOf(error, timeoutMs), { cause: error });
      }

      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const httpError = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
      if (!isGraphQLResponse(body) || response.status >= 500) {
        throw new SubgraphUnavailableError(
          url,
          response.ok ? "the answer is not a GraphQL response" : httpError,
          { status: response.status },
        );
      }
      if (body.errors && body.errors.length > 0) {
        throw new SubgraphQueryError(url, body.errors, body.data ?? null);
      }
      if (!response.ok || body.data === null || body.data === undefined) {
        throw new SubgraphUnavailableError(url, response.ok ? "the answer has no data" : httpError, {
          status: response.status,
        });
      }
      return body.data as TResult;
    },
  };
}
