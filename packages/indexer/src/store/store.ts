// The embedded store: one SQLite file (WAL) with versioned entity tables and the subgraph's bookkeeping.
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import {
  type AggregationInterval,
  bucketEntityName,
  type EntityModel,
  type SchemaModel,
} from "../schema/model.js";
import type { BlockPtr, DynamicDataSource, EntityData, EntityKey, IndexingError } from "../types.js";
import { type BatchHost, normalizeKey, type PendingBlock, StoreBatch } from "./batch.js";
import { deferIndexes } from "./bulk-indexes.js";
import { bytesToHex, keyToSql, type SqlValue, toSql } from "./codec.js";
import { SchemaMismatchError, StoreError } from "./errors.js";
import { fulltextDdl } from "./fulltext.js";
import { copyGraftBase, type GraftBase, type GraftRecord } from "./graft.js";
import { entityDataFromJson, entityDataToJson } from "./json-value.js";
import { columnName, LAYOUT_VERSION, OPEN_BLOCK, schemaDdl, storedFields, tableName } from "./layout.js";
import type { EntityQuery, EntityRow } from "./query-model.js";
import { EntityReader } from "./reader.js";
import { Rollups } from "./rollup.js";

export interface StoreOptions {
  /** The database file (created with its directory on first use), or `:memory:`. */
  readonly path: string;
  readonly schema: SchemaModel;
  /** The deployment id `_meta` reports and errors name; kept from the last open when omitted. */
  readonly deployment?: string;
  /** How many block pointers below the head to keep for reorg detection and `block: { hash }` queries. */
  readonly blockRetention?: number;
  /**
   * The schema's SDL text, recorded in the database so that a subgraph grafting onto this one can check its
   * schema against it (src/store/graft.ts).
   */
  readonly schemaText?: string;
  /** Called with the text of every SQL statement the store runs (tests count them). */
  readonly onStatement?: (sql: string) => void;
}

export type Health = "healthy" | "unhealthy" | "failed";

export interface SubgraphMeta {
  readonly deployment: string;
  readonly head: BlockPtr | null;
  readonly synced: boolean;
  readonly health: Health;
  /** A fatal error, or skipped non-fatal errors, at some block the store still holds. */
  readonly hasIndexingErrors: boolean;
  readonly fatalError: IndexingError | null;
}

/** Every row of the store in a canonical order, for comparing two stores. */
export interface StoreDump {
  readonly head: BlockPtr | null;
  readonly entities: Record<string, Record<string, unknown>[]>;
  readonly blocks: BlockPtr[];
  readonly dataSources: DynamicDataSource[];
  readonly errors: IndexingError[];
}

interface EntityWriteStatements {
  readonly model: EntityModel;
  readonly fields: readonly string[];
  readonly insert: Database.Statement;
  readonly close: Database.Statement;
}

type Row = Record<string, unknown>;

