// The Graph's query API for a subgraph schema: entity types, `<T>_filter` and `<T>_orderBy`, the singular and
// plural query fields per entity type and interface, and `_meta`, with resolvers reading from the store.
import {
  GraphQLBoolean,
  GraphQLEnumType,
  type GraphQLEnumValueConfigMap,
  GraphQLError,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  GraphQLID,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
} from "graphql";
import {
  type AggregationInterval,
  type AggregationModel,
  bucketEntityName,
  type EntityModel,
  type FieldModel,
  type FulltextModel,
  type InterfaceModel,
  type ScalarName,
  type SchemaModel,
} from "../schema/model.js";
import { queryFieldNames } from "../schema/naming.js";
import { bytesToHex, idValueToKey, keyToIdValue } from "../store/codec.js";
import {
  compareEntities,
  type EntityFilter,
  type EntityRow,
  matchesFilter,
  type OrderDirection,
  type PerParentQuery,
  QueryError,
  type Store,
  StoreError,
} from "../store/index.js";
import type { Value } from "../types.js";
import { resolveBlock } from "./block.js";
import {
  countFilterTerms,
  DEFAULT_QUERY_LIMITS,
  type QueryClock,
  type QueryLimits,
  tooManyFilterTerms,
} from "./limits.js";
import { batchedList } from "./list-batch.js";
import {
  GraphQLAggregationCurrent,
  GraphQLAggregationInterval,
  GraphQLBigDecimal,
  GraphQLBigInt,
  GraphQLBytes,
  GraphQLInt8,
  GraphQLTimestamp,
} from "./scalars.js";
import { convertWhere, FILTER_SUFFIXES } from "./where.js";

export interface QueryContext {
  readonly store: Store;
  /** Default: `DEFAULT_QUERY_LIMITS`. */
  readonly limits?: QueryLimits;
  /** The query's deadline and time slices; without one a query runs to its end in one go. */
  readonly clock?: QueryClock;
  /**
   * Read list fields for a whole level at once (default true); false reads them once per parent entity, the
   * reference answer the batched reads are tested against.
   */
  readonly batchLists?: boolean;
}

/**
 * Runs a resolver's store read under the query's clock: refused once the deadline has passed, and deferred to
 * the next turn of the event loop once the query has held the thread for its slice.
 */
function guarded<T>(context: QueryContext, read: () => T): T | Promise<T> {
  const clock = context.clock;
  if (!clock) return read();
  clock.check();
  if (!clock.yieldDue()) return read();
  return new Promise<T>((resolveRead, rejectRead) => {
    clock.defer(() => {
      try {
        clock.check();
        resolveRead(read());
      } catch (error) {
        rejectRead(error);
      }
    });
  });
}

/** An entity as resolvers pass it down: the block travels along so that nested fields read the same block. */
export interface EntitySource extends EntityRow {
  readonly block: number;
  /**
   * The entities resolved beside this one at the same level (one list, or the references of one list): the
   * first reference field resolved for one of them is looked up for all of them in one statement.
   */
  readonly siblings?: readonly EntitySource[];
}

type Owner = EntityModel | InterfaceModel;
type Args = Record<string, unknown>;

const DEFAULT_FIRST = 100;

const SCALAR_FILTER_OPS: Record<string, readonly string[]> = {
  Boolean: ["", "not", "in", "not_in"],
  Bytes: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in", "contains", "not_contains"],
  ID: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  BigInt: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  BigDecimal: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  Int: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  Int8: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  Timestamp: ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"],
  // graph-node offers strings every suffix; the list lives beside the parser that reads them back.
  String: ["", ...FILTER_SUFFIXES],
};

const ENUM_FILTER_OPS = ["", "not", "in", "not_in"];

function scalarType(name: ScalarName): GraphQLScalarType {
  switch (name) {
    case "ID":
      return GraphQLID;
    case "String":
      return GraphQLString;
    case "Int":
      return GraphQLInt;
    case "Boolean":
      return GraphQLBoolean;
    case "Bytes":
      return GraphQLBytes;
    case "BigInt":
      return GraphQLBigInt;
    case "BigDecimal":
      return GraphQLBigDecimal;
    case "Int8":
      return GraphQLInt8;
    case "Timestamp":
      return GraphQLTimestamp;
  }
}

