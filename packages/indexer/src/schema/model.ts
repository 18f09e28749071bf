// The subgraph schema as the store and the GraphQL API need it: entity types with their typed fields.

/** The scalars a subgraph schema may use. */
export type ScalarName =
  | "ID"
  | "String"
  | "Bytes"
  | "Int"
  | "Int8"
  | "BigInt"
  | "BigDecimal"
  | "Boolean"
  | "Timestamp";

/** How an entity's `id` is typed; `ID` and `String` ids are both `String`. */
export type IdType = "String" | "Bytes" | "Int8";

/** The type of one field, lists unwrapped: a scalar, an enum or a reference to an entity or interface. */
export type BaseType =
  | { readonly kind: "scalar"; readonly name: ScalarName }
  | { readonly kind: "enum"; readonly name: string }
  /** `idType` is the referenced entity's (for an interface: its implementations') id type. */
  | { readonly kind: "reference"; readonly name: string; readonly idType: IdType };

export interface FieldModel {
  readonly name: string;
  readonly type: BaseType;
  readonly nonNull: boolean;
  readonly list: boolean;
  /** For lists: whether the items are non-null (`[T!]`). */
  readonly itemNonNull: boolean;
  /** `@derivedFrom(field:)`: the field of the referenced type pointing back; derived fields are not stored. */
  readonly derivedFrom: string | null;
}

export interface EntityModel {
  readonly name: string;
  readonly immutable: boolean;
  readonly idType: IdType;
  /** Fields in declaration order, `id` included. */
  readonly fields: readonly FieldModel[];
  readonly fieldsByName: ReadonlyMap<string, FieldModel>;
  /** The interfaces this entity implements. */
  readonly interfaces: readonly string[];
}

export interface InterfaceModel {
  readonly name: string;
  readonly idType: IdType;
  readonly fields: readonly FieldModel[];
  readonly fieldsByName: ReadonlyMap<string, FieldModel>;
  /** The entity types implementing it, in declaration order. */
  readonly implementations: readonly string[];
}

export interface EnumModel {
  readonly name: string;
  readonly values: readonly string[];
}

/** graph-node's `@fulltext` languages that SQLite's FTS5 can tokenize as Postgres does (see fulltext.ts). */
export type FulltextLanguage = "simple" | "en";

/** `rank` (Postgres `ts_rank`) or `proximityRank` (`ts_rank_cd`); both rank with FTS5's bm25 here. */
export type FulltextAlgorithm = "rank" | "proximityRank";

/** One `@fulltext` directive of `_Schema_`: a search query field over String fields of one entity type. */
export interface FulltextModel {
  /** The query field's name. */
  readonly name: string;
  readonly language: FulltextLanguage;
  readonly algorithm: FulltextAlgorithm;
  readonly entity: string;
  /** The included String fields, in declaration order. */
  readonly fields: readonly string[];
}

export interface SchemaModel {
  readonly entities: ReadonlyMap<string, EntityModel>;
  readonly interfaces: ReadonlyMap<string, InterfaceModel>;
  readonly enums: ReadonlyMap<string, EnumModel>;
  /** The `@fulltext` search fields by name. */
  readonly fulltext: ReadonlyMap<string, FulltextModel>;
  /** A stable hash of the schema's stored shape; a store refuses to open with a different one. */
  readonly fingerprint: string;
}
