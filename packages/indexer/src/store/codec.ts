// How field values live in SQLite columns and in the JSON of list columns.
import type { BaseType, FieldModel, IdType } from "../schema/model.js";
import type { EntityKey, Value } from "../types.js";
import { decodeBigDecimal, decodeBigInt, encodeBigDecimal, encodeBigInt } from "./decimal.js";

export type SqlValue = string | number | bigint | Buffer | null;
type JsonItem = string | number | boolean | null;

export type ValueKind = Value["kind"];

export function bytesToHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

/** `null` when the text is not even-length hex (with or without `0x`). */
export function hexToBytes(text: string): Uint8Array | null {
  const buffer = hexToBuffer(text);
  return buffer === null ? null : new Uint8Array(buffer);
}

/** `hexToBytes` as a Buffer (what SQLite binds as a BLOB), without a second copy. */
function hexToBuffer(text: string): Buffer | null {
  const hex = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  return Buffer.from(hex, "hex");
}

export function idValueKind(idType: IdType): ValueKind {
  return idType === "String" ? "String" : idType;
}

/** The `Value` kind a field of this base type holds (list items for list fields). */
export function expectedKind(type: BaseType): ValueKind {
  switch (type.kind) {
    case "enum":
      return "String";
    case "reference":
      return idValueKind(type.idType);
    case "scalar":
      switch (type.name) {
        case "ID":
        case "String":
          return "String";
        case "Boolean":
          return "Bool";
        default:
          return type.name;
      }
  }
}

/** The GraphQL-ish name of a value kind, for error messages. */
export function kindName(kind: ValueKind): string {
  return kind === "Bool" ? "Boolean" : kind === "Array" ? "List" : kind;
}

export function keyToSql(idType: IdType, key: EntityKey): SqlValue {
  switch (idType) {
    case "String":
      return key;
    case "Bytes":
      return hexToBuffer(key) ?? Buffer.alloc(0);
    case "Int8":
      return BigInt(key);
  }
}

export function sqlToKey(idType: IdType, raw: unknown): EntityKey {
  if (idType === "Bytes" && raw instanceof Uint8Array) return bytesToHex(raw);
  return String(raw);
}

/** The store key of an `id` value (`Bytes` as lowercase hex, `Int8` as decimal). */
export function idValueToKey(value: Value): EntityKey | null {
  switch (value.kind) {
    case "String":
      return value.value;
    case "Bytes":
      return bytesToHex(value.value);
    case "Int8":
      return value.value.toString();
    default:
      return null;
  }
}

export function keyToIdValue(idType: IdType, key: EntityKey): Value {
  switch (idType) {
    case "String":
      return { kind: "String", value: key };
    case "Bytes":
      return { kind: "Bytes", value: hexToBytes(key) ?? new Uint8Array() };
    case "Int8":
      return { kind: "Int8", value: BigInt(key) };
  }
}

/** A validated value as its column holds it. */
export function toSql(value: Value): SqlValue {
  switch (value.kind) {
    case "String":
      return value.value;
    case "Int":
      return value.value;
    case "BigDecimal":
      return encodeBigDecimal(value.value);
    case "Bool":
      return value.value ? 1 : 0;
    case "Array":
      return JSON.stringify(value.value.map(toJsonItem));
    case "Null":
      return null;
    case "Bytes":
      // A view, not a copy: SQLite copies the bytes when it binds them.
      return Buffer.from(value.value.buffer, value.value.byteOffset, value.value.byteLength);
    case "BigInt":
      return encodeBigInt(value.value);
    case "Int8":
    case "Timestamp":
      return value.value;
  }
}

/** A list item as the JSON of a list column holds it; `json_each` compares against `toJsonParam`. */
export function toJsonItem(value: Value): JsonItem {
  switch (value.kind) {
    case "String":
    case "BigDecimal":
      return value.value;
    case "Int":
      return value.value;
    case "Bool":
      return value.value;
    case "Bytes":
      return bytesToHex(value.value);
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return value.value.toString();
    case "Null":
    case "Array":
      return null;
  }
}

/** A list item as `json_each(...).value` yields it (booleans come out as 0/1). */
export function toJsonParam(value: Value): SqlValue {
  const item = toJsonItem(value);
  if (typeof item === "boolean") return item ? 1 : 0;
  return item;
}

function fromJsonItem(item: unknown, type: BaseType): Value {
  if (item === null || item === undefined) return { kind: "Null" };
  const text = String(item);
  switch (expectedKind(type)) {
    case "String":
      return { kind: "String", value: text };
    case "Int":
      return { kind: "Int", value: Number(item) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: text };
    case "Bool":
      return { kind: "Bool", value: item === true };
    case "Bytes":
      return { kind: "Bytes", value: hexToBytes(text) ?? new Uint8Array() };
    case "BigInt":
      return { kind: "BigInt", value: BigInt(text) };
    case "Int8":
      return { kind: "Int8", value: BigInt(text) };
    case "Timestamp":
      return { kind: "Timestamp", value: BigInt(text) };
    default:
      return { kind: "Null" };
  }
}

/** A column read with `safeIntegers` back into a `Value`. */
export function fromSql(raw: unknown, field: FieldModel): Value {
  if (raw === null || raw === undefined) return { kind: "Null" };
  if (field.list) {
    const items: unknown = JSON.parse(String(raw));
    return {
      kind: "Array",
      value: Array.isArray(items) ? items.map((item) => fromJsonItem(item, field.type)) : [],
    };
  }
  switch (expectedKind(field.type)) {
    case "String":
      return { kind: "String", value: String(raw) };
    case "Int":
      return { kind: "Int", value: Number(raw) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: decodeBigDecimal(String(raw)) };
    case "Bool":
      return { kind: "Bool", value: Number(raw) !== 0 };
    case "Bytes":
      return { kind: "Bytes", value: raw instanceof Uint8Array ? new Uint8Array(raw) : new Uint8Array() };
    case "BigInt":
      return { kind: "BigInt", value: decodeBigInt(String(raw)) };
    case "Int8":
      return { kind: "Int8", value: BigInt(raw as bigint | number | string) };
    case "Timestamp":
      return { kind: "Timestamp", value: BigInt(raw as bigint | number | string) };
    default:
      return { kind: "Null" };
  }
}

/** A short rendering of a value for error messages. */
export function displayValue(value: Value): string {
  switch (value.kind) {
    case "Null":
      return "null";
    case "Array":
      return `[${value.value.map(displayValue).join(", ")}]`;
    case "Bytes":
      return bytesToHex(value.value);
    default:
      return String(value.value);
  }
}