/** A stored value as graph-node renders it: big numbers and timestamps as strings, bytes as lowercase hex. */
export function toGraphQL(value: Value | undefined): unknown {
  if (!value) return null;
  switch (value.kind) {
    case "Null":
      return null;
    case "Array":
      return value.value.map(toGraphQL);
    case "Bytes":
      return bytesToHex(value.value);
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return value.value.toString();
    default:
      return value.value;
  }
}

function rangeError(arg: string, max: number, actual: number): GraphQLError {
  return new GraphQLError(`The \`${arg}\` argument must be between 0 and ${max}, but is ${actual}`);
}

function toGraphQLError(error: unknown): unknown {
  if (error instanceof QueryError || error instanceof StoreError) return new GraphQLError(error.message);
  return error;
}

/** The store key of the entity `source`'s reference field `field` points at; null when unset. */
function referenceKey(source: EntitySource, field: FieldModel): string | null {
  const ref = source.data.get(field.name);
  return ref ? idValueToKey(ref) : null;
}

function and(a: EntityFilter | null, b: EntityFilter | null): EntityFilter | null {
  if (!a) return b;
  if (!b) return a;
  return { kind: "and", filters: [a, b] };
}

const cache = new WeakMap<SchemaModel, GraphQLSchema>();

/** An aggregation as the entity-shaped owner its GraphQL type and `orderBy` are generated from. */
function aggregationOwner(aggregation: AggregationModel): EntityModel {
  return {
    name: aggregation.name,
    immutable: true,
    idType: "Int8",
    fields: aggregation.fields,
    fieldsByName: aggregation.fieldsByName,
    interfaces: [],
  };
}

/** Referenced entities already resolved, per request (each request has its own context object). */
interface ReferenceMemo {
  /** By target type, id and block. */
  readonly resolved: Map<string, EntitySource | null>;
  /** The reference fields already looked up for a group of siblings. */
  readonly prefetched: WeakMap<readonly EntitySource[], Set<string>>;
}
const referenceMemo = new WeakMap<QueryContext, ReferenceMemo>();

function memoOf(context: QueryContext): ReferenceMemo {
  let memo = referenceMemo.get(context);
  if (!memo) {
    memo = { resolved: new Map(), prefetched: new WeakMap() };
    referenceMemo.set(context, memo);
  }
  return memo;
}

const memoKey = (target: string, key: string, block: number) => `${target}\u0000${key}\u0000${block}`;

/** `rows` as sources at `block`, each knowing the others (see `EntitySource.siblings`). */
function asSiblings(rows: readonly EntityRow[], block: number): EntitySource[] {
  const sources: EntitySource[] = [];
  for (const row of rows) sources.push({ ...row, block, siblings: sources });
  return sources;
}

/** The API schema for `model` (built once per model). */
export function buildApiSchema(model: SchemaModel): GraphQLSchema {
  const cached = cache.get(model);
  if (cached) return cached;
  const schema = new ApiSchemaBuilder(model).build();
  cache.set(model, schema);
  return schema;
}

class ApiSchemaBuilder {
  private readonly objects = new Map<string, GraphQLObjectType>();
  private readonly interfaces = new Map<string, GraphQLInterfaceType>();
  private readonly enums = new Map<string, GraphQLEnumType>();
  private readonly filters = new Map<string, GraphQLInputObjectType>();
  private readonly orderBys = new Map<string, GraphQLEnumType>();
  private readonly orderDirection = new GraphQLEnumType({
    name: "OrderDirection",
    description: "Defines the order direction, either ascending or descending",
    values: { asc: { value: "asc" }, desc: { value: "desc" } },
  });
  private readonly blockHeight = new GraphQLInputObjectType({
    name: "Block_height",
    fields: { hash: { type: GraphQLBytes }, number: { type: GraphQLInt }, number_gte: { type: GraphQLInt } },
  });
  private readonly blockChanged = new GraphQLInputObjectType({
    name: "BlockChangedFilter",
    fields: { number_gte: { type: new GraphQLNonNull(GraphQLInt) } },
  });
  private readonly errorPolicy = new GraphQLEnumType({
    name: "_SubgraphErrorPolicy_",
    values: { allow: { value: "allow" }, deny: { value: "deny" } },
  });

