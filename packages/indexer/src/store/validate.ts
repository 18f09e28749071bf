// Checks a `store.set` against the schema and merges it into the existing entity, as graph-node does: fields
// the mapping did not give keep their values, `null` clears a field.
import type { EntityModel, FieldModel } from "../schema/model.js";
import type { EntityData, EntityKey, Value } from "../types.js";
import { displayValue, expectedKind, idValueKind, idValueToKey, kindName } from "./codec.js";
import { canonicalDecimal } from "./decimal.js";
import { StoreValidationError } from "./errors.js";

/** The field's GraphQL type as the schema spells it (`BigInt!`, `[String!]`), as graph-node's messages do. */
function fieldTypeName(field: FieldModel): string {
  const base = field.type.name + (field.list && field.itemNonNull ? "!" : "");
  return (field.list ? `[${base}]` : base) + (field.nonNull ? "!" : "");
}

function invalidType(
  model: EntityModel,
  id: EntityKey,
  field: FieldModel,
  value: Value,
): StoreValidationError {
  return new StoreValidationError(
    model.name,
    id,
    field.name,
    `Entity ${model.name}[${id}]: the value \`${displayValue(value)}\` for field \`${field.name}\` must have type ${fieldTypeName(field)} but has type ${kindName(value.kind)}`,
  );
}

/** Enum values must be declared; BigDecimals are stored in canonical form. */
function normalize(
  model: EntityModel,
  id: EntityKey,
  field: FieldModel,
  value: Value,
  enumValues: (name: string) => readonly string[] | undefined,
): Value {
  if (value.kind === "BigDecimal") {
    const canonical = canonicalDecimal(value.value);
    if (canonical === null) throw invalidType(model, id, field, value);
    return canonical === value.value ? value : { kind: "BigDecimal", value: canonical };
  }
  if (field.type.kind === "enum" && value.kind === "String") {
    const allowed = enumValues(field.type.name) ?? [];
    if (!allowed.includes(value.value)) {
      throw new StoreValidationError(
        model.name,
        id,
        field.name,
        `Entity ${model.name}[${id}]: the value \`${value.value}\` for field \`${field.name}\` is not a value of enum ${field.type.name} (${allowed.join(", ")})`,
      );
    }
  }
  return value;
}

function checkValue(
  model: EntityModel,
  id: EntityKey,
  field: FieldModel,
  value: Value,
  enumValues: (name: string) => readonly string[] | undefined,
): Value {
  const kind = expectedKind(field.type);
  if (!field.list) {
    if (value.kind !== kind) throw invalidType(model, id, field, value);
    return normalize(model, id, field, value, enumValues);
  }
  if (value.kind !== "Array") throw invalidType(model, id, field, value);
  const items = value.value.map((item, index) => {
    if (item.kind === "Null" && !field.itemNonNull) return item;
    if (item.kind !== kind) {
      throw new StoreValidationError(
        model.name,
        id,
        field.name,
        `Entity ${model.name}[${id}]: field \`${field.name}\` is of type ${fieldTypeName(field)}, but the value \`${displayValue(value)}\` contains a ${kindName(item.kind)} at index ${index}`,
      );
    }
    return normalize(model, id, field, item, enumValues);
  });
  return { kind: "Array", value: items };
}

/**
 * The entity after `set(model, id, data)` on `existing`; throws `StoreValidationError` naming the entity and
 * field for unknown or derived fields, values of the wrong kind, a wrong `id` and missing non-null fields.
 */
export function mergeEntity(
  model: EntityModel,
  id: EntityKey,
  existing: EntityData | null,
  data: EntityData,
  enumValues: (name: string) => readonly string[] | undefined,
): EntityData {
  const merged: EntityData = new Map(existing ?? []);
  for (const [name, value] of data) {
    const field = model.fieldsByName.get(name);
    if (!field) {
      throw new StoreValidationError(
        model.name,
        id,
        name,
        `Entity ${model.name}[${id}]: unknown field \`${name}\`. It probably is not part of the schema`,
      );
    }
    if (field.derivedFrom !== null) {
      throw new StoreValidationError(
        model.name,
        id,
        name,
        `Entity ${model.name}[${id}]: field \`${name}\` is derived and cannot be set`,
      );
    }
    if (name === "id") {
      const key = idValueToKey(value);
      if (value.kind !== idValueKind(model.idType)) throw invalidType(model, id, field, value);
      if (key !== id) {
        throw new StoreValidationError(
          model.name,
          id,
          "id",
          `Entity ${model.name}[${id}]: the value of field \`id\` is \`${displayValue(value)}\`, not the key it is saved under`,
        );
      }
      merged.set("id", value);
      continue;
    }
    if (value.kind === "Null") {
      merged.delete(name);
      continue;
    }
    merged.set(name, checkValue(model, id, field, value, enumValues));
  }
  for (const field of model.fields) {
    if (field.nonNull && field.derivedFrom === null && field.name !== "id" && !merged.has(field.name)) {
      throw new StoreValidationError(
        model.name,
        id,
        field.name,
        `Entity ${model.name}[${id}]: missing value for non-nullable field \`${field.name}\``,
      );
    }
  }
  return merged;
}
