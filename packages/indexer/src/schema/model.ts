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
  /** `@entity(timeseries: true)`: immutable, `id: Int8!` and `timestamp: Timestamp!` set by the indexer. */
  readonly timeseries?: boolean;
  /** For the table of one interval of an `@aggregation`: which aggregation and interval it holds. */
  readonly bucketOf?: { readonly aggregation: string; readonly interval: AggregationInterval };
}

/** graph-node's aggregation intervals. */
export type AggregationInterval = "hour" | "day";

/** An interval's length in microseconds (Timestamp values are microseconds since the epoch). */
export const INTERVAL_MICROS: Readonly<Record<AggregationInterval, bigint>> = {
  hour: 3_600_000_000n,
  day: 86_400_000_000n,
};

export type AggregateFn = "sum" | "count" | "min" | "max" | "first" | "last";

/** The functions an `@aggregate(arg:)` expression may call (graph-node's list, less `power`). */
export type ArgFunction =
  | "abs"
  | "ceil"
  | "ceiling"
  | "div"
  | "floor"
  | "gcd"
  | "lcm"
  | "mod"
  | "sign"
  | "coalesce"
  | "nullif"
  | "greatest"
  | "least";

export type ArgBinaryOp = "+" | "-" | "*" | "%" | "=" | "<>" | "<" | "<=" | ">" | ">=" | "and" | "or";

/** An `@aggregate(arg:)` expression over the source timeseries' fields (SQL, the subset this indexer evaluates). */
export type ArgExpression =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "negate"; readonly operand: ArgExpression }
  | { readonly kind: "not"; readonly operand: ArgExpression }
  | {
      readonly kind: "binary";
      readonly op: ArgBinaryOp;
      readonly left: ArgExpression;
      readonly right: ArgExpression;
    }
  /** `x IS [NOT] NULL|TRUE|FALSE`. */
  | {
      readonly kind: "is";
      readonly operand: ArgExpression;
      readonly test: "null" | "true" | "false";
      readonly negated: boolean;
    }
  /** `a IS [NOT] DISTINCT FROM b`. */
  | {
      readonly kind: "distinct";
      readonly left: ArgExpression;
      readonly right: ArgExpression;
      readonly negated: boolean;
    }
  | { readonly kind: "call"; readonly name: ArgFunction; readonly args: readonly ArgExpression[] }
  | {
      readonly kind: "case";
      readonly whens: readonly { readonly condition: ArgExpression; readonly result: ArgExpression }[];
      readonly otherwise: ArgExpression | null;
    };

export interface AggregateModel {
  /** The aggregation's field holding the value. */
  readonly field: string;
  readonly fn: AggregateFn;
  /** `null` for `count`. */
  readonly arg: ArgExpression | null;
  readonly cumulative: boolean;
}

/** An `@aggregation(intervals, source)` type: buckets of its source timeseries, one table per interval. */
export interface AggregationModel {
  readonly name: string;
  readonly source: string;
  readonly intervals: readonly AggregationInterval[];
  /** Fields in declaration order: `id`, `timestamp`, dimensions and aggregates. */
  readonly fields: readonly FieldModel[];
  readonly fieldsByName: ReadonlyMap<string, FieldModel>;
  /** The fields without `@aggregate` besides `id` and `timestamp`: the source's fields buckets group by. */
  readonly dimensions: readonly string[];
  readonly aggregates: readonly AggregateModel[];
}

/** The entity type (table) holding one interval's buckets of an aggregation. */
export function bucketEntityName(aggregation: string, interval: AggregationInterval): string {
  return `${aggregation}__${interval}`;
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
  /** The `@aggregation` types by name; their buckets are in `entities` (see `bucketEntityName`). */
  readonly aggregations: ReadonlyMap<string, AggregationModel>;
  /** A stable hash of the schema's stored shape; a store refuses to open with a different one. */
  readonly fingerprint: string;
}