const DEFAULT_BLOCK_RETENTION = 10_000;

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return bytesToHex(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

export class Store implements BatchHost {
  readonly reader: EntityReader;
  private readonly writes = new Map<string, EntityWriteStatements>();
  private headPtr: BlockPtr | null;
  private openBatch: StoreBatch | null = null;
  /** Whether `batch()` began the transaction that is open now. */
  private batchTransaction = false;
  private readonly retention: number;
  private deploymentId: string;

  constructor(
    private readonly db: Database.Database,
    readonly schema: SchemaModel,
    readonly path: string,
    deployment: string,
    retention: number,
  ) {
    this.reader = new EntityReader(db, schema);
    this.retention = retention;
    this.deploymentId = deployment;
    this.prepareWrites();
    const head = this.getMeta("head");
    this.headPtr = head ? (JSON.parse(head) as BlockPtr) : null;
  }

  private prepareWrites(): void {
    this.writes.clear();
    for (const model of this.schema.entities.values()) {
      const fields = storedFields(model).map((f) => f.name);
      const columns = ["block_from", "id", ...fields.map(columnName)];
      this.writes.set(model.name, {
        model,
        fields,
        insert: this.db.prepare(
          `INSERT INTO ${tableName(model.name)} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        ),
        close: this.db.prepare(
          `UPDATE ${tableName(model.name)} SET block_to = ? WHERE id = ? AND block_to = ${OPEN_BLOCK}`,
        ),
      });
    }
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM _meta WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row ? row.value : null;
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.db.prepare("DELETE FROM _meta WHERE key = ?").run(key);
    else this.db.prepare("INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)").run(key, value);
  }

  get deployment(): string {
    return this.deploymentId;
  }

  // ---- writing -------------------------------------------------------------------------------------------

  /**
   * Starts a batch; only one may be open at a time. The batch holds a read transaction until it is committed or
   * discarded: handlers read the store once per `store.set`/`store.get`, and outside a transaction each read
   * opens and closes its own (WAL locks: several times the cost of the lookup). Writes other code makes while
   * the batch is open join that transaction and are committed with the batch, or when it is discarded.
   */
  batch(): StoreBatch {
    if (this.openBatch) throw new StoreError("a batch is already open; commit or discard it first");
    const batch = new StoreBatch(this);
    if (!this.db.inTransaction) {
      this.db.exec("BEGIN");
      this.batchTransaction = true;
    }
    this.openBatch = batch;
    return batch;
  }

  headNumber(): number | null {
    return this.headPtr?.number ?? null;
  }

  batchClosed(batch: StoreBatch): void {
    if (this.openBatch !== batch) return;
    this.openBatch = null;
    // A discarded batch wrote nothing itself (its writes wait for `commitBatch`): ending the transaction
    // keeps whatever other code wrote meanwhile.
    this.endBatchTransaction();
  }

  /** Commits the transaction `batch()` began, if it is still open. */
  private endBatchTransaction(): void {
    if (!this.batchTransaction) return;
    this.batchTransaction = false;
    if (!this.db.inTransaction) return;
    try {
      this.db.exec("COMMIT");
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }

  commitBatch(
    blocks: readonly PendingBlock[],
    errors: readonly IndexingError[],
    head: BlockPtr | null,
  ): void {
    const insertBlock = this.db.prepare(
      "INSERT OR REPLACE INTO _blocks (number, hash, parent_hash, timestamp) VALUES (?, ?, ?, ?)",
    );
    const insertSource = this.db.prepare(
      "INSERT INTO _data_sources (template, params, context, creation_block) VALUES (?, ?, ?, ?)",
    );
    const insertError = this.db.prepare(
      "INSERT INTO _errors (block_number, block_hash, message, handler, deterministic) VALUES (?, ?, ?, ?, ?)",
    );
    const write = this.db.transaction(() => {
      const rebuild = this.deferIndexes(blocks);
      for (const block of blocks) {
        const number = block.ptr.number;
        for (const [entity, ops] of block.ops) {
          const statements = this.writes.get(entity);
          if (!statements) throw new StoreError(`unknown entity type \`${entity}\``);
          const { model, fields, insert, close } = statements;
          for (const [key, op] of ops) {
            const id = keyToSql(model.idType, key);
            if (op.existed && !model.immutable) close.run(number, id);
            const data = op.data;
            if (data) {
              const values: SqlValue[] = new Array(fields.length + 2);
              values[0] = number;
              values[1] = id;
              for (let i = 0; i < fields.length; i++) {
                const value = data.get(fields[i] ?? "");
                values[i + 2] = value ? toSql(value) : null;
              }
              insert.run(values);
            }
          }
        }
        insertBlock.run(number, block.ptr.hash, block.ptr.parentHash, block.ptr.timestamp);
        for (const source of block.created) {
          insertSource.run(
            source.template,
            JSON.stringify(source.params),
            source.context ? entityDataToJson(source.context) : null,
            source.creationBlock,
          );
        }
      }
      for (const error of errors) {
        insertError.run(
          error.blockNumber,
          error.blockHash,
          error.message,
          error.handler,
          error.deterministic ? 1 : 0,
        );
      }
      for (const create of rebuild) create();
      if (head) {
        insertBlock.run(head.number, head.hash, head.parentHash, head.timestamp);
        this.setMeta("head", JSON.stringify(head));
        const keepFrom = head.number - this.retention;
        const pruned = this.db.prepare("DELETE FROM _blocks WHERE number < ?").run(keepFrom);
        if (pruned.changes > 0) this.setMeta("pruned_below", String(keepFrom));
      }
    });
    // Within the batch's transaction this is a savepoint: a failure undoes the batch's writes only.
    write();
    // The batch's writes are durable (and visible to other connections) once its transaction commits.
    this.endBatchTransaction();
    if (head) this.headPtr = head;
  }

  /** Drops the indexes of the tables `blocks` bulk-load; returns what creates them again. */
  private deferIndexes(blocks: readonly PendingBlock[]): (() => void)[] {
    const inserts = new Map<string, number>();
    for (const block of blocks) {
      for (const [entity, ops] of block.ops) {
        let rows = 0;
        for (const op of ops.values()) if (op.data) rows++;
        inserts.set(entity, (inserts.get(entity) ?? 0) + rows);
      }
    }
    const rebuild: (() => void)[] = [];
    for (const [entity, rows] of inserts) {
      const model = this.schema.entities.get(entity);
      const create = model ? deferIndexes(this.db, model, rows) : null;
      if (create) rebuild.push(create);
    }
    return rebuild;
  }

  /**
   * Undoes every block above `blockNumber`: entity versions, data sources, errors and block pointers. The head
   * becomes the latest kept block pointer at or below it.
   */
  revertTo(blockNumber: number): void {
    if (this.openBatch) throw new StoreError("cannot revert while a batch is open");
    const prunedBelow = this.prunedBelow();
    if (prunedBelow !== null && blockNumber < prunedBelow) {
      throw new StoreError(
        `cannot revert to block ${blockNumber}: block pointers below ${prunedBelow} are no longer kept`,
      );
    }
    const revert = this.db.transaction(() => {
      for (const model of this.schema.entities.values()) {
        const table = tableName(model.name);
        this.db.prepare(`DELETE FROM ${table} WHERE block_from > ?`).run(blockNumber);
        this.db
          .prepare(
            `UPDATE ${table} SET block_to = ${OPEN_BLOCK} WHERE block_to > ? AND block_to <> ${OPEN_BLOCK}`,
          )
          .run(blockNumber);
      }
      this.db.prepare("DELETE FROM _data_sources WHERE creation_block > ?").run(blockNumber);
      this.db.prepare("DELETE FROM _errors WHERE block_number > ?").run(blockNumber);
      this.db.prepare("DELETE FROM _blocks WHERE number > ?").run(blockNumber);
      const fatal = this.fatalError();
      if (fatal && fatal.blockNumber > blockNumber) this.setMeta("fatal_error", null);
      const head = this.db
        .prepare("SELECT number, hash, parent_hash, timestamp FROM _blocks ORDER BY number DESC LIMIT 1")
        .get() as Row | undefined;
      const ptr = head ? rowToPtr(head) : null;
      this.setMeta("head", ptr ? JSON.stringify(ptr) : null);
      return ptr;
    });
    this.headPtr = revert();
  }

  /** Deletes all entities, data sources, block pointers and status; the schema stays. */
  reset(): void {
    if (this.openBatch) throw new StoreError("cannot reset while a batch is open");
    const wipe = this.db.transaction(() => {
      for (const model of this.schema.entities.values())
        this.db.prepare(`DELETE FROM ${tableName(model.name)}`).run();
      for (const table of ["_blocks", "_data_sources", "_errors"])
        this.db.prepare(`DELETE FROM ${table}`).run();
      for (const key of ["head", "fatal_error", "synced", "pruned_below", "graft"]) this.setMeta(key, null);
    });
    wipe();
    this.headPtr = null;
  }

  /**
   * Fills this empty store with the graft base's data as of `ptr` (the graft block), which becomes the head
   * (src/store/graft.ts); the base's checks (`checkGraftBase`) come first.
   */
  graftFrom(base: GraftBase, ptr: BlockPtr, record: GraftRecord): void {
    if (this.openBatch) throw new StoreError("cannot graft while a batch is open");
    if (this.headPtr !== null) throw new StoreError("cannot graft onto a store that has indexed blocks");
    copyGraftBase(this.db, this.schema, base, ptr, record);
    this.headPtr = ptr;
  }

  /** The graft this store started from, null for a store that was not grafted. */
  graftRecord(): GraftRecord | null {
    const text = this.getMeta("graft");
    return text === null ? null : (JSON.parse(text) as GraftRecord);
  }

  setSynced(synced: boolean): void {
    this.setMeta("synced", synced ? "true" : "false");
  }

  /** Records why indexing stopped (`null` clears it, e.g. before a retry). */
  setFatalError(error: IndexingError | null): void {
    this.setMeta("fatal_error", error ? JSON.stringify(error) : null);
  }

  // ---- reading -------------------------------------------------------------------------------------------

  head(): BlockPtr | null {
    return this.headPtr;
  }

  fatalError(): IndexingError | null {
    const text = this.getMeta("fatal_error");
    return text ? (JSON.parse(text) as IndexingError) : null;
  }

  nonFatalErrors(): IndexingError[] {
    const rows = this.db.prepare("SELECT * FROM _errors ORDER BY block_number, vid").all() as Row[];
    return rows.map((row) => ({
      message: String(row.message),
      handler: row.handler === null ? null : String(row.handler),
      blockNumber: Number(row.block_number),
      blockHash: String(row.block_hash),
      deterministic: Number(row.deterministic) !== 0,
    }));
  }

  meta(): SubgraphMeta {
    const fatalError = this.fatalError();
    const skipped = (this.db.prepare("SELECT count(*) AS n FROM _errors").get() as { n: number }).n > 0;
    return {
      deployment: this.deploymentId,
      head: this.headPtr,
      synced: this.getMeta("synced") === "true",
      health: fatalError ? "failed" : skipped ? "unhealthy" : "healthy",
      hasIndexingErrors: fatalError !== null || skipped,
      fatalError,
    };
  }

  /** Current entities of every type, as graph-node's status API counts them (`entityCount`). */
  entityCount(): number {
    let total = 0;
    for (const model of this.schema.entities.values()) {
      const table = tableName(model.name);
      // Closed versions come from their partial index; the whole count is SQLite's fast table count.
      const row = this.db
        .prepare(
          `SELECT (SELECT count(*) FROM ${table}) - (SELECT count(*) FROM ${table} WHERE block_to <> ${OPEN_BLOCK}) AS n`,
        )
        .get() as { n: number };
      total += row.n;
    }
    return total;
  }

  blockPtr(number: number): BlockPtr | null {
    const row = this.db.prepare("SELECT * FROM _blocks WHERE number = ?").get(number) as Row | undefined;
    return row ? rowToPtr(row) : null;
  }

  blockPtrByHash(hash: string): BlockPtr | null {
    const row = this.db.prepare("SELECT * FROM _blocks WHERE hash = ?").get(hash.toLowerCase()) as
      | Row
      | undefined;
    return row ? rowToPtr(row) : null;
  }

  /** Up to `limit` kept block pointers numbered `at` or lower, newest first. */
  blockPtrsAtOrBelow(at: number, limit: number): BlockPtr[] {
    const rows = this.db
      .prepare("SELECT * FROM _blocks WHERE number <= ? ORDER BY number DESC LIMIT ?")
      .all(at, limit) as Row[];
    return rows.map(rowToPtr);
  }

  /** The block below which block pointers were dropped (`blockRetention`), null while none was. */
  prunedBelow(): number | null {
    const value = this.getMeta("pruned_below");
    return value === null ? null : Number(value);
  }

  /** The kept block pointers, newest first. */
  recentBlockPtrs(limit = 100): BlockPtr[] {
    const rows = this.db.prepare("SELECT * FROM _blocks ORDER BY number DESC LIMIT ?").all(limit) as Row[];
    return rows.map(rowToPtr);
  }

  dynamicDataSources(): DynamicDataSource[] {
    const rows = this.db.prepare("SELECT * FROM _data_sources ORDER BY creation_block, vid").all() as Row[];
    return rows.map((row) => ({
      template: String(row.template),
      params: JSON.parse(String(row.params)) as string[],
      context: row.context === null ? null : entityDataFromJson(String(row.context)),
      creationBlock: Number(row.creation_block),
    }));
  }

  /** An entity (or an interface's implementation) at `block`, by default the head. */
  get(entity: string, id: EntityKey, block?: number): EntityData | null {
    const model = this.schema.entities.get(entity);
    const key = model ? normalizeKey(model, id) : id;
    return this.reader.get(entity, key, block ?? this.headPtr?.number ?? OPEN_BLOCK - 1)?.data ?? null;
  }

  query(query: EntityQuery): EntityRow[] {
    return this.reader.query(query);
  }

  /**
   * The current, open buckets of `aggregation`'s `interval` at `block` (graph-node's `current: include`): the
   * points not rolled up by then, aggregated as the rollup will aggregate them.
   */
  currentBuckets(aggregation: string, interval: AggregationInterval, block: number): EntityRow[] {
    const model = this.schema.aggregations.get(aggregation);
    if (!model) throw new StoreError(`unknown aggregation \`${aggregation}\``);
    const rollups = new Rollups(
      {
        schema: this.schema,
        reader: this.reader,
        pending: () => undefined,
        write: () => {
          throw new StoreError("a query does not write buckets");
        },
      },
      block,
    );
    const entity = bucketEntityName(aggregation, interval);
    return rollups.current(model, interval).map((data) => {
      const id = data.get("id");
      return { entity, id: id?.kind === "Int8" ? id.value.toString() : "", data };
    });
  }

  dump(): StoreDump {
    const entities: Record<string, Record<string, unknown>[]> = {};
    for (const model of this.schema.entities.values()) {
      const rows = this.db
        .prepare(`SELECT * FROM ${tableName(model.name)} ORDER BY id, block_from`)
        .safeIntegers(true)
        .all() as Row[];
      entities[model.name] = rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(row)) if (column !== "vid") out[column] = plain(value);
        return out;
      });
    }
    const blocks = (this.db.prepare("SELECT * FROM _blocks ORDER BY number").all() as Row[]).map(rowToPtr);
    return {
      head: this.headPtr,
      entities,
      blocks,
      dataSources: this.dynamicDataSources(),
      errors: this.nonFatalErrors(),
    };
  }

  close(): void {
    if (!this.db.open) return;
    // SQLite's advice: refresh planner statistics where they went stale, cheaply, before closing.
    this.db.pragma("optimize");
    this.db.close();
  }
}

