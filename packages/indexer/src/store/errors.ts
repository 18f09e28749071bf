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
