// Rolling a timeseries up into its aggregations' buckets, as graph-node does (store/postgres relational.rs
// `rollup`, relational/rollup.rs): at the first block the subgraph writes whose time is at or past a bucket's
// end, every bucket that ended since the last rollup is computed from the source rows in it, grouped by the
// dimensions, and written as entities of that block. The open bucket is never written. The buckets are
// ordinary immutable entity versions of the rolling-up block, so a revert of that block removes them, and the
// next block past the end computes them again from the source rows that remain.
//
// What was rolled up is read from the buckets themselves: a source row is pending when it is at or after the
// end of the interval's latest bucket. That holds across restarts and reverts without any other state.
import {
  type AggregationInterval,
  type AggregationModel,
  bucketEntityName,
  type EntityModel,
  INTERVAL_MICROS,
  type SchemaModel,
} from "../schema/model.js";
import type { EntityData, EntityKey, Value } from "../types.js";
import { accumulate, aggregate, type Exact, evaluate, toExact, toFieldValue } from "./aggregate-values.js";
import { toSql } from "./codec.js";
import { RollupError, StoreError } from "./errors.js";
import { columnName, tableName } from "./layout.js";
import type { EntityReader } from "./reader.js";

/** What a rollup needs from its batch. */
export interface RollupHost {
  readonly schema: SchemaModel;
  readonly reader: EntityReader;
  /** The batch's own writes to `entity` (not yet committed). */
  pending(entity: string): ReadonlyMap<EntityKey, EntityData | null> | undefined;
  /** Writes a bucket in the current block. */
  write(model: EntityModel, key: EntityKey, data: EntityData): void;
}

interface Group {
  readonly start: bigint;
  readonly dimensions: EntityData;
  readonly rows: EntityData[];
}

function timestampOf(data: EntityData): bigint {
  const value = data.get("timestamp");
  if (value?.kind !== "Timestamp") throw new StoreError("a timeseries entity has no timestamp");
  return value.value;
}

function idOf(data: EntityData): bigint {
  const value = data.get("id");
  if (value?.kind !== "Int8") throw new StoreError("a timeseries entity has no Int8 id");
  return value.value;
}

function valueKey(value: Value | undefined): string {
  if (value === undefined) return "null";
  const sql = toSql(value);
  return `${value.kind}:${sql instanceof Buffer ? sql.toString("hex") : String(sql)}`;
}

function floorTo(time: bigint, width: bigint): bigint {
  const q = time / width;
  return (time < 0n && q * width !== time ? q - 1n : q) * width;
}

/** The rollups of one batch; caches what it learned about each interval's latest bucket. */
export class Rollups {
  /** Per bucket table: the start of the latest bucket (null: none yet). */
  private readonly latest = new Map<string, bigint | null>();
  /** Per bucket table: the end up to which this batch already rolled up. */
  private readonly rolledTo = new Map<string, bigint>();

  /**
   * `atBlock`: read the store as of that block (for a query's current bucket) instead of its latest state plus
   * the batch's writes.
   */
  constructor(
    private readonly host: RollupHost,
    private readonly atBlock: number | null = null,
  ) {}

  /** SQL conditions (and their parameters) keeping the rows visible at `atBlock`. */
  private visible(): { readonly sql: string[]; readonly params: number[] } {
    return this.atBlock === null
      ? { sql: [], params: [] }
      : { sql: ["block_from <= ?"], params: [this.atBlock] };
  }

  /**
   * graph-node's current bucket (`current: include`): the points not rolled up yet, aggregated as the rollup
   * will aggregate them (one bucket per dimensions; cumulative aggregates over the earlier buckets).
   */
  current(aggregation: AggregationModel, interval: AggregationInterval): EntityData[] {
    const bucket = this.model(bucketEntityName(aggregation.name, interval));
    const width = INTERVAL_MICROS[interval];
    const latest = this.latestStart(bucket);
    const rows = this.sourceRows(aggregation.source, latest === null ? null : latest + width, null);
    return this.groups(aggregation, rows, width).map((group) => this.bucketData(aggregation, bucket, group));
  }

  /** Rolls up every bucket of every aggregation that ended at or before `blockTime` (microseconds). */
  run(blockTime: bigint): void {
    for (const aggregation of this.host.schema.aggregations.values()) {
      for (const interval of aggregation.intervals) {
        try {
          this.rollUp(aggregation, interval, blockTime);
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          throw new RollupError(
            `rollup of aggregation \`${aggregation.name}\` (${interval}): ${error.message}`,
          );
        }
      }
    }
  }

  private model(name: string): EntityModel {
    const model = this.host.schema.entities.get(name);
    if (!model) throw new StoreError(`unknown entity type \`${name}\``);
    return model;
  }

  private latestStart(bucket: EntityModel): bigint | null {
    if (this.latest.has(bucket.name)) return this.latest.get(bucket.name) ?? null;
    const visible = this.visible();
    const where = visible.sql.length > 0 ? ` WHERE ${visible.sql.join(" AND ")}` : "";
    const row = this.host.reader
      .statement(`SELECT max(${columnName("timestamp")}) AS m FROM ${tableName(bucket.name)}${where}`)
      .get(...visible.params) as { m: bigint | null } | undefined;
    let latest = row?.m ?? null;
    for (const data of this.host.pending(bucket.name)?.values() ?? []) {
      if (data && (latest === null || timestampOf(data) > latest)) latest = timestampOf(data);
    }
    this.latest.set(bucket.name, latest);
    return latest;
  }

