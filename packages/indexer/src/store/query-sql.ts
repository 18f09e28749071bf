// Compiles an `EntityQuery` for one concrete entity table into SQL with positional parameters. Parameters are
// pushed in the order their `?` appear in the text, so every piece is built left to right.
import type { EntityModel, FieldModel, IdType, SchemaModel } from "../schema/model.js";
import type { Value } from "../types.js";
import { type SqlValue, toJsonParam, toSql } from "./codec.js";
import { QueryError } from "./errors.js";
import { fulltextTable } from "./fulltext.js";
import { columnName, OPEN_BLOCK, tableName } from "./layout.js";
import type { EntityFilter, EntityQuery, FilterOp, PerParentQuery } from "./query-model.js";
import { tsQueryToFts5 } from "./tsquery.js";

export interface CompiledQuery {
  readonly sql: string;
  readonly params: SqlValue[];
}

/** The entity types behind a type name: itself, or an interface's implementations. */
export function concreteTypes(schema: SchemaModel, name: string): EntityModel[] {
  const entity = schema.entities.get(name);
  if (entity) return [entity];
  const iface = schema.interfaces.get(name);
  if (!iface) throw new QueryError(`Unknown entity type \`${name}\``);
  return iface.implementations.flatMap((n) => {
    const impl = schema.entities.get(n);
    return impl ? [impl] : [];
  });
}

/** SQL text of an id column as the JSON of list columns holds ids. */
function idAsJson(expr: string, idType: IdType): string {
  if (idType === "Bytes") return `('0x' || lower(hex(${expr})))`;
  if (idType === "Int8") return `CAST(${expr} AS TEXT)`;
  return expr;
}

/**
 * graph-node matches `_contains`/`_starts_with`/`_ends_with` with Postgres `LIKE`/`ILIKE` on the unescaped
 * input, so `%` and `_` in it are wildcards and a backslash escapes. The same pattern as a case-sensitive GLOB.
 */
