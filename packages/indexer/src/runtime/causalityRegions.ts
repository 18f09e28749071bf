// graph-node's causality regions for file data sources, without a region column in the store: every file data
// source is its own region and chain handlers share region 0; a handler never reads an entity of another region.
// A file data source runs its handler once, so its region holds exactly what that run writes: its reads are
// answered from its own writes. Chain handlers are kept out of the entity types file templates write (their
// `entities`): their reads of those types answer null (region 0 holds none of them), and a write is refused,
// since this store could not keep such an entity apart from a file data source's entity of the same id.
import type { EntityData, EntityKey, EntityWriter } from "../types.js";
import { HostError } from "./errors.js";

/** The writer a file data source's handler gets: its declared `entities` only, its own writes only. */
export class FileRegionWriter implements EntityWriter {
  private readonly own = new Map<string, EntityData | null>();

  constructor(
    private readonly inner: EntityWriter,
    private readonly dataSource: string,
    private readonly entities: readonly string[],
  ) {}

  private access(entity: string): void {
    if (this.entities.includes(entity)) return;
    // graph-node's `check_entity_type_access` message.
    throw new HostError(
      `entity type \`${entity}\` is not on the 'entities' list for data source \`${this.dataSource}\`. ` +
        `Hint: Add \`${entity}\` to the 'entities' list, which currently is: \`${this.entities.join(", ")}\`.`,
    );
  }

  get(entity: string, id: EntityKey): EntityData | null {
    this.access(entity);
    const key = `${entity}\u0000${id}`;
    return this.own.has(key) ? this.inner.getInBlock(entity, id) : null;
  }

  getInBlock(entity: string, id: EntityKey): EntityData | null {
    return this.get(entity, id);
  }

  loadRelated(entity: string, _id: EntityKey, field: string): EntityData[] {
    this.access(entity);
    throw new HostError(
      `store.loadRelated(${entity}, ${field}) is not supported in file data source handlers by dmex-indexer`,
    );
  }

  set(entity: string, id: EntityKey, data: EntityData): void {
    this.access(entity);
    this.inner.set(entity, id, data);
    this.own.set(`${entity}\u0000${id}`, data);
  }

  remove(entity: string, id: EntityKey): void {
    this.access(entity);
    const key = `${entity}\u0000${id}`;
    // Only an entity of its own region: another region's entity of that id is not this data source's to remove.
    if (this.own.has(key)) this.inner.remove(entity, id);
    this.own.set(key, null);
  }

  savepoint(): () => void {
    return this.inner.savepoint();
  }
}

/** The writer chain handlers get when file templates exist: region 0 has none of the file templates' types. */
export class ChainRegionWriter implements EntityWriter {
  constructor(
    private readonly inner: EntityWriter,
    /** Entity type → the file template declaring it. */
    private readonly fileTypes: ReadonlyMap<string, string>,
    /** `<entity>.<derived field>` → the entity type the field's entities are of. */
    private readonly derivedTypes: ReadonlyMap<string, string>,
  ) {}

  get(entity: string, id: EntityKey): EntityData | null {
    return this.fileTypes.has(entity) ? null : this.inner.get(entity, id);
  }

  getInBlock(entity: string, id: EntityKey): EntityData | null {
    return this.fileTypes.has(entity) ? null : this.inner.getInBlock(entity, id);
  }

  loadRelated(entity: string, id: EntityKey, field: string): EntityData[] {
    const related = this.derivedTypes.get(`${entity}.${field}`);
    return related !== undefined && this.fileTypes.has(related)
      ? []
      : this.inner.loadRelated(entity, id, field);
  }

  set(entity: string, id: EntityKey, data: EntityData): void {
    this.refuse(entity);
    this.inner.set(entity, id, data);
  }

  remove(entity: string, id: EntityKey): void {
    this.refuse(entity);
    this.inner.remove(entity, id);
  }

  savepoint(): () => void {
    return this.inner.savepoint();
  }

  private refuse(entity: string): void {
    const template = this.fileTypes.get(entity);
    if (template === undefined) return;
    throw new HostError(
      `entity type \`${entity}\` is written by the file data source template \`${template}\`; dmex-indexer does not ` +
        "let chain handlers write it (graph-node keeps the two apart by causality region, which this store has not)",
    );
  }
}
