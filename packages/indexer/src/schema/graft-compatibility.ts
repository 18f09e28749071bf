// Whether a graft's base data can be copied into a subgraph with this schema, by graph-node's rules
// (store/postgres/src/relational.rs, `Layout::can_copy_from` and `Column::is_assignable_from`): entity types
// only in one of the two schemas are fine (not copied, or starting empty); for a type in both, every stored
// attribute of the new type must have the base's column type (lists as lists), must not be non-null where the
// base's is nullable, and must be nullable where the base has no such attribute; an enum must hold every value
// of the base's enum. One more rule here: a type immutable in the new schema must be immutable in the base
// (this store keeps an immutable type's versions open forever, so a base's closed versions would not fit).
import { expectedKind } from "../store/codec.js";
import type { EntityModel, FieldModel, SchemaModel } from "./model.js";

/** What makes the base's data unfit for the new schema, one line each; empty when it can be copied. */
export function graftIncompatibilities(schema: SchemaModel, base: SchemaModel): string[] {
  const problems: string[] = [];
  for (const entity of schema.entities.values()) {
    const source = base.entities.get(entity.name);
    if (source === undefined) continue;
    if (entity.idType !== source.idType) {
      problems.push(
        `The attribute ${entity.name}.id has type ${entity.idType}, but its type in the source is ${source.idType}`,
      );
    }
    if (entity.immutable && !source.immutable) {
      problems.push(`The type ${entity.name} is immutable, but it is mutable in the source`);
    }
    for (const field of stored(entity)) {
      const from = source.fieldsByName.get(field.name);
      const problem =
        from === undefined || from.derivedFrom !== null
          ? field.nonNull
            ? `The attribute ${entity.name}.${field.name} is non-nullable, but there is no such attribute in the source`
            : null
          : assignable(entity.name, field, from, schema, base);
      if (problem !== null) problems.push(problem);
    }
  }
  return problems;
}

function stored(entity: EntityModel): FieldModel[] {
  return entity.fields.filter((f) => f.name !== "id" && f.derivedFrom === null);
}

function typeText(field: FieldModel): string {
  const item = field.list ? `[${field.type.name}${field.itemNonNull ? "!" : ""}]` : field.type.name;
  return `${item}${field.nonNull ? "!" : ""}`;
}

function assignable(
  entity: string,
  field: FieldModel,
  source: FieldModel,
  schema: SchemaModel,
  base: SchemaModel,
): string | null {
  const where = `${entity}.${field.name}`;
  if (field.nonNull && !source.nonNull) {
    return `The attribute ${where} is non-nullable, but the corresponding attribute in the source is nullable`;
  }
  if (field.type.kind === "enum") {
    if (source.type.kind !== "enum") {
      return `The attribute ${where} is an enum ${typeText(field)}, but its type in the source is ${typeText(source)}`;
    }
    const values = new Set(schema.enums.get(field.type.name)?.values ?? []);
    const missing = (base.enums.get(source.type.name)?.values ?? []).filter((v) => !values.has(v));
    if (missing.length > 0) {
      return `the enum type ${source.type.name} contains values not present in ${field.type.name}: ${missing.join(", ")}`;
    }
    return null;
  }
  if (
    source.type.kind === "enum" ||
    expectedKind(field.type) !== expectedKind(source.type) ||
    field.list !== source.list
  ) {
    return `The attribute ${where} has type ${typeText(field)}, but its type in the source is ${typeText(source)}`;
  }
  return null;
}
