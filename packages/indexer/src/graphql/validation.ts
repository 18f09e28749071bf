// Query validation with graph-node's wording where it differs from graphql-js.
import { type DocumentNode, GraphQLError, type GraphQLSchema, validate } from "graphql";

const UNKNOWN_FIELD = /^Cannot query field "([^"]+)" on type "([^"]+)"\./;

function rewrite(error: GraphQLError): GraphQLError {
  const unknown = UNKNOWN_FIELD.exec(error.message);
  if (!unknown) return error;
  return new GraphQLError(`Type \`${unknown[2]}\` has no field \`${unknown[1]}\``, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
  });
}

export function validateQuery(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  return validate(schema, document).map(rewrite);
}
