// `@aggregation(intervals, source)` types and their `@aggregate(fn, arg, cumulative)` fields, checked as
// graph-node checks them (docs/aggregations.md), and the entity types that hold each interval's buckets.
import { type ConstDirectiveNode, Kind, type ObjectTypeDefinitionNode } from "graphql";
import { parseArgExpression } from "./aggregate-expression.js";
import { SchemaError } from "./errors.js";
import {
  type AggregateFn,
  type AggregateModel,
  type AggregationInterval,
  type AggregationModel,
  bucketEntityName,
  type EntityModel,
  type FieldModel,
} from "./model.js";

const INTERVALS: ReadonlySet<string> = new Set<AggregationInterval>(["hour", "day"]);
const FUNCTIONS: ReadonlySet<string> = new Set<AggregateFn>(["sum", "count", "min", "max", "first", "last"]);
const NUMERIC: ReadonlySet<string> = new Set(["Int", "Int8", "BigInt", "BigDecimal"]);

function isNumeric(field: FieldModel | undefined): boolean {
  return field !== undefined && field.type.kind === "scalar" && NUMERIC.has(field.type.name) && !field.list;
}

function stringArg(directive: ConstDirectiveNode, name: string, owner: string): string | null {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  if (arg.value.kind !== Kind.STRING)
    throw new SchemaError(`${owner}: @${directive.name.value}(${name}:) must be a string`);
  return arg.value.value;
}

/** Checks the `id: Int8!` and `timestamp: Timestamp!` fields timeseries and aggregations must have. */
export function checkIdAndTimestamp(
  kind: string,
  name: string,
  fields: ReadonlyMap<string, FieldModel>,
): void {
  const id = fields.get("id");
  if (id?.type.name !== "Int8" || !id.nonNull || id.list) {
    throw new SchemaError(`${kind} \`${name}\`: the \`id\` field must be of type Int8!`);
  }
  const timestamp = fields.get("timestamp");
  if (timestamp?.type.name !== "Timestamp" || !timestamp.nonNull || timestamp.list) {
    throw new SchemaError(`${kind} \`${name}\`: the \`timestamp\` field must be of type Timestamp!`);
  }
}

/**
 * The aggregation declared by `definition`, whose fields `fields` resolved (without their directives), over the
 * timeseries in `entities`.
 */
export function parseAggregation(
  definition: ObjectTypeDefinitionNode,
  directive: ConstDirectiveNode,
  fields: readonly FieldModel[],
  entities: ReadonlyMap<string, EntityModel>,
): AggregationModel {
  const name = definition.name.value;
  const owner = `aggregation \`${name}\``;
  const fieldsByName = new Map(fields.map((f) => [f.name, f]));
  checkIdAndTimestamp("aggregation", name, fieldsByName);

  const intervalsArg = directive.arguments?.find((a) => a.name.value === "intervals");
  if (intervalsArg?.value.kind !== Kind.LIST || intervalsArg.value.values.length === 0) {
    throw new SchemaError(`${owner}: @aggregation needs a non-empty list \`intervals\``);
  }
  const intervals: AggregationInterval[] = [];
  for (const value of intervalsArg.value.values) {
    if (value.kind !== Kind.STRING || !INTERVALS.has(value.value)) {
      throw new SchemaError(`${owner}: the intervals must be "hour" or "day"`);
    }
    if (intervals.includes(value.value as AggregationInterval)) {
      throw new SchemaError(`${owner}: the interval "${value.value}" is listed twice`);
    }
    intervals.push(value.value as AggregationInterval);
  }
  const sourceName = stringArg(directive, "source", owner);
  if (sourceName === null) throw new SchemaError(`${owner}: @aggregation needs a string \`source\``);
  const source = entities.get(sourceName);
  if (!source?.timeseries) {
    throw new SchemaError(`${owner}: the source \`${sourceName}\` is not an @entity(timeseries: true) type`);
  }

  const dimensions: string[] = [];
  const aggregates: AggregateModel[] = [];
  for (const node of definition.fields ?? []) {
    const field = fieldsByName.get(node.name.value);
    if (!field) continue;
    const fieldOwner = `field \`${name}.${field.name}\``;
    if (field.derivedFrom !== null)
      throw new SchemaError(`${fieldOwner}: @derivedFrom is not allowed in aggregations`);
    const aggregate = node.directives?.find((d) => d.name.value === "aggregate");
    if (!aggregate) {
      if (field.name === "id" || field.name === "timestamp") continue;
      const sourceField = source.fieldsByName.get(field.name);
      if (!sourceField || sourceField.type.name !== field.type.name || sourceField.list !== field.list) {
        throw new SchemaError(
          `${fieldOwner}: a dimension must be a field of the source \`${sourceName}\` with the same type`,
        );
      }
      dimensions.push(field.name);
      continue;
    }
    if (field.name === "id" || field.name === "timestamp") {
      throw new SchemaError(`${fieldOwner}: \`${field.name}\` can not be an aggregate`);
    }
    if (!isNumeric(field)) {
      throw new SchemaError(`${fieldOwner}: aggregates must be of type Int, Int8, BigInt or BigDecimal`);
    }
    const fn = stringArg(aggregate, "fn", fieldOwner);
    if (fn === null || !FUNCTIONS.has(fn)) {
      throw new SchemaError(
        `${fieldOwner}: @aggregate(fn:) must be one of sum, count, min, max, first, last`,
      );
    }
    const argText = stringArg(aggregate, "arg", fieldOwner);
    if (fn !== "count" && argText === null) {
      throw new SchemaError(`${fieldOwner}: @aggregate(fn: "${fn}") needs an \`arg\``);
    }
    const cumulativeArg = aggregate.arguments?.find((a) => a.name.value === "cumulative");
    if (cumulativeArg && cumulativeArg.value.kind !== Kind.BOOLEAN) {
      throw new SchemaError(`${fieldOwner}: @aggregate(cumulative:) must be a boolean`);
    }
    const arg =
      fn === "count" || argText === null
        ? null
        : parseArgExpression(fieldOwner, argText, (n) => {
            const sourceField = source.fieldsByName.get(n);
            if (isNumeric(sourceField)) return "number";
            return sourceField?.type.name === "Boolean" && !sourceField.list ? "boolean" : null;
          });
    aggregates.push({
      field: field.name,
      fn: fn as AggregateFn,
      arg,
      cumulative: cumulativeArg?.value.kind === Kind.BOOLEAN && cumulativeArg.value.value,
    });
  }
  if (aggregates.length === 0) throw new SchemaError(`${owner}: it has no @aggregate field`);
  return { name, source: sourceName, intervals, fields, fieldsByName, dimensions, aggregates };
}

/** The entity types holding `aggregation`'s buckets, one per interval. */
export function bucketEntities(aggregation: AggregationModel): EntityModel[] {
  return aggregation.intervals.map((interval) => ({
    name: bucketEntityName(aggregation.name, interval),
    immutable: true,
    idType: "Int8",
    fields: aggregation.fields,
    fieldsByName: aggregation.fieldsByName,
    interfaces: [],
    bucketOf: { aggregation: aggregation.name, interval },
  }));
}
