/** Something the store cannot do: a closed store, a block out of order, a database of another schema. */
export class StoreError extends Error {
  override readonly name: string = "StoreError";
}

/** An entity write that does not fit the schema; the message names the entity type, id and field. */
export class StoreValidationError extends StoreError {
  override readonly name = "StoreValidationError";
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** The database was created for a different schema (fingerprints differ). */
export class SchemaMismatchError extends StoreError {
  override readonly name = "SchemaMismatchError";
}

/** A query the store cannot answer (bad filter value, unsupported ordering); the GraphQL layer reports it. */
export class QueryError extends StoreError {
  override readonly name = "QueryError";
}

/**
 * A bucket that can not be computed (an aggregate out of its field's range, a null aggregate in a non-null field,
 * a division by zero): deterministic, so it fails the subgraph at the block rolling it up, as graph-node's rollup
 * statement fails.
 */
export class RollupError extends StoreError {
  override readonly name = "RollupError";
}
