import type { EntityData, EntityKey, EntityWriter, Value } from "../types.js";

/** Where a `@derivedFrom` field looks: `field` of `entity` points back at the parent's id. */
export interface DerivedField {
  readonly entity: string;
  readonly field: string;
}

export interface MemoryWriterOptions {
  /** Per entity type, per derived field name: where it is derived from (for `store.loadRelated`). */
  readonly derived?: Readonly<Record<string, Readonly<Record<string, DerivedField>>>>;
}

type Table = Map<EntityKey, EntityData>;

function keyOf(value: Value | undefined): string | null {
  if (value === undefined) return null;
  if (value.kind === "String") return value.value;
  if (value.kind === "Bytes") return `0x${Buffer.from(value.value).toString("hex")}`;
  if (value.kind === "Int8") return value.value.toString();
  return null;
}

/**
 * An `EntityWriter` over plain maps, for tests and benchmarks of the runtime without SQLite. It keeps the
 * committed state and the current block's writes apart (`getInBlock`), merges `set` into the existing
 * entity as graph-node's entity cache does (a `Null` field removes the field), and can commit or discard
 * a block.
 */
export class MemoryEntityWriter implements EntityWriter {
  private readonly committed = new Map<string, Table>();
  /** This block's writes; `null` marks a removal. */
  private block = new Map<string, Map<EntityKey, EntityData | null>>();
  /**
   * This block's writes, each with what it replaced in `block` (`undefined`: nothing), kept once a savepoint
   * was asked for (so a benchmark without `nonFatalErrors` pays nothing).
   */
  private journal: { entity: string; id: EntityKey; before: EntityData | null | undefined }[] | null = null;
  /** Counts `set` calls, for throughput measurements. */
  sets = 0;

  constructor(private readonly options: MemoryWriterOptions = {}) {}

  get(entity: string, id: EntityKey): EntityData | null {
    const pending = this.block.get(entity);
    if (pending?.has(id) === true) return copy(pending.get(id) ?? null);
    return copy(this.committed.get(entity)?.get(id) ?? null);
  }

  getInBlock(entity: string, id: EntityKey): EntityData | null {
    return copy(this.block.get(entity)?.get(id) ?? null);
  }

  loadRelated(entity: string, id: EntityKey, field: string): EntityData[] {
    const derived = this.options.derived?.[entity]?.[field];
    if (derived === undefined) throw new Error(`${entity}.${field} is not a derived field`);
    const out: EntityData[] = [];
    for (const key of this.keys(derived.entity)) {
      const e = this.get(derived.entity, key);
      const ref = e?.get(derived.field);
      const pointsHere =
        ref?.kind === "Array"
          ? ref.value.some((v) => keyOf(v) === id)
          : ref !== undefined && keyOf(ref) === id;
      if (e !== null && pointsHere) out.push(e);
    }
    return out;
  }

  set(entity: string, id: EntityKey, data: EntityData): void {
    this.sets++;
    const merged = this.get(entity, id) ?? new Map<string, Value>();
    for (const [k, v] of data) {
      if (v.kind === "Null") merged.delete(k);
      else merged.set(k, v);
    }
    this.record(entity, id, merged);
  }

  remove(entity: string, id: EntityKey): void {
    this.record(entity, id, null);
  }

  savepoint(): () => void {
    this.journal ??= [];
    const journal = this.journal;
    const mark = journal.length;
    return () => {
      while (journal.length > mark) {
        const entry = journal.pop();
        if (entry === undefined) break;
        if (entry.before === undefined) this.pending(entry.entity).delete(entry.id);
        else this.pending(entry.entity).set(entry.id, entry.before);
      }
    };
  }

  private record(entity: string, id: EntityKey, data: EntityData | null): void {
    const block = this.pending(entity);
    this.journal?.push({ entity, id, before: block.get(id) });
    block.set(id, data);
  }

  /** Makes this block's writes part of the committed state. */
  commitBlock(): void {
    for (const [entity, writes] of this.block) {
      let table = this.committed.get(entity);
      if (table === undefined) {
        table = new Map();
        this.committed.set(entity, table);
      }
      for (const [id, data] of writes) {
        if (data === null) table.delete(id);
        else table.set(id, data);
      }
    }
    this.block = new Map();
    this.journal = null;
  }

  /** Drops this block's writes (a failed block). */
  discardBlock(): void {
    this.block = new Map();
    this.journal = null;
  }

  /** Every id of `entity` visible now, sorted. */
  keys(entity: string): EntityKey[] {
    const ids = new Set(this.committed.get(entity)?.keys() ?? []);
    for (const [id, data] of this.block.get(entity) ?? []) {
      if (data === null) ids.delete(id);
      else ids.add(id);
    }
    return [...ids].sort();
  }

  /** Every entity of `entity` visible now, by id. */
  all(entity: string): Map<EntityKey, EntityData> {
    const out = new Map<EntityKey, EntityData>();
    for (const id of this.keys(entity)) {
      const e = this.get(entity, id);
      if (e !== null) out.set(id, e);
    }
    return out;
  }

  private pending(entity: string): Map<EntityKey, EntityData | null> {
    let m = this.block.get(entity);
    if (m === undefined) {
      m = new Map();
      this.block.set(entity, m);
    }
    return m;
  }
}

function copy(data: EntityData | null): EntityData | null {
  return data === null ? null : new Map(data);
}
