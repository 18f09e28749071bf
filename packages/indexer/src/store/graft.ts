// Grafting (graph-node's `graft: { base, block }`): a new subgraph starts from a copy of its base deployment's
// data as of `graft.block`, then indexes from `graft.block + 1`. Here the base is another database of this
// indexer, given by path (`--graft-base`). What is copied, as graph-node's `copy_deployment` does: every entity
// version that began at or before the graft block (versions that ended after it are open again), the data
// sources created up to it, the non-fatal errors up to it, and the kept block pointers up to it.
import { existsSync, realpathSync } from "node:fs";
import Database from "better-sqlite3";
import type { Graft } from "../manifest/model.js";
import { graftIncompatibilities } from "../schema/graft-compatibility.js";
import type { SchemaModel } from "../schema/model.js";
import { parseSchema } from "../schema/parse.js";
import type { BlockPtr, IndexingError } from "../types.js";
import { StoreError } from "./errors.js";
import { columnName, LAYOUT_VERSION, OPEN_BLOCK, storedFields, tableName } from "./layout.js";

/** A graft that cannot be made; the message says why and what to change. */
export class GraftError extends StoreError {
  override readonly name = "GraftError";
}

/** What a base database holds that the graft checks need. */
export interface GraftBase {
  readonly path: string;
  readonly schema: SchemaModel;
  readonly deployment: string;
  readonly head: BlockPtr | null;
  readonly fatalError: IndexingError | null;
  /** The base's block pointer at the graft block, when it kept one. */
  readonly graftPtr: BlockPtr | null;
  /** The templates of the data sources the base created up to the graft block. */
  readonly templates: ReadonlySet<string>;
}

/** The graft recorded in a grafted store (`_meta.graft`). */
export interface GraftRecord {
  readonly base: string;
  readonly block: number;
  /** The base database the data came from. */
  readonly from: string;
}