  constructor(private readonly model: SchemaModel) {}

  build(): GraphQLSchema {
    for (const e of this.model.enums.values()) {
      const values: GraphQLEnumValueConfigMap = {};
      for (const v of e.values) values[v] = { value: v };
      this.enums.set(e.name, new GraphQLEnumType({ name: e.name, values }));
    }
    for (const iface of this.model.interfaces.values()) {
      this.interfaces.set(
        iface.name,
        new GraphQLInterfaceType({
          name: iface.name,
          fields: () => this.entityFields(iface),
          resolveType: (source: EntitySource) => source.entity,
        }),
      );
    }
    for (const entity of this.model.entities.values()) {
      if (entity.bucketOf) continue;
      this.objects.set(
        entity.name,
        new GraphQLObjectType<EntitySource, QueryContext>({
          name: entity.name,
          interfaces: () => entity.interfaces.flatMap((n) => this.interfaces.get(n) ?? []),
          fields: () => this.entityFields(entity),
        }),
      );
    }
    for (const aggregation of this.model.aggregations.values()) {
      const owner = aggregationOwner(aggregation);
      this.objects.set(
        aggregation.name,
        new GraphQLObjectType<EntitySource, QueryContext>({
          name: aggregation.name,
          fields: () => this.entityFields(owner),
        }),
      );
    }
    const owners: Owner[] = [
      ...[...this.model.entities.values()].filter((e) => !e.bucketOf),
      ...this.model.interfaces.values(),
    ];
    const query = new GraphQLObjectType<unknown, QueryContext>({
      name: "Query",
      fields: () => {
        const fields: GraphQLFieldConfigMap<unknown, QueryContext> = {};
        for (const owner of owners) {
          const { singular, plural } = queryFieldNames(owner.name);
          fields[singular] = this.singleQueryField(owner);
          fields[plural] = this.collectionQueryField(owner);
        }
        for (const aggregation of this.model.aggregations.values()) {
          fields[queryFieldNames(aggregation.name).plural] = this.aggregationQueryField(aggregation);
        }
        for (const search of this.model.fulltext.values())
          fields[search.name] = this.fulltextQueryField(search);
        fields._meta = this.metaField();
        return fields;
      },
    });
    return new GraphQLSchema({ query, types: [...this.objects.values()] });
  }

  private typeOf(name: string): GraphQLOutputType {
    const found = this.objects.get(name) ?? this.interfaces.get(name);
    if (!found) throw new Error(`no GraphQL type for ${name}`);
    return found;
  }

  private baseOutput(field: FieldModel): GraphQLOutputType {
    const type = field.type;
    if (type.kind === "scalar") return scalarType(type.name);
    if (type.kind === "enum") return this.enums.get(type.name) ?? GraphQLString;
    return this.typeOf(type.name);
  }

  private wrapped(field: FieldModel): GraphQLOutputType {
    let type: GraphQLOutputType = this.baseOutput(field);
    if (field.list) {
      if (field.itemNonNull) type = new GraphQLNonNull(type);
      type = new GraphQLList(type);
    }
    return field.nonNull ? new GraphQLNonNull(type) : type;
  }

  private owner(name: string): Owner {
    const owner = this.model.entities.get(name) ?? this.model.interfaces.get(name);
    if (!owner) throw new Error(`no entity type ${name}`);
    return owner;
  }

  private entityFields(owner: Owner): GraphQLFieldConfigMap<EntitySource, QueryContext> {
    const fields: GraphQLFieldConfigMap<EntitySource, QueryContext> = {};
    for (const field of owner.fields) fields[field.name] = this.entityField(field);
    return fields;
  }

