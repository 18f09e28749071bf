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

export interface SchemaModel {
  readonly entities: ReadonlyMap<string, EntityModel>;
  readonly interfaces: ReadonlyMap<string, InterfaceModel>;
  readonly enums: ReadonlyMap<string, EnumModel>;
  /** A stable hash of the schema's stored shape; a store refuses to open with a different one. */
  readonly fingerprint: string;
}
