export { buildApiSchema, type EntitySource, type QueryContext, toGraphQL } from "./api-schema.js";
export { executeQuery, type QueryResult } from "./execute.js";
export { createGraphQLServer, type GraphQLServer, type GraphQLServerOptions } from "./server.js";
