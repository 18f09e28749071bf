// A batch of blocks written in one transaction. The batch keeps its writes in memory (per block, and merged
// across blocks for reads) so that handlers see the committed state plus everything the batch wrote before.
import type { EntityModel, SchemaModel } from "../schema/model.js";
import type {
  BlockPtr,
  DynamicDataSource,
  EntityData,
  EntityKey,
  EntityWriter,
  IndexingError,
  Value,
} from "../types.js";
import { idValueToKey, keyToIdValue } from "./codec.js";
import { StoreError, StoreValidationError } from "./errors.js";
import { concreteTypes } from "./query-sql.js";
import type { EntityReader } from "./reader.js";
import { Rollups } from "./rollup.js";
import { mergeEntity } from "./validate.js";

/** One entity's write in one block: its state at the end of the block (`null`: removed). */
export interface EntityOp {
  readonly data: EntityData | null;
  /** Whether a current version existed before this block, which the write then closes. */
  readonly existed: boolean;
}

export interface PendingBlock {
  readonly ptr: BlockPtr;
  readonly ops: Map<string, Map<EntityKey, EntityOp>>;
  created: readonly DynamicDataSource[];
}

/** What a batch needs from its store. */
export interface BatchHost {
  readonly schema: SchemaModel;
  readonly reader: EntityReader;
  /** The highest block number the store or an earlier block may hold. */
  headNumber(): number | null;
  commitBatch(blocks: readonly PendingBlock[], errors: readonly IndexingError[], head: BlockPtr | null): void;
  batchClosed(batch: StoreBatch): void;
}

function copy(data: EntityData | null): EntityData | null {
  return data ? new Map(data) : null;
}

function refersTo(value: Value | undefined, key: EntityKey): boolean {
  if (!value) return false;
  if (value.kind === "Array") return value.value.some((item) => idValueToKey(item) === key);
  return idValueToKey(value) === key;
}

/** Store keys are canonical: Bytes ids lowercase hex, Int8 ids plain decimal. */
export function normalizeKey(model: EntityModel, id: EntityKey): EntityKey {
  if (model.idType === "Bytes") {
    const lower = id.toLowerCase();
    if (lower.length % 2 !== 0 || !/^0x[0-9a-f]*$/.test(lower)) {
      throw new StoreValidationError(
        model.name,
        id,
        "id",
        `Entity ${model.name}[${id}]: \`${id}\` is not a hex Bytes id`,
      );
    }
    return lower;
  }
  if (model.idType === "Int8") {
    if (!/^-?\d+$/.test(id)) {
      throw new StoreValidationError(
        model.name,
        id,
        "id",
        `Entity ${model.name}[${id}]: \`${id}\` is not an Int8 id`,
      );
    }
    return BigInt(id).toString();
  }
  return id;
}

/** What one write replaced, so a savepoint can put it back. */
interface UndoEntry {
  readonly entity: string;
  readonly key: EntityKey;
  /** The block's op for the key before the write (`undefined`: none). */
  readonly op: EntityOp | undefined;
  /** The batch's overlay for the key before the write (`undefined`: none). */
  readonly overlay: EntityData | null | undefined;
}

export class StoreBatch {
  private readonly blocks: PendingBlock[] = [];
  private current: PendingBlock | null = null;
  /** The latest state of every entity the batch wrote (`null`: removed). */
  private readonly pending = new Map<string, Map<EntityKey, EntityData | null>>();
  private readonly errors: IndexingError[] = [];
  /** Per entity type, whether its table was empty when the batch first read it. */
  private readonly emptyTables = new Map<string, boolean>();
  private state: "open" | "committed" | "discarded" = "open";
  /** The current block's undo log; only kept once a savepoint was asked for (`nonFatalErrors`). */
  private journal: UndoEntry[] | null = null;
  /** The aggregations' rollups (null without aggregations). */
  private readonly rollups: Rollups | null;
  /** The next timeseries id's sequence number in the current block (graph-node: block << 32 | sequence). */
  private timeseriesSeq = 0;

  constructor(private readonly host: BatchHost) {
    this.rollups =
      host.schema.aggregations.size === 0
        ? null
        : new Rollups({
            schema: host.schema,
            reader: host.reader,
            pending: (entity) => this.pending.get(entity),
            write: (model, key, data) => {
              if (!this.current) throw new StoreError("a rollup outside a block");
              this.record(this.current, model, key, data, null);
            },
          });
  }

