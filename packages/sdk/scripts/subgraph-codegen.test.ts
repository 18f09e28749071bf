// The generation step as the build runs it (a child `node` process, as `pnpm build` does), on query
// documents written by each test.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { afterEach, describe, expect, it } from "vitest";

const script = resolve(fileURLToPath(new URL(".", import.meta.url)), "subgraph-codegen.mjs");
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Generate = (dirs: { schema?: string; queries: string; out: string }) => Promise<number>;
/** The build step's function, loaded once: the graphql-codegen plugins take seconds to load in each process. */
const { generateSdkQueries } = (await import(script)) as { generateSdkQueries: Generate };
const { SCHEMA_PARTS_DIR } = (await import(script)) as { SCHEMA_PARTS_DIR: string };

function queryDirs(queries: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "dmex-sdk-codegen-"));
  dirs.push(dir);
  const queriesDir = join(dir, "queries");
  mkdirSync(queriesDir);
  for (const [name, text] of Object.entries(queries)) writeFileSync(join(queriesDir, name), text);
  return { queries: queriesDir, out: join(dir, "out") };
}

/**
 * Generates `queries` (file name → text) with the build step's function in this process and reports it as the
 * command does: exit code, what it prints on stderr (`sdk: <message>`) and the output dir. The command itself,
 * run as the build runs it, is checked by the last test.
 */
async function generate(queries: Record<string, string>) {
  const { queries: queriesDir, out } = queryDirs(queries);
  try {
    await generateSdkQueries({ schema: SCHEMA_PARTS_DIR, queries: queriesDir, out });
    return { code: 0, stderr: "", out };
  } catch (error) {
    return { code: 1, stderr: `sdk: ${error instanceof Error ? error.message : String(error)}`, out };
  }
}

describe("subgraph codegen (scripts/subgraph-codegen.mjs)", () => {
  it("writes the query API the indexer serves and types each operation with the scalars as strings", async () => {
    const { code, stderr, out } = await generate({
      "holders.graphql":
        "query Holders($min: BigInt!) { accounts(where: { balance_gte: $min }) { id balance } }",
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const sdl = readFileSync(join(out, "schema.graphql"), "utf8");
    expect(sdl).toContain("type Query {");
    expect(sdl).toMatch(/accounts\(skip: Int = 0, first: Int = 100, orderBy: Account_orderBy/);
    expect(sdl).toContain("input Account_filter {");
    expect(sdl).toContain("_meta(block: Block_height): _Meta_");
    expect(sdl).not.toContain("@entity");
    expect(sdl).not.toContain("@derivedFrom");
    const ts = readFileSync(join(out, "graphql.ts"), "utf8");
    expect(ts).toContain("export type HoldersQueryVariables = Exact<{\n  min: string;\n}>;");
    expect(ts).toContain(
      "readonly accounts: ReadonlyArray<{ readonly id: string, readonly balance: string }>",
    );
    expect(ts).toContain("export const HoldersDocument = new TypedDocumentString(");
  });

  it("lets one file use a fragment another file defines, and still checks the fragment", async () => {
    const ok = await generate({
      "a.graphql": "query A { accounts { ...Who } }",
      "b.graphql": "fragment Who on Account { id balance }",
    });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const broken = await generate({
      "a.graphql": "query A { accounts { ...Who } }",
      "b.graphql": "fragment Who on Account { id wealth }",
    });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('b.graphql:1:30: Cannot query field "wealth" on type "Account".');
  });

  it("fails on a field the schema does not have, naming the file, line and column", async () => {
    const { code, stderr } = await generate({ "bad.graphql": "query Bad {\n  accounts { id wealth }\n}" });
    expect(code).toBe(1);
    expect(stderr).toContain('bad.graphql:2:17: Cannot query field "wealth" on type "Account".');
  });

  it("fails on a variable of the wrong type", async () => {
    const { code, stderr } = await generate({
      "v.graphql": "query V($id: Bytes!) { protocol(id: $id) { id } }",
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'v.graphql:1:9: Variable "$id" of type "Bytes!" used in position expecting type "ID!".',
    );
  });

  it("fails on a syntax error and on two operations with one name", async () => {
    const syntax = await generate({ "s.graphql": "query S {\n  accounts { id \n}" });
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain("s.graphql:3: Syntax Error");
    const twice = await generate({
      "a.graphql": "query Same { accounts { id } }",
      "b.graphql": "query Same { tokens { id } }",
    });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("Same");
  });
  // The build runs the command on the repository's queries, so its success path runs in every build; this
  // checks what a developer sees when a query is wrong: exit code 1 and the error on stderr.
  it("runs as the build runs it: a child node process that exits 1 naming the error", async () => {
    const bad = queryDirs({ "bad.graphql": "query Bad {\n  accounts { id wealth }\n}" });
    const failure = await promisify(execFile)(process.execPath, [
      script,
      "--queries",
      bad.queries,
      "--out",
      bad.out,
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('bad.graphql:2:17: Cannot query field "wealth" on type "Account".');
  });
});
