// What the GraphQL layer asks the store for: entities of one type (or interface) at one block, filtered,
// ordered and paged. Filter values are `Value`s of the filtered field's kind (lists for `in`/`contains`).
import type { EntityData, EntityKey, Value } from "../types.js";

export type FilterOp =
  | "eq"
  | "not"
  | "gt"
  | "lt"
  | "gte"
  | "lte"
  | "in"
  | "not_in"
  | "contains"
  | "contains_nocase"
  | "not_contains"
  | "not_contains_nocase"
  | "starts_with"
  | "starts_with_nocase"
  | "not_starts_with"
  | "not_starts_with_nocase"
  | "ends_with"
  | "ends_with_nocase"
  | "not_ends_with"
  | "not_ends_with_nocase";

export type EntityFilter =
  | { readonly kind: "and"; readonly filters: readonly EntityFilter[] }
  | { readonly kind: "or"; readonly filters: readonly EntityFilter[] }
  | { readonly kind: "compare"; readonly field: string; readonly op: FilterOp; readonly value: Value }
  /** `field_: {...}`: the entities `field` references (or, for derived fields, that reference back) match. */
  | { readonly kind: "child"; readonly field: string; readonly filter: EntityFilter }
  /** `_change_block: { number_gte }`: versions written at or after `block`. */
  | { readonly kind: "changedSince"; readonly block: number };

export type OrderDirection = "asc" | "desc";

export interface EntityQuery {
  /** An entity type or an interface. */
  readonly entity: string;
  readonly block: number;
  readonly filter: EntityFilter | null;
  /** A field name or `reference__field`; `null` orders by id. */
  readonly orderBy: string | null;
  readonly direction: OrderDirection;
  readonly first: number;
  readonly skip: number;
  /**
   * A `@fulltext` search: `entity` must be the search field's entity; `text` is in Postgres' `to_tsquery`
   * language. The matches are ordered by relevance as graph-node orders them, and `orderBy` is ignored.
   */
  readonly fulltext?: { readonly name: string; readonly text: string };
}

export interface EntityRow {
  /** The concrete entity type (differs from the queried name for interfaces). */
  readonly entity: string;
  readonly id: EntityKey;
  readonly data: EntityData;
}

/**
 * How the rows of a list field belong to a parent: their reference `field` is the parent's id (`@derivedFrom`
 * over a single reference), their list `field` holds it (`@derivedFrom` over a list), or their id is one of
 * the parent's ids (a `[T!]` field of ids).
 */
export type ParentLink =
  | { readonly kind: "field"; readonly field: string }
  | { readonly kind: "listField"; readonly field: string }
  | { readonly kind: "id" };

/**
 * One list field for many parents at once: `filter`, `orderBy`, `first` and `skip` apply to each parent's rows
 * on their own, as if each parent were queried alone. `parents[i]` holds the keys parent `i` matches by `link`
 * (its id, or its list of ids). Only concrete entity types, no fulltext.
 */
export interface PerParentQuery extends Omit<EntityQuery, "fulltext"> {
  readonly link: ParentLink;
  readonly parents: readonly (readonly Value[])[];
}
