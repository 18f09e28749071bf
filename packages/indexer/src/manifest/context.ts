import { toCanonicalString } from "../runtime/bigDecimal.js";
import type { EntityData, Value } from "../types.js";
import { ManifestError } from "./errors.js";

/** Reads a manifest `context:` block (`key: { type, data }`) into entity data, as graph-node does. */
export function parseContext(raw: unknown, file: string, key: string): EntityData {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ManifestError(file, key, "expected a mapping of `name: { type, data }`");
  }
  const out: EntityData = new Map();
  for (const [name, entry] of Object.entries(raw)) {
    out.set(name, contextValue(entry, file, `${key}.${name}`));
  }
  return out;
}

function contextValue(entry: unknown, file: string, key: string): Value {
  if (typeof entry !== "object" || entry === null) {
    throw new ManifestError(file, key, "expected `{ type, data }`");
  }
  const type = (entry as { type?: unknown }).type;
  const data = (entry as { data?: unknown }).data;
  switch (type) {
    case "Bool":
      return { kind: "Bool", value: data === true || data === "true" };
    case "String":
      return { kind: "String", value: String(data) };
    case "Int": {
      const n = Number(data);
      if (!Number.isInteger(n)) throw new ManifestError(file, key, `not an Int: ${String(data)}`);
      return { kind: "Int", value: n };
    }
    case "Int8":
      return { kind: "Int8", value: BigInt(String(data)) };
    case "BigInt":
      return { kind: "BigInt", value: BigInt(String(data)) };
    case "BigDecimal":
      try {
        return { kind: "BigDecimal", value: toCanonicalString(String(data)) };
      } catch {
        throw new ManifestError(file, key, `not a BigDecimal: ${String(data)}`);
      }
    case "Bytes": {
      const hex = String(data).replace(/^0x/, "");
      if (!/^([0-9a-fA-F]{2})*$/.test(hex))
        throw new ManifestError(file, key, `not hex bytes: ${String(data)}`);
      return { kind: "Bytes", value: Uint8Array.from(Buffer.from(hex, "hex")) };
    }
    case "List": {
      if (!Array.isArray(data)) throw new ManifestError(file, key, "List data must be a sequence");
      return { kind: "Array", value: data.map((item, i) => contextValue(item, file, `${key}[${i}]`)) };
    }
    default:
      throw new ManifestError(file, `${key}.type`, `unknown context type ${String(type)}`);
  }
}
