// `type _Schema_ @fulltext(name, language, algorithm, include: [{ entity, fields: [{ name }] }])`, checked as
// graph-node checks it (graph/src/schema/input/mod.rs, `validate_fulltext_directives`), with the same messages.
import { type ConstDirectiveNode, type ConstValueNode, Kind, type ObjectTypeDefinitionNode } from "graphql";
import { SchemaError } from "./errors.js";
import type { EntityModel, FulltextAlgorithm, FulltextLanguage, FulltextModel } from "./model.js";

/** graph-node's languages; only those FTS5 tokenizes as Postgres does are accepted (FulltextLanguage). */
const GRAPH_NODE_LANGUAGES: ReadonlySet<string> = new Set([
  "simple",
  "da",
  "nl",
  "en",
  "fi",
  "fr",
  "de",
  "hu",
  "it",
  "no",
  "pt",
  "ro",
  "ru",
  "es",
  "sv",
  "tr",
]);

const ALGORITHMS: ReadonlySet<string> = new Set<FulltextAlgorithm>(["rank", "proximityRank"]);

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function objectField(value: ConstValueNode, name: string): ConstValueNode | undefined {
  return value.kind === Kind.OBJECT ? value.fields.find((f) => f.name.value === name)?.value : undefined;
}

function language(directive: ConstDirectiveNode, name: string): FulltextLanguage {
  const value = argument(directive, "language");
  if (value?.kind !== Kind.ENUM) throw new SchemaError("Fulltext language is undefined");
  const code = value.value;
  if (!GRAPH_NODE_LANGUAGES.has(code)) throw new SchemaError(`Fulltext language is invalid: ${code}`);
  if (code !== "simple" && code !== "en") {
    // Postgres stems and drops stop words per language; FTS5 ships an English (Porter) stemmer only, and
    // searching without the language's stemmer would silently miss matches graph-node finds.
    throw new SchemaError(
      `@fulltext "${name}": language ${code} is not supported by this indexer (SQLite FTS5 stems English only): use en or simple`,
    );
  }
  return code;
}

function algorithm(directive: ConstDirectiveNode): FulltextAlgorithm {
  const value = argument(directive, "algorithm");
  if (value?.kind !== Kind.ENUM) throw new SchemaError("Fulltext algorithm is undefined");
  if (!ALGORITHMS.has(value.value)) {
    throw new SchemaError(
      `Fulltext algorithm is invalid: The provided fulltext search algorithm ${value.value} is invalid. It must be one of: rank, proximityRank`,
    );
  }
  return value.value as FulltextAlgorithm;
}

function include(
  directive: ConstDirectiveNode,
  name: string,
  entities: ReadonlyMap<string, EntityModel>,
): { entity: string; fields: string[] } {
  const list = argument(directive, "include");
  if (list?.kind !== Kind.LIST || list.values.length === 0) {
    throw new SchemaError("Fulltext directive requires an 'include' list");
  }
  if (list.values.length > 1) {
    // graph-node accepts several but its query field searches the first entity only.
    throw new SchemaError(
      `@fulltext "${name}": include one entity only (graph-node searches the first only)`,
    );
  }
  const only = list.values[0];
  if (only?.kind !== Kind.OBJECT) throw new SchemaError("Fulltext 'include' list must contain an object");
  const entityValue = objectField(only, "entity");
  const fieldsValue = objectField(only, "fields");
  if (entityValue?.kind !== Kind.STRING || fieldsValue?.kind !== Kind.LIST) {
    throw new SchemaError("Fulltext 'include' object must have 'entity' and 'fields' attributes");
  }
  const entity = entities.get(entityValue.value);
  if (!entity)
    throw new SchemaError("Fulltext directive includes an entity not found on the subgraph schema");
  const fields: string[] = [];
  for (const value of fieldsValue.values) {
    if (value.kind !== Kind.OBJECT) {
      throw new SchemaError("Fulltext 'include' object must have 'entity' and 'fields' attributes");
    }
    const fieldName = objectField(value, "name");
    if (fieldName?.kind !== Kind.STRING)
      throw new SchemaError("Fulltext include field must have a 'name' attribute");
    const field = entity.fieldsByName.get(fieldName.value);
    const isString =
      field?.type.kind === "scalar" && (field.type.name === "String" || field.type.name === "ID");
    if (!field || !isString || field.list || field.derivedFrom !== null) {
      throw new SchemaError(`Fulltext entity field, ${fieldName.value}, not found or not a string`);
    }
    if (!fields.includes(field.name)) fields.push(field.name);
  }
  if (fields.length === 0) throw new SchemaError(`@fulltext "${name}": include names no fields`);
  return { entity: entity.name, fields };
}

/**
 * The `@fulltext` directives of the `_Schema_` type (`undefined` when the schema has none). `taken` holds the
 * query field names the API generates for entity types, which a search field may not reuse.
 */
export function parseFulltext(
  schemaType: ObjectTypeDefinitionNode | undefined,
  entities: ReadonlyMap<string, EntityModel>,
  taken: ReadonlySet<string>,
): Map<string, FulltextModel> {
  const out = new Map<string, FulltextModel>();
  if (!schemaType) return out;
  if ((schemaType.fields ?? []).length > 0) throw new SchemaError("type `_Schema_` may not have fields");
  for (const directive of schemaType.directives ?? []) {
    if (directive.name.value !== "fulltext") {
      throw new SchemaError(
        `type \`_Schema_\`: directive @${directive.name.value} is not allowed, only @fulltext`,
      );
    }
    const nameValue = argument(directive, "name");
    if (nameValue?.kind !== Kind.STRING) throw new SchemaError("Fulltext directive name undefined");
    const name = nameValue.value;
    if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(name) || name.startsWith("__")) {
      throw new SchemaError(`@fulltext name "${name}" is not a GraphQL field name`);
    }
    if (taken.has(name)) throw new SchemaError(`Fulltext directive name overlaps with type: ${name}`);
    if (out.has(name)) throw new SchemaError(`Fulltext directive name conflicts with another: ${name}`);
    const lang = language(directive, name);
    const algo = algorithm(directive);
    const { entity, fields } = include(directive, name, entities);
    out.set(name, { name, language: lang, algorithm: algo, entity, fields });
  }
  return out;
}

/** graph-node refuses a subgraph using `@fulltext` without declaring the feature; so does this indexer. */
export function checkFulltextFeature(
  fulltext: ReadonlyMap<string, FulltextModel>,
  features: readonly string[],
): void {
  if (fulltext.size > 0 && !features.includes("fullTextSearch")) {
    throw new SchemaError(
      "The feature `fullTextSearch` is used by the subgraph but it is not declared in the manifest.",
    );
  }
}