function rowToPtr(row: Row): BlockPtr {
  return {
    number: Number(row.number),
    hash: String(row.hash),
    parentHash: String(row.parent_hash),
    timestamp: Number(row.timestamp),
  };
}

/** Opens (creating on first use) the store at `options.path`; throws `SchemaMismatchError` for another schema. */
export function openStore(options: StoreOptions): Store {
  const { path, schema } = options;
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const onStatement = options.onStatement;
  const db = new Database(
    path,
    onStatement ? { verbose: (sql: unknown) => onStatement(String(sql)) } : undefined,
  );
  try {
    // For a new file only (SQLite ignores it once the database has pages or is in WAL mode): 16 KiB pages
    // halve the pages a batch writes (and the WAL frames its commit copies) against the 4 KiB default, with
    // the same lookup and query times.
    db.pragma("page_size = 16384");
    db.pragma("journal_mode = WAL");
    // With WAL, NORMAL keeps every commit atomic and consistent; only the last commits may be lost on power loss.
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -65536");
    db.pragma("temp_store = MEMORY");
    db.exec("CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const read = (key: string) =>
      (db.prepare("SELECT value FROM _meta WHERE key = ?").get(key) as { value: string } | undefined)
        ?.value ?? null;
    const stored = read("schema_fingerprint");
    if (stored !== null && stored !== schema.fingerprint) {
      throw new SchemaMismatchError(
        `database ${path} was created for a different schema (fingerprint ${stored.slice(0, 12)}…, this schema ${schema.fingerprint.slice(0, 12)}…); reset the store to index with the new schema`,
      );
    }
    const layout = read("layout_version");
    if (layout !== null && layout !== LAYOUT_VERSION) {
      throw new SchemaMismatchError(
        `database ${path} has table layout ${layout}, this version needs ${LAYOUT_VERSION}`,
      );
    }
    const deployment = options.deployment ?? read("deployment") ?? `local-${schema.fingerprint.slice(0, 16)}`;
    db.transaction(() => {
      for (const statement of [...schemaDdl(schema), ...fulltextDdl(schema)]) db.exec(statement);
      const set = db.prepare("INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)");
      set.run("schema_fingerprint", schema.fingerprint);
      set.run("layout_version", LAYOUT_VERSION);
      set.run("deployment", deployment);
      if (options.schemaText !== undefined) set.run("schema_sdl", options.schemaText);
    })();
    return new Store(db, schema, path, deployment, options.blockRetention ?? DEFAULT_BLOCK_RETENTION);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Deletes a store's database file and its WAL files. */
export function deleteStore(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}