  private entityField(field: FieldModel): GraphQLFieldConfig<EntitySource, QueryContext> {
    const type = this.wrapped(field);
    if (field.type.kind !== "reference") {
      return { type, resolve: (source) => toGraphQL(source.data.get(field.name)) };
    }
    const target = this.owner(field.type.name);
    if (field.list) {
      return {
        type,
        args: this.collectionArgs(target),
        resolve: (source, args: Args, context) =>
          guarded(context, () => this.relatedList(context, source, field, target, args)),
      };
    }
    return {
      type,
      resolve: (source, _args, context) =>
        guarded(context, () => this.relatedOne(context, source, field, target)),
    };
  }

  /** The entities a list field refers to, or (for `@derivedFrom`) that refer back to `source`. */
  private relatedList(
    context: QueryContext,
    source: EntitySource,
    field: FieldModel,
    target: Owner,
    args: Args,
  ): EntitySource[] {
    const concrete = this.model.entities.get(target.name);
    if (context.batchLists !== false && concrete) {
      try {
        return batchedList(context, source, {
          field: field.name,
          args,
          query: (parents) => this.perParentQuery(context, parents, field, concrete, args, source.block),
        });
      } catch (error) {
        throw toGraphQLError(error);
      }
    }
    let filter: EntityFilter;
    if (field.derivedFrom === null) {
      const ids = source.data.get(field.name);
      if (ids?.kind !== "Array") return [];
      filter = { kind: "compare", field: "id", op: "in", value: ids };
    } else {
      filter = this.backReference(source, field);
    }
    return this.collection(context, target, args, source.block, filter);
  }

  /** `field` (a list) of every parent in one query, each parent's rows paged on their own. */
  private perParentQuery(
    context: QueryContext,
    parents: readonly EntitySource[],
    field: FieldModel,
    target: EntityModel,
    args: Args,
    block: number,
  ): PerParentQuery {
    const { first, skip } = this.page(context, args);
    const where = convertWhere(this.model, target, args.where);
    const orderBy = typeof args.orderBy === "string" ? args.orderBy : null;
    const direction: OrderDirection = args.orderDirection === "desc" ? "desc" : "asc";
    const base = { entity: target.name, block, filter: where, orderBy, direction, first, skip };
    if (field.derivedFrom === null) {
      return {
        ...base,
        link: { kind: "id" },
        parents: parents.map((p) => {
          const ids = p.data.get(field.name);
          return ids?.kind === "Array" ? ids.value : [];
        }),
      };
    }
    const back = target.fieldsByName.get(field.derivedFrom);
    const link = back?.list
      ? ({ kind: "listField", field: field.derivedFrom } as const)
      : ({ kind: "field", field: field.derivedFrom } as const);
    return {
      ...base,
      link,
      parents: parents.map((p) => [
        keyToIdValue(this.model.entities.get(p.entity)?.idType ?? "String", p.id),
      ]),
    };
  }

  private relatedOne(
    context: QueryContext,
    source: EntitySource,
    field: FieldModel,
    target: Owner,
  ): EntitySource | null {
    const { store } = context;
    try {
      if (field.derivedFrom !== null) {
        const rows = store.query({
          entity: target.name,
          block: source.block,
          filter: this.backReference(source, field),
          orderBy: null,
          direction: "asc",
          first: 1,
          skip: 0,
        });
        const row = rows[0];
        return row ? { ...row, block: source.block } : null;
      }
      const key = referenceKey(source, field);
      if (key === null) return null;
      // Many entities of a page often reference the same one: look each up once per request.
      const memo = memoOf(context);
      const own = memoKey(target.name, key, source.block);
      if (!memo.resolved.has(own)) this.prefetchReferences(context, memo, source, field, target);
      return memo.resolved.get(own) ?? null;
    } catch (error) {
      throw toGraphQLError(error);
    }
  }