  /** The number of blocks ended so far. */
  get blockCount(): number {
    return this.blocks.length;
  }

  /** The number of entity writes (sets and removes, merged per block) so far. */
  get writeCount(): number {
    let count = 0;
    for (const block of [...this.blocks, ...(this.current ? [this.current] : [])]) {
      for (const ops of block.ops.values()) count += ops.size;
    }
    return count;
  }

  private ensureOpen(): void {
    if (this.state !== "open") throw new StoreError(`the batch was already ${this.state}`);
  }

  /** Starts a block; its writes go through the returned writer until `endBlock`. */
  block(ptr: BlockPtr): EntityWriter {
    this.ensureOpen();
    if (this.current) throw new StoreError(`block ${this.current.ptr.number} was not ended`);
    const last = this.blocks.at(-1)?.ptr.number ?? this.host.headNumber();
    if (last !== null && ptr.number <= last) {
      throw new StoreError(
        `block ${ptr.number} does not follow block ${last}; revert first to write it again`,
      );
    }
    const block: PendingBlock = { ptr, ops: new Map(), created: [] };
    this.current = block;
    this.timeseriesSeq = 0;
    // Before the handlers: the buckets that ended by this block's time hold only earlier blocks' rows.
    this.rollups?.run(BigInt(ptr.timestamp) * 1_000_000n);
    return this.writer(block);
  }

  /** Ends the current block, recording the data sources its handlers created. */
  endBlock(created: readonly DynamicDataSource[] = []): void {
    this.ensureOpen();
    if (!this.current) throw new StoreError("endBlock without a block");
    this.current.created = created;
    this.blocks.push(this.current);
    this.current = null;
    this.journal = null;
  }

  /** Records an error a handler hit and the subgraph skipped over (`nonFatalErrors`). */
  nonFatalError(error: IndexingError): void {
    this.ensureOpen();
    this.errors.push(error);
  }

  /**
   * Writes every ended block in one transaction and moves the head to the last of them, or to `head` when that
   * is later (blocks without triggers need no `block()` call).
   */
  commit(head?: BlockPtr): void {
    this.ensureOpen();
    if (this.current) throw new StoreError(`block ${this.current.ptr.number} was not ended`);
    const last = this.blocks.at(-1)?.ptr ?? null;
    let newHead = last;
    if (head && (!last || head.number > last.number)) {
      const headNumber = this.host.headNumber();
      if (!last && headNumber !== null && head.number < headNumber) {
        throw new StoreError(`head ${head.number} is below the store's head ${headNumber}; revert instead`);
      }
      newHead = head;
    }
    this.host.commitBatch(this.blocks, this.errors, newHead);
    this.state = "committed";
    this.host.batchClosed(this);
  }

  /** Drops the batch's writes. */
  discard(): void {
    if (this.state !== "open") return;
    this.state = "discarded";
    this.current = null;
    this.host.batchClosed(this);
  }

  private model(entity: string, id: EntityKey): EntityModel {
    const model = this.host.schema.entities.get(entity);
    if (!model) {
      throw new StoreValidationError(
        entity,
        id,
        null,
        `Entity ${entity}[${id}]: unknown entity type \`${entity}\``,
      );
    }
    return model;
  }

  private lookup(model: EntityModel, key: EntityKey): EntityData | null {
    const found = this.pending.get(model.name)?.get(key);
    if (found !== undefined) return found;
    // Nothing writes to the entity tables while a batch is open (its own writes wait for the commit): a table
    // empty when the batch first looks stays empty, and needs no lookup per entity (a first sync's case).
    let empty = this.emptyTables.get(model.name);
    if (empty === undefined) {
      empty = !this.host.reader.hasRows(model);
      this.emptyTables.set(model.name, empty);
    }
    return empty ? null : this.host.reader.latest(model, key);
  }

  private record(
    block: PendingBlock,
    model: EntityModel,
    key: EntityKey,
    data: EntityData | null,
    before: EntityData | null,
  ): void {
    let ops = block.ops.get(model.name);
    if (!ops) {
      ops = new Map();
      block.ops.set(model.name, ops);
    }
    const prior = ops.get(key);
    let overlay = this.pending.get(model.name);
    if (!overlay) {
      overlay = new Map();
      this.pending.set(model.name, overlay);
    }
    this.journal?.push({ entity: model.name, key, op: prior, overlay: overlay.get(key) });
    ops.set(key, { data, existed: prior ? prior.existed : before !== null });
    overlay.set(key, data);
  }