function likeToGlob(pattern: string): string {
  let out = "";
  for (let k = 0; k < pattern.length; k++) {
    let c = pattern[k] ?? "";
    if (c === "\\" && k + 1 < pattern.length) {
      k += 1;
      c = pattern[k] ?? "";
    } else if (c === "%") {
      out += "*";
      continue;
    } else if (c === "_") {
      out += "?";
      continue;
    }
    out += /[*?[]/.test(c) ? `[${c}]` : c;
  }
  return out;
}

class Builder {
  readonly params: SqlValue[] = [];
  private aliases = 0;
  constructor(
    readonly schema: SchemaModel,
    readonly block: number,
  ) {}

  param(value: SqlValue): string {
    this.params.push(value);
    return "?";
  }

  alias(): string {
    this.aliases += 1;
    return `c${this.aliases}`;
  }

  /** The rows of `alias` visible at the query's block. */
  visible(alias: string): string {
    return `${alias}.block_from <= ${this.param(this.block)} AND ${alias}.block_to > ${this.param(this.block)}`;
  }
}

function field(model: EntityModel, name: string): FieldModel {
  const found = model.fieldsByName.get(name);
  if (!found) throw new QueryError(`Entity \`${model.name}\` has no attribute \`${name}\``);
  return found;
}

function isBlobColumn(f: FieldModel): boolean {
  return (
    (f.type.kind === "scalar" && f.type.name === "Bytes") ||
    (f.type.kind === "reference" && f.type.idType === "Bytes")
  );
}

function isTextColumn(f: FieldModel): boolean {
  return (
    (f.type.kind === "scalar" && (f.type.name === "String" || f.type.name === "ID")) ||
    f.type.kind === "enum" ||
    (f.type.kind === "reference" && f.type.idType === "String")
  );
}

function listItems(value: Value, op: string, fieldName: string): readonly Value[] {
  if (value.kind !== "Array") throw new QueryError(`Non-list value passed to \`${fieldName}_${op}\` filter`);
  return value.value;
}

function scalarCompare(b: Builder, col: string, f: FieldModel, op: FilterOp, value: Value): string {
  switch (op) {
    case "eq":
      return value.kind === "Null" ? `${col} IS NULL` : `${col} = ${b.param(toSql(value))}`;
    case "not":
      return value.kind === "Null" ? `${col} IS NOT NULL` : `${col} != ${b.param(toSql(value))}`;
    case "gt":
      return `${col} > ${b.param(toSql(value))}`;
    case "lt":
      return `${col} < ${b.param(toSql(value))}`;
    case "gte":
      return `${col} >= ${b.param(toSql(value))}`;
    case "lte":
      return `${col} <= ${b.param(toSql(value))}`;
    case "in":
    case "not_in": {
      const items = listItems(value, op, f.name);
      const negated = op === "not_in";
      const nonNull = items.filter((v) => v.kind !== "Null");
      const parts: string[] = [];
      if (nonNull.length < items.length) parts.push(`${col} IS ${negated ? "NOT " : ""}NULL`);
      if (nonNull.length > 0) {
        parts.push(
          `${col} ${negated ? "NOT IN" : "IN"} (${nonNull.map((v) => b.param(toSql(v))).join(", ")})`,
        );
      }
      // graph-node: an empty list matches nothing, for `in` and `not_in` alike.
      if (parts.length === 0) return "0";
      return `(${parts.join(negated ? " AND " : " OR ")})`;
    }
    default:
      return textMatch(b, col, f, op, value);
  }
}

function textMatch(b: Builder, col: string, f: FieldModel, op: FilterOp, value: Value): string {
  const negated = op.startsWith("not_");
  const nocase = op.endsWith("_nocase");
  const base = op.replace(/^not_/, "").replace(/_nocase$/, "");
  let test: string;
  if (isBlobColumn(f)) {
    if (value.kind !== "Bytes") throw new QueryError(`Filter \`${f.name}_${op}\` needs a Bytes value`);
    const needle = Buffer.from(value.value);
    if (base === "contains") test = `instr(${col}, ${b.param(needle)}) > 0`;
    else if (base === "starts_with")
      test = `substr(${col}, 1, ${b.param(needle.length)}) = ${b.param(needle)}`;
    // An empty suffix matches every non-NULL value (`length(NULL)` is NULL).
    else if (needle.length === 0) test = `length(${col}) >= 0`;
    else test = `substr(${col}, -${needle.length}) = ${b.param(needle)}`;
  } else if (isTextColumn(f)) {
    if (value.kind !== "String") throw new QueryError(`Filter \`${f.name}_${op}\` needs a String value`);
    const text = nocase ? value.value.toLowerCase() : value.value;
    const like = base === "contains" ? `%${text}%` : base === "starts_with" ? `${text}%` : `%${text}`;
    test = `${nocase ? `lower(${col})` : col} GLOB ${b.param(likeToGlob(like))}`;
  } else {
    throw new QueryError(`Filter not supported by value \`${f.name}\`: \`${op}\``);
  }
  return negated ? `NOT (${test})` : test;
}

function listCompare(b: Builder, col: string, f: FieldModel, op: FilterOp, value: Value): string {
  switch (op) {
    case "eq":
      return value.kind === "Null" ? `${col} IS NULL` : `${col} = ${b.param(toSql(value))}`;
    case "not":
      return value.kind === "Null" ? `${col} IS NOT NULL` : `${col} != ${b.param(toSql(value))}`;
    case "contains":
    case "contains_nocase":
    case "not_contains":
    case "not_contains_nocase": {
      // As graph-node: `contains` is `@>` (holds all values), `not_contains` is `NOT &&` (holds none),
      // `contains_nocase` holds any value ignoring case and `not_contains_nocase` none (NULL lists included).
      const items = listItems(value, op, f.name);
      if (op === "contains_nocase" || op === "not_contains_nocase") {
        // `elem ILIKE ANY(values)`: each value is a LIKE pattern.
        const patterns = items
          .map((item) => `lower(value) GLOB ${b.param(likeToGlob(String(toJsonParam(item)).toLowerCase()))}`)
          .join(" OR ");
        const any = items.length === 0 ? "0" : `EXISTS (SELECT 1 FROM json_each(${col}) WHERE ${patterns})`;
        return op === "contains_nocase" ? any : `NOT ${any}`;
      }
      if (op === "contains") {
        const each = items.map(
          (item) => `EXISTS (SELECT 1 FROM json_each(${col}) WHERE value = ${b.param(toJsonParam(item))})`,
        );
        return each.length === 0 ? `${col} IS NOT NULL` : `(${col} IS NOT NULL AND ${each.join(" AND ")})`;
      }
      if (items.length === 0) return `${col} IS NOT NULL`;
      const none = items.map((item) => b.param(toJsonParam(item))).join(", ");
      return `(${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each(${col}) WHERE value IN (${none})))`;
    }
    default:
      throw new QueryError(`Filter not supported by value \`${f.name}\`: \`${op}\``);
  }
}

function childFilter(
  b: Builder,
  model: EntityModel,
  alias: string,
  f: FieldModel,
  inner: EntityFilter,
): string {
  if (f.type.kind !== "reference") {
    throw new QueryError(`Filter not supported by value \`${f.name}_\`: it is not a reference`);
  }
  const targets = concreteTypes(b.schema, f.type.name);
  if (targets.length === 0) return "0";
  const col = `${alias}.${columnName(f.name)}`;
  if (f.derivedFrom === null) {
    const idType = f.type.idType;
    const asJson = f.list;
    const subqueries = targets.map((target) => {
      const c = b.alias();
      const id = asJson ? idAsJson(`${c}.id`, idType) : `${c}.id`;
      return `SELECT ${id} FROM ${tableName(target.name)} ${c} WHERE ${b.visible(c)} AND ${filterSql(b, target, c, inner)}`;
    });
    const union = subqueries.join(" UNION ALL ");
    if (!f.list) return `${col} IN (${union})`;
    return `EXISTS (SELECT 1 FROM json_each(${col}) j WHERE j.value IN (${union}))`;
  }
  const backName = f.derivedFrom;
  const parts = targets.map((target) => {
    const back = field(target, backName);
    const c = b.alias();
    const backCol = `${c}.${columnName(back.name)}`;
    if (!back.list) {
      return `${alias}.id IN (SELECT ${backCol} FROM ${tableName(target.name)} ${c} WHERE ${b.visible(c)} AND ${filterSql(b, target, c, inner)})`;
    }
    return `EXISTS (SELECT 1 FROM ${tableName(target.name)} ${c}, json_each(${backCol}) j WHERE ${b.visible(c)} AND j.value = ${idAsJson(`${alias}.id`, model.idType)} AND ${filterSql(b, target, c, inner)})`;
  });
  return parts.length === 1 ? (parts[0] ?? "0") : `(${parts.join(" OR ")})`;
}

function filterSql(b: Builder, model: EntityModel, alias: string, filter: EntityFilter): string {
  switch (filter.kind) {
    case "and":
    case "or": {
      // As Postgres in graph-node: an empty `and` holds, an empty `or` does not.
      if (filter.filters.length === 0) return filter.kind === "and" ? "1" : "0";
      const parts = filter.filters.map((f) => filterSql(b, model, alias, f));
      return `(${parts.join(filter.kind === "and" ? " AND " : " OR ")})`;
    }
    case "changedSince":
      return `${alias}.block_from >= ${b.param(filter.block)}`;
    case "child":
      return childFilter(b, model, alias, field(model, filter.field), filter.filter);
    case "compare": {
      const f = field(model, filter.field);
      if (f.derivedFrom !== null) {
        throw new QueryError(`Filter not supported by value \`${f.name}\`: \`${filter.op}\``);
      }
      const col = `${alias}.${columnName(f.name)}`;
      return f.list
        ? listCompare(b, col, f, filter.op, filter.value)
        : scalarCompare(b, col, f, filter.op, filter.value);
    }
  }
}

interface SortKey {
  readonly expr: string;
  /** Whether NULLs can occur, so that Postgres' NULL placement must be imitated (which costs the index). */
  readonly nullable: boolean;
}

/** A column's sort expression; enums sort in declaration order, like graph-node's Postgres enum types. */
function sortColumn(b: Builder, f: FieldModel, col: string): string {
  if (f.type.kind !== "enum" || f.list) return col;
  const values = b.schema.enums.get(f.type.name)?.values ?? [];
  // Enum value names are GraphQL names, safe to inline.
  return `CASE ${col} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(" ")} END`;
}

function sortKey(b: Builder, model: EntityModel, alias: string, orderBy: string | null): SortKey {
  if (orderBy === null || orderBy === "id") return { expr: `${alias}.id`, nullable: false };
  const split = orderBy.indexOf("__");
  if (split < 0) {
    const f = field(model, orderBy);
    if (f.derivedFrom !== null) {
      throw new QueryError(`Ordering by \`${orderBy}\` is not supported for type \`${model.name}\``);
    }
    return { expr: sortColumn(b, f, `${alias}.${columnName(f.name)}`), nullable: !f.nonNull };
  }
  const parent = field(model, orderBy.slice(0, split));
  const childName = orderBy.slice(split + 2);
  if (parent.type.kind !== "reference" || parent.list) {
    throw new QueryError(`Ordering by \`${orderBy}\` is not supported for type \`${model.name}\``);
  }
  const exprs = concreteTypes(b.schema, parent.type.name).map((target) => {
    const child = field(target, childName);
    if (child.derivedFrom !== null || child.list || child.type.kind === "reference") {
      throw new QueryError(`Ordering by \`${orderBy}\` is not supported for type \`${model.name}\``);
    }
    const c = b.alias();
    const join =
      parent.derivedFrom === null
        ? `${c}.id = ${alias}.${columnName(parent.name)}`
        : `${c}.${columnName(field(target, parent.derivedFrom).name)} = ${alias}.id`;
    return `(SELECT ${sortColumn(b, child, `${c}.${columnName(child.name)}`)} FROM ${tableName(target.name)} ${c} WHERE ${join} AND ${b.visible(c)} LIMIT 1)`;
  });
  const expr = exprs.length === 1 ? (exprs[0] ?? "NULL") : `COALESCE(${exprs.join(", ")})`;
  return { expr, nullable: true };
}

/** Rows of `model` matching `query`; each row has the table's columns plus `__sort`. */
export function compileQuery(
  schema: SchemaModel,
  model: EntityModel,
  query: EntityQuery,
  limit: number,
  offset: number,
): CompiledQuery {
  const b = new Builder(schema, query.block);
  if (query.fulltext) return compileFulltext(b, model, query, query.fulltext, limit, offset);
  const key = sortKey(b, model, "t", query.orderBy);
  const visible = b.visible("t");
  const where = query.filter ? ` AND ${filterSql(b, model, "t", query.filter)}` : "";
  const dir = query.direction === "desc" ? "DESC" : "ASC";
  // Postgres puts NULLs last ascending and first descending; SQLite does the opposite.
  const nulls = key.nullable ? (dir === "ASC" ? " NULLS LAST" : " NULLS FIRST") : "";
  const order = key.expr === "t.id" ? `t.id ${dir}` : `__sort ${dir}${nulls}, t.id ${dir}`;
  const sql = `SELECT t.*, ${key.expr} AS __sort FROM ${tableName(model.name)} t WHERE ${visible}${where} ORDER BY ${order} LIMIT ${b.param(limit)} OFFSET ${b.param(offset)}`;
  return { sql, params: b.params };
}

/**
 * A `@fulltext` search. graph-node orders by `ts_rank(…)` (or `ts_rank_cd`) in the default ascending direction,
 * then by id (relational_queries.rs `sort_expr`: the search field has no `orderDirection`), so the least
 * relevant match comes first; FTS5's bm25 is lower for better matches, so its negation ranks the same way.
 */
function compileFulltext(
  b: Builder,
  model: EntityModel,
  query: EntityQuery,
  search: { readonly name: string; readonly text: string },
  limit: number,
  offset: number,
): CompiledQuery {
  const definition = b.schema.fulltext.get(search.name);
  if (!definition || definition.entity !== model.name) {
    throw new QueryError(`Unknown fulltext search \`${search.name}\` for entity type \`${model.name}\``);
  }
  const match = tsQueryToFts5(search.text, definition.language);
  const fts = fulltextTable(definition.name);
  // Nothing left to search (only stop words): Postgres matches nothing.
  const matching = match === null ? "0" : `${fts} MATCH ${b.param(match)}`;
  const visible = b.visible("t");
  const where = query.filter ? ` AND ${filterSql(b, model, "t", query.filter)}` : "";
  const sql = `SELECT t.*, -bm25(${fts}) AS __sort FROM ${fts} JOIN ${tableName(model.name)} t ON t.vid = ${fts}.rowid WHERE ${matching} AND ${visible}${where} ORDER BY __sort ASC, t.id ASC LIMIT ${b.param(limit)} OFFSET ${b.param(offset)}`;
  return { sql, params: b.params };
}

/** The latest versions of `model` whose `field` (a reference, possibly a list) points at `idParam`. */
export function compileReferencing(model: EntityModel, f: FieldModel, idParam: Value): CompiledQuery {
  const col = `t.${columnName(f.name)}`;
  if (f.list) {
    return {
      sql: `SELECT t.* FROM ${tableName(model.name)} t WHERE t.block_to = ${OPEN_BLOCK} AND EXISTS (SELECT 1 FROM json_each(${col}) WHERE value = ?) ORDER BY t.id`,
      params: [toJsonParam(idParam)],
    };
  }
  return {
    sql: `SELECT t.* FROM ${tableName(model.name)} t WHERE t.block_to = ${OPEN_BLOCK} AND ${col} = ? ORDER BY t.id`,
    params: [toSql(idParam)],
  };
}

/**
 * A list field for many parents in one statement (`PerParentQuery`): the (parent, key) pairs joined to the
 * table, each parent's rows numbered by a window in the query's order, and each parent's page cut from its own
 * numbering. Rows come ordered by parent, then by their place on the parent's page; `__parent` is the index in
 * `pairs`' parent numbers. `pairs` may hold `(-1, NULL)` padding, which matches nothing.
 */
export function compilePerParentQuery(
  schema: SchemaModel,
  model: EntityModel,
  query: PerParentQuery,
  pairs: readonly (readonly [number, Value | null])[],
): CompiledQuery {
  const b = new Builder(schema, query.block);
  const link = query.link;
  const linkField = link.kind === "id" ? null : field(model, link.field);
  const keyParam = (value: Value | null): SqlValue => {
    if (value === null) return null;
    return link.kind === "listField" ? toJsonParam(value) : toSql(value);
  };
  const values = pairs.map(([parent, key]) => `(${b.param(parent)}, ${b.param(keyParam(key))})`).join(", ");
  const key = sortKey(b, model, "t", query.orderBy);
  const on =
    link.kind === "id"
      ? "t.id = p.key"
      : link.kind === "field"
        ? `t.${columnName(linkField?.name ?? "")} = p.key`
        : `EXISTS (SELECT 1 FROM json_each(t.${columnName(linkField?.name ?? "")}) WHERE value = p.key)`;
  const visible = b.visible("t");
  const where = query.filter ? ` AND ${filterSql(b, model, "t", query.filter)}` : "";
  const dir = query.direction === "desc" ? "DESC" : "ASC";
  const nulls = key.nullable ? (dir === "ASC" ? " NULLS LAST" : " NULLS FIRST") : "";
  const order = key.expr === "t.id" ? `s.id ${dir}` : `s.__sort ${dir}${nulls}, s.id ${dir}`;
  const inner = `SELECT t.*, ${key.expr} AS __sort, p.parent AS __parent FROM p JOIN ${tableName(model.name)} t ON ${on} WHERE ${visible}${where}`;
  const numbered = `SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.__parent ORDER BY ${order}) AS __rn FROM (${inner}) s`;
  const sql = `WITH p(parent, key) AS (VALUES ${values}) SELECT * FROM (${numbered}) WHERE __rn > ${b.param(query.skip)} AND __rn <= ${b.param(query.skip + query.first)} ORDER BY __parent, __rn`;
  return { sql, params: b.params };
}
