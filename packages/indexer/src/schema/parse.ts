import { createHash } from "node:crypto";
import {
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  GraphQLError,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
} from "graphql";
import { bucketEntities, checkIdAndTimestamp, parseAggregation } from "./aggregation.js";
import { SchemaError } from "./errors.js";
import { parseFulltext } from "./fulltext.js";
import type {
  AggregationModel,
  BaseType,
  EntityModel,
  EnumModel,
  FieldModel,
  FulltextModel,
  IdType,
  InterfaceModel,
  ScalarName,
  SchemaModel,
} from "./model.js";
import { queryFieldNames } from "./naming.js";

const SCALARS: ReadonlySet<string> = new Set<ScalarName>([
  "ID",
  "String",
  "Bytes",
  "Int",
  "Int8",
  "BigInt",
  "BigDecimal",
  "Boolean",
  "Timestamp",
]);

/** Names the generated API uses itself; an entity by one of these names would collide. */
const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set(["Query", "Subscription", "_Meta_", "_Block_"]);

interface RawField {
  readonly name: string;
  readonly typeName: string;
  readonly nonNull: boolean;
  readonly list: boolean;
  readonly itemNonNull: boolean;
  readonly derivedFrom: string | null;
}

interface RawObject {
  readonly name: string;
  readonly kind: "entity" | "interface";
  readonly immutable: boolean;
  readonly timeseries: boolean;
  readonly fields: readonly RawField[];
  readonly interfaces: readonly string[];
}

interface RawAggregation {
  readonly definition: ObjectTypeDefinitionNode;
  readonly directive: ConstDirectiveNode;
  readonly fields: readonly RawField[];
}