  /**
   * Looks up `field`'s references of `source` and of all its siblings (at its block) in one statement per
   * concrete type, instead of one per entity (N+1): the resolved entities form the next level's siblings.
   */
  private prefetchReferences(
    context: QueryContext,
    memo: ReferenceMemo,
    source: EntitySource,
    field: FieldModel,
    target: Owner,
  ): void {
    const group = source.siblings ?? [source];
    let fields = memo.prefetched.get(group);
    if (!fields) {
      fields = new Set();
      memo.prefetched.set(group, fields);
    }
    // Once the group was prefetched for this field, a key still missing can only be `source`'s own.
    const members = fields.has(field.name) ? [source] : group;
    fields.add(field.name);
    const keys = new Set<string>();
    for (const member of members) {
      if (member.block !== source.block) continue;
      const key = referenceKey(member, field);
      if (key !== null && !memo.resolved.has(memoKey(target.name, key, source.block))) keys.add(key);
    }
    const rows = context.store.reader.getMany(target.name, [...keys], source.block);
    const loaded: EntitySource[] = [];
    for (const key of keys) {
      const row = rows.get(key);
      const resolved = row ? { ...row, block: source.block, siblings: loaded } : null;
      if (resolved) loaded.push(resolved);
      memo.resolved.set(memoKey(target.name, key, source.block), resolved);
    }
  }

  private backReference(source: EntitySource, field: FieldModel): EntityFilter {
    const back = field.derivedFrom ?? "";
    const sourceModel = this.model.entities.get(source.entity);
    const id = keyToIdValue(sourceModel?.idType ?? "String", source.id);
    const targets = this.model.entities.get(field.type.name)
      ? [this.model.entities.get(field.type.name)]
      : (this.model.interfaces.get(field.type.name)?.implementations ?? []).map((n) =>
          this.model.entities.get(n),
        );
    const backIsList = targets.some((t) => t?.fieldsByName.get(back)?.list === true);
    return backIsList
      ? { kind: "compare", field: back, op: "contains", value: { kind: "Array", value: [id] } }
      : { kind: "compare", field: back, op: "eq", value: id };
  }

  private collection(
    context: QueryContext,
    owner: Owner,
    args: Args,
    block: number,
    extra: EntityFilter | null,
    fulltext?: { readonly name: string; readonly text: string },
  ): EntitySource[] {
    const { store } = context;
    const { first, skip } = this.page(context, args);
    const where = convertWhere(this.model, owner, args.where);
    const orderBy = typeof args.orderBy === "string" ? args.orderBy : null;
    const direction: OrderDirection = args.orderDirection === "desc" ? "desc" : "asc";
    try {
      const rows = store.query({
        entity: owner.name,
        block,
        filter: and(extra, where),
        orderBy,
        direction,
        first,
        skip,
        ...(fulltext ? { fulltext } : {}),
      });
      return asSiblings(rows, block);
    } catch (error) {
      throw toGraphQLError(error);
    }
  }

  /** `first` and `skip`, checked against the query limits with the size of `where`. */
  private page(context: QueryContext, args: Args): { readonly first: number; readonly skip: number } {
    const limits = context.limits ?? DEFAULT_QUERY_LIMITS;
    const first = typeof args.first === "number" ? args.first : DEFAULT_FIRST;
    const skip = typeof args.skip === "number" ? args.skip : 0;
    if (first < 0 || first > limits.maxFirst) throw rangeError("first", limits.maxFirst, first);
    if (skip < 0 || skip > limits.maxSkip) throw rangeError("skip", limits.maxSkip, skip);
    const terms = countFilterTerms(args.where);
    if (terms > limits.maxFilterTerms) throw tooManyFilterTerms(terms, limits.maxFilterTerms);
    return { first, skip };
  }

  private checkErrorPolicy(store: Store, policy: unknown, block: number): void {
    if (policy === "allow") return;
    if (store.nonFatalErrors().some((e) => e.blockNumber <= block)) throw new GraphQLError("indexing_error");
  }

  private singleQueryField(owner: Owner): GraphQLFieldConfig<unknown, QueryContext> {
    return {
      type: this.typeOf(owner.name),
      args: {
        id: { type: new GraphQLNonNull(GraphQLID) },
        block: { type: this.blockHeight },
        subgraphError: { type: new GraphQLNonNull(this.errorPolicy), defaultValue: "deny" },
      },
      resolve: (_source, args: Args, context) =>
        guarded(context, (): EntitySource | null => {
          const block = resolveBlock(context.store, args.block).number;
          this.checkErrorPolicy(context.store, args.subgraphError, block);
          let id = String(args.id);
          if (owner.idType === "Bytes") id = id.toLowerCase();
          else if (owner.idType === "Int8" && /^-?\d+$/.test(id)) id = BigInt(id).toString();
          try {
            const row = context.store.reader.get(owner.name, id, block);
            return row ? { ...row, block } : null;
          } catch (error) {
            throw toGraphQLError(error);
          }
        }),
    };
  }

