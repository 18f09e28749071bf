// Generates src/generated/subgraph/ from the subgraph's schema parts and the SDK's query documents (never
// edit those files by hand):
//   schema.graphql   the subgraph's query API: what graph-node (and @dmex/indexer) serve for
//                    subgraph/schema/*.graphql: entity types, <T>_filter, <T>_orderBy, Block_height, _meta
//   graphql.ts       GraphQL Code Generator output over src/subgraph/queries/*.graphql: the result and
//                    variable types of every operation and a typed document (TypedDocumentString) for each
//
// The schema parts are read by path (subgraph/schema/*.graphql, joined by the subgraph's own joinSchema): the
// subgraph package depends on the SDK, so the SDK must not depend on it as a package. A query that does not
// validate against the API schema fails the build, naming the file and the error.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { buildApiSchema, parseSchema } from "@dmex/indexer";
import { codegen } from "@graphql-codegen/core";
import * as typedDocumentNodePlugin from "@graphql-codegen/typed-document-node";
import * as typescriptOperationsPlugin from "@graphql-codegen/typescript-operations";
import {
  buildSchema,
  GraphQLError,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  printSchema,
  Source,
  specifiedRules,
  validate,
} from "graphql";

const here = dirname(fileURLToPath(import.meta.url));
export const SDK_ROOT = resolve(here, "..");
export const REPO_ROOT = resolve(SDK_ROOT, "../..");
export const SCHEMA_PARTS_DIR = join(REPO_ROOT, "subgraph/schema");
export const QUERIES_DIR = join(SDK_ROOT, "src/subgraph/queries");
export const OUTPUT_DIR = join(SDK_ROOT, "src/generated/subgraph");

/**
 * The Graph's scalars arrive as JSON strings (BigInt, BigDecimal and Int8 as decimal strings, Bytes as 0x
 * hex, Timestamp as decimal microseconds): the generated types say string, and the SDK's query functions
 * convert them (to bigint where they are integers).
 */
export const SCALARS = {
  BigInt: "string",
  BigDecimal: "string",
  Bytes: "string",
  Int8: "string",
  Timestamp: "string",
};

/**
 * The subgraph's schema parts joined as the subgraph build joins them (subgraph/scripts/manifest.mjs's
 * joinSchema, imported by path).
 * @param {string} [dir]
 * @returns {Promise<string>}
 */
export async function joinSubgraphSchema(dir = SCHEMA_PARTS_DIR) {
  const manifest = join(REPO_ROOT, "subgraph/scripts/manifest.mjs");
  if (!existsSync(manifest))
    throw new Error(`${manifest} is missing: the SDK reads the subgraph schema with it`);
  /** @type {{ joinSchema: (dir: string) => Promise<string> }} */
  const { joinSchema } = await import(pathToFileURL(manifest).href);
  return joinSchema(dir);
}

/**
 * The query API of a subgraph schema, printed: exactly the schema @dmex/indexer serves.
 * @param {string} subgraphSdl
 * @returns {string}
 */
export function apiSchemaSdl(subgraphSdl) {
  return printSchema(buildApiSchema(parseSchema(subgraphSdl)));
}

/**
 * The query documents in `dir` (*.graphql), parsed; a syntax error names the file and line.
 * @param {string} dir
 * @returns {Promise<{ location: string, document: import("graphql").DocumentNode, rawSDL: string }[]>}
 */
