// `where` and `orderBy` applied in memory, to entities that are not in a table: the current, open bucket of an
// aggregation (`current: include`), computed at query time. Values compare as their columns do in SQL.
import type { EntityData, Value } from "../types.js";
import { toSql } from "./codec.js";
import { QueryError } from "./errors.js";
import type { EntityFilter, OrderDirection } from "./query-model.js";
import { compareSqlValues } from "./reader.js";

type Sql = ReturnType<typeof toSql>;

function sqlOf(value: Value | undefined): Sql {
  return value === undefined ? null : toSql(value);
}

/** SQL's comparison: null when either side is NULL. */
function compare(a: Sql, b: Sql): number | null {
  return a === null || b === null ? null : compareSqlValues(a, b);
}

/** Whether `data` passes `filter` (graph-node's operators that aggregation filters offer). */
export function matchesFilter(data: EntityData, filter: EntityFilter | null): boolean {
  if (filter === null) return true;
  switch (filter.kind) {
    case "and":
      return filter.filters.every((f) => matchesFilter(data, f));
    case "or":
      return filter.filters.some((f) => matchesFilter(data, f));
    case "changedSince":
      // The open bucket changes with every point; it is as new as the block queried.
      return true;
    case "child":
      throw new QueryError(
        `the nested filter \`${filter.field}_\` can not be combined with \`current: include\``,
      );
    case "compare": {
      const actual = sqlOf(data.get(filter.field));
      const value = filter.value;
      const equal = (v: Value) => (v.kind === "Null" ? actual === null : compare(actual, toSql(v)) === 0);
      const items = value.kind === "Array" ? value.value : [];
      const c = value.kind === "Array" ? null : compare(actual, toSql(value));
      switch (filter.op) {
        case "eq":
          return equal(value);
        case "not":
          return value.kind === "Null" ? actual !== null : c !== null && c !== 0;
        case "gt":
          return c !== null && c > 0;
        case "gte":
          return c !== null && c >= 0;
        case "lt":
          return c !== null && c < 0;
        case "lte":
          return c !== null && c <= 0;
        case "in":
          return items.some(equal);
        case "not_in":
          return actual !== null && !items.some(equal);
        default:
          throw new QueryError(
            `the filter \`${filter.field}_${filter.op}\` can not be combined with \`current: include\``,
          );
      }
    }
  }
}

/** The order of `orderBy` (a field; `null`: id) then id, in `direction`; NULLs first ascending, as SQLite. */
export function compareEntities(
  a: EntityData,
  b: EntityData,
  orderBy: string | null,
  direction: OrderDirection,
): number {
  if (orderBy?.includes("__")) {
    throw new QueryError(`ordering by \`${orderBy}\` can not be combined with \`current: include\``);
  }
  const key = (data: EntityData, field: string): Sql => sqlOf(data.get(field));
  const nullable = (x: Sql, y: Sql): number =>
    x === null ? (y === null ? 0 : -1) : y === null ? 1 : compareSqlValues(x, y);
  let order = orderBy === null ? 0 : nullable(key(a, orderBy), key(b, orderBy));
  if (order === 0) order = nullable(key(a, "id"), key(b, "id"));
  return direction === "desc" ? -order : order;
}
