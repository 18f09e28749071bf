// Turns a coerced `where` argument into the store's `EntityFilter`.
import { GraphQLError } from "graphql";
import type { EntityModel, FieldModel, InterfaceModel, SchemaModel } from "../schema/model.js";
import { expectedKind } from "../store/codec.js";
import { type EntityFilter, type FilterOp, hexToBytes } from "../store/index.js";
import type { Value } from "../types.js";

export const FILTER_SUFFIXES: readonly Exclude<FilterOp, "eq">[] = [
  "not",
  "gt",
  "lt",
  "gte",
  "lte",
  "in",
  "not_in",
  "contains",
  "contains_nocase",
  "not_contains",
  "not_contains_nocase",
  "starts_with",
  "starts_with_nocase",
  "not_starts_with",
  "not_starts_with_nocase",
  "ends_with",
  "ends_with_nocase",
  "not_ends_with",
  "not_ends_with_nocase",
];

// Longest first, so that `name_not_in` is not read as `name_not` + `in`.
const BY_LENGTH = [...FILTER_SUFFIXES].sort((a, b) => b.length - a.length);

type Owner = EntityModel | InterfaceModel;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeError(name: string, message: string): GraphQLError {
  return new GraphQLError(`Failed to decode \`${name}\` value: \`${message}\``);
}

/** One scalar input (already coerced by the GraphQL scalars) as the `Value` the field's column holds. */
function toValue(field: FieldModel, raw: unknown, argName: string): Value {
  if (raw === null || raw === undefined) return { kind: "Null" };
  switch (expectedKind(field.type)) {
    case "String":
      return { kind: "String", value: String(raw) };
    case "Int":
      return { kind: "Int", value: Number(raw) };
    case "Bool":
      return { kind: "Bool", value: raw === true };
    case "BigDecimal":
      return { kind: "BigDecimal", value: String(raw) };
    case "BigInt":
      return { kind: "BigInt", value: BigInt(raw as bigint) };
    case "Timestamp":
      return { kind: "Timestamp", value: BigInt(raw as bigint) };
    case "Int8":
      return { kind: "Int8", value: BigInt(raw as bigint | number) };
    case "Bytes": {
      if (raw instanceof Uint8Array) return { kind: "Bytes", value: raw };
      const bytes = hexToBytes(String(raw));
      if (!bytes) throw decodeError(argName, `${String(raw)} is not a hex string of whole bytes`);
      return { kind: "Bytes", value: bytes };
    }
    default:
      throw decodeError(argName, `unsupported value ${String(raw)}`);
  }
}

function takesList(field: FieldModel, op: FilterOp): boolean {
  return field.list || op === "in" || op === "not_in";
}

function compare(field: FieldModel, op: FilterOp, raw: unknown, argName: string): EntityFilter {
  let value: Value;
  if (takesList(field, op) && raw !== null) {
    const items = Array.isArray(raw) ? raw : [raw];
    value = { kind: "Array", value: items.map((item) => toValue(field, item, argName)) };
  } else {
    value = toValue(field, raw, argName);
  }
  return { kind: "compare", field: field.name, op, value };
}

function target(schema: SchemaModel, field: FieldModel): Owner {
  const owner = schema.entities.get(field.type.name) ?? schema.interfaces.get(field.type.name);
  if (!owner) throw new GraphQLError(`Type \`${field.type.name}\` is not an entity type`);
  return owner;
}

/** The filter for `where`, or `null` when it filters nothing. */
export function convertWhere(schema: SchemaModel, owner: Owner, where: unknown): EntityFilter | null {
  if (where === null || where === undefined) return null;
  if (!isRecord(where)) throw new GraphQLError("Filter must by an object");
  if (where.or !== undefined) {
    // graph-node refuses `{ x: 1, or: [...] }`: whether `x` applies to each branch would be ambiguous.
    const columns = Object.keys(where)
      .filter((key) => key !== "or" && key !== "and" && key !== "_change_block" && where[key] !== undefined)
      .map((key) => `'${key}'`);
    if (columns.length > 0) {
      const list = columns.join(", ");
      throw new GraphQLError(
        `Cannot mix column filters with 'or' operator at the same level. Found column filter(s) ${list} alongside 'or' operator.\n\nInstead of:\nwhere: { ${list}, or: [...] }\n\nUse:\nwhere: { or: [{ ${list}, ... }, { ${list}, ... }] }`,
      );
    }
  }
  const filters: EntityFilter[] = [];
  for (const [key, raw] of Object.entries(where)) {
    if (raw === undefined) continue;
    if (key === "and" || key === "or") {
      if (raw === null) continue;
      const list = Array.isArray(raw) ? raw : [raw];
      const inner = list.map(
        (item): EntityFilter => convertWhere(schema, owner, item) ?? { kind: "and", filters: [] },
      );
      filters.push({ kind: key, filters: inner });
      continue;
    }
    if (key === "_change_block") {
      if (isRecord(raw)) filters.push({ kind: "changedSince", block: Number(raw.number_gte) });
      continue;
    }
    const exact = owner.fieldsByName.get(key);
    if (exact) {
      filters.push(compare(exact, "eq", raw, key));
      continue;
    }
    if (key.endsWith("_")) {
      const field = owner.fieldsByName.get(key.slice(0, -1));
      if (field?.type.kind === "reference") {
        const inner = convertWhere(schema, target(schema, field), raw);
        filters.push({ kind: "child", field: field.name, filter: inner ?? { kind: "and", filters: [] } });
        continue;
      }
    }
    const op = BY_LENGTH.find(
      (suffix) => key.endsWith(`_${suffix}`) && owner.fieldsByName.has(key.slice(0, -suffix.length - 1)),
    );
    const field = op ? owner.fieldsByName.get(key.slice(0, -(op.length + 1))) : undefined;
    if (!op || !field) throw new GraphQLError(`Entity \`${owner.name}\` has no attribute \`${key}\``);
    filters.push(compare(field, op, raw, key));
  }
  if (filters.length === 0) return null;
  if (filters.length === 1 && filters[0]) return filters[0];
  return { kind: "and", filters };
}