/** Reads the base database at `path` (read-only) for a graft at `graft.block`. */
export function readGraftBase(path: string, graft: Graft): GraftBase {
  if (!existsSync(path)) throw new GraftError(`graft base database ${path} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new GraftError(`cannot open graft base database ${path}: ${(error as Error).message}`);
  }
  try {
    const meta = (key: string): string | null => {
      try {
        const row = db.prepare("SELECT value FROM _meta WHERE key = ?").get(key) as
          | { value: string }
          | undefined;
        return row?.value ?? null;
      } catch {
        return null;
      }
    };
    const layout = meta("layout_version");
    if (layout === null) {
      throw new GraftError(`graft base ${path} is not a dmex-indexer database`);
    }
    if (layout !== LAYOUT_VERSION) {
      throw new GraftError(
        `graft base ${path} has table layout ${layout}, this version needs ${LAYOUT_VERSION}`,
      );
    }
    const sdl = meta("schema_sdl");
    if (sdl === null) {
      throw new GraftError(
        `graft base ${path} does not record its schema (it was made by an older dmex-indexer); index the base ` +
          "again with this version to graft onto it",
      );
    }
    const head = meta("head");
    const fatal = meta("fatal_error");
    const ptrRow = db.prepare("SELECT * FROM _blocks WHERE number = ?").get(graft.block) as
      | Record<string, unknown>
      | undefined;
    const templates = db
      .prepare("SELECT DISTINCT template FROM _data_sources WHERE creation_block <= ?")
      .all(graft.block) as { template: string }[];
    return {
      path,
      schema: parseSchema(sdl),
      deployment: meta("deployment") ?? "",
      head: head === null ? null : (JSON.parse(head) as BlockPtr),
      fatalError: fatal === null ? null : (JSON.parse(fatal) as IndexingError),
      graftPtr:
        ptrRow === undefined
          ? null
          : {
              number: Number(ptrRow.number),
              hash: String(ptrRow.hash),
              parentHash: String(ptrRow.parent_hash),
              timestamp: Number(ptrRow.timestamp),
            },
      templates: new Set(templates.map((t) => t.template)),
    };
  } finally {
    db.close();
  }
}

/**
 * graph-node's checks of a graft base (`Graft::validate`, `Layout::can_copy_from`, the template map of the
 * data source copy), with its messages; `templates` are the new subgraph's template names.
 */
export function checkGraftBase(
  base: GraftBase,
  graft: Graft,
  schema: SchemaModel,
  templates: ReadonlySet<string>,
  dbPath: string,
): void {
  const name = `\`${graft.base}\` (${base.path})`;
  if (dbPath !== ":memory:" && existsSync(dbPath) && realpathSync(dbPath) === realpathSync(base.path)) {
    throw new GraftError(`the graft base ${base.path} is this subgraph's own database`);
  }
  const head = base.head;
  if (head === null) {
    throw new GraftError(`failed to graft onto ${name} since it has not processed any blocks`);
  }
  if (base.fatalError !== null) {
    if (graft.block >= head.number) {
      throw new GraftError(
        `failed to graft onto ${name} at block ${graft.block} since it's not healthy (it failed at block ` +
          `${base.fatalError.blockNumber}). You can graft it starting at block ${head.number - 1} backwards`,
      );
    }
  } else if (head.number < graft.block) {
    throw new GraftError(
      `failed to graft onto ${name} at block ${graft.block} since it has only processed block ${head.number}`,
    );
  }
  const problems = graftIncompatibilities(schema, base.schema);
  if (problems.length > 0) {
    throw new GraftError(`the schema is not compatible with the graft base ${name}: ${problems.join("; ")}`);
  }
  for (const template of base.templates) {
    if (!templates.has(template)) {
      throw new GraftError(
        `the graft base ${name} created data sources of template ${template} up to block ${graft.block}, ` +
          "but this subgraph has no template of that name",
      );
    }
  }
}

/**
 * Copies the base's data as of `ptr` (the graft block) into the empty store `db`, in one transaction, and
 * makes `ptr` the head. The base is attached read-only for the copy.
 */
export function copyGraftBase(
  db: Database.Database,
  schema: SchemaModel,
  base: GraftBase,
  ptr: BlockPtr,
  record: GraftRecord,
): void {
  const block = ptr.number;
  db.prepare("ATTACH DATABASE ? AS graft_base").run(base.path);
  try {
    db.transaction(() => {
      for (const entity of schema.entities.values()) {
        const source = base.schema.entities.get(entity.name);
        if (source === undefined) continue;
        const sourceFields = new Set(storedFields(source).map((f) => f.name));
        const fields = storedFields(entity)
          .filter((f) => sourceFields.has(f.name))
          .map((f) => columnName(f.name));
        const columns = ["block_from", "block_to", "id", ...fields].join(", ");
        const selected = [
          "block_from",
          `CASE WHEN block_to > ${block} THEN ${OPEN_BLOCK} ELSE block_to END`,
          "id",
          ...fields,
        ].join(", ");
        const from = `graft_base.${tableName(entity.name)}`;
        db.prepare(
          `INSERT INTO main.${tableName(entity.name)} (${columns}) SELECT ${selected} FROM ${from} WHERE block_from <= ? ORDER BY vid`,
        ).run(block);
      }
      db.prepare(
        "INSERT INTO main._blocks (number, hash, parent_hash, timestamp) SELECT number, hash, parent_hash, timestamp FROM graft_base._blocks WHERE number <= ?",
      ).run(block);
      db.prepare(
        "INSERT OR REPLACE INTO main._blocks (number, hash, parent_hash, timestamp) VALUES (?, ?, ?, ?)",
      ).run(ptr.number, ptr.hash, ptr.parentHash, ptr.timestamp);
      db.prepare(
        "INSERT INTO main._data_sources (template, params, context, creation_block) SELECT template, params, context, creation_block FROM graft_base._data_sources WHERE creation_block <= ? ORDER BY vid",
      ).run(block);
      db.prepare(
        "INSERT INTO main._errors (block_number, block_hash, message, handler, deterministic) SELECT block_number, block_hash, message, handler, deterministic FROM graft_base._errors WHERE block_number <= ? ORDER BY vid",
      ).run(block);
      const set = db.prepare("INSERT OR REPLACE INTO main._meta (key, value) VALUES (?, ?)");
      const pruned = db.prepare("SELECT value FROM graft_base._meta WHERE key = 'pruned_below'").get() as
        | { value: string }
        | undefined;
      // Pointers the base no longer kept are not here either: a reorg below them cannot be reverted.
      if (pruned !== undefined) set.run("pruned_below", String(Math.min(Number(pruned.value), block)));
      set.run("head", JSON.stringify(ptr));
      set.run("graft", JSON.stringify(record));
    })();
  } finally {
    db.prepare("DETACH DATABASE graft_base").run();
  }
}
