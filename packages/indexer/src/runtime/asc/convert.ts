import type { EntityData, Value } from "../../types.js";
import * as decimal from "../bigDecimal.js";
import { ETH_VALUE_KIND, type EthToken } from "../ethToken.js";
import type { JsonNode } from "../jsonValue.js";
import type { AscHeap } from "./heap.js";

const STORE_KIND = [
  "String",
  "Int",
  "BigDecimal",
  "Bool",
  "Array",
  "Null",
  "Bytes",
  "BigInt",
  "Int8",
  "Timestamp",
] as const;

export class AscConversionError extends Error {
  override readonly name = "AscConversionError";
}

// ---- BigInt / BigDecimal ----

export function readBigInt(heap: AscHeap, ptr: number): bigint {
  return heap.readBigInt(ptr);
}

export function writeBigInt(heap: AscHeap, value: bigint): number {
  return heap.newBigInt(value);
}

export function readBigDecimal(heap: AscHeap, ptr: number): decimal.Decimal {
  return decimal.fromDigitsExp(readBigInt(heap, heap.u32(ptr)), readBigInt(heap, heap.u32(ptr + 4)));
}

export function writeBigDecimal(heap: AscHeap, value: decimal.Decimal): number {
  const { digits, exp } = decimal.toDigitsExp(value);
  const d = writeBigInt(heap, digits);
  const e = writeBigInt(heap, exp);
  return heap.newObject([d, e], "BigDecimal");
}

// ---- store values and entities ----

export function readValue(heap: AscHeap, ptr: number): Value {
  const kind = heap.i32(ptr);
  const payload = ptr + 8;
  switch (STORE_KIND[kind]) {
    case "String":
      return { kind: "String", value: heap.readString(heap.u32(payload)) };
    case "Int":
      return { kind: "Int", value: heap.i32(payload) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: decimal.format(readBigDecimal(heap, heap.u32(payload))) };
    case "Bool":
      return { kind: "Bool", value: heap.u64(payload) !== 0n };
    case "Array":
      return {
        kind: "Array",
        value: heap.readPointerArray(heap.u32(payload)).map((p) => readValue(heap, p)),
      };
    case "Null":
      return { kind: "Null" };
    case "Bytes":
      return { kind: "Bytes", value: heap.readBytes(heap.u32(payload)) };
    case "BigInt":
      return { kind: "BigInt", value: readBigInt(heap, heap.u32(payload)) };
    case "Int8":
      return { kind: "Int8", value: heap.i64(payload) };
    case "Timestamp":
      return { kind: "Timestamp", value: heap.i64(payload) };
    default:
      throw new AscConversionError(`unknown store value kind ${kind}`);
  }
}

export function writeValue(heap: AscHeap, value: Value): number {
  const kind = STORE_KIND.indexOf(value.kind);
  let payload: bigint;
  switch (value.kind) {
    case "String":
      payload = BigInt(heap.newString(value.value));
      break;
    case "Int":
      payload = BigInt(value.value);
      break;
    case "BigDecimal":
      payload = BigInt(writeBigDecimal(heap, decimal.parse(value.value)));
      break;
    case "Bool":
      payload = value.value ? 1n : 0n;
      break;
    case "Array":
      payload = BigInt(
        heap.newPointerArray(
          value.value.map((v) => writeValue(heap, v)),
          "ArrayStoreValue",
        ),
      );
      break;
    case "Null":
      payload = 0n;
      break;
    case "Bytes":
      payload = BigInt(heap.newBytes(value.value));
      break;
    case "BigInt":
      payload = BigInt(writeBigInt(heap, value.value));
      break;
    case "Int8":
    case "Timestamp":
      payload = value.value;
      break;
  }
  return heap.newEnum(kind, payload, "StoreValue");
}

/** `TypedMap<string, Value>` (an `Entity` or a `DataSourceContext`). */
export function readEntity(heap: AscHeap, ptr: number): EntityData {
  const out: EntityData = new Map();
  for (const entry of heap.readPointerArray(heap.u32(ptr))) {
    out.set(heap.readString(heap.u32(entry)), readValue(heap, heap.u32(entry + 4)));
  }
  return out;
}