  private rollUp(aggregation: AggregationModel, interval: AggregationInterval, blockTime: bigint): void {
    const bucket = this.model(bucketEntityName(aggregation.name, interval));
    const width = INTERVAL_MICROS[interval];
    const end = floorTo(blockTime, width);
    if (this.rolledTo.get(bucket.name) === end) return;
    const latest = this.latestStart(bucket);
    const from = latest === null ? null : latest + width;
    if (from !== null && from >= end) {
      this.rolledTo.set(bucket.name, end);
      return;
    }
    const groups = this.groups(aggregation, this.sourceRows(aggregation.source, from, end), width);
    for (const group of groups) this.writeBucket(aggregation, bucket, group);
    this.rolledTo.set(bucket.name, end);
  }

  /** The source rows with `from <= timestamp < end` (bounds null: open), in id order. */
  private sourceRows(source: string, from: bigint | null, end: bigint | null): EntityData[] {
    const model = this.model(source);
    const ts = columnName("timestamp");
    const visible = this.visible();
    const conditions = [...visible.sql];
    const params: (number | bigint)[] = [...visible.params];
    if (from !== null) {
      conditions.push(`${ts} >= ?`);
      params.push(from);
    }
    if (end !== null) {
      conditions.push(`${ts} < ?`);
      params.push(end);
    }
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(" AND ")}` : "";
    const sql = `SELECT * FROM ${tableName(source)}${where}`;
    const rows = (this.host.reader.statement(sql).all(...params) as Record<string, unknown>[]).map((r) =>
      this.host.reader.decode(model, r),
    );
    for (const data of this.host.pending(source)?.values() ?? []) {
      if (!data) continue;
      const time = timestampOf(data);
      if ((from === null || time >= from) && (end === null || time < end)) rows.push(data);
    }
    return rows.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  }

  /** The rows grouped by bucket start and dimensions, buckets in time order. */
  private groups(aggregation: AggregationModel, rows: readonly EntityData[], width: bigint): Group[] {
    const groups = new Map<string, Group>();
    for (const row of rows) {
      const start = floorTo(timestampOf(row), width);
      const key = [start.toString(), ...aggregation.dimensions.map((d) => valueKey(row.get(d)))].join(
        "\u0000",
      );
      let group = groups.get(key);
      if (!group) {
        const dimensions: EntityData = new Map();
        for (const d of aggregation.dimensions) dimensions.set(d, row.get(d) ?? { kind: "Null" });
        group = { start, dimensions, rows: [] };
        groups.set(key, group);
      }
      group.rows.push(row);
    }
    return [...groups.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  /** The latest bucket of the same dimensions before `start` (for cumulative aggregates). */
  private previous(aggregation: AggregationModel, bucket: EntityModel, group: Group): EntityData | null {
    const ts = columnName("timestamp");
    const visible = this.visible();
    const conditions = [...visible.sql, ...aggregation.dimensions.map((d) => `${columnName(d)} IS ?`)];
    const params = [
      ...visible.params,
      ...aggregation.dimensions.map((d) => toSql(group.dimensions.get(d) ?? { kind: "Null" })),
    ];
    const sql = `SELECT * FROM ${tableName(bucket.name)} WHERE ${[...conditions, `${ts} < ?`].join(" AND ")} ORDER BY ${ts} DESC LIMIT 1`;
    const row = this.host.reader.statement(sql).get(...params, group.start) as
      | Record<string, unknown>
      | undefined;
    let found = row ? this.host.reader.decode(bucket, row) : null;
    for (const data of this.host.pending(bucket.name)?.values() ?? []) {
      if (!data) continue;
      const time = timestampOf(data);
      if (time >= group.start || (found && time <= timestampOf(found))) continue;
      if (aggregation.dimensions.every((d) => valueKey(data.get(d)) === valueKey(group.dimensions.get(d)))) {
        found = data;
      }
    }
    return found;
  }

  private writeBucket(aggregation: AggregationModel, bucket: EntityModel, group: Group): void {
    const data = this.bucketData(aggregation, bucket, group);
    this.host.write(bucket, idOf(data).toString(), data);
    const latest = this.latest.get(bucket.name);
    if (latest === undefined || latest === null || group.start > latest)
      this.latest.set(bucket.name, group.start);
  }

  /** One bucket's entity: graph-node's id (the newest point's), the start, the dimensions and the aggregates. */
  private bucketData(aggregation: AggregationModel, bucket: EntityModel, group: Group): EntityData {
    // graph-node's `max(id)`: the newest source row's id.
    let id = idOf(group.rows[0] ?? new Map());
    for (const row of group.rows) if (idOf(row) > id) id = idOf(row);
    const data: EntityData = new Map();
    data.set("id", { kind: "Int8", value: id });
    data.set("timestamp", { kind: "Timestamp", value: group.start });
    for (const [name, value] of group.dimensions) data.set(name, value);
    const previous = aggregation.aggregates.some((a) => a.cumulative)
      ? this.previous(aggregation, bucket, group)
      : null;
    for (const agg of aggregation.aggregates) {
      const field = aggregation.fieldsByName.get(agg.field);
      if (!field) continue;
      const values: (Exact | null)[] = group.rows.map((row) =>
        agg.arg === null ? null : evaluate(agg.arg, row),
      );
      let value = aggregate(agg.fn, values);
      if (agg.cumulative)
        value = accumulate(agg.fn, previous ? toExact(previous.get(agg.field)) : null, value);
      if (value === null && field.nonNull) {
        throw new StoreError(
          `\`${agg.field}\` of the bucket at ${group.start} has no value (every \`arg\` was null) but the field is non-null`,
        );
      }
      data.set(agg.field, toFieldValue(field, value));
    }
    return data;
  }
}
