// `@fulltext` search fields on SQLite FTS5. Each search field has an external-content FTS5 table over its
// entity table, one FTS row per entity version (rowid = the version's `vid`), kept by triggers: every version
// insert indexes it and every delete (reverts on reorgs, resets) unindexes it, so a search joins back to the
// versions and sees exactly the block range every other query sees. Versions are never updated but for
// `block_to`, which the index does not hold.
import type { FulltextModel, SchemaModel } from "../schema/model.js";
import { columnName, tableName } from "./layout.js";

export function fulltextTable(name: string): string {
  return `"ft_${name}"`;
}

/**
 * Postgres' `simple` configuration lowercases words and `english` also stems them (Snowball) and drops stop
 * words, neither removes accents: FTS5's unicode61 lowercases, porter stems (Porter's English stemmer), and
 * stop words are dropped from queries instead (tsquery.ts), which matches the same versions.
 */
function tokenizer(model: FulltextModel): string {
  const base = "unicode61 remove_diacritics 0";
  return model.language === "en" ? `porter ${base}` : base;
}

export function fulltextDdl(schema: SchemaModel): string[] {
  const statements: string[] = [];
  for (const model of schema.fulltext.values()) {
    const fts = fulltextTable(model.name);
    const entity = tableName(model.entity);
    const columns = model.fields.map(columnName);
    const list = columns.join(", ");
    const values = (row: "new" | "old") => columns.map((c) => `${row}.${c}`).join(", ");
    statements.push(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${fts} USING fts5(${list}, content='e_${model.entity}', content_rowid='vid', tokenize='${tokenizer(model)}')`,
      `CREATE TRIGGER IF NOT EXISTS "ft_${model.name}__insert" AFTER INSERT ON ${entity} BEGIN
         INSERT INTO ${fts} (rowid, ${list}) VALUES (new.vid, ${values("new")}); END`,
      `CREATE TRIGGER IF NOT EXISTS "ft_${model.name}__delete" AFTER DELETE ON ${entity} BEGIN
         INSERT INTO ${fts} (${fts}, rowid, ${list}) VALUES ('delete', old.vid, ${values("old")}); END`,
    );
  }
  return statements;
}
