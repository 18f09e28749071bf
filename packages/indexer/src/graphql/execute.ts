// Runs a query against a store without HTTP, for tests and the library API.
import {
  type DocumentNode,
  executeSync,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import type { Store } from "../store/index.js";
import { buildApiSchema, type QueryContext } from "./api-schema.js";
import {
  checkQueryShape,
  parseLimited,
  QueryClock,
  type QueryLimits,
  resolveLimits,
  timedOut,
} from "./limits.js";
import { validateQuery } from "./validation.js";

/** Parsed and validated queries per API schema: parsing and validating cost more than running most queries. */
const validated = new WeakMap<GraphQLSchema, Map<string, DocumentNode>>();
const DOCUMENT_CACHE_SIZE = 500;

export interface QueryResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLFormattedError[];
}

export interface ExecuteOptions {
  /** Read list fields per level (default true); false reads them per parent (see `QueryContext.batchLists`). */
  readonly batchLists?: boolean;
}

/** Executes `query` with The Graph's API semantics; errors come back in `errors`, never thrown. */
export function executeQuery(
  store: Store,
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
  queryLimits?: Partial<QueryLimits>,
  options: ExecuteOptions = {},
): QueryResult {
  const limits = resolveLimits(queryLimits);
  const schema = buildApiSchema(store.schema);
  let documents = validated.get(schema);
  if (!documents) {
    documents = new Map();
    validated.set(schema, documents);
  }
  let document = documents.get(query);
  const cached = document !== undefined;
  if (!document) {
    try {
      document = parseLimited(query, limits.maxTokens);
    } catch (error) {
      const formatted = error instanceof GraphQLError ? error.toJSON() : { message: String(error) };
      return { errors: [formatted] };
    }
  }
  // Before validation, whose overlapping-fields rule is quadratic in aliases; again for a cached document,
  // as the shape depends on variables (`first: $n`).
  const shape = checkQueryShape(schema, document, variables, operationName, limits);
  if (shape.length > 0) return { errors: shape.map((e) => e.toJSON()) };
  if (!cached) {
    const invalid = validateQuery(schema, document);
    if (invalid.length > 0) return { errors: invalid.map((e) => e.toJSON()) };
    if (documents.size >= DOCUMENT_CACHE_SIZE) documents.clear();
    documents.set(query, document);
  }
  // Without HTTP there are no other requests to let in: the query runs in one go, under its deadline.
  const clock = new QueryClock(limits.timeoutMs, null);
  const contextValue: QueryContext = { store, limits, clock, batchLists: options.batchLists !== false };
  const result = executeSync({
    schema,
    document,
    contextValue,
    variableValues: variables ?? null,
    operationName: operationName ?? null,
  });
  if (clock.expired) return { errors: [timedOut().toJSON()] };
  // Round-trip through JSON so that callers see exactly what HTTP clients get.
  const data =
    result.data === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(result.data)) as Record<string, unknown> | null);
  return {
    ...(data === undefined ? {} : { data }),
    ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
  };
}
