export { buildApiSchema, type EntitySource, type QueryContext, toGraphQL } from "./api-schema.js";
export { executeQuery, type QueryResult } from "./execute.js";
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from "./limits.js";
export { createGraphQLServer, type GraphQLServer, type GraphQLServerOptions } from "./server.js";
export { buildStatusSchema, type StatusSource } from "./status-api.js";
export { createStatusServer, DEFAULT_STATUS_PORT, type StatusServer } from "./status-server.js";