export function writeEntity(heap: AscHeap, data: EntityData): number {
  const entries: number[] = [];
  for (const [key, value] of data) {
    entries.push(
      heap.newObject([heap.newString(key), writeValue(heap, value)], "TypedMapEntryStringStoreValue"),
    );
  }
  return heap.newObject(
    [heap.newPointerArray(entries, "ArrayTypedMapEntryStringStoreValue")],
    "TypedMapStringStoreValue",
  );
}

// ---- ethereum.Value ----

export function readToken(heap: AscHeap, ptr: number): EthToken {
  const kind = heap.i32(ptr);
  const payload = ptr + 8;
  const ref = (): number => Number(heap.u64(payload) & 0xffffffffn);
  switch (kind) {
    case ETH_VALUE_KIND.address:
      return { kind: "address", value: heap.readBytes(ref()) };
    case ETH_VALUE_KIND.fixedBytes:
      return { kind: "fixedBytes", value: heap.readBytes(ref()) };
    case ETH_VALUE_KIND.bytes:
      return { kind: "bytes", value: heap.readBytes(ref()) };
    case ETH_VALUE_KIND.int:
      return { kind: "int", value: readBigInt(heap, ref()) };
    case ETH_VALUE_KIND.uint:
      return { kind: "uint", value: readBigInt(heap, ref()) };
    case ETH_VALUE_KIND.bool:
      return { kind: "bool", value: heap.u64(payload) !== 0n };
    case ETH_VALUE_KIND.string:
      return { kind: "string", value: heap.readString(ref()) };
    case ETH_VALUE_KIND.fixedArray:
      return { kind: "fixedArray", value: heap.readPointerArray(ref()).map((p) => readToken(heap, p)) };
    case ETH_VALUE_KIND.array:
      return { kind: "array", value: heap.readPointerArray(ref()).map((p) => readToken(heap, p)) };
    case ETH_VALUE_KIND.tuple:
      return { kind: "tuple", value: heap.readPointerArray(ref()).map((p) => readToken(heap, p)) };
    default:
      throw new AscConversionError(`unknown ethereum value kind ${kind}`);
  }
}

export function writeToken(heap: AscHeap, token: EthToken): number {
  let payload: bigint;
  switch (token.kind) {
    case "address":
    case "fixedBytes":
    case "bytes":
      payload = BigInt(heap.newBytes(token.value));
      break;
    case "int":
    case "uint":
      payload = BigInt(writeBigInt(heap, token.value));
      break;
    case "bool":
      payload = token.value ? 1n : 0n;
      break;
    case "string":
      payload = BigInt(heap.newString(token.value));
      break;
    case "fixedArray":
    case "array":
    case "tuple":
      payload = BigInt(writeTokenArray(heap, token.value));
      break;
  }
  return heap.newEnum(ETH_VALUE_KIND[token.kind], payload, "EthereumValue");
}

export function writeTokenArray(heap: AscHeap, tokens: readonly EthToken[]): number {
  return heap.newPointerArray(
    tokens.map((t) => writeToken(heap, t)),
    "ArrayEthereumValue",
  );
}

// ---- JSONValue ----

const JSON_KIND = { null: 0, bool: 1, number: 2, string: 3, array: 4, object: 5 } as const;

export function writeJson(heap: AscHeap, node: JsonNode): number {
  let payload: bigint;
  switch (node.kind) {
    case "null":
      payload = 0n;
      break;
    case "bool":
      payload = node.value ? 1n : 0n;
      break;
    case "number":
      payload = BigInt(heap.newString(node.text));
      break;
    case "string":
      payload = BigInt(heap.newString(node.value));
      break;
    case "array":
      payload = BigInt(
        heap.newPointerArray(
          node.items.map((n) => writeJson(heap, n)),
          "ArrayJsonValue",
        ),
      );
      break;
    case "object": {
      const entries = node.entries.map(([k, v]) =>
        heap.newObject([heap.newString(k), writeJson(heap, v)], "TypedMapEntryStringJsonValue"),
      );
      payload = BigInt(
        heap.newObject(
          [heap.newPointerArray(entries, "ArrayTypedMapEntryStringJsonValue")],
          "TypedMapStringJsonValue",
        ),
      );
      break;
    }
  }
  return heap.newEnum(JSON_KIND[node.kind], payload, "JsonValue");
}