  private savepoint(block: PendingBlock): () => void {
    this.journal ??= [];
    const journal = this.journal;
    const mark = journal.length;
    return () => {
      if (this.current !== block || this.journal !== journal)
        throw new StoreError(`block ${block.ptr.number} has ended; its savepoint is gone`);
      // Newest first, so a key written twice since the mark ends at its state before the first write.
      while (journal.length > mark) {
        const entry = journal.pop();
        if (entry === undefined) break;
        const ops = block.ops.get(entry.entity);
        if (entry.op === undefined) ops?.delete(entry.key);
        else ops?.set(entry.key, entry.op);
        const overlay = this.pending.get(entry.entity);
        if (entry.overlay === undefined) overlay?.delete(entry.key);
        else overlay?.set(entry.key, entry.overlay);
      }
    };
  }

  private writer(block: PendingBlock): EntityWriter {
    const active = (): void => {
      this.ensureOpen();
      if (this.current !== block)
        throw new StoreError(`block ${block.ptr.number} has ended; its writer is closed`);
    };
    const enumValues = (name: string) => this.host.schema.enums.get(name)?.values;
    return {
      get: (entity, id) => {
        active();
        const model = this.model(entity, id);
        return copy(this.lookup(model, normalizeKey(model, id)));
      },
      getInBlock: (entity, id) => {
        active();
        const model = this.model(entity, id);
        return copy(block.ops.get(entity)?.get(normalizeKey(model, id))?.data ?? null);
      },
      loadRelated: (entity, id, field) => {
        active();
        const model = this.model(entity, id);
        const key = normalizeKey(model, id);
        const derived = model.fieldsByName.get(field);
        if (derived?.derivedFrom == null || derived.type.kind !== "reference") {
          throw new StoreError(`loadRelated: \`${entity}.${field}\` is not a @derivedFrom field`);
        }
        const backName = derived.derivedFrom;
        const idValue = keyToIdValue(model.idType, key);
        const related: EntityData[] = [];
        for (const target of concreteTypes(this.host.schema, derived.type.name)) {
          const found = this.host.reader.referencing(target, backName, idValue);
          for (const [otherKey, data] of this.pending.get(target.name) ?? []) {
            if (data && refersTo(data.get(backName), key)) found.set(otherKey, data);
            else found.delete(otherKey);
          }
          for (const data of found.values()) related.push(new Map(data));
        }
        return related;
      },
      set: (entity, id, written) => {
        active();
        const model = this.model(entity, id);
        if (model.bucketOf) {
          throw new StoreValidationError(
            entity,
            id,
            null,
            `Entity ${entity}[${id}]: \`${model.bucketOf.aggregation}\` is an aggregation; its buckets are computed, not set`,
          );
        }
        let data = written;
        let key: EntityKey;
        if (model.timeseries) {
          // graph-node (host_exports.rs `store_set`) ignores a timeseries' id and timestamp and sets them.
          const generated = (BigInt(block.ptr.number) << 32n) + BigInt(this.timeseriesSeq++);
          key = generated.toString();
          data = new Map(written);
          data.set("id", { kind: "Int8", value: generated });
          data.set("timestamp", { kind: "Timestamp", value: BigInt(block.ptr.timestamp) * 1_000_000n });
        } else {
          key = normalizeKey(model, id);
        }
        const before = this.lookup(model, key);
        const writtenInBlock = block.ops.get(entity)?.has(key) ?? false;
        if (model.immutable && before !== null && !writtenInBlock) {
          throw new StoreValidationError(
            entity,
            key,
            null,
            `Entity ${entity}[${key}]: entity type \`${entity}\` is immutable and this entity already exists`,
          );
        }
        const merged = mergeEntity(model, key, before, data, enumValues);
        if (!merged.has("id")) merged.set("id", keyToIdValue(model.idType, key));
        this.record(block, model, key, merged, before);
      },
      remove: (entity, id) => {
        active();
        const model = this.model(entity, id);
        const key = normalizeKey(model, id);
        if (model.immutable) {
          throw new StoreValidationError(
            entity,
            key,
            null,
            `Entity ${entity}[${key}]: entities of type \`${entity}\` can not be deleted since they are immutable`,
          );
        }
        this.record(block, model, key, null, this.lookup(model, key));
      },
      savepoint: () => {
        active();
        return this.savepoint(block);
      },
    };
  }
}