/** Parses a subgraph's `schema.graphql` into the model the store and the GraphQL API are generated from. */
export function parseSchema(sdl: string): SchemaModel {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(sdl);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : String(error);
    throw new SchemaError(`schema.graphql is not valid GraphQL: ${message}`);
  }

  const objects: RawObject[] = [];
  const rawAggregations: RawAggregation[] = [];
  const enums = new Map<string, EnumModel>();
  let schemaType: ObjectTypeDefinitionNode | undefined;
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION: {
        const name = definition.name.value;
        if (name === "_Schema_") {
          if (schemaType) throw new SchemaError("type `_Schema_` is defined more than once");
          schemaType = definition;
          continue;
        }
        const entity = findDirective(definition.directives, "entity");
        const aggregation = findDirective(definition.directives, "aggregation");
        if (aggregation) {
          if (entity) throw new SchemaError(`type \`${name}\`: @aggregation types can not also be @entity`);
          rawAggregations.push({
            definition,
            directive: aggregation,
            fields: (definition.fields ?? []).map((field) => rawField(name, field)),
          });
          continue;
        }
        if (!entity) throw new SchemaError(`type \`${name}\` must be annotated with @entity`);
        const timeseries = directiveBoolean(entity, "timeseries", name);
        const immutableArg = entity.arguments?.some((a) => a.name.value === "immutable") ?? false;
        if (timeseries && immutableArg && !directiveBoolean(entity, "immutable", name)) {
          throw new SchemaError(`type \`${name}\`: timeseries are immutable; remove \`immutable: false\``);
        }
        const immutable = timeseries || directiveBoolean(entity, "immutable", name);
        objects.push({
          name,
          kind: "entity",
          immutable,
          timeseries,
          fields: (definition.fields ?? []).map((field) => rawField(name, field)),
          interfaces: (definition.interfaces ?? []).map((i) => i.name.value),
        });
        break;
      }
      case Kind.INTERFACE_TYPE_DEFINITION: {
        const name = definition.name.value;
        objects.push({
          name,
          kind: "interface",
          immutable: false,
          timeseries: false,
          fields: (definition.fields ?? []).map((field) => rawField(name, field)),
          interfaces: [],
        });
        break;
      }
      case Kind.ENUM_TYPE_DEFINITION: {
        const name = definition.name.value;
        const values = (definition.values ?? []).map((v) => v.name.value);
        if (values.length === 0) throw new SchemaError(`enum \`${name}\` has no values`);
        enums.set(name, { name, values });
        break;
      }
      case Kind.DIRECTIVE_DEFINITION:
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
        if (!SCALARS.has(definition.name.value)) {
          throw new SchemaError(`scalar \`${definition.name.value}\` is not supported`);
        }
        break;
      default:
        throw new SchemaError(`schema.graphql: \`${definition.kind}\` definitions are not supported`);
    }
  }

  const names = new Set<string>();
  for (const name of [
    ...objects.map((o) => o.name),
    ...rawAggregations.map((a) => a.definition.name.value),
    ...enums.keys(),
  ]) {
    if (names.has(name)) throw new SchemaError(`type \`${name}\` is defined more than once`);
    if (RESERVED_TYPE_NAMES.has(name) || name.startsWith("__")) {
      throw new SchemaError(`type \`${name}\`: the name is reserved`);
    }
    if (SCALARS.has(name)) throw new SchemaError(`type \`${name}\`: the name is a built-in scalar`);
    names.add(name);
  }
  const rawByName = new Map(objects.map((o) => [o.name, o]));
  const entityObjects = objects.filter((o) => o.kind === "entity");
  if (entityObjects.length === 0) throw new SchemaError("schema.graphql defines no @entity types");

  const idTypes = new Map<string, IdType>();
  for (const entity of entityObjects) idTypes.set(entity.name, entityIdType(entity));
  const implementations = new Map<string, string[]>();
  for (const entity of entityObjects) {
    for (const name of entity.interfaces) {
      const iface = rawByName.get(name);
      if (iface?.kind !== "interface") {
        throw new SchemaError(`type \`${entity.name}\` implements \`${name}\`, which is not an interface`);
      }
      const list = implementations.get(name) ?? [];
      list.push(entity.name);
      implementations.set(name, list);
    }
  }
  for (const iface of objects.filter((o) => o.kind === "interface")) {
    const impls = implementations.get(iface.name) ?? [];
    const kinds = new Set(impls.map((n) => idTypes.get(n)));
    if (kinds.size > 1) {
      throw new SchemaError(`interface \`${iface.name}\`: its implementations have different id types`);
    }
    const first = impls[0];
    idTypes.set(iface.name, (first === undefined ? undefined : idTypes.get(first)) ?? entityIdType(iface));
  }

  const resolveType = (owner: string, field: RawField): BaseType => {
    if (SCALARS.has(field.typeName)) return { kind: "scalar", name: field.typeName as ScalarName };
    if (enums.has(field.typeName)) return { kind: "enum", name: field.typeName };
    const idType = idTypes.get(field.typeName);
    if (idType !== undefined) return { kind: "reference", name: field.typeName, idType };
    throw new SchemaError(`field \`${owner}.${field.name}\`: unknown type \`${field.typeName}\``);
  };

  const buildFields = (owner: RawObject): FieldModel[] =>
    owner.fields.map((raw) => {
      const type = resolveType(owner.name, raw);
      if (raw.derivedFrom !== null && type.kind !== "reference") {
        throw new SchemaError(
          `field \`${owner.name}.${raw.name}\`: @derivedFrom is only allowed on fields referencing entities`,
        );
      }
      return { ...raw, type };
    });

  const entities = new Map<string, EntityModel>();
  const interfaces = new Map<string, InterfaceModel>();
  for (const object of objects) {
    const fields = buildFields(object);
    const fieldsByName = new Map(fields.map((f) => [f.name, f]));
    const idType = idTypes.get(object.name) ?? "String";
    if (object.kind === "entity") {
      if (object.timeseries) checkIdAndTimestamp("timeseries", object.name, fieldsByName);
      entities.set(object.name, {
        name: object.name,
        immutable: object.immutable,
        idType,
        fields,
        fieldsByName,
        interfaces: object.interfaces,
        ...(object.timeseries ? { timeseries: true } : {}),
      });
    } else {
      interfaces.set(object.name, {
        name: object.name,
        idType,
        fields,
        fieldsByName,
        implementations: implementations.get(object.name) ?? [],
      });
    }
  }

  for (const entity of entities.values()) {
    for (const ifaceName of entity.interfaces) {
      const iface = interfaces.get(ifaceName);
      for (const field of iface?.fields ?? []) {
        const own = entity.fieldsByName.get(field.name);
        if (!own || own.type.name !== field.type.name || own.list !== field.list) {
          throw new SchemaError(
            `type \`${entity.name}\` implements \`${ifaceName}\` but lacks its field \`${field.name}\` (or types it differently)`,
          );
        }
      }
    }
  }
  for (const owner of [...entities.values(), ...interfaces.values()]) {
    for (const field of owner.fields) checkDerived(owner.name, field, entities, interfaces);
  }

  const taken = new Set(["_meta"]);
  for (const name of [...entities.keys(), ...interfaces.keys()]) {
    const { singular, plural } = queryFieldNames(name);
    taken.add(singular).add(plural);
  }
  const aggregations = new Map<string, AggregationModel>();
  for (const raw of rawAggregations) {
    const name = raw.definition.name.value;
    const fields: FieldModel[] = raw.fields.map((f) => ({ ...f, type: resolveType(name, f) }));
    const aggregation = parseAggregation(raw.definition, raw.directive, fields, entities);
    aggregations.set(name, aggregation);
    const { plural } = queryFieldNames(name);
    if (taken.has(plural))
      throw new SchemaError(`aggregation \`${name}\`: its query field \`${plural}\` is taken`);
    taken.add(plural);
  }
  for (const aggregation of aggregations.values()) {
    for (const bucket of bucketEntities(aggregation)) {
      if (entities.has(bucket.name)) {
        throw new SchemaError(
          `aggregation \`${aggregation.name}\`: the type name \`${bucket.name}\` is taken (this indexer keeps the buckets there)`,
        );
      }
      entities.set(bucket.name, bucket);
    }
  }
  const fulltext = parseFulltext(schemaType, entities, taken);
  return {
    entities,
    interfaces,
    enums,
    fulltext,
    aggregations,
    fingerprint: fingerprint(entities, interfaces, enums, fulltext, aggregations),
  };
}