  private collectionQueryField(owner: Owner): GraphQLFieldConfig<unknown, QueryContext> {
    return {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(this.typeOf(owner.name)))),
      args: {
        ...this.collectionArgs(owner),
        block: { type: this.blockHeight },
        subgraphError: { type: new GraphQLNonNull(this.errorPolicy), defaultValue: "deny" },
      },
      resolve: (_source, args: Args, context) =>
        guarded(context, () => {
          const block = resolveBlock(context.store, args.block).number;
          this.checkErrorPolicy(context.store, args.subgraphError, block);
          return this.collection(context, owner, args, block, null);
        }),
    };
  }

  /** graph-node's search field (schema/api.rs `query_field_for_fulltext`): no `orderBy`, ranked by relevance. */
  private fulltextQueryField(search: FulltextModel): GraphQLFieldConfig<unknown, QueryContext> {
    const owner = this.owner(search.entity);
    return {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(this.typeOf(owner.name)))),
      args: {
        text: { type: new GraphQLNonNull(GraphQLString) },
        first: { type: GraphQLInt, defaultValue: DEFAULT_FIRST },
        skip: { type: GraphQLInt, defaultValue: 0 },
        block: { type: this.blockHeight },
        where: { type: this.filterType(owner) },
        subgraphError: { type: new GraphQLNonNull(this.errorPolicy), defaultValue: "deny" },
      },
      resolve: (_source, args: Args, context) => {
        const block = resolveBlock(context.store, args.block).number;
        this.checkErrorPolicy(context.store, args.subgraphError, block);
        const fulltext = { name: search.name, text: String(args.text) };
        return this.collection(context, owner, args, block, null, fulltext);
      },
    };
  }

  /**
   * graph-node's aggregation field (schema/api.rs `query_fields_for_agg_type`): the buckets of one `interval`,
   * newest first unless ordered otherwise; only closed buckets (`current: exclude`).
   */
  private aggregationQueryField(aggregation: AggregationModel): GraphQLFieldConfig<unknown, QueryContext> {
    const owner = aggregationOwner(aggregation);
    return {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(this.typeOf(aggregation.name)))),
      description: `Collection of aggregated \`${aggregation.name}\` values`,
      args: {
        skip: { type: GraphQLInt, defaultValue: 0 },
        first: { type: GraphQLInt, defaultValue: DEFAULT_FIRST },
        interval: { type: new GraphQLNonNull(GraphQLAggregationInterval) },
        orderBy: { type: this.orderByType(owner) },
        orderDirection: { type: this.orderDirection },
        current: { type: GraphQLAggregationCurrent },
        where: { type: this.aggregationFilterType(aggregation) },
        block: { type: this.blockHeight },
        subgraphError: { type: new GraphQLNonNull(this.errorPolicy), defaultValue: "deny" },
      },
      resolve: (_source, args: Args, context) =>
        guarded(context, () => {
          const interval = args.interval as AggregationInterval;
          if (!aggregation.intervals.includes(interval)) {
            throw new GraphQLError(
              `aggregation \`${aggregation.name}\` has no interval \`${interval}\` (its intervals: ${aggregation.intervals.join(", ")})`,
            );
          }
          const bucket = this.owner(bucketEntityName(aggregation.name, interval));
          const block = resolveBlock(context.store, args.block).number;
          this.checkErrorPolicy(context.store, args.subgraphError, block);
          const ordered =
            typeof args.orderBy === "string"
              ? args
              : { ...args, orderBy: "timestamp", orderDirection: args.orderDirection ?? "desc" };
          if (args.current !== "include") return this.collection(context, bucket, ordered, block, null);
          return this.withCurrentBucket(context, aggregation, interval, bucket, ordered, block);
        }),
    };
  }

  /**
   * `current: include`: the closed buckets of the page merged with the open ones computed from the points not
   * rolled up yet, filtered, ordered and paged together.
   */
  private withCurrentBucket(
    context: QueryContext,
    aggregation: AggregationModel,
    interval: AggregationInterval,
    bucket: Owner,
    args: Args,
    block: number,
  ): EntitySource[] {
    const { first, skip } = this.page(context, args);
    const where = convertWhere(this.model, bucket, args.where);
    const orderBy = typeof args.orderBy === "string" ? args.orderBy : null;
    const direction: OrderDirection = args.orderDirection === "desc" ? "desc" : "asc";
    try {
      // The closed buckets that can be on the page whatever the open ones are (the first skip + first of them).
      const rows = [
        ...context.store.query({
          entity: bucket.name,
          block,
          filter: where,
          orderBy,
          direction,
          first: skip + first,
          skip: 0,
        }),
        ...context.store
          .currentBuckets(aggregation.name, interval, block)
          .filter((row) => matchesFilter(row.data, where)),
      ];
      rows.sort((a, b) => compareEntities(a.data, b.data, orderBy, direction));
      return asSiblings(rows.slice(skip, skip + first), block);
    } catch (error) {
      throw toGraphQLError(error);
    }
  }

  /** graph-node's aggregation filter: `id`, `timestamp` and the dimensions, numbers compared, others equal. */
  private aggregationFilterType(aggregation: AggregationModel): GraphQLInputObjectType {
    const name = `${aggregation.name}_filter`;
    const existing = this.filters.get(name);
    if (existing) return existing;
    const type: GraphQLInputObjectType = new GraphQLInputObjectType({
      name,
      fields: () => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const field of aggregation.fields) {
          if (
            field.name !== "id" &&
            field.name !== "timestamp" &&
            !aggregation.dimensions.includes(field.name)
          ) {
            continue;
          }
          const base =
            field.type.kind === "scalar"
              ? scalarType(field.type.name)
              : field.type.kind === "enum"
                ? (this.enums.get(field.type.name) ?? GraphQLString)
                : field.type.idType === "Int8"
                  ? GraphQLInt
                  : GraphQLString;
          const ordered =
            ["BigInt", "BigDecimal", "Int", "Int8", "Timestamp"].includes(base.name) && !field.list;
          for (const op of ordered ? ["", "gt", "lt", "gte", "lte", "in"] : [""]) {
            fields[op === "" ? field.name : `${field.name}_${op}`] = {
              type: op === "in" ? new GraphQLList(new GraphQLNonNull(base)) : base,
            };
          }
        }
        fields._change_block = { type: this.blockChanged };
        fields.and = { type: new GraphQLList(type) };
        fields.or = { type: new GraphQLList(type) };
        return fields;
      },
    });
    this.filters.set(name, type);
    return type;
  }

  private collectionArgs(owner: Owner): GraphQLFieldConfigArgumentMap {
    return {
      skip: { type: GraphQLInt, defaultValue: 0 },
      first: { type: GraphQLInt, defaultValue: DEFAULT_FIRST },
      orderBy: { type: this.orderByType(owner) },
      orderDirection: { type: this.orderDirection },
      where: { type: this.filterType(owner) },
    };
  }

  private orderByType(owner: Owner): GraphQLEnumType {
    const existing = this.orderBys.get(owner.name);
    if (existing) return existing;
    const values: GraphQLEnumValueConfigMap = {};
    for (const field of owner.fields) {
      values[field.name] = { value: field.name };
      if (field.type.kind === "reference" && !field.list) {
        for (const child of this.owner(field.type.name).fields) {
          if (child.list || child.type.kind === "reference") continue;
          const name = `${field.name}__${child.name}`;
          values[name] = { value: name };
        }
      }
    }
    const type = new GraphQLEnumType({ name: `${owner.name}_orderBy`, values });
    this.orderBys.set(owner.name, type);
    return type;
  }

  private filterType(owner: Owner): GraphQLInputObjectType {
    const existing = this.filters.get(owner.name);
    if (existing) return existing;
    const type: GraphQLInputObjectType = new GraphQLInputObjectType({
      name: `${owner.name}_filter`,
      fields: () => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const field of owner.fields) Object.assign(fields, this.fieldFilters(field));
        fields._change_block = { type: this.blockChanged };
        fields.and = { type: new GraphQLList(type) };
        fields.or = { type: new GraphQLList(type) };
        return fields;
      },
    });
    this.filters.set(owner.name, type);
    return type;
  }

  /** graph-node's filter fields for one field (`field_api.rs`: `field_filter_input_values`). */
  private fieldFilters(field: FieldModel): GraphQLInputFieldConfigMap {
    const out: GraphQLInputFieldConfigMap = {};
    const add = (ops: readonly string[], type: GraphQLInputType, listValued: boolean) => {
      for (const op of ops) {
        const name = op === "" ? field.name : `${field.name}_${op}`;
        const valueType =
          listValued || op === "in" || op === "not_in" ? new GraphQLList(new GraphQLNonNull(type)) : type;
        out[name] = { type: valueType };
      }
    };
    const type = field.type;
    if (type.kind === "reference") {
      if (field.derivedFrom === null) {
        const idScalar = type.idType === "Int8" ? GraphQLInt : GraphQLString;
        if (field.list) {
          const ops =
            type.idType === "String"
              ? ["", "not", "contains", "contains_nocase", "not_contains", "not_contains_nocase"]
              : ["", "not", "contains", "not_contains"];
          add(ops, idScalar, true);
        } else {
          add(SCALAR_FILTER_OPS[idScalar.name] ?? [], idScalar, false);
        }
      }
      out[`${field.name}_`] = { type: this.filterType(this.owner(type.name)) };
      return out;
    }
    const base = type.kind === "enum" ? (this.enums.get(type.name) ?? GraphQLString) : scalarType(type.name);
    if (field.list) {
      const nocase = type.kind === "scalar" && type.name === "String";
      add(
        nocase
          ? ["", "not", "contains", "contains_nocase", "not_contains", "not_contains_nocase"]
          : ["", "not", "contains", "not_contains"],
        base,
        true,
      );
      return out;
    }
    add(type.kind === "enum" ? ENUM_FILTER_OPS : (SCALAR_FILTER_OPS[type.name] ?? []), base, false);
    return out;
  }

  private metaField(): GraphQLFieldConfig<unknown, QueryContext> {
    const blockType = new GraphQLObjectType({
      name: "_Block_",
      fields: {
        hash: { type: GraphQLBytes, description: "The hash of the block" },
        number: { type: new GraphQLNonNull(GraphQLInt), description: "The block number" },
        timestamp: {
          type: GraphQLInt,
          description: "Integer representation of the timestamp stored in blocks for the chain",
        },
        parentHash: { type: GraphQLBytes, description: "The hash of the parent block" },
      },
    });
    const metaType = new GraphQLObjectType({
      name: "_Meta_",
      description: "The type for the top-level _meta field",
      fields: {
        block: { type: new GraphQLNonNull(blockType) },
        deployment: { type: new GraphQLNonNull(GraphQLString) },
        hasIndexingErrors: { type: new GraphQLNonNull(GraphQLBoolean) },
      },
    });
    return {
      type: metaType,
      description: "Access to subgraph metadata",
      args: { block: { type: this.blockHeight } },
      resolve: (_source, args: Args, context) => {
        const { store } = context;
        const resolved = resolveBlock(store, args.block);
        const meta = store.meta();
        if (!meta.head) {
          // A failure in the first handled block: graph-node reports the block before it, the last good one.
          if (meta.fatalError) {
            return {
              block: {
                number: meta.fatalError.blockNumber - 1,
                hash: null,
                timestamp: null,
                parentHash: null,
              },
              deployment: meta.deployment,
              hasIndexingErrors: true,
            };
          }
          throw new GraphQLError(`subgraph ${meta.deployment} has not indexed any block yet`);
        }
        const ptr = store.blockPtr(resolved.number);
        return {
          block: {
            number: resolved.number,
            hash: resolved.byNumber ? null : (ptr?.hash ?? null),
            timestamp: ptr?.timestamp ?? null,
            parentHash: ptr?.parentHash ?? null,
          },
          deployment: meta.deployment,
          hasIndexingErrors: meta.hasIndexingErrors,
        };
      },
    };
  }
}
