// List fields (`@derivedFrom` and `[T!]` id lists) read for a whole level at once: the first time a list field
// is resolved for one entity of a group of siblings, the same field with the same arguments is read for every
// sibling in one statement (a window numbers each parent's rows, so that each parent's `where`, `orderBy`,
// `first` and `skip` apply to its own rows), and the rows read form the next level's siblings.
import type { EntityRow, PerParentQuery } from "../store/index.js";
import type { EntitySource, QueryContext } from "./api-schema.js";

/** The lists read per group of siblings: by entity type, block, field and arguments, then by parent. */
type ListMemo = WeakMap<readonly EntitySource[], Map<string, Map<EntitySource, EntitySource[]>>>;
const memos = new WeakMap<QueryContext, ListMemo>();

/** The arguments of a field as a memo key (`where` may hold big integers). */
function argsKey(args: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
}

/** What one level's read needs from the caller: the query for a set of parents, built for each read. */
export interface ListRead {
  readonly field: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The per-parent query for `parents` (arguments checked and converted here, so that bad ones throw). */
  query(parents: readonly EntitySource[]): PerParentQuery;
}

/**
 * `source`'s list, read together with the same list of every sibling of `source` (same entity type and block)
 * that has not been read yet. The clock is checked between chunks and rows of the read.
 */
export function batchedList(context: QueryContext, source: EntitySource, read: ListRead): EntitySource[] {
  let memo = memos.get(context);
  if (!memo) {
    memo = new WeakMap();
    memos.set(context, memo);
  }
  const group = source.siblings ?? [source];
  let fields = memo.get(group);
  if (!fields) {
    fields = new Map();
    memo.set(group, fields);
  }
  const key = `${source.entity}\u0000${source.block}\u0000${read.field}\u0000${argsKey(read.args)}`;
  let lists = fields.get(key);
  if (!lists) {
    lists = new Map();
    fields.set(key, lists);
  }
  const known = lists.get(source);
  if (known) return known;
  // A source missing from its own group's read (there is none: a group is read whole) is read alone.
  const parents =
    lists.size === 0 ? group.filter((m) => m.entity === source.entity && m.block === source.block) : [source];
  if (!parents.includes(source)) parents.push(source);
  const query = read.query(parents);
  const rows = context.store.reader.queryPerParent(query, () => context.clock?.check());
  const level: EntitySource[] = [];
  for (const [i, parent] of parents.entries()) {
    const list = (rows[i] ?? []).map((row: EntityRow) => ({ ...row, block: source.block, siblings: level }));
    level.push(...list);
    lists.set(parent, list);
  }
  return lists.get(source) ?? [];
}