function checkDerived(
  owner: string,
  field: FieldModel,
  entities: ReadonlyMap<string, EntityModel>,
  interfaces: ReadonlyMap<string, InterfaceModel>,
): void {
  if (field.derivedFrom === null) return;
  const target = entities.get(field.type.name) ?? interfaces.get(field.type.name);
  const back = target?.fieldsByName.get(field.derivedFrom);
  if (!back) {
    throw new SchemaError(
      `field \`${owner}.${field.name}\`: @derivedFrom(field: "${field.derivedFrom}") names no field of \`${field.type.name}\``,
    );
  }
  if (back.type.kind !== "reference" || back.derivedFrom !== null) {
    throw new SchemaError(
      `field \`${owner}.${field.name}\`: @derivedFrom(field: "${field.derivedFrom}") must name a stored field of \`${field.type.name}\` that references \`${owner}\``,
    );
  }
  const ownerInterfaces = entities.get(owner)?.interfaces ?? [];
  if (back.type.name !== owner && !ownerInterfaces.includes(back.type.name)) {
    throw new SchemaError(
      `field \`${owner}.${field.name}\`: \`${field.type.name}.${field.derivedFrom}\` references \`${back.type.name}\`, not \`${owner}\``,
    );
  }
}

function entityIdType(object: RawObject): IdType {
  const id = object.fields.find((f) => f.name === "id");
  if (!id) throw new SchemaError(`type \`${object.name}\` has no \`id\` field`);
  if (!id.nonNull || id.list) {
    throw new SchemaError(`type \`${object.name}\`: field \`id\` must be non-null and not a list`);
  }
  switch (id.typeName) {
    case "ID":
    case "String":
      return "String";
    case "Bytes":
      return "Bytes";
    case "Int8":
      return "Int8";
    default:
      throw new SchemaError(
        `type \`${object.name}\`: field \`id\` must be of type ID, String, Bytes or Int8, not ${id.typeName}`,
      );
  }
}

