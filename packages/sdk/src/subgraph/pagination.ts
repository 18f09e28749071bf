// Paging through subgraph collections. Two ways, as The Graph's API offers them:
//  - offset pages (`first` + `skip`) in any order, for a page of a list a person looks at;
//  - cursor pages (`id_gt` the last id, ordered by id), to read a whole collection of any size, since the
//    server caps `first` at 1,000 and `skip` at a few thousand.
import { InvalidPageError } from "../errors.js";

/** The most rows The Graph's API returns for one collection field (`first` above it is an error). */
export const MAX_PAGE_SIZE = 1000;
/** The page size when the caller does not say (the API's own default). */
export const DEFAULT_PAGE_SIZE = 100;

/** Which page of a list: `first` rows after skipping `skip` (defaults 100 and 0). */
export interface PageRequest {
  readonly first?: number;
  readonly skip?: number;
}

/** A page of results and the request for the one after it. */
export interface Page<T> {
  readonly items: readonly T[];
  /** The request for the following page; undefined when this page is the last. */
  readonly next: PageRequest | undefined;
}

/** `request` with its defaults filled in, checked: `first` an integer in 1..1,000, `skip` an integer ≥ 0. */
export function pageWindow(request: PageRequest = {}): { readonly first: number; readonly skip: number } {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  const skip = request.skip ?? 0;
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidPageError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  if (!Number.isSafeInteger(skip) || skip < 0) {
    throw new InvalidPageError(`skip must be a non-negative integer, got ${skip}`);
  }
  return { first, skip };
}

/**
 * One offset page. `fetchRows(first, skip)` runs the query; it is asked for one row more than the page
 * holds, so that the last page is known without an extra request (at the 1,000 cap, a full page is assumed
 * to have a successor, which may then be empty).
 */
export async function offsetPage<Row, T>(
  request: PageRequest | undefined,
  fetchRows: (first: number, skip: number) => Promise<readonly Row[]>,
  toItem: (row: Row) => T,
): Promise<Page<T>> {
  const { first, skip } = pageWindow(request);
  const rows = await fetchRows(Math.min(first + 1, MAX_PAGE_SIZE), skip);
  const more = rows.length > first || (first === MAX_PAGE_SIZE && rows.length === MAX_PAGE_SIZE);
  return {
    items: rows.slice(0, first).map(toItem),
    next: more ? { first, skip: skip + first } : undefined,
  };
}

/**
 * Every row of a collection, page after page: `fetchRows(first, after)` must return the rows whose id is
 * greater than `after`, ordered by id ascending. `start` is below every id: `"0x"` for Bytes ids (the
 * default), `""` for ID (string) ids.
 */
export async function* cursorPages<Row extends { readonly id: string }, T>(
  fetchRows: (first: number, after: string) => Promise<readonly Row[]>,
  toItem: (row: Row) => T,
  options: { readonly pageSize?: number; readonly start?: string } = {},
): AsyncGenerator<readonly T[], void, undefined> {
  const { first } = pageWindow({ first: options.pageSize ?? MAX_PAGE_SIZE });
  let after = options.start ?? "0x";
  for (;;) {
    const rows = await fetchRows(first, after);
    if (rows.length > 0) yield rows.map(toItem);
    const last = rows.at(-1);
    if (rows.length < first || last === undefined) return;
    if (last.id <= after && after !== "" && after !== "0x") {
      throw new InvalidPageError(`the rows are not ordered by id: ${last.id} came after ${after}`);
    }
    after = last.id;
  }
}

/** Every row of a collection as one array (see {@link cursorPages}). */
export async function collectAll<Row extends { readonly id: string }, T>(
  fetchRows: (first: number, after: string) => Promise<readonly Row[]>,
  toItem: (row: Row) => T,
  options: { readonly pageSize?: number; readonly start?: string } = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of cursorPages(fetchRows, toItem, options)) all.push(...page);
  return all;
}
