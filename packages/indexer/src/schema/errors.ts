/** A subgraph `schema.graphql` that cannot be used; the message names the type and field at fault. */
export class SchemaError extends Error {
  override readonly name = "SchemaError";
}