function rawField(owner: string, node: FieldDefinitionNode): RawField {
  const name = node.name.value;
  if (name.startsWith("__")) throw new SchemaError(`field \`${owner}.${name}\`: names may not start with __`);
  if ((node.arguments ?? []).length > 0) {
    throw new SchemaError(`field \`${owner}.${name}\`: fields of entities take no arguments`);
  }
  let type: TypeNode = node.type;
  let nonNull = false;
  let list = false;
  let itemNonNull = false;
  if (type.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    type = type.type;
  }
  if (type.kind === Kind.LIST_TYPE) {
    list = true;
    type = type.type;
    if (type.kind === Kind.NON_NULL_TYPE) {
      itemNonNull = true;
      type = type.type;
    }
  }
  if (type.kind !== Kind.NAMED_TYPE) {
    throw new SchemaError(`field \`${owner}.${name}\`: lists of lists are not supported`);
  }
  const derived = findDirective(node.directives, "derivedFrom");
  let derivedFrom: string | null = null;
  if (derived) {
    const arg = derived.arguments?.find((a) => a.name.value === "field");
    if (arg?.value.kind !== Kind.STRING) {
      throw new SchemaError(`field \`${owner}.${name}\`: @derivedFrom needs a string argument \`field\``);
    }
    derivedFrom = arg.value.value;
  }
  return { name, typeName: type.name.value, nonNull, list, itemNonNull, derivedFrom };
}

function findDirective(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): ConstDirectiveNode | undefined {
  return directives?.find((d) => d.name.value === name);
}

function directiveBoolean(directive: ConstDirectiveNode, arg: string, owner: string): boolean {
  const found = directive.arguments?.find((a) => a.name.value === arg);
  if (!found) return false;
  if (found.value.kind !== Kind.BOOLEAN) {
    throw new SchemaError(`type \`${owner}\`: @${directive.name.value}(${arg}:) must be a boolean`);
  }
  return found.value.value;
}

function fingerprint(
  entities: ReadonlyMap<string, EntityModel>,
  interfaces: ReadonlyMap<string, InterfaceModel>,
  enums: ReadonlyMap<string, EnumModel>,
  fulltext: ReadonlyMap<string, FulltextModel>,
  aggregations: ReadonlyMap<string, AggregationModel>,
): string {
  // Only what shapes the stored data and the API goes in, so comments and declaration order do not matter.
  const fields = (list: readonly FieldModel[]) =>
    [...list]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((f) => [f.name, f.type.kind, f.type.name, f.nonNull, f.list, f.itemNonNull, f.derivedFrom]);
  const canonical = {
    entities: [...entities.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => [e.name, e.immutable, e.idType, fields(e.fields)]),
    interfaces: [...interfaces.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((i) => [i.name, fields(i.fields)]),
    enums: [...enums.values()].sort((a, b) => a.name.localeCompare(b.name)).map((e) => [e.name, e.values]),
    // Only when present, so that schemas without search fields keep the fingerprints their stores hold.
    ...(fulltext.size > 0
      ? {
          fulltext: [...fulltext.values()]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((f) => [f.name, f.language, f.algorithm, f.entity, f.fields]),
        }
      : {}),
    // Likewise only when present: the timeseries and what the buckets compute shape the stored data.
    ...(aggregations.size > 0
      ? {
          timeseries: [...entities.values()]
            .filter((e) => e.timeseries)
            .map((e) => e.name)
            .sort(),
          aggregations: [...aggregations.values()]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((a) => [a.name, a.source, a.intervals, a.dimensions, a.aggregates]),
        }
      : {}),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
