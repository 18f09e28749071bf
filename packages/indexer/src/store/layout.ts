// Table layout. Each entity type has one table with a row per entity version: `block_from` (inclusive) and
// `block_to` (exclusive; OPEN while the version is current), the `id` and one typed column per stored field
// (lists as JSON text). Bookkeeping tables start with `_`.
import type { EntityModel, FieldModel, IdType, SchemaModel } from "../schema/model.js";
import { expectedKind } from "./codec.js";

/** `block_to` of versions that are still current; graph-node block numbers are i32. */
export const OPEN_BLOCK = 2_147_483_647;

export const LAYOUT_VERSION = "1";

export function tableName(entity: string): string {
  return `"e_${entity}"`;
}

export function columnName(field: string): string {
  return field === "id" ? "id" : `"f_${field}"`;
}

/** The fields that have a column: everything but `id` and `@derivedFrom` fields. */
export function storedFields(model: EntityModel): FieldModel[] {
  return model.fields.filter((f) => f.name !== "id" && f.derivedFrom === null);
}

function idSqlType(idType: IdType): string {
  return idType === "String" ? "TEXT" : idType === "Bytes" ? "BLOB" : "INTEGER";
}

function columnSqlType(field: FieldModel): string {
  if (field.list) return "TEXT";
  switch (expectedKind(field.type)) {
    case "Bytes":
      return "BLOB";
    case "Int":
    case "Int8":
    case "Timestamp":
    case "Bool":
      return "INTEGER";
    default:
      return "TEXT";
  }
}

export function bookkeepingDdl(): string[] {
  return [
    "CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    `CREATE TABLE IF NOT EXISTS _blocks (
       number INTEGER PRIMARY KEY, hash TEXT NOT NULL, parent_hash TEXT NOT NULL, timestamp INTEGER NOT NULL)`,
    "CREATE INDEX IF NOT EXISTS _blocks_hash ON _blocks(hash)",
    `CREATE TABLE IF NOT EXISTS _data_sources (
       vid INTEGER PRIMARY KEY, template TEXT NOT NULL, params TEXT NOT NULL, context TEXT,
       creation_block INTEGER NOT NULL)`,
    "CREATE INDEX IF NOT EXISTS _data_sources_block ON _data_sources(creation_block)",
    `CREATE TABLE IF NOT EXISTS _errors (
       vid INTEGER PRIMARY KEY, block_number INTEGER NOT NULL, block_hash TEXT NOT NULL, message TEXT NOT NULL,
       handler TEXT, deterministic INTEGER NOT NULL)`,
  ];
}

/** One current version per id; closing a version and reading by id both go through this index. */
function idIndex(model: EntityModel): IndexDdl {
  const name = `"e_${model.name}__id"`;
  return { name, ddl: `CREATE UNIQUE INDEX IF NOT EXISTS ${name} ON ${tableName(model.name)}(id, block_to)` };
}

/** A secondary index of an entity table: its quoted name and the statement that creates it. */
export interface IndexDdl {
  readonly name: string;
  readonly ddl: string;
}

/**
 * The indexes of an entity table that a batch's writes never read: reads by id, reverts and queries use them,
 * inserts and version closes do not. A large batch may drop and rebuild them (see bulk-indexes.ts). Closing a
 * version of a mutable entity finds it by id: there the id index stays.
 */
export function rebuildableIndexes(model: EntityModel): IndexDdl[] {
  const table = tableName(model.name);
  const index = (suffix: string, on: string): IndexDdl => {
    const name = `"e_${model.name}${suffix}"`;
    return { name, ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${table}${on}` };
  };
  // Immutable entities are never closed: their inserts do not look up ids either.
  const indexes: IndexDdl[] = model.immutable ? [idIndex(model)] : [];
  indexes.push(index("__from", "(block_from)"));
  for (const field of storedFields(model)) {
    if (field.list) continue;
    indexes.push(index(`_${field.name}`, `(${columnName(field.name)}, id)`));
  }
  return indexes;
}

export function entityDdl(model: EntityModel): string[] {
  const table = tableName(model.name);
  const columns = storedFields(model).map((f) => `${columnName(f.name)} ${columnSqlType(f)}`);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${table} (
       vid INTEGER PRIMARY KEY,
       block_from INTEGER NOT NULL,
       block_to INTEGER NOT NULL DEFAULT ${OPEN_BLOCK},
       id ${idSqlType(model.idType)} NOT NULL${columns.map((c) => `,\n       ${c}`).join("")})`,
  ];
  if (!model.immutable) {
    statements.push(idIndex(model).ddl);
    // Only closed versions: reverts find what to reopen without a scan, and inserts (open) skip this index.
    statements.push(
      `CREATE INDEX IF NOT EXISTS "e_${model.name}__to" ON ${table}(block_to) WHERE block_to <> ${OPEN_BLOCK}`,
    );
  }
  for (const index of rebuildableIndexes(model)) statements.push(index.ddl);
  return statements;
}

export function schemaDdl(schema: SchemaModel): string[] {
  return [...bookkeepingDdl(), ...[...schema.entities.values()].flatMap(entityDdl)];
}