export async function readQueryDocuments(dir = QUERIES_DIR) {
  const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith(".graphql")).sort() : [];
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      const location = relative(SDK_ROOT, path);
      const rawSDL = await readFile(path, "utf8");
      try {
        // The source is named after the file, so that validation errors can say where they are.
        return { location, document: parse(new Source(rawSDL, location)), rawSDL };
      } catch (error) {
        const where =
          error instanceof GraphQLError && error.locations?.[0] ? `:${error.locations[0].line}` : "";
        throw new Error(`${location}${where}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

/**
 * Every way `documents` break the API schema, one line each with the file, line and column. Each file is
 * validated with the fragments of every file, so a fragment may be shared between files.
 * @param {import("graphql").GraphQLSchema} schema
 * @param {{ location: string, document: import("graphql").DocumentNode }[]} documents
 * @returns {string[]}
 */
export function validateQueryDocuments(schema, documents) {
  const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
  const problems = documents.flatMap(({ document }) => {
    const own = new Set(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])),
    );
    const shared = documents
      .filter((other) => other.document !== document)
      .flatMap((other) => other.document.definitions)
      .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION && !own.has(d.name.value));
    const combined = { ...document, definitions: [...document.definitions, ...shared] };
    return validate(schema, combined, rules).map((error) => {
      const at = error.locations?.[0];
      const file = error.source?.name ?? "?";
      return `${file}${at ? `:${at.line}:${at.column}` : ""}: ${error.message}`;
    });
  });
  // A broken shared fragment shows up once per file using it: say it once.
  return [...new Set(problems)];
}

/**
 * Types and typed documents for `documents` against the API schema `apiSdl`. Throws when a document does
 * not validate against the schema (an unknown field or argument, a wrong variable type, ...).
 * @param {string} apiSdl
 * @param {{ location: string, document: import("graphql").DocumentNode, rawSDL: string }[]} documents
 * @returns {Promise<string>}
 */
export async function generateOperations(apiSdl, documents) {
  const schemaAst = buildSchema(apiSdl);
  const problems = validateQueryDocuments(schemaAst, documents);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const output = await codegen({
    filename: "graphql.ts",
    schema: parse(apiSdl),
    schemaAst,
    documents,
    config: {
      scalars: SCALARS,
      strictScalars: true,
      // Types only: nothing of the schema's enums reaches the bundle as code.
      enumsAsTypes: true,
      useTypeImports: true,
      skipTypename: true,
      immutableTypes: true,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      // Documents as strings (no graphql-js at run time): sent as they are, typed by TypedDocumentString.
      documentMode: "string",
    },
    plugins: [{ "typescript-operations": {} }, { "typed-document-node": {} }],
    pluginMap: {
      "typescript-operations": typescriptOperationsPlugin,
      "typed-document-node": typedDocumentNodePlugin,
    },
  });
  return output;
}

const HEADER = `// Generated by packages/sdk/scripts/subgraph-codegen.mjs (GraphQL Code Generator) from
// src/subgraph/queries/*.graphql against the subgraph's query API (schema.graphql beside this file). Do not edit.
/* eslint-disable */
`;

/**
 * `--schema <dir>` (the subgraph's schema parts), `--queries <dir>` and `--out <dir>` (relative to the
 * working directory) replace the defaults, for tests and for trying queries against a schema in progress.
 * @param {readonly string[]} argv
 * @returns {{ schema: string, queries: string, out: string }}
 */
function parseArgs(argv) {
  /** @type {{ schema: string, queries: string, out: string }} */
  const options = { schema: SCHEMA_PARTS_DIR, queries: QUERIES_DIR, out: OUTPUT_DIR };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const key = flag?.startsWith("--") ? flag.slice(2) : "";
    if (!(key === "schema" || key === "queries" || key === "out") || !value) {
      throw new Error(
        "usage: node scripts/subgraph-codegen.mjs [--schema <dir>] [--queries <dir>] [--out <dir>]",
      );
    }
    options[key] = resolve(value);
  }
  return options;
}

/**
 * Writes the query API schema and the typed operations of `queries` into `out`. Throws an Error naming every
 * invalid document (file:line:column and the message) when the queries do not match the schema.
 * @param {{ schema: string, queries: string, out: string }} dirs
 * @returns {Promise<number>} how many query documents were generated
 */
export async function generateSdkQueries({ schema, queries, out }) {
  const subgraphSdl = await joinSubgraphSchema(schema);
  const apiSdl = apiSchemaSdl(subgraphSdl);
  const documents = await readQueryDocuments(queries);
  let code;
  try {
    code = await generateOperations(apiSdl, documents);
  } catch (error) {
    // codegen's validation error lists every invalid document with its location and message.
    const detail =
      error instanceof AggregateError
        ? error.errors.map((e) => (e instanceof Error ? e.message : String(e))).join("\n")
        : error instanceof Error
          ? error.message
          : String(error);
    throw new Error(`the subgraph queries do not match the subgraph's API schema:\n${detail}`);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, "schema.graphql"),
    `# Generated by packages/sdk/scripts/subgraph-codegen.mjs from subgraph/schema/*.graphql: the query API\n# @dmex/indexer (and graph-node) serve for that schema. Do not edit.\n\n${apiSdl}\n`,
  );
  await writeFile(join(out, "graphql.ts"), HEADER + code);
  return documents.length;
}

async function main() {
  const dirs = parseArgs(process.argv.slice(2));
  const count = await generateSdkQueries(dirs);
  console.log(
    `sdk: ${relative(SDK_ROOT, dirs.out)}/ from ${count} query document(s) against the subgraph's API schema`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`sdk: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
