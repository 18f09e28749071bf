// `Value`s as JSON, for data source contexts: tagged so that every kind survives the round trip.
import type { EntityData, Value } from "../types.js";
import { bytesToHex, hexToBytes } from "./codec.js";

type Tagged = { readonly k: Value["kind"]; readonly v?: unknown };

export function valueToJson(value: Value): Tagged {
  switch (value.kind) {
    case "Null":
      return { k: "Null" };
    case "Array":
      return { k: "Array", v: value.value.map(valueToJson) };
    case "Bytes":
      return { k: "Bytes", v: bytesToHex(value.value) };
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return { k: value.kind, v: value.value.toString() };
    default:
      return { k: value.kind, v: value.value };
  }
}

function isTagged(json: unknown): json is Tagged {
  return typeof json === "object" && json !== null && "k" in json;
}

export function valueFromJson(json: unknown): Value {
  if (!isTagged(json)) return { kind: "Null" };
  const v = json.v;
  switch (json.k) {
    case "String":
      return { kind: "String", value: String(v) };
    case "Int":
      return { kind: "Int", value: Number(v) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: String(v) };
    case "Bool":
      return { kind: "Bool", value: v === true };
    case "Array":
      return { kind: "Array", value: Array.isArray(v) ? v.map(valueFromJson) : [] };
    case "Bytes":
      return { kind: "Bytes", value: hexToBytes(String(v)) ?? new Uint8Array() };
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return { kind: json.k, value: BigInt(String(v)) };
    default:
      return { kind: "Null" };
  }
}

export function entityDataToJson(data: EntityData): string {
  return JSON.stringify([...data].map(([key, value]) => [key, valueToJson(value)]));
}

export function entityDataFromJson(text: string): EntityData {
  const parsed: unknown = JSON.parse(text);
  const data: EntityData = new Map();
  if (!Array.isArray(parsed)) return data;
  for (const entry of parsed) {
    if (Array.isArray(entry) && typeof entry[0] === "string") data.set(entry[0], valueFromJson(entry[1]));
  }
  return data;
}
