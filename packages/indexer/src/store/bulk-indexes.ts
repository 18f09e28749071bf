// Index maintenance for large batches. Inserting rows one by one into a table with many indexes pays a B-tree
// descent per index and row; `CREATE INDEX` sorts the whole table once, several times faster. So when a batch
// inserts at least as many rows into a table as the table held (the first batches of a sync), the table's
// rebuildable indexes are dropped before the inserts and created again after them, inside the batch's
// transaction: a crash or an error rolls the drop back with the rest, and no reader ever sees the table
// without its indexes (readers on this connection wait for the commit; other connections see the last commit).
import type Database from "better-sqlite3";
import type { EntityModel } from "../schema/model.js";
import { rebuildableIndexes, tableName } from "./layout.js";

/** Below this many rows the drop and rebuild cost more than they save. */
export const BULK_INSERT_ROWS = 5_000;

/**
 * Drops `model`'s rebuildable indexes when inserting `rows` rows is a bulk load for its table; returns what
 * creates them again (to run after the inserts, in the same transaction), or null when nothing was dropped.
 */
export function deferIndexes(db: Database.Database, model: EntityModel, rows: number): (() => void) | null {
  if (rows < BULK_INSERT_ROWS) return null;
  // vids only grow, so the highest one bounds the row count, and costs one B-tree descent, not a scan.
  const { top } = db.prepare(`SELECT max(vid) AS top FROM ${tableName(model.name)}`).get() as {
    top: number | null;
  };
  if ((top ?? 0) > rows) return null;
  const indexes = rebuildableIndexes(model);
  for (const index of indexes) db.exec(`DROP INDEX IF EXISTS ${index.name}`);
  return () => {
    for (const index of indexes) db.exec(index.ddl);
  };
}
