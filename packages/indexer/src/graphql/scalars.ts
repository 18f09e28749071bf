// graph-node's extra scalars. Outputs are already strings (see `toGraphQL`); inputs become the JS values the
// store's `Value`s hold: BigInt/Int8/Timestamp → bigint, Bytes → Uint8Array, BigDecimal → canonical text.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { canonicalDecimal, hexToBytes } from "../store/index.js";

function literal(node: ValueNode, type: string): string {
  if (node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT) return node.value;
  throw new GraphQLError(`${type} values must be strings`);
}

function text(value: unknown, type: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  throw new GraphQLError(`${type} values must be strings`);
}

function parseInteger(input: string, type: string, bits: number | null): bigint {
  if (!/^-?\d+$/.test(input.trim())) throw new GraphQLError(`\`${input}\` is not a valid ${type}`);
  const value = BigInt(input.trim());
  if (bits !== null) {
    const limit = 1n << BigInt(bits - 1);
    if (value < -limit || value >= limit) throw new GraphQLError(`\`${input}\` is out of range for ${type}`);
  }
  return value;
}

function parseBytes(input: string): Uint8Array {
  const bytes = hexToBytes(input);
  if (!bytes) throw new GraphQLError(`\`${input}\` is not a valid hex string of whole bytes`);
  return bytes;
}

function parseDecimal(input: string): string {
  const canonical = canonicalDecimal(input);
  if (canonical === null) throw new GraphQLError(`\`${input}\` is not a valid BigDecimal`);
  return canonical;
}

function outputText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  throw new GraphQLError(`cannot serialize ${typeof value}`);
}

export const GraphQLBigInt = new GraphQLScalarType<bigint, string>({
  name: "BigInt",
  serialize: outputText,
  parseValue: (v) => parseInteger(text(v, "BigInt"), "BigInt", null),
  parseLiteral: (node) => parseInteger(literal(node, "BigInt"), "BigInt", null),
});

export const GraphQLInt8 = new GraphQLScalarType<bigint, string>({
  name: "Int8",
  description: "8 bytes signed integer",
  serialize: outputText,
  parseValue: (v) => parseInteger(text(v, "Int8"), "Int8", 64),
  parseLiteral: (node) => parseInteger(literal(node, "Int8"), "Int8", 64),
});

export const GraphQLTimestamp = new GraphQLScalarType<bigint, string>({
  name: "Timestamp",
  description: "A string representation of microseconds UNIX timestamp (16 digits)",
  serialize: outputText,
  parseValue: (v) => parseInteger(text(v, "Timestamp"), "Timestamp", 64),
  parseLiteral: (node) => parseInteger(literal(node, "Timestamp"), "Timestamp", 64),
});

export const GraphQLBigDecimal = new GraphQLScalarType<string, string>({
  name: "BigDecimal",
  serialize: outputText,
  parseValue: (v) => parseDecimal(text(v, "BigDecimal")),
  parseLiteral: (node) => parseDecimal(literal(node, "BigDecimal")),
});

export const GraphQLBytes = new GraphQLScalarType<Uint8Array, string>({
  name: "Bytes",
  serialize: outputText,
  parseValue: (v) => parseBytes(text(v, "Bytes")),
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw new GraphQLError("Bytes values must be strings");
    return parseBytes(node.value);
  },
});

/**
 * graph-node's `Aggregation_interval` is an enum, and graph-node also accepts its values as strings
 * (`interval: "hour"`), which a GraphQL enum does not: here it is a scalar taking either form.
 */
function enumLike(name: string, values: readonly string[]): GraphQLScalarType<string, string> {
  const check = (input: string): string => {
    if (!values.includes(input)) {
      throw new GraphQLError(`\`${input}\` is not a valid ${name}; expected one of ${values.join(", ")}`);
    }
    return input;
  };
  return new GraphQLScalarType<string, string>({
    name,
    serialize: outputText,
    parseValue: (v) => check(text(v, name)),
    parseLiteral: (node) => {
      if (node.kind === Kind.ENUM || node.kind === Kind.STRING) return check(node.value);
      throw new GraphQLError(`${name} values must be one of ${values.join(", ")}`);
    },
  });
}

export const GraphQLAggregationInterval = enumLike("Aggregation_interval", ["hour", "day"]);

export const GraphQLAggregationCurrent = enumLike("Aggregation_current", ["exclude", "include"]);
