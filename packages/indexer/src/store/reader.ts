// Reads committed entity versions: by id at a block, by query, and the latest versions pointing at an entity.
import type Database from "better-sqlite3";
import type { EntityModel, SchemaModel } from "../schema/model.js";
import type { EntityData, EntityKey, Value } from "../types.js";
import { fromSql, keyToSql, sqlToKey, toSql } from "./codec.js";
import { QueryError } from "./errors.js";
import { OPEN_BLOCK, storedFields, tableName } from "./layout.js";
import type { EntityQuery, EntityRow, PerParentQuery } from "./query-model.js";
import { compilePerParentQuery, compileQuery, compileReferencing, concreteTypes } from "./query-sql.js";

type Row = Record<string, unknown>;

const STATEMENT_CACHE_SIZE = 500;
/** Ids bound in one `IN (…)` list: far below SQLite's 32,766 variables, and a power of two (see `getMany`). */
const MAX_IDS_PER_STATEMENT = 512;
/** (parent, key) pairs bound in one per-parent statement (two variables each), a power of two as above. */
const MAX_PAIRS_PER_STATEMENT = 256;
/** Rows read between two calls of a per-parent read's checkpoint (which may stop it: the query time limit). */
const ROWS_PER_CHECKPOINT = 256;

export class EntityReader {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly latestStatements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly schema: SchemaModel,
  ) {}

  /** A prepared statement that reads integers as `bigint`, so that Int8 and Timestamp values stay exact. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).safeIntegers(true);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next();
        if (!oldest.done) this.statements.delete(oldest.value);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }

  clearStatements(): void {
    this.statements.clear();
    this.latestStatements.clear();
  }

  decode(model: EntityModel, row: Row): EntityData {
    const data: EntityData = new Map();
    const idField = model.fieldsByName.get("id");
    if (idField) data.set("id", fromSql(row.id, idField));
    for (const field of storedFields(model)) {
      const raw = row[`f_${field.name}`];
      if (raw !== null && raw !== undefined) data.set(field.name, fromSql(raw, field));
    }
    return data;
  }

  /** The version of an entity (of a concrete type or an interface) at `block`; `null` when absent. */
  get(entity: string, id: EntityKey, block: number): EntityRow | null {
    for (const model of concreteTypes(this.schema, entity)) {
      const row = this.statement(
        `SELECT * FROM ${tableName(model.name)} WHERE id = ? AND block_from <= ? AND block_to > ?`,
      ).get(keyToSql(model.idType, id), block, block) as Row | undefined;
      if (row) return { entity: model.name, id, data: this.decode(model, row) };
    }
    return null;
  }

  /**
   * The versions of several entities (of a concrete type or an interface) at `block`, by id: one statement per
   * concrete type and chunk of ids instead of one per id. Absent ids are absent from the map.
   */
  getMany(entity: string, ids: readonly EntityKey[], block: number): Map<EntityKey, EntityRow> {
    const found = new Map<EntityKey, EntityRow>();
    let missing = [...new Set(ids)];
    for (const model of concreteTypes(this.schema, entity)) {
      if (missing.length === 0) break;
      const table = tableName(model.name);
      for (let start = 0; start < missing.length; start += MAX_IDS_PER_STATEMENT) {
        const chunk = missing.slice(start, start + MAX_IDS_PER_STATEMENT);
        // Chunks padded (with their last id) to a power of two: a handful of statement texts to prepare and
        // cache, whatever the number of ids.
        let width = 1;
        while (width < chunk.length) width *= 2;
        const params = chunk.map((id) => keyToSql(model.idType, id));
        const last = params[params.length - 1];
        while (last !== undefined && params.length < width) params.push(last);
        const rows = this.statement(
          `SELECT * FROM ${table} WHERE id IN (${params.map(() => "?").join(", ")}) AND block_from <= ? AND block_to > ?`,
        ).all(...params, block, block) as Row[];
        for (const row of rows) {
          const id = sqlToKey(model.idType, row.id);
          found.set(id, { entity: model.name, id, data: this.decode(model, row) });
        }
      }
      missing = missing.filter((id) => !found.has(id));
    }
    return found;
  }

  /** Whether the type's table holds any version at all. */
  hasRows(model: EntityModel): boolean {
    return this.statement(`SELECT 1 FROM ${tableName(model.name)} LIMIT 1`).get() !== undefined;
  }

  /** The current version of an entity, as mappings see it. */
  latest(model: EntityModel, id: EntityKey): EntityData | null {
    // Handlers call this once per `store.set`/`store.get`: its statement is kept per type, not looked up by text.
    let statement = this.latestStatements.get(model.name);
    if (statement === undefined) {
      statement = this.db
        .prepare(`SELECT * FROM ${tableName(model.name)} WHERE id = ? AND block_to = ${OPEN_BLOCK}`)
        .safeIntegers(true);
      this.latestStatements.set(model.name, statement);
    }
    const row = statement.get(keyToSql(model.idType, id)) as Row | undefined;
    return row ? this.decode(model, row) : null;
  }

  /** The current versions of `model` whose reference field `field` points at `id`. */
  referencing(model: EntityModel, field: string, id: Value): Map<EntityKey, EntityData> {
    const f = model.fieldsByName.get(field);
    const result = new Map<EntityKey, EntityData>();
    if (!f) return result;
    const { sql, params } = compileReferencing(model, f, id);
    for (const row of this.statement(sql).all(...params) as Row[]) {
      result.set(sqlToKey(model.idType, row.id), this.decode(model, row));
    }
    return result;
  }

  query(query: EntityQuery): EntityRow[] {
    const models = concreteTypes(this.schema, query.entity);
    if (models.length === 1 && models[0]) {
      return this.run(models[0], query, query.first, query.skip).map((r) => r.row);
    }
    // An interface: page each implementation up to `skip + first` and merge, as the sort order is global.
    const merged = models.flatMap((model) => this.run(model, query, query.first + query.skip, 0));
    const sign = query.direction === "desc" ? -1 : 1;
    merged.sort((a, b) => {
      const bySort = compareSortValues(a.sort, b.sort, query.direction);
      return bySort !== 0 ? bySort : sign * compareSqlValues(a.rawId, b.rawId);
    });
    return merged.slice(query.skip, query.skip + query.first).map((r) => r.row);
  }

  /**
   * A list field for many parents (`PerParentQuery`) of one concrete type, in one statement per chunk of
   * (parent, key) pairs instead of one per parent: `result[i]` is parent `i`'s page. `checkpoint` is called
   * between chunks and every few hundred rows, and may throw to stop the read (the statement is closed).
   */
  queryPerParent(query: PerParentQuery, checkpoint: () => void = () => {}): EntityRow[][] {
    const [model, ...others] = concreteTypes(this.schema, query.entity);
    if (!model || others.length > 0) {
      throw new QueryError(`per-parent reads need a concrete entity type, not \`${query.entity}\``);
    }
    const result: EntityRow[][] = query.parents.map(() => []);
    const pairs: (readonly [number, Value | null])[] = [];
    for (const [parent, keys] of query.parents.entries()) {
      const seen = new Set<string>();
      for (const key of keys) {
        const text = JSON.stringify(toSql(key), (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
        if (key.kind === "Null" || seen.has(text)) continue;
        seen.add(text);
        pairs.push([parent, key]);
      }
    }
    if (query.first === 0) return result;
    for (let start = 0; start < pairs.length; start += MAX_PAIRS_PER_STATEMENT) {
      checkpoint();
      const chunk = pairs.slice(start, start + MAX_PAIRS_PER_STATEMENT);
      let width = 1;
      while (width < chunk.length) width *= 2;
      while (chunk.length < width) chunk.push([-1, null]);
      const { sql, params } = compilePerParentQuery(this.schema, model, query, chunk);
      let read = 0;
      try {
        for (const raw of this.statement(sql).iterate(...params)) {
          const row = raw as Row;
          const id = sqlToKey(model.idType, row.id);
          result[Number(row.__parent)]?.push({ entity: model.name, id, data: this.decode(model, row) });
          read += 1;
          if (read % ROWS_PER_CHECKPOINT === 0) checkpoint();
        }
      } catch (error) {
        // The checkpoint's own error (the time limit) goes through as it is.
        if (error instanceof Error && error.name === "SqliteError") {
          throw new QueryError(`Store error: ${error.message}`);
        }
        throw error;
      }
    }
    return result;
  }

  private run(
    model: EntityModel,
    query: EntityQuery,
    limit: number,
    offset: number,
  ): { row: EntityRow; sort: unknown; rawId: unknown }[] {
    const { sql, params } = compileQuery(this.schema, model, query, limit, offset);
    let rows: Row[];
    try {
      rows = this.statement(sql).all(...params) as Row[];
    } catch (error) {
      throw new QueryError(`Store error: ${error instanceof Error ? error.message : String(error)}`);
    }
    return rows.map((row) => {
      const id = sqlToKey(model.idType, row.id);
      return {
        row: { entity: model.name, id, data: this.decode(model, row) },
        sort: row.__sort,
        rawId: row.id,
      };
    });
  }
}

/** SQLite's BINARY order for the values a column yields (numbers, text as UTF-8 bytes, blobs). */
export function compareSqlValues(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return 0;
}

/** Postgres' order: NULLs last ascending, first descending. */
function compareSortValues(a: unknown, b: unknown, direction: "asc" | "desc"): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return (aNull ? 1 : -1) * (direction === "desc" ? -1 : 1);
  }
  const cmp = compareSqlValues(a, b);
  return direction === "desc" ? -cmp : cmp;
}
