// Reads a whole collection through the GraphQL API, 1,000 rows at a time ordered by id.
import type { IndexedChain } from "./indexedChain.js";

const PAGE = 1000;

/**
 * Every entity of `collection` (e.g. "accounts") with `fields`, paged by `id_gt`, optionally at an older
 * block (`block: { number: N }`).
 */
export async function queryAll<T extends { id: string }>(
  chain: Pick<IndexedChain, "query">,
  collection: string,
  fields: string,
  block?: number,
): Promise<T[]> {
  const rows: T[] = [];
  let after = "";
  const at = block === undefined ? "" : `, block: { number: ${block} }`;
  for (;;) {
    const where = after === "" ? "" : `, where: { id_gt: "${after}" }`;
    const data = await chain.query<Record<string, T[]>>(
      `{ page: ${collection}(first: ${PAGE}, orderBy: id, orderDirection: asc${where}${at}) { ${fields} } }`,
    );
    const page = data.page ?? [];
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return rows;
    after = last.id;
  }
}
